import "server-only";
// 工作台: what each role sees first. Built from the existing queries (review queue, results
// and rankings, messages, periods); this module only picks and shapes.
import { getPrisma } from "../db/client";
import { getAssessmentContext } from "../assessment/context";
import { formatShanghai } from "../assessment/locks";
import { getReviewQueue, ZQueueQuery, formatWaiting } from "../review/queue";
import { getEditionResults } from "../results/score";
import { partStates } from "../dashboard/data";
import { buildRankRows, GROUPS, GROUP_LABELS, OVERALL, type TGroup } from "../dashboard/view";
import { listMessages, type MessageView } from "../messages";
import { workdaysBetween } from "../messages/deadline";
import { CalendarNotCoveredError } from "../workdays";
import type { SessionUser } from "../auth/session";

const SHANGHAI_MS = 8 * 3_600_000;
const dayOf = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);

export type Countdown = { deadlineText: string; state: "not-open" | "open" | "closed"; days: number; workdays: number | null; extended: boolean };

/** Days and official working days until the deadline (working days null when the calendar does not cover it). */
export function countdown(deadline: Date, opensAt: Date, now: Date, extended = false): Countdown {
  const state = now < opensAt ? "not-open" : now > deadline ? "closed" : "open";
  const days = Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000));
  let workdays: number | null = null;
  try {
    workdays = state === "closed" ? 0 : workdaysBetween(dayOf(now), dayOf(deadline));
  } catch (e) {
    if (!(e instanceof CalendarNotCoveredError)) throw e;
  }
  return { deadlineText: formatShanghai(deadline), state, days, workdays, extended };
}

export async function unreadMessages(userId: number, take = 5): Promise<{ unread: number; rows: MessageView[] }> {
  const m = await listMessages(userId, { unreadOnly: true });
  return { unread: m.unread, rows: m.rows.slice(0, take) };
}

// ---- 审核员 --------------------------------------------------------------------------------

export type FindingDeadline = { unitCode: string; unitName: string; itemCode: string; itemName: string; kind: string; date: string; due: string; overdue: boolean };

