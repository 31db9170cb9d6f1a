// rating: a reviewer's score within 0..max (the unit never sends one) — one score for the
// item, or one per column of the 分解表 the item names (R18.columns combines them).
import { z } from "zod";
import { type Exact, ZERO, div, fmt, min, parseExact, sum } from "../../../engine/exact";
import { equals } from "../../../engine/explain";
import type { CompiledLeaf } from "../../../engine/compile";
import { decimalCell, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { DECIMAL, normaliseNumber, str } from "../kit";
import type { ColumnScoreRow, RuleTypeModule } from "../module";
import { ZRatingColumnsValue, ZRatingRule, ZRatingValue } from "./schema";

export type TRatingRule = z.infer<typeof ZRatingRule>;
/** the form's draft of a value (strings as typed) */
export type RatingDraft = { type: "rating"; score: string | null } | { type: "rating"; mode: "columns"; columns: ColumnScoreRow[] };

export type CompiledRating = { type: "rating"; max: Exact; step?: Exact };

type ColumnsValue = { columns: { column: string; score: string | number }[] };
const isColumnsValue = (v: unknown): v is ColumnsValue => typeof v === "object" && v !== null && Array.isArray((v as ColumnsValue).columns);

/** A draft row per column (the unit's columns first, then any stored column not among them). */
export function columnScoreRows(columns: { code: string; name: string }[], value?: unknown): ColumnScoreRow[] {
  const stored = isColumnsValue(value) ? value.columns : [];
  const codes = [...columns.map((c) => c.code), ...stored.map((c) => c.column).filter((c) => !columns.some((x) => x.code === c))];
  return codes.map((code) => ({ column: code, name: columns.find((c) => c.code === code)?.name ?? code, score: str(stored.find((c) => c.column === code)?.score) }));
}

/** The per-column draft (the reviewer's "按栏目分别评分"). */
export function toColumnScoresDraft(columns: { code: string; name: string }[]) {
  return { type: "rating" as const, mode: "columns" as const, columns: columnScoreRows(columns) };
}

function checkScore(r: CompiledRating, s: Exact, top: Exact, path: string, label: string, errors: { path: string; message: string }[]) {
  if (s.compare(top) > 0) errors.push({ path, message: `${label}评分 ${fmt(s)} 超过满分 ${fmt(top)} 分` });
  if (r.step && r.step.n !== 0n && s.div(r.step).d !== 1n) errors.push({ path, message: `${label}评分应为 ${fmt(r.step)} 的整数倍` });
}

export const rating: RuleTypeModule<TRatingRule, CompiledRating, RatingDraft> = {
  type: "rating",
  label: "评审评分",
  params: ZRatingRule,
  paramForm: [
    { key: "max", label: "满分", kind: "points", required: true },
    { key: "step", label: "评分步长", kind: "points", required: false, hint: "如 0.5" },
  ],
  values: [ZRatingValue, ZRatingColumnsValue],
  compile: (rule) => ({ type: "rating", max: parseExact(rule.max), step: rule.step !== undefined ? parseExact(rule.step) : undefined }),
  valueSchema: () => ({
    schema: z.union([ZRatingValue, ZRatingColumnsValue]),
    shape: `评分型，value 应为 { "score": "分数" } 或按栏目 { "columns": [{ "column": "栏目代码", "score": "分数" }] }`,
  }),
  check(r, value, { leaf, path: p, errors }) {
    const top = r.max.compare(leaf.max) < 0 ? r.max : leaf.max;
    if (isColumnsValue(value)) {
      const allowed = leaf.columns ?? [];
      const seen = new Set<string>();
      value.columns.forEach((c, i) => {
        const col = allowed.find((x) => x.code === c.column);
        if (!col) {
          const list = allowed.length > 0 ? `应为 ${allowed.map((x) => `${x.code}（${x.name}）`).join("、")}` : "本项未列出考核栏目，请填写一个总评分（score）";
          errors.push({ path: `${p}.columns[${i}].column`, message: `“${c.column}”不是本项考核的栏目，${list}` });
        } else if (seen.has(c.column)) {
          errors.push({ path: `${p}.columns[${i}].column`, message: `栏目“${col.name}”评了两次，每个栏目只评一次` });
        }
        seen.add(c.column);
        checkScore(r, parseExact(c.score), top, `${p}.columns[${i}].score`, `栏目“${col?.name ?? c.column}”的`, errors);
      });
      return;
    }
    const v = value as { score: string | number };
    checkScore(r, parseExact(v.score), top, `${p}.score`, "", errors);
  },
  evaluate(leaf, rule, value) {
    const top = min(rule.max, leaf.max);
    if (isColumnsValue(value)) {
      // R18.columns: each column is rated on the item's whole scale; the item takes their mean (or the lowest)
      const name = (code: string) => leaf.columns?.find((c) => c.code === code)?.name ?? code;
      const scores = value.columns.map((c) => parseExact(c.score));
      const lines = [`各栏目评审评分（每栏满分 ${fmt(top)} 分）：${value.columns.map((c, i) => `${name(c.column)} ${fmt(scores[i])}`).join("、")}`];
      if (leaf.options?.columnRatings === "lowest") {
        const low = scores.reduce((a, b) => (b.compare(a) < 0 ? b : a));
        lines.push(`取最低分 ${fmt(low)} 分（口径 R18.columns = lowest）`);
        return { base: low, lines };
      }
      const mean = scores.length > 0 ? div(sum(scores), scores.length) : ZERO;
      lines.push(`${scores.length} 个栏目的平均分：${fmt(sum(scores))} ÷ ${scores.length} ${equals(mean)}`);
      return { base: mean, lines };
    }
    const v = value as { score: string | number };
    const s = parseExact(v.score);
    return { base: s, lines: [`评审评分 ${fmt(s)} 分（满分 ${fmt(top)} 分）`] };
  },
  describeRule: (rule) => `审核员在0–${fmtPoints(pts(rule.max))}分之间评分${rule.step !== undefined ? `（步长${fmtPoints(pts(rule.step))}分）` : ""}`,
  describeValue: (_rule, v) => (isColumnsValue(v) ? v.columns.map((c) => `${c.column} 评分：${str(c.score)}`) : [`评分：${str(v.score)}`]),
  form: {
    initial(_rule, value, opts) {
      if (isColumnsValue(value)) return { type: "rating", mode: "columns", columns: columnScoreRows(opts?.columns ?? [], value) };
      const has = value !== undefined && value !== null;
      return { type: "rating", score: has ? str((value as { score?: unknown }).score) : null };
    },
    build(_rule, s, errors, ctx) {
      if (ctx.role === "self") return undefined; // reviewers rate; a unit never sends a score
      if ("mode" in s) {
        const columns = s.columns.flatMap((c, i) => {
          if (!c.score.trim()) return [];
          const score = normaliseNumber(c.score);
          if (!DECIMAL.test(score)) errors[`value.columns.${i}.score`] = `栏目“${c.name}”的评分应为不小于 0 的数`;
          return [{ column: c.column, score }];
        });
        if (columns.length > 0) return { columns };
        if (!ctx.overrideOn) errors["value.columns"] = "请至少为一个栏目评分";
        return undefined;
      }
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
    fieldFromKey: (leaf, r, key) => {
      const m = COLUMN_KEY.exec(key);
      return m ? columnField(leaf, r, m[1]) : undefined;
    },
    fields(leaf, r, current) {
      // a stored per-column rating keeps its columns (a fresh sheet asks for one score)
      if (isColumnsValue(current)) return current.columns.map((c) => columnField(leaf, r, c.column));
      return [single("score", `评分（0～${topOf(leaf, r)}）`, "decimal")];
    },
    toRows(_rule, v, put) {
      if (isColumnsValue(v)) v.columns.forEach((c) => put(`column:${c.column}`, { G: decimalCell(c.score) }));
      else put("score", { G: decimalCell(v.score) });
    },
    fromRows(_rule, r) {
      const keys = r.fields.map((f) => ({ key: f.key, m: COLUMN_KEY.exec(f.key) })).filter((x) => x.m);
      if (keys.length > 0) {
        keys.forEach((x, i) => r.at(`value.columns[${i}].score`, x.key));
        const columns = keys.filter((x) => r.has(x.key)).map((x) => ({ column: x.m![1], score: r.get<string>(x.key) as string }));
        return columns.length > 0 ? { value: { columns }, valueKey: keys[0].key } : { valueKey: keys[0].key };
      }
      r.at("value.score", "score");
      return r.has("score") ? { value: { score: r.get<string>("score") }, valueKey: "score" } : { valueKey: "score" };
    },
  },
};

// sheet rows of a per-column rating: "column:<栏目代码>"
const COLUMN_KEY = /^column:([^:]+)$/;
const topOf = (leaf: CompiledLeaf, r: CompiledRating) => (r.max.compare(leaf.max) < 0 ? r.max.toString() : leaf.max.toString());
function columnField(leaf: CompiledLeaf, r: CompiledRating, column: string) {
  const name = leaf.columns?.find((c) => c.code === column)?.name ?? column;
  return single(`column:${column}`, `${name} 评分（0～${topOf(leaf, r)}）`, "decimal");
}
