// Helpers shared by the rule-type modules: number fields as typed by users (form codec),
// name lists in traces. Pure, no React.
import { MAX_COUNT } from "../../engine/values";

// ---- form codec ----------------------------------------------------------------------

export type FieldErrors = Record<string, string>;
export type Row = { id: string; name: string };
export type EventRow = { id: string; kind: string; count: string; date: string; fixedDate: string; note: string };
export type YesNo = "" | "yes" | "no";
/** one row of an inventory (deduction kinds with `inventory`): a unit (blank: the fact's own unit) and how many it has */
export type InventoryRow = { id: string; unit: string; count: string };

let seq = 0;
export function rowId(): string {
  seq += 1;
  return `r${Date.now().toString(36)}${seq}`;
}

export const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
export const rowsOf = (names: unknown): Row[] => (Array.isArray(names) ? names.map((n) => ({ id: rowId(), name: str(n) })) : []);
export function names(list: Row[]): string[] {
  return list.map((r) => r.name.trim()).filter((n) => n.length > 0);
}

export const INT = /^\d+$/;
export const DECIMAL = /^\d+(\.\d+)?$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a number field holds, as ASCII: Chinese input methods often type full-width
 * digits (１２) and the full-width point (．); they are read as 12 and ".".
 */
export function normaliseNumber(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, ".")
    .replace(/[\s\u3000]/g, "");
}

/** A whole-number field: its value, or a message that names the field. */
export function readCount(raw: string, label: string, min = 0): { value: number } | { error: string } {
  const t = normaliseNumber(raw);
  if (/^\d+\.\d*$/.test(t) || /^\.\d+$/.test(t)) return { error: `${label}应为整数，不能有小数` };
  if (!INT.test(t)) return { error: `${label}请输入${min > 0 ? `不小于 ${min} 的` : "非负"}整数` };
  if (t.length > 6 || Number(t) > MAX_COUNT) return { error: `${label}数值过大（最多 ${MAX_COUNT}）` };
  if (Number(t) < min) return { error: `${label}应不小于 ${min}` };
  return { value: Number(t) };
}

/** A non-negative decimal field (a measure that may have decimals). */
export function readDecimal(raw: string, label: string): { value: string } | { error: string } {
  const t = normaliseNumber(raw);
  if (!DECIMAL.test(t)) return { error: `${label}请输入非负数，例如 12 或 12.5` };
  if (!/^\d{1,9}(\.|$)/.test(t)) return { error: `${label}数值过大` };
  return { value: t };
}

// ---- traces -----------------------------------------------------------------------------

const NAME_LIST_LIMIT = 8;
export function listNames(list: string[]): string {
  if (list.length <= NAME_LIST_LIMIT) return list.join("、");
  return `${list.slice(0, NAME_LIST_LIMIT).join("、")} 等 ${list.length} 个`;
}

/** Names given more than once (after trimming), each listed once. */
export function duplicateNames(items: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const t of items.map((s) => s.trim()).filter(Boolean)) (seen.has(t) ? dup : seen).add(t);
  return [...dup];
}

export function listCodes(entries: { code: string; name?: string }[], limit = 12): string {
  const shown = entries.slice(0, limit).map((e) => (e.name ? `${e.code}（${e.name}）` : e.code));
  return shown.join("、") + (entries.length > limit ? ` 等 ${entries.length} 个` : "");
}
