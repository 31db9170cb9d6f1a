// The offline form's rows for one item, and the translation between a stored fact payload
// and those rows' cells, both ways. Pure (no exceljs, no database): the workbook module
// places the rows, the import module validates the payload through the engine.
//
// Each item is a block of rows. A row is one thing to fill in ("是否达到要求", "第3月"…) with
// its input in column G; deduction events are the exception: one row per event, with the
// kind in G, count in H, date in I, fix date in J and a note in K.
import type { CompiledLeaf } from "../engine/compile";
import { isCalendarDate } from "../engine/values";
import { ruleType } from "../rules/types";
import { isRepeatable } from "../rules/types/modifiers";

/** What the item stores for a unit: the engine's fact minus unit/item/source. */
export type Payload = {
  value?: unknown;
  notApplicable?: { reason: string };
  conditions?: Record<string, boolean>;
  modifiers?: { code: string; reason: string }[];
  note?: string;
};

export { INPUT_COLS, NO, YES, type Cell, type Col, type FieldDef, type Input, type RowCells } from "./cells";
import { INPUT_COLS, NO, YES, YES_NO, single, yesNoCell, type Cell, type Col, type FieldDef, type Parse, type RowCells, type SheetReader } from "./cells";

/**
 * What the unit may enter beyond notes: `value: false` for items whose value is not the
 * unit's to give (rating items are scored by reviewers; saveSelfFact refuses a value there).
 */
export type LayoutOptions = { value: boolean };
const ALL: LayoutOptions = { value: true };

/** The rows of one item; variable lists (names, events) get room beyond what is stored. */
export function itemFields(leaf: CompiledLeaf, current: Payload | null, opts: LayoutOptions = ALL): FieldDef[] {
  const r = leaf.rule;
  const v = (current?.value ?? null) as Record<string, unknown> | null;
  const out: FieldDef[] = [];
  if (leaf.allowNotApplicable) {
    out.push(single("na", "本项不适用（是/否）", "yesno", YES_NO), single("na.reason", "不适用的理由", "text"));
  }
  for (const p of leaf.preconditions) out.push(single(`cond.${p.code}`, `前提：${p.label}（是/否）`, "yesno", YES_NO));
  if (opts.value) out.push(...ruleType(r).sheet.fields(leaf, r, v));
  for (const m of leaf.modifiers.values()) {
    out.push(single(`mod.${m.code}`, `${m.kind === "bonus" ? "加分" : "扣分"}：${m.name}（是/否）`, "yesno", YES_NO));
    // R11 per-occurrence: one cell, one line per occurrence (each line is charged)
    out.push(single(`mod.${m.code}.reason`, `${m.kind === "bonus" ? "加分" : "扣分"}理由${isRepeatable(leaf, m) ? "（每出现一次写一行）" : ""}`, "text"));
  }
  out.push(single("note", "备注", "text"));
  return out;
}

// ---- payload → cells ------------------------------------------------------------------

export function payloadToRows(leaf: CompiledLeaf, payload: Payload | null): Map<string, RowCells> {
  const rows = new Map<string, RowCells>();
  if (!payload) return rows;
  const put = (key: string, cells: RowCells) => rows.set(key, cells);
  const yn = yesNoCell;
  if (payload.notApplicable) {
    put("na", { G: YES });
    put("na.reason", { G: payload.notApplicable.reason });
  }
  for (const [code, ok] of Object.entries(payload.conditions ?? {})) put(`cond.${code}`, { G: yn(ok) });
  const reasons = new Map<string, string[]>();
  for (const m of payload.modifiers ?? []) reasons.set(m.code, [...(reasons.get(m.code) ?? []), m.reason]);
  for (const [code, list] of reasons) {
    put(`mod.${code}`, { G: YES });
    put(`mod.${code}.reason`, { G: list.join("\n") });
  }
  if (payload.note) put("note", { G: payload.note });
  const v = payload.value as Record<string, unknown> | undefined;
  if (v === undefined) return rows;
  ruleType(leaf.rule).sheet.toRows(leaf.rule, v, put);
  return rows;
}

