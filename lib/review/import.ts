import "server-only";
// Monitoring findings (视频会议, 会议室与人员, 漏洞通报, 违规外联, 网站抽查通报, 动态信息,
// 加重扣分) for any unit, submitted or not: entered one at a time on /review/monitoring or
// in bulk from an xlsx file. Both go through applyFindings: every finding is checked, then
// all are written in ONE transaction through review.ts's *InTx functions (each writes its
// own audit row), so a bad row leaves nothing saved.
import ExcelJS from "exceljs";
import { checkXlsxArchive, XlsxRejected } from "../xlsx/guard";
import { z } from "zod";
import { freeText, ZName, ZNote, ZReason } from "../zod/text";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { getAssessmentContext, type AssessmentContext } from "../assessment/context";
import { requireContext } from "../assessment/facts";
import type { CompiledLeaf } from "../engine/compile";
import { ZDate } from "../engine/facts";
import { buildUnitIndex, leafColumnsUnder, normaliseUnitName, resolveResponsibleList } from "../rules/resolve";
import { VERIFICATION_METHODS, ZMethod, type FindingTarget, type TFindingSheet } from "../rules/schema";
import { deadlineOf, findingSheets, findingTarget, renderHelp, type HelpValues } from "../rules/edition-data";
import { monthLabel } from "../rules/types/tiers";
import { addPostPenaltyInTx, assertNotFinal, lockItemFacts, recordMonitoringEventsInTx, reviseReviewFactsInTx, scoreStoredItem, type Method } from "./review";
import type { ItemResult } from "../engine";
import { loadOfficeCalendar } from "@/lib/calendar/store";
import { checkRecords, ratioFromRecords, recordOfRow } from "@/lib/review/deadlines";
import { factUnitFor } from "../engine/compile";

// ---- What can be recorded ------------------------------------------------------------------

type EventFinding = Exclude<FindingTarget, "website" | "posts">;
type FindingKey = FindingTarget;
// Which item (and deduction kind) each finding writes to is the edition's data
// (edition.yaml monitoring.targets, checked on load); a finding without one is refused.
const eventKind = (ctx: AssessmentContext, key: EventFinding): string => findingTarget(ctx.edition, key)?.kind ?? "";

