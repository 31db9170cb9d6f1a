import { z } from "zod";
import { ZName } from "../../../zod/text";
import { ZPoints } from "../../primitives";

/** 每建成1个平台得0.5分，本项最高4分 */
export const ZCountRule = z.object({
  type: z.literal("count"),
  pointsPer: ZPoints,
  cap: ZPoints,
  itemLabel: z.string(), // what is counted, e.g. "平台"
  verb: z.string().optional(), // how an item comes to count, for display: "建成" → "每建成1个平台"
});

/** count: the names of what was counted (platforms…); count = distinct non-empty names. */
export const ZCountValue = z
  .object({ items: z.array(ZName).max(1000, "名称最多 1000 个").describe("所计对象的名称（如平台名称）；按去重后的非空名称计数") })
  .strict()
  .describe("计数型（count）");
export type TCountValue = z.infer<typeof ZCountValue>;
