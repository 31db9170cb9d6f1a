import "server-only";
// Loads the demo plan (generate.ts) into the database through the workflow's own functions
// (saveSelfFact, submitUnit, returnItem, acceptItem, adjustItem, recordMonitoringEvents,
// addPostPenalty, finalisePart), so every value passes the same validation as the UI's.
// Runs once: skipped when any item fact exists. The app_setting "demo_data" = "1" marks
// the data so every page that shows results says 演示数据.
import { createHash } from "node:crypto";
import pg from "pg";
import { saveSelfFact, submitUnit } from "../assessment/facts";
import { getAssessmentContext, type AssessmentContext } from "../assessment/context";
import { formatShanghai } from "../assessment/locks";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { getCurrentEdition } from "../editions";
import type { Prisma } from "../generated/prisma/client";
import { acceptItem, addPostPenalty, adjustItem, finalisePart, recordMonitoringEvents, returnItem } from "../review/review";
import { DEMO_SETTING } from "./flag";
import { buildDemoPlan, type DemoPlan } from "./generate";

const IP = "demo";
const LOCK_KEY = 20_171_126; // pg advisory lock: one loader at a time across app instances

/** What the demo accounts find (named for the start output's table). */
export type DemoGuide = {
  deadline: string;
  returned: { name: string; items: number };
  awaiting: { name: string };
  waitingUnits: number;
  notStarted: { name: string } | null;
};

export type DemoLoadResult = { status: "loaded"; editionId: number; facts: number; ms: number; guide: DemoGuide } | { status: "skipped"; reason: string };

/** Shanghai wall-clock time. */
const at = (s: string) => new Date(`${s}+08:00`);
const DAY = 86_400_000;
/** The Shanghai calendar day of `t`, `days` later, at `time` (HH:MM). */
const shanghaiDay = (t: Date, days: number, time: string) => at(`${new Date(t.getTime() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10)}T${time}:00`);

export type DemoTimeline = ReturnType<typeof demoTimeline>;

/**
 * The demo's calendar, relative to the day it is loaded: the period opened a month ago and
 * closes in two weeks; units filled in and submitted over the last three weeks, reviewers
 * have been at work since, and returned two of 三元区's items two days ago.
 */
export function demoTimeline(now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  return {
    opensAt: shanghaiDay(now, -30, "09:00"),
    deadline: shanghaiDay(now, 14, "18:00"),
    fillFrom: ago(21),
    fillTo: ago(14),
    submitFrom: ago(13),
    returnAt: ago(11),
    fixAt: ago(10),
    acceptFrom: ago(9),
    acceptTo: ago(5),
    monitoringAt: ago(4),
    penaltyAt: ago(3),
    ratingAt: ago(3),
    openReturnAt: ago(2),
  };
}

function spread(from: Date, to: Date, i: number, n: number): Date {
  return new Date(from.getTime() + Math.floor(((to.getTime() - from.getTime()) * i) / Math.max(1, n)));
}

