// The boundaries of the evidence feature: what a request may carry and what leaves the
// server (never the storage key or a whole row).
import { z } from "zod";
import { isCalendarDate } from "../engine/facts";
import { ZTitle } from "../zod/text";

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const ZDateString = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isCalendarDate, "不是有效的日期");
const ZOptionalDate = z.preprocess(blankToUndefined, ZDateString.optional());
const ZOptionalTitle = z.preprocess(blankToUndefined, ZTitle.optional());

export const ZEvidenceTarget = z.object({
  editionId: z.coerce.number().int("考核年度无效").positive("考核年度无效"),
  unitCode: z.string().trim().min(1, "缺少单位").max(64),
  itemCode: z.string().trim().min(1, "缺少指标").max(128),
});
export type TEvidenceTarget = z.infer<typeof ZEvidenceTarget>;

/** The period the evidence claims to cover, in order. */
function periodInOrder(v: { coversFrom?: string; coversTo?: string }, ctx: z.RefinementCtx) {
  if (v.coversFrom && v.coversTo && v.coversFrom > v.coversTo) {
    ctx.addIssue({ code: "custom", path: ["coversTo"], message: "结束日期不能早于开始日期" });
  }
}

export const ZUploadFields = ZEvidenceTarget.extend({ title: ZOptionalTitle, coversFrom: ZOptionalDate, coversTo: ZOptionalDate }).superRefine(periodInOrder);
export type TUploadFields = z.infer<typeof ZUploadFields>;

export const ZHttpUrl = z
  .string()
  .trim()
  .min(1, "请填写网址")
  .max(2000, "网址过长")
  .transform((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: "custom", message: "网址格式不正确，应以 http:// 或 https:// 开头" });
      return z.NEVER;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "只能添加 http:// 或 https:// 开头的网址" });
      return z.NEVER;
    }
    if (u.username || u.password) {
      ctx.addIssue({ code: "custom", message: "网址中不能包含用户名或密码" });
      return z.NEVER;
    }
    return u.href;
  });

export const ZAddEvidenceLink = ZEvidenceTarget.extend({
  url: ZHttpUrl,
  title: ZOptionalTitle,
  coversFrom: ZOptionalDate,
  coversTo: ZOptionalDate,
}).superRefine(periodInOrder);
export type TAddEvidenceLink = z.infer<typeof ZAddEvidenceLink>;

/** Listing: one item, or (without itemCode) every item of the unit. */
export const ZListEvidence = ZEvidenceTarget.extend({ itemCode: z.preprocess(blankToUndefined, z.string().trim().max(128).optional()) });
export type TListEvidence = z.infer<typeof ZListEvidence>;

/** Any string: an id that is not one of ours is simply not found (after the unit check). */
export const ZEvidenceId = z.object({ id: z.string().trim().min(1, "缺少佐证材料编号").max(64) });

export const ZEvidence = z.object({
  id: z.string(),
  itemCode: z.string(),
  kind: z.enum(["file", "link"]),
  title: z.string().nullable(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  url: z.string().nullable(),
  coversFrom: z.string().nullable(),
  coversTo: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
  previewable: z.boolean(),
});
export type TEvidence = z.infer<typeof ZEvidence>;
