import "server-only";
// What reviewers read: the queue of units (by submission status, group, part, with how
// long each has waited), one unit's review screen (items with both sides, history,
// evidence), and what stands between a part and its finalisation.
import { z } from "zod";
import { searchText } from "../zod/text";
import { getPrisma } from "../db/client";
import { getAssessmentContext } from "../assessment/context";
import { getUnitForm } from "../assessment/facts";
import { itemsForUnit } from "../assessment/items";
import { buildReviewItemView } from "../assessment/item-view";
import { recordOfRow } from "./deadlines";
import type { EvidenceView, ItemStatusView, ReviewEventView, ReviewItemView, SubmissionState, UnitReviewView } from "@/lib/review/view-types";

// ---- Queue -------------------------------------------------------------------------------

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The queue's URL search params; anything unknown falls back to the default instead of failing. */
export const ZQueueQuery = z.object({
  status: z.preprocess(one, z.enum(["all", "none", "submitted", "returned", "reviewed"]).catch("all")).default("all"),
  group: z.preprocess(one, z.enum(["all", "department", "county"]).catch("all")).default("all"),
  part: z.preprocess(one, searchText(40).catch("")).default(""),
  q: z.preprocess(one, searchText(40).catch("")).default(""),
  sort: z.preprocess(one, z.enum(["waiting", "unit", "status", "group", "open"]).catch("waiting")).default("waiting"),
  dir: z.preprocess(one, z.enum(["asc", "desc"]).catch("desc")).default("desc"),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

export type ItemCounts = Record<ItemStatusView, number> & { total: number };

/**
 * Where a unit stands in the queue: not submitted, submitted and waiting for review,
 * returned (items sent back: it waits on the unit, not on reviewers), or reviewed.
 */
export type QueueState = SubmissionState | "returned";

export type QueueRow = {
  unitCode: string;
  unitName: string;
  group: "department" | "county";
  state: QueueState;
  round: number;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  /** since the (latest) submission, while it waits for review; null otherwise (also while returned) */
  waitingMs: number | null;
  items: ItemCounts;
  /** review facts entered for this unit (adjustments and monitoring) */
  adjusted: number;
};

export type ReviewQueue = {
  editionId: number;
  editionName: string;
  parts: { code: string; name: string }[];
  rows: QueueRow[];
  /** per status, under the other filters (group, part, search) */
  counts: Record<"all" | QueueState, number>;
  now: Date;
};

const STATE_ORDER: Record<QueueState, number> = { submitted: 0, returned: 1, none: 2, reviewed: 3 };

function emptyCounts(): ItemCounts {
  return { total: 0, empty: 0, draft: 0, submitted: 0, returned: 0, reviewed: 0 };
}

export async function getReviewQueue(query: TQueueQuery, now = new Date()): Promise<ReviewQueue | null> {
  const ctx = await getAssessmentContext();
  if (!ctx) return null;
  const { compiled } = ctx;
  const part = query.part ? compiled.partByCode.get(query.part) : undefined;
  const prisma = getPrisma();
  const [subs, facts] = await Promise.all([
    prisma.unitSubmission.findMany({ where: { editionId: ctx.id }, select: { unitCode: true, status: true, round: true, submittedAt: true, reviewedAt: true } }),
    prisma.itemFact.findMany({ where: { editionId: ctx.id }, select: { unitCode: true, itemCode: true, source: true, status: true } }),
  ]);
  const subBy = new Map(subs.map((s) => [s.unitCode, s]));
  const selfStatus = new Map<string, ItemStatusView>();
  const reviewed = new Set<string>();
  for (const f of facts) {
    if (f.source === "self") selfStatus.set(`${f.unitCode}|${f.itemCode}`, f.status);
    else reviewed.add(`${f.unitCode}|${f.itemCode}`);
  }

  const all: QueueRow[] = [];
  for (const u of compiled.units) {
    if (u.group === "city") continue;
    const unitItems = itemsForUnit(compiled, u.code);
    const items = unitItems.filter((i) => !part || i.leaf.partCode === part.code);
    if (items.length === 0) continue;
    // returned items of any part: the unit has to act before reviewers can go on
    const hasReturned = unitItems.some((i) => i.editable && selfStatus.get(`${i.factUnit}|${i.leaf.code}`) === "returned");
    const counts = emptyCounts();
    let adjusted = 0;
    for (const i of items) {
      const key = `${i.factUnit}|${i.leaf.code}`;
      counts.total++;
      counts[selfStatus.get(key) ?? "empty"]++;
      if (reviewed.has(key)) adjusted++;
    }
    const s = subBy.get(u.code);
    const submitted: SubmissionState = s?.status === "submitted" ? "submitted" : s?.status === "reviewed" ? "reviewed" : "none";
    const state: QueueState = submitted !== "none" && hasReturned ? "returned" : submitted;
    all.push({
      unitCode: u.code,
      unitName: u.name,
      group: u.group,
      state,
      round: s?.round ?? 0,
      submittedAt: s?.submittedAt ?? null,
      reviewedAt: s?.reviewedAt ?? null,
      waitingMs: state === "submitted" && s?.submittedAt ? Math.max(0, now.getTime() - s.submittedAt.getTime()) : null,
      items: counts,
      adjusted,
    });
  }

  const q = query.q.toLowerCase();
  const filtered = all.filter((r) => (query.group === "all" || r.group === query.group) && (!q || r.unitName.toLowerCase().includes(q) || r.unitCode.includes(q)));
  const counts = { all: filtered.length, none: 0, submitted: 0, returned: 0, reviewed: 0 };
  for (const r of filtered) counts[r.state]++;
  const rows = filtered.filter((r) => query.status === "all" || r.state === query.status);
  rows.sort(comparator(query));
  return { editionId: ctx.id, editionName: ctx.name, parts: compiled.parts.map((p) => ({ code: p.code, name: p.name })), rows, counts, now };
}

function comparator(query: TQueueQuery): (a: QueueRow, b: QueueRow) => number {
  const sign = query.dir === "asc" ? 1 : -1;
  const byName = (a: QueueRow, b: QueueRow) => a.unitName.localeCompare(b.unitName, "zh-CN");
  const key: (a: QueueRow, b: QueueRow) => number = {
    // waiting units first (longest wait first when descending), then by name
    waiting: (a: QueueRow, b: QueueRow) => (a.waitingMs ?? -1) - (b.waitingMs ?? -1),
    unit: byName,
    status: (a: QueueRow, b: QueueRow) => STATE_ORDER[b.state] - STATE_ORDER[a.state],
    group: (a: QueueRow, b: QueueRow) => a.group.localeCompare(b.group),
    open: (a: QueueRow, b: QueueRow) => a.items.submitted + a.items.returned - (b.items.submitted + b.items.returned),
  }[query.sort];
  return (a, b) => sign * key(a, b) || byName(a, b);
}

/** "3天4小时", "5小时12分钟", "不到1分钟": how long something has waited. */
export function formatWaiting(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}天${hours > 0 ? `${hours}小时` : ""}`;
  if (hours > 0) return `${hours}小时${minutes % 60 > 0 ? `${minutes % 60}分钟` : ""}`;
  return minutes > 0 ? `${minutes}分钟` : "不到1分钟";
}

// ---- One unit's review screen --------------------------------------------------------------

function previewKind(mime: string | null, name: string | null): EvidenceView["previewable"] {
  const m = (mime ?? "").toLowerCase();
  if (m === "application/pdf" || /\.pdf$/i.test(name ?? "")) return "pdf";
  if (/^image\/(png|jpe?g|gif|webp)$/.test(m)) return "image";
  return null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function getUnitReview(unitCode: string, now = new Date()): Promise<UnitReviewView | null> {
  const ctx = await getAssessmentContext();
  if (!ctx) return null;
  const unit = ctx.compiled.unitByCode.get(unitCode);
  if (!unit || unit.group === "city") return null;
  const prisma = getPrisma();
  const [{ form }, events, evidence, users, submission, penalties, finals, records] = await Promise.all([
    getUnitForm(ctx.id, unitCode, now),
    prisma.reviewEvent.findMany({ where: { editionId: ctx.id, unitCode }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    prisma.evidence.findMany({ where: { editionId: ctx.id, unitCode, deletedAt: null }, orderBy: { uploadedAt: "asc" }, select: { id: true, itemCode: true, kind: true, title: true, fileName: true, url: true, mimeType: true } }),
    prisma.user.findMany({ select: { id: true, displayName: true } }),
    prisma.unitSubmission.findUnique({ where: { editionId_unitCode: { editionId: ctx.id, unitCode } } }),
    prisma.postPenalty.findMany({ where: { editionId: ctx.id, unitCode }, orderBy: { createdAt: "asc" } }),
    prisma.resultFinalisation.findMany({ where: { editionId: ctx.id, active: true }, select: { partCode: true } }),
    prisma.deadlineRecord.findMany({
      where: { editionId: ctx.id, unitCode: { in: [unitCode, ctx.compiled.city?.code ?? unitCode] }, itemCode: { in: (ctx.edition.deadlines ?? []).map((d) => d.item) } },
      orderBy: { position: "asc" },
    }),
  ]);
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const eventView = (e: (typeof events)[number]): ReviewEventView => ({
    id: e.id,
    round: e.round,
    action: e.action,
    method: e.method,
    comment: e.comment,
    actor: e.actorId ? (name.get(e.actorId) ?? null) : null,
    at: e.at.toISOString(),
  });
  const evidenceView = (e: (typeof evidence)[number]): EvidenceView => ({
    id: e.id,
    name: e.title || e.fileName || e.url || "佐证材料",
    previewable: e.kind === "file" ? previewKind(e.mimeType, e.fileName) : null,
  });
  const items: ReviewItemView[] = form.map((f) =>
    buildReviewItemView(ctx.compiled, {
      leaf: f.item.leaf,
      role: f.item.role,
      factUnit: f.item.factUnit,
      self: f.self,
      review: f.review,
      result: f.result,
      events: events.filter((e) => e.itemCode === f.item.leaf.code).map(eventView),
      evidence: evidence.filter((e) => e.itemCode === f.item.leaf.code).map(evidenceView),
      records: records.filter((r) => r.itemCode === f.item.leaf.code && r.unitCode === f.item.factUnit).map((r) => {
        const { due: _due, ...rec } = recordOfRow(r);
        return rec;
      }),
    }),
  );
  const finalParts = new Set(finals.map((f) => f.partCode));
  const state: SubmissionState = submission?.status === "submitted" ? "submitted" : submission?.status === "reviewed" ? "reviewed" : "none";
  return {
    editionId: ctx.id,
    editionName: ctx.name,
    unit: { code: unit.code, name: unit.name, group: unit.group },
    submission: { state, round: submission?.round ?? 0, submittedAt: iso(submission?.submittedAt), reviewedAt: iso(submission?.reviewedAt) },
    parts: ctx.compiled.parts.map((p) => ({ code: p.code, name: p.name, final: finalParts.has(p.code), allowPostPenalty: p.allowPostPenalty, assessed: p.units.has(unit.code) })),
    items,
    unitEvents: events.filter((e) => !e.itemCode).map(eventView),
    penalties: penalties.map((p) => ({
      id: p.id,
      partCode: p.partCode,
      points: p.points.toString(),
      reason: p.reason,
      createdAt: p.createdAt.toISOString(),
      createdBy: p.createdById ? (name.get(p.createdById) ?? null) : null,
      revoked: p.revokedAt !== null,
    })),
  };
}

// ---- Finalisation ------------------------------------------------------------------------

export type FinalisePartView = {
  code: string;
  name: string;
  final: { at: Date; by: string | null } | null;
  /** units whose self-assessment in this part still waits for review (or was never submitted but has drafts) */
  unreviewed: { code: string; name: string }[];
  /** assessed units that have not submitted at all */
  notSubmitted: { code: string; name: string }[];
  history: { finalisedAt: Date; finalisedBy: string | null; reopenedAt: Date | null; reopenedBy: string | null; reason: string | null }[];
};

export async function getFinaliseOverview(): Promise<{ editionId: number; editionName: string; parts: FinalisePartView[] } | null> {
  const ctx = await getAssessmentContext();
  if (!ctx) return null;
  const prisma = getPrisma();
  const [open, subs, fins, users] = await Promise.all([
    prisma.itemFact.findMany({ where: { editionId: ctx.id, source: "self", status: { in: ["draft", "submitted", "returned"] } }, select: { unitCode: true, itemCode: true } }),
    prisma.unitSubmission.findMany({ where: { editionId: ctx.id, status: { in: ["submitted", "reviewed"] } }, select: { unitCode: true } }),
    prisma.resultFinalisation.findMany({ where: { editionId: ctx.id }, orderBy: { finalisedAt: "asc" } }),
    prisma.user.findMany({ select: { id: true, displayName: true } }),
  ]);
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const submitted = new Set(subs.map((s) => s.unitCode));
  const unitRef = (code: string) => ({ code, name: ctx.compiled.unitByCode.get(code)?.name ?? code });
  const parts = ctx.compiled.parts.map((p): FinalisePartView => {
    const leaves = new Set(p.leaves.map((l) => l.code));
    // the same rule as unreviewedUnits() in review.ts (which finalisePart applies)
    const pending = [...new Set(open.filter((o) => leaves.has(o.itemCode)).map((o) => o.unitCode))];
    const active = fins.find((f) => f.partCode === p.code && f.active);
    return {
      code: p.code,
      name: p.name,
      final: active ? { at: active.finalisedAt, by: active.finalisedById ? (name.get(active.finalisedById) ?? null) : null } : null,
      unreviewed: pending.map(unitRef).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
      notSubmitted: [...p.units]
        .filter((u) => ctx.compiled.unitByCode.get(u)?.group !== "city" && !submitted.has(u))
        .map(unitRef)
        .sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
      history: fins
        .filter((f) => f.partCode === p.code)
        .map((f) => ({
          finalisedAt: f.finalisedAt,
          finalisedBy: f.finalisedById ? (name.get(f.finalisedById) ?? null) : null,
          reopenedAt: f.reopenedAt,
          reopenedBy: f.reopenedById ? (name.get(f.reopenedById) ?? null) : null,
          reason: f.reopenReason,
        })),
    };
  });
  return { editionId: ctx.id, editionName: ctx.name, parts };
}
