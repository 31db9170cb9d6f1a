import { z } from "zod";
import { ZNonNegativeDecimal } from "../../../engine/values";
import { ZPoints } from "../../primitives";

/** A reviewer's rating within 0..max, no rubric in the seed. */
export const ZRatingRule = z.object({
  type: z.literal("rating"),
  max: ZPoints,
  step: ZPoints.optional(), // e.g. "0.5"
});

export const ZRatingValue = z.object({ score: ZNonNegativeDecimal.describe("评审评分，0～满分") }).strict().describe("评分型（rating）");

/** A rating per column of the 分解表 (重点信息公开: each column the unit keeps, rated 0..max). */
export const ZRatingColumnsValue = z
  .object({
    columns: z
      .array(
        z
          .object({
            column: z.string().min(1, "请填写栏目代码").describe("栏目代码（指标 columns 中的一个）"),
            score: ZNonNegativeDecimal.describe("该栏目的评分，0～满分"),
          })
          .strict(),
      )
      .min(1, "请至少为一个栏目评分")
      .describe("每个栏目一行"),
  })
  .strict()
  .describe("评分型（rating，分栏目）");
