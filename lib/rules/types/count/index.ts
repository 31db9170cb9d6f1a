// count: 每建成1个平台得0.5分，本项最高4分 — the names of what was counted.
import { type Exact, fmt, mul, parseExact } from "../../../engine/exact";
import { fmt as fmtPoints, pts } from "../../primitives";
import { HAS_EVENTS, single } from "../../../offline-form/cells";
import { duplicateNames, listNames, names, rowId, rowsOf } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZCountRule, ZCountValue } from "./schema";
import type { z } from "zod";
import type { Row } from "../kit";

export type TCountRule = z.infer<typeof ZCountRule>;
/** the form's draft of a value (strings as typed) */
export type CountDraft = { type: "count"; rows: Row[]; none: boolean };

export type CompiledCount = { type: "count"; pointsPer: Exact; cap: Exact; itemLabel: string; verb?: string };

const n = (p: string | number) => fmtPoints(pts(p));

function valueRows(rule: CompiledCount): number {
  const perCap = rule.pointsPer.n === 0n ? 0 : Math.ceil(Number(rule.cap.div(rule.pointsPer).valueOf()));
  return Math.min(Math.max(perCap, 1), 30);
}

export const count: RuleTypeModule<TCountRule, CompiledCount, CountDraft> = {
  type: "count",
  label: "计数",
  params: ZCountRule,
  paramForm: [
    { key: "pointsPer", label: "每个得分", kind: "points", required: true },
    { key: "cap", label: "本项最高分", kind: "points", required: true },
    { key: "itemLabel", label: "计数对象", kind: "text", required: true, hint: "如“平台”" },
    { key: "verb", label: "计数动词", kind: "text", required: false, hint: "如“建成”：每建成1个平台" },
  ],
  values: [ZCountValue],
  compile: (rule) => ({ type: "count", pointsPer: parseExact(rule.pointsPer), cap: parseExact(rule.cap), itemLabel: rule.itemLabel, verb: rule.verb }),
  valueSchema: () => ({ schema: ZCountValue, shape: `计数型，value 应为 { "items": ["名称", …] }` }),
  check(_rule, value, { path: p, warnings }) {
    const v = value as { items: string[] };
    const seen = new Set<string>();
    v.items.forEach((name, i) => {
      const t = name.trim();
      if (!t) warnings.push({ path: `${p}.items[${i}]`, message: `空名称不计数` });
      else if (seen.has(t)) warnings.push({ path: `${p}.items[${i}]`, message: `“${t}”重复，只计一次` });
      seen.add(t);
    });
  },
  evaluate(_leaf, rule, value) {
    const v = value as { items: string[] };
    const distinct = [...new Set(v.items.map((s) => s.trim()).filter((s) => s.length > 0))];
    const raw = mul(rule.pointsPer, distinct.length);
    const lines = [
      distinct.length > 0
        ? `${rule.verb ?? ""}${rule.itemLabel} ${distinct.length} 个（${listNames(distinct)}）× ${fmt(rule.pointsPer)} = ${fmt(raw)}`
        : `${rule.verb ?? ""}${rule.itemLabel} 0 个，得 0 分`,
    ];
    const dropped = duplicateNames(v.items);
    if (dropped.length > 0) lines.push(`重复填写的名称只计一次：${listNames(dropped)}`);
    if (raw.compare(rule.cap) > 0) {
      lines.push(`合计 ${fmt(raw)} 分，超过本项上限 ${fmt(rule.cap)} 分，按 ${fmt(rule.cap)} 分计`);
      return { base: rule.cap, lines };
    }
    return { base: raw, lines };
  },
  describeRule: (rule) => `每${rule.verb ?? ""}1个${rule.itemLabel}得${n(rule.pointsPer)}分，本项最高${n(rule.cap)}分`,
  describeValue(rule, v) {
    const items = (v.items as string[]) ?? [];
    return [items.length ? `${rule.itemLabel} ${items.length} 个：${items.join("、")}` : `${rule.itemLabel} 0 个`];
  },
  form: {
    initial(_rule, value) {
      const has = value !== undefined && value !== null;
      const r = rowsOf((value as { items?: unknown } | undefined)?.items);
      return { type: "count", rows: r.length > 0 ? r : [{ id: rowId(), name: "" }], none: has && r.length === 0 };
    },
    build(_rule, s, _errors, ctx) {
      const list = names(s.rows);
      if (list.length > 0) return { items: list };
      return s.none || ctx.role === "review" ? { items: [] } : undefined;
    },
  },
  sheet: {
    lists: ["items"],
    fields(_leaf, rule, v) {
      const stored = Array.isArray(v?.items) ? (v.items as unknown[]).length : 0;
      const rows = Math.max(valueRows(rule) + 2, stored + 2);
      const out = [single("hasItems", `有无${rule.verb ?? ""}${rule.itemLabel}（有/无）`, "hasEvents", HAS_EVENTS)];
      for (let i = 0; i < rows; i++) out.push(single(`items.${i}`, `${rule.itemLabel}名称 ${i + 1}`, "text"));
      return out;
    },
    toRows(_rule, v, put) {
      put("hasItems", { G: (v.items as string[]).length > 0 ? "有" : "无" });
      (v.items as string[]).forEach((name, i) => put(`items.${i}`, { G: name }));
    },
    fromRows(rule, r) {
      const keys = r.fields.filter((f) => f.key.startsWith("items.")).map((f) => f.key);
      const items: string[] = [];
      for (const k of keys) {
        const name = r.get<string>(k);
        if (name) {
          r.at(`value.items[${items.length}]`, k);
          items.push(name);
        }
      }
      const any = r.has("hasItems") ? r.get<boolean>("hasItems") : undefined;
      if (any === false && items.length > 0) r.required("hasItems", `选择了“无”，但下方填写了${rule.itemLabel}名称`);
      else if (any === true && items.length === 0) r.required("hasItems", `选择了“有”，请在下方填写${rule.itemLabel}名称`);
      else if (any !== undefined || items.length > 0) return { value: { items }, valueKey: "hasItems" };
      return { valueKey: "hasItems" };
    },
  },
};
