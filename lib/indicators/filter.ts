// Filtering the 指标体系 view: to the leaves one unit is assessed on (plus their ancestors),
// and/or to the nodes that mention a keyword. Pure; the page passes URL search params in.
import { normaliseUnitName } from "../rules/resolve";
import { textMatches } from "./search";
import type { TColumnView, TIndicatorView, TIndicatorsView, TPartView, TRole, TUnitOption } from "./view";

/**
 * How the selected unit relates to a leaf: its role from assessedUnits; for the 全市
 * aggregate, the leaves on its scorecard (city-level items, and per-unit items pooled into
 * the city: the engine's leafConcernsUnit).
 */
export type TRelation = TRole | "city" | "rollup";

export type TIndicatorsFilter = { unit: string | null; q: string | null };

export type TFilteredIndicators = {
  parts: TPartView[];
  unit: TUnitOption | null;
  q: string | null;
  /** the keyword and, when it names a unit, that unit's name and aliases */
  terms: string[];
  /** the keyword names a unit: offer the unit filter instead */
  qUnit: TUnitOption | null;
  filtered: boolean;
  counts: {
    /** indicator nodes whose own fields contain the keyword */
    indicatorMatches: number;
    columnMatches: number;
    /** scoring leaves shown */
    leaves: number;
    lead: number;
    cooperate: number;
    /** leaf columns shown */
    columns: number;
  };
  /** leaf code → the selected unit's relation to it */
  relation: Record<string, TRelation>;
  /** indicator codes and column anchors whose own fields matched */
  matched: string[];
};

export function relationOf(leaf: TIndicatorView, unit: TUnitOption): TRelation | null {
  const role = leaf.assessed[unit.code];
  if (role) return role;
  if (unit.group === "city") {
    if (leaf.scope === "city") return "city";
    if (leaf.rollupToCity) return "rollup";
  }
  return null;
}

/** The unit a keyword names exactly (by code, name or alias), if any. */
export function unitNamedBy(view: TIndicatorsView, q: string): TUnitOption | null {
  const key = normaliseUnitName(q);
  return view.units.find((u) => u.code === q || normaliseUnitName(u.name) === key || u.aliases.some((a) => normaliseUnitName(a) === key)) ?? null;
}

function indicatorFields(n: TIndicatorView): (string | null)[] {
  return [
    n.code,
    n.name,
    ...n.text.map((t) => t.value),
    ...n.columns.flatMap((c) => [c.name, c.path]),
    ...n.units.map((u) => u.label),
    n.responsibleText,
  ];
}

function columnFields(c: TColumnView): (string | null)[] {
  return [c.code, c.name, c.content, ...c.units.map((u) => u.label), c.responsibleText];
}

export function filterIndicatorsView(view: TIndicatorsView, filter: TIndicatorsFilter): TFilteredIndicators {
  const unit = filter.unit ? (view.units.find((u) => u.code === filter.unit) ?? null) : null;
  const q = filter.q?.trim() || null;
  const qUnit = q ? unitNamedBy(view, q) : null;
  const terms = q ? [...new Set([q, ...(qUnit ? [qUnit.name, ...qUnit.aliases] : [])])] : [];
  const counts = { indicatorMatches: 0, columnMatches: 0, leaves: 0, lead: 0, cooperate: 0, columns: 0 };
  const relation: Record<string, TRelation> = {};
  const matched: string[] = [];
  const matchIndicator = (code: string) => {
    matched.push(code);
    counts.indicatorMatches += 1;
  };
  const matchColumn = (anchor: string) => {
    matched.push(anchor);
    counts.columnMatches += 1;
  };

  const pruneIndicators = (nodes: TIndicatorView[], ancestorMatched: boolean): TIndicatorView[] => {
    const out: TIndicatorView[] = [];
    for (const n of nodes) {
      const self = terms.length > 0 && indicatorFields(n).some((f) => textMatches(f, terms));
      const inContext = terms.length === 0 || ancestorMatched || self;
      if (n.leaf) {
        const rel = unit ? relationOf(n, unit) : null;
        if ((unit && !rel) || !inContext) continue;
        if (rel) relation[n.code] = rel;
        if (rel === "lead") counts.lead += 1;
        if (rel === "cooperate") counts.cooperate += 1;
        counts.leaves += 1;
        if (self) matchIndicator(n.code);
        out.push(n);
        continue;
      }
      const children = pruneIndicators(n.children, ancestorMatched || self);
      if (children.length === 0) continue;
      if (self) matchIndicator(n.code);
      out.push({ ...n, children });
    }
    return out;
  };

  const pruneColumns = (nodes: TColumnView[], ancestorMatched: boolean): TColumnView[] => {
    const out: TColumnView[] = [];
    for (const c of nodes) {
      const self = terms.length > 0 && columnFields(c).some((f) => textMatches(f, terms));
      const inContext = terms.length === 0 || ancestorMatched || self;
      if (c.leaf) {
        if ((unit && !c.responsibleUnits.includes(unit.code)) || !inContext) continue;
        counts.columns += 1;
        if (self) matchColumn(c.anchor);
        out.push(c);
        continue;
      }
      const children = pruneColumns(c.children, ancestorMatched || self);
      if (children.length === 0) continue;
      if (self) matchColumn(c.anchor);
      out.push({ ...c, children });
    }
    return out;
  };

  const parts = view.parts
    .map((p) => ({ ...p, indicators: pruneIndicators(p.indicators, false), columns: pruneColumns(p.columns, false) }))
    .filter((p) => p.indicators.length > 0 || p.columns.length > 0);

  return { parts, unit, q, terms, qUnit, filtered: unit !== null || q !== null, counts, relation, matched };
}
