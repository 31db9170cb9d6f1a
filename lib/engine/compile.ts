// Per-edition structures computed once: the indicator trees with parsed exact numbers,
// the leaf index, and which units are assessed on each leaf. Scoring thousands of units
// reuses one CompiledEdition.
import { type ReadingChoices, type ReadingOverrides, recordsReading, resolveReadingChoices, effectiveAggregate } from "../rules/readings";
import { assessedUnits, buildUnitIndex, leafColumnsUnder, resolveResponsibleList, walkColumns } from "../rules/resolve";
import type { TEdition, TIndicator, TPart, TReading, TRule, TUnit, TUnitGroup } from "../rules/schema";
import { type Exact, parseExact, sum } from "./exact";
import { ruleType } from "../rules/types";
import type { CompiledRule } from "../rules/types";

/** A rule with its numbers parsed; each type's shape is declared in its module (lib/rules/types/<type>). */
export type { CompiledRule };

/** The reading options that shape one leaf (from the compiled edition's choices). */
export type LeafReadingOptions = {
  /** R6 round-each-step: the rule result is rounded to 2 places */
  roundEachStep: boolean;
  /** R9.optIn (leaves recording R9): no fact on an opt-in leaf */
  optIn: "not-applicable" | "zero";
  /** R9.bonus / R11.bonus (leaves recording them): the bonus within the item's max */
  bonusWithinMax: boolean;
  /** R10 (leaves recording R10): preconditions ignored */
  ignorePreconditions: boolean;
  /** R11 (leaves recording R11): a penalty may be entered more than once */
  penaltyPerOccurrence: boolean;
  /** R9.notInvolved (leaves recording R9): a "not involved, built one anyway" fact */
  notInvolved: ReadingChoices["R9.notInvolved"];
  /** R8.columns (leaves recording R8): monthly counts entered per column */
  postsPerColumn: ReadingChoices["R8.columns"];
  /** R18.columns (leaves recording R18): ratings entered per column */
  columnRatings: ReadingChoices["R18.columns"];
  /** R4.rooms (leaves recording R4): missing rooms from an inventory, county by county or pooled */
  inventory: ReadingChoices["R4.rooms"];
  /** R5.counties (leaves recording R5): how an entered number of covered counties scores */
  coverage: ReadingChoices["R5.counties"];
  /** E1 */
  modifierOrder: ReadingChoices["E1"];
  /** E2 */
  unansweredPrecondition: ReadingChoices["E2"];
  /** E7 */
  unmetModifiers: ReadingChoices["E7"];
  /** registry keys whose option differs from the edition's own choice here (for trace notes) */
  overridden: string[];
};

export type CompiledModifier = { code: string; kind: "bonus" | "penalty"; name: string; points: Exact };

export type CompiledColumn = { code: string; name: string; units: Set<string> };

export type CompiledLeaf = {
  kind: "leaf";
  code: string;
  name: string;
  max: Exact;
  partCode: string;
  /** names from the part's top indicator down to this leaf, e.g. ["信息化应用绩效", "视频会议", "调试点名"] */
  pathNames: string[];
  rule: CompiledRule;
  scope: "city" | "unit";
  rollupToCity: boolean;
  preconditions: { code: string; label: string }[];
  modifiers: Map<string, CompiledModifier>;
  /** Σ bonus points: an override may reach max + this */
  bonusMax: Exact;
  applicability: "responsible" | "columns" | "all-departments" | "opt-in";
  allowNotApplicable: boolean;
  readings: TReading[];
  /** reading options in force on this leaf */
  options: LeafReadingOptions;
  /** the 分解表 columns the item names (`columns`), with the units responsible for any leaf column under each */
  columns?: CompiledColumn[];
  /** units assessed on this leaf (assessedUnits), with their role */
  assessed: Map<string, "lead" | "cooperate">;
  source: TIndicator;
};

export type CompiledNode = {
  kind: "node";
  code: string;
  name: string;
  max: Exact;
  /** R1 where the node records it, else the node's own `aggregate` */
  aggregate: "cap" | "sum" | "rescale";
  readings: TReading[];
  children: CompiledIndicator[];
  /** declared max of the children, for the R1 mismatch note (40 declared vs 50 below) */
  childrenDeclaredMax: Exact;
};
export type CompiledIndicator = CompiledLeaf | CompiledNode;

export type CompiledPart = {
  code: string;
  name: string;
  weight: Exact;
  allowPostPenalty: boolean;
  readings: TReading[];
  indicators: CompiledIndicator[];
  leaves: CompiledLeaf[];
  /** Σ of the top indicators' declared max (part 1: 40 + 15 + 15 = 70) */
  declaredMax: Exact;
  /** units that are assessed on at least one leaf of this part (structurally) */
  units: Set<string>;
};

