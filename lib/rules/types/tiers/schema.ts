import { z } from "zod";
import { ZMonthlyCount, ZNonNegativeDecimal } from "../../../engine/values";
import { ZPoints } from "../../primitives";

/** Tiers over a number: the first tier whose `min` the measure reaches; else `otherwise`. */
export const ZTiersRule = z.object({
  type: z.literal("tiers"),
  measure: z.enum(["value", "monthlyAverage"]),
  measureLabel: z.string(),
  months: z.number().int().positive().optional(), // for monthlyAverage, default 12
  tiers: z.array(z.object({ min: ZPoints, points: ZPoints })).min(1), // ordered high → low
  otherwise: ZPoints, // below the lowest tier
});

export const ZTiersMonthlyValue = z
  .object({ monthly: z.array(ZMonthlyCount.nullable()).describe("每月数量，共 months 个（默认 12）；未填的月份写 null") })
  .strict()
  .describe("分档型（tiers，按月均）");
export const ZTiersPlainValue = z.object({ value: ZNonNegativeDecimal.describe("分档所依据的数值") }).strict().describe("分档型（tiers，按数值）");
export const ZTiersValue = z.union([ZTiersMonthlyValue, ZTiersPlainValue]);
export type TTiersValue = z.infer<typeof ZTiersValue>;
