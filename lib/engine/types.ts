// Result types of the scoring engine. Every number is an ExactValue (exact + display),
// every score carries its Chinese trace lines, built here and not by the UI.
import type { TRuleType, TUnitGroup } from "../rules/schema";
import type { ExactValue } from "./exact";

/** "not-entered" (no fact yet) is not 0; "not-applicable" leaves the item out of the denominator. */
export type ItemState = "scored" | "not-entered" | "not-applicable";

export type Completeness = { entered: number; applicable: number };

export type ReadingRef = {
  id: string;
  chosen: string;
  /** present only when this run overrides the edition's option for this reading (`--reading`) */
  override?: { key: string; option: string; editionOption: string };
};

/** A reading option in force for a run (lib/rules/readings.ts). */
export type ReadingInForce = {
  key: string;
  option: string;
  /** the edition's own option (edition.yaml, else the registry default) */
  editionOption: string;
  overridden: boolean;
  /** the option's description, Chinese */
  description: string;
};

/** One side of an item (self-assessed, or effective after review). */
export type ItemSide = {
  state: ItemState;
  /** null unless scored */
  score: ExactValue | null;
  vetoed: boolean;
  /** on `self` only, when a review changed the facts: how the self score was computed */
  trace?: string[];
};

export type ItemResult = {
  kind: "item";
  code: string;
  name: string;
  ruleType: TRuleType;
  max: ExactValue;
  scope: "city" | "unit";
  /** the unit whose facts were read ("city" for city-level items) */
  factUnit: string;
  /** city card of a rollupToCity item: the events of all units were pooled */
  pooled: boolean;
  /** effective state and score (review facts where present, else self facts) */
  state: ItemState;
  score: ExactValue | null;
  /** bonuses and penalties applied (effective side) */
  bonus: ExactValue;
  penalty: ExactValue;
  /** which facts the effective score came from */
  source: "review" | "self" | "none";
  /** the reviewer set the score (override) */
  overridden: boolean;
  vetoed: boolean;
  vetoReason?: string;
  naReason?: string;
  self: ItemSide;
  reviewed: ItemSide;
  /** how the effective score was computed, in Chinese */
  trace: string[];
  /** readings (R-ids) that shaped this rule, with the chosen text */
  readings: ReadingRef[];
};

export type NodeResult = {
  kind: "node";
  code: string;
  name: string;
  max: ExactValue;
  aggregate: "cap" | "sum" | "rescale";
  state: ItemState;
  /** effective score, bonuses included */
  score: ExactValue;
  /** R13 denominator contribution: min(max, Σ applicable children) for "cap" */
  maxAchievable: ExactValue;
  /** the cap bit: Σ children exceeded max */
  capped: boolean;
  self: { score: ExactValue; maxAchievable: ExactValue };
  completeness: Completeness;
  children: IndicatorResult[];
  trace: string[];
  readings: ReadingRef[];
};

export type IndicatorResult = NodeResult | ItemResult;

export type PartStatus = "scored" | "vetoed" | "not-assessed";

export type PartResult = {
  code: string;
  name: string;
  weight: ExactValue;
  status: PartStatus;
  /** Σ of the top indicators' scores (bonuses included) */
  points: ExactValue;
  /** Σ of the top indicators' declared max (part 1: 70) */
  declaredMax: ExactValue;
  /** R13 denominator: max achievable over applicable items */
  maxAchievable: ExactValue;
  /** 100 × points ÷ maxAchievable, not capped at 100; null when not assessed */
  normalised: ExactValue | null;
  postPenalties: { points: ExactValue; reason: string }[];
  /** normalised − post penalties; 0 when vetoed; null when not assessed */
  score: ExactValue | null;
  vetoReasons: string[];
  self: { status: PartStatus; points: ExactValue; maxAchievable: ExactValue; score: ExactValue | null };
  completeness: Completeness;
  complete: boolean;
  indicators: IndicatorResult[];
  trace: string[];
  readings: ReadingRef[];
};

export type Scorecard = {
  unit: { code: string; name: string; group: TUnitGroup };
  parts: PartResult[];
  /** weighted mean of the part scores the unit takes part in (R15); null when none */
  overall: ExactValue | null;
  self: { overall: ExactValue | null };
  completeness: Completeness;
  complete: boolean;
  trace: string[];
};

export type RankingEntry = {
  rank: number;
  unit: string;
  name: string;
  score: ExactValue;
  complete: boolean;
  vetoed: boolean;
};

export type Ranking = {
  /** "overall" or a part code */
  scope: string;
  scopeName: string;
  group: "department" | "county";
  entries: RankingEntry[];
};

export type EditionResult = {
  edition: { id: string; name: string; year: number };
  scorecards: Scorecard[];
  rankings: Ranking[];
  /** the reading options this result was computed with (every key of the registry) */
  readings?: ReadingInForce[];
};
