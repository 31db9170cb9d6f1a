// The edition format: what a year's indicator system looks like as data.
// Files under rules/<edition-id>/ are parsed with these schemas, then cross-checked by
// validate.ts (unit references, codes, columns). Numbers that score are written as
// decimal strings ("0.05") or integers so nothing passes through binary floating point.
import { z } from "zod";
import { ZReadingChoices } from "./readings";

import { ZCode, ZPoints, type TPoints } from "./primitives";
import { RULE_MODULES, type TRule, type TRuleType } from "./types";

export { ZCode, ZPoints, type TPoints };

export const VERIFICATION_METHODS = ["自评上报", "网上核查", "现场检查", "在线监测", "日常监察"] as const;
export const ZMethod = z.enum(VERIFICATION_METHODS);

/** Where a reading of an ambiguous sentence is recorded, beside the rule it shapes. */
export const ZReading = z.object({
  id: z.string(), // e.g. "R1" = reading 1 of docs/scoring.md / domain.md
  source: z.string(), // the seed's sentence, verbatim
  chosen: z.string(), // the reading the product uses
  alternatives: z.array(z.string()).default([]),
});
export type TReading = z.infer<typeof ZReading>;

/** Responsible unit reference: a unit code, a unit name/alias, or a collective name. */
export const ZResponsible = z.object({
  unit: z.string(), // resolved against units.yaml (code, name, alias or collective)
  role: z.enum(["lead", "cooperate"]),
  inferred: z.boolean().default(false), // blank cell resolved by reading 16
  note: z.string().optional(),
});
export type TResponsible = z.infer<typeof ZResponsible>;

/** A yes/no fact that must hold or the item scores 0 (e.g. 调查征集 needs a survey and a solicitation). */
export const ZPrecondition = z.object({ code: ZCode, label: z.string() });

// ---- Rule types -------------------------------------------------------------------

// Rule types: the parameter schema of each lives in its module, lib/rules/types/<type>/schema.ts;
// the union is derived from the registry (lib/rules/types/index.ts), so a new type adds no line here.
export const ZRule = z.discriminatedUnion(
  "type",
  RULE_MODULES.map((m) => m.params) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>, ...z.ZodObject<{ type: z.ZodLiteral<string> }>[]],
) as unknown as z.ZodType<TRule>;
export type { TRule, TRuleType };

/** Bonus (+) or penalty (−) entries on an item, each applied once with a reason. */
export const ZModifier = z.object({
  code: ZCode,
  kind: z.enum(["bonus", "penalty"]),
  name: z.string(),
  points: ZPoints,
});
export type TModifier = z.infer<typeof ZModifier>;

// ---- Indicator tree -----------------------------------------------------------------

export const ZAssessmentText = z.object({
  content: z.string().optional(), // 考核内容
  requirement: z.string().optional(), // 考核要求
  explanation: z.string().optional(), // 考核说明
  scoring: z.string().optional(), // 分值计算 (verbatim)
});

export type TIndicator = {
  code: string;
  name: string;
  max: TPoints;
  /**
   * Reading 1: "cap" → score = min(max, Σ children); "sum" → Σ children, max only declared;
   * "rescale" → Σ children × max ÷ Σ children's max. A node that records reading R1 takes
   * the edition's `readings.R1` option instead.
   */
  aggregate?: "cap" | "sum" | "rescale";
  text?: z.infer<typeof ZAssessmentText>;
  methods?: (typeof VERIFICATION_METHODS)[number][];
  responsible?: TResponsible[];
  responsibleText?: string; // the seed's cell, verbatim
  readings?: TReading[];
  children?: TIndicator[];
  // leaves only:
  rule?: TRule;
  scope?: "city" | "unit";
  /** city aggregate pools this per-unit item's facts (e.g. county 视频会议 events) */
  rollupToCity?: boolean;
  preconditions?: z.infer<typeof ZPrecondition>[];
  modifiers?: TModifier[];
  /** part 2: the website columns this scoring item assesses */
  columns?: string[];
  /** how a unit comes to be assessed on this item */
  applicability?: "responsible" | "columns" | "all-departments" | "opt-in";
  allowNotApplicable?: boolean;
};

export const ZIndicator: z.ZodType<TIndicator> = z.lazy(() =>
  z
    .object({
      code: ZCode,
      name: z.string().min(1),
      max: ZPoints,
      aggregate: z.enum(["cap", "sum", "rescale"]).optional(),
      text: ZAssessmentText.optional(),
      methods: z.array(ZMethod).optional(),
      responsible: z.array(ZResponsible).optional(),
      responsibleText: z.string().optional(),
      readings: z.array(ZReading).optional(),
      children: z.array(ZIndicator).optional(),
      rule: ZRule.optional(),
      scope: z.enum(["city", "unit"]).optional(),
      rollupToCity: z.boolean().optional(),
      preconditions: z.array(ZPrecondition).optional(),
      modifiers: z.array(ZModifier).optional(),
      columns: z.array(z.string()).optional(),
      applicability: z.enum(["responsible", "columns", "all-departments", "opt-in"]).optional(),
      allowNotApplicable: z.boolean().optional(),
    })
    .strict(),
);

