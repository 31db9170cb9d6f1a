// The item form's state and its conversion to the payload the engine reads. Pure (no
// React): the form keeps what the user typed (strings), this module turns it into the
// fact payload and reports field errors in Chinese under the payload's paths
// ("value.events.0.kind"), the same keys the server's validator uses.
import { MAX_COUNT } from "@/lib/engine/facts";
import type { LeafView, Payload } from "./types";

export type Row = { id: string; name: string };
export type EventRow = { id: string; kind: string; count: string; date: string; fixedDate: string; note: string };
export type YesNo = "" | "yes" | "no";

export type ValueState =
  | { type: "count"; rows: Row[]; none: boolean }
  | { type: "binary"; yes: YesNo; reference: string; date: string }
  | { type: "ratio"; numerator: string; denominator: string; list: Row[] }
  | { type: "deduction"; events: EventRow[]; none: boolean }
  | { type: "tiersMonthly"; monthly: string[] }
  | { type: "tiersValue"; value: string }
  | { type: "choice"; levels: string[]; none: boolean }
  | { type: "rating"; score: string | null }
  | { type: "veto"; triggered: YesNo; reason: string };

export type FormState = {
  value: ValueState;
  na: boolean;
  naReason: string;
  /** precondition code → met (checkbox) */
  conditions: Record<string, boolean>;
  /** modifier code → claimed, with its reason */
  modifiers: Record<string, { on: boolean; reason: string }>;
  note: string;
};

export type FieldErrors = Record<string, string>;

