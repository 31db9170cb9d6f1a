// tiers: the first tier whose minimum the measure reaches (a value, or a monthly average).
import { z } from "zod";
import { type Exact, div, fmt, parseExact, sum } from "../../../engine/exact";
import { equals, operand } from "../../../engine/explain";
import type { CompiledLeaf } from "../../../engine/compile";
import { decimalCell, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { normaliseNumber, readCount, readDecimal, str } from "../kit";
import type { ColumnMonthsRow, RuleTypeModule } from "../module";
import { ZTiersColumnsValue, ZTiersMonthlyValue, ZTiersPlainValue, ZTiersRule } from "./schema";

export type TTiersRule = z.infer<typeof ZTiersRule>;
/** the form's draft of a value (strings as typed) */
export type TiersDraft = 
  | { type: "tiers"; mode: "monthly"; monthly: string[] }
  | { type: "tiers"; mode: "value"; value: string }
  | { type: "tiers"; mode: "columns"; columns: ColumnMonthsRow[] };

export type CompiledTiers = {
  type: "tiers";
  measure: "value" | "monthlyAverage";
  measureLabel: string;
  months: number;
  firstMonth: number;
  tiers: { min: Exact; points: Exact }[];
  otherwise: Exact;
};

const n = (p: string | number) => fmtPoints(pts(p));
/** months of a monthly rule: the edition's `months` (rules:check requires it; 12 only for bare test rules) */
export const monthsOfRule = (rule: { months?: number }) => rule.months ?? 12;
/** the calendar month of the i-th month of the assessment year ("1月"; a year may start in another month: firstMonth) */
export const monthLabel = (rule: { firstMonth?: number }, i: number) => `${(((rule.firstMonth ?? 1) - 1 + i) % 12) + 1}月`;

// sheet rows of a per-column value: "column:<栏目代码>:<month index>"
const COLUMN_MONTH_KEY = /^column:([^:]+):(\d{1,2})$/;
const columnMonthKey = (column: string, m: number) => `column:${column}:${m}`;
function columnMonthField(leaf: CompiledLeaf, r: CompiledTiers, column: string, m: number) {
  const name = leaf.columns?.find((c) => c.code === column)?.name ?? column;
  return single(columnMonthKey(column, m), `${name} ${monthLabel(r, m)}${r.measureLabel}`, "decimal");
}

type ColumnsValue = { columns: { column: string; monthly: (string | number | null)[] }[] };
const isColumnsValue = (v: unknown): v is ColumnsValue => typeof v === "object" && v !== null && Array.isArray((v as ColumnsValue).columns);

/** A draft row per column (the unit's columns first, then any stored column not among them). */
export function columnMonthsRows(rule: { months?: number }, columns: { code: string; name: string }[], value?: unknown): ColumnMonthsRow[] {
  const stored = isColumnsValue(value) ? value.columns : [];
  const codes = [...columns.map((c) => c.code), ...stored.map((c) => c.column).filter((c) => !columns.some((x) => x.code === c))];
  return codes.map((code) => {
    const m = stored.find((c) => c.column === code)?.monthly ?? [];
    return { column: code, name: columns.find((c) => c.code === code)?.name ?? code, monthly: Array.from({ length: monthsOfRule(rule) }, (_, i) => str(m[i])) };
  });
}

/** The per-column draft of a monthly rule (the form's "按栏目分别填报"). */
export function toColumnsDraft(rule: { months?: number }, columns: { code: string; name: string }[]) {
  return { type: "tiers" as const, mode: "columns" as const, columns: columnMonthsRows(rule, columns) };
}

export const tiers: RuleTypeModule<TTiersRule, CompiledTiers, TiersDraft> = {
  type: "tiers",
  label: "分档",
  params: ZTiersRule,
  paramForm: [
    {
      key: "measure",
      label: "计量方式",
      kind: "enum",
      required: true,
      options: [
        { value: "value", label: "按数值" },
        { value: "monthlyAverage", label: "按月均" },
      ],
    },
    { key: "measureLabel", label: "计量对象", kind: "text", required: true },
    { key: "months", label: "月数", kind: "integer", required: false, hint: "按月均时必填：考核年度的月数" },
    { key: "firstMonth", label: "起始月份", kind: "integer", required: false, hint: "按月均时第一个月是几月，默认 1" },
    { key: "tiers", label: "分档", kind: "json", required: true, hint: "从高到低：[{ min, points }]" },
    { key: "otherwise", label: "低于最低档得分", kind: "points", required: true },
  ],
  values: [ZTiersMonthlyValue, ZTiersColumnsValue, ZTiersPlainValue],
  compile: (rule) => ({
    type: "tiers",
    measure: rule.measure,
    measureLabel: rule.measureLabel,
    months: monthsOfRule(rule),
    firstMonth: rule.firstMonth ?? 1,
    // ordered high → low regardless of how the data lists them
    tiers: rule.tiers.map((t) => ({ min: parseExact(t.min), points: parseExact(t.points) })).sort((a, b) => b.min.compare(a.min)),
    otherwise: parseExact(rule.otherwise),
  }),
  valueSchema: (r) =>
    r.measure === "monthlyAverage"
      ? {
          schema: z.union([ZTiersMonthlyValue, ZTiersColumnsValue]),
          shape: `分档型（按月均），value 应为 { "monthly": [每月数量，共 ${r.months} 个] } 或按栏目 { "columns": [{ "column": "栏目代码", "monthly": [共 ${r.months} 个] }] }`,
        }
      : { schema: ZTiersPlainValue, shape: `分档型，value 应为 { "value": 数值 }` },
  check(r, value, { leaf, path: p, errors }) {
    if (r.measure !== "monthlyAverage") return;
    if (isColumnsValue(value)) {
      const allowed = leaf.columns ?? [];
      const seen = new Set<string>();
      value.columns.forEach((c, i) => {
        const col = allowed.find((x) => x.code === c.column);
        if (!col) {
          const list = allowed.length > 0 ? `应为 ${allowed.map((x) => `${x.code}（${x.name}）`).join("、")}` : "本项未列出考核栏目，请填写月度合计（monthly）";
          errors.push({ path: `${p}.columns[${i}].column`, message: `“${c.column}”不是本项考核的栏目，${list}` });
        } else if (seen.has(c.column)) {
          errors.push({ path: `${p}.columns[${i}].column`, message: `栏目“${col.name}”填写了两次，每个栏目只填一行` });
        }
        seen.add(c.column);
        if (c.monthly.length !== r.months) {
          errors.push({ path: `${p}.columns[${i}].monthly`, message: `栏目“${col?.name ?? c.column}”应有 ${r.months} 个月的数据（未填的月份写 null），实际 ${c.monthly.length} 个` });
        }
      });
      return;
    }
    const v = value as { monthly: unknown[] };
    if (v.monthly.length !== r.months) {
      errors.push({ path: `${p}.monthly`, message: `应有 ${r.months} 个月的数据（未填的月份写 null），实际 ${v.monthly.length} 个` });
    }
  },
  evaluate(leaf, rule, value) {
    let measure: Exact;
    const lines: string[] = [];
    if (rule.measure === "monthlyAverage" && isColumnsValue(value)) {
      const r = evaluateColumns(leaf, rule, value);
      if ("notEntered" in r) return r;
      measure = r.measure;
      lines.push(...r.lines);
    } else if (rule.measure === "monthlyAverage") {
      const v = value as { monthly?: (string | number | null)[] };
      const monthly = v.monthly ?? [];
      const missing: number[] = [];
      for (let i = 0; i < rule.months; i++) if (monthly[i] === null || monthly[i] === undefined) missing.push(i + 1);
      if (missing.length > 0) return { notEntered: [`第 ${missing.join("、")} 月${rule.measureLabel}未填报，暂不计分`] };
      // (month numbers count from the assessment year's first month; labels below follow firstMonth)
      const values = monthly.slice(0, rule.months).map((m) => parseExact(m as string | number));
      const total = sum(values);
      measure = div(total, rule.months);
      lines.push(`各月${rule.measureLabel}：${values.map((x, i) => `${monthLabel(rule, i)} ${fmt(x)}`).join("、")}`);
      lines.push(`合计 ${operand(total)} ÷ ${rule.months} 个月 ${equals(measure)}（月均）`);
    } else {
      const v = value as { value?: string | number };
      if (v.value === undefined) return { notEntered: [`未填写${rule.measureLabel}，暂不计分`] };
      measure = parseExact(v.value);
      lines.push(`${rule.measureLabel}：${fmt(measure)}`);
    }
    const label = rule.measure === "monthlyAverage" ? "月均" : rule.measureLabel;
    for (const t of rule.tiers) {
      if (measure.compare(t.min) >= 0) {
        lines.push(`${label} ${fmt(measure)} ≥ ${fmt(t.min)}（含本数），得 ${fmt(t.points)} 分`);
        return { base: t.points, lines };
      }
    }
    const lowest = rule.tiers[rule.tiers.length - 1];
    lines.push(`${label} ${fmt(measure)} 低于最低档 ${fmt(lowest.min)}，得 ${fmt(rule.otherwise)} 分`);
    return { base: rule.otherwise, lines };
  },
  describeRule(rule) {
    const from = rule.firstMonth !== undefined && rule.firstMonth !== 1 ? `，自${rule.firstMonth}月起` : "";
    const measure = rule.measure === "monthlyAverage" ? `${rule.measureLabel}的月平均值（全年按${monthsOfRule(rule)}个月计${from}）` : rule.measureLabel;
    const list = rule.tiers.map((t) => `达到${n(t.min)}及以上得${n(t.points)}分`);
    const lowest = rule.tiers[rule.tiers.length - 1];
    return `按${measure}分档计分：${list.join("；")}；低于${n(lowest.min)}得${n(rule.otherwise)}分`;
  },
  describeValue(rule, v) {
    if (isColumnsValue(v)) return v.columns.map((c) => `${c.column}：${c.monthly.map((m, i) => `${monthLabel(rule, i)} ${m ?? "—"}`).join("、")}`);
    if (Array.isArray(v.monthly)) return [`各月：${v.monthly.map((m, i) => `${monthLabel(rule, i)} ${m ?? "—"}`).join("、")}`];
    return [`${rule.measureLabel}：${str(v.value)}`];
  },
  form: {
    initial(rule, value, opts) {
      const v = (value ?? {}) as Record<string, unknown>;
      if (rule.measure === "monthlyAverage" && isColumnsValue(value)) {
        return { type: "tiers", mode: "columns", columns: columnMonthsRows(rule, opts?.columns ?? [], value) };
      }
      if (rule.measure === "monthlyAverage") {
        const m = Array.isArray(v.monthly) ? v.monthly : [];
        return { type: "tiers", mode: "monthly", monthly: Array.from({ length: monthsOfRule(rule) }, (_, i) => str(m[i])) };
      }
      return { type: "tiers", mode: "value", value: str(v.value) };
    },
    build(rule, s, errors) {
      if (s.mode === "columns") {
        const rows = s.columns.filter((c) => c.monthly.some((m) => m.trim()));
        if (rows.length === 0) return undefined;
        const columns = s.columns.flatMap((c, ci) => {
          if (!c.monthly.some((m) => m.trim())) return [];
          const monthly = c.monthly.map((m, i) => {
            const t = normaliseNumber(m);
            if (!t) return null;
            const r = readCount(t, `${c.name}${monthLabel(rule, i)}${rule.measureLabel}`);
            if ("error" in r) errors[`value.columns.${ci}.monthly.${i}`] = r.error;
            return t;
          });
          return [{ column: c.column, monthly }];
        });
        return { columns };
      }
      if (s.mode === "monthly") {
        if (s.monthly.every((m) => !m.trim())) return undefined;
        const monthly = s.monthly.map((m, i) => {
          const t = normaliseNumber(m);
          if (!t) return null;
          const r = readCount(t, `${monthLabel(rule, i)}${rule.measureLabel}`);
          if ("error" in r) errors[`value.monthly.${i}`] = r.error;
          return t;
        });
        return { monthly };
      }
      const t = normaliseNumber(s.value);
      if (!t) return undefined;
      const r = readDecimal(t, `${rule.measureLabel}：`);
      if ("error" in r) errors["value.value"] = r.error;
      return { value: t };
    },
  },
  sheet: {
    fieldFromKey(leaf, r, key) {
      const m = COLUMN_MONTH_KEY.exec(key);
      return m && r.measure === "monthlyAverage" && Number(m[2]) < r.months ? columnMonthField(leaf, r, m[1], Number(m[2])) : undefined;
    },
    fields(leaf, r, current) {
      if (r.measure !== "monthlyAverage") return [single("value", r.measureLabel, "decimal")];
      // a stored per-column value keeps its columns (a fresh sheet asks for the monthly total)
      if (isColumnsValue(current)) return current.columns.flatMap((c) => Array.from({ length: r.months }, (_, m) => columnMonthField(leaf, r, c.column, m)));
      return Array.from({ length: r.months }, (_, m) => single(`monthly.${m}`, `第 ${m + 1} 月${r.measureLabel}`, "decimal"));
    },
    toRows(_rule, v, put) {
      if (isColumnsValue(v)) v.columns.forEach((c) => c.monthly.forEach((x, m) => put(columnMonthKey(c.column, m), { G: decimalCell(x) })));
      else if (Array.isArray(v.monthly)) (v.monthly as unknown[]).forEach((x, m) => put(`monthly.${m}`, { G: decimalCell(x) }));
      else put("value", { G: decimalCell(v.value) });
    },
    fromRows(r, reader) {
      const perColumn = reader.fields.map((f) => ({ key: f.key, m: COLUMN_MONTH_KEY.exec(f.key) })).filter((x) => x.m);
      if (r.measure === "monthlyAverage" && perColumn.length > 0) {
        const byColumn = new Map<string, string[]>();
        for (const { key, m } of perColumn) byColumn.set(m![1], [...(byColumn.get(m![1]) ?? []), key]);
        const entries = [...byColumn.entries()];
        entries.forEach(([, keys], ci) => keys.forEach((k, m) => reader.at(`value.columns[${ci}].monthly[${m}]`, k)));
        const valueKey = perColumn[0].key;
        if (!perColumn.some((x) => reader.has(x.key))) return { valueKey };
        return { value: { columns: entries.map(([column, keys]) => ({ column, monthly: keys.map((k) => reader.get<string>(k) ?? null) })) }, valueKey };
      }
      if (r.measure === "monthlyAverage") {
        const keys = reader.fields.filter((f) => f.key.startsWith("monthly.")).map((f) => f.key);
        keys.forEach((k, m) => reader.at(`value.monthly[${m}]`, k));
        if (keys.some((k) => reader.has(k))) return { value: { monthly: keys.map((k) => reader.get<string>(k) ?? null) }, valueKey: "monthly.0" };
        return { valueKey: "monthly.0" };
      }
      reader.at("value.value", "value");
      if (reader.has("value")) return { value: { value: reader.get<string>("value") }, valueKey: "value" };
      return { valueKey: "value" };
    },
  },
};

/**
 * Per-column monthly counts (动态信息 by column): every column must have every month.
 * R8.columns: `total` adds the columns up month by month (the same as one monthly total);
 * `per-column` takes each column's monthly average, then their mean.
 */
function evaluateColumns(leaf: CompiledLeaf, rule: CompiledTiers, value: ColumnsValue): { measure: Exact; lines: string[] } | { notEntered: string[] } {
  const name = (code: string) => leaf.columns?.find((c) => c.code === code)?.name ?? code;
  const missing: string[] = [];
  for (const c of value.columns) {
    const months: string[] = [];
    for (let i = 0; i < rule.months; i++) if (c.monthly[i] === null || c.monthly[i] === undefined) months.push(monthLabel(rule, i));
    if (months.length > 0) missing.push(`“${name(c.column)}”${months.join("、")}`);
  }
  if (missing.length > 0) return { notEntered: [`${missing.join("；")}${rule.measureLabel}未填报，暂不计分`] };
  const lines: string[] = [];
  const perColumn = value.columns.map((c) => ({ name: name(c.column), values: c.monthly.slice(0, rule.months).map((m) => parseExact(m as string | number)) }));
  for (const c of perColumn) lines.push(`${c.name}：${c.values.map((x, i) => `${monthLabel(rule, i)} ${fmt(x)}`).join("、")}，合计 ${fmt(sum(c.values))}`);
  if (leaf.options?.postsPerColumn === "per-column") {
    const averages = perColumn.map((c) => div(sum(c.values), rule.months));
    const measure = div(sum(averages), perColumn.length);
    lines.push(`各栏目月均：${perColumn.map((c, i) => `${c.name} ${fmt(averages[i])}`).join("、")}`);
    lines.push(`${perColumn.length} 个栏目月均的平均 ${equals(measure)}（口径 R8.columns = per-column）`);
    return { measure, lines };
  }
  const totals = Array.from({ length: rule.months }, (_, i) => sum(perColumn.map((c) => c.values[i])));
  const total = sum(totals);
  const measure = div(total, rule.months);
  lines.push(`各月合计：${totals.map((x, i) => `${monthLabel(rule, i)} ${fmt(x)}`).join("、")}`);
  lines.push(`合计 ${operand(total)} ÷ ${rule.months} 个月 ${equals(measure)}（月均，${perColumn.length} 个栏目相加）`);
  return { measure, lines };
}
