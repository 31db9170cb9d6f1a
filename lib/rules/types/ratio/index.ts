// ratio: points × min(1, numerator ÷ denominator (or ÷ saturateAt)).
import { type Exact, ONE, ZERO, div, min, mul, parseExact } from "../../../engine/exact";
import { equals, operand, shareOperand } from "../../../engine/explain";
import { single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { names, normaliseNumber, readCount, rowsOf, str } from "../kit";
import type { CompileContext, DerivedCondition, RuleTypeModule } from "../module";
import { ZRatioRule, ZRatioValue } from "./schema";
import type { z } from "zod";
import type { Row } from "../kit";

export type TRatioRule = z.infer<typeof ZRatioRule>;
/** the form's draft of a value (strings as typed) */
export type RatioDraft = { type: "ratio"; numerator: string; denominator: string; list: Row[]; covered?: string };

/** `coverage.total`: how many units the group has in the edition (absent outside an edition). */
export type CompiledCoverage = { label: string; group: string; precondition?: string; total?: number };
export type CompiledRatio = { type: "ratio"; points: Exact; numeratorLabel: string; denominatorLabel?: string; saturateAt?: number; coverage?: CompiledCoverage };

const n = (p: string | number) => fmtPoints(pts(p));
const GROUP_LABEL: Record<string, string> = { county: "县（市、区）", department: "部门", city: "设区市" };
type RatioValue = { numerator: number; denominator?: number; list?: string[]; covered?: number };

/** An entered coverage count with its group's size, or null. */
function coverageOf(rule: CompiledRatio, v: RatioValue): { k: number; total: number; label: string } | null {
  if (!rule.coverage || v.covered === undefined || rule.coverage.total === undefined) return null;
  return { k: v.covered, total: rule.coverage.total, label: rule.coverage.label };
}

export const ratio: RuleTypeModule<TRatioRule, CompiledRatio, RatioDraft> = {
  type: "ratio",
  label: "比例",
  params: ZRatioRule,
  paramForm: [
    { key: "points", label: "满分", kind: "points", required: true },
    { key: "numeratorLabel", label: "分子名称", kind: "text", required: true, hint: "如“已覆盖的部门数”" },
    { key: "denominatorLabel", label: "分母名称", kind: "text", required: false },
    { key: "saturateAt", label: "达到即得满分的数量", kind: "integer", required: false, hint: "如“不少于30个”填 30；不填则以分母为准" },
    { key: "coverage", label: "覆盖单位数", kind: "json", required: false, hint: "可选：{ label: \"已覆盖的县（市、区）数\", group: \"county\", precondition: \"前提条件代码\" }" },
  ],
  values: [ZRatioValue],
  compile: (rule, ctx?: CompileContext) => ({
    type: "ratio",
    points: parseExact(rule.points),
    numeratorLabel: rule.numeratorLabel,
    denominatorLabel: rule.denominatorLabel,
    saturateAt: rule.saturateAt,
    ...(rule.coverage ? { coverage: { ...rule.coverage, total: ctx ? ctx.unitsOf(rule.coverage.group).length : undefined } } : {}),
  }),
  valueSchema: () => ({ schema: ZRatioValue, shape: `比例型，value 应为 { "numerator": 非负整数, "denominator": 正整数 }` }),
  check(r, value, { path: p, errors }) {
    const v = value as RatioValue;
    if (v.covered !== undefined) {
      if (!r.coverage) errors.push({ path: `${p}.covered`, message: `本项不填写已覆盖单位数（covered）` });
      else if (r.coverage.total !== undefined && v.covered > r.coverage.total) {
        errors.push({ path: `${p}.covered`, message: `${r.coverage.label} ${v.covered} 大于本考核年度的${GROUP_LABEL[r.coverage.group] ?? "单位"}总数 ${r.coverage.total}` });
      }
    }
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
  conditions(leaf, rule, value): DerivedCondition[] {
    const c = coverageOf(rule, value as RatioValue);
    const code = rule.coverage?.precondition;
    if (!c || !code) return [];
    const reading = leaf.options?.coverage ?? "precondition";
    if (reading !== "precondition") return [{ code, met: null, line: `${c.label}按比例计分（口径 R5.counties = ${reading}），不再作为前提条件` }];
    const met = c.k >= c.total;
    return [{ code, met, line: `${c.label} ${c.k} / ${c.total}：${met ? "全部覆盖" : "未全部覆盖"}（由填报的覆盖数得出前提条件）` }];
  },
  evaluate(leaf, rule, value) {
    const v = value as RatioValue;
    const target = rule.saturateAt ?? v.denominator;
    if (target === undefined) return { notEntered: [`未填写${rule.denominatorLabel ?? "分母"}，暂不计分`] };
    const c = coverageOf(rule, v);
    const reading = leaf.options?.coverage ?? "precondition";
    if (c && c.total > 0 && reading === "pooled") {
      // (min(numerator, target) + k) ÷ (target + all of the group)
      const counted = Math.min(v.numerator, target);
      const share = div(parseExact(counted + c.k), target + c.total);
      const base = mul(rule.points, share);
      const lines = [
        `按口径 R5.counties = pooled，${rule.numeratorLabel}与${c.label}合并计算：`,
        `(${counted}${counted < v.numerator ? `（${v.numerator}，按不超过 ${target} 计）` : ""} + ${c.k}) ÷ (${target} + ${c.total}) = ${shareOperand(share, counted + c.k, target + c.total)}`,
        `${operand(rule.points)} × ${shareOperand(share, counted + c.k, target + c.total)} ${equals(base)}`,
      ];
      return { base, lines };
    }
    if (c && c.total > 0 && reading === "product") {
      const deptShare = min(ONE, div(parseExact(v.numerator), target));
      const countyShare = div(parseExact(c.k), c.total);
      const base = mul(mul(rule.points, deptShare), countyShare);
      const lines = [
        `按口径 R5.counties = product，部门比例 × ${c.label}比例：`,
        `${rule.numeratorLabel} ${v.numerator} ÷ ${target}${deptShare.compare(ONE) === 0 && v.numerator > target ? "（超过按 1 计）" : ""}；${c.label} ${c.k} ÷ ${c.total}`,
        `${operand(rule.points)} × ${shareOperand(deptShare, Math.min(v.numerator, target), target)} × ${shareOperand(countyShare, c.k, c.total)} ${equals(base)}`,
      ];
      return { base, lines };
    }
    if (c && c.k < c.total) {
      // R5.counties = precondition: all of the group must be covered (the leaf's precondition, if it has one, said so already)
      return { base: ZERO, lines: [`${c.label} ${c.k} / ${c.total}，未全部覆盖，本项得 0 分（口径 R5.counties = precondition）`] };
    }
    const share = div(parseExact(v.numerator), target);
    const used = min(ONE, share);
    const base = mul(rule.points, used);
    const targetLabel = rule.saturateAt !== undefined ? `应达 ${rule.saturateAt}` : `${rule.denominatorLabel ?? "总数"} ${target}`;
    const shown = shareOperand(share, v.numerator, target);
    const lines = [`${rule.numeratorLabel} ${v.numerator} ÷ ${targetLabel}${shown.includes("/") ? "" : ` = ${shown}`}`];
    if (share.compare(ONE) > 0) lines.push(`比例超过 1，按 1 计`);
    lines.push(`${operand(rule.points)} × ${share.compare(ONE) > 0 ? "1" : shown} ${equals(base)}`);
    if (c) lines.unshift(`${c.label} ${c.k} / ${c.total}，全部覆盖`);
    return { base, lines };
  },
  describeRule(rule) {
    const coverage = rule.coverage ? `；可另填${rule.coverage.label}，按口径 R5.counties 计分` : "";
    if (rule.saturateAt !== undefined) {
      return `按${rule.numeratorLabel}的比例计分，达到${rule.saturateAt}个即得满分${n(rule.points)}分，不足的按 ${n(rule.points)}分 × 实际数 ÷ ${rule.saturateAt} 计分${coverage}`;
    }
    return `按比例计分：得分 = ${n(rule.points)}分 × ${rule.numeratorLabel} ÷ ${rule.denominatorLabel ?? "总数"}，全部达到即得满分${n(rule.points)}分${coverage}`;
  },
  describeValue(rule, v) {
    const lines = [`${rule.numeratorLabel}：${str(v.numerator)}`];
    if (v.denominator !== undefined) lines.push(`${rule.denominatorLabel ?? "总数"}：${str(v.denominator)}`);
    if (Array.isArray(v.list) && v.list.length) lines.push(`清单：${v.list.join("、")}`);
    if (v.covered !== undefined) lines.push(`${rule.coverage?.label ?? "已覆盖单位数"}：${str(v.covered)}`);
    return lines;
  },
  form: {
    initial(_rule, value) {
      const v = (value ?? {}) as Record<string, unknown>;
      return { type: "ratio", numerator: str(v.numerator), denominator: str(v.denominator), list: rowsOf(v.list), ...(_rule.coverage ? { covered: str(v.covered) } : {}) };
    },
    build(rule, s, errors) {
      const num = normaliseNumber(s.numerator);
      const den = normaliseNumber(s.denominator);
      const list = names(s.list);
      const covered = rule.coverage ? normaliseNumber(s.covered ?? "") : "";
      if (!num && !den && list.length === 0 && !covered) return undefined;
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
      if (covered && rule.coverage) {
        const r = readCount(covered, `${rule.coverage.label}：`);
        if ("error" in r) errors["value.covered"] = r.error;
        else out.covered = r.value;
      }
      return out;
    },
  },
  sheet: {
    fields: (_leaf, rule) => [
      single("numerator", `${rule.numeratorLabel}（整数）`, "int"),
      single("denominator", `${rule.denominatorLabel ?? "分母"}（整数${rule.saturateAt !== undefined ? "，可不填" : ""}）`, "posint"),
      single("list", "名称清单（可选，每行一个）", "lines"),
      ...(rule.coverage ? [single("covered", `${rule.coverage.label}（整数${rule.coverage.total !== undefined ? `，共 ${rule.coverage.total} 个` : ""}）`, "int")] : []),
    ],
    toRows(_rule, v, put) {
      put("numerator", { G: v.numerator as number });
      if (v.denominator !== undefined) put("denominator", { G: v.denominator as number });
      if (Array.isArray(v.list)) put("list", { G: (v.list as string[]).join("\n") });
      if (v.covered !== undefined) put("covered", { G: v.covered as number });
    },
    fromRows(rule, r) {
      r.at("value.numerator", "numerator");
      r.at("value.denominator", "denominator");
      r.at("value.list", "list");
      r.at("value.covered", "covered");
      if (!(r.has("numerator") || r.has("denominator") || r.has("list") || r.has("covered"))) return { valueKey: "numerator" };
      const numerator = r.get<number>("numerator");
      if (!r.has("numerator")) r.required("numerator", `请填写${rule.numeratorLabel}`);
      const denominator = r.get<number>("denominator");
      const list = r.get<string[]>("list");
      const covered = r.has("covered") ? r.get<number>("covered") : undefined;
      return { value: { numerator, ...(denominator !== undefined ? { denominator } : {}), ...(list && list.length ? { list } : {}), ...(covered !== undefined ? { covered } : {}) }, valueKey: "numerator" };
    },
  },
};
