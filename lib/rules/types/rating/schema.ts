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
