// Public API of the scoring engine. Pure: no React, no database, no file system.
//   compileEdition(edition)            → CompiledEdition (once per edition)
//   validateScoringInput(compiled, raw) → { ok, input | errors }
//   scoreEdition(editionOrCompiled, input) → EditionResult (scorecards + rankings)
//   scoreItem(editionOrCompiled, { unit, item, self?, review?, pooled? }) → ItemResult
//   scoreEdition(edition, input, { readings: { R1: "sum" } }) → the same under other readings
import { READINGS, READING_KEYS, readingAlternatives, type ReadingDef, type ReadingKey, type ReadingOverrides } from "../rules/readings";
import type { TEdition } from "../rules/schema";
import { type CompiledEdition, compileEdition } from "./compile";
import type { Exact } from "./exact";
import type { TItemFact, TScoringInput } from "./facts";
import { type RankCandidate, rankUnits } from "./rank";
import { buildScorecard, type CardInternal, createContext, itemForUnit } from "./scorecard";
import type { EditionResult, ItemResult, Ranking } from "./types";
import { formatIssue, type InputIssue, validateItemFact, validateScoringInput } from "./validate-input";

export * from "./types";
export type { ExactValue } from "./exact";
export { toValue, toDisplay, toExactString, parseExact, fromExactString } from "./exact";
export { compileEdition, EditionCompileError, type CompiledEdition, type CompiledLeaf, type CompileOptions } from "./compile";
export {
  READINGS,
  READING_KEYS,
  readingAlternatives,
  resolveReadingChoices,
  type ReadingChoices,
  type ReadingKey,
  type ReadingOverrides,
} from "../rules/readings";
export { validateScoringInput, validateItemFact, formatIssue, type InputIssue, type InputValidation } from "./validate-input";
export type { TScoringInput, TItemFact, TPostPenalty } from "./facts";
export { ZScoringInput, ZItemFact, ZPostPenalty } from "./facts";
export { explainScorecard, formatRankingTable } from "./explain";

