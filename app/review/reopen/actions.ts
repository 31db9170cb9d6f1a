"use server";
// 重新开放定稿 (admin:editions), with a reason.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { reopenPart } from "@/lib/review/review";
import { freeText } from "@/lib/zod/text";

const ZReopen = z.object({
  editionId: z.number().int().positive(),
  partCode: z.string().trim().min(1).max(40),
  reason: freeText("reason", "重新开放的理由").min(1, "请填写重新开放的理由"),
});

export const reopenPartAction = defineAction({ name: "results.reopen", action: "admin:editions", schema: ZReopen }, async ({ user, input, ip }) => {
  const out = await reopenPart(user, ip, input);
  revalidatePath("/review/reopen");
  revalidatePath("/review/finalise");
  return out;
});
