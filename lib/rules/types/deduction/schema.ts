import { z } from "zod";
import { MAX_COUNT, TOO_LARGE, ZDate } from "../../../engine/values";
import { ZName, ZNote } from "../../../zod/text";
import { ZCode, ZPoints } from "../../primitives";

const ZGroup = z.enum(["department", "county", "city"]);

/**
 * 每个县市区配备好三个高清视频会议室，每缺少一个扣0.05分: the kind's events may also come from
 * an inventory — how many each unit has against `required` each; the missing ones count as
 * events of the kind (per unit or pooled: reading R4.rooms).
 */
export const ZDeductionInventory = z.object({
  required: z.number().int().positive(), // how many each unit should have: 3
  itemLabel: z.string(), // what is counted: 高清视频会议室
  group: ZGroup.optional(), // the units an inventory lists (their names come from units.yaml): county
});

export const ZDeductionKind = z.object({
  code: ZCode,
  name: z.string(),
  perEvent: ZPoints,
  /** measure word for one event, for display: "次" (default), "个", "项" */
  eventUnit: z.string().optional(),
  /** 漏洞: a second charge when the fix came more than `afterDays` days after the notice, or never. */
  lateFix: z.object({ afterDays: z.number().int().positive(), points: ZPoints, name: z.string() }).optional(),
  inventory: ZDeductionInventory.optional(),
});

export const ZDeductionPool = z.object({
  code: ZCode,
  name: z.string().optional(),
  cap: ZPoints, // the most this pool can take away
  kinds: z.array(ZDeductionKind).min(1),
});

/** Start at `start`, subtract per event, each pool capped, never below `floor`. */
export const ZDeductionRule = z
  .object({
    type: z.literal("deduction"),
    start: ZPoints,
    floor: ZPoints.default(0),
    pools: z.array(ZDeductionPool).min(1),
  })
  .refine((r) => r.pools.flatMap((p) => p.kinds).filter((k) => k.inventory).length <= 1, { message: "一条扣分规则最多一个扣分类型设配备清单（inventory）", path: ["pools"] });

export const ZDeductionEvent = z
  .object({
    kind: z.string().min(1, "请填写扣分类型").max(64, "扣分类型无效").describe("扣分类型代码（规则 pools[].kinds[].code）"),
    /** how many times it happened (default 1) */
    count: z.number().int("应为整数").min(1, "次数至少为 1").max(MAX_COUNT, TOO_LARGE).optional().describe("次数（个数），默认 1"),
    date: ZDate.optional().describe("发生/通报日期 YYYY-MM-DD"),
    /** for kinds with a late-fix charge: when it was fixed; null or absent = not fixed */
    fixedDate: ZDate.nullable().optional().describe("整改（修复反馈）日期；仅用于有整改期限的类型；null 或不填表示未整改"),
    note: ZNote.optional(),
  })
  .strict();
/** one line of an inventory: a unit (absent: the fact's own unit) and how many it has */
export const ZInventoryEntry = z
  .object({
    unit: ZName.optional().describe("单位名称（如 梅列区）；不填表示填报单位本身"),
    count: z.number().int("应为整数").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE).describe("已配备的数量"),
  })
  .strict();
export const ZDeductionValue = z
  .object({
    events: z.array(ZDeductionEvent).describe("扣分事项；无扣分事项时为空数组"),
    inventory: z.array(ZInventoryEntry).max(1000, "清单最多 1000 行").optional().describe("配备清单（仅规则设有 inventory 的扣分类型）：各单位已配备的数量，缺少的按规则计为该类型的扣分事项"),
  })
  .strict()
  .describe("扣分型（deduction）");
export type TInventoryEntry = z.infer<typeof ZInventoryEntry>;
export type TDeductionEvent = z.infer<typeof ZDeductionEvent>;
export type TDeductionValue = z.infer<typeof ZDeductionValue>;
