import { z } from "zod";
import { MAX_COUNT, TOO_LARGE, ZDate } from "../../../engine/values";
import { ZNote } from "../../../zod/text";
import { ZCode, ZPoints } from "../../primitives";

export const ZDeductionKind = z.object({
  code: ZCode,
  name: z.string(),
  perEvent: ZPoints,
  /** measure word for one event, for display: "次" (default), "个", "项" */
  eventUnit: z.string().optional(),
  /** 漏洞: a second charge when the fix came more than `afterDays` days after the notice, or never. */
  lateFix: z.object({ afterDays: z.number().int().positive(), points: ZPoints, name: z.string() }).optional(),
});

export const ZDeductionPool = z.object({
  code: ZCode,
  name: z.string().optional(),
  cap: ZPoints, // the most this pool can take away
  kinds: z.array(ZDeductionKind).min(1),
});

/** Start at `start`, subtract per event, each pool capped, never below `floor`. */
export const ZDeductionRule = z.object({
  type: z.literal("deduction"),
  start: ZPoints,
  floor: ZPoints.default(0),
  pools: z.array(ZDeductionPool).min(1),
});

export const ZDeductionEvent = z
  .object({
    kind: z.string().min(1, "请填写扣分类型").max(64, "扣分类型无效").describe("扣分类型代码（规则 pools[].kinds[].code）"),
    /** how many times it happened (default 1) */
    count: z.number().int("应为整数").min(1, "次数至少为 1").max(MAX_COUNT, TOO_LARGE).optional().describe("次数（个数），默认 1"),
    date: ZDate.optional().describe("发生/通报日期 YYYY-MM-DD"),
    /** for kinds with a late-fix charge: when it was fixed; null or absent = not fixed */
    fixedDate: ZDate.nullable().optional().describe("整改（修复反馈）日期；仅用于有整改期限的类型；null 或不填表示未整改"),
    note: ZNote.optional(),
  })
  .strict();
export const ZDeductionValue = z.object({ events: z.array(ZDeductionEvent).describe("扣分事项；无扣分事项时为空数组") }).strict().describe("扣分型（deduction）");
export type TDeductionEvent = z.infer<typeof ZDeductionEvent>;
export type TDeductionValue = z.infer<typeof ZDeductionValue>;
