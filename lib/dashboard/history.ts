// 历年对比: one unit's score and rank across editions, and its item scores along the item
// mapping between editions (沿用上年指标, lib/rules/previous.ts). Pure: the data function
// (history-data.ts) gives it every edition with its result (or none); this file follows the
// unit through renames and the items through re-codings, and builds the view model.
import type { EditionResult, IndicatorResult, ItemResult, Scorecard } from "../engine";
import { continuedItems } from "../rules/previous";
import { normaliseUnitName } from "../rules/resolve";
import type { TEdition, TUnit } from "../rules/schema";

export type THistoryEditionInput = {
  id: number;
  key: string;
  version: number;
  year: number;
  name: string;
  edition: TEdition;
  /** null: the edition has no facts yet (无结果) */
  result: EditionResult | null;
};

export type THistoryRow = {
  editionId: number;
  year: number;
  editionName: string;
  /** "ok": scored; "no-results": the edition has no results yet; "absent": the unit is not assessed in it */
  status: "ok" | "no-results" | "absent";
  /** the unit's code and name in that edition (a renamed unit: the name of its time) */
  unitCode: string | null;
  unitName: string | null;
  /** overall score for display (2 places, half up), null when not scored */
  score: string | null;
  /** exact value, for the chart only */
  scoreValue: number | null;
  rank: number | null;
  /** units ranked in the group that year */
  rankOf: number | null;
  parts: { code: string; name: string; score: string | null }[];
};

export type THistoryItem = {
  /** the item in the newest edition with results */
  code: string;
  name: string;
  /** per edition (same order as rows): the item it continues there, and the unit's score */
  cells: { code: string | null; score: string | null; note: string | null }[];
};

export type TUnitHistory =
  | { kind: "unknown-unit" }
  | {
      kind: "ok";
      unit: { code: string; name: string; group: TUnit["group"] };
      rows: THistoryRow[];
      /** the unit is assessed in one edition only: nothing to compare */
      single: boolean;
      /** names the unit had in other editions (its alias history) */
      formerNames: string[];
      items: THistoryItem[];
    };

const names = (u: TUnit) => new Set([u.name, ...u.aliases].map(normaliseUnitName));

/**
 * The unit in `to` that continues `from`'s unit: the same code, else the one unit of the same
 * group that one of the two lists under the other's name (a renamed unit keeps its old name
 * as an alias).
 */
export function followUnit(unit: TUnit, to: TEdition): TUnit | null {
  const same = to.units.find((u) => u.code === unit.code);
  if (same) return same;
  const mine = names(unit);
  const hits = to.units.filter((u) => u.group === unit.group && (names(u).has(normaliseUnitName(unit.name)) || mine.has(normaliseUnitName(u.name))));
  return hits.length === 1 ? hits[0] : null;
}

function leafScores(nodes: IndicatorResult[], out = new Map<string, ItemResult>()): Map<string, ItemResult> {
  for (const n of nodes) {
    if (n.kind === "item") out.set(n.code, n);
    else leafScores(n.children, out);
  }
  return out;
}

const STATE_NOTE = { "not-entered": "未填报", "not-applicable": "不适用", scored: null } as const;

export function buildUnitHistory(unitCode: string, input: THistoryEditionInput[]): TUnitHistory {
  const eds = [...input].sort((a, b) => a.year - b.year || a.id - b.id);
  // anchor: the newest edition that has the unit under this code
  let anchor = -1;
  for (let i = eds.length - 1; i >= 0 && anchor < 0; i--) if (eds[i].edition.units.some((u) => u.code === unitCode)) anchor = i;
  if (anchor < 0) return { kind: "unknown-unit" };
  const units: (TUnit | null)[] = eds.map(() => null);
  units[anchor] = eds[anchor].edition.units.find((u) => u.code === unitCode)!;
  for (const dir of [-1, 1]) {
    let cur = units[anchor]!;
    for (let i = anchor + dir; i >= 0 && i < eds.length; i += dir) {
      const u = eds[i].edition.units.find((x) => x.code === unitCode) ?? followUnit(cur, eds[i].edition);
      units[i] = u;
      if (u) cur = u;
    }
  }
  const cards: (Scorecard | null)[] = eds.map((e, i) => (units[i] && e.result ? (e.result.scorecards.find((c) => c.unit.code === units[i]!.code) ?? null) : null));
  const rows = eds.map((e, i): THistoryRow => {
    const u = units[i];
    const base = { editionId: e.id, year: e.year, editionName: e.name, unitCode: u?.code ?? null, unitName: u?.name ?? null };
    if (!u) return { ...base, status: "absent", score: null, scoreValue: null, rank: null, rankOf: null, parts: [] };
    if (!e.result) return { ...base, status: "no-results", score: null, scoreValue: null, rank: null, rankOf: null, parts: [] };
    const card = cards[i];
    if (!card) return { ...base, status: "absent", score: null, scoreValue: null, rank: null, rankOf: null, parts: [] };
    const ranking = e.result.rankings.find((r) => r.scope === "overall" && r.group === u.group);
    const entry = ranking?.entries.find((x) => x.unit === u.code);
    return {
      ...base,
      status: "ok",
      score: card.overall?.display ?? null,
      scoreValue: card.overall ? Number(card.overall.display) : null,
      rank: entry?.rank ?? null,
      rankOf: ranking ? ranking.entries.length : null,
      parts: card.parts.map((p) => ({ code: p.code, name: p.name, score: p.score?.display ?? null })),
    };
  });

  // items: those of the newest edition with a scorecard, followed back along 沿用上年指标
  let last = -1;
  for (let i = eds.length - 1; i >= 0 && last < 0; i--) if (cards[i]) last = i;
  const items: THistoryItem[] = [];
  if (last >= 0) {
    const scores = cards.map((c) => (c ? leafScores(c.parts.flatMap((p) => p.indicators)) : null));
    const steps = eds.map((e, i) => (i > 0 ? continuedItems(e.edition, eds[i - 1].edition) : null));
    for (const [code, leaf] of scores[last]!) {
      const codes: (string | null)[] = eds.map(() => null);
      codes[last] = code;
      for (let i = last - 1; i >= 0; i--) codes[i] = codes[i + 1] ? (steps[i + 1]!.get(codes[i + 1]!) ?? null) : null;
      const cells = eds.map((_, i) => {
        const c = codes[i];
        if (i > last || !c) return { code: null, score: null, note: i > last ? null : "无对应指标" };
        const r = scores[i]?.get(c);
        if (!r) return { code: c, score: null, note: rows[i].status === "no-results" ? "无结果" : "未考核" };
        return { code: c, score: r.score?.display ?? null, note: STATE_NOTE[r.state] };
      });
      items.push({ code, name: leaf.name, cells });
    }
  }
  const unit = units.findLast((u): u is TUnit => u !== null)!;
  const formerNames = [...new Set(units.filter((u): u is TUnit => u !== null && u.name !== unit.name).map((u) => u.name))];
  return {
    kind: "ok",
    unit: { code: unit.code, name: unit.name, group: unit.group },
    rows,
    single: units.filter(Boolean).length < 2,
    formerNames,
    items,
  };
}
