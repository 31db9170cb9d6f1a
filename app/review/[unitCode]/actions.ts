"use server";
// Server actions of the review screen (review:write). The data functions in lib/review do the work.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { saveDeadlineRecords, ZDeadlineRecords } from "@/lib/review/import";
import { previewAdjustment } from "@/lib/review/preview";
import { bulkReviewItems, ZBulkItems } from "@/lib/review/bulk";
import { acceptItem, addPostPenalty, adjustItem, returnItem } from "@/lib/review/review";
import { VERIFICATION_METHODS } from "@/lib/rules/schema";
import { freeText } from "@/lib/zod/text";

const ZItemRef = {
  editionId: z.number().int().positive(),
  unitCode: z.string().trim().min(1).max(60),
  itemCode: z.string().trim().min(1).max(80),
};
const ZMethodField = z.enum(VERIFICATION_METHODS, { error: "请选择核查方式" });

const ZAccept = z.object({ ...ZItemRef, method: ZMethodField, comment: freeText("comment", "审核意见").optional() });
const ZReturn = z.object({ ...ZItemRef, comment: freeText("comment", "退回意见").min(1, "请填写退回意见") });
const ZAdjust = z.object({
  ...ZItemRef,
  method: ZMethodField,
  reason: freeText("reason", "调整理由").min(1, "请填写调整理由"),
  /** the reviewer's facts; their shape is checked by the engine against the item's rule */
  payload: z.record(z.string(), z.unknown()),
});
const ZPreviewAdjust = z.object({ ...ZItemRef, payload: z.record(z.string(), z.unknown()) });

/** One action, one reason: a score override takes the adjustment's 调整理由 as its reason. */
function withOverrideReason(payload: Record<string, unknown>, reason: string): Record<string, unknown> {
  const o = payload.override as { score?: unknown; reason?: unknown } | undefined;
  if (!o || typeof o !== "object") return payload;
  return { ...payload, override: { ...o, reason: typeof o.reason === "string" && o.reason.trim() ? o.reason : reason } };
}

const ZPenalty = z.object({
  editionId: z.number().int().positive(),
  unitCode: z.string().trim().min(1).max(60),
  partCode: z.string().trim().min(1).max(40),
  points: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, "扣分应为正数，最多两位小数"),
  reason: freeText("reason", "加重扣分理由").min(1, "请填写加重扣分理由"),
});

const refresh = (unitCode: string) => revalidatePath(`/review/${encodeURIComponent(unitCode)}`);

export const acceptItemAction = defineAction({ name: "review.accept", action: "review:write", schema: ZAccept, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await acceptItem(user, ip, input);
  refresh(input.unitCode);
  return out;
});

export const returnItemAction = defineAction({ name: "review.return", action: "review:write", schema: ZReturn, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await returnItem(user, ip, input);
  refresh(input.unitCode);
  return out;
});

export const adjustItemAction = defineAction({ name: "review.adjust", action: "review:write", schema: ZAdjust, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await adjustItem(user, ip, { ...input, payload: withOverrideReason(input.payload, input.reason) });
  refresh(input.unitCode);
  return out;
});

/** The engine's score for a draft adjustment, before 保存调整; nothing is written. */
export const previewAdjustmentAction = defineAction(
  { name: "review.previewAdjust", action: "review:write", schema: ZPreviewAdjust, unit: (i) => i.unitCode },
  async ({ input }) => {
    const payload = withOverrideReason(input.payload, "（预览）");
    const r = await previewAdjustment({ ...input, payload });
    if (!r.ok) return { ok: false as const, fieldErrors: r.fieldErrors };
    return { ok: true as const, score: r.result.score?.display ?? null, max: r.result.max.display, state: r.result.state, trace: r.result.trace };
  },
);

export const saveDeadlineRecordsAction = defineAction(
  { name: "review.deadlineRecords", action: "review:write", schema: ZDeadlineRecords, unit: (i) => i.unitCode },
  async ({ user, input, ip }) => {
    const out = await saveDeadlineRecords(user, ip, input);
    refresh(input.unitCode);
    return out;
  },
);

export const addPostPenaltyAction = defineAction({ name: "review.postPenalty", action: "review:write", schema: ZPenalty, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await addPostPenalty(user, ip, input);
  refresh(input.unitCode);
  return out;
});

/** 批量通过 / 批量退回 of the items ticked on the unit's page: one transaction, one audit row per item. */
export const bulkReviewItemsAction = defineAction({ name: "review.bulkItems", action: "review:write", schema: ZBulkItems, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await bulkReviewItems(user, ip, input);
  refresh(input.unitCode);
  return out;
});
