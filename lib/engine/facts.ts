// The engine's input: facts entered per unit and item (self-assessed or reviewed),
// plus post-normalisation penalties (加重扣分, reading R13).
// One zod schema per boundary, with its inferred type beside it. Value shapes depend on
// the leaf's rule type; validate-input.ts checks them against the edition.
import { z } from "zod";
import { ZName, ZNote, ZReason, ZTitle } from "../zod/text";

/** A decimal number given as a string ("0.05") or a JSON number (read via its decimal string). */
export const ZDecimalInput = z.union([
  z.string().regex(/^[+-]?\d+(\.\d+)?$/, "应为小数，例如 \"0.5\""),
  z.number().refine((n) => Number.isFinite(n), "应为有限数"),
]);
export type TDecimalInput = z.infer<typeof ZDecimalInput>;

/** A non-negative decimal (string or number). */
export const ZNonNegativeDecimal = z.union([
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "应为非负小数，例如 \"0.5\"")
    .refine((s) => /^\d{1,9}(\.|$)/.test(s), "数值过大"),
  z.number().nonnegative("应为非负数").max(999_999_999, "数值过大").refine((n) => Number.isFinite(n), "应为有限数"),
]);

/** The largest count a form or the API accepts (posts per month, events, departments…). */
export const MAX_COUNT = 100_000;
const tooLarge = `数值过大（最多 ${MAX_COUNT}）`;

/** A count per month: a whole number (string or JSON number), 0..MAX_COUNT; "8.5" posts is refused. */
export const ZMonthlyCount = z.union([
  z.string().regex(/^\d+$/, "应为整数（条数不能有小数）").refine((s) => Number(s) <= MAX_COUNT, tooLarge),
  z.number().int("应为整数（条数不能有小数）").nonnegative("应为非负整数").max(MAX_COUNT, tooLarge),
]);

/** YYYY-MM-DD that is a real calendar date (2017-02-30 is rejected). */
export const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isCalendarDate, "不是有效的日历日期");
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= dim[mo - 1];
}
/** Whole calendar days from a to b (both valid YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

const ZRequiredReason = ZReason.min(1, "请填写理由");

// ---- Value shapes, one per rule type -------------------------------------------------

/** count: the names of what was counted (platforms…); count = distinct non-empty names. */
export const ZCountValue = z
  .object({ items: z.array(ZName).max(1000, "名称最多 1000 个").describe("所计对象的名称（如平台名称）；按去重后的非空名称计数") })
  .strict()
  .describe("计数型（count）");
/** binary: achieved or not, with the document that proves it. */
export const ZBinaryValue = z
  .object({
    yes: z.boolean().describe("是否达到要求"),
    reference: ZTitle.optional().describe("文号、方案名称等依据"),
    date: ZDate.optional().describe("日期 YYYY-MM-DD"),
  })
  .strict()
  .describe("是否型（binary）");
/** ratio: numerator / denominator (or / the rule's saturateAt). */
export const ZRatioValue = z
  .object({
    numerator: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, tooLarge).describe("分子，如已覆盖的部门数"),
    denominator: z.number().int("应为整数").positive("应为正整数").max(MAX_COUNT, tooLarge).optional().describe("分母；规则设有 saturateAt（如“不少于30个”）时可不填"),
    list: z.array(ZName).max(100000, "清单过长").optional().describe("分子所计对象的名称清单（可选；填写时去重后的个数须等于分子）"),
  })
  .strict()
  .describe("比例型（ratio）");
export const ZDeductionEvent = z
  .object({
    kind: z.string().min(1, "请填写扣分类型").max(64, "扣分类型无效").describe("扣分类型代码（规则 pools[].kinds[].code）"),
    /** how many times it happened (default 1) */
    count: z.number().int("应为整数").min(1, "次数至少为 1").max(MAX_COUNT, tooLarge).optional().describe("次数（个数），默认 1"),
    date: ZDate.optional().describe("发生/通报日期 YYYY-MM-DD"),
    /** for kinds with a late-fix charge: when it was fixed; null or absent = not fixed */
    fixedDate: ZDate.nullable().optional().describe("整改（修复反馈）日期；仅用于有整改期限的类型；null 或不填表示未整改"),
    note: ZNote.optional(),
  })
  .strict();
export const ZDeductionValue = z.object({ events: z.array(ZDeductionEvent).describe("扣分事项；无扣分事项时为空数组") }).strict().describe("扣分型（deduction）");
export const ZTiersMonthlyValue = z
  .object({ monthly: z.array(ZMonthlyCount.nullable()).describe("每月数量，共 months 个（默认 12）；未填的月份写 null") })
  .strict()
  .describe("分档型（tiers，按月均）");
export const ZTiersPlainValue = z.object({ value: ZNonNegativeDecimal.describe("分档所依据的数值") }).strict().describe("分档型（tiers，按数值）");
export const ZTiersValue = z.union([ZTiersMonthlyValue, ZTiersPlainValue]);
export const ZChoiceValue = z
  .object({ levels: z.array(z.string().min(1)).describe("所选级别代码；空数组表示“无”（如未开展访谈、未被通报）") })
  .strict()
  .describe("选择型（choice）");
