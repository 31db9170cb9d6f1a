// The contract of one rule type. Each type is one folder, lib/rules/types/<type>/:
//   schema.ts  — parameter schema (the edition's YAML) and value (fact) schema, zod
//   index.ts   — compile, input checks, evaluation with its Chinese trace, the plain-Chinese
//                description, the form codec (draft ⇄ payload), the offline-sheet rows and
//                the parameter form the draft editor renders (paramForm)
// and it is registered by one line in lib/rules/types/index.ts; the edition format's rule
// union (ZRule, TRule), the compiled rule and draft unions are derived from that registry, so
// a new type touches nothing else, and a type lacking any part does not compile. The table
// tests are tests/unit/rule-types/<type>.test.ts.
import type { z } from "zod";
import type { CompiledLeaf } from "../../engine/compile";
import type { Exact } from "../../engine/exact";
import type { FieldDef, PutRow, SheetReader } from "../../offline-form/cells";
import type { TUnitGroup } from "../schema";
import type { FieldErrors } from "./kit";

/**
 * The editable state of a value, as the 填报 form and the reviewer's editor keep it (strings as
 * typed), is each type's own (e.g. RatioDraft in ratio/index.ts). A type whose draft is a
 * `FieldsDraft` (a few labelled inputs, listed by `form.inputs`) needs no form component: the
 * 填报 form and the reviewer's editor render its inputs generically.
 */
export type FieldsDraft<T extends string = string> = { type: T; fields: Record<string, string> };

/** One labelled input of a `FieldsDraft` form: `key` into `fields`; its error is under `errorKey` ("value.items.0.numerator"). */
export type DraftInput = { key: string; label: string; errorKey: string; inputMode: "numeric" | "decimal" | "text"; hint?: string; group?: string };

/** One column's row of a per-column draft (動态信息 counts, 重点信息公开 ratings). */
export type ColumnMonthsRow = { column: string; name: string; monthly: string[] };
export type ColumnScoreRow = { column: string; name: string; score: string };

/** What a draft may need beyond the rule: the 分解表 columns the item names that concern this unit. */
export type DraftOptions = { columns?: { code: string; name: string }[] };

/** A fact from another unit pooled into the city card (rollupToCity). */
export type PooledFact = { unitName: string; fact: { value?: unknown; notApplicable?: unknown } | undefined };

/** Rule arithmetic: the base score (unclamped) and its trace lines, or "not entered". */
export type RuleEval =
  | {
      base: Exact;
      lines: string[];
      vetoed?: boolean;
      vetoReason?: string;
      /** the base requirement does not concern the unit (a 专题 department "not involved"): R9.notInvolved decides */
      baseNotApplicable?: string;
    }
  | { notEntered: string[] };

export type InputIssue = { path: string; message: string };
export type CheckContext = { leaf: CompiledLeaf; path: string; year: number; errors: InputIssue[]; warnings: InputIssue[] };

/** What a rule may read from its edition when it is compiled: the names of a unit group's units. */
export type CompileContext = { unitsOf(group: TUnitGroup): string[] };

/** A precondition the value itself answers (met/unmet), or that this reading replaces (null). */
export type DerivedCondition = { code: string; met: boolean | null; line: string };

/** Who fills the form in: the unit (self) or a reviewer (review, who may rate and always sends a value). */
export type FormContext = { role: "self" | "review"; overrideOn?: boolean };

/**
 * One parameter of the rule as the draft editor shows it: the YAML key, its Chinese label and
 * the control. `json` is for nested lists (levels, tiers, pools) edited as JSON text.
 * tests/unit/rule-param-forms.test.ts checks each form against the type's `params` schema.
 */
export type ParamField = { key: string; label: string; required: boolean; hint?: string } & (
  | { kind: "points" | "text" | "integer" | "boolean" | "json" }
  | { kind: "enum"; options: { value: string; label: string }[] }
);

/** What `checkParams` reports to: the item's max, its label for messages, the rule's path. */
export type ParamCheckContext = { max: Exact; label: string; path: string; error(path: string, message: string): void; warn(path: string, message: string): void };

