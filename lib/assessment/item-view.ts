// One view of an item for every page that shows it (the unit's item page, the reviewer's
// item card): names, path, rule, texts, and the 考核方式 — the leaf's own, else its nearest
// ancestor's (part 1 lists them on the 二级). Plain values only (no Exact, no rows).
import { toDisplay } from "../engine/exact";
import type { CompiledEdition, CompiledLeaf } from "../engine/compile";
import { describeRule } from "../rules/describe";
import type { TIndicator, TModifier, TRule } from "../rules/schema";
import { leafMethods } from "./submit-summary";

export type ItemView = {
  code: string;
  name: string;
  pathNames: string[];
  partCode: string;
  partName: string;
  max: string;
  rule: TRule;
  preconditions: NonNullable<TIndicator["preconditions"]>;
  modifiers: TModifier[];
  allowNotApplicable: boolean;
  optIn: boolean;
  cityLevel: boolean;
  /** the rule in plain Chinese (describeRule) */
  description: string;
  scoringText: string | null;
  requirementText: string | null;
  /** 考核方式: the leaf's own, else inherited from the nearest ancestor */
  methods: string[];
  readings: { id: string; source: string; chosen: string }[];
  /** the 分解表 columns the item names that concern the unit (per-column facts: 动态信息, 重点信息公开) */
  columns: { code: string; name: string }[];
};

/** The columns an item names that a unit keeps (all of them when the unit keeps none or is not given). */
export function columnsForUnit(leaf: CompiledLeaf, unitCode?: string): { code: string; name: string }[] {
  const all = leaf.columns ?? [];
  const own = unitCode ? all.filter((c) => c.units.has(unitCode)) : [];
  return (own.length > 0 ? own : all).map((c) => ({ code: c.code, name: c.name }));
}

const methodsCache = new WeakMap<CompiledEdition, Map<string, string[]>>();

/** 考核方式 of a leaf: its own, else its nearest ancestor's (computed once per edition). */
export function itemMethods(compiled: CompiledEdition, code: string): string[] {
  let map = methodsCache.get(compiled);
  if (!map) {
    map = leafMethods(compiled.edition);
    methodsCache.set(compiled, map);
  }
  return map.get(code) ?? [];
}

export function buildItemView(compiled: CompiledEdition, leaf: CompiledLeaf, unitCode?: string): ItemView {
  const src = leaf.source;
  return {
    code: leaf.code,
    name: leaf.name,
    pathNames: leaf.pathNames,
    partCode: leaf.partCode,
    partName: compiled.partByCode.get(leaf.partCode)?.name ?? "",
    max: toDisplay(leaf.max),
    rule: src.rule!,
    preconditions: src.preconditions ?? [],
    modifiers: src.modifiers ?? [],
    allowNotApplicable: leaf.allowNotApplicable,
    optIn: leaf.applicability === "opt-in",
    cityLevel: leaf.scope === "city",
    description: describeRule(src, compiled.edition.readings),
    scoringText: src.text?.scoring ?? null,
    requirementText: src.text?.requirement ?? src.text?.content ?? null,
    methods: itemMethods(compiled, leaf.code),
    readings: leaf.readings.map((r) => ({ id: r.id, source: r.source, chosen: r.chosen })),
    columns: columnsForUnit(leaf, unitCode),
  };
}
