// The rule-type registry: one module per rule type (lib/rules/types/<type>/), one line here.
// Everything that depends on a rule type (the edition format's rule union ZRule in
// ../schema.ts, the engine, the form, the reviewer's editor, the offline sheet, the CLI, the
// draft editor's type list, the value schemas of docs/scoring-input.schema.json) is derived
// from this record, so adding a type is its folder plus its line in RULE_TYPES. A module
// lacking a part, or registered under a key other than its `type`, does not compile.
import type { z } from "zod";
import { binary } from "./binary";
import { choice } from "./choice";
import { count } from "./count";
import { deduction } from "./deduction";
import type { RuleTypeModule } from "./module";
import { proportions } from "./proportions";
import { rating } from "./rating";
import { ratio } from "./ratio";
import { tiers } from "./tiers";
import { veto } from "./veto";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = RuleTypeModule<any, any, any>;
/** Each key is its module's `type`. */
function registry<M extends Record<string, AnyModule> & { [K in keyof M]: { type: K } }>(modules: M): M {
  return modules;
}

export const RULE_TYPES = registry({ count, binary, ratio, deduction, tiers, choice, rating, veto, proportions });

type Modules = typeof RULE_TYPES;
/** Every rule type's name. */
export type TRuleType = keyof Modules & string;
/** A rule's parameters, as parsed from the edition's YAML. */
export type RuleOf<T extends TRuleType> = z.output<Modules[T]["params"]>;
export type TRule = { [T in TRuleType]: RuleOf<T> }[TRuleType];
/** A rule as the engine holds it (points parsed exactly). */
export type CompiledOf<T extends TRuleType> = ReturnType<Modules[T]["compile"]>;
export type CompiledRule = { [T in TRuleType]: CompiledOf<T> }[TRuleType];
/** The editable state of a value in the 填报 form and the reviewer's editor. */
export type DraftOf<T extends TRuleType> = ReturnType<Modules[T]["form"]["initial"]>;
export type ValueDraft = { [T in TRuleType]: DraftOf<T> }[TRuleType];

/**
 * The module of a rule (or rule type). Typed loosely on purpose: callers hold a rule of
 * some type and its matching draft/compiled form, which TypeScript cannot correlate.
 */
export function ruleType(rule: { type: TRuleType } | TRuleType): AnyModule {
  return RULE_TYPES[typeof rule === "string" ? rule : rule.type] as AnyModule;
}

/** Every registered module, in registry order. */
export const RULE_MODULES: AnyModule[] = Object.values(RULE_TYPES);

export const RULE_TYPE_LABELS: Record<TRuleType, string> = Object.fromEntries(RULE_MODULES.map((m) => [m.type, m.label])) as Record<TRuleType, string>;

export type { RuleTypeModule, DraftOptions, ColumnMonthsRow, ColumnScoreRow, FormContext, RuleEval, PooledFact, ParamField, FieldsDraft, DraftInput } from "./module";
