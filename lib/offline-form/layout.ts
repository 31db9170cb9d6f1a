// The offline form's rows for one item, and the translation between a stored fact payload
// and those rows' cells, both ways. Pure (no exceljs, no database): the workbook module
// places the rows, the import module validates the payload through the engine.
//
// Each item is a block of rows. A row is one thing to fill in ("是否达到要求", "第3月"…) with
// its input in column G; deduction events are the exception: one row per event, with the
// kind in G, count in H, date in I, fix date in J and a note in K.
import type { CompiledLeaf, CompiledRule } from "../engine/compile";
import { isCalendarDate } from "../engine/facts";

/** What the item stores for a unit: the engine's fact minus unit/item/source. */
export type Payload = {
  value?: unknown;
  notApplicable?: { reason: string };
  conditions?: Record<string, boolean>;
  modifiers?: { code: string; reason: string }[];
  note?: string;
};

export type Col = "G" | "H" | "I" | "J" | "K";
export const INPUT_COLS: Col[] = ["G", "H", "I", "J", "K"];

/** A cell's value after reading (formulas resolved to their result, rich text joined). */
export type Cell = string | number | boolean | Date | null;
export type RowCells = Partial<Record<Col, Cell>>;

type Parse = "yesno" | "hasEvents" | "text" | "lines" | "decimal" | "int" | "posint" | "date" | "kind";
export type Input = { col: Col; parse: Parse; list?: string[] };
export type FieldDef = { key: string; label: string; inputs: Input[] };

export const YES = "是";
export const NO = "否";
const YES_NO = [YES, NO];
const HAS_EVENTS = ["有", "无"];

type DeductionRule = Extract<CompiledRule, { type: "deduction" }>;
const kindsOf = (r: DeductionRule) => r.pools.flatMap((p) => p.kinds);

const single = (key: string, label: string, parse: Parse, list?: string[]): FieldDef => ({ key, label, inputs: [{ col: "G", parse, list }] });

function valueRows(leaf: CompiledLeaf): number {
  const r = leaf.rule;
  if (r.type !== "count") return 0;
  const perCap = r.pointsPer.n === 0n ? 0 : Math.ceil(Number(r.cap.div(r.pointsPer).valueOf()));
  return Math.min(Math.max(perCap, 1), 30);
}

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
  if (opts.value) switch (r.type) {
    case "count": {
      const stored = Array.isArray(v?.items) ? (v.items as unknown[]).length : 0;
      const n = Math.max(valueRows(leaf) + 2, stored + 2);
      out.push(single("hasItems", `有无${r.verb ?? ""}${r.itemLabel}（有/无）`, "hasEvents", HAS_EVENTS));
      for (let i = 0; i < n; i++) out.push(single(`items.${i}`, `${r.itemLabel}名称 ${i + 1}`, "text"));
      break;
    }
    case "binary":
      out.push(single("yes", `${r.yesLabel}（是/否）`, "yesno", YES_NO));
      out.push(single("reference", r.referenceLabel ?? "依据（文号、名称等）", "text"));
      out.push(single("date", "日期（YYYY-MM-DD）", "date"));
      break;
    case "ratio":
      out.push(single("numerator", `${r.numeratorLabel}（整数）`, "int"));
      out.push(single("denominator", `${r.denominatorLabel ?? "分母"}（整数${r.saturateAt !== undefined ? "，可不填" : ""}）`, "posint"));
      out.push(single("list", "名称清单（可选，每行一个）", "lines"));
      break;
    case "deduction": {
      const stored = Array.isArray(v?.events) ? (v.events as unknown[]).length : 0;
      out.push(single("hasEvents", "本年度有无扣分事项（有/无）", "hasEvents", HAS_EVENTS));
      const names = kindsOf(r).map((k) => k.name);
      for (let i = 0; i < Math.max(5, stored + 3); i++) {
        out.push({
          key: `events.${i}`,
          label: `扣分事项 ${i + 1}`,
          inputs: [
            { col: "G", parse: "kind", list: names },
            { col: "H", parse: "posint" },
            { col: "I", parse: "date" },
            { col: "J", parse: "date" },
            { col: "K", parse: "text" },
          ],
        });
      }
      break;
    }
    case "tiers":
      if (r.measure === "monthlyAverage") {
        for (let m = 0; m < r.months; m++) out.push(single(`monthly.${m}`, `第 ${m + 1} 月${r.measureLabel}`, "decimal"));
      } else out.push(single("value", r.measureLabel, "decimal"));
      break;
    case "choice":
      for (const l of r.levels) out.push(single(`level.${l.code}`, `${l.name}（是/否）`, "yesno", YES_NO));
      break;
    case "rating":
      out.push(single("score", `评分（0～${r.max.compare(leaf.max) < 0 ? r.max.toString() : leaf.max.toString()}）`, "decimal"));
      break;
    case "veto":
      out.push(single("triggered", `${r.condition}（是/否）`, "yesno", YES_NO));
      out.push(single("reason", "说明", "text"));
      break;
  }
  for (const m of leaf.modifiers.values()) {
    out.push(single(`mod.${m.code}`, `${m.kind === "bonus" ? "加分" : "扣分"}：${m.name}（是/否）`, "yesno", YES_NO));
    out.push(single(`mod.${m.code}.reason`, `${m.kind === "bonus" ? "加分" : "扣分"}理由`, "text"));
  }
  out.push(single("note", "备注", "text"));
  return out;
}