export class ScoringInputError extends Error {
  constructor(public readonly issues: InputIssue[]) {
    super(`评分输入有误：\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ScoringInputError";
  }
}

function compiledOf(e: TEdition | CompiledEdition, readings?: ReadingOverrides): CompiledEdition {
  const overrides = readings && Object.keys(readings).length > 0 ? readings : undefined;
  if ("leafByCode" in e) {
    if (!overrides) return e;
    // the compiled edition's own overrides stay, the new ones win
    const current: ReadingOverrides = Object.fromEntries(e.overriddenReadings.map((k) => [k, e.readings[k as keyof typeof e.readings]]));
    return compileEdition(e.edition, { readings: { ...current, ...overrides } });
  }
  return compileEdition(e, { readings: overrides });
}

export type ScoreOptions = {
  /** skip validation when the caller has just run validateScoringInput on this input */
  validated?: boolean;
  /**
   * Reading overrides for this run, e.g. { R1: "sum", "R13.cap": "cap-100" } (registry:
   * lib/rules/readings.ts). Unknown keys or options throw EditionCompileError.
   */
  readings?: ReadingOverrides;
};

/** The reading options a compiled edition scores with, for the result and the UI. */
export function readingsInForce(compiled: CompiledEdition): NonNullable<EditionResult["readings"]> {
  return READING_KEYS.map((key) => {
    const def: ReadingDef = READINGS[key];
    const option = compiled.readings[key];
    return {
      key,
      option,
      editionOption: compiled.editionReadings[key],
      overridden: option !== compiled.editionReadings[key],
      description: def.options[option].zh,
    };
  });
}

/**
 * Score every unit of the edition (one scorecard per unit, the city aggregate 全市
 * included) and rank departments and counties per part and overall.
 * Throws ScoringInputError when the input does not fit the edition.
 */
export function scoreEdition(edition: TEdition | CompiledEdition, input: TScoringInput, options: ScoreOptions = {}): EditionResult {
  const compiled = compiledOf(edition, options.readings);
  let facts = input.facts;
  let penalties = input.penalties ?? [];
  if (!options.validated) {
    const v = validateScoringInput(compiled, input);
    if (!v.ok) throw new ScoringInputError(v.errors);
    facts = v.input.facts;
    penalties = v.input.penalties ?? [];
  }
  const ctx = createContext(compiled, facts, penalties);
  const cards = compiled.units.map((u) => ({ unit: u, ...buildScorecard(ctx, u) }));
  return {
    edition: { id: compiled.id, name: compiled.name, year: compiled.year },
    scorecards: cards.map((c) => c.card),
    rankings: buildRankings(compiled, cards),
    readings: readingsInForce(compiled),
  };
}

export type ReadingAlternativeResult = { key: ReadingKey; option: string; overrides: ReadingOverrides; result: EditionResult };

/**
 * Score the input once under each alternative option of the given reading keys (default:
 * every key), one override at a time, for a 口径敏感性 (what-if) page. The input is
 * validated once against the edition as compiled; throws ScoringInputError when invalid.
 */
export function scoreReadingAlternatives(
  edition: TEdition | CompiledEdition,
  input: TScoringInput,
  keys: readonly ReadingKey[] = READING_KEYS,
): ReadingAlternativeResult[] {
  const compiled = compiledOf(edition);
  const v = validateScoringInput(compiled, input);
  if (!v.ok) throw new ScoringInputError(v.errors);
  return readingAlternatives(compiled.readings)
    .filter((a) => keys.includes(a.key))
    .map((a) => ({ ...a, result: scoreEdition(compiled, v.input, { validated: true, readings: a.overrides }) }));
}

function buildRankings(compiled: CompiledEdition, cards: { unit: { code: string; name: string; group: string }; internal: CardInternal }[]): Ranking[] {
  const rankings: Ranking[] = [];
  for (const group of ["department", "county"] as const) {
    const inGroup = cards.filter((c) => c.unit.group === group);
    if (inGroup.length === 0) continue;
    for (const part of compiled.parts) {
      const candidates: RankCandidate[] = [];
      for (const c of inGroup) {
        const p = c.internal.parts.get(part.code);
        if (!p || p.status === "not-assessed" || p.score === null) continue;
        candidates.push({ unit: c.unit.code, name: c.unit.name, score: p.score, complete: p.complete, vetoed: p.vetoed });
      }
      if (candidates.length > 0) rankings.push({ scope: part.code, scopeName: part.name, group, entries: rankUnits(candidates) });
    }
    const overall: RankCandidate[] = [];
    for (const c of inGroup) {
      if (c.internal.overall === null) continue;
      const vetoed = [...c.internal.parts.values()].some((p) => p.vetoed);
      overall.push({ unit: c.unit.code, name: c.unit.name, score: c.internal.overall as Exact, complete: c.internal.complete, vetoed });
    }
    if (overall.length > 0) rankings.push({ scope: "overall", scopeName: "总分", group, entries: rankUnits(overall) });
  }
  return rankings;
}

export type ScoreItemArgs = {
  /** the scorecard's unit (a city-level item gives the same result on every card) */
  unit: string;
  item: string;
  /**
   * The facts of this item: the unit's self and/or review fact; for a city-level item the
   * city's; for the city card of a rollupToCity item, every unit's (pooled). Facts of
   * other items are ignored.
   */
  facts: TItemFact[];
};

/**
 * Score one leaf for live feedback in the UI. Facts are validated; an invalid fact
 * throws ScoringInputError with the issues (the UI can call validateItemFact first).
 */
export function scoreItem(edition: TEdition | CompiledEdition, args: ScoreItemArgs): ItemResult {
  const compiled = compiledOf(edition);
  const leaf = compiled.leafByCode.get(args.item);
  const unit = compiled.unitByCode.get(args.unit);
  const issues: InputIssue[] = [];
  if (!leaf) issues.push({ path: "item", message: `未知的指标代码 “${args.item}”` });
  if (!unit) issues.push({ path: "unit", message: `未知的单位代码 “${args.unit}”` });
  const facts: TItemFact[] = [];
  args.facts.forEach((f, i) => {
    if (f.item !== args.item) return;
    const r = validateItemFact(compiled, f, `facts[${i}]`);
    issues.push(...r.errors);
    if (r.fact) facts.push(r.fact);
  });
  if (issues.length > 0 || !leaf || !unit) throw new ScoringInputError(issues);
  return itemForUnit(createContext(compiled, facts), leaf, unit).result;
}
