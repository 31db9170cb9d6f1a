"use server";
// 结果公布 and 申诉处理 (review:write). lib/results/appeals does the work.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { decideAppeal, getAppealUnit, publishResults, ZDecideAppeal, ZPublishResults } from "@/lib/results/appeals";

export const publishResultsAction = defineAction({ name: "results.publish", action: "review:write", schema: ZPublishResults }, async ({ user, input, ip }) => {
  const out = await publishResults(user, ip, input);
  revalidatePath("/review/appeals");
  return out;
});

export const decideAppealAction = defineAction(
  { name: "appeal.decide", action: "review:write", schema: ZDecideAppeal, unit: (i) => getAppealUnit(i.appealId) },
  async ({ user, input, ip }) => {
    const out = await decideAppeal(user, ip, input);
    revalidatePath("/review/appeals");
    return out;
  },
);
