import { z } from "zod";
import { MAX_COUNT, TOO_LARGE } from "../../../engine/values";
import { ZName } from "../../../zod/text";
import { ZPoints } from "../../primitives";

/** points × min(1, numerator / target); target is the denominator or a fixed saturation number. */
export const ZRatioRule = z.object({
  type: z.literal("ratio"),
  points: ZPoints,
  numeratorLabel: z.string(),
  denominatorLabel: z.string().optional(),
  saturateAt: z.number().int().positive().optional(), // "不少于30个" → 30; absent → the denominator
});

/** ratio: numerator / denominator (or / the rule's saturateAt). */
export const ZRatioValue = z
  .object({
    numerator: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE).describe("分子，如已覆盖的部门数"),
    denominator: z.number().int("应为整数").positive("应为正整数").max(MAX_COUNT, TOO_LARGE).optional().describe("分母；规则设有 saturateAt（如“不少于30个”）时可不填"),
    list: z.array(ZName).max(100000, "清单过长").optional().describe("分子所计对象的名称清单（可选；填写时去重后的个数须等于分子）"),
  })
  .strict()
  .describe("比例型（ratio）");
