// View models of 排名看板 and the scorecard page, built from the engine's EditionResult.
// Pure (no React, no database): every score is the engine's ExactValue; aggregates made
// here (differences, group averages, points lost, distribution counts) use exact
// arithmetic on those values and round only for display, like the engine.
import { div, fromExactString, HUNDRED, mul, sub, sum, toValue, ZERO, type Exact } from "../engine/exact";
import type { ExactValue } from "../engine/exact";
import type { EditionResult, IndicatorResult, ItemResult, PartResult, Ranking, Scorecard } from "../engine/types";

export const GROUPS = ["department", "county"] as const;
export type TGroup = (typeof GROUPS)[number];
export const GROUP_LABELS: Record<TGroup | "city", string> = { department: "市直部门", county: "县（市、区）", city: "全市" };
export const OVERALL = "overall";

/** Part status for display: finalised parts are 定稿, everything else is 暂定. */
export type TPartState = { partCode: string; partName: string; final: boolean; finalisedAt: string | null };

export type TScopeOption = { code: string; name: string };

export function scopeOptions(parts: TPartState[]): TScopeOption[] {
  return [{ code: OVERALL, name: "总分" }, ...parts.map((p) => ({ code: p.partCode, name: p.partName }))];
}

const ex = (v: ExactValue): Exact => fromExactString(v.exact);
const selfAndDiff = (c: TSelfComparison) => ({ self: c.self, diff: c.diff });

/** The leaves of a part the unit self-assessed, scored on both sides. */
function selfAssessedItems(indicators: IndicatorResult[], out: ItemResult[] = []): ItemResult[] {
  for (const i of indicators) {
    if (i.kind === "node") selfAssessedItems(i.children, out);
    else if (i.state === "scored" && i.self.state === "scored" && i.score && i.self.score) out.push(i);
  }
  return out;
}

/**
 * 自评 vs 审核, like with like: both sides over the same items, those the unit
 * self-assessed, each as 100 × Σ score ÷ Σ max. Items only a reviewer scored (ratings
 * the unit never enters) are left out, so they no longer read as review "raising"
 * scores. The overall is the part weights' mean, like the overall score.
 */
export type TSelfComparison = { self: ExactValue | null; reviewed: ExactValue | null; diff: ExactValue | null };
type TSides = { self: Exact; reviewed: Exact };

function partSides(part: PartResult): TSides | null {
  if (part.status === "not-assessed") return null;
  const items = selfAssessedItems(part.indicators);
  const maxSum = sum(items.map((i) => ex(i.max)));
  if (items.length === 0 || maxSum.compare(ZERO) === 0) return null;
  const pct = (xs: Exact[]) => mul(div(sum(xs), maxSum), HUNDRED);
  const self = part.self.status === "vetoed" ? ZERO : pct(items.map((i) => ex(i.self.score!)));
  const reviewed = part.status === "vetoed" ? ZERO : pct(items.map((i) => ex(i.score!)));
  return { self, reviewed };
}

const comparison = (s: TSides | null): TSelfComparison =>
  s ? { self: toValue(s.self), reviewed: toValue(s.reviewed), diff: toValue(sub(s.reviewed, s.self)) } : { self: null, reviewed: null, diff: null };

export function compareSelfPart(part: PartResult): TSelfComparison {
  return comparison(partSides(part));
}

export function compareSelfOverall(card: Scorecard): TSelfComparison {
  const sides = card.parts.flatMap((p) => {
    const s = partSides(p);
    return s ? [{ ...s, w: ex(p.weight) }] : [];
  });
  const tw = sum(sides.map((s) => s.w));
  if (sides.length === 0 || tw.compare(ZERO) === 0) return comparison(null);
  const mean = (f: (s: TSides) => Exact) => div(sum(sides.map((s) => mul(f(s), s.w))), tw);
  return comparison({ self: mean((s) => s.self), reviewed: mean((s) => s.reviewed) });
}

/** A JS number for chart geometry and sorting only; labels use `display`. */
export const num = (v: ExactValue | null | undefined): number | null => (v ? Number(ex(v).valueOf()) : null);

// ---- Rankings --------------------------------------------------------------------------

