import { z } from "zod";
import { ZReason } from "../../../zod/text";

/** 单项否决: a unit that triggers it fails the part whatever its points. */
export const ZVetoRule = z.object({
  type: z.literal("veto"),
  condition: z.string(), // what triggers the veto
});

export const ZVetoValue = z
  .object({ triggered: z.boolean().describe("是否触发否决事项"), reason: ZReason.optional() })
  .strict()
  .describe("否决型（veto）");
