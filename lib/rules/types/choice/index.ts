// choice: levels with points; several chosen → the highest or the lowest counts.
import { type Exact, fmt, parseExact } from "../../../engine/exact";
import { YES, YES_NO, NO, single } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { listCodes, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZChoiceRule, ZChoiceValue } from "./schema";
import type { z } from "zod";

export type TChoiceRule = z.infer<typeof ZChoiceRule>;
/** the form's draft of a value (strings as typed) */
export type ChoiceDraft = { type: "choice"; levels: string[]; none: boolean };

export type CompiledChoice = {
  type: "choice";
  levels: { code: string; name: string; points: Exact }[];
  combine: "highest" | "lowest";
  noneLabel: string;
  nonePoints: Exact;
};

const n = (p: string | number) => fmtPoints(pts(p));

export const choice: RuleTypeModule<TChoiceRule, CompiledChoice, ChoiceDraft> = {
  type: "choice",
  label: "按级别",
  params: ZChoiceRule,
  paramForm: [
    { key: "levels", label: "级别", kind: "json", required: true, hint: "[{ code, name, points }]" },
    {
      key: "combine",
      label: "选了多个级别时",
      kind: "enum",
      required: true,
      options: [
        { value: "highest", label: "取最高分" },
        { value: "lowest", label: "取最低分" },
      ],
    },
    { key: "noneLabel", label: "未选级别时的表述", kind: "text", required: true, hint: "如“未开展访谈”" },
    { key: "nonePoints", label: "未选级别时得分", kind: "points", required: true },
  ],
  values: [ZChoiceValue],
  compile: (rule) => ({
    type: "choice",
    levels: rule.levels.map((l) => ({ code: l.code, name: l.name, points: parseExact(l.points) })),
    combine: rule.combine,
    noneLabel: rule.noneLabel,
    nonePoints: parseExact(rule.nonePoints),
  }),
  valueSchema: () => ({ schema: ZChoiceValue, shape: `选择型，value 应为 { "levels": ["级别代码", …] }` }),
  check(r, value, { path: p, errors }) {
    const v = value as { levels: string[] };
    v.levels.forEach((c, i) => {
      if (!r.levels.some((l) => l.code === c)) errors.push({ path: `${p}.levels[${i}]`, message: `未知的级别 “${c}”，应为 ${listCodes(r.levels)}` });
    });
  },
  evaluate(_leaf, rule, value) {
    const v = value as { levels: string[] };
    const chosen = [...new Set(v.levels)].map((c) => rule.levels.find((l) => l.code === c)).filter((l): l is NonNullable<typeof l> => !!l);
    if (chosen.length === 0) return { base: rule.nonePoints, lines: [`${rule.noneLabel}，得 ${fmt(rule.nonePoints)} 分`] };
    let pick = chosen[0];
    for (const l of chosen) {
      const c = l.points.compare(pick.points);
      if ((rule.combine === "highest" && c > 0) || (rule.combine === "lowest" && c < 0)) pick = l;
    }
    const listed = chosen.map((l) => `${l.name}（${fmt(l.points)} 分）`).join("、");
    const how = chosen.length > 1 ? (rule.combine === "highest" ? "取最高" : "取最低") + "，" : "";
    const dup = v.levels.length > chosen.length ? "（同一级别重复不累计）" : "";
    return { base: pick.points, lines: [`所选：${listed}${dup}；${how}按“${pick.name}”得 ${fmt(pick.points)} 分`] };
  },
  describeRule(rule) {
    const levels = rule.levels.map((l) => `${l.name}得${n(l.points)}分`).join("；");
    const combine = rule.combine === "highest" ? "同时有多项时按得分最高者计" : "同时有多项时按得分最低者计";
    return `按级别计分：${levels}；${combine}；${rule.noneLabel}得${n(rule.nonePoints)}分`;
  },
  describeValue(rule, v) {
    const chosen = ((v.levels as string[]) ?? []).map((c) => rule.levels.find((l) => l.code === c)?.name ?? c);
    return [chosen.length ? `所选：${chosen.join("、")}` : rule.noneLabel];
  },
  form: {
    initial(_rule, value) {
      const has = value !== undefined && value !== null;
      const v = (value ?? {}) as Record<string, unknown>;
      const levels = Array.isArray(v.levels) ? v.levels.map(str) : [];
      return { type: "choice", levels, none: has && levels.length === 0 };
    },
    build(_rule, s, _errors, ctx) {
      if (s.levels.length > 0) return { levels: s.levels };
      return s.none || ctx.role === "review" ? { levels: [] } : undefined;
    },
  },
  sheet: {
    fields: (_leaf, r) => r.levels.map((l) => single(`level.${l.code}`, `${l.name}（是/否）`, "yesno", YES_NO)),
    toRows(r, v, put) {
      const chosen = new Set(v.levels as string[]);
      for (const l of r.levels) put(`level.${l.code}`, { G: chosen.has(l.code) ? YES : NO });
    },
    fromRows(r, reader) {
      const valueKey = `level.${r.levels[0].code}`;
      if (!r.levels.some((l) => reader.has(`level.${l.code}`))) return { valueKey };
      const levels = r.levels.filter((l) => reader.get<boolean>(`level.${l.code}`) === true).map((l) => l.code);
      levels.forEach((code, i) => reader.at(`value.levels[${i}]`, `level.${code}`));
      return { value: { levels }, valueKey };
    },
  },
};
