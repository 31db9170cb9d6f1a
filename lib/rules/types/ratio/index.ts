// ratio: points × min(1, numerator ÷ denominator (or ÷ saturateAt)).
import { type Exact, ONE, div, min, mul, parseExact } from "../../../engine/exact";
import { equals, operand, shareOperand } from "../../../engine/explain";
import { single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../validate";
import { names, normaliseNumber, readCount, rowsOf, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZRatioRule, ZRatioValue } from "./schema";

export type CompiledRatio = { type: "ratio"; points: Exact; numeratorLabel: string; denominatorLabel?: string; saturateAt?: number };

const n = (p: string | number) => fmtPoints(pts(p));

export const ratio: RuleTypeModule<"ratio"> = {
  type: "ratio",
  label: "比例",
  params: ZRatioRule,
  paramForm: [
    { key: "points", label: "满分", kind: "points", required: true },
    { key: "numeratorLabel", label: "分子名称", kind: "text", required: true, hint: "如“已覆盖的部门数”" },
    { key: "denominatorLabel", label: "分母名称", kind: "text", required: false },
    { key: "saturateAt", label: "达到即得满分的数量", kind: "integer", required: false, hint: "如“不少于30个”填 30；不填则以分母为准" },
  ],
  values: [ZRatioValue],
  compile: (rule) => ({
    type: "ratio",
    points: parseExact(rule.points),
    numeratorLabel: rule.numeratorLabel,
    denominatorLabel: rule.denominatorLabel,
    saturateAt: rule.saturateAt,
  }),
  valueSchema: () => ({ schema: ZRatioValue, shape: `比例型，value 应为 { "numerator": 非负整数, "denominator": 正整数 }` }),
  check(r, value, { path: p, errors }) {
    const v = value as { numerator: number; denominator?: number; list?: string[] };
    if (r.saturateAt === undefined && v.denominator === undefined) {
      errors.push({ path: `${p}.denominator`, message: `缺少必填字段：本项按比例计分，须填写${r.denominatorLabel ?? "分母"}` });
    }
    if (v.denominator !== undefined && v.numerator > v.denominator) {
      errors.push({ path: `${p}.numerator`, message: `分子 ${v.numerator} 大于分母 ${v.denominator}` });
    }
    if (v.list) {
      const distinct = new Set(v.list.map((s) => s.trim()).filter(Boolean)).size;
      if (distinct !== v.numerator) errors.push({ path: `${p}.list`, message: `清单中有 ${distinct} 个不同名称，与分子 ${v.numerator} 不一致` });
    }
  },
  evaluate(_leaf, rule, value) {
    const v = value as { numerator: number; denominator?: number; list?: string[] };
    const target = rule.saturateAt ?? v.denominator;
    if (target === undefined) return { notEntered: [`未填写${rule.denominatorLabel ?? "分母"}，暂不计分`] };
    const share = div(parseExact(v.numerator), target);
    const used = min(ONE, share);
    const base = mul(rule.points, used);
    const targetLabel = rule.saturateAt !== undefined ? `应达 ${rule.saturateAt}` : `${rule.denominatorLabel ?? "总数"} ${target}`;
    const shown = shareOperand(share, v.numerator, target);
    const lines = [`${rule.numeratorLabel} ${v.numerator} ÷ ${targetLabel}${shown.includes("/") ? "" : ` = ${shown}`}`];
    if (share.compare(ONE) > 0) lines.push(`比例超过 1，按 1 计`);
    lines.push(`${operand(rule.points)} × ${share.compare(ONE) > 0 ? "1" : shown} ${equals(base)}`);
    return { base, lines };
  },
  describeRule(rule) {
    if (rule.saturateAt !== undefined) {
      return `按${rule.numeratorLabel}的比例计分，达到${rule.saturateAt}个即得满分${n(rule.points)}分，不足的按 ${n(rule.points)}分 × 实际数 ÷ ${rule.saturateAt} 计分`;
    }
    return `按比例计分：得分 = ${n(rule.points)}分 × ${rule.numeratorLabel} ÷ ${rule.denominatorLabel ?? "总数"}，全部达到即得满分${n(rule.points)}分`;
  },
  describeValue(rule, v) {
    const lines = [`${rule.numeratorLabel}：${str(v.numerator)}`];
    if (v.denominator !== undefined) lines.push(`${rule.denominatorLabel ?? "总数"}：${str(v.denominator)}`);
    if (Array.isArray(v.list) && v.list.length) lines.push(`清单：${v.list.join("、")}`);
    return lines;
  },
  form: {
    initial(_rule, value) {
      const v = (value ?? {}) as Record<string, unknown>;
      return { type: "ratio", numerator: str(v.numerator), denominator: str(v.denominator), list: rowsOf(v.list) };
    },
    build(rule, s, errors) {
      const num = normaliseNumber(s.numerator);
      const den = normaliseNumber(s.denominator);
      const list = names(s.list);
      if (!num && !den && list.length === 0) return undefined;
      const out: Record<string, unknown> = {};
      if (!num) errors["value.numerator"] = "请填写数量";
      else {
        const r = readCount(num, `${rule.numeratorLabel}：`);
        if ("error" in r) errors["value.numerator"] = r.error;
        else out.numerator = r.value;
      }
      if (den) {
        const r = readCount(den, `${rule.denominatorLabel ?? "总数"}：`, 1);
        if ("error" in r) errors["value.denominator"] = r.error;
        else out.denominator = r.value;
      } else if (rule.saturateAt === undefined) {
        errors["value.denominator"] = "请填写总数";
      }
      if (out.numerator !== undefined && out.denominator !== undefined && (out.numerator as number) > (out.denominator as number)) {
        errors["value.numerator"] = "不能大于总数";
      }
      if (list.length > 0) out.list = list;
      return out;
    },
  },
  sheet: {
    fields: (_leaf, rule) => [
      single("numerator", `${rule.numeratorLabel}（整数）`, "int"),
      single("denominator", `${rule.denominatorLabel ?? "分母"}（整数${rule.saturateAt !== undefined ? "，可不填" : ""}）`, "posint"),
      single("list", "名称清单（可选，每行一个）", "lines"),
    ],
    toRows(_rule, v, put) {
      put("numerator", { G: v.numerator as number });
      if (v.denominator !== undefined) put("denominator", { G: v.denominator as number });
      if (Array.isArray(v.list)) put("list", { G: (v.list as string[]).join("\n") });
    },
    fromRows(rule, r) {
      r.at("value.numerator", "numerator");
      r.at("value.denominator", "denominator");
      r.at("value.list", "list");
      if (!(r.has("numerator") || r.has("denominator") || r.has("list"))) return { valueKey: "numerator" };
      const numerator = r.get<number>("numerator");
      if (!r.has("numerator")) r.required("numerator", `请填写${rule.numeratorLabel}`);
      const denominator = r.get<number>("denominator");
      const list = r.get<string[]>("list");
      return { value: { numerator, ...(denominator !== undefined ? { denominator } : {}), ...(list && list.length ? { list } : {}) }, valueKey: "numerator" };
    },
  },
};