export type CompiledEdition = {
  id: string;
  name: string;
  year: number;
  edition: TEdition;
  parts: CompiledPart[];
  partByCode: Map<string, CompiledPart>;
  leafByCode: Map<string, CompiledLeaf>;
  /** leaves by their name, for helpful errors ("use the code, not the name") */
  leavesByName: Map<string, CompiledLeaf[]>;
  units: TUnit[];
  unitByCode: Map<string, TUnit>;
  /** the city aggregate unit (group "city"); city-scope facts are entered under its code */
  city: TUnit | undefined;
  /** reading options in force: registry defaults ← edition.yaml ← this run's overrides */
  readings: ReadingChoices;
  /** the edition's own choices (without this run's overrides) */
  editionReadings: ReadingChoices;
  /** keys where this run's option differs from the edition's choice */
  overriddenReadings: string[];
};

export type CompileOptions = {
  /** reading overrides for this compilation (`--reading R1=sum`); unknown keys or options throw */
  readings?: ReadingOverrides;
};

export class EditionCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EditionCompileError";
  }
}

function compileRule(rule: TRule, edition: TEdition): CompiledRule {
  // a rule may name a unit group (the counties of an inventory or a coverage share): its
  // members come from the edition's units, never from code
  return ruleType(rule).compile(rule, { unitsOf: (group) => edition.units.filter((u) => u.group === group).map((u) => u.name) });
}

/** Compile an edition once; pass the result to scoreEdition/scoreItem for speed. */
export function compileEdition(edition: TEdition, options: CompileOptions = {}): CompiledEdition {
  const own = resolveReadingChoices(edition.readings);
  if (!own.ok) throw new EditionCompileError(`规则版本的口径设置有误：${own.errors.join("；")}`);
  const run = resolveReadingChoices(edition.readings, options.readings);
  if (!run.ok) throw new EditionCompileError(`口径覆盖有误：${run.errors.join("；")}`);
  const readings = run.choices;
  const editionReadings = own.choices;
  const overriddenReadings = (Object.keys(readings) as (keyof ReadingChoices)[]).filter((k) => readings[k] !== editionReadings[k]);
  const index = buildUnitIndex(edition.units, edition.collectives);
  const leafByCode = new Map<string, CompiledLeaf>();
  const leavesByName = new Map<string, CompiledLeaf[]>();
  const city = edition.units.find((u) => u.group === "city");

  const parts: CompiledPart[] = edition.parts.map((part) => {
    const leaves: CompiledLeaf[] = [];
    const units = new Set<string>();
    const build = (node: TIndicator, ancestors: TIndicator[]): CompiledIndicator => {
      const max = parseExact(node.max);
      if (node.children && node.children.length > 0) {
        const children = node.children.map((c) => build(c, [...ancestors, node]));
        return {
          kind: "node",
          code: node.code,
          name: node.name,
          max,
          aggregate: effectiveAggregate(node, readings),
          readings: node.readings ?? [],
          children,
          childrenDeclaredMax: sum(children.map((c) => c.max)),
        };
      }
      if (!node.rule) throw new EditionCompileError(`指标“${node.name}”（${node.code}）没有计分规则`);
      const leaf = compileLeaf(edition, part, node, ancestors, index, max, leafOptions(node, readings, overriddenReadings), readings);
      if (leafByCode.has(leaf.code)) throw new EditionCompileError(`指标代码“${leaf.code}”重复`);
      leafByCode.set(leaf.code, leaf);
      const same = leavesByName.get(leaf.name) ?? [];
      same.push(leaf);
      leavesByName.set(leaf.name, same);
      leaves.push(leaf);
      for (const u of leaf.assessed.keys()) units.add(u);
      if (city && (leaf.scope === "city" || leaf.rollupToCity)) units.add(city.code);
      return leaf;
    };
    const indicators = part.indicators.map((n) => build(n, []));
    return {
      code: part.code,
      name: part.name,
      weight: parseExact(part.weight ?? 1),
      allowPostPenalty: part.allowPostPenalty ?? false,
      readings: part.readings ?? [],
      indicators,
      leaves,
      declaredMax: sum(indicators.map((i) => i.max)),
      units,
    };
  });

  return {
    id: edition.id,
    name: edition.name,
    year: edition.year,
    edition,
    parts,
    partByCode: new Map(parts.map((p) => [p.code, p])),
    leafByCode,
    leavesByName,
    units: edition.units,
    unitByCode: new Map(edition.units.map((u) => [u.code, u])),
    city,
    readings,
    editionReadings,
    overriddenReadings,
  };
}

const hasInventory = (node: TIndicator) => node.rule?.type === "deduction" && node.rule.pools.some((p) => p.kinds.some((k) => k.inventory));
const hasCoverage = (node: TIndicator) => node.rule?.type === "ratio" && node.rule.coverage !== undefined;

