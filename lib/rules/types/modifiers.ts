// The form codec of an item's 加分 / 减分项 (modifiers), shared by the unit's 填报 form and the
// reviewer's editor. Modifiers belong to the leaf, not to its rule type, so they live beside
// the rule-type modules. A modifier is claimed once, with its reason; when the edition's
// reading makes it repeatable (R11 per-occurrence: a penalty charged once per occurrence),
// further occurrences follow, each with its own reason. Pure, no React.
import type { CompiledLeaf } from "../../engine/compile";
import type { TModifier } from "../schema";

/** A modifier of this leaf may be entered once per occurrence: a penalty under R11 per-occurrence. */
export function isRepeatable(leaf: Pick<CompiledLeaf, "options">, m: Pick<TModifier, "kind">): boolean {
  return m.kind === "penalty" && leaf.options.penaltyPerOccurrence;
}

/** A modifier as the forms need it; `repeatable`: may be entered once per occurrence (R11). */
export type FormModifier = Pick<TModifier, "code" | "name"> & { kind?: TModifier["kind"]; points?: TModifier["points"]; repeatable?: boolean };

/** One modifier as a form keeps it: claimed, the first occurrence's reason, further occurrences' reasons. */
export type ModifierDraft = { on: boolean; reason: string; more?: string[] };
export type ModifiersDraft = Record<string, ModifierDraft>;

/** One claimed occurrence in payload order; `n` counts occurrences of the same code from 0. */
export type ModifierEntry = { code: string; n: number; reason: string };

/** The draft of a stored payload's modifiers (a repeated code is kept only when repeatable). */
export function modifiersDraft(defs: readonly FormModifier[], stored: readonly { code: string; reason: string }[] | undefined): ModifiersDraft {
  const out: ModifiersDraft = {};
  for (const m of defs) {
    const reasons = (stored ?? []).filter((x) => x.code === m.code).map((x) => x.reason);
    out[m.code] = { on: reasons.length > 0, reason: reasons[0] ?? "", ...(m.repeatable && reasons.length > 1 ? { more: reasons.slice(1) } : {}) };
  }
  return out;
}

/** Every claimed occurrence, in the payload's order (the draft's order, then occurrence). */
export function modifierEntries(draft: ModifiersDraft): ModifierEntry[] {
  const out: ModifierEntry[] = [];
  for (const [code, d] of Object.entries(draft)) {
    if (!d.on) continue;
    [d.reason, ...(d.more ?? [])].forEach((reason, n) => out.push({ code, n, reason }));
  }
  return out;
}

/** The payload's modifiers and the index of each entry whose reason is empty (undefined: none claimed). */
export function buildModifiers(draft: ModifiersDraft): { modifiers?: { code: string; reason: string }[]; missingReason: ModifierEntry[] } {
  const entries = modifierEntries(draft);
  return {
    ...(entries.length ? { modifiers: entries.map((e) => ({ code: e.code, reason: e.reason.trim() })) } : {}),
    missingReason: entries.filter((e) => !e.reason.trim()),
  };
}

/** The payload index of occurrence `n` of `code` (−1 when not claimed). */
export function modifierIndex(draft: ModifiersDraft, code: string, n = 0): number {
  return modifierEntries(draft).findIndex((e) => e.code === code && e.n === n);
}

/** One more occurrence of a claimed repeatable modifier, with an empty reason. */
export function addOccurrence(draft: ModifiersDraft, code: string): ModifiersDraft {
  const d = draft[code] ?? { on: true, reason: "" };
  return { ...draft, [code]: { ...d, on: true, more: [...(d.more ?? []), ""] } };
}

/** Drop occurrence `n` (n ≥ 1: a further one; 0: the first, the next one moves up). */
export function removeOccurrence(draft: ModifiersDraft, code: string, n: number): ModifiersDraft {
  const d = draft[code];
  if (!d) return draft;
  const all = [d.reason, ...(d.more ?? [])];
  all.splice(n, 1);
  if (all.length === 0) return { ...draft, [code]: { on: false, reason: "" } };
  return { ...draft, [code]: { on: true, reason: all[0], more: all.slice(1) } };
}

/** The reason of occurrence `n` set to `reason`. */
export function setOccurrenceReason(draft: ModifiersDraft, code: string, n: number, reason: string): ModifiersDraft {
  const d = draft[code] ?? { on: true, reason: "" };
  if (n === 0) return { ...draft, [code]: { ...d, reason } };
  const more = [...(d.more ?? [])];
  more[n - 1] = reason;
  return { ...draft, [code]: { ...d, more } };
}
