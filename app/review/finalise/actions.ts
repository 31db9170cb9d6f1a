"use server";
// 定稿 (review:write): after this nothing in the part changes until an admin reopens it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { finalisePart } from "@/lib/review/review";

const ZFinalise = z.object({ editionId: z.number().int().positive(), partCode: z.string().trim().min(1).max(40), acceptRemaining: z.boolean() });

export const finalisePartAction = defineAction({ name: "results.finalise", action: "review:write", schema: ZFinalise }, async ({ user, input, ip }) => {
  const out = await finalisePart(user, ip, input);
  revalidatePath("/review/finalise");
  return { finalised: out.finalised, acceptedAsSubmitted: out.acceptedAsSubmitted.length };
});