const count = (label: string) => z.number({ error: `${label}应为整数` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(999, `${label}过大`);
const ZUnitCode = z.string().trim().min(1, "请选择单位").max(60);
const ZFindingNote = ZNote.default("");
const ZEditionId = z.number().int().positive();

export const ZFinding = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("meeting"),
    unitCode: ZUnitCode,
    date: ZDate,
    rollcall: count("点名缺席/迟到次数"),
    venue: count("会场秩序问题次数"),
    discipline: count("参会纪律问题次数"),
    method: ZMethod.default("在线监测"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("rooms"),
    unitCode: ZUnitCode,
    date: ZDate.optional(),
    rooms: count("缺少的高清会议室个数"),
    conditions: count("会议室缺少的条件项数"),
    staffing: z.boolean().default(false),
    method: ZMethod.default("现场检查"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("vulnerability"),
    unitCode: ZUnitCode,
    date: ZDate,
    fixedDate: ZDate.nullable().default(null),
    method: ZMethod.default("日常监察"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("outreach"),
    unitCode: ZUnitCode,
    date: ZDate,
    count: count("通报次数").min(1, "通报次数至少为 1").default(1),
    method: ZMethod.default("日常监察"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("website"),
    unitCode: ZUnitCode,
    level: z.string().trim().min(1, "请选择通报级别"),
    date: ZDate.optional(),
    method: ZMethod.default("网上核查"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("posts"),
    unitCode: ZUnitCode,
    /** per column (code), one count per month of the rule (planFinding checks how many); null = not counted that month */
    columns: z
      .array(z.object({ column: z.string().trim().max(60), monthly: z.array(count("发布条数").nullable()).min(1, "请填写各月发布条数").max(24, "月份过多") }))
      .min(1, "请至少填写一个栏目")
      .max(40),
    method: ZMethod.default("网上核查"),
    note: ZFindingNote,
  }),
  z.object({
    type: z.literal("penalty"),
    unitCode: ZUnitCode,
    partCode: z.string().trim().min(1, "请选择考核部分"),
    points: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, "扣分应为正数，最多两位小数"),
    reason: freeText("reason", "加重扣分理由").min(1, "请填写加重扣分理由"),
  }),
]);
export type TFinding = z.infer<typeof ZFinding>;
export type FindingType = TFinding["type"];

/** One write a finding turns into. */
type Operation =
  | { op: "events"; unitCode: string; itemCode: string; events: { kind: string; count?: number; date?: string; fixedDate?: string | null; note?: string }[]; method: Method; reason: string }
  | { op: "value"; unitCode: string; itemCode: string; value: (base: unknown) => unknown; note?: string; method: Method; reason: string }
  | { op: "penalty"; unitCode: string; partCode: string; points: string; reason: string };

/** A finding's problem, with the finding's field it concerns (the import maps it to a column). */
export class FindingError extends UserError {
  constructor(
    message: string,
    readonly field: string | null,
  ) {
    super(message, 400, field ? { [field]: message } : undefined);
  }
}

function leafOf(ctx: AssessmentContext, key: FindingKey): CompiledLeaf {
  const target = findingTarget(ctx.edition, key);
  const leaf = target ? ctx.compiled.leafByCode.get(target.item) : undefined;
  if (!leaf) throw new FindingError(target ? `本年度指标体系没有指标 ${target.item}，不能录入此类监测发现` : "本年度指标体系未设置此类监测发现对应的指标", null);
  return leaf;
}

function kindName(leaf: CompiledLeaf, kind: string): { name: string; unit: string } {
  if (leaf.rule.type !== "deduction") return { name: kind, unit: "次" };
  for (const p of leaf.rule.pools) for (const k of p.kinds) if (k.code === kind) return { name: k.name, unit: k.eventUnit };
  return { name: kind, unit: "次" };
}

function assertAssessed(ctx: AssessmentContext, leaf: CompiledLeaf, unitCode: string) {
  const unit = ctx.compiled.unitByCode.get(unitCode);
  if (!unit || unit.group === "city") throw new FindingError(`未知的单位“${unitCode}”`, "unitCode");
  if (!leaf.assessed.has(unitCode)) throw new FindingError(`${unit.name}不参加“${leaf.name}”的考核`, "unitCode");
}

const withNote = (summary: string, note: string) => (note ? `${summary}；${note}` : summary);

/** Turn one finding into its writes, checking everything that needs no database. */
function planFinding(ctx: AssessmentContext, f: TFinding): Operation[] {
  const unitName = ctx.compiled.unitByCode.get(f.unitCode)?.name ?? f.unitCode;
  switch (f.type) {
    case "meeting": {
      const ops: Operation[] = [];
      const parts: [EventFinding, number, string][] = [
        ["rollcall", f.rollcall, "rollcall"],
        ["venue", f.venue, "venue"],
        ["discipline", f.discipline, "discipline"],
      ];
      if (parts.every(([, n]) => n === 0)) throw new FindingError("请至少填写一项次数（点名缺席/迟到、会场秩序、参会纪律）", "rollcall");
      for (const [key, n] of parts) {
        if (n === 0) continue;
        const leaf = leafOf(ctx, key);
        assertAssessed(ctx, leaf, f.unitCode);
        const k = kindName(leaf, eventKind(ctx, key));
        const summary = `${f.date} 视频会议：${k.name} ${n} ${k.unit}`;
        ops.push({ op: "events", unitCode: f.unitCode, itemCode: leaf.code, events: [{ kind: eventKind(ctx, key), count: n, date: f.date, ...(f.note ? { note: f.note } : {}) }], method: f.method, reason: withNote(summary, f.note) });
      }
      return ops;
    }
    case "rooms": {
      const ops: Operation[] = [];
      const parts: [EventFinding, number][] = [
        ["rooms", f.rooms],
        ["conditions", f.conditions],
        ["staffing", f.staffing ? 1 : 0],
      ];
      if (parts.every(([, n]) => n === 0)) throw new FindingError("请至少填写一项（缺少的会议室、缺少的条件、缺分管领导或专职人员）", "rooms");
      for (const [key, n] of parts) {
        if (n === 0) continue;
        const leaf = leafOf(ctx, key);
        assertAssessed(ctx, leaf, f.unitCode);
        const k = kindName(leaf, eventKind(ctx, key));
        const summary = key === "staffing" ? `${unitName}缺分管领导或视频会议专职人员` : `${unitName}${k.name} ${n} ${k.unit}`;
        ops.push({ op: "events", unitCode: f.unitCode, itemCode: leaf.code, events: [{ kind: eventKind(ctx, key), count: n, ...(f.date ? { date: f.date } : {}), ...(f.note ? { note: f.note } : {}) }], method: f.method, reason: withNote(summary, f.note) });
      }
      return ops;
    }
    case "vulnerability": {
      const leaf = leafOf(ctx, "vulnerability");
      assertAssessed(ctx, leaf, f.unitCode);
      if (f.fixedDate && f.fixedDate < f.date) throw new FindingError("修复反馈日期不能早于通报日期", "fixedDate");
      const summary = `${f.date} 漏洞通报${f.fixedDate ? `，${f.fixedDate} 修复反馈` : "，未修复反馈"}`;
      return [{ op: "events", unitCode: f.unitCode, itemCode: leaf.code, events: [{ kind: eventKind(ctx, "vulnerability"), date: f.date, fixedDate: f.fixedDate, ...(f.note ? { note: f.note } : {}) }], method: f.method, reason: withNote(summary, f.note) }];
    }
    case "outreach": {
      const leaf = leafOf(ctx, "outreach");
      assertAssessed(ctx, leaf, f.unitCode);
      return [{ op: "events", unitCode: f.unitCode, itemCode: leaf.code, events: [{ kind: eventKind(ctx, "outreach"), count: f.count, date: f.date, ...(f.note ? { note: f.note } : {}) }], method: f.method, reason: withNote(`${f.date} 违规外联通报 ${f.count} 次`, f.note) }];
    }
    case "website": {
      const leaf = leafOf(ctx, "website");
      assertAssessed(ctx, leaf, f.unitCode);
      if (leaf.rule.type !== "choice") throw new FindingError(`指标“${leaf.name}”不是按级别计分的指标`, null);
      const level = leaf.rule.levels.find((l) => l.code === f.level || l.name === f.level);
      if (!level) throw new FindingError(`通报级别应为：${leaf.rule.levels.map((l) => l.name).join("、")}`, "level");
      const summary = `${f.date ? `${f.date} ` : ""}网站抽查：${level.name}`;
      return [
        {
          op: "value",
          unitCode: f.unitCode,
          itemCode: leaf.code,
          // several notices: the rule combines them (the worst level counts)
          value: (base) => ({ levels: [...(((base as { levels?: string[] } | undefined)?.levels ?? []) as string[]), level.code] }),
          method: f.method,
          reason: withNote(summary, f.note),
        },
      ];
    }
    case "posts": {
      const leaf = leafOf(ctx, "posts");
      assertAssessed(ctx, leaf, f.unitCode);
      if (leaf.rule.type !== "tiers" || leaf.rule.measure !== "monthlyAverage") throw new FindingError(`指标“${leaf.name}”不是按月均分档的指标`, null);
      const rule = leaf.rule;
      const columns = postColumns(ctx, leaf);
      const months = rule.months;
      if (f.columns.some((c) => c.monthly.length !== months)) throw new FindingError(`“${leaf.name}”按 ${months} 个月计算，请填写 ${months} 个月的发布条数`, "monthly");
      for (const c of f.columns) {
        if (c.column && !columns.some((x) => x.code === c.column)) throw new FindingError(`“${c.column}”不是“${leaf.name}”考核的栏目；可选：${columns.map((x) => x.name).join("、")}`, "column");
      }
      const sheetName = (code: string) => columns.find((x) => x.code === code)?.name ?? (code || "合计");
      const named = f.columns.filter((c) => c.column);
      if (named.length > 0 && named.length < f.columns.length) throw new FindingError("同一单位不能既填合计行（栏目留空）又填栏目行：请按栏目分别填写，或只填一行合计", "column");
      for (const c of named) {
        const rows = named.filter((x) => x.column === c.column).length;
        if (rows > 1) throw new FindingError(`栏目“${sheetName(c.column)}”填写了 ${rows} 行，每个单位的每个栏目只填一行`, "column");
      }
      const breakdown = f.columns.map((c) => `${sheetName(c.column)}：${c.monthly.map((v, i) => `${monthLabel(rule, i)} ${v ?? "—"}`).join("，")}`).join("\n");
      const note = `【栏目月度发布条数】\n${breakdown}`;
      const slash = (monthly: (number | null)[]) => monthly.map((v) => v ?? "—").join("/");
      if (named.length === 0) {
        // only 合计 rows: one monthly total (several rows add up month by month)
        const monthly = sumByMonth(f.columns.map((c) => c.monthly), months);
        if (monthly.every((m) => m === null)) throw new FindingError("请至少填写一个月的发布条数", "monthly");
        return [{ op: "value", unitCode: f.unitCode, itemCode: leaf.code, value: () => ({ monthly }), note, method: f.method, reason: withNote(`动态信息月度发布条数（网站监测）：${slash(monthly)}`, f.note) }];
      }
      // per column: each sheet column is stored under the item's column it belongs to (市级动态 →
      // 政务信息), so the engine reads it by the edition's R8.columns (added up, or column by column)
      const stored = (leaf.columns ?? []).flatMap((ic) => {
        const rows = named.filter((c) => columns.find((x) => x.code === c.column)?.itemColumn === ic.code);
        if (rows.length === 0) return [];
        const sources = rows.map((r) => sheetName(r.column)).filter((n) => n !== ic.name);
        return [{ column: ic.code, label: sources.length ? `${ic.name}（${sources.join("+")}）` : ic.name, monthly: sumByMonth(rows.map((r) => r.monthly), months) }];
      });
      if (stored.every((c) => c.monthly.every((m) => m === null))) throw new FindingError("请至少填写一个月的发布条数", "monthly");
      return [
        {
          op: "value",
          unitCode: f.unitCode,
          itemCode: leaf.code,
          value: () => ({ columns: stored.map((c) => ({ column: c.column, monthly: c.monthly })) }),
          note,
          method: f.method,
          reason: withNote(`动态信息各栏目月度发布条数（网站监测）：${stored.map((c) => `${c.label}：${slash(c.monthly)}`).join("；")}`, f.note),
        },
      ];
    }
    case "penalty": {
      const part = ctx.compiled.partByCode.get(f.partCode) ?? ctx.compiled.parts.find((p) => p.name === f.partCode);
      if (!part) throw new FindingError(`未知的考核部分“${f.partCode}”`, "partCode");
      if (!part.allowPostPenalty) throw new FindingError(`“${part.name}”不设加重扣分`, "partCode");
      if (!part.units.has(f.unitCode) || ctx.compiled.unitByCode.get(f.unitCode)?.group === "city") throw new FindingError(`${unitName}不参加“${part.name}”的考核`, "unitCode");
      if (Number(f.points) <= 0 || Number(f.points) > 100) throw new FindingError("扣分应为 0～100 之间的数，最多两位小数", "points");
      return [{ op: "penalty", unitCode: f.unitCode, partCode: part.code, points: f.points, reason: f.reason }];
    }
  }
}

/** A sheet column of 动态信息 (a leaf of the 分解表) and the item's column it lies under. */
export type PostColumn = { code: string; name: string; itemColumn: string; units: string[] };

/** Month by month: the sum of the counted values; null when no row counted that month. */
function sumByMonth(rows: (number | null)[][], months: number): (number | null)[] {
  return Array.from({ length: months }, (_, m) => {
    const vals = rows.map((r) => r[m]).filter((v): v is number => v !== null && v !== undefined);
    return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  });
}

/** The leaf columns 动态信息 assesses, each with the units responsible for it. */
export function postColumns(ctx: AssessmentContext, leaf: CompiledLeaf): PostColumn[] {
  const part = ctx.edition.parts.find((p) => p.code === leaf.partCode);
  if (!part) return [];
  const index = buildUnitIndex(ctx.edition.units, ctx.edition.collectives);
  const out: PostColumn[] = [];
  for (const code of leaf.source.columns ?? []) {
    for (const col of leafColumnsUnder(part, code)) {
      if (out.some((o) => o.code === col.code)) continue;
      out.push({ code: col.code, name: col.name, itemColumn: code, units: resolveResponsibleList(index, col.responsible).map((r) => r.unit) });
    }
  }
  return out;
}

export type AppliedFinding = { unitCode: string; itemCode: string | null; result: ItemResult | null };
/** Where a finding came from, for error reports: the index in the list, or a sheet row. */
export type FindingOrigin = { sheet?: string; row?: number; index: number };
export type FindingProblem = FindingOrigin & { field: string | null; message: string };

export class FindingsRejected extends Error {
  constructor(readonly problems: FindingProblem[]) {
    super(`${problems.length} 处错误，未保存任何数据`);
    this.name = "FindingsRejected";
  }
}

/**
 * Check every finding, then write all of them in one transaction; any problem (found
 * before or while writing) rolls everything back and is reported with its origin.
 */
export async function applyFindings(
  user: SessionUser,
  ip: string,
  input: { editionId: number; findings: TFinding[]; origins?: FindingOrigin[]; importFile?: string },
  now = new Date(),
): Promise<AppliedFinding[]> {
  const ctx = await requireContext(input.editionId);
  const origin = (i: number): FindingOrigin => input.origins?.[i] ?? { index: i };
  const problems: FindingProblem[] = [];
  const plans: { ops: Operation[]; i: number }[] = [];
  input.findings.forEach((f, i) => {
    try {
      plans.push({ ops: planFinding(ctx, f), i });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push({ ...origin(i), field: e instanceof FindingError ? e.field : null, message: e.message });
    }
  });
  if (problems.length) throw new FindingsRejected(problems);

  await getPrisma()
    .$transaction(
      async (tx) => {
        for (const { ops, i } of plans) {
          const where = origin(i);
          const suffix = input.importFile ? `（批量导入 ${input.importFile}${where.sheet ? ` · ${where.sheet} 第 ${where.row} 行` : ""}）` : "";
          for (const op of ops) {
            try {
              if (op.op === "events") {
                await recordMonitoringEventsInTx(tx, ctx, user, ip, { editionId: ctx.id, unitCode: op.unitCode, itemCode: op.itemCode, method: op.method, reason: op.reason + suffix, events: op.events }, now);
              } else if (op.op === "value") {
                await reviseReviewFactsInTx(
                  tx,
                  ctx,
                  user,
                  ip,
                  {
                    editionId: ctx.id,
                    unitCode: op.unitCode,
                    itemCode: op.itemCode,
                    method: op.method,
                    reason: op.reason + suffix,
                    action: "review.monitoring",
                    revise: (base) => ({ ...(base ?? {}), notApplicable: undefined, value: op.value(base?.value), ...(op.note ? { note: op.note } : {}) }),
                  },
                  now,
                );
              } else {
                await addPostPenaltyInTx(tx, ctx, user, ip, { editionId: ctx.id, unitCode: op.unitCode, partCode: op.partCode, points: op.points, reason: op.reason + suffix }, now);
              }
            } catch (e) {
              // only checks fail here (no SQL error): the transaction is still usable, so keep collecting
              if (!(e instanceof UserError)) throw e;
              const field = e.fieldErrors ? (Object.keys(e.fieldErrors)[0] ?? null) : null;
              problems.push({ ...where, field: fieldFromPayloadPath(field), message: e.message });
            }
          }
        }
        if (problems.length) throw new FindingsRejected(problems);
        if (input.importFile) {
          await writeAudit(tx, { actor: user, ip, action: "review.import", entityType: "monitoring_import", entityId: input.importFile, editionId: ctx.id, after: { file: input.importFile, findings: input.findings.length } });
        }
      },
      { timeout: 120_000, maxWait: 15_000 },
    );

  const out: AppliedFinding[] = [];
  for (const { ops } of plans) {
    for (const op of ops) {
      out.push(op.op === "penalty" ? { unitCode: op.unitCode, itemCode: null, result: null } : { unitCode: op.unitCode, itemCode: op.itemCode, result: await scoreStoredItem(ctx, op.unitCode, op.itemCode) });
    }
  }
  return out;
}

/** An engine path ("value.events.3.fixedDate") → the finding's field it came from. */
function fieldFromPayloadPath(path: string | null): string | null {
  if (!path) return null;
  if (/fixedDate$/.test(path)) return "fixedDate";
  if (/\.date$/.test(path)) return "date";
  if (/\.count$/.test(path)) return "count";
  if (/^value\.levels/.test(path)) return "level";
  if (/^value\.monthly/.test(path)) return "monthly";
  if (path === "points" || path === "reason" || path === "unitCode") return path;
  return null;
}

// ---- What the monitoring page offers -----------------------------------------------------------

export type MonitoringOptions = {
  editionId: number;
  editionName: string;
  year: number;
  /** units that may be chosen per finding type */
  units: Record<FindingType, { code: string; name: string; group: string }[]>;
  websiteLevels: { code: string; name: string; points: string }[];
  postColumns: PostColumn[];
  penaltyParts: { code: string; name: string }[];
  /** 漏洞: the charge per notice, the days after which the late-fix charge applies, and its name */
  lateFix: { afterDays: number; name: string; points: string; perEvent: string } | null;
  /** 动态信息: how many months are counted (the rule's months) */
  months: number;
  /** 动态信息: the calendar month of the first of them (the rule's firstMonth) */
  firstMonth: number;
  methods: readonly Method[];
};

function targetLeaf(ctx: AssessmentContext, key: FindingKey): CompiledLeaf | undefined {
  const t = findingTarget(ctx.edition, key);
  return t ? ctx.compiled.leafByCode.get(t.item) : undefined;
}

/** The deduction kind 漏洞通报 findings are recorded as (its perEvent and lateFix state the sheet's rule). */
function vulnerabilityKind(ctx: AssessmentContext) {
  const leaf = targetLeaf(ctx, "vulnerability");
  const code = findingTarget(ctx.edition, "vulnerability")?.kind;
  return leaf?.rule.type === "deduction" ? leaf.rule.pools.flatMap((p) => p.kinds).find((k) => k.code === code) : undefined;
}

export async function getMonitoringOptions(): Promise<MonitoringOptions | null> {
  const ctx = await getAssessmentContext();
  if (!ctx) return null;
  const unitsOf = (...keys: (FindingKey)[]) => {
    const codes = new Set<string>();
    for (const k of keys) for (const u of targetLeaf(ctx, k)?.assessed.keys() ?? []) codes.add(u);
    return ctx.compiled.units.filter((u) => codes.has(u.code) && u.group !== "city").map((u) => ({ code: u.code, name: u.name, group: u.group }));
  };
  const website = targetLeaf(ctx, "website");
  const posts = targetLeaf(ctx, "posts");
  const vulnKind = vulnerabilityKind(ctx);
  const lateKind = vulnKind?.lateFix;
  const penaltyParts = ctx.compiled.parts.filter((p) => p.allowPostPenalty);
  const penaltyUnits = new Set(penaltyParts.flatMap((p) => [...p.units]));
  return {
    editionId: ctx.id,
    editionName: ctx.name,
    year: ctx.year,
    units: {
      meeting: unitsOf("rollcall", "venue", "discipline"),
      rooms: unitsOf("rooms", "conditions", "staffing"),
      vulnerability: unitsOf("vulnerability"),
      outreach: unitsOf("outreach"),
      website: unitsOf("website"),
      posts: unitsOf("posts"),
      penalty: ctx.compiled.units.filter((u) => penaltyUnits.has(u.code) && u.group !== "city").map((u) => ({ code: u.code, name: u.name, group: u.group })),
    },
    websiteLevels: website?.rule.type === "choice" ? website.rule.levels.map((l) => ({ code: l.code, name: l.name, points: l.points.toString() })) : [],
    postColumns: posts ? postColumns(ctx, posts) : [],
    penaltyParts: penaltyParts.map((p) => ({ code: p.code, name: p.name })),
    lateFix: lateKind ? { afterDays: lateKind.afterDays, name: lateKind.name, points: lateKind.points.toString(), perEvent: vulnKind.perEvent.toString() } : null,
    months: posts?.rule.type === "tiers" ? posts.rule.months : 12,
    firstMonth: posts?.rule.type === "tiers" ? posts.rule.firstMonth : 1,
    methods: VERIFICATION_METHODS,
  };
}

export type RecentFinding = {
  /** the audit row's id: what 撤销 refers to */
  id: string;
  at: Date;
  unitCode: string | null;
  unitName: string;
  itemName: string;
  action: string;
  reason: string | null;
  actor: string | null;
  /** when undone: by whom and why */
  undone: { at: Date; reason: string | null; actor: string | null } | null;
};

const UNDO_ACTION = "review.monitoring.undo";

/** The latest monitoring records and 加重扣分, newest first (from the audit trail), each with its 撤销 if any. */
export async function listRecentFindings(limit = 30): Promise<RecentFinding[]> {
  const ctx = await getAssessmentContext();
  if (!ctx) return [];
  const rows = await getPrisma().auditLog.findMany({
    where: { editionId: ctx.id, action: { in: ["review.monitoring", "review.post_penalty"] } },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, at: true, unitCode: true, itemCode: true, action: true, reason: true, actorId: true, actorName: true },
  });
  const undos = await getPrisma().auditLog.findMany({
    where: { editionId: ctx.id, action: UNDO_ACTION, entityType: "audit_log", entityId: { in: rows.map((r) => String(r.id)) } },
    select: { entityId: true, at: true, reason: true, actorId: true, actorName: true },
  });
  const actorIds = [...rows, ...undos].map((r) => r.actorId).filter((x): x is number => x !== null);
  const users = await getPrisma().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const undoOf = new Map(undos.map((u) => [u.entityId, u]));
  return rows.map((r) => {
    const u = undoOf.get(String(r.id));
    return {
      id: String(r.id),
      at: r.at,
      unitCode: r.unitCode,
      unitName: (r.unitCode && ctx.compiled.unitByCode.get(r.unitCode)?.name) || r.unitCode || "",
      itemName: r.itemCode ? (ctx.compiled.leafByCode.get(r.itemCode)?.pathNames.slice(-2).join(" · ") ?? r.itemCode) : "加重扣分",
      action: r.action,
      reason: r.reason,
      actor: (r.actorId && name.get(r.actorId)) || r.actorName,
      undone: u ? { at: u.at, reason: u.reason, actor: (u.actorId && name.get(u.actorId)) || u.actorName } : null,
    };
  });
}

// ---- 撤销: undo a monitoring record or 加重扣分 entered by mistake ----------------------------

export const ZUndoFinding = z.object({
  editionId: ZEditionId,
  /** the audit row of the record (RecentFinding.id) */
  id: z.string().regex(/^\d{1,18}$/, "记录编号有误"),
  unitCode: ZUnitCode,
  reason: z.string().trim().min(1, "请填写撤销理由").max(500, "理由最多 500 字"),
});
export type TUndoFinding = z.infer<typeof ZUndoFinding>;

/** Stable JSON for comparing payloads (key order does not matter). */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

type EventsPayload = { value?: { events?: unknown[] } } & Record<string, unknown>;

/**
 * The reviewer's facts without what one monitoring record wrote: its `before` when nothing
 * changed since; else, for appended events, the current events less the ones it added;
 * null when neither applies (a later change touched the same data).
 */
function withoutRecord(current: unknown, before: unknown, after: unknown): { payload: unknown } | null {
  if (canonicalJson(current) === canonicalJson(after)) return { payload: before };
  const added = ((after as EventsPayload | null)?.value?.events ?? []).slice(((before as EventsPayload | null)?.value?.events ?? []).length);
  const events = [...((current as EventsPayload | null)?.value?.events ?? [])];
  if (added.length === 0) return null;
  for (const e of added) {
    const at = events.findIndex((x) => canonicalJson(x) === canonicalJson(e));
    if (at < 0) return null;
    events.splice(at, 1);
  }
  const cur = current as EventsPayload;
  return { payload: { ...cur, value: { ...cur.value, events } } };
}

/**
 * 撤销 a monitoring record (its events or value on the reviewer's facts) or a 加重扣分, with
 * a reason; audited. Refused once the part is 定稿, when already undone, or when a later
 * change to the same item makes the record's effect impossible to take out alone.
 */
export async function undoFinding(user: SessionUser, ip: string, input: TUndoFinding, now = new Date()): Promise<{ itemCode: string | null }> {
  const ctx = await requireContext(input.editionId);
  const prisma = getPrisma();
  const row = await prisma.auditLog.findFirst({
    where: { id: BigInt(input.id), editionId: ctx.id, unitCode: input.unitCode, action: { in: ["review.monitoring", "review.post_penalty"] } },
  });
  if (!row) throw new UserError("找不到这条监测录入记录", 404);
  return prisma.$transaction(async (tx) => {
    const done = await tx.auditLog.findFirst({ where: { action: UNDO_ACTION, entityType: "audit_log", entityId: String(row.id) }, select: { id: true } });
    if (done) throw new UserError("这条记录已撤销", 409);
    const audit = { actor: user, ip, action: UNDO_ACTION, entityType: "audit_log", entityId: String(row.id), unitCode: row.unitCode, editionId: ctx.id, reason: input.reason };
    if (row.action === "review.post_penalty") {
      const penalty = await tx.postPenalty.findFirst({ where: { id: Number(row.entityId), editionId: ctx.id, revokedAt: null } });
      if (!penalty) throw new UserError("该加重扣分已不存在或已撤销", 409);
      await assertNotFinal(tx, ctx, null, penalty.partCode);
      // kept, marked revoked: the scoring reads only unrevoked penalties
      await tx.postPenalty.update({ where: { id: penalty.id }, data: { revokedAt: now } });
      await writeAudit(tx, { ...audit, before: { partCode: penalty.partCode, points: penalty.points.toString(), reason: penalty.reason }, after: null });
      return { itemCode: null };
    }
    const itemCode = row.itemCode!;
    const [, factUnit] = (row.entityId ?? "").split(":");
    await assertNotFinal(tx, ctx, itemCode);
    await lockItemFacts(tx, ctx.id, factUnit, itemCode);
    const key = { editionId: ctx.id, unitCode: factUnit, itemCode, source: "review" as const };
    const current = await tx.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: key } });
    const { method: _m, ...after } = (row.after ?? {}) as Record<string, unknown>;
    const restored = current ? withoutRecord(current.payload, row.before, after) : null;
    if (!current || !restored) throw new UserError("此后本项又有修改，无法单独撤销这条记录；请在审核页调整本项", 409);
    if (restored.payload === null || restored.payload === undefined) await tx.itemFact.delete({ where: { id: current.id } });
    else await tx.itemFact.update({ where: { id: current.id }, data: { payload: restored.payload as Prisma.InputJsonValue, version: { increment: 1 }, updatedById: user.id, updatedAt: now } });
    await writeAudit(tx, { ...audit, itemCode, before: current.payload, after: (restored.payload ?? null) as Prisma.InputJsonValue | null });
    return { itemCode };
  });
}

