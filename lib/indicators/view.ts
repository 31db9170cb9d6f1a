// The 指标体系 page's view model: the edition's two trees (indicators; part 2's website
// columns) turned into plain objects the UI only renders. Everything the page shows is
// computed here from the edition's data: plain-Chinese rules, resolved units, the link
// between scoring items and columns, and the children-sum-vs-max warnings.
import { describeRule } from "../rules/describe";
import { assessedUnits, buildUnitIndex, isLeaf, normaliseUnitName, resolveUnitRef, walkColumns, type ResolvedResponsible, type UnitIndex } from "../rules/resolve";
import type { TColumn, TEdition, TIndicator, TPart, TReading, TResponsible, TRuleType, TUnit, TUnitGroup } from "../rules/schema";
import { fmt, pts } from "../rules/validate";
import { computeIndicatorWarnings, type TIndicatorWarning } from "./warnings";

export type TRole = "lead" | "cooperate";

export const GROUP_LABELS: Record<TUnitGroup, string> = { department: "市直部门", county: "县（市、区）", city: "全市" };
/** How a whole group is named when every unit of it shares a role: the seed's own collective words. */
const GROUP_COLLECTIVE: Record<TUnitGroup, string> = { department: "市直各部门", county: "各县（市、区）", city: "全市" };
const GROUP_ORDER: TUnitGroup[] = ["department", "county", "city"];

/** One name in a responsible-units cell, as shown: a unit, or a whole group. */
export type TUnitChip = {
  label: string;
  role: TRole;
  /** blank cell filled by a reading (R9, R16): shown as 推定 */
  inferred: boolean;
  note?: string;
  /** the unit codes this name stands for */
  units: string[];
  /** a whole group collapsed into one name ("市直各部门（全部32个）") */
  collective: boolean;
};

export type TColumnRef = { code: string; name: string; path: string };

export type TIndicatorView = {
  code: string;
  name: string;
  /** exact, e.g. "0.5", "40" */
  max: string;
  depth: number;
  leaf: boolean;
  warning: TIndicatorWarning | null;
  /** 考核内容 / 考核要求 / 考核说明 / 分值计算, in that order, only those present */
  text: { label: string; value: string }[];
  methods: string[];
  /** leaves: who is assessed (assessedUnits); inner nodes: the declared cell */
  units: TUnitChip[];
  /** where a leaf's units come from when not its own cell */
  unitsSource: string | null;
  /** the seed's responsible cell, verbatim */
  responsibleText: string | null;
  readings: TReading[];
  /** leaves: describeRule(leaf) */
  rule: string | null;
  ruleType: TRuleType | null;
  /** leaves: 全市统一考核 / 按单位考核 */
  scopeLabel: string | null;
  /** part 2 leaves: the website columns this item assesses */
  columns: TColumnRef[];
  /** leaves: unit code → role, from assessedUnits */
  assessed: Record<string, TRole>;
  scope: "city" | "unit" | null;
  rollupToCity: boolean;
  children: TIndicatorView[];
};

export type TColumnView = {
  code: string;
  /** the anchor id: column codes and indicator codes are separate namespaces */
  anchor: string;
  name: string;
  depth: number;
  leaf: boolean;
  content: string | null;
  /** the content cell was blank in the seed and repeats the row above: shown as （同上） */
  contentInherited: boolean;
  units: TUnitChip[];
  unitsInherited: boolean;
  inheritedFromName: string | null;
  responsibleText: string | null;
  /** resolved unit codes responsible for this column (leaf columns) */
  responsibleUnits: string[];
  /** scoring items that assess this column (directly or through an ancestor column) */
  assessedBy: { code: string; name: string }[];
  children: TColumnView[];
};

export type TPartView = {
  code: string;
  name: string;
  /** 附件1, 附件2… */
  ordinal: number;
  /** sum of the declared max of its top-level indicators */
  max: string;
  leafCount: number;
  note: string | null;
  readings: TReading[];
  indicators: TIndicatorView[];
  columns: TColumnView[];
};

export type TUnitOption = { code: string; name: string; group: TUnitGroup; aliases: string[] };

export type TIndicatorsView = {
  editionId: string;
  name: string;
  year: number;
  parts: TPartView[];
  units: TUnitOption[];
  warnings: TIndicatorWarning[];
};

export const columnAnchor = (code: string) => `column-${code}`;

const TEXT_LABELS: [keyof NonNullable<TIndicator["text"]>, string][] = [
  ["content", "考核内容"],
  ["requirement", "考核要求"],
  ["explanation", "考核说明"],
  ["scoring", "分值计算"],
];