export type TRankRow = {
  rank: number;
  unit: string;
  name: string;
  /** the ranked score: the part's 百分制 score after 加重扣分, or the overall score */
  score: ExactValue;
  /** part only: 100 × points ÷ max achievable, before 加重扣分 */
  normalised: ExactValue | null;
  /** 自评得分 over the items the unit self-assessed (compareSelfPart) */
  self: ExactValue | null;
  /** reviewed − self over those same items: what review changed (not score − self) */
  diff: ExactValue | null;
  postPenalty: ExactValue | null;
  completeness: { entered: number; applicable: number };
  complete: boolean;
  vetoed: boolean;
  /** every part behind this score is 定稿 */
  final: boolean;
};

export function findRanking(result: EditionResult, group: TGroup, scope: string): Ranking | undefined {
  return result.rankings.find((r) => r.group === group && r.scope === scope);
}

function partFinal(parts: TPartState[], code: string): boolean {
  return parts.find((p) => p.partCode === code)?.final ?? false;
}

function cardParts(card: Scorecard): PartResult[] {
  return card.parts.filter((p) => p.status !== "not-assessed");
}

function sumValues(values: ExactValue[]): ExactValue | null {
  return values.length ? toValue(sum(values.map(ex))) : null;
}

/** The rows of one ranking (group × part or overall) in rank order, with self scores and status. */
export function buildRankRows(result: EditionResult, parts: TPartState[], group: TGroup, scope: string): TRankRow[] {
  const ranking = findRanking(result, group, scope);
  if (!ranking) return [];
  const cards = new Map(result.scorecards.map((c) => [c.unit.code, c]));
  return ranking.entries.map((e) => {
    const card = cards.get(e.unit)!;
    if (scope === OVERALL) {
      const assessed = cardParts(card);
      return {
        rank: e.rank,
        unit: e.unit,
        name: e.name,
        score: e.score,
        normalised: null,
        ...selfAndDiff(compareSelfOverall(card)),
        postPenalty: sumValues(assessed.flatMap((p) => p.postPenalties.map((x) => x.points))),
        completeness: card.completeness,
        complete: card.complete,
        vetoed: e.vetoed,
        final: assessed.length > 0 && assessed.every((p) => partFinal(parts, p.code)),
      };
    }
    const part = card.parts.find((p) => p.code === scope)!;
    return {
      rank: e.rank,
      unit: e.unit,
      name: e.name,
      score: e.score,
      normalised: part.normalised,
      ...selfAndDiff(compareSelfPart(part)),
      postPenalty: sumValues(part.postPenalties.map((x) => x.points)),
      completeness: part.completeness,
      complete: part.complete,
      vetoed: e.vetoed,
      final: partFinal(parts, scope),
    };
  });
}

/** Rank of a unit in its group for each scope (parts and overall). */
export function ranksOf(result: EditionResult, unit: string): Record<string, { rank: number; of: number } | undefined> {
  const out: Record<string, { rank: number; of: number } | undefined> = {};
  for (const r of result.rankings) {
    const e = r.entries.find((x) => x.unit === unit);
    if (e) out[r.scope] = { rank: e.rank, of: r.entries.length };
  }
  return out;
}

// ---- The city aggregate (全市) ------------------------------------------------------------

export type TPartSummary = {
  code: string;
  name: string;
  score: ExactValue | null;
  self: ExactValue | null;
  diff: ExactValue | null;
  points: ExactValue;
  maxAchievable: ExactValue;
  declaredMax: ExactValue;
  completeness: { entered: number; applicable: number };
  complete: boolean;
  status: PartResult["status"];
  postPenalties: { points: ExactValue; reason: string }[];
  vetoReasons: string[];
  final: boolean;
};

export type TCardSummary = {
  unit: { code: string; name: string; group: "department" | "county" | "city" };
  overall: ExactValue | null;
  selfOverall: ExactValue | null;
  diff: ExactValue | null;
  completeness: { entered: number; applicable: number };
  complete: boolean;
  parts: TPartSummary[];
  final: boolean;
  trace: string[];
};