/** A rule type's parameters: an object whose `type` is the type's name (its key in the registry). */
export type RuleParams = { type: string };

/**
 * R: the parameters (as parsed from YAML, `params`' output); C: the compiled rule (same `type`);
 * D: the form's draft of a value (same `type`). The registry (./index.ts) derives the edition
 * format's rule union (TRule, TRuleType, CompiledRule, ValueDraft) from these.
 */
export type RuleTypeModule<R extends RuleParams, C extends { type: R["type"] }, D extends { type: R["type"] }> = {
  type: R["type"];
  /** short Chinese name (计数、是否…) */
  label: string;
  /** the parameters as written in the edition's YAML */
  params: z.ZodType<R>;
  /** the parameters' form in the draft editor, one field per key of `params` (but `type`) */
  paramForm: ParamField[];
  /** every value shape this type accepts (old shapes stay accepted) */
  values: z.ZodType[];
  /** `ctx` is given when an edition is compiled (absent in a rule's own table tests) */
  compile(rule: R, ctx?: CompileContext): C;
  /** the value schema for one rule and its shape in words (for the error that heads its issues) */
  valueSchema(rule: C): { schema: z.ZodType; shape: string };
  /** checks beyond the shape (unknown kinds, lengths, ranges); the value has the right shape */
  check(rule: C, value: unknown, ctx: CheckContext): void;
  evaluate(leaf: CompiledLeaf, rule: C, value: unknown, pooled?: PooledFact[], ownLabel?: string): RuleEval;
  /** preconditions of the leaf that the value answers or that a reading replaces (optional) */
  conditions?(leaf: CompiledLeaf, rule: C, value: unknown): DerivedCondition[];
  /** the value a city card starts from when only pooled facts exist (undefined: none) */
  emptyValue?: unknown;
  /**
   * Checks of the parameters against the item (lib/rules/validate.ts, `npm run rules:check`):
   * e.g. the points add up to the item's max. Optional; the built-in types' checks are in validate.ts.
   */
  checkParams?(rule: R, ctx: ParamCheckContext): void;
  /**
   * A plausible value for demo and synthetic data (lib/demo, lib/synthetic): `q` in 0..1 is how
   * well the unit does, `rand()` a seeded random number in [0, 1). Undefined: the unit enters none.
   */
  sample?(rule: C, q: number, rand: () => number): unknown;
  /** the rule in plain Chinese, from its parameters */
  describeRule(rule: R): string;
  /** a stored value in plain Chinese lines */
  describeValue(rule: R, value: Record<string, unknown>): string[];
  form: {
    initial(rule: R, value: unknown, opts?: DraftOptions): D;
    /** the payload's value (undefined = not entered), field errors keyed by payload path ("value.events.0.kind") */
    build(rule: R, draft: D, errors: FieldErrors, ctx: FormContext): unknown;
    /**
     * For a `FieldsDraft` draft: its labelled inputs, which the 填报 form and the reviewer's
     * editor render without type-specific code. Types with a form component of their own omit it.
     */
    inputs?(rule: R, draft: D): DraftInput[];
  };
  sheet: {
    /** rows of the value part; `current` gives room for stored lists */
    fields(leaf: CompiledLeaf, rule: C, current: Record<string, unknown> | null): FieldDef[];
    toRows(rule: C, value: Record<string, unknown>, put: PutRow): void;
    /** the value read from the rows (undefined when its rows are blank) and the row a shape error points at */
    fromRows(rule: C, r: SheetReader): { value?: Record<string, unknown>; valueKey: string };
    /** a row an uploaded sheet may have beyond a fresh layout's, rebuilt from its key (per-column rows); undefined: unknown */
    fieldFromKey?(leaf: CompiledLeaf, rule: C, key: string): FieldDef | undefined;
    /** list rows that may be longer in an uploaded sheet than in a fresh layout ("items", "events") */
    lists?: string[];
  };
};
