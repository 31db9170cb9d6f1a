import { z } from "zod";
import { ZCode, ZPoints } from "../../primitives";

/** Choose among levels (在线访谈 正职/副职/其他; 网站通报 级别). */
export const ZChoiceRule = z.object({
  type: z.literal("choice"),
  levels: z.array(z.object({ code: ZCode, name: z.string(), points: ZPoints })).min(1),
  /** several selected levels: the best (highest points) or the worst (lowest points) counts */
  combine: z.enum(["highest", "lowest"]),
  /** points when no level is selected (no interview → 0; no 通报 → 20) */
  noneLabel: z.string(),
  nonePoints: ZPoints,
});

export const ZChoiceValue = z
  .object({ levels: z.array(z.string().min(1)).describe("所选级别代码；空数组表示“无”（如未开展访谈、未被通报）") })
  .strict()
  .describe("选择型（choice）");
