import "server-only";
// What 排名看板, the scorecard pages and the exports read. Every score comes from
// getEditionResults (the engine, cached per edition and recomputed when facts change);
// view models are memoised on that cached result, so they are rebuilt exactly when the
// results are.
import { z } from "zod";
import { getDb, getPrisma } from "../db/client";
import { rows } from "../db/sql";
import { isDemoData } from "../demo/flag";
import { listEditions, type EditionRef } from "../editions";
import { getEditionResults, type EditionResults } from "../results/score";
import { parseDashboardQuery, type TDashboardQuery } from "./query";
import { buildScorecardView, METHOD_ACTIONS, type TEvidenceView, type TReviewView, type TScorecardView, type TStoredFacts } from "./scorecard";
import {
  buildCityCard,
  buildDistribution,
  buildLostPoints,
  buildProgress,
  buildRankRows,
  OVERALL,
  scopeOptions,
  walkItems,
  type TBin,
  type TCardSummary,
  type TLostItem,
  type TPartState,
  type TProgressRow,
  type TRankRow,
  type TScopeOption,
} from "./view";

export type TEditionOption = EditionRef & { current: boolean };

export type TResultsMeta = {
  edition: { id: number; key: string; name: string; year: number; version: number };
  parts: TPartState[];
  demo: boolean;
  /** no unit has any fact yet */
  empty: boolean;
  computedAt: string;
};

export type TDashboard =
  | { kind: "no-edition" }
  | {
      kind: "ok";
      meta: TResultsMeta;
      editions: TEditionOption[];
      query: TDashboardQuery;
      scopes: TScopeOption[];
      rows: TRankRow[];
      city: TCardSummary | null;
      distribution: TBin[];
      lost: TLostItem[];
      progress: TProgressRow[];
    };

const memo = new WeakMap<EditionResults, Map<string, unknown>>();
function memoised<T>(res: EditionResults, key: string, build: () => T): T {
  let m = memo.get(res);
  if (!m) memo.set(res, (m = new Map()));
  if (!m.has(key)) m.set(key, build());
  return m.get(key) as T;
}

export function partStates(res: EditionResults): TPartState[] {
  return res.parts.map((p) => ({ partCode: p.partCode, partName: p.partName, final: p.final, finalisedAt: p.finalisedAt?.toISOString() ?? null }));
}

export async function getResultsMeta(res: EditionResults): Promise<TResultsMeta> {
  const { ctx } = res;
  return {
    edition: { id: ctx.id, key: ctx.key, name: ctx.name, year: ctx.year, version: ctx.version },
    parts: partStates(res),
    demo: await isDemoData(),
    empty: res.empty,
    computedAt: res.computedAt.toISOString(),
  };
}

/** The results of the edition named in the URL (when it exists), else of the current one. */
export async function getResults(editionId?: number): Promise<EditionResults | null> {
  if (editionId) {
    const r = await getEditionResults(editionId);
    if (r) return r;
  }
  return getEditionResults();
}

const ZProgressRow = z.object({
  unit_code: z.string(),
  status: z.enum(["draft", "submitted", "reviewed"]).nullable(),
  returned: z.number().int(),
});

/** Each unit's submission status and returned items, in one query on every 排名看板 view:
 *  typed SQL (docs/architecture.md "Typed SQL"). */
async function getProgress(res: EditionResults): Promise<TProgressRow[]> {
  const found = await rows(
    getDb().pool,
    ZProgressRow,
    `SELECT coalesce(s.unit_code, r.unit_code) AS unit_code, s.status::text AS status, coalesce(r.n, 0)::int AS returned
       FROM (SELECT unit_code, status FROM unit_submission WHERE edition_id = $1) s
       FULL JOIN (SELECT unit_code, count(*) AS n FROM item_fact WHERE edition_id = $1 AND source = 'self' AND status = 'returned' GROUP BY unit_code) r
         ON r.unit_code = s.unit_code`,
    [res.ctx.id],
  );
  return buildProgress(
    res.ctx.compiled.units,
    found.flatMap((r) => (r.status ? [{ unitCode: r.unit_code, status: r.status }] : [])),
    found.filter((r) => r.returned > 0).map((r) => ({ unitCode: r.unit_code, count: r.returned })),
  );
}

export async function getDashboard(raw: Record<string, string | string[] | undefined>): Promise<TDashboard> {
  const query = parseDashboardQuery(raw);
  const [editions, res] = await Promise.all([listEditions(), getResults(query.edition)]);
  if (!res) return { kind: "no-edition" };
  const meta = await getResultsMeta(res);
  const scopes = scopeOptions(meta.parts);
  const part = scopes.some((s) => s.code === query.part) ? query.part : OVERALL;
  const q: TDashboardQuery = { edition: query.edition === res.ctx.id ? res.ctx.id : undefined, group: query.group, part };
  const views = memoised(res, `dash|${q.group}|${part}`, () => {
    const rows = buildRankRows(res.result, meta.parts, q.group, part);
    return {
      rows,
      city: buildCityCard(res.result, meta.parts),
      distribution: buildDistribution(rows),
      lost: buildLostPoints(res.result, { group: q.group, scope: part, limit: 10 }),
    };
  });
  return { kind: "ok", meta, editions, query: q, scopes, ...views, progress: await getProgress(res) };
}

// ---- Scorecards ---------------------------------------------------------------------------

const EVIDENCE_SELECT = { id: true, unitCode: true, itemCode: true, kind: true, title: true, fileName: true, url: true, uploadedAt: true } as const;

/** Where an evidence entry opens: a stored file through the evidence route, a link as given
 *  (only in-app paths and http(s) URLs; anything else is not linked). */
