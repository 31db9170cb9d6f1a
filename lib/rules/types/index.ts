// The rule-type registry: one module per rule type (lib/rules/types/<type>/). The record
// is keyed by every rule type of the edition format, so a type missing here — or a module
// missing a part — does not compile. Everything that depends on a rule type (engine,
// form, reviewer's editor, offline sheet, CLI) goes through `ruleType(...)`.
import type { TRuleType } from "../schema";
import { binary } from "./binary";
import { choice } from "./choice";
import { count } from "./count";
import { deduction } from "./deduction";
import type { RuleTypeModule } from "./module";
import { rating } from "./rating";
import { ratio } from "./ratio";
import { tiers } from "./tiers";
import { veto } from "./veto";

export const RULE_TYPES: { [T in TRuleType]: RuleTypeModule<T> } = { count, binary, ratio, deduction, tiers, choice, rating, veto };

/**
 * The module of a rule (or rule type). Typed loosely on purpose: callers hold a rule of
 * some type and its matching draft/compiled form, which TypeScript cannot correlate.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ruleType(rule: { type: TRuleType } | TRuleType): RuleTypeModule<any> {
  return RULE_TYPES[typeof rule === "string" ? rule : rule.type] as RuleTypeModule<TRuleType>;
}

export const RULE_TYPE_LABELS: Record<TRuleType, string> = Object.fromEntries(Object.values(RULE_TYPES).map((m) => [m.type, m.label])) as Record<TRuleType, string>;

export type { RuleTypeModule, ValueDraft, DraftOf, DraftOptions, ColumnMonthsRow, ColumnScoreRow, FormContext, RuleEval, PooledFact, ParamField } from "./module";