/** The options of one leaf: edition-wide ones, and tagged ones where the leaf records the reading. */
function leafOptions(node: TIndicator, r: ReadingChoices, overridden: string[]): LeafReadingOptions {
  const tagged = (id: string) => recordsReading(node, id);
  const opts: LeafReadingOptions = {
    roundEachStep: r.R6 === "round-each-step",
    optIn: tagged("R9") ? r["R9.optIn"] : "not-applicable",
    bonusWithinMax: (tagged("R9") && r["R9.bonus"] === "within-max") || (tagged("R11") && r["R11.bonus"] === "within-max"),
    ignorePreconditions: tagged("R10") && r.R10 === "ignore",
    penaltyPerOccurrence: tagged("R11") && r.R11 === "per-occurrence",
    notInvolved: tagged("R9") ? r["R9.notInvolved"] : "bonus-only",
    postsPerColumn: tagged("R8") ? r["R8.columns"] : "total",
    columnRatings: tagged("R18") ? r["R18.columns"] : "mean",
    inventory: tagged("R4") ? r["R4.rooms"] : "per-county",
    coverage: tagged("R5") ? r["R5.counties"] : "precondition",
    modifierOrder: r.E1,
    unansweredPrecondition: r.E2,
    unmetModifiers: r.E7,
    overridden: [],
  };
  const here = ["R6", "E1", "E2", "E7", ...(tagged("R9") ? ["R9.optIn", "R9.bonus", "R9.notInvolved"] : []), ...(tagged("R8") ? ["R8.columns"] : []), ...(tagged("R18") ? ["R18.columns"] : []), ...(tagged("R10") ? ["R10"] : []), ...(tagged("R11") ? ["R11", "R11.bonus"] : []), ...(tagged("R4") && hasInventory(node) ? ["R4.rooms"] : []), ...(tagged("R5") && hasCoverage(node) ? ["R5.counties"] : [])];
  opts.overridden = here.filter((k) => overridden.includes(k));
  return opts;
}

function compileLeaf(
  edition: TEdition,
  part: TPart,
  node: TIndicator,
  ancestors: TIndicator[],
  index: ReturnType<typeof buildUnitIndex>,
  max: Exact,
  options: LeafReadingOptions,
  readings: ReadingChoices,
): CompiledLeaf {
  const modifiers = new Map<string, CompiledModifier>();
  for (const m of node.modifiers ?? []) modifiers.set(m.code, { code: m.code, kind: m.kind, name: m.name, points: parseExact(m.points) });
  const bonusMax = sum([...modifiers.values()].filter((m) => m.kind === "bonus").map((m) => m.points));
  const assessed = new Map<string, "lead" | "cooperate">();
  for (const r of assessedUnits(edition, part, node, ancestors, index)) assessed.set(r.unit, r.role);
  const applicability = node.applicability ?? "responsible";
  return {
    kind: "leaf",
    code: node.code,
    name: node.name,
    max,
    partCode: part.code,
    pathNames: [...ancestors.map((a) => a.name), node.name],
    rule: compileRule(node.rule as TRule, edition),
    scope: node.scope ?? "unit",
    // R4.rollup = unit-only switches pooling off where the leaf or an ancestor records R4
    rollupToCity: (node.rollupToCity ?? false) && !(readings["R4.rollup"] === "unit-only" && [node, ...ancestors].some((n) => recordsReading(n, "R4"))),
    preconditions: node.preconditions ?? [],
    modifiers,
    bonusMax,
    applicability,
    allowNotApplicable: (node.allowNotApplicable ?? false) || applicability === "opt-in",
    readings: node.readings ?? [],
    options,
    columns: compileColumns(part, node, index),
    assessed,
    source: node,
  };
}

/** The columns an item names, each with its name and the units responsible under it. */
function compileColumns(part: TPart, node: TIndicator, index: ReturnType<typeof buildUnitIndex>): CompiledColumn[] {
  const names = new Map([...walkColumns(part.columns ?? [])].map(({ node: c }) => [c.code, c.name]));
  return (node.columns ?? []).map((code) => {
    const units = new Set<string>();
    for (const col of leafColumnsUnder(part, code)) for (const r of resolveResponsibleList(index, col.responsible)) units.add(r.unit);
    return { code, name: names.get(code) ?? code, units };
  });
}

/** Whether a unit's scorecard includes this leaf at all (before facts are considered). */
export function leafConcernsUnit(compiled: CompiledEdition, leaf: CompiledLeaf, unitCode: string): boolean {
  if (compiled.city && unitCode === compiled.city.code) {
    return leaf.scope === "city" || leaf.rollupToCity || leaf.assessed.has(unitCode);
  }
  return leaf.assessed.has(unitCode);
}

/** The unit whose facts a leaf reads for a given scorecard: city-scope leaves read the city's. */
export function factUnitFor(compiled: CompiledEdition, leaf: CompiledLeaf, unitCode: string): string {
  return leaf.scope === "city" && compiled.city ? compiled.city.code : unitCode;
}

export function groupOf(compiled: CompiledEdition, unitCode: string): TUnitGroup | undefined {
  return compiled.unitByCode.get(unitCode)?.group;
}
