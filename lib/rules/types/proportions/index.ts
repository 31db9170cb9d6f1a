// proportions: Σ points × min(1, numerator ÷ denominator), one term per labelled share
// (服务覆盖度: 按发布办事指南的事项数与清单事项总数占比计分, for 权力事项 and 公共服务事项).
// Its form is a `FieldsDraft`: the 填报 form and the reviewer's editor render its inputs
// generically (form.inputs), so the type needs no component of its own.
import type { z } from "zod";
import { type Exact, ONE, ZERO, add, div, min, mul, parseExact, sum } from "../../../engine/exact";
import { equals, operand, shareOperand } from "../../../engine/explain";
import { single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { normaliseNumber, readCount, str } from "../kit";
import type { DraftInput, FieldsDraft, RuleTypeModule } from "../module";
import { ZProportionsRule, ZProportionsValue } from "./schema";

export type TProportionsRule = z.infer<typeof ZProportionsRule>;
export type CompiledShare = { code: string; label: string; numeratorLabel: string; denominatorLabel: string; points: Exact };
export type CompiledProportions = { type: "proportions"; shares: CompiledShare[] };
export type ProportionsDraft = FieldsDraft<"proportions">;

type ShareValue = { numerator: number; denominator: number };
type Value = { shares: Record<string, ShareValue> };
type AnyShare = { code: string; label: string; numeratorLabel: string; denominatorLabel: string };

const n = (p: string | number) => fmtPoints(pts(p));
const path = (code: string, part: "numerator" | "denominator") => `value.shares.${code}.${part}`;
const key = (code: string, part: "numerator" | "denominator") => `${code}.${part}`;

/** One share's score and its trace line. */
function term(s: CompiledShare, v: ShareValue): { score: Exact; line: string } {
  const share = div(parseExact(v.numerator), v.denominator);
  const used = min(ONE, share);
  const score = mul(s.points, used);
  const shown = shareOperand(share, v.numerator, v.denominator);
  const over = share.compare(ONE) > 0 ? "（超过 1 按 1 计）" : "";
  return { score, line: `${s.label}：${s.numeratorLabel} ${v.numerator} ÷ ${s.denominatorLabel} ${v.denominator}${shown.includes("/") ? "" : ` = ${shown}`}${over}；${operand(s.points)} × ${over ? "1" : shown} ${equals(score)}` };
}

export const proportions: RuleTypeModule<TProportionsRule, CompiledProportions, ProportionsDraft> = {
  type: "proportions",
  label: "多项占比",
  params: ZProportionsRule,
  paramForm: [
    {
      key: "shares",
      label: "各项占比",
      kind: "json",
      required: true,
      hint: "每项一个：[{ code: \"a\", label: \"第一项\", numeratorLabel: \"已发布办事指南的事项数\", denominatorLabel: \"纳入本级行政权力清单的事项总数\", points: \"1.5\" }]；各项分值之和应等于本项分值",
    },
  ],
  values: [ZProportionsValue],
  compile: (rule) => ({
    type: "proportions",
    shares: rule.shares.map((s) => ({ code: s.code, label: s.label, numeratorLabel: s.numeratorLabel, denominatorLabel: s.denominatorLabel, points: parseExact(s.points) })),
  }),
  valueSchema: (rule) => ({
    schema: ZProportionsValue,
    shape: `多项占比型，value 应为 { "shares": { ${rule.shares.map((s) => `"${s.code}": { "numerator": 非负整数, "denominator": 正整数 }`).join(", ")} } }`,
  }),
  check(rule, value, { path: p, errors }) {
    const v = value as Value;
    const known = new Set(rule.shares.map((s) => s.code));
    for (const code of Object.keys(v.shares)) {
      if (!known.has(code)) errors.push({ path: `${p}.shares.${code}`, message: `本项没有代码为“${code}”的占比；应为：${rule.shares.map((s) => `${s.code}（${s.label}）`).join("、")}` });
    }
    for (const s of rule.shares) {
      const sv = v.shares[s.code];
      if (!sv) errors.push({ path: `${p}.shares.${s.code}`, message: `缺少“${s.label}”的${s.numeratorLabel}和${s.denominatorLabel}` });
      else if (sv.numerator > sv.denominator) errors.push({ path: `${p}.shares.${s.code}.numerator`, message: `${s.label}：${s.numeratorLabel} ${sv.numerator} 大于${s.denominatorLabel} ${sv.denominator}` });
    }
  },
  checkParams(rule, c) {
    const seen = new Set<string>();
    rule.shares.forEach((s, i) => {
      if (seen.has(s.code)) c.error(`${c.path}.shares[${i}].code`, `指标${c.label}：占比代码“${s.code}”重复`);
      seen.add(s.code);
      if (pts(s.points).compare(0) <= 0) c.error(`${c.path}.shares[${i}].points`, `指标${c.label}：“${s.label}”的分值应大于0`);
    });
    const total = sum(rule.shares.map((s) => parseExact(s.points)));
    if (!total.equals(c.max)) c.error(`${c.path}.shares`, `指标${c.label}：各项占比的分值之和 ${fmtPoints(total)} 应等于本项分值 max=${fmtPoints(c.max)}`);
  },
  evaluate(_leaf, rule, value) {
    const v = value as Value;
    const missing = rule.shares.filter((s) => !v.shares[s.code]);
    if (missing.length > 0) return { notEntered: [`未填写${missing.map((s) => `“${s.label}”`).join("、")}的数量，暂不计分`] };
    const terms = rule.shares.map((s) => term(s, v.shares[s.code]));
    const base = terms.reduce((acc, t) => add(acc, t.score), ZERO);
    const lines = terms.map((t) => t.line);
    if (terms.length > 1) lines.push(`合计：${terms.map((t) => operand(t.score)).join(" + ")} ${equals(base)}`);
    return { base, lines };
  },
  sample(rule, q, rand) {
    const shares: Record<string, ShareValue> = {};
    for (const s of rule.shares) {
      const denominator = 20 + Math.floor(rand() * 180);
      shares[s.code] = { numerator: Math.min(denominator, Math.round(denominator * (0.6 + 0.4 * q))), denominator };
    }
    return { shares };
  },
  describeRule(rule) {
    const total = sum(rule.shares.map((s) => parseExact(s.points)));
    const terms = rule.shares.map((s) => `${s.label}按${s.numeratorLabel}占${s.denominatorLabel}的比例计分，满分${n(s.points)}分（${n(s.points)}分 × ${s.numeratorLabel} ÷ ${s.denominatorLabel}）`);
    return `${terms.join("；")}；各项相加，全部达到即得满分${fmtPoints(total)}分`;
  },
  describeValue(rule, v) {
    const shares = (v.shares ?? {}) as Record<string, Partial<ShareValue>>;
    return rule.shares.map((s) => {
      const sv = shares[s.code];
      return sv ? `${s.label}：${s.numeratorLabel} ${str(sv.numerator)}，${s.denominatorLabel} ${str(sv.denominator)}` : `${s.label}：未填写`;
    });
  },
  form: {
    initial(rule, value) {
      const shares = ((value ?? {}) as { shares?: Record<string, Partial<ShareValue>> }).shares ?? {};
      const fields: Record<string, string> = {};
      for (const s of rule.shares) {
        fields[key(s.code, "numerator")] = str(shares[s.code]?.numerator);
        fields[key(s.code, "denominator")] = str(shares[s.code]?.denominator);
      }
      return { type: "proportions", fields };
    },
    inputs(rule): DraftInput[] {
      return rule.shares.flatMap((s: AnyShare) => [
        { key: key(s.code, "numerator"), label: s.numeratorLabel, errorKey: path(s.code, "numerator"), inputMode: "numeric" as const, group: s.label },
        { key: key(s.code, "denominator"), label: s.denominatorLabel, errorKey: path(s.code, "denominator"), inputMode: "numeric" as const, group: s.label },
      ]);
    },
    build(rule, draft, errors) {
      const raw = (code: string, part: "numerator" | "denominator") => normaliseNumber(draft.fields[key(code, part)] ?? "");
      if (rule.shares.every((s) => !raw(s.code, "numerator") && !raw(s.code, "denominator"))) return undefined;
      const shares: Record<string, ShareValue> = {};
      for (const s of rule.shares) {
        const num = raw(s.code, "numerator");
        const den = raw(s.code, "denominator");
        let numerator: number | undefined;
        let denominator: number | undefined;
        if (!num) errors[path(s.code, "numerator")] = `请填写${s.label}的${s.numeratorLabel}`;
        else {
          const r = readCount(num, `${s.numeratorLabel}：`);
          if ("error" in r) errors[path(s.code, "numerator")] = r.error;
          else numerator = r.value;
        }
        if (!den) errors[path(s.code, "denominator")] = `请填写${s.label}的${s.denominatorLabel}`;
        else {
          const r = readCount(den, `${s.denominatorLabel}：`, 1);
          if ("error" in r) errors[path(s.code, "denominator")] = r.error;
          else denominator = r.value;
        }
        if (numerator !== undefined && denominator !== undefined) {
          if (numerator > denominator) errors[path(s.code, "numerator")] = `不能大于${s.denominatorLabel}（${denominator}）`;
          shares[s.code] = { numerator, denominator };
        }
      }
      return { shares };
    },
  },
  sheet: {
    fields: (_leaf, rule) =>
      rule.shares.flatMap((s) => [
        single(key(s.code, "numerator"), `${s.label}：${s.numeratorLabel}（整数）`, "int"),
        single(key(s.code, "denominator"), `${s.label}：${s.denominatorLabel}（正整数）`, "posint"),
      ]),
    toRows(_rule, v, put) {
      for (const [code, sv] of Object.entries((v.shares ?? {}) as Record<string, ShareValue>)) {
        put(key(code, "numerator"), { G: sv.numerator });
        put(key(code, "denominator"), { G: sv.denominator });
      }
    },
    fromRows(rule, r) {
      const first = key(rule.shares[0].code, "numerator");
      for (const s of rule.shares) {
        r.at(path(s.code, "numerator"), key(s.code, "numerator"));
        r.at(path(s.code, "denominator"), key(s.code, "denominator"));
      }
      if (!rule.shares.some((s) => r.has(key(s.code, "numerator")) || r.has(key(s.code, "denominator")))) return { valueKey: first };
      const shares: Record<string, ShareValue> = {};
      for (const s of rule.shares) {
        const numerator = r.get<number>(key(s.code, "numerator"));
        const denominator = r.get<number>(key(s.code, "denominator"));
        if (numerator === undefined) r.required(key(s.code, "numerator"), `请填写${s.label}的${s.numeratorLabel}`);
        if (denominator === undefined) r.required(key(s.code, "denominator"), `请填写${s.label}的${s.denominatorLabel}`);
        if (numerator !== undefined && denominator !== undefined) shares[s.code] = { numerator, denominator };
      }
      return { value: { shares }, valueKey: first };
    },
  },
};