/** Build the whole view once per edition version (versions are immutable). */
export function buildIndicatorsView(edition: TEdition): TIndicatorsView {
  const index = buildUnitIndex(edition.units, edition.collectives);
  const warnings = computeIndicatorWarnings(edition);
  const warningByCode = new Map(warnings.map((w) => [w.code, w]));
  const unitByCode = new Map(edition.units.map((u) => [u.code, u]));
  const ctx: Ctx = { edition, index, warningByCode, unitByCode };

  const parts = edition.parts.map((part, i): TPartView => {
    const columnNames = new Map([...walkColumns(part.columns ?? [])].map(({ node, path }) => [node.code, { name: node.name, path: [...path.map((p) => p.name), node.name].join(" › ") }]));
    const indicators = part.indicators.map((n) => buildIndicator(ctx, part, n, [], columnNames));
    const assessedBy = columnAssessors(part);
    return {
      code: part.code,
      name: part.name,
      ordinal: i + 1,
      max: fmt(part.indicators.reduce((acc, n) => acc.add(pts(n.max)), pts(0))),
      leafCount: countLeaves(part.indicators),
      note: part.note ?? null,
      readings: part.readings ?? [],
      indicators,
      columns: (part.columns ?? []).map((c) => buildColumn(ctx, part, c, [], assessedBy)),
    };
  });

  return {
    editionId: edition.id,
    name: edition.name,
    year: edition.year,
    parts,
    units: edition.units.map((u) => ({ code: u.code, name: u.name, group: u.group, aliases: u.aliases ?? [] })),
    warnings,
  };
}

type Ctx = {
  edition: TEdition;
  index: UnitIndex;
  warningByCode: Map<string, TIndicatorWarning>;
  unitByCode: Map<string, TUnit>;
};

function countLeaves(nodes: TIndicator[]): number {
  return nodes.reduce((n, node) => n + (isLeaf(node) ? 1 : countLeaves(node.children ?? [])), 0);
}

function buildIndicator(ctx: Ctx, part: TPart, node: TIndicator, ancestors: TIndicator[], columnNames: Map<string, { name: string; path: string }>): TIndicatorView {
  const leaf = isLeaf(node);
  const text = TEXT_LABELS.flatMap(([key, label]) => (node.text?.[key] ? [{ label, value: node.text[key] as string }] : []));
  const base = {
    code: node.code,
    name: node.name,
    max: fmt(pts(node.max)),
    depth: ancestors.length,
    leaf,
    warning: ctx.warningByCode.get(node.code) ?? null,
    text,
    methods: node.methods ?? [],
    responsibleText: node.responsibleText?.trim() || null,
    readings: node.readings ?? [],
  };
  if (!leaf) {
    return {
      ...base,
      units: declaredChips(ctx, node.responsible),
      unitsSource: null,
      rule: null,
      ruleType: null,
      scopeLabel: null,
      columns: [],
      assessed: {},
      scope: null,
      rollupToCity: false,
      children: (node.children ?? []).map((c) => buildIndicator(ctx, part, c, [...ancestors, node], columnNames)),
    };
  }
  const resolved = assessedUnits(ctx.edition, part, node, ancestors, ctx.index);
  const assessed: Record<string, TRole> = {};
  for (const r of resolved) assessed[r.unit] = r.role;
  const mode = node.applicability ?? "responsible";
  // the same fallback as assessedUnits: the leaf's own cell, else the nearest ancestor's
  const owner = node.responsible ? undefined : [...ancestors].reverse().find((a) => a.responsible && a.responsible.length > 0);
  const declared = mode === "all-departments" || (mode !== "responsible" && node.columns?.length) ? undefined : (node.responsible ?? owner?.responsible);
  return {
    ...base,
    units: assessedChips(ctx, resolved, declared),
    unitsSource: unitsSource(node, owner),
    // a leaf without its own cell shows the ancestor's verbatim cell it inherits
    responsibleText: base.responsibleText ?? (mode === "responsible" ? owner?.responsibleText?.trim() || null : null),
    rule: describeRule(node, ctx.edition.readings),
    ruleType: node.rule?.type ?? null,
    scopeLabel: scopeLabel(node),
    columns: (node.columns ?? []).map((code) => ({ code, name: columnNames.get(code)?.name ?? code, path: columnNames.get(code)?.path ?? code })),
    assessed,
    scope: node.scope ?? null,
    rollupToCity: node.rollupToCity ?? false,
    children: [],
  };
}

function unitsSource(node: TIndicator, owner: TIndicator | undefined): string | null {
  switch (node.applicability ?? "responsible") {
    case "all-departments":
      return "本项适用于全部市直部门";
    case "columns":
      return node.columns?.length ? "所评栏目的责任单位（见内容保障分解表）" : null;
    case "opt-in":
      return node.columns?.length ? "涉及所评栏目的单位；未涉及者本项不适用" : "涉及的单位参加；未涉及者本项不适用，不计入折算";
    case "responsible":
      return owner ? `沿用上级指标“${owner.name}”的责任单位` : null;
  }
}

function scopeLabel(node: TIndicator): string | null {
  if (node.scope === "city") return "全市统一考核：一套数据，各责任单位得分相同";
  if (node.scope === "unit") return node.rollupToCity ? "按单位考核，并汇总到“全市”" : "按单位考核";
  return null;
}