export function summariseCard(card: Scorecard, parts: TPartState[]): TCardSummary {
  const summaries = card.parts.map(
    (p): TPartSummary => ({
      code: p.code,
      name: p.name,
      score: p.score,
      ...selfAndDiff(compareSelfPart(p)),
      points: p.points,
      maxAchievable: p.maxAchievable,
      declaredMax: p.declaredMax,
      completeness: p.completeness,
      complete: p.complete,
      status: p.status,
      postPenalties: p.postPenalties,
      vetoReasons: p.vetoReasons,
      final: partFinal(parts, p.code),
    }),
  );
  const assessed = summaries.filter((p) => p.status !== "not-assessed");
  return {
    unit: card.unit,
    overall: card.overall,
    ...(({ self, diff }) => ({ selfOverall: self, diff }))(compareSelfOverall(card)),
    completeness: card.completeness,
    complete: card.complete,
    parts: summaries,
    final: assessed.length > 0 && assessed.every((p) => p.final),
    trace: card.trace,
  };
}

export function buildCityCard(result: EditionResult, parts: TPartState[]): TCardSummary | null {
  const card = result.scorecards.find((c) => c.unit.group === "city");
  return card ? summariseCard(card, parts) : null;
}

// ---- Distribution -------------------------------------------------------------------------

export type TBin = { label: string; from: number; to: number; count: number; units: string[] };

/**
 * Scores in bins of `width` points, lower bound included and upper bound excluded
 * (a score of exactly 90 is in 90–100), from the lowest score's bin to the highest's.
 */
export function buildDistribution(rows: Pick<TRankRow, "score" | "name">[], width = 10): TBin[] {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({ v: ex(r.score), name: r.name }));
  const floorTo = (x: Exact) => Number(x.div(width).floor().valueOf()) * width;
  const lo = Math.min(...values.map((x) => floorTo(x.v)));
  const hi = Math.max(...values.map((x) => floorTo(x.v)));
  const bins: TBin[] = [];
  for (let from = lo; from <= hi; from += width) bins.push({ label: `${from}–${from + width}`, from, to: from + width, count: 0, units: [] });
  for (const { v, name } of values) {
    const bin = bins[(floorTo(v) - lo) / width];
    bin.count++;
    bin.units.push(name);
  }
  return bins;
}

// ---- 失分最多的指标 ----------------------------------------------------------------------------

export type TLostItem = {
  code: string;
  name: string;
  /** names from the part's top indicator down to the item */
  path: string[];
  partCode: string;
  partName: string;
  max: ExactValue;
  /** Σ over units of (max − score without bonuses) */
  lost: ExactValue;
  /** units scored on the item, and how many of them lost points on it */
  units: number;
  losing: number;
  /** lost ÷ units */
  average: ExactValue;
};

export function walkItems(nodes: IndicatorResult[], path: string[] = [], out: { item: ItemResult; path: string[] }[] = []) {
  for (const n of nodes) {
    if (n.kind === "item") out.push({ item: n, path: [...path, n.name] });
    else walkItems(n.children, [...path, n.name], out);
  }
  return out;
}

/** Points an item's scored unit did not get: max − (score − bonus), never below 0. */
export function pointsLost(item: ItemResult): Exact | null {
  if (item.state !== "scored" || !item.score) return null;
  const lost = ex(item.max).sub(ex(item.score)).add(ex(item.bonus));
  return lost.compare(ZERO) > 0 ? lost : ZERO;
}

/**
 * Items where the units of a group (or all assessed units) lost most points, summed over
 * the units: Σ(max − score). Ties are listed by item code. `scope` limits it to one part.
 */
export function buildLostPoints(result: EditionResult, opts: { group?: TGroup; scope?: string; limit?: number } = {}): TLostItem[] {
  const acc = new Map<string, { item: ItemResult; path: string[]; partCode: string; partName: string; lost: Exact[]; units: number; losing: number }>();
  for (const card of result.scorecards) {
    if (card.unit.group === "city") continue;
    if (opts.group && card.unit.group !== opts.group) continue;
    for (const part of card.parts) {
      if (part.status === "not-assessed") continue;
      if (opts.scope && opts.scope !== OVERALL && part.code !== opts.scope) continue;
      for (const { item, path } of walkItems(part.indicators)) {
        const lost = pointsLost(item);
        if (lost === null) continue;
        let a = acc.get(item.code);
        if (!a) acc.set(item.code, (a = { item, path, partCode: part.code, partName: part.name, lost: [], units: 0, losing: 0 }));
        a.lost.push(lost);
        a.units++;
        if (lost.compare(ZERO) > 0) a.losing++;
      }
    }
  }
  const rows = [...acc.values()].map((a) => {
    const total = sum(a.lost);
    return {
      sortKey: total,
      row: {
        code: a.item.code,
        name: a.item.name,
        path: a.path,
        partCode: a.partCode,
        partName: a.partName,
        max: a.item.max,
        lost: toValue(total),
        units: a.units,
        losing: a.losing,
        average: toValue(total.div(a.units)),
      } satisfies TLostItem,
    };
  });
  rows.sort((x, y) => y.sortKey.compare(x.sortKey) || (x.row.code < y.row.code ? -1 : x.row.code > y.row.code ? 1 : 0));
  return rows.filter((r) => r.sortKey.compare(ZERO) > 0).slice(0, opts.limit ?? 10).map((r) => r.row);
}

