// The engine's input: facts entered per unit and item (self-assessed or reviewed),
// plus post-normalisation penalties (加重扣分, reading R13).
// One zod schema per boundary, with its inferred type beside it. Value shapes depend on
// the leaf's rule type; validate-input.ts checks them against the edition.
import { z } from "zod";
import { ZNote, ZReason } from "../zod/text";

export { ZDecimalInput, type TDecimalInput, ZNonNegativeDecimal, MAX_COUNT, ZMonthlyCount, ZDate, isCalendarDate, daysBetween } from "./values";
import { ZDecimalInput } from "./values";

const ZRequiredReason = ZReason.min(1, "请填写理由");

// ---- Value shapes: each rule type's module holds its own (lib/rules/types/<type>/schema.ts) ----

export { ZCountValue, type TCountValue } from "../rules/types/count/schema";
export { ZBinaryValue } from "../rules/types/binary/schema";
export { ZRatioValue } from "../rules/types/ratio/schema";
export { ZDeductionEvent, ZDeductionValue, type TDeductionEvent, type TDeductionValue } from "../rules/types/deduction/schema";
export { ZTiersMonthlyValue, ZTiersPlainValue, ZTiersValue, type TTiersValue } from "../rules/types/tiers/schema";
export { ZChoiceValue } from "../rules/types/choice/schema";
export { ZRatingValue } from "../rules/types/rating/schema";
export { ZVetoValue } from "../rules/types/veto/schema";
import { RULE_TYPES } from "../rules/types";

/** Every value shape of every rule type (the precise schema is picked by the leaf's rule in validate-input). */
const ALL_VALUE_SCHEMAS = Object.values(RULE_TYPES).flatMap((m) => m.values);
export const ZFactValue = z.union(ALL_VALUE_SCHEMAS as [z.ZodType, z.ZodType, ...z.ZodType[]]);
export type TFactValue = unknown;

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