/** A declared cell as written: each entry resolved to one unit's name, or kept as the collective name. */
function declaredChips(ctx: Ctx, list: TResponsible[] | undefined): TUnitChip[] {
  return (list ?? []).map((r) => {
    const codes = resolveUnitRef(ctx.index, r.unit) ?? [];
    // a unit named by code, name or alias shows its canonical name (公安局 → 市公安局)
    const single = ctx.index.byKey.get(r.unit) ?? ctx.index.byKey.get(normaliseUnitName(r.unit));
    const label = single ? single.name : r.unit;
    return { label, role: r.role, inferred: r.inferred, note: r.note, units: codes, collective: !single };
  });
}

/**
 * Who is assessed, compactly. Where a group (市直部门, 县) is covered entirely, its largest set
 * of units sharing one role, flag and note is named as a whole ("市直各部门（全部32个）" or, when
 * a few units differ, "其余市直部门（30个）"); other units are named one by one. Leads first.
 */
function assessedChips(ctx: Ctx, resolved: ResolvedResponsible[], declared: TResponsible[] | undefined): TUnitChip[] {
  const notes = new Map<string, string>();
  for (const r of declared ?? []) {
    if (!r.note) continue;
    for (const code of resolveUnitRef(ctx.index, r.unit) ?? []) if (!notes.has(code)) notes.set(code, r.note);
  }
  const keyOf = (r: ResolvedResponsible) => `${r.role}|${r.inferred}|${notes.get(r.unit) ?? ""}`;
  const chips: TUnitChip[] = [];
  for (const group of GROUP_ORDER) {
    const all = ctx.edition.units.filter((u) => u.group === group);
    const order = new Map(all.map((u, i) => [u.code, i]));
    const inGroup = resolved.filter((r) => order.has(r.unit)).sort((a, b) => (order.get(a.unit) ?? 0) - (order.get(b.unit) ?? 0));
    if (inGroup.length === 0) continue;
    let rest: ResolvedResponsible[] = [];
    if (all.length > 1 && inGroup.length === all.length) {
      const byKey = new Map<string, ResolvedResponsible[]>();
      for (const r of inGroup) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r]);
      const largest = [...byKey.values()].sort((a, b) => b.length - a.length)[0];
      if (largest.length === all.length || largest.length > all.length / 2) rest = largest;
    }
    for (const r of inGroup) {
      if (rest.includes(r)) continue;
      chips.push({ label: ctx.unitByCode.get(r.unit)?.name ?? r.unit, role: r.role, inferred: r.inferred, note: notes.get(r.unit), units: [r.unit], collective: false });
    }
    if (rest.length > 0) {
      const first = rest[0];
      chips.push({
        label: rest.length === all.length ? `${GROUP_COLLECTIVE[group]}（全部${all.length}个）` : `其余${GROUP_LABELS[group]}（${rest.length}个）`,
        role: first.role,
        inferred: first.inferred,
        note: notes.get(first.unit),
        units: rest.map((r) => r.unit),
        collective: true,
      });
    }
  }
  // leads first; within a role, groups keep their order
  return [...chips.filter((c) => c.role === "lead"), ...chips.filter((c) => c.role === "cooperate")];
}

/** column code → scoring items naming it or one of its ancestors (so every column under a referenced one). */
function columnAssessors(part: TPart): Map<string, { code: string; name: string }[]> {
  const out = new Map<string, { code: string; name: string }[]>();
  const leaves: TIndicator[] = [];
  const collect = (nodes: TIndicator[]) => nodes.forEach((n) => (isLeaf(n) ? leaves.push(n) : collect(n.children ?? [])));
  collect(part.indicators);
  for (const leaf of leaves) {
    for (const ref of leaf.columns ?? []) {
      for (const { node } of walkColumns(part.columns ?? [])) {
        if (node.code !== ref) continue;
        for (const under of walkColumns([node])) {
          const list = out.get(under.node.code) ?? [];
          if (!list.some((x) => x.code === leaf.code)) list.push({ code: leaf.code, name: leaf.name });
          out.set(under.node.code, list);
        }
      }
    }
  }
  return out;
}

function buildColumn(ctx: Ctx, part: TPart, node: TColumn, path: TColumn[], assessedBy: Map<string, { code: string; name: string }[]>): TColumnView {
  const leaf = isLeaf(node);
  const inherited = new Set(node.inherited ?? []);
  const from = node.inheritedFrom ? [...walkColumns(part.columns ?? [])].find((w) => w.node.code === node.inheritedFrom)?.node : undefined;
  const responsibleUnits = [...new Set((node.responsible ?? []).flatMap((r) => resolveUnitRef(ctx.index, r.unit) ?? []))];
  return {
    code: node.code,
    anchor: columnAnchor(node.code),
    name: node.name,
    depth: path.length,
    leaf,
    content: node.content?.trim() || null,
    contentInherited: inherited.has("content"),
    units: declaredChips(ctx, node.responsible),
    unitsInherited: inherited.has("responsible"),
    inheritedFromName: from?.name ?? null,
    responsibleText: node.responsibleText?.trim() || null,
    responsibleUnits,
    assessedBy: assessedBy.get(node.code) ?? [],
    children: (node.children ?? []).map((c) => buildColumn(ctx, part, c, [...path, node], assessedBy)),
  };
}
