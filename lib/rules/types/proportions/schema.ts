import { z } from "zod";
import { MAX_COUNT, TOO_LARGE } from "../../../engine/values";
import { ZCode, ZPoints } from "../../primitives";

/** One proportion of the rule: its numerator and denominator in words, and the points it carries. */
export const ZProportionShare = z
  .object({
    code: ZCode, // key of the value's entry, e.g. "qlsx"
    label: z.string().min(1), // 行政权力事项
    numeratorLabel: z.string().min(1), // 已发布办事指南的事项数
    denominatorLabel: z.string().min(1), // 纳入本级行政权力清单的事项总数
    points: ZPoints, // what this share is worth when complete
  })
  .strict();

/**
 * 按…占比计分 for several proportions at once (服务覆盖度: 权力事项 and 公共服务事项 each with
 * its own share of points): score = Σ points × min(1, numerator ÷ denominator).
 */
export const ZProportionsRule = z
  .object({
    type: z.literal("proportions"),
    shares: z.array(ZProportionShare).min(1),
  })
  .strict();

const ZShareValue = z
  .object({
    numerator: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE).describe("分子，如已发布办事指南的事项数"),
    denominator: z.number().int("应为整数").positive("应为正整数").max(MAX_COUNT, TOO_LARGE).describe("分母，如纳入本级清单的事项总数"),
  })
  .strict();

/** proportions: one numerator/denominator per share of the rule, keyed by the share's code. */
export const ZProportionsValue = z
  .object({
    shares: z.record(z.string(), ZShareValue).describe("每个占比一项，键为规则中该占比的代码（code），如 { \"a\": { \"numerator\": 80, \"denominator\": 100 } }"),
  })
  .strict()
  .describe("多项占比型（proportions）");
export type TProportionsValue = z.infer<typeof ZProportionsValue>;