/** Deterministic UUID-shaped ids, so two loads of the same plan produce the same rows. */
function demoUuid(key: string): string {
  const h = createHash("sha256").update(`demo-evidence|${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** System accounts that act in the demo (disabled, no usable password: nobody signs in as them). */
async function demoActors(): Promise<{ filler: SessionUser; reviewer: SessionUser }> {
  const prisma = getPrisma();
  const ensure = async (username: string, displayName: string, role: "filler" | "reviewer"): Promise<SessionUser> => {
    const u = await prisma.user.upsert({
      where: { username },
      create: { username, displayName, passwordHash: "!demo-account-no-sign-in", roles: [role], disabled: true, mustChangePassword: false },
      update: {},
      select: { id: true, username: true, displayName: true },
    });
    return { id: u.id, username: u.username, displayName: u.displayName, roles: [role], unitCode: null, unitName: null, mustChangePassword: false };
  };
  return { filler: await ensure("demo-filler", "演示数据（单位填报）", "filler"), reviewer: await ensure("demo-reviewer", "演示数据（数字办审核）", "reviewer") };
}

async function ensurePeriod(ctx: AssessmentContext, t: DemoTimeline, now: Date): Promise<string | null> {
  const prisma = getPrisma();
  const period = await prisma.assessmentPeriod.findUnique({ where: { editionId: ctx.id } });
  if (!period) {
    await prisma.assessmentPeriod.create({ data: { editionId: ctx.id, opensAt: t.opensAt, deadline: t.deadline } });
    return null;
  }
  if (period.opensAt > t.fillFrom || period.deadline < now) {
    return "该考核年度已设置的填报期不包含最近三周（演示数据按今天往前三周填报、截止日期在今后两周）";
  }
  return null;
}

type Log = (m: string) => void;

/** Units are loaded side by side; each save holds one connection and asks for another
 *  inside its transaction, so this stays well under the pool size (DB_POOL_MAX). */
const CONCURRENCY = 3;

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

async function eachLimit<T>(xs: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < xs.length) await fn(xs[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
}

export async function carryOutPlan(ctx: AssessmentContext, plan: DemoPlan, actors: { filler: SessionUser; reviewer: SessionUser }, log: Log, now = new Date()): Promise<void> {
  const prisma = getPrisma();
  const TIMELINE = demoTimeline(now);
  const { filler, reviewer } = actors;
  const editionId = ctx.id;
  const asUnit = (unit: string): SessionUser => ({ ...filler, unitCode: unit, unitName: ctx.compiled.unitByCode.get(unit)?.name ?? null });
  const must = <T extends { status: string }>(r: T, what: string): T => {
    if (r.status !== "saved" && r.status !== "submitted") throw new Error(`演示数据：${what} 失败（${JSON.stringify(r).slice(0, 300)}）`);
    return r;
  };

  // 1. self-assessments with evidence; city-level facts first (other units read them), then
  // units side by side (each unit's saves stay in order)
  const versions = new Map<string, number>();
  const evidence: Prisma.EvidenceCreateManyInput[] = [];
  const index = new Map(plan.fills.map((f, i) => [f, i]));
  const isCity = (f: DemoPlan["fills"][number]) => ctx.compiled.leafByCode.get(f.item)?.scope === "city";
  let saved = 0;
  const fillOne = async (f: DemoPlan["fills"][number]) => {
    const i = index.get(f)!;
    const now = spread(TIMELINE.fillFrom, TIMELINE.fillTo, i, plan.fills.length);
    const r = must(await saveSelfFact(asUnit(f.unit), IP, { editionId, unitCode: f.unit, itemCode: f.item, payload: f.payload, expectedVersion: 0 }, now), `${f.unit} ${f.item} 填报`);
    if (r.status === "saved") versions.set(`${f.unit}|${f.item}`, r.version);
    for (const [k, e] of f.evidence.entries()) {
      const id = demoUuid(`${ctx.key}|${f.unit}|${f.item}|${k}`);
      evidence.push({
        id,
        editionId,
        unitCode: f.unit,
        itemCode: f.item,
        kind: "link",
        url: `/scorecards/${encodeURIComponent(f.unit)}/evidence?item=${encodeURIComponent(f.item)}#ev-${id}`,
        title: e.title,
        coversFrom: new Date(`${ctx.year}-01-01`),
        coversTo: new Date(`${ctx.year}-12-31`),
        uploadedById: filler.id,
        uploadedAt: now,
      });
    }
    if (++saved % 100 === 0) log(`[demo] 已填报 ${saved}/${plan.fills.length} 项`);
  };
  for (const f of plan.fills.filter(isCity)) await fillOne(f);
  const byUnit = groupBy(plan.fills.filter((f) => !isCity(f)), (f) => f.unit);
  await eachLimit([...byUnit.values()], CONCURRENCY, async (fills) => {
    for (const f of fills) await fillOne(f);
  });
  evidence.sort((a, b) => a.id.localeCompare(b.id));
  await prisma.evidence.createMany({ data: evidence, skipDuplicates: true });
  log(`[demo] 自评 ${plan.fills.length} 项，佐证材料 ${evidence.length} 份`);

  // 2. submit; items returned before the deadline are corrected and resubmitted
  await eachLimit([...plan.submit.entries()], CONCURRENCY, async ([i, unit]) => {
    must(await submitUnit(asUnit(unit), IP, { editionId, unitCode: unit }, new Date(TIMELINE.submitFrom.getTime() + i * 10 * 60_000)), `${unit} 提交`);
  });
  for (const r of plan.returns.filter((x) => x.fixed)) {
    await returnItem(reviewer, IP, { editionId, unitCode: r.unit, itemCode: r.item, comment: r.comment }, TIMELINE.returnAt);
    const v = versions.get(`${r.unit}|${r.item}`) ?? 1;
    must(await saveSelfFact(asUnit(r.unit), IP, { editionId, unitCode: r.unit, itemCode: r.item, payload: r.fixed, expectedVersion: v }, TIMELINE.fixAt), `${r.unit} ${r.item} 修改`);
    must(await submitUnit(asUnit(r.unit), IP, { editionId, unitCode: r.unit }, new Date(TIMELINE.fixAt.getTime() + 30 * 60_000)), `${r.unit} 重新提交`);
  }
  log(`[demo] ${plan.submit.length} 个单位已提交自评`);

  // 3. review: units accepted item by item (finalised parts completely), monitoring findings,
  // ratings and corrections, 加重扣分; then, two days ago, items returned to the county account
  const partOf = (item: string) => ctx.compiled.leafByCode.get(item)?.partCode;
  const reviewedLater = new Set([...plan.adjustments, ...plan.monitoring].map((a) => `${a.unit}|${a.item}`));
  const acceptAll = async (fills: DemoPlan["fills"], from: Date, to: Date) => {
    const when = new Map(fills.map((f, i) => [f, spread(from, to, i, fills.length)]));
    await eachLimit([...groupBy(fills, (f) => f.unit).values()], CONCURRENCY, async (list) => {
      for (const f of list) await acceptItem(reviewer, IP, { editionId, unitCode: f.unit, itemCode: f.item, method: "网上核查" }, when.get(f)!);
    });
  };
  const accepted = plan.fills.filter((f) => {
    if (reviewedLater.has(`${f.unit}|${f.item}`)) return false;
    if (plan.finalise.includes(partOf(f.item) ?? "")) return true;
    return plan.partial.some((p) => p.part === partOf(f.item) && p.units.includes(f.unit));
  });
  await acceptAll(accepted, TIMELINE.acceptFrom, TIMELINE.acceptTo);
  for (const m of plan.monitoring) {
    await recordMonitoringEvents(reviewer, IP, { editionId, ...m, unitCode: m.unit, itemCode: m.item }, TIMELINE.monitoringAt);
  }
  for (const a of plan.adjustments) {
    await adjustItem(reviewer, IP, { editionId, unitCode: a.unit, itemCode: a.item, method: a.method, reason: a.reason, payload: a.payload }, TIMELINE.ratingAt);
  }
  for (const p of plan.penalties) {
    await addPostPenalty(reviewer, IP, { editionId, unitCode: p.unit, partCode: p.part, points: p.points, reason: p.reason }, TIMELINE.penaltyAt);
  }
  for (const part of plan.finalise) {
    await finalisePart(reviewer, IP, { editionId, partCode: part, acceptRemaining: false }, TIMELINE.penaltyAt);
    log(`[demo] ${ctx.compiled.partByCode.get(part)?.name ?? part}：已审核并定稿`);
  }
  for (const { part, units } of plan.partial) {
    log(`[demo] ${ctx.compiled.partByCode.get(part)?.name ?? part}：${units.length}/${plan.submit.length} 个单位已审核，结果暂定`);
  }
  for (const r of plan.returns.filter((x) => !x.fixed)) {
    await returnItem(reviewer, IP, { editionId, unitCode: r.unit, itemCode: r.item, comment: r.comment }, TIMELINE.openReturnAt);
  }
}