// ---- 一级指标 against the group's average -------------------------------------------------

export type TCategory = {
  partCode: string;
  partName: string;
  code: string;
  name: string;
  max: ExactValue;
  /** what the unit could get here (its applicable items' max, R13) */
  maxAchievable: ExactValue;
  /** the unit's score on this 一级 indicator (bonuses included) */
  score: ExactValue;
  /** mean over the group's units to which the indicator applies */
  groupAverage: ExactValue | null;
  groupUnits: number;
};

function topScore(ind: IndicatorResult): Exact | null {
  if (ind.state === "not-applicable") return null;
  if (ind.kind === "node") return ex(ind.score);
  return ind.score ? ex(ind.score) : ZERO; // not entered counts 0, as in the part's points
}

/** The unit's score on each 一级 indicator that applies to it, with its group's mean. */
export function buildCategoryComparison(result: EditionResult, unit: string): TCategory[] {
  const card = result.scorecards.find((c) => c.unit.code === unit);
  if (!card) return [];
  const peers = result.scorecards.filter((c) => c.unit.group === card.unit.group);
  const out: TCategory[] = [];
  for (const part of card.parts) {
    if (part.status === "not-assessed") continue;
    for (const [i, ind] of part.indicators.entries()) {
      const scores = peers
        .map((c) => c.parts.find((p) => p.code === part.code))
        .filter((p): p is PartResult => !!p && p.status !== "not-assessed")
        .map((p) => topScore(p.indicators[i]))
        .filter((s): s is Exact => s !== null);
      const own = topScore(ind);
      if (own === null) continue;
      out.push({
        partCode: part.code,
        partName: part.name,
        code: ind.code,
        name: ind.name,
        max: ind.max,
        maxAchievable: ind.kind === "node" ? ind.maxAchievable : ind.max,
        score: toValue(own),
        groupAverage: scores.length ? toValue(sum(scores).div(scores.length)) : null,
        groupUnits: scores.length,
      });
    }
  }
  return out;
}

// ---- Submission and review progress --------------------------------------------------------

export const PROGRESS_STATES = ["none", "draft", "submitted", "reviewed"] as const;
export type TProgressState = (typeof PROGRESS_STATES)[number];
export const PROGRESS_LABELS: Record<TProgressState, string> = { none: "未开始", draft: "填报中", submitted: "已提交待审核", reviewed: "已审核" };

export type TProgressRow = { group: TGroup; label: string; total: number; returnedItems: number } & Record<TProgressState, number>;

/** Counts of UnitSubmission statuses per group; units without a submission are 未开始. */
export function buildProgress(
  units: { code: string; group: string }[],
  submissions: { unitCode: string; status: "draft" | "submitted" | "reviewed" }[],
  returned: { unitCode: string; count: number }[] = [],
): TProgressRow[] {
  const status = new Map(submissions.map((s) => [s.unitCode, s.status]));
  const ret = new Map(returned.map((r) => [r.unitCode, r.count]));
  return GROUPS.map((group) => {
    const row: TProgressRow = { group, label: GROUP_LABELS[group], total: 0, returnedItems: 0, none: 0, draft: 0, submitted: 0, reviewed: 0 };
    for (const u of units.filter((x) => x.group === group)) {
      row.total++;
      row[status.get(u.code) ?? "none"]++;
      row.returnedItems += ret.get(u.code) ?? 0;
    }
    return row;
  }).filter((r) => r.total > 0);
}
