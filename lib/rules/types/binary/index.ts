// binary: 10 or 0 — achieved or not, with the document that proves it.
import { type Exact, ZERO, fmt, parseExact } from "../../../engine/exact";
import { z } from "zod";
import type { CompiledLeaf } from "../../../engine/compile";
import { YES_NO, single, yesNoCell } from "../../../offline-form/cells";
import { fmt as fmtPoints, pts } from "../../primitives";
import { DATE, str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZBinaryNotInvolvedValue, ZBinaryRule, ZBinaryValue } from "./schema";
import type { YesNo } from "../kit";

export type TBinaryRule = z.infer<typeof ZBinaryRule>;
/** the form's draft of a value (strings as typed) */
export type BinaryDraft = { type: "binary"; yes: YesNo; reference: string; date: string; notInvolved?: boolean };

/** Whether a unit may say "not involved, but claims the bonus" here: an opt-in (or 不适用-able) item with a bonus. */
export const allowsNotInvolved = (leaf: Pick<CompiledLeaf, "applicability" | "allowNotApplicable" | "modifiers">) =>
  (leaf.applicability === "opt-in" || leaf.allowNotApplicable) && [...leaf.modifiers.values()].some((m) => m.kind === "bonus");
const isNotInvolved = (v: unknown) => typeof v === "object" && v !== null && (v as { notInvolved?: unknown }).notInvolved === true;

export type CompiledBinary = { type: "binary"; points: Exact; yesLabel: string; referenceLabel?: string };

export const binary: RuleTypeModule<TBinaryRule, CompiledBinary, BinaryDraft> = {
  type: "binary",
  label: "是否",
  params: ZBinaryRule,
  paramForm: [
    { key: "points", label: "达到要求得分", kind: "points", required: true },
    { key: "yesLabel", label: "达到要求的表述", kind: "text", required: true, hint: "如“已正式印发实施方案”" },
    { key: "referenceLabel", label: "依据名称", kind: "text", required: false, hint: "如“印发文号”" },
  ],
  values: [ZBinaryValue, ZBinaryNotInvolvedValue],
  compile: (rule) => ({ type: "binary", points: parseExact(rule.points), yesLabel: rule.yesLabel, referenceLabel: rule.referenceLabel }),
  valueSchema: () => ({
    schema: z.union([ZBinaryValue, ZBinaryNotInvolvedValue]),
    shape: `是否型，value 应为 { "yes": true 或 false, "reference"?: "文号", "date"?: "YYYY-MM-DD" }（自愿参与项可为 { "notInvolved": true }）`,
  }),
  check(_rule, value, { leaf, path, errors }) {
    if (isNotInvolved(value) && !allowsNotInvolved(leaf)) {
      errors.push({ path: `${path}.notInvolved`, message: `“未涉及（仅申报加分）”只用于可申报参与且设有加分的指标；本项请填写“是”或“否”` });
    }
  },
  evaluate(_leaf, rule, value) {
    if (isNotInvolved(value)) {
      const v = value as { reference?: string; date?: string };
      const ref = [v.reference ? `依据：${v.reference}` : "", v.date ? `日期：${v.date}` : ""].filter(Boolean).join("，");
      return { base: ZERO, lines: [`未涉及“${rule.yesLabel}”的要求${ref ? `（${ref}）` : ""}`], baseNotApplicable: "未涉及本项基础要求" };
    }
    const v = value as { yes: boolean; reference?: string; date?: string };
    if (v.yes) {
      const ref = [v.reference ? `文号/依据：${v.reference}` : "", v.date ? `日期：${v.date}` : ""].filter(Boolean).join("，");
      return { base: rule.points, lines: [`${rule.yesLabel}：是${ref ? `（${ref}）` : ""}，得 ${fmt(rule.points)} 分`] };
    }
    return { base: ZERO, lines: [`${rule.yesLabel}：否，不得分`] };
  },
  describeRule: (rule) => `${rule.yesLabel}的，得${fmtPoints(pts(rule.points))}分；否则不得分${rule.referenceLabel ? `（需提供${rule.referenceLabel}）` : ""}`,
  describeValue(rule, v) {
    const lines = [isNotInvolved(v) ? `${rule.yesLabel}：未涉及（仅申报加分）` : `${rule.yesLabel}：${v.yes ? "是" : "否"}`];
    if (v.reference) lines.push(`${rule.referenceLabel ?? "依据"}：${str(v.reference)}`);
    if (v.date) lines.push(`日期：${str(v.date)}`);
    return lines;
  },
  form: {
    initial(_rule, value) {
      const v = (value ?? {}) as Record<string, unknown>;
      const has = value !== undefined && value !== null;
      if (isNotInvolved(value)) return { type: "binary", yes: "", notInvolved: true, reference: str(v.reference), date: str(v.date) };
      return { type: "binary", yes: has ? (v.yes ? "yes" : "no") : "", reference: str(v.reference), date: str(v.date) };
    },
    build(_rule, s, errors, ctx) {
      if (s.yes === "" && !s.notInvolved && ctx.role === "self") return undefined;
      const out: Record<string, unknown> = s.notInvolved ? { notInvolved: true } : { yes: s.yes === "yes" };
      if (s.reference.trim()) out.reference = s.reference.trim();
      if (s.date) {
        if (!DATE.test(s.date)) errors["value.date"] = "日期格式应为 YYYY-MM-DD";
        out.date = s.date;
      }
      return out;
    },
  },
  sheet: {
    fields: (leaf, rule) => [
      single("yes", `${rule.yesLabel}（是/否）`, "yesno", YES_NO),
      ...(allowsNotInvolved(leaf) ? [single("notInvolved", `未涉及本项、仅申报加分（填“是”时上一行留空，并在加分行申报）`, "yesno", YES_NO)] : []),
      single("reference", rule.referenceLabel ?? "依据（文号、名称等）", "text"),
      single("date", "日期（YYYY-MM-DD）", "date"),
    ],
    toRows(_rule, v, put) {
      if (isNotInvolved(v)) put("notInvolved", { G: yesNoCell(true) });
      else put("yes", { G: yesNoCell(v.yes as boolean) });
      if (v.reference) put("reference", { G: v.reference as string });
      if (v.date) put("date", { G: v.date as string });
    },
    fromRows(_rule, r) {
      r.at("value.yes", "yes");
      r.at("value.reference", "reference");
      r.at("value.date", "date");
      if (r.fields.some((f) => f.key === "notInvolved")) r.at("value.notInvolved", "notInvolved");
      if (r.has("notInvolved") && r.get<boolean>("notInvolved") === true) {
        if (r.has("yes")) r.required("notInvolved", "已填“未涉及本项”时，请将“是/否”一行留空");
        const reference = r.get<string>("reference");
        const date = r.get<string>("date");
        return { value: { notInvolved: true, ...(reference ? { reference } : {}), ...(date ? { date } : {}) }, valueKey: "notInvolved" };
      }
      if (!(r.has("yes") || r.has("reference") || r.has("date"))) return { valueKey: "yes" };
      const yes = r.get<boolean>("yes");
      if (!r.has("yes")) r.required("yes", "请填写“是”或“否”");
      const reference = r.get<string>("reference");
      const date = r.get<string>("date");
      return { value: { yes, ...(reference ? { reference } : {}), ...(date ? { date } : {}) }, valueKey: "yes" };
    },
  },
};
