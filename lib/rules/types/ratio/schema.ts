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
  /**
   * 覆盖…及所辖县（市、区）: how many units of a group are covered (k of all of them, their
   * number from units.yaml) may be entered too; it scores by reading R5.counties and, when the
   * leaf has the precondition `precondition`, answers it (all covered = met).
   */
  coverage: z
    .object({
      label: z.string(), // 已覆盖的县（市、区）数
      group: z.enum(["department", "county", "city"]),
      precondition: z.string().optional(), // the leaf's precondition this count answers: fgxq
    })
    .optional(),
});

/** ratio: numerator / denominator (or / the rule's saturateAt). */
export const ZRatioValue = z
  .object({
    numerator: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE).describe("分子，如已覆盖的部门数"),
    denominator: z.number().int("应为整数").positive("应为正整数").max(MAX_COUNT, TOO_LARGE).optional().describe("分母；规则设有 saturateAt（如“不少于30个”）时可不填"),
    list: z.array(ZName).max(100000, "清单过长").optional().describe("分子所计对象的名称清单（可选；填写时去重后的个数须等于分子）"),
    covered: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE).optional().describe("已覆盖的单位数（仅规则设有 coverage 时，如已覆盖的县（市、区）数，不大于该组单位总数）"),
  })
  .strict()
  .describe("比例型（ratio）");
