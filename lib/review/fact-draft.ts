// The reviewer's editable copy of an item's facts and its conversion to and from the
// stored payload. The value part goes through the rule type's module (the same codec,
// draft shape and error keys as the unit's 填报 form); only what is the reviewer's
// (override, one reason per action) is here. Pure, so the editor stays a thin view.
import type { TRule } from "../rules/schema";
import { RULE_TYPE_LABELS, ruleType, type ValueDraft } from "../rules/types";
import { DECIMAL, normaliseNumber, rowId, type EventRow } from "../rules/types/kit";
import { buildModifiers, modifierEntries, modifiersDraft, type FormModifier, type ModifiersDraft } from "../rules/types/modifiers";
import type { PayloadView } from "./view-types";

export { RULE_TYPE_LABELS, type ValueDraft };

export type Draft = {
  value: ValueDraft;
  naOn: boolean;
  naReason: string;
  conditions: Record<string, boolean>;
  /** modifier code → claimed, with its reason (and a repeatable one's further occurrences) */
  modifiers: ModifiersDraft;
  overrideOn: boolean;
  overrideScore: string;
  overrideReason: string;
  note: string;
};

export function emptyEvent(rule: Extract<TRule, { type: "deduction" }>): EventRow {
  return { id: rowId(), kind: rule.pools[0]?.kinds[0]?.code ?? "", count: "1", date: "", fixedDate: "", note: "" };
}

export function draftFromPayload(rule: TRule, payload: PayloadView | null | undefined, modifiers: FormModifier[], columns?: { code: string; name: string }[]): Draft {
  const p = payload ?? {};
  return {
    value: ruleType(rule).form.initial(rule, p.value, { columns }),
    naOn: Boolean(p.notApplicable),
    naReason: p.notApplicable?.reason ?? "",
    conditions: { ...(p.conditions ?? {}) },
    modifiers: modifiersDraft(modifiers, p.modifiers),
    overrideOn: Boolean(p.override),
    overrideScore: p.override ? String(p.override.score) : "",
    overrideReason: p.override?.reason ?? "",
    note: p.note ?? "",
  };
}

/** The payload to send, or field errors (keyed like the engine's paths) for what cannot be sent. */
export function payloadFromDraft(rule: TRule, d: Draft, overrideMax: string, actionReason?: string): { payload: PayloadView; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const payload: PayloadView = {};
  if (d.naOn) {
    if (!d.naReason.trim()) errors["notApplicable.reason"] = "请填写不适用的理由";
    payload.notApplicable = { reason: d.naReason.trim() };
  } else {
    const value = ruleType(rule).form.build(rule, d.value, errors, { role: "review", overrideOn: d.overrideOn });
    if (value !== undefined) payload.value = value;
  }
  const conditions = Object.entries(d.conditions);
  if (conditions.length) payload.conditions = Object.fromEntries(conditions);
  const mods = buildModifiers(d.modifiers);
  for (const e of mods.missingReason) errors[modifierKey(e.code, e.n)] = "请填写理由";
  if (mods.modifiers) payload.modifiers = mods.modifiers;
  if (d.overrideOn) {
    const s = normaliseNumber(d.overrideScore);
    if (!DECIMAL.test(s)) errors["override.score"] = `请填写 0～${overrideMax} 之间的分数`;
    else if (Number(s) > Number(overrideMax)) errors["override.score"] = `核定得分超出允许范围 0～${overrideMax} 分`;
    // one action, one reason: the adjustment's 调整理由 is the override's reason
    const reason = (actionReason ?? d.overrideReason).trim();
    if (!reason && actionReason === undefined) errors["override.reason"] = "核定得分须写明理由";
    payload.override = { score: s, reason };
  }
  if (d.note.trim()) payload.note = d.note.trim();
  return { payload, errors };
}

/** The editor's key of a modifier occurrence's reason: "modifiers.<code>", then "modifiers.<code>.<n>". */
export function modifierKey(code: string, n = 0): string {
  return n === 0 ? `modifiers.${code}` : `modifiers.${code}.${n}`;
}

/** Engine paths ("modifiers.1.reason") → the editor's keys ("modifiers.<code>", "modifiers.<code>.<n>"). */
export function editorErrorKey(path: string, d: Draft): string {
  const m = /^modifiers\.(\d+)/.exec(path);
  if (m) {
    const e = modifierEntries(d.modifiers)[Number(m[1])];
    return e ? modifierKey(e.code, e.n) : path;
  }
  return path;
}