// ---- cells → payload ------------------------------------------------------------------

export type CellRef = { key: string; col: Col };
export type CellIssue = CellRef & { message: string };

const blank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

function text(c: Cell): string {
  if (c instanceof Date) return dateOf(c) ?? "";
  return String(c).trim();
}

function dateOf(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 10); // exceljs reads date cells as UTC midnight
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseCell(parse: Parse, c: Cell): Parsed {
  const bad = (message: string): Parsed => ({ ok: false, message });
  switch (parse) {
    case "yesno": {
      if (typeof c === "boolean") return { ok: true, value: c };
      const s = text(c);
      if (s === YES) return { ok: true, value: true };
      if (s === NO) return { ok: true, value: false };
      return bad(`应填“是”或“否”，实际为“${s}”`);
    }
    case "hasEvents": {
      const s = text(c);
      if (s === "有" || s === "无") return { ok: true, value: s === "有" };
      return bad(`应填“有”或“无”，实际为“${s}”`);
    }
    case "text":
      return { ok: true, value: text(c) };
    case "lines":
      return { ok: true, value: text(c).split(/\r?\n|[;；]/).map((s) => s.trim()).filter(Boolean) };
    case "decimal": {
      const s = typeof c === "number" ? String(c) : text(c);
      if (typeof c === "number" && c < 0) return bad(`应为不小于 0 的数，实际为 ${s}`);
      if (!/^\d+(\.\d+)?$/.test(s)) return bad(`应为不小于 0 的数字（如 8 或 7.5），实际为“${s}”`);
      return { ok: true, value: s };
    }
    case "int":
    case "posint": {
      const s = typeof c === "number" ? String(c) : text(c);
      if (!/^\d+$/.test(s)) return bad(`应为${parse === "posint" ? "正" : "非负"}整数，实际为“${s}”`);
      const n = Number(s);
      if (parse === "posint" && n < 1) return bad(`应为正整数，实际为“${s}”`);
      if (!Number.isSafeInteger(n)) return bad(`数值过大：“${s}”`);
      return { ok: true, value: n };
    }
    case "date": {
      if (c instanceof Date) {
        const d = dateOf(c);
        return d ? { ok: true, value: d } : bad("日期无效");
      }
      const s = text(c);
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
      const iso = m ? `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}` : s;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return bad(`日期格式应为 YYYY-MM-DD，实际为“${s}”`);
      if (!isCalendarDate(iso)) return bad(`不是有效的日期：“${s}”`);
      return { ok: true, value: iso };
    }
    case "kind": {
      const s = text(c);
      return { ok: true, value: s }; // mapped to a code by the caller, which knows the rule
    }
  }
  return bad(`无法识别“${String(c)}”`);
}

export type BuildResult = {
  /** null: every cell of the item is blank (the item is left as it is) */
  payload: Payload | null;
  errors: CellIssue[];
  /** the cell an engine error path ("value.monthly[3]") points at */
  cellFor: (path: string) => CellRef;
};