// ---- xlsx: template and import ----------------------------------------------------------------

export const MAX_IMPORT_BYTES = 1024 * 1024;
const MAX_IMPORT_ROWS = 2000;

type Column = { header: string; field: string; width: number };
type Sheet = { type: TFindingSheet["finding"]; name: string; columns: Column[]; help: string };

/**
 * The import's sheets as the edition declares them (edition.yaml monitoring.sheets), with
 * `monthly` expanded to one column per month of 动态信息's rule and the help's
 * placeholders filled from the rules. Sheets whose findings have no target are left out.
 */
function sheetsFor(ctx: AssessmentContext, opts: MonitoringOptions | null): Sheet[] {
  const values = (type: Sheet["type"]): HelpValues =>
    type === "vulnerability" && opts?.lateFix
      ? { perEvent: opts.lateFix.perEvent, lateFix: opts.lateFix }
      : type === "vulnerability"
        ? { perEvent: vulnerabilityKind(ctx)?.perEvent.toString() }
        : type === "website"
          ? { levels: opts?.websiteLevels.map((l) => l.name) }
          : type === "posts"
            ? { months: opts?.months }
            : {};
  return findingSheets(ctx.edition)
    .filter((s) => s.finding === "penalty" || (opts?.units[s.finding].length ?? 0) > 0)
    .map((s) => ({
      type: s.finding,
      name: s.name,
      help: renderHelp(s.help, values(s.finding)),
      columns: s.columns.flatMap((c) =>
        c.field === "monthly" ? Array.from({ length: opts?.months ?? 12 }, (_, i) => ({ header: c.header.replace("{month}", String((((opts?.firstMonth ?? 1) - 1 + i) % 12) + 1)), field: `monthly.${i}`, width: c.width })) : [{ header: c.header, field: c.field, width: c.width }],
      ),
    }));
}

