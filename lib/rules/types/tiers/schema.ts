import { z } from "zod";
import { ZMonthlyCount, ZNonNegativeDecimal } from "../../../engine/values";
import { ZPoints } from "../../primitives";

/** Tiers over a number: the first tier whose `min` the measure reaches; else `otherwise`. */
export const ZTiersRule = z.object({
  type: z.literal("tiers"),
  measure: z.enum(["value", "monthlyAverage"]),
  measureLabel: z.string(),
  months: z.number().int().positive().max(36).optional(), // for monthlyAverage: the assessment year's months (required by rules:check)
  firstMonth: z.number().int().min(1).max(12).optional(), // calendar month of the first of them (default 1: 1月 … 12月)
  tiers: z.array(z.object({ min: ZPoints, points: ZPoints })).min(1), // ordered high → low
  otherwise: ZPoints, // below the lowest tier
});

export const ZTiersMonthlyValue = z
  .object({ monthly: z.array(ZMonthlyCount.nullable()).describe("每月数量，共 months 个（默认 12）；未填的月份写 null") })
  .strict()
  .describe("分档型（tiers，按月均）");
/** Monthly counts per column of the 分解表 (the columns the item names): the months add up across columns. */
export const ZTiersColumnsValue = z
  .object({
    columns: z
      .array(
        z
          .object({
            column: z.string().min(1, "请填写栏目代码").describe("栏目代码（指标 columns 中的一个）"),
            monthly: z.array(ZMonthlyCount.nullable()).describe("该栏目每月数量，共 months 个；未填的月份写 null"),
          })
          .strict(),
      )
      .min(1, "请至少填写一个栏目")
      .describe("每个栏目一行"),
  })
  .strict()
  .describe("分档型（tiers，按月均，分栏目）");
export const ZTiersPlainValue = z.object({ value: ZNonNegativeDecimal.describe("分档所依据的数值") }).strict().describe("分档型（tiers，按数值）");
export const ZTiersValue = z.union([ZTiersMonthlyValue, ZTiersColumnsValue, ZTiersPlainValue]);
export type TTiersValue = z.infer<typeof ZTiersValue>;