/** The demo accounts' story in names, for the start output. */
export function demoGuide(ctx: AssessmentContext, plan: DemoPlan, now: Date): DemoGuide {
  const name = (code: string) => ctx.compiled.unitByCode.get(code)?.name ?? code;
  return {
    deadline: formatShanghai(demoTimeline(now).deadline),
    returned: { name: name(plan.story.returned), items: plan.returns.filter((r) => !r.fixed && r.unit === plan.story.returned).length },
    awaiting: { name: name(plan.story.awaiting) },
    waitingUnits: plan.story.waiting.length,
    notStarted: plan.story.notStarted ? { name: name(plan.story.notStarted) } : null,
  };
}

/**
 * Load the demo data into the current edition (or the current version of `editionKey`).
 * Skipped when any item fact exists (in the whole database, or in that edition when a key
 * is given). Needs DATABASE_URL (lib/db/client.ts).
 */
export async function applyDemoData(opts: { log?: Log; editionKey?: string; seed?: number } = {}): Promise<DemoLoadResult> {
  const log = opts.log ?? (() => {});
  const t0 = Date.now();
  const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    const prisma = getPrisma();
    const edition = opts.editionKey ? await getCurrentEdition(opts.editionKey) : null;
    if (opts.editionKey && !edition) return { status: "skipped", reason: `找不到考核年度 ${opts.editionKey}` };
    const ctx = await getAssessmentContext(edition?.id);
    if (!ctx) return { status: "skipped", reason: "尚未导入任何考核年度" };
    const existing = await prisma.itemFact.count({ where: opts.editionKey ? { editionId: ctx.id } : {} });
    if (existing > 0) return { status: "skipped", reason: `数据库中已有 ${existing} 条填报数据` };
    const now = new Date();
    const conflict = await ensurePeriod(ctx, demoTimeline(now), now);
    if (conflict) return { status: "skipped", reason: conflict };
    // marked first: even a load that stops half-way is shown as demo data
    await prisma.appSetting.upsert({ where: { key: DEMO_SETTING }, create: { key: DEMO_SETTING, value: "1" }, update: { value: "1", updatedAt: new Date() } });
    log(`[demo] 正在为“${ctx.name}”生成演示数据（约需 1 分钟）…`);
    const plan = buildDemoPlan(ctx.compiled, opts.seed ?? ctx.compiled.year);
    await carryOutPlan(ctx, plan, await demoActors(), log, now);
    const facts = await prisma.itemFact.count({ where: { editionId: ctx.id } });
    return { status: "loaded", editionId: ctx.id, facts, ms: Date.now() - t0, guide: demoGuide(ctx, plan, now) };
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await lock.end();
  }
}
