// The contract of one rule type. Each type is one folder, lib/rules/types/<type>/:
//   schema.ts  — parameter schema (the edition's YAML) and value (fact) schema, zod
//   index.ts   — compile, input checks, evaluation with its Chinese trace, the plain-Chinese
//                description, the form codec (draft ⇄ payload), the offline-sheet rows and
//                the parameter form the draft editor renders (paramForm)
// and it is registered in lib/rules/types/index.ts, a record over every rule type, so a
// type lacking any part does not compile. The table tests are tests/unit/rule-types/<type>.test.ts.
import type { z } from "zod";
import type { CompiledLeaf, CompiledRule } from "../../engine/compile";
import type { Exact } from "../../engine/exact";
import type { FieldDef, PutRow, SheetReader } from "../../offline-form/cells";
import type { TRule, TRuleType, TUnitGroup } from "../schema";
import type { EventRow, FieldErrors, InventoryRow, Row, YesNo } from "./kit";

export type RuleOf<T extends TRuleType> = Extract<TRule, { type: T }>;
export type CompiledOf<T extends TRuleType> = Extract<CompiledRule, { type: T }>;

/** The editable state of a value, as the 填报 form and the reviewer's editor keep it (strings as typed). */
export type ValueDraft =
  | { type: "count"; rows: Row[]; none: boolean }
  | { type: "binary"; yes: YesNo; reference: string; date: string; notInvolved?: boolean }
  | { type: "ratio"; numerator: string; denominator: string; list: Row[]; covered?: string }
  | { type: "deduction"; events: EventRow[]; none: boolean; inventory?: InventoryRow[] }
  | { type: "tiers"; mode: "monthly"; monthly: string[] }
  | { type: "tiers"; mode: "value"; value: string }
  | { type: "tiers"; mode: "columns"; columns: ColumnMonthsRow[] }
  | { type: "choice"; levels: string[]; none: boolean }
  | { type: "rating"; score: string | null }
  | { type: "rating"; mode: "columns"; columns: ColumnScoreRow[] }
  | { type: "veto"; triggered: YesNo; reason: string };
export type DraftOf<T extends TRuleType> = Extract<ValueDraft, { type: T }>;

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

export type RuleTypeModule<T extends TRuleType> = {
  type: T;
  /** short Chinese name (计数、是否…) */
  label: string;
  /** the parameters as written in the edition's YAML */
  params: z.ZodType<RuleOf<T>>;
  /** the parameters' form in the draft editor, one field per key of `params` (but `type`) */
  paramForm: ParamField[];
  /** every value shape this type accepts (old shapes stay accepted) */
  values: z.ZodType[];
  /** `ctx` is given when an edition is compiled (absent in a rule's own table tests) */
  compile(rule: RuleOf<T>, ctx?: CompileContext): CompiledOf<T>;
  /** the value schema for one rule and its shape in words (for the error that heads its issues) */
  valueSchema(rule: CompiledOf<T>): { schema: z.ZodType; shape: string };
  /** checks beyond the shape (unknown kinds, lengths, ranges); the value has the right shape */
  check(rule: CompiledOf<T>, value: unknown, ctx: CheckContext): void;
  evaluate(leaf: CompiledLeaf, rule: CompiledOf<T>, value: unknown, pooled?: PooledFact[], ownLabel?: string): RuleEval;
  /** preconditions of the leaf that the value answers or that a reading replaces (optional) */
  conditions?(leaf: CompiledLeaf, rule: CompiledOf<T>, value: unknown): DerivedCondition[];
  /** the value a city card starts from when only pooled facts exist (undefined: none) */
  emptyValue?: unknown;
  /** the rule in plain Chinese, from its parameters */
  describeRule(rule: RuleOf<T>): string;
  /** a stored value in plain Chinese lines */
  describeValue(rule: RuleOf<T>, value: Record<string, unknown>): string[];
  form: {
    initial(rule: RuleOf<T>, value: unknown, opts?: DraftOptions): DraftOf<T>;
    /** the payload's value (undefined = not entered), field errors keyed by payload path ("value.events.0.kind") */
    build(rule: RuleOf<T>, draft: DraftOf<T>, errors: FieldErrors, ctx: FormContext): unknown;
  };
  sheet: {
    /** rows of the value part; `current` gives room for stored lists */
    fields(leaf: CompiledLeaf, rule: CompiledOf<T>, current: Record<string, unknown> | null): FieldDef[];
    toRows(rule: CompiledOf<T>, value: Record<string, unknown>, put: PutRow): void;
    /** the value read from the rows (undefined when its rows are blank) and the row a shape error points at */
    fromRows(rule: CompiledOf<T>, r: SheetReader): { value?: Record<string, unknown>; valueKey: string };
    /** a row an uploaded sheet may have beyond a fresh layout's, rebuilt from its key (per-column rows); undefined: unknown */
    fieldFromKey?(leaf: CompiledLeaf, rule: CompiledOf<T>, key: string): FieldDef | undefined;
    /** list rows that may be longer in an uploaded sheet than in a fresh layout ("items", "events") */
    lists?: string[];
  };
};
