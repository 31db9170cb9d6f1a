"use server";
// 申诉 from a unit's scorecard (appeal:write, own unit only). lib/results/appeals does the work.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { fileAppeal, ZFileAppeal } from "@/lib/results/appeals";

export const fileAppealAction = defineAction({ name: "appeal.file", action: "appeal:write", schema: ZFileAppeal, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await fileAppeal(user, ip, input);
  revalidatePath(`/scorecards/${encodeURIComponent(input.unitCode)}`);
  return out;
});
