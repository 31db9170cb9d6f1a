// tiers: the first tier whose minimum the measure reaches (a value, or a monthly average).
import { type Exact, div, fmt, parseExact, sum } from "../../../engine/exact";
import { equals, operand } from "../../../engine/explain";
import { decimalCell, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../validate";
import { normaliseNumber, readCount, readDecimal, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZTiersMonthlyValue, ZTiersPlainValue, ZTiersRule } from "./schema";

export type CompiledTiers = {
  type: "tiers";
  measure: "value" | "monthlyAverage";
  measureLabel: string;
  months: number;
  tiers: { min: Exact; points: Exact }[];
  otherwise: Exact;
};

const n = (p: string | number) => fmtPoints(pts(p));
/** months of a monthly rule (the edition's assessment year, default 12) */
export const monthsOfRule = (rule: { months?: number }) => rule.months ?? 12;

export const tiers: RuleTypeModule<"tiers"> = {
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
    { key: "months", label: "月数", kind: "integer", required: false, hint: "按月均时的月数，默认 12" },
    { key: "tiers", label: "分档", kind: "json", required: true, hint: "从高到低：[{ min, points }]" },
    { key: "otherwise", label: "低于最低档得分", kind: "points", required: true },
  ],
  values: [ZTiersMonthlyValue, ZTiersPlainValue],
  compile: (rule) => ({
    type: "tiers",
    measure: rule.measure,
    measureLabel: rule.measureLabel,
    months: monthsOfRule(rule),
    // ordered high → low regardless of how the data lists them
    tiers: rule.tiers.map((t) => ({ min: parseExact(t.min), points: parseExact(t.points) })).sort((a, b) => b.min.compare(a.min)),
    otherwise: parseExact(rule.otherwise),
  }),
  valueSchema: (r) =>
    r.measure === "monthlyAverage"
      ? { schema: ZTiersMonthlyValue, shape: `分档型（按月均），value 应为 { "monthly": [每月数量，共 ${r.months} 个] }` }
      : { schema: ZTiersPlainValue, shape: `分档型，value 应为 { "value": 数值 }` },
  check(r, value, { path: p, errors }) {
    if (r.measure !== "monthlyAverage") return;
    const v = value as { monthly: unknown[] };
    if (v.monthly.length !== r.months) {
      errors.push({ path: `${p}.monthly`, message: `应有 ${r.months} 个月的数据（未填的月份写 null），实际 ${v.monthly.length} 个` });
    }
  },
  evaluate(_leaf, rule, value) {
    let measure: Exact;
    const lines: string[] = [];
    if (rule.measure === "monthlyAverage") {
      const v = value as { monthly?: (string | number | null)[] };
      const monthly = v.monthly ?? [];
      const missing: number[] = [];
      for (let i = 0; i < rule.months; i++) if (monthly[i] === null || monthly[i] === undefined) missing.push(i + 1);
      if (missing.length > 0) return { notEntered: [`第 ${missing.join("、")} 月${rule.measureLabel}未填报，暂不计分`] };
      const values = monthly.slice(0, rule.months).map((m) => parseExact(m as string | number));
      const total = sum(values);
      measure = div(total, rule.months);
      lines.push(`各月${rule.measureLabel}：${values.map((x, i) => `${i + 1}月 ${fmt(x)}`).join("、")}`);
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
    const measure = rule.measure === "monthlyAverage" ? `${rule.measureLabel}的月平均值（全年按${monthsOfRule(rule)}个月计）` : rule.measureLabel;
    const list = rule.tiers.map((t) => `达到${n(t.min)}及以上得${n(t.points)}分`);
    const lowest = rule.tiers[rule.tiers.length - 1];
    return `按${measure}分档计分：${list.join("；")}；低于${n(lowest.min)}得${n(rule.otherwise)}分`;
  },
  describeValue(rule, v) {
    if (Array.isArray(v.monthly)) return [`各月：${v.monthly.map((m, i) => `${i + 1}月 ${m ?? "—"}`).join("、")}`];
    return [`${rule.measureLabel}：${str(v.value)}`];
  },
  form: {
    initial(rule, value) {
      const v = (value ?? {}) as Record<string, unknown>;
      if (rule.measure === "monthlyAverage") {
        const m = Array.isArray(v.monthly) ? v.monthly : [];
        return { type: "tiers", mode: "monthly", monthly: Array.from({ length: monthsOfRule(rule) }, (_, i) => str(m[i])) };
      }
      return { type: "tiers", mode: "value", value: str(v.value) };
    },
    build(rule, s, errors) {
      if (s.mode === "monthly") {
        if (s.monthly.every((m) => !m.trim())) return undefined;
        const monthly = s.monthly.map((m, i) => {
          const t = normaliseNumber(m);
          if (!t) return null;
          const r = readCount(t, `${i + 1}月${rule.measureLabel}`);
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
    fields(_leaf, r) {
      if (r.measure !== "monthlyAverage") return [single("value", r.measureLabel, "decimal")];
      return Array.from({ length: r.months }, (_, m) => single(`monthly.${m}`, `第 ${m + 1} 月${r.measureLabel}`, "decimal"));
    },
    toRows(_rule, v, put) {
      if (Array.isArray(v.monthly)) (v.monthly as unknown[]).forEach((x, m) => put(`monthly.${m}`, { G: decimalCell(x) }));
      else put("value", { G: decimalCell(v.value) });
    },
    fromRows(r, reader) {
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
