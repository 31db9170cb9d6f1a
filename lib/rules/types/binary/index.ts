// binary: 10 or 0 — achieved or not, with the document that proves it.
import { type Exact, ZERO, fmt, parseExact } from "../../../engine/exact";
import { YES_NO, single, yesNoCell } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../validate";
import { DATE, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZBinaryRule, ZBinaryValue } from "./schema";

export type CompiledBinary = { type: "binary"; points: Exact; yesLabel: string; referenceLabel?: string };

export const binary: RuleTypeModule<"binary"> = {
  type: "binary",
  label: "是否",
  params: ZBinaryRule,
  paramForm: [
    { key: "points", label: "达到要求得分", kind: "points", required: true },
    { key: "yesLabel", label: "达到要求的表述", kind: "text", required: true, hint: "如“已正式印发实施方案”" },
    { key: "referenceLabel", label: "依据名称", kind: "text", required: false, hint: "如“印发文号”" },
  ],
  values: [ZBinaryValue],
  compile: (rule) => ({ type: "binary", points: parseExact(rule.points), yesLabel: rule.yesLabel, referenceLabel: rule.referenceLabel }),
  valueSchema: () => ({ schema: ZBinaryValue, shape: `是否型，value 应为 { "yes": true 或 false, "reference"?: "文号", "date"?: "YYYY-MM-DD" }` }),
  check: () => {},
  evaluate(_leaf, rule, value) {
    const v = value as { yes: boolean; reference?: string; date?: string };
    if (v.yes) {
      const ref = [v.reference ? `文号/依据：${v.reference}` : "", v.date ? `日期：${v.date}` : ""].filter(Boolean).join("，");
      return { base: rule.points, lines: [`${rule.yesLabel}：是${ref ? `（${ref}）` : ""}，得 ${fmt(rule.points)} 分`] };
    }
    return { base: ZERO, lines: [`${rule.yesLabel}：否，不得分`] };
  },
  describeRule: (rule) => `${rule.yesLabel}的，得${fmtPoints(pts(rule.points))}分；否则不得分${rule.referenceLabel ? `（需提供${rule.referenceLabel}）` : ""}`,
  describeValue(rule, v) {
    const lines = [`${rule.yesLabel}：${v.yes ? "是" : "否"}`];
    if (v.reference) lines.push(`${rule.referenceLabel ?? "依据"}：${str(v.reference)}`);
    if (v.date) lines.push(`日期：${str(v.date)}`);
    return lines;
  },
  form: {
    initial(_rule, value) {
      const v = (value ?? {}) as Record<string, unknown>;
      const has = value !== undefined && value !== null;
      return { type: "binary", yes: has ? (v.yes ? "yes" : "no") : "", reference: str(v.reference), date: str(v.date) };
    },
    build(_rule, s, errors, ctx) {
      if (s.yes === "" && ctx.role === "self") return undefined;
      const out: Record<string, unknown> = { yes: s.yes === "yes" };
      if (s.reference.trim()) out.reference = s.reference.trim();
      if (s.date) {
        if (!DATE.test(s.date)) errors["value.date"] = "日期格式应为 YYYY-MM-DD";
        out.date = s.date;
      }
      return out;
    },
  },
  sheet: {
    fields: (_leaf, rule) => [
      single("yes", `${rule.yesLabel}（是/否）`, "yesno", YES_NO),
      single("reference", rule.referenceLabel ?? "依据（文号、名称等）", "text"),
      single("date", "日期（YYYY-MM-DD）", "date"),
    ],
    toRows(_rule, v, put) {
      put("yes", { G: yesNoCell(v.yes as boolean) });
      if (v.reference) put("reference", { G: v.reference as string });
      if (v.date) put("date", { G: v.date as string });
    },
    fromRows(_rule, r) {
      r.at("value.yes", "yes");
      r.at("value.reference", "reference");
      r.at("value.date", "date");
      if (!(r.has("yes") || r.has("reference") || r.has("date"))) return { valueKey: "yes" };
      const yes = r.get<boolean>("yes");
      if (!r.has("yes")) r.required("yes", "请填写“是”或“否”");
      const reference = r.get<string>("reference");
      const date = r.get<string>("date");
      return { value: { yes, ...(reference ? { reference } : {}), ...(date ? { date } : {}) }, valueKey: "yes" };
    },
  },
};
