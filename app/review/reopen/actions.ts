"use server";
// 重新开放定稿 (admin:editions), with a reason.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { reopenPart } from "@/lib/review/review";

const ZReopen = z.object({
  editionId: z.number().int().positive(),
  partCode: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(1, "请填写重新开放的理由").max(1000, "理由最多 1000 字"),
});

export const reopenPartAction = defineAction({ name: "results.reopen", action: "admin:editions", schema: ZReopen }, async ({ user, input, ip }) => {
  const out = await reopenPart(user, ip, input);
  revalidatePath("/review/reopen");
  revalidatePath("/review/finalise");
  return out;
});
