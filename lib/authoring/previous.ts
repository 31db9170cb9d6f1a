// 沿用上年指标 in the draft editor: reading and setting which item of the previous edition
// an item continues (edition.previous.items; lib/rules/previous.ts). Pure, used in the browser.
import type { TEdition } from "../rules/schema";

/** What an item continues: "same" (the item of its own code), "none", or an explicit code. */
export type Continued = { kind: "same" } | { kind: "none" } | { kind: "item"; code: string };

export function continuedOf(e: TEdition, code: string): Continued {
  const items = e.previous?.items ?? {};
  if (!Object.hasOwn(items, code)) return { kind: "same" };
  const to = items[code];
  return to === null ? { kind: "none" } : to === code ? { kind: "same" } : { kind: "item", code: to };
}

/** Set what `code` continues. Needs `previous.edition` (a draft copied from an edition has it). */
export function setContinued(e: TEdition, code: string, c: Continued): TEdition {
  if (!e.previous) return e;
  const items = { ...(e.previous.items ?? {}) };
  delete items[code];
  if (c.kind === "none") items[code] = null;
  if (c.kind === "item" && c.code !== code) items[code] = c.code;
  return { ...e, previous: { edition: e.previous.edition, ...(Object.keys(items).length ? { items } : {}) } };
}

/**
 * An item re-coded in the editor keeps what it continued: an explicit mapping moves to the
 * new code; an item that continued last year's item of its old code now names it.
 */
export function recodeContinued(e: TEdition, oldCode: string, newCode: string, previousCodes: ReadonlySet<string>): TEdition {
  if (!e.previous || oldCode === newCode) return e;
  const was = continuedOf(e, oldCode);
  const cleared = setContinued(e, oldCode, { kind: "same" });
  if (was.kind === "none") return setContinued(cleared, newCode, was);
  if (was.kind === "item") return setContinued(cleared, newCode, was);
  return previousCodes.has(oldCode) ? setContinued(cleared, newCode, { kind: "item", code: oldCode }) : cleared;
}