// ---- payload → cells ------------------------------------------------------------------

/** Decimals as numbers when a number shows them exactly, else as text. */
function decimalCell(d: unknown): Cell {
  if (d === null || d === undefined) return null;
  const s = String(d);
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : s;
}

export function payloadToRows(leaf: CompiledLeaf, payload: Payload | null): Map<string, RowCells> {
  const rows = new Map<string, RowCells>();
  if (!payload) return rows;
  const put = (key: string, cells: RowCells) => rows.set(key, cells);
  const yn = (b: boolean | undefined) => (b === undefined ? null : b ? YES : NO);
  if (payload.notApplicable) {
    put("na", { G: YES });
    put("na.reason", { G: payload.notApplicable.reason });
  }
  for (const [code, ok] of Object.entries(payload.conditions ?? {})) put(`cond.${code}`, { G: yn(ok) });
  for (const m of payload.modifiers ?? []) {
    put(`mod.${m.code}`, { G: YES });
    put(`mod.${m.code}.reason`, { G: m.reason });
  }
  if (payload.note) put("note", { G: payload.note });
  const v = payload.value as Record<string, unknown> | undefined;
  if (v === undefined) return rows;
  const r = leaf.rule;
  switch (r.type) {
    case "count":
      put("hasItems", { G: (v.items as string[]).length > 0 ? "有" : "无" });
      (v.items as string[]).forEach((name, i) => put(`items.${i}`, { G: name }));
      break;
    case "binary":
      put("yes", { G: yn(v.yes as boolean) });
      if (v.reference) put("reference", { G: v.reference as string });
      if (v.date) put("date", { G: v.date as string });
      break;
    case "ratio":
      put("numerator", { G: v.numerator as number });
      if (v.denominator !== undefined) put("denominator", { G: v.denominator as number });
      if (Array.isArray(v.list)) put("list", { G: (v.list as string[]).join("\n") });
      break;
    case "deduction": {
      const events = v.events as { kind: string; count?: number; date?: string; fixedDate?: string | null; note?: string }[];
      put("hasEvents", { G: events.length > 0 ? "有" : "无" });
      const names = new Map(kindsOf(r).map((k) => [k.code, k.name]));
      events.forEach((e, i) =>
        put(`events.${i}`, { G: names.get(e.kind) ?? e.kind, H: e.count ?? null, I: e.date ?? null, J: e.fixedDate ?? null, K: e.note ?? null }),
      );
      break;
    }
    case "tiers":
      if (Array.isArray(v.monthly)) (v.monthly as unknown[]).forEach((x, m) => put(`monthly.${m}`, { G: decimalCell(x) }));
      else put("value", { G: decimalCell(v.value) });
      break;
    case "choice": {
      const chosen = new Set(v.levels as string[]);
      for (const l of r.levels) put(`level.${l.code}`, { G: chosen.has(l.code) ? YES : NO });
      break;
    }
    case "rating":
      put("score", { G: decimalCell(v.score) });
      break;
    case "veto":
      put("triggered", { G: yn(v.triggered as boolean) });
      if (v.reason) put("reason", { G: v.reason as string });
      break;
  }
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
  const r = leaf.rule;
  let value: Record<string, unknown> | undefined;
  let valueKey = first;
  switch (r.type) {
    case "count": {
      const keys = fields.filter((f) => f.key.startsWith("items.")).map((f) => f.key);
      valueKey = "hasItems";
      const items: string[] = [];
      for (const k of keys) {
        const name = get<string>(k);
        if (name) {
          at.push([`value.items[${items.length}]`, { key: k, col: "G" }]);
          items.push(name);
        }
      }
      const any = has("hasItems") ? get<boolean>("hasItems") : undefined;
      if (any === false && items.length > 0) required("hasItems", `选择了“无”，但下方填写了${r.itemLabel}名称`);
      else if (any === true && items.length === 0) required("hasItems", `选择了“有”，请在下方填写${r.itemLabel}名称`);
      else if (any !== undefined || items.length > 0) value = { items };
      break;
    }
    case "binary": {
      valueKey = "yes";
      at.push(["value.yes", { key: "yes", col: "G" }], ["value.reference", { key: "reference", col: "G" }], ["value.date", { key: "date", col: "G" }]);
      if (has("yes") || has("reference") || has("date")) {
        const yes = get<boolean>("yes");
        if (!has("yes")) required("yes", "请填写“是”或“否”");
        const reference = get<string>("reference");
        const date = get<string>("date");
        value = { yes, ...(reference ? { reference } : {}), ...(date ? { date } : {}) };
      }
      break;
    }
    case "ratio": {
      valueKey = "numerator";
      at.push(["value.numerator", { key: "numerator", col: "G" }], ["value.denominator", { key: "denominator", col: "G" }], ["value.list", { key: "list", col: "G" }]);
      if (has("numerator") || has("denominator") || has("list")) {
        const numerator = get<number>("numerator");
        if (!has("numerator")) required("numerator", `请填写${r.numeratorLabel}`);
        const denominator = get<number>("denominator");
        const list = get<string[]>("list");
        value = { numerator, ...(denominator !== undefined ? { denominator } : {}), ...(list && list.length ? { list } : {}) };
      }
      break;
    }
    case "deduction": {
      valueKey = "hasEvents";
      at.push(["value.events", { key: "hasEvents", col: "G" }]);
      const kinds = kindsOf(r);
      const events: Record<string, unknown>[] = [];
      for (const f of fields.filter((f) => f.key.startsWith("events."))) {
        if (!anyIn(f.key)) continue;
        const i = events.length;
        at.push(
          [`value.events[${i}]`, { key: f.key, col: "G" }],
          [`value.events[${i}].kind`, { key: f.key, col: "G" }],
          [`value.events[${i}].count`, { key: f.key, col: "H" }],
          [`value.events[${i}].date`, { key: f.key, col: "I" }],
          [`value.events[${i}].fixedDate`, { key: f.key, col: "J" }],
          [`value.events[${i}].note`, { key: f.key, col: "K" }],
        );
        const name = get<string>(f.key, "G");
        let kind: string | undefined;
        if (!has(f.key, "G")) required(f.key, "请选择扣分类型");
        else {
          kind = kinds.find((k) => k.name === name || k.code === name)?.code;
          if (!kind) required(f.key, `未知的扣分类型“${name}”，请从下拉列表中选择：${kinds.map((k) => k.name).join("、")}`);
        }
        const count = get<number>(f.key, "H");
        const date = get<string>(f.key, "I");
        const fixedDate = get<string>(f.key, "J");
        const note = get<string>(f.key, "K");
        events.push({ kind, ...(count !== undefined ? { count } : {}), ...(date ? { date } : {}), ...(fixedDate ? { fixedDate } : {}), ...(note ? { note } : {}) });
      }
      const any = has("hasEvents") ? get<boolean>("hasEvents") : undefined;
      if (any === false && events.length > 0) required("hasEvents", "选择了“无”，但下方填写了扣分事项");
      else if (any === true && events.length === 0) required("hasEvents", "选择了“有”，请在下方填写扣分事项");
      else if (any !== undefined || events.length > 0) value = { events };
      break;
    }
    case "tiers":
      if (r.measure === "monthlyAverage") {
        valueKey = "monthly.0";
        const keys = fields.filter((f) => f.key.startsWith("monthly.")).map((f) => f.key);
        keys.forEach((k, m) => at.push([`value.monthly[${m}]`, { key: k, col: "G" }]));
        if (keys.some((k) => has(k))) value = { monthly: keys.map((k) => get<string>(k) ?? null) };
      } else {
        valueKey = "value";
        at.push(["value.value", { key: "value", col: "G" }]);
        if (has("value")) value = { value: get<string>("value") };
      }
      break;
    case "choice": {
      valueKey = `level.${r.levels[0].code}`;
      if (r.levels.some((l) => has(`level.${l.code}`))) {
        const levels = r.levels.filter((l) => get<boolean>(`level.${l.code}`) === true).map((l) => l.code);
        levels.forEach((code, i) => at.push([`value.levels[${i}]`, { key: `level.${code}`, col: "G" }]));
        value = { levels };
      }
      break;
    }
    case "rating":
      valueKey = "score";
      at.push(["value.score", { key: "score", col: "G" }]);
      if (has("score")) value = { score: get<string>("score") };
      break;
    case "veto":
      valueKey = "triggered";
      at.push(["value.triggered", { key: "triggered", col: "G" }], ["value.reason", { key: "reason", col: "G" }]);
      if (has("triggered") || has("reason")) {
        const triggered = get<boolean>("triggered");
        if (!has("triggered")) required("triggered", "请填写“是”或“否”");
        const reason = get<string>("reason");
        value = { triggered, ...(reason ? { reason } : {}) };
      }
      break;
  }
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
    at.push([`modifiers[${modifiers.length}].reason`, { key: `mod.${m.code}.reason`, col: "G" }], [`modifiers[${modifiers.length}]`, { key: `mod.${m.code}`, col: "G" }]);
    modifiers.push({ code: m.code, reason: get<string>(`mod.${m.code}.reason`) ?? "" });
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
    const m = /^(items|events)\.(\d{1,3})$/.exec(key);
    const template = m ? base.get(`${m[1]}.0`) : undefined;
    if (!m || !template) {
      unknown.push(key);
      continue;
    }
    fields.push({ ...template, key, label: template.label.replace(/\d+$/, String(Number(m[2]) + 1)) });
  }
  return { fields, unknown };
}
