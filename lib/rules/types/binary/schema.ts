import { z } from "zod";
import { ZDate } from "../../../engine/values";
import { ZTitle } from "../../../zod/text";
import { ZPoints } from "../../primitives";

/** 10 or 0 (数据中心整合, 技术方案, 知识库). */
export const ZBinaryRule = z.object({
  type: z.literal("binary"),
  points: ZPoints,
  yesLabel: z.string(), // e.g. "已正式印发实施方案"
  referenceLabel: z.string().optional(), // e.g. "印发文号"
});

/** binary: achieved or not, with the document that proves it. */
export const ZBinaryValue = z
  .object({
    yes: z.boolean().describe("是否达到要求"),
    reference: ZTitle.optional().describe("文号、方案名称等依据"),
    date: ZDate.optional().describe("日期 YYYY-MM-DD"),
  })
  .strict()
  .describe("是否型（binary）");