/** 内容保障分解表: the website column tree. Leaves carry content and responsible units. */
export type TColumn = {
  code: string;
  name: string;
  content?: string; // 保障内容说明
  responsible?: TResponsible[];
  responsibleText?: string;
  /** content/units cell inherited from the row above (blank in the seed) */
  inheritedFrom?: string;
  /** which cells were blank and filled from `inheritedFrom` */
  inherited?: ("content" | "responsible")[];
  children?: TColumn[];
};
export const ZColumn: z.ZodType<TColumn> = z.lazy(() =>
  z
    .object({
      code: ZCode,
      name: z.string().min(1),
      content: z.string().optional(),
      responsible: z.array(ZResponsible).optional(),
      responsibleText: z.string().optional(),
      inheritedFrom: z.string().optional(),
      inherited: z.array(z.enum(["content", "responsible"])).optional(),
      children: z.array(ZColumn).optional(),
    })
    .strict(),
);

export const ZPart = z
  .object({
    code: ZCode,
    name: z.string(),
    /** weight of this part in the overall score (reading 15) */
    weight: ZPoints.default(1),
    /** 加重扣分: reviewer-entered penalty applied after normalisation (reading 13) */
    allowPostPenalty: z.boolean().default(false),
    note: z.string().optional(),
    readings: z.array(ZReading).optional(),
    indicators: z.array(ZIndicator).min(1),
    columns: z.array(ZColumn).optional(),
  })
  .strict();
export type TPart = z.infer<typeof ZPart>;

export const ZUnitGroup = z.enum(["department", "county", "city"]);
export type TUnitGroup = z.infer<typeof ZUnitGroup>;

export const ZUnit = z
  .object({
    code: ZCode,
    name: z.string(),
    group: ZUnitGroup,
    aliases: z.array(z.string()).default([]),
  })
  .strict();
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitsFile = z
  .object({
    units: z.array(ZUnit).min(1),
    /** collective cells (市直各部门, 各县（市、区）政府…) and the group they expand to */
    collectives: z.array(z.object({ name: z.string(), group: ZUnitGroup })).default([]),
  })
  .strict();
export type TUnitsFile = z.infer<typeof ZUnitsFile>;

// ---- Edition-level data (not rule definitions): deadlines, monitoring, its import sheets ----

/**
 * An item whose records are checked against the official holiday calendar: each record
 * is due `workdays` working days after its start (7日公示: 7; 政策解读: 3).
 */
export const ZDeadlineItem = z
  .object({
    item: ZCode,
    workdays: z.number().int().positive().max(60),
    /** column headings of the review screen's records table */
    startLabel: z.string().min(1),
    doneLabel: z.string().min(1),
  })
  .strict();
export type TDeadlineItem = z.infer<typeof ZDeadlineItem>;

/** What a reviewer can record on /review/monitoring; each writes to one item (and kind). */
export const FINDING_TARGETS = ["rollcall", "venue", "discipline", "rooms", "conditions", "staffing", "vulnerability", "outreach", "website", "posts"] as const;
export type FindingTarget = (typeof FINDING_TARGETS)[number];
/** Finding targets recorded as deduction events need a kind; website (choice) and posts (tiers) do not. */
export const EVENT_TARGETS: readonly FindingTarget[] = ["rollcall", "venue", "discipline", "rooms", "conditions", "staffing", "vulnerability", "outreach"];

/** The monitoring import's sheets, one per finding type, and the fields each may have as columns. */
export const FINDING_SHEET_FIELDS = {
  meeting: ["unitCode", "date", "rollcall", "venue", "discipline", "method", "note"],
  rooms: ["unitCode", "date", "rooms", "conditions", "staffing", "method", "note"],
  vulnerability: ["unitCode", "date", "fixedDate", "method", "note"],
  outreach: ["unitCode", "date", "count", "method", "note"],
  website: ["unitCode", "level", "date", "method", "note"],
  posts: ["unitCode", "column", "monthly", "method", "note"],
  penalty: ["unitCode", "partCode", "points", "reason"],
} as const;
export type FindingSheetType = keyof typeof FINDING_SHEET_FIELDS;
/** Columns a sheet may leave out (the finding takes its default). */
export const OPTIONAL_SHEET_FIELDS = ["method", "note", "date", "fixedDate"];

