// The 填报 form's state and its conversion to the payload the engine reads. Pure (no
// React): the form keeps what the user typed (strings); the rule type's module
// (lib/rules/types/<type>) turns its value part into the payload and reports field errors
// in Chinese under the payload's paths ("value.events.0.kind"), the keys the server uses.
import type { TRule } from "../rules/schema";
import { ruleType, type ValueDraft } from "../rules/types";
import { kindsOf } from "../rules/types/deduction";
import type { FieldErrors, Row } from "../rules/types/kit";
import { buildModifiers, modifierEntries, modifierIndex, modifiersDraft, type FormModifier, type ModifiersDraft } from "../rules/types/modifiers";
import { monthsOfRule } from "../rules/types/tiers";

export { normaliseNumber, readCount, readDecimal, rowId, type EventRow, type FieldErrors, type Row, type YesNo } from "../rules/types/kit";
export type ValueState = ValueDraft;

/** What the form needs of a leaf (LeafView of the pages has more). */
export type FormLeaf = {
  rule: TRule;
  preconditions: { code: string; label: string }[];
  /** `repeatable`: may be entered once per occurrence (R11 per-occurrence) */
  modifiers: FormModifier[];
  /** the 分解表 columns the item names that concern the unit (per-column facts) */
  columns?: { code: string; name: string }[];
};

/** The payload a unit stores for an item (the engine's fact without unit/item/source). */
export type Payload = {
  value?: unknown;
  notApplicable?: { reason: string };
  conditions?: Record<string, boolean>;
  modifiers?: { code: string; reason: string }[];
  note?: string;
};

export type FormState = {
  value: ValueState;
  na: boolean;
  naReason: string;
  /** precondition code → met (checkbox) */
  conditions: Record<string, boolean>;
  /** modifier code → claimed, with its reason (and a repeatable one's further occurrences) */
  modifiers: ModifiersDraft;
  note: string;
};

export function deductionKinds(leaf: FormLeaf) {
  return leaf.rule.type === "deduction" ? kindsOf(leaf.rule) : [];
}

export function monthsOf(leaf: FormLeaf): number {
  return leaf.rule.type === "tiers" ? monthsOfRule(leaf.rule) : 12;
}

export function initialFormState(leaf: FormLeaf, payload: Payload | null): FormState {
  const p = payload ?? {};
  const mods = modifiersDraft(leaf.modifiers, p.modifiers);
  const conditions: FormState["conditions"] = {};
  for (const c of leaf.preconditions) conditions[c.code] = p.conditions?.[c.code] === true;
  return {
    value: ruleType(leaf.rule).form.initial(leaf.rule, p.value, { columns: leaf.columns }),
    na: !!p.notApplicable,
    naReason: p.notApplicable?.reason ?? "",
    conditions,
    modifiers: mods,
    note: p.note ?? "",
  };
}

/** The payload to preview/save, and the errors that stop it from being sent. */
export function buildPayload(leaf: FormLeaf, s: FormState): { payload: Payload; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const note = s.note.trim();
  if (s.na) {
    if (!s.naReason.trim()) errors["notApplicable.reason"] = "请填写不适用的理由";
    const bonus = leaf.modifiers.find((m) => s.modifiers[m.code]?.on && m.kind === "bonus");
    if (bonus) errors["notApplicable.reason"] = `标记为不适用时不能同时申报加分“${bonus.name}”：主动建设专题的部门请取消“不适用”，按实际情况填写本项`;
    return { payload: { notApplicable: { reason: s.naReason.trim() }, ...(note ? { note } : {}) }, errors };
  }
  const payload: Payload = {};
  const value = ruleType(leaf.rule).form.build(leaf.rule, s.value, errors, { role: "self" });
  if (value !== undefined) payload.value = value;
  const anyCondition = Object.values(s.conditions).some(Boolean);
  if (leaf.preconditions.length > 0 && (value !== undefined || anyCondition)) {
    // once the item is answered, an unticked precondition means "not met" (scores 0)
    payload.conditions = Object.fromEntries(leaf.preconditions.map((c) => [c.code, !!s.conditions[c.code]]));
  }
  const mods = buildModifiers(ordered(leaf, s));
  if (mods.modifiers) payload.modifiers = mods.modifiers;
  for (const e of mods.missingReason) errors[`modifiers.${modifierIndex(ordered(leaf, s), e.code, e.n)}.reason`] = "请填写理由";
  if (note) payload.note = note;
  return { payload, errors };
}

/** The form's modifiers in the leaf's order (the payload's order), unknown codes left out. */
function ordered(leaf: FormLeaf, s: FormState): ModifiersDraft {
  return Object.fromEntries(leaf.modifiers.filter((m) => s.modifiers[m.code]).map((m) => [m.code, s.modifiers[m.code]]));
}

/** The error key of a claimed modifier's reason (occurrence `n`: its index in the payload). */
export function modifierErrorKey(leaf: FormLeaf, s: FormState, code: string, n = 0): string {
  return `modifiers.${modifierIndex(ordered(leaf, s), code, n)}.reason`;
}

/** Which modifier occurrence a payload index ("modifiers.<i>") is. */
export function modifierAt(leaf: FormLeaf, s: FormState, index: number): { code: string; n: number } | undefined {
  const e = modifierEntries(ordered(leaf, s))[index];
  return e ? { code: e.code, n: e.n } : undefined;
}

/** Duplicate names in a list of rows: row id → the row number it repeats (a warning only). */
export function duplicateRows(list: Row[]): Map<string, number> {
  const seen = new Map<string, number>();
  const dup = new Map<string, number>();
  list.forEach((r, i) => {
    const n = r.name.trim();
    if (!n) return;
    if (seen.has(n)) dup.set(r.id, seen.get(n)! + 1);
    else seen.set(n, i);
  });
  return dup;
}

/** Plain-Chinese lines describing a stored payload (the other version in a conflict). */
export function describePayload(leaf: FormLeaf, p: Payload): string[] {
  if (p.notApplicable) return [`不适用：${p.notApplicable.reason}`, ...(p.note ? [`备注：${p.note}`] : [])];
  const lines: string[] = [];
  const v = p.value as Record<string, unknown> | undefined;
  if (v === undefined) lines.push("（未填写数值）");
  else lines.push(...ruleType(leaf.rule).describeValue(leaf.rule, v));
  for (const c of leaf.preconditions) if (p.conditions && c.code in p.conditions) lines.push(`${c.label}：${p.conditions[c.code] ? "满足" : "不满足"}`);
  for (const m of p.modifiers ?? []) lines.push(`${leaf.modifiers.find((x) => x.code === m.code)?.name ?? m.code}：${m.reason}`);
  if (p.note) lines.push(`备注：${p.note}`);
  return lines;
}

/** Stable JSON for comparing payloads (key order does not matter). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
