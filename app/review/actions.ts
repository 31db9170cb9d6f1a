"use server";
// Server actions of the review queue (review:write): bulk decisions over whole units.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { bulkReviewUnits, ZBulkUnits } from "@/lib/review/bulk";

/** 批量通过 / 批量退回 every waiting item of the units ticked in the queue: one transaction. */
export const bulkReviewUnitsAction = defineAction({ name: "review.bulkUnits", action: "review:write", schema: ZBulkUnits, unit: (i) => i.unitCodes[0] ?? null }, async ({ user, input, ip }) => {
  const out = await bulkReviewUnits(user, ip, input);
  revalidatePath("/review");
  for (const u of input.unitCodes) revalidatePath(`/review/${encodeURIComponent(u)}`);
  return out;
});