export function evidenceHref(e: { id: string; kind: "file" | "link"; url: string | null }): string {
  if (e.kind === "file") return `/api/evidence/${encodeURIComponent(e.id)}`;
  const url = e.url ?? "";
  return /^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url) ? url : "";
}

function toEvidenceView(e: { id: string; kind: "file" | "link"; title: string | null; fileName: string | null; url: string | null; uploadedAt: Date }): TEvidenceView {
  return { id: e.id, kind: e.kind, title: e.title ?? e.fileName ?? "佐证材料", href: evidenceHref(e), uploadedAt: e.uploadedAt.toISOString(), fileName: e.fileName };
}

export type TScorecardPage = { meta: TResultsMeta; view: TScorecardView; unit: { code: string; name: string; group: string } };

export async function getScorecardPage(unitCode: string, editionId?: number): Promise<TScorecardPage | null> {
  const res = await getResults(editionId);
  if (!res) return null;
  const card = res.result.scorecards.find((c) => c.unit.code === unitCode);
  if (!card) return null;
  const { ctx } = res;
  const items = card.parts.flatMap((p) => walkItems(p.indicators)).map((x) => x.item);
  const cityItems = items.filter((i) => i.scope === "city").map((i) => i.code);
  const prisma = getPrisma();
  const factUnits = [...new Set(items.filter((i) => i.factUnit).map((i) => i.factUnit))];
  const [facts, evidence, reviews] = await Promise.all([
    prisma.itemFact.findMany({
      where: { editionId: ctx.id, unitCode: { in: factUnits.length ? factUnits : [unitCode] } },
      select: { unitCode: true, itemCode: true, source: true, payload: true, status: true, returnComment: true },
    }),
    prisma.evidence.findMany({
      where: { editionId: ctx.id, deletedAt: null, OR: [{ unitCode }, { itemCode: { in: cityItems } }] },
      select: EVIDENCE_SELECT,
      orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
    }),
    prisma.reviewEvent.findMany({
      where: { editionId: ctx.id, OR: [{ unitCode, itemCode: { not: null } }, { itemCode: { in: cityItems } }] },
      select: { itemCode: true, action: true, method: true, comment: true, at: true },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    }),
  ]);
  const factUnitOf = new Map(items.map((i) => [i.code, i.factUnit]));
  const factMap = new Map<string, TStoredFacts>();
  for (const f of facts) {
    if (factUnitOf.get(f.itemCode) !== f.unitCode) continue;
    const entry = factMap.get(f.itemCode) ?? {};
    if (f.source === "self") entry.self = { payload: f.payload, status: f.status, returnComment: f.returnComment };
    else entry.review = { payload: f.payload };
    factMap.set(f.itemCode, entry);
  }
  const evidenceMap = new Map<string, TEvidenceView[]>();
  for (const e of evidence) evidenceMap.set(e.itemCode, [...(evidenceMap.get(e.itemCode) ?? []), toEvidenceView(e)]);
  const reviewMap = new Map<string, TReviewView[]>();
  for (const r of reviews) {
    if (!r.itemCode) continue;
    const v: TReviewView = { action: r.action, label: METHOD_ACTIONS[r.action] ?? r.action, method: r.method, comment: r.comment, at: r.at.toISOString() };
    reviewMap.set(r.itemCode, [...(reviewMap.get(r.itemCode) ?? []), v]);
  }
  const meta = await getResultsMeta(res);
  const view = buildScorecardView({ result: res.result, compiled: ctx.compiled, parts: meta.parts, unit: unitCode, facts: factMap, evidence: evidenceMap, reviews: reviewMap });
  if (!view) return null;
  return { meta, view, unit: card.unit };
}

export async function listScorecardUnits(editionId?: number) {
  const res = await getResults(editionId);
  if (!res) return null;
  const meta = await getResultsMeta(res);
  const overall = (code: string) => res.result.scorecards.find((c) => c.unit.code === code)?.overall ?? null;
  return { meta, units: res.result.scorecards.map((c) => ({ ...c.unit, overall: overall(c.unit.code) })) };
}

// ---- Evidence of a unit -------------------------------------------------------------------

export async function getUnitEvidence(unitCode: string, itemCode?: string) {
  const res = await getResults();
  if (!res) return null;
  const unit = res.ctx.compiled.unitByCode.get(unitCode);
  if (!unit) return null;
  const rows = await getPrisma().evidence.findMany({
    where: { editionId: res.ctx.id, unitCode, deletedAt: null, ...(itemCode ? { itemCode } : {}) },
    select: { ...EVIDENCE_SELECT, coversFrom: true, coversTo: true },
    orderBy: [{ itemCode: "asc" }, { uploadedAt: "asc" }, { id: "asc" }],
  });
  const leafName = (code: string) => res.ctx.compiled.leafByCode.get(code)?.pathNames.join(" › ") ?? code;
  return {
    meta: await getResultsMeta(res),
    unit: { code: unit.code, name: unit.name },
    itemCode: itemCode ?? null,
    itemName: itemCode ? leafName(itemCode) : null,
    evidence: rows.map((e) => ({
      ...toEvidenceView(e),
      itemCode: e.itemCode,
      itemName: leafName(e.itemCode),
      coversFrom: e.coversFrom?.toISOString().slice(0, 10) ?? null,
      coversTo: e.coversTo?.toISOString().slice(0, 10) ?? null,
      /** a link back to this page is a placeholder (demo data), not a document */
      placeholder: e.kind === "link" && (e.url ?? "").startsWith(`/scorecards/${encodeURIComponent(unitCode)}/evidence`),
    })),
  };
}