export async function buildFindingsTemplate(): Promise<Buffer> {
  const ctx = await getAssessmentContext();
  const opts = await getMonitoringOptions();
  const SHEETS = ctx ? sheetsFor(ctx, opts) : [];
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  const help = wb.addWorksheet("填写说明");
  help.columns = [{ width: 18 }, { width: 100 }];
  help.addRow(["工作表", "填写方法"]).font = { bold: true };
  for (const s of SHEETS) help.addRow([s.name, s.help]);
  help.addRow([]);
  const examples = [opts?.units.meeting.find((u) => u.group === "county"), opts?.units.penalty.find((u) => u.group === "department")].filter((u) => u !== undefined).map((u) => `“${u.name}”`);
  help.addRow(["单位", `填写单位名称${examples.length ? `（如${examples.join("")}）` : ""}或单位代码，见“单位列表”。`]);
  help.addRow(["日期", `格式 ${opts?.year ?? new Date().getFullYear()}-10-12（也可用 Excel 日期）。`]);
  help.addRow(["核查方式", `${VERIFICATION_METHODS.join("、")}；留空时按工作表的默认方式。`]);
  help.addRow(["导入规则", "上传后逐行检查；只要有一行有误，就不保存任何数据，并列出每处错误所在的工作表、行和列。"]);
  help.getColumn(2).alignment = { wrapText: true, vertical: "top" };

  const units = wb.addWorksheet("单位列表");
  units.columns = [
    { header: "单位名称", width: 24 },
    { header: "单位代码", width: 20 },
    { header: "可录入的工作表", width: 60 },
  ];
  units.getRow(1).font = { bold: true };
  const allUnits = new Map<string, { name: string; sheets: string[] }>();
  for (const s of SHEETS) {
    for (const u of opts?.units[s.type] ?? []) {
      const entry = allUnits.get(u.code) ?? { name: u.name, sheets: [] };
      entry.sheets.push(s.name);
      allUnits.set(u.code, entry);
    }
  }
  for (const [code, u] of allUnits) units.addRow([u.name, code, u.sheets.join("、")]);
  const unitRange = `'单位列表'!$A$2:$A$${allUnits.size + 1}`;

  for (const s of SHEETS) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD6E4F5" } };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      const list =
        c.field === "unitCode"
          ? [unitRange]
          : c.field === "method"
            ? [`"${VERIFICATION_METHODS.join(",")}"`]
            : c.field === "level"
              ? [`"${(opts?.websiteLevels ?? []).map((l) => l.name).join(",")}"`]
              : c.field === "staffing"
                ? ['"是,否"']
                : c.field === "column"
                  ? [`"${(opts?.postColumns ?? []).map((p) => p.name).join(",")}"`]
                  : c.field === "partCode"
                    ? [`"${(opts?.penaltyParts ?? []).map((p) => p.name).join(",")}"`]
                    : null;
      if (!list) return;
      for (let r = 2; r <= 201; r++) {
        ws.getCell(r, col.number).dataValidation = { type: "list", allowBlank: true, formulae: list, showErrorMessage: c.field !== "unitCode" };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ImportRowError = { sheet: string; row: number | null; column: string | null; message: string };
export type ImportOutcome = { ok: true; saved: number; bySheet: { sheet: string; rows: number }[] } | { ok: false; errors: ImportRowError[] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    return "";
  }
  return String(v).replace(/\u00a0/g, " ").trim();
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

class CellError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Read the uploaded workbook into findings, every cell checked; then applyFindings (one
 * transaction). Returns every problem with its sheet, row and column, or what was saved.
 */
export async function importFindingsFromXlsx(user: SessionUser, ip: string, bytes: Uint8Array, fileName: string, now = new Date()): Promise<ImportOutcome> {
  if (bytes.byteLength === 0) throw new UserError("请选择要导入的 Excel（.xlsx）文件");
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new UserError("文件超过 1 MB，请拆分后分批导入");
  if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) throw new UserError("只支持 Excel（.xlsx）文件，请使用下载的模板填写后上传");
  try {
    await checkXlsxArchive(bytes); // before exceljs unpacks anything: size, entries, ratio
  } catch (e) {
    if (e instanceof XlsxRejected) throw new UserError(e.reason === "corrupt" ? "文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开检查后重新保存再上传" : e.message);
    throw e;
  }
  const ctx = await getAssessmentContext();
  if (!ctx) throw new UserError("尚未导入考核年度的指标体系", 404);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new UserError("文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开检查后重新保存再上传");
  }

  const index = buildUnitIndex(ctx.edition.units, ctx.edition.collectives);
  const resolveUnit = (s: string): string | null => {
    const u = index.byKey.get(s) ?? index.byKey.get(normaliseUnitName(s));
    return u && u.group !== "city" ? u.code : null;
  };
  const opts = (await getMonitoringOptions())!;
  const SHEETS = sheetsFor(ctx, opts);
  const errors: ImportRowError[] = [];
  const findings: TFinding[] = [];
  const origins: FindingOrigin[] = [];
  const columnOf = (sheet: Sheet, field: string | null): string | null => {
    if (!field) return null;
    const hit = sheet.columns.find((c) => c.field === field) ?? (field === "count" ? sheet.columns.find((c) => /次数|个数|项数/.test(c.header)) : undefined) ?? (field === "monthly" ? sheet.columns.find((c) => c.field === "monthly.0") : undefined);
    return hit?.header ?? null;
  };
  let rowsSeen = 0;

  for (const sheet of SHEETS) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) continue;
    // headers are matched by text, so a user who reorders columns is still read correctly
    const headerAt = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => headerAt.set(cellText(cell.value), col));
    const missing = sheet.columns.filter((c) => !headerAt.has(c.header) && !["method", "note", "date", "fixedDate"].includes(c.field));
    if (missing.length) {
      errors.push({ sheet: sheet.name, row: 1, column: missing[0].header, message: `缺少列“${missing.map((m) => m.header).join("”“")}”，请使用下载的模板` });
      continue;
    }
    const postsByUnit = new Map<string, { finding: Extract<TFinding, { type: "posts" }>; row: number; rows: Map<string, number> }>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r === 1) return;
      const text = (field: string) => {
        const c = sheet.columns.find((x) => x.field === field);
        const col = c ? headerAt.get(c.header) : undefined;
        return col ? cellText(row.getCell(col).value) : "";
      };
      if (sheet.columns.every((c) => text(c.field) === "")) return; // a blank row
      if (++rowsSeen > MAX_IMPORT_ROWS) return;
      try {
        const unitText = text("unitCode");
        if (!unitText) throw new CellError("unitCode", "请填写单位");
        const unitCode = resolveUnit(unitText);
        if (!unitCode) throw new CellError("unitCode", `找不到单位“${unitText}”，请填写“单位列表”中的名称或代码`);
        const int = (field: string, label: string, blankAs: number | null = 0): number | null => {
          const t = text(field);
          if (t === "") return blankAs;
          if (!/^\d+$/.test(t)) throw new CellError(field, `${label}应为不小于 0 的整数，现为“${t}”`);
          return Number(t);
        };
        const date = (field: string, label: string, required: boolean): string | null => {
          const t = text(field);
          if (t === "") {
            if (required) throw new CellError(field, `请填写${label}`);
            return null;
          }
          const d = parseDate(t);
          if (!d || !ZDate.safeParse(d).success) throw new CellError(field, `${label}“${t}”不是有效日期，格式如 ${ctx.year}-10-12`);
          return d;
        };
        const methodText = text("method");
        if (methodText && !(VERIFICATION_METHODS as readonly string[]).includes(methodText)) throw new CellError("method", `核查方式应为：${VERIFICATION_METHODS.join("、")}`);
        const method = (methodText || undefined) as Method | undefined;
        const note = text("note");
        let raw: unknown;
        switch (sheet.type) {
          case "meeting":
            raw = { type: "meeting", unitCode, date: date("date", "会议日期", true), rollcall: int("rollcall", "点名缺席迟到次数"), venue: int("venue", "会场秩序问题次数"), discipline: int("discipline", "参会纪律问题次数"), method, note };
            break;
          case "rooms": {
            const s = text("staffing");
            if (s && !["是", "否"].includes(s)) throw new CellError("staffing", "“缺分管领导或专职人员”应填“是”或“否”");
            raw = { type: "rooms", unitCode, date: date("date", "检查日期", false) ?? undefined, rooms: int("rooms", "缺少高清会议室个数"), conditions: int("conditions", "会议室缺少条件项数"), staffing: s === "是", method, note };
            break;
          }
          case "vulnerability":
            raw = { type: "vulnerability", unitCode, date: date("date", "通报日期", true), fixedDate: date("fixedDate", "修复反馈日期", false), method, note };
            break;
          case "outreach":
            raw = { type: "outreach", unitCode, date: date("date", "通报日期", true), count: int("count", "通报次数", 1), method, note };
            break;
          case "website": {
            const l = text("level");
            const level = opts.websiteLevels.find((x) => x.name === l || x.code === l);
            if (!level) throw new CellError("level", `通报级别应为：${opts.websiteLevels.map((x) => x.name).join("、")}`);
            raw = { type: "website", unitCode, level: level.code, date: date("date", "通报日期", false) ?? undefined, method, note };
            break;
          }
          case "posts": {
            const c = text("column");
            const col = c ? opts.postColumns.find((x) => x.name === c || x.code === c) : undefined;
            if (c && !col) throw new CellError("column", `栏目应为：${opts.postColumns.map((x) => x.name).join("、")}`);
            const monthly = Array.from({ length: opts.months }, (_, i) => int(`monthly.${i}`, `${monthLabel({ firstMonth: opts.firstMonth }, i)}发布条数`, null));
            const entry = postsByUnit.get(unitCode);
            const code = col?.code ?? "";
            if (entry) {
              // a unit's rows: one per column (stored per column), or only 合计 rows (added up)
              const [firstCode, firstRow] = [...entry.rows][0];
              if (!code !== !firstCode) throw new CellError("column", `第 ${firstRow} 行已填写${unitText}的${firstCode ? "栏目行" : "合计行（栏目留空）"}：同一单位不能既填合计行又填栏目行，请按栏目分别填写，或只填合计`);
              if (code && entry.rows.has(code)) throw new CellError("column", `栏目“${col!.name}”已在第 ${entry.rows.get(code)} 行填写，每个单位的每个栏目只填一行`);
              entry.rows.set(code, r);
              entry.finding.columns.push({ column: code, monthly });
              return;
            }
            const finding = { type: "posts" as const, unitCode, columns: [{ column: code, monthly }], method: method ?? "网上核查", note };
            postsByUnit.set(unitCode, { finding, row: r, rows: new Map([[code, r]]) });
            raw = finding;
            break;
          }
          case "penalty": {
            const p = text("partCode");
            const part = opts.penaltyParts.find((x) => x.name === p || x.code === p);
            if (!part) throw new CellError("partCode", `考核部分应为：${opts.penaltyParts.map((x) => x.name).join("、")}`);
            raw = { type: "penalty", unitCode, partCode: part.code, points: text("points"), reason: text("reason") };
            break;
          }
        }
        const parsed = ZFinding.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new CellError(String(issue.path[0] ?? ""), issue.message);
        }
        // posts rows of one unit share one finding object: keep the reference we stored
        findings.push(sheet.type === "posts" ? (raw as TFinding) : parsed.data);
        origins.push({ sheet: sheet.name, row: r, index: findings.length - 1 });
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        errors.push({ sheet: sheet.name, row: r, column: columnOf(sheet, e.field), message: e.message });
      }
    });
  }
  if (rowsSeen > MAX_IMPORT_ROWS) errors.push({ sheet: "", row: null, column: null, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入` });
  if (errors.length === 0 && findings.length === 0) throw new UserError("文件中没有可导入的数据行（第 1 行为表头，从第 2 行起填写）");
  if (errors.length) return { ok: false, errors };

  try {
    await applyFindings(user, ip, { editionId: ctx.id, findings, origins, importFile: fileName || "upload.xlsx" }, now);
  } catch (e) {
    if (!(e instanceof FindingsRejected)) throw e;
    return {
      ok: false,
      errors: e.problems.map((p) => {
        const sheet = SHEETS.find((s) => s.name === p.sheet);
        return { sheet: p.sheet ?? "", row: p.row ?? null, column: sheet ? columnOf(sheet, p.field) : null, message: p.message };
      }),
    };
  }
  const bySheet = SHEETS.map((s) => ({ sheet: s.name, rows: origins.filter((o) => o.sheet === s.name).length })).filter((s) => s.rows > 0);
  return { ok: true, saved: findings.length, bySheet };
}

// ---- Working-day deadline records (7日公示, 政策解读) ----------------------------------------------

export const ZDeadlineRecords = z.object({
  editionId: ZEditionId,
  unitCode: ZUnitCode,
  itemCode: z.string().trim().min(1).max(80),
  records: z
    .array(z.object({ name: ZName.min(1, "请填写名称"), start: ZDate, done: ZDate.nullable() }))
    .max(1000, "一次最多 1000 条记录"),
  /** rating items: the reviewer's score, decided with the records in view */
  score: z.string().trim().max(10).optional(),
  method: ZMethod,
  reason: ZReason.min(1, "请填写理由"),
});
export type TDeadlineRecords = z.infer<typeof ZDeadlineRecords>;

/**
 * Save the records of a working-day item (edition.yaml `deadlines`) in deadline_record,
 * replacing the item's earlier ones, and the reviewer's facts they decide: ratio items
 * (7日公示) take numerator/denominator from the records (on time / all); rating items
 * (政策解读) keep the reviewer's score. One transaction; the records' change is audited.
 */
export async function saveDeadlineRecords(user: SessionUser, ip: string, input: TDeadlineRecords, now = new Date()): Promise<{ result: ItemResult }> {
  const ctx = await requireContext(input.editionId);
  const leaf = ctx.compiled.leafByCode.get(input.itemCode);
  if (!leaf) throw new UserError(`未知的指标 ${input.itemCode}`, 404);
  if (!leaf.assessed.has(input.unitCode)) throw new UserError("该单位不参加此项考核", 400);
  const workdays = deadlineOf(ctx.edition, leaf.code)?.workdays;
  if (!workdays) throw new UserError(`“${leaf.name}”不按工作日计算期限`, 400);
  input.records.forEach((r, i) => {
    if (r.done && r.done < r.start) throw new UserError("完成日期不能早于起始日期", 400, { [`records.${i}.done`]: "完成日期不能早于起始日期" });
  });
  await loadOfficeCalendar(); // 节假日日历 for years the library lacks
  const checked = checkRecords(input.records, workdays);
  const uncovered = checked.find((c) => c.calendarError);
  if (uncovered) throw new UserError(uncovered.calendarError!, 400, { [`records.${checked.indexOf(uncovered)}.start`]: uncovered.calendarError! });
  let value: unknown;
  if (leaf.rule.type === "ratio") {
    if (checked.length === 0) throw new UserError("请至少录入一条记录（分母不能为 0）", 400, { records: "请至少录入一条记录" });
    value = ratioFromRecords(checked);
  } else if (leaf.rule.type === "rating") {
    if (!input.score) throw new UserError("请填写评分", 400, { score: "请填写评分" });
    value = { score: input.score };
  } else {
    throw new UserError(`“${leaf.name}”的记录无法换算为得分`, 400);
  }
  const factUnit = factUnitFor(ctx.compiled, leaf, input.unitCode);
  const summary = (rows: { name: string; start: string; done: string | null; due: string | null; status?: string }[]) => rows.map((r) => ({ name: r.name, start: r.start, done: r.done, due: r.due, ...(r.status ? { status: r.status } : {}) }));
  await getPrisma().$transaction(async (tx) => {
    await reviseReviewFactsInTx(
      tx,
      ctx,
      user,
      ip,
      {
        editionId: ctx.id,
        unitCode: input.unitCode,
        itemCode: input.itemCode,
        method: input.method,
        reason: input.reason,
        // a note holding records in the old text form is superseded by the table (the migration copied it)
        revise: (base) => ({ ...(base ?? {}), notApplicable: undefined, value, note: isLegacyRecordsNote(base?.note) ? undefined : base?.note }),
      },
      now,
    );
    // reviseReviewFactsInTx holds the item's lock: the records are replaced under it
    const key = { editionId: ctx.id, unitCode: factUnit, itemCode: leaf.code };
    const before = await tx.deadlineRecord.findMany({ where: key, orderBy: { position: "asc" } });
    await tx.deadlineRecord.deleteMany({ where: key });
    if (checked.length) {
      await tx.deadlineRecord.createMany({
        data: checked.map((c, position) => ({ ...key, position, name: c.name, startDate: dayOf(c.start)!, doneDate: dayOf(c.done), dueDate: dayOf(c.due), onTime: c.onTime, workdays, updatedById: user.id, updatedAt: now })),
      });
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "review.deadline_records",
      entityType: "deadline_record",
      entityId: `${factUnit}:${leaf.code}`,
      editionId: ctx.id,
      unitCode: input.unitCode,
      itemCode: leaf.code,
      reason: input.reason,
      before: before.length ? summary(before.map(recordOfRow)) : null,
      after: { workdays, records: summary(checked) },
    });
  });
  return { result: await scoreStoredItem(ctx, input.unitCode, input.itemCode) };
}

const dayOf = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null);
/** Notes written before deadline_record existed began with this header. */
function isLegacyRecordsNote(note: string | undefined): boolean {
  return typeof note === "string" && note.startsWith("【工作日期限记录】");
}
