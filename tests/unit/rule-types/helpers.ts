// Helpers for the rule-type table tests: a leaf around one rule, its evaluation, and the
// form and sheet round trips, all through the rule type's module.
import { expect } from "vitest";
import type { CompiledLeaf } from "@/lib/engine/compile";
import { ZERO, fmt, parseExact } from "@/lib/engine/exact";
import { itemFields, payloadToRows, rowsToPayload } from "@/lib/offline-form/layout";
import { ZRule, type TRule } from "@/lib/rules/schema";
import { ruleType } from "@/lib/rules/types";

export function leafOf(raw: unknown, max = "10"): CompiledLeaf {
  const rule = ZRule.parse(raw) as TRule;
  return {
    kind: "leaf",
    code: "t.item",
    name: "测试项",
    max: parseExact(max),
    partCode: "p",
    pathNames: ["测试项"],
    rule: ruleType(rule).compile(rule),
    scope: "unit",
    rollupToCity: false,
    preconditions: [],
    modifiers: new Map(),
    bonusMax: ZERO,
    applicability: "responsible",
    allowNotApplicable: false,
    readings: [],
    options: {} as CompiledLeaf["options"],
    assessed: new Map(),
    source: { code: "t.item", name: "测试项", max, rule },
  };
}

/** The rule's base score (before the item's max) as a string, or "not-entered". */
export function base(leaf: CompiledLeaf, value: unknown): string {
  const m = ruleType(leaf.rule);
  const parsed = m.valueSchema(leaf.rule).schema.parse(value);
  const r = m.evaluate(leaf, leaf.rule, parsed);
  return "notEntered" in r ? "not-entered" : fmt(r.base);
}

/** Input-check messages of a value (shape first, then the module's checks). */
export function check(leaf: CompiledLeaf, value: unknown): string[] {
  const m = ruleType(leaf.rule);
  const parsed = m.valueSchema(leaf.rule).schema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message);
  const errors: { path: string; message: string }[] = [];
  m.check(leaf.rule, parsed.data, { leaf, path: "value", year: 2017, errors, warnings: [] });
  return errors.map((e) => `${e.path}: ${e.message}`);
}

/** value → form draft → value (the unit's form), with its field errors. */
export function formRoundTrip(leaf: CompiledLeaf, value: unknown, role: "self" | "review" = "self") {
  const rule = leaf.source.rule!;
  const m = ruleType(rule);
  const errors: Record<string, string> = {};
  const out = m.form.build(rule, m.form.initial(rule, value), errors, { role });
  return { value: out, errors };
}

/** value → sheet rows → value (the offline xlsx). */
export function sheetRoundTrip(leaf: CompiledLeaf, value: unknown) {
  const payload = { value };
  const r = rowsToPayload(leaf, itemFields(leaf, payload), payloadToRows(leaf, payload));
  expect(r.errors).toEqual([]);
  return r.payload?.value;
}
