// rating: a reviewer's score within 0..max (the unit never sends one).
import { type Exact, fmt, min, parseExact } from "../../../engine/exact";
import { decimalCell, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../validate";
import { DECIMAL, normaliseNumber, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZRatingRule, ZRatingValue } from "./schema";

export type CompiledRating = { type: "rating"; max: Exact; step?: Exact };

export const rating: RuleTypeModule<"rating"> = {
  type: "rating",
  label: "评审评分",
  params: ZRatingRule,
  paramForm: [
    { key: "max", label: "满分", kind: "points", required: true },
    { key: "step", label: "评分步长", kind: "points", required: false, hint: "如 0.5" },
  ],
  values: [ZRatingValue],
  compile: (rule) => ({ type: "rating", max: parseExact(rule.max), step: rule.step !== undefined ? parseExact(rule.step) : undefined }),
  valueSchema: () => ({ schema: ZRatingValue, shape: `评分型，value 应为 { "score": "分数" }` }),
  check(r, value, { leaf, path: p, errors }) {
    const v = value as { score: string | number };
    const s = parseExact(v.score);
    const top = r.max.compare(leaf.max) < 0 ? r.max : leaf.max;
    if (s.compare(top) > 0) errors.push({ path: `${p}.score`, message: `评分 ${fmt(s)} 超过满分 ${fmt(top)} 分` });
    if (r.step && r.step.n !== 0n && s.div(r.step).d !== 1n) {
      errors.push({ path: `${p}.score`, message: `评分应为 ${fmt(r.step)} 的整数倍` });
    }
  },
  evaluate(leaf, rule, value) {
    const v = value as { score: string | number };
    const s = parseExact(v.score);
    return { base: s, lines: [`评审评分 ${fmt(s)} 分（满分 ${fmt(min(rule.max, leaf.max))} 分）`] };
  },
  describeRule: (rule) => `审核员在0–${fmtPoints(pts(rule.max))}分之间评分${rule.step !== undefined ? `（步长${fmtPoints(pts(rule.step))}分）` : ""}`,
  describeValue: (_rule, v) => [`评分：${str(v.score)}`],
  form: {
    initial(_rule, value) {
      const has = value !== undefined && value !== null;
      return { type: "rating", score: has ? str((value as { score?: unknown }).score) : null };
    },
    build(_rule, s, errors, ctx) {
      if (ctx.role === "self") return undefined; // reviewers rate; a unit never sends a score
      if (s.score && s.score.trim()) {
        const score = normaliseNumber(s.score);
        if (!DECIMAL.test(score)) errors["value.score"] = "评分应为不小于 0 的数";
        return { score };
      }
      if (!ctx.overrideOn) errors["value.score"] = "请填写评分";
      return undefined;
    },
  },
  sheet: {
    fields: (leaf, r) => [single("score", `评分（0～${r.max.compare(leaf.max) < 0 ? r.max.toString() : leaf.max.toString()}）`, "decimal")],
    toRows: (_rule, v, put) => put("score", { G: decimalCell(v.score) }),
    fromRows(_rule, r) {
      r.at("value.score", "score");
      return r.has("score") ? { value: { score: r.get<string>("score") }, valueKey: "score" } : { valueKey: "score" };
    },
  },
};