let seq = 0;
export function rowId(): string {
  seq += 1;
  return `r${Date.now().toString(36)}${seq}`;
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const rows = (names: unknown): Row[] => (Array.isArray(names) ? names.map((n) => ({ id: rowId(), name: str(n) })) : []);

export function deductionKinds(leaf: LeafView) {
  return leaf.rule.type === "deduction" ? leaf.rule.pools.flatMap((p) => p.kinds) : [];
}

export function monthsOf(leaf: LeafView): number {
  return leaf.rule.type === "tiers" ? (leaf.rule.months ?? 12) : 12;
}

function initialValue(leaf: LeafView, value: unknown): ValueState {
  const v = (value ?? {}) as Record<string, unknown>;
  const has = value !== undefined && value !== null;
  const rule = leaf.rule;
  switch (rule.type) {
    case "count": {
      const r = rows(v.items);
      return { type: "count", rows: r.length > 0 ? r : [{ id: rowId(), name: "" }], none: has && r.length === 0 };
    }
    case "binary":
      return { type: "binary", yes: has ? (v.yes ? "yes" : "no") : "", reference: str(v.reference), date: str(v.date) };
    case "ratio":
      return { type: "ratio", numerator: str(v.numerator), denominator: str(v.denominator), list: rows(v.list) };
    case "deduction": {
      const events = Array.isArray(v.events) ? (v.events as Record<string, unknown>[]) : [];
      return {
        type: "deduction",
        events: events.map((e) => ({
          id: rowId(),
          kind: str(e.kind),
          count: e.count === undefined ? "" : str(e.count),
          date: str(e.date),
          fixedDate: str(e.fixedDate),
          note: str(e.note),
        })),
        none: has && events.length === 0,
      };
    }
    case "tiers":
      if (rule.measure === "monthlyAverage") {
        const m = Array.isArray(v.monthly) ? v.monthly : [];
        return { type: "tiersMonthly", monthly: Array.from({ length: monthsOf(leaf) }, (_, i) => str(m[i])) };
      }
      return { type: "tiersValue", value: str(v.value) };
    case "choice": {
      const levels = Array.isArray(v.levels) ? v.levels.map(str) : [];
      return { type: "choice", levels, none: has && levels.length === 0 };
    }
    case "rating":
      return { type: "rating", score: has ? str(v.score) : null };
    case "veto":
      return { type: "veto", triggered: has ? (v.triggered ? "yes" : "no") : "", reason: str(v.reason) };
  }
}

export function initialFormState(leaf: LeafView, payload: Payload | null): FormState {
  const p = payload ?? {};
  const mods: FormState["modifiers"] = {};
  for (const m of leaf.modifiers) {
    const claimed = p.modifiers?.find((x) => x.code === m.code);
    mods[m.code] = { on: !!claimed, reason: claimed?.reason ?? "" };
  }
  const conditions: FormState["conditions"] = {};
  for (const c of leaf.preconditions) conditions[c.code] = p.conditions?.[c.code] === true;
  return {
    value: initialValue(leaf, p.value),
    na: !!p.notApplicable,
    naReason: p.notApplicable?.reason ?? "",
    conditions,
    modifiers: mods,
    note: p.note ?? "",
  };
}

const INT = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

function names(list: Row[]): string[] {
  return list.map((r) => r.name.trim()).filter((n) => n.length > 0);
}

/** The value part of the payload (undefined = not entered yet), with its field errors. */
function buildValue(leaf: LeafView, s: ValueState, errors: FieldErrors): unknown {
  switch (s.type) {
    case "count": {
      const n = names(s.rows);
      if (n.length > 0) return { items: n };
      return s.none ? { items: [] } : undefined;
    }
    case "binary": {
      if (s.yes === "") return undefined;
      const out: Record<string, unknown> = { yes: s.yes === "yes" };
      if (s.reference.trim()) out.reference = s.reference.trim();
      if (s.date) {
        if (!DATE.test(s.date)) errors["value.date"] = "日期格式应为 YYYY-MM-DD";
        out.date = s.date;
      }
      return out;
    }
    case "ratio": {
      const num = normaliseNumber(s.numerator);
      const den = normaliseNumber(s.denominator);
      const rule = leaf.rule.type === "ratio" ? leaf.rule : null;
      const list = names(s.list);
      if (!num && !den && list.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      if (!num) errors["value.numerator"] = "请填写数量";
      else {
        const r = readCount(num, `${rule?.numeratorLabel ?? "数量"}：`);
        if ("error" in r) errors["value.numerator"] = r.error;
        else out.numerator = r.value;
      }
      const needsDen = leaf.rule.type === "ratio" && leaf.rule.saturateAt === undefined;
      if (den) {
        const r = readCount(den, `${rule?.denominatorLabel ?? "总数"}：`, 1);
        if ("error" in r) errors["value.denominator"] = r.error;
        else out.denominator = r.value;
      } else if (needsDen) {
        errors["value.denominator"] = "请填写总数";
      }
      if (out.numerator !== undefined && out.denominator !== undefined && (out.numerator as number) > (out.denominator as number)) {
        errors["value.numerator"] = "不能大于总数";
      }
      if (list.length > 0) out.list = list;
      return out;
    }
    case "deduction": {
      if (s.events.length === 0) return s.none ? { events: [] } : undefined;
      const kinds = deductionKinds(leaf);
      const events = s.events.map((e, i) => {
        const key = `value.events.${i}`;
        const out: Record<string, unknown> = { kind: e.kind };
        const kind = kinds.find((k) => k.code === e.kind);
        if (!e.kind) errors[`${key}.kind`] = "请选择扣分类型";
        if (e.count.trim()) {
          const r = readCount(e.count, `第 ${i + 1} 条次数`, 1);
          if ("error" in r) errors[`${key}.count`] = r.error;
          else out.count = r.value;
        }
        if (e.date) {
          if (!DATE.test(e.date)) errors[`${key}.date`] = "日期格式应为 YYYY-MM-DD";
          out.date = e.date;
        }
        if (kind?.lateFix && e.fixedDate) {
          if (!DATE.test(e.fixedDate)) errors[`${key}.fixedDate`] = "日期格式应为 YYYY-MM-DD";
          else if (!e.date) errors[`${key}.date`] = "填写了整改日期时须填写通报日期";
          else if (e.fixedDate < e.date) errors[`${key}.fixedDate`] = "整改日期不能早于通报日期";
          out.fixedDate = e.fixedDate;
        }
        if (e.note.trim()) out.note = e.note.trim();
        return out;
      });
      return { events };
    }
    case "tiersMonthly": {
      if (s.monthly.every((m) => !m.trim())) return undefined;
      const measure = leaf.rule.type === "tiers" ? leaf.rule.measureLabel : "数量";
      const monthly = s.monthly.map((m, i) => {
        const t = normaliseNumber(m);
        if (!t) return null;
        const r = readCount(t, `${i + 1}月${measure}`);
        if ("error" in r) errors[`value.monthly.${i}`] = r.error;
        return t;
      });
      return { monthly };
    }
    case "tiersValue": {
      const t = normaliseNumber(s.value);
      if (!t) return undefined;
      const r = readDecimal(t, leaf.rule.type === "tiers" ? `${leaf.rule.measureLabel}：` : "");
      if ("error" in r) errors["value.value"] = r.error;
      return { value: t };
    }
    case "choice":
      if (s.levels.length > 0) return { levels: s.levels };
      return s.none ? { levels: [] } : undefined;
    case "rating":
      return undefined; // reviewers rate; a unit never sends a score
    case "veto": {
      if (s.triggered === "") return undefined;
      const out: Record<string, unknown> = { triggered: s.triggered === "yes" };
      if (s.reason.trim()) out.reason = s.reason.trim();
      return out;
    }
  }
}

/** The payload to preview/save, and the errors that stop it from being sent. */
export function buildPayload(leaf: LeafView, s: FormState): { payload: Payload; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const note = s.note.trim();
  if (s.na) {
    if (!s.naReason.trim()) errors["notApplicable.reason"] = "请填写不适用的理由";
    return { payload: { notApplicable: { reason: s.naReason.trim() }, ...(note ? { note } : {}) }, errors };
  }
  const payload: Payload = {};
  const value = buildValue(leaf, s.value, errors);
  if (value !== undefined) payload.value = value;
  const anyCondition = Object.values(s.conditions).some(Boolean);
  if (leaf.preconditions.length > 0 && (value !== undefined || anyCondition)) {
    // once the item is answered, an unticked precondition means "not met" (scores 0)
    payload.conditions = Object.fromEntries(leaf.preconditions.map((c) => [c.code, !!s.conditions[c.code]]));
  }
  const mods = leaf.modifiers.filter((m) => s.modifiers[m.code]?.on);
  if (mods.length > 0) {
    payload.modifiers = mods.map((m, i) => {
      const reason = s.modifiers[m.code].reason.trim();
      if (!reason) errors[`modifiers.${i}.reason`] = "请填写理由";
      return { code: m.code, reason };
    });
  }
  if (note) payload.note = note;
  return { payload, errors };
}

/** The error key of a claimed modifier's reason (its index among the claimed ones). */
export function modifierErrorKey(leaf: LeafView, s: FormState, code: string): string {
  const claimed = leaf.modifiers.filter((m) => s.modifiers[m.code]?.on).map((m) => m.code);
  return `modifiers.${claimed.indexOf(code)}.reason`;
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
export function describePayload(leaf: LeafView, p: Payload): string[] {
  if (p.notApplicable) return [`不适用：${p.notApplicable.reason}`, ...(p.note ? [`备注：${p.note}`] : [])];
  const lines: string[] = [];
  const v = p.value as Record<string, unknown> | undefined;
  const rule = leaf.rule;
  if (v === undefined) lines.push("（未填写数值）");
  else {
    switch (rule.type) {
      case "count": {
        const items = (v.items as string[]) ?? [];
        lines.push(items.length ? `${rule.itemLabel} ${items.length} 个：${items.join("、")}` : `${rule.itemLabel} 0 个`);
        break;
      }
      case "binary":
        lines.push(`${rule.yesLabel}：${v.yes ? "是" : "否"}`);
        if (v.reference) lines.push(`${rule.referenceLabel ?? "依据"}：${str(v.reference)}`);
        if (v.date) lines.push(`日期：${str(v.date)}`);
        break;
      case "ratio":
        lines.push(`${rule.numeratorLabel}：${str(v.numerator)}`);
        if (v.denominator !== undefined) lines.push(`${rule.denominatorLabel ?? "总数"}：${str(v.denominator)}`);
        if (Array.isArray(v.list) && v.list.length) lines.push(`清单：${v.list.join("、")}`);
        break;
      case "deduction": {
        const events = (v.events as Record<string, unknown>[]) ?? [];
        const kinds = rule.pools.flatMap((pool) => pool.kinds);
        if (events.length === 0) lines.push("无扣分事项");
        for (const e of events) {
          const k = kinds.find((x) => x.code === e.kind);
          const bits = [k?.name ?? str(e.kind), `${str(e.count ?? 1)} ${k?.eventUnit ?? "次"}`];
          if (e.date) bits.push(`日期 ${str(e.date)}`);
          if (e.fixedDate) bits.push(`整改 ${str(e.fixedDate)}`);
          if (e.note) bits.push(str(e.note));
          lines.push(bits.join("，"));
        }
        break;
      }
      case "tiers":
        if (Array.isArray(v.monthly)) lines.push(`各月：${v.monthly.map((m, i) => `${i + 1}月 ${m ?? "—"}`).join("、")}`);
        else lines.push(`${rule.measureLabel}：${str(v.value)}`);
        break;
      case "choice": {
        const chosen = ((v.levels as string[]) ?? []).map((c) => rule.levels.find((l) => l.code === c)?.name ?? c);
        lines.push(chosen.length ? `所选：${chosen.join("、")}` : rule.noneLabel);
        break;
      }
      case "rating":
        lines.push(`评分：${str(v.score)}`);
        break;
      case "veto":
        lines.push(`触发否决：${v.triggered ? "是" : "否"}${v.reason ? `（${str(v.reason)}）` : ""}`);
        break;
    }
  }
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