/** Monitoring findings with a 整改 deadline (lateFix) and no fix date yet: when each is due. */
async function findingDeadlines(editionId: number, now: Date): Promise<FindingDeadline[]> {
  const ctx = (await getAssessmentContext(editionId))!;
  const lateKinds = new Map<string, Map<string, { name: string; afterDays: number }>>();
  for (const leaf of ctx.compiled.leafByCode.values()) {
    if (leaf.rule.type !== "deduction") continue;
    const kinds = new Map<string, { name: string; afterDays: number }>();
    for (const pool of leaf.rule.pools) for (const k of pool.kinds) if (k.lateFix) kinds.set(k.code, { name: k.name, afterDays: k.lateFix.afterDays });
    if (kinds.size) lateKinds.set(leaf.code, kinds);
  }
  if (lateKinds.size === 0) return [];
  const rows = await getPrisma().itemFact.findMany({ where: { editionId, source: "review", itemCode: { in: [...lateKinds.keys()] } }, select: { unitCode: true, itemCode: true, payload: true } });
  const today = dayOf(now);
  const out: FindingDeadline[] = [];
  for (const r of rows) {
    const kinds = lateKinds.get(r.itemCode)!;
    const events = ((r.payload as { value?: { events?: { kind: string; date?: string | null; fixedDate?: string | null }[] } }).value?.events ?? []);
    for (const e of events) {
      const k = kinds.get(e.kind);
      if (!k || !e.date || e.fixedDate) continue;
      const due = new Date(Date.parse(`${e.date}T00:00:00Z`) + k.afterDays * 86_400_000).toISOString().slice(0, 10);
      out.push({
        unitCode: r.unitCode,
        unitName: ctx.compiled.unitByCode.get(r.unitCode)?.name ?? r.unitCode,
        itemCode: r.itemCode,
        itemName: ctx.compiled.leafByCode.get(r.itemCode)?.name ?? r.itemCode,
        kind: k.name,
        date: e.date,
        due,
        overdue: due < today,
      });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

export type ReviewerWorkbench = {
  editionName: string;
  waiting: { unitCode: string; unitName: string; waiting: string; open: number }[];
  returned: { unitCode: string; unitName: string; items: number }[];
  /** not submitted and nothing of their own entered yet */
  notStarted: { unitCode: string; unitName: string }[];
  /** not submitted, but filling in (some of their own items entered) */
  inProgress: { unitCode: string; unitName: string }[];
  findings: FindingDeadline[];
};

export async function getReviewerWorkbench(now = new Date()): Promise<ReviewerWorkbench | null> {
  const q = await getReviewQueue(ZQueueQuery.parse({ sort: "waiting", dir: "desc" }), now);
  if (!q) return null;
  // a unit has started once it has entered any item of its own (a draft counts)
  const started = new Set(
    (await getPrisma().itemFact.groupBy({ by: ["unitCode"], where: { editionId: q.editionId, source: "self", unitCode: { in: q.rows.filter((r) => r.state === "none").map((r) => r.unitCode) } } })).map((r) => r.unitCode),
  );
  const unsubmitted = q.rows.filter((r) => r.state === "none").map((r) => ({ unitCode: r.unitCode, unitName: r.unitName }));
  return {
    editionName: q.editionName,
    // oldest submission first: the queue's "waiting" order, descending
    waiting: q.rows.filter((r) => r.state === "submitted").map((r) => ({ unitCode: r.unitCode, unitName: r.unitName, waiting: formatWaiting(r.waitingMs ?? 0), open: r.items.submitted })),
    returned: q.rows.filter((r) => r.state === "returned").map((r) => ({ unitCode: r.unitCode, unitName: r.unitName, items: r.items.returned })),
    notStarted: unsubmitted.filter((u) => !started.has(u.unitCode)),
    inProgress: unsubmitted.filter((u) => started.has(u.unitCode)),
    findings: await findingDeadlines(q.editionId, now),
  };
}

// ---- 领导 ----------------------------------------------------------------------------------

export type LeaderRow = { rank: number; unit: string; name: string; score: string; final: boolean };
export type LeaderWorkbench = {
  editionName: string;
  parts: { name: string; final: boolean }[];
  groups: { group: TGroup; label: string; of: number; top: LeaderRow[]; bottom: LeaderRow[] }[];
  since: Date | null;
  changes: { at: Date; text: string }[];
};

const CHANGE_LABELS: Record<string, string> = {
  "review.adjust": "调整得分",
  "review.monitoring": "录入监测扣分",
  "review.accept": "审核通过",
  "review.return": "退回修改",
  "submission.submit": "提交自评",
  "results.finalise": "结果定稿",
  "results.reopen": "重新开放定稿",
  "review.post_penalty": "加重扣分",
  "results.publish": "公布考核结果",
  "results.unpublish": "撤回公布",
  "appeal.file": "提出申诉",
  "appeal.accept": "申诉成立",
  "appeal.reject": "申诉驳回",
};

/** Top and bottom five per group (overall), part status, and what changed since the previous visit (which this records). */
export async function getLeaderWorkbench(user: Pick<SessionUser, "id">, now = new Date()): Promise<LeaderWorkbench | null> {
  const res = await getEditionResults();
  if (!res) return null;
  const prisma = getPrisma();
  const me = await prisma.user.findUnique({ where: { id: user.id }, select: { lastWorkbenchAt: true } });
  const since = me?.lastWorkbenchAt ?? null;
  await prisma.user.update({ where: { id: user.id }, data: { lastWorkbenchAt: now } });
  const parts = partStates(res);
  const row = (r: ReturnType<typeof buildRankRows>[number]): LeaderRow => ({ rank: r.rank, unit: r.unit, name: r.name, score: r.score.display, final: r.final });
  const groups = GROUPS.map((g) => {
    const rows = buildRankRows(res.result, parts, g, OVERALL);
    return { group: g, label: GROUP_LABELS[g], of: rows.length, top: rows.slice(0, 5).map(row), bottom: rows.length > 5 ? rows.slice(-Math.min(5, rows.length - 5)).map(row) : [] };
  });
  const audit = since
    ? await prisma.auditLog.findMany({
        where: { editionId: res.ctx.id, at: { gt: since }, action: { in: Object.keys(CHANGE_LABELS) } },
        orderBy: { at: "desc" },
        take: 200,
        select: { at: true, action: true, unitCode: true },
      })
    : [];
  // one line per unit and kind of change, newest first
  const seen = new Map<string, { at: Date; text: string; n: number }>();
  for (const a of audit) {
    const key = `${a.action}|${a.unitCode ?? ""}`;
    const hit = seen.get(key);
    if (hit) hit.n++;
    else seen.set(key, { at: a.at, text: `${a.unitCode ? `${res.ctx.compiled.unitByCode.get(a.unitCode)?.name ?? a.unitCode}：` : ""}${CHANGE_LABELS[a.action]}`, n: 1 });
  }
  return {
    editionName: res.ctx.name,
    parts: res.parts.map((p) => ({ name: p.partName, final: p.final })),
    groups,
    since,
    changes: [...seen.values()].slice(0, 20).map((c) => ({ at: c.at, text: c.n > 1 ? `${c.text}（${c.n} 次）` : c.text })),
  };
}

// ---- 管理员 --------------------------------------------------------------------------------

export type AdminWorkbench = {
  editionName: string | null;
  period: Countdown | null;
  submitted: number;
  units: number;
  neverSignedIn: { id: number; username: string; displayName: string; unitName: string | null }[];
  unitsWithoutAccounts: { code: string; name: string }[];
};

export async function getAdminWorkbench(now = new Date()): Promise<AdminWorkbench> {
  const ctx = await getAssessmentContext();
  const prisma = getPrisma();
  const [period, subs, never, units, withFillers] = await Promise.all([
    ctx ? prisma.assessmentPeriod.findUnique({ where: { editionId: ctx.id }, select: { opensAt: true, deadline: true } }) : null,
    ctx ? prisma.unitSubmission.count({ where: { editionId: ctx.id, status: { in: ["submitted", "reviewed"] } } }) : 0,
    prisma.user.findMany({ where: { lastLoginAt: null, disabled: false }, orderBy: { username: "asc" }, take: 200, select: { id: true, username: true, displayName: true, unit: { select: { name: true } } } }),
    prisma.unit.findMany({ where: { active: true, group: { not: "city" } }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
    prisma.user.groupBy({ by: ["unitCode"], where: { disabled: false, roles: { has: "filler" }, unitCode: { not: null } } }),
  ]);
  const staffed = new Set(withFillers.map((u) => u.unitCode));
  return {
    editionName: ctx?.name ?? null,
    period: period ? countdown(period.deadline, period.opensAt, now) : null,
    submitted: subs,
    units: units.length,
    neverSignedIn: never.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, unitName: u.unit?.name ?? null })),
    unitsWithoutAccounts: units.filter((u) => !staffed.has(u.code)),
  };
}