export const ZFindingSheet = z
  .object({
    finding: z.enum(Object.keys(FINDING_SHEET_FIELDS) as [FindingSheetType, ...FindingSheetType[]]),
    name: z.string().min(1).max(31), // an Excel sheet name has at most 31 characters
    /**
     * 填写说明 for the sheet. Placeholders are filled from the rules, so a number is stated
     * once: {lateFix.afterDays} {lateFix.points} {lateFix.name} {perEvent} (漏洞 sheet),
     * {levels} (网站 levels), {months} (动态信息's months).
     */
    help: z.string().min(1),
    /** `monthly` expands to one column per month, its header with {month} replaced (e.g. "{month}月") */
    columns: z.array(z.object({ field: z.string(), header: z.string().min(1), width: z.number().int().positive().max(100).default(14) }).strict()).min(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    const allowed: readonly string[] = FINDING_SHEET_FIELDS[s.finding];
    const seen = new Set<string>();
    s.columns.forEach((c, i) => {
      if (!allowed.includes(c.field)) ctx.addIssue({ code: "custom", path: ["columns", i, "field"], message: `工作表“${s.name}”不能有列“${c.field}”；可用：${allowed.join("、")}` });
      if (seen.has(c.field)) ctx.addIssue({ code: "custom", path: ["columns", i, "field"], message: `列“${c.field}”重复` });
      seen.add(c.field);
    });
    for (const f of allowed) if (!seen.has(f) && !OPTIONAL_SHEET_FIELDS.includes(f)) ctx.addIssue({ code: "custom", path: ["columns"], message: `工作表“${s.name}”缺少列“${f}”` });
  });
export type TFindingSheet = z.infer<typeof ZFindingSheet>;

export const ZMonitoring = z
  .object({
    /** finding → the item (and, for events, the deduction kind) it writes to */
    targets: z.partialRecord(z.enum(FINDING_TARGETS), z.object({ item: ZCode, kind: ZCode.optional() }).strict()),
    /** the xlsx import's sheets, in order */
    sheets: z.array(ZFindingSheet).default([]),
  })
  .strict();
export type TMonitoring = z.infer<typeof ZMonitoring>;

/**
 * 沿用上年指标: which edition this one continues, and for items whose code changed, which
 * item of that edition each continues. Used by the 试算 (last year's facts under a draft)
 * and by 历年对比 (a unit's item scores across years).
 */
export const ZPrevious = z
  .object({
    /** the `id` of the edition this one continues (last year's) */
    edition: ZCode,
    /**
     * this edition's item code → the previous edition's item code it continues; `null`: a new
     * item that continues none (even if the previous edition has an item of the same code).
     * Items not listed continue the previous edition's item of the same code, if there is one.
     */
    items: z.record(ZCode, ZCode.nullable()).optional(),
  })
  .strict();
export type TPrevious = z.infer<typeof ZPrevious>;

export const ZEditionFile = z
  .object({
    id: ZCode,
    name: z.string(),
    year: z.number().int().min(2000).max(2100),
    source: z.string().optional(),
    /** part files, in order, relative to the edition folder */
    parts: z.array(z.string()).min(1),
    units: z.string().default("units.yaml"),
    /** legacy spelling of readings.R15 (only "weighted-mean"); prefer `readings: { R15: … }` */
    overall: z.enum(["weighted-mean"]).optional(),
    /** reading options (lib/rules/readings.ts): key → option; omitted keys take the default */
    readings: ZReadingChoices.optional(),
    /**
     * 考核方式 for which the unit must attach 佐证材料: an item whose methods (its own, else
     * its nearest ancestor's) include one of these is listed before 提交 when it has none.
     * Omitted: no method asks for evidence.
     */
    evidenceMethods: z.array(ZMethod).optional(),
    /**
     * A published edition that is not yet the year in progress: imported and scorable, chosen
     * by EDITION=<id> or by its id, but never the default edition (which is the newest year's
     * edition that is not a preview). Omitted: false.
     */
    preview: z.boolean().optional(),
    /** items whose records are due a number of working days after their start */
    deadlines: z.array(ZDeadlineItem).optional(),
    /** monitoring findings' target items and the xlsx import's sheets */
    monitoring: ZMonitoring.optional(),
    /** the edition's demo data (lib/demo), relative to the edition folder */
    demo: z.string().optional(),
    /** the edition this one continues and its item mapping (沿用上年指标) */
    previous: ZPrevious.optional(),
  })
  .strict();
export type TEditionFile = z.infer<typeof ZEditionFile>;

/** A whole edition after loading its files. */
export type TEdition = {
  id: string;
  name: string;
  year: number;
  source?: string;
  /** legacy spelling of readings.R15 */
  overall?: "weighted-mean";
  /** the edition's reading options (lib/rules/readings.ts); omitted keys take the default */
  readings?: Partial<Record<string, string>>;
  /** 考核方式 that ask the unit for 佐证材料 (omitted: none) */
  evidenceMethods?: (typeof VERIFICATION_METHODS)[number][];
  /** not the default edition (see ZEditionFile.preview) */
  preview?: boolean;
  /** working-day deadline items (omitted: none) */
  deadlines?: TDeadlineItem[];
  /** monitoring targets and import sheets (omitted: no monitoring findings) */
  monitoring?: TMonitoring;
  /** the demo data file's parsed content (lib/demo/plan-data.ts checks it), when the edition has one */
  demo?: unknown;
  /** the edition this one continues and its item mapping (omitted: items map by code only) */
  previous?: TPrevious;
  parts: TPart[];
  units: TUnit[];
  collectives: { name: string; group: TUnitGroup }[];
};