export const ZRatingValue = z.object({ score: ZNonNegativeDecimal.describe("评审评分，0～满分") }).strict().describe("评分型（rating）");
export const ZVetoValue = z
  .object({ triggered: z.boolean().describe("是否触发否决事项"), reason: ZReason.optional() })
  .strict()
  .describe("否决型（veto）");

export type TCountValue = z.infer<typeof ZCountValue>;
export type TBinaryValue = z.infer<typeof ZBinaryValue>;
export type TRatioValue = z.infer<typeof ZRatioValue>;
export type TDeductionEvent = z.infer<typeof ZDeductionEvent>;
export type TDeductionValue = z.infer<typeof ZDeductionValue>;
export type TTiersValue = z.infer<typeof ZTiersValue>;
export type TChoiceValue = z.infer<typeof ZChoiceValue>;
export type TRatingValue = z.infer<typeof ZRatingValue>;
export type TVetoValue = z.infer<typeof ZVetoValue>;

/** The value schema for each rule type (validate-input picks one by the leaf's rule). */
export const VALUE_SCHEMAS = {
  count: ZCountValue,
  binary: ZBinaryValue,
  ratio: ZRatioValue,
  deduction: ZDeductionValue,
  tiers: ZTiersValue,
  choice: ZChoiceValue,
  rating: ZRatingValue,
  veto: ZVetoValue,
} as const;

export const ZFactValue = z.union([
  ZCountValue,
  ZBinaryValue,
  ZRatioValue,
  ZDeductionValue,
  ZTiersMonthlyValue,
  ZTiersPlainValue,
  ZChoiceValue,
  ZRatingValue,
  ZVetoValue,
]);
export type TFactValue = z.infer<typeof ZFactValue>;

// ---- Facts ------------------------------------------------------------------------------

export const ZFactSource = z.enum(["self", "review"]);
export type TFactSource = z.infer<typeof ZFactSource>;

const itemFactShape = {
  /** unit code (units.yaml); city-level items are entered under "city" */
  unit: z.string().min(1, "请填写单位代码").describe("单位代码；全市统一考核项填 \"city\""),
  /** leaf indicator code */
  item: z.string().min(1, "请填写指标代码").describe("末级指标代码"),
  source: ZFactSource.describe("self = 自评，review = 审核"),
  notApplicable: z.object({ reason: ZRequiredReason }).strict().optional().describe("本项对本单位不适用（仅限规则允许的指标），须写明理由"),
  conditions: z.record(z.string(), z.boolean()).optional().describe("前提条件是否满足：{ 条件代码: true/false }"),
  modifiers: z
    .array(z.object({ code: z.string().min(1), reason: ZRequiredReason }).strict())
    .optional()
    .describe("加分/减分项（规则 modifiers[].code），每项只计一次，须写明理由"),
  /** review only: the reviewer sets the item score within [0, max + bonuses] */
  override: z
    .object({ score: ZDecimalInput, reason: ZRequiredReason })
    .strict()
    .optional()
    .describe("仅审核数据：审核员核定本项得分（0～满分+加分），替代按规则计算的分数"),
  note: ZNote.optional().describe("备注"),
};

export const ZItemFact = z
  .object({ ...itemFactShape, value: ZFactValue.optional().describe("填报值，形状取决于指标的规则类型") })
  .strict()
  .describe("一个单位在一个末级指标上的一条事实（自评或审核）");
export type TItemFact = z.infer<typeof ZItemFact>;
export type TModifierEntry = NonNullable<TItemFact["modifiers"]>[number];

/** 加重扣分 (R13): a reviewer-entered penalty on a unit's part, after normalisation. */
export const ZPostPenalty = z
  .object({
    unit: z.string().min(1, "请填写单位代码"),
    part: z.string().min(1, "请填写考核部分代码"),
    points: z.union([
      z.string().regex(/^\d+(\.\d+)?$/, "应为正的小数，例如 \"2\""),
      z.number().positive("扣分应大于 0"),
    ]),
    reason: ZRequiredReason,
    source: z.literal("review"),
  })
  .strict();
export type TPostPenalty = z.infer<typeof ZPostPenalty>;

export const ZScoringInput = z
  .object({
    /** edition id, e.g. "sanming-2017" */
    edition: z.string().min(1).describe("规则版本，如 \"sanming-2017\""),
    facts: z.array(ZItemFact),
    penalties: z.array(ZPostPenalty).optional().describe("加重扣分（R13）：折算为百分制后扣除"),
  })
  .strict()
  .describe("评分输入");
export type TScoringInput = z.infer<typeof ZScoringInput>;

/**
 * Structural schema used for the first validation pass: the value is checked later
 * against the leaf's rule type, which gives precise messages instead of a union error.
 */
export const ZItemFactEnvelope = z.object({ ...itemFactShape, value: z.unknown().optional() }).strict();
export const ZScoringInputEnvelope = z
  .object({
    edition: z.string().min(1, "请填写规则版本，例如 \"sanming-2017\""),
    facts: z.array(ZItemFactEnvelope),
    penalties: z.array(ZPostPenalty).optional(),
  })
  .strict();
