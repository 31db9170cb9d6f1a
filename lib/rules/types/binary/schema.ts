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

/**
 * binary on an opt-in item (专题专栏): the unit is not involved in the base requirement but
 * claims a bonus (主动提供专题建设). R9.notInvolved decides how the base counts.
 */
export const ZBinaryNotInvolvedValue = z
  .object({
    notInvolved: z.literal(true).describe("未涉及本项基础要求（仅申报加分）"),
    reference: ZTitle.optional().describe("主动建设的专题名称等依据"),
    date: ZDate.optional().describe("日期 YYYY-MM-DD"),
  })
  .strict()
  .describe("是否型（binary，未涉及但申报加分）");