export function rowsToPayload(leaf: CompiledLeaf, fields: FieldDef[], rows: Map<string, RowCells>): BuildResult {
  const errors: CellIssue[] = [];
  const at: [string, CellRef][] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const cell = (key: string, col: Col = "G") => rows.get(key)?.[col] ?? null;
  const has = (key: string, col: Col = "G") => byKey.has(key) && !blank(cell(key, col));
  const anyIn = (key: string) => INPUT_COLS.some((c) => has(key, c));
  const get = <T>(key: string, col: Col = "G"): T | undefined => {
    if (!has(key, col)) return undefined;
    const input = byKey.get(key)!.inputs.find((i) => i.col === col)!;
    const p = parseCell(input.parse, cell(key, col));
    if (!p.ok) {
      errors.push({ key, col, message: p.message });
      return undefined;
    }
    return p.value as T;
  };
  const required = (key: string, message: string, col: Col = "G") => errors.push({ key, col, message });
  const first = fields[0]?.key ?? "note";

  const payload: Payload = {};
  const reader: SheetReader = {
    fields,
    has,
    anyIn,
    get,
    required,
    at: (path, key, col = "G") => void at.push([path, { key, col }]),
  };
  const { value, valueKey: ruleValueKey } = ruleType(leaf.rule).sheet.fromRows(leaf.rule, reader);
  const valueKey = byKey.has(ruleValueKey) ? ruleValueKey : first;
  at.push(["value", { key: valueKey, col: "G" }]);
  if (value) payload.value = value;

  if (has("na") && get<boolean>("na") === true) {
    payload.notApplicable = { reason: get<string>("na.reason") ?? "" };
  }
  at.push(["notApplicable.reason", { key: "na.reason", col: "G" }], ["notApplicable", { key: "na", col: "G" }]);

  const conditions: Record<string, boolean> = {};
  for (const p of leaf.preconditions) {
    const key = `cond.${p.code}`;
    at.push([`conditions.${p.code}`, { key, col: "G" }]);
    const ok = get<boolean>(key);
    if (ok !== undefined) conditions[p.code] = ok;
  }
  if (Object.keys(conditions).length) payload.conditions = conditions;

  const modifiers: { code: string; reason: string }[] = [];
  for (const m of leaf.modifiers.values()) {
    if (get<boolean>(`mod.${m.code}`) !== true) continue; // a reason without "是" is not applied
    const reason = get<string>(`mod.${m.code}.reason`) ?? "";
    const lines = reason.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    for (const r of isRepeatable(leaf, m) && lines.length > 1 ? lines : [reason]) {
      at.push([`modifiers[${modifiers.length}].reason`, { key: `mod.${m.code}.reason`, col: "G" }], [`modifiers[${modifiers.length}]`, { key: `mod.${m.code}`, col: "G" }]);
      modifiers.push({ code: m.code, reason: r });
    }
  }
  if (modifiers.length) payload.modifiers = modifiers;

  const note = get<string>("note");
  if (note) payload.note = note;
  at.push(["note", { key: "note", col: "G" }]);

  const cellFor = (path: string): CellRef => {
    let best: [string, CellRef] | undefined;
    for (const entry of at) {
      const [prefix] = entry;
      if ((path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) && (!best || prefix.length > best[0].length)) best = entry;
    }
    return best ? best[1] : { key: first, col: "G" };
  };
  const empty = Object.keys(payload).length === 0;
  return { payload: empty && errors.length === 0 ? null : payload, errors, cellFor };
}

/** Stable JSON for comparing payloads (key order does not matter). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The stored payload as the sheet shows it (what an unchanged upload reads back). */
export function projectPayload(leaf: CompiledLeaf, payload: Payload | null, opts: LayoutOptions = ALL): Payload | null {
  if (!payload) return null;
  const fields = itemFields(leaf, payload, opts);
  return rowsToPayload(leaf, fields, payloadToRows(leaf, payload)).payload;
}

/**
 * The rows an uploaded sheet says it has (from its _meta), rebuilt from the rule: lists of
 * names and events may be longer than a fresh layout. Unknown keys are returned apart.
 */
export function fieldsFromKeys(leaf: CompiledLeaf, keys: string[], opts: LayoutOptions = ALL): { fields: FieldDef[]; unknown: string[] } {
  const base = new Map(itemFields(leaf, null, opts).map((f) => [f.key, f]));
  const fields: FieldDef[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const known = base.get(key);
    if (known) {
      fields.push(known);
      continue;
    }
    const own = ruleType(leaf.rule).sheet.fieldFromKey?.(leaf, leaf.rule, key);
    if (own) {
      fields.push(own);
      continue;
    }
    const m = /^([a-z]+)\.(\d{1,3})$/.exec(key);
    const lists = ruleType(leaf.rule).sheet.lists ?? [];
    const template = m && lists.includes(m[1]) ? base.get(`${m[1]}.0`) : undefined;
    if (!m || !template) {
      unknown.push(key);
      continue;
    }
    fields.push({ ...template, key, label: template.label.replace(/\d+$/, String(Number(m[2]) + 1)) });
  }
  return { fields, unknown };
}
