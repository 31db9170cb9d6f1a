// Form descriptions of each rule type's parameters, derived generically from the rule's
// zod schema (z.toJSONSchema). The editor renders fields from these; when the rule-type
// modules (lib/rules/types/) land, their own parameter schemas can be passed instead.
import { z } from "zod";
import { ZRule, type TRuleType } from "../rules/schema";

export type ParamField =
  | { key: string; kind: "points" | "text" | "integer"; required: boolean }
  | { key: string; kind: "enum"; options: string[]; required: boolean }
  | { key: string; kind: "boolean"; required: boolean }
  | { key: string; kind: "json"; required: boolean };

export type RuleForm = { type: TRuleType; fields: ParamField[] };

type JsonSchema = { type?: string; anyOf?: JsonSchema[]; enum?: string[]; const?: unknown; properties?: Record<string, JsonSchema>; required?: string[] };

function fieldOf(key: string, s: JsonSchema, required: boolean): ParamField {
  if (s.anyOf && s.anyOf.some((x) => x.type === "string") && s.anyOf.some((x) => x.type === "integer")) return { key, kind: "points", required };
  if (s.enum) return { key, kind: "enum", options: s.enum, required };
  if (s.type === "string") return { key, kind: "text", required };
  if (s.type === "integer" || s.type === "number") return { key, kind: "integer", required };
  if (s.type === "boolean") return { key, kind: "boolean", required };
  return { key, kind: "json", required };
}

/** Fields of one object schema (the `type` discriminator left out). */
export function formOfSchema(schema: z.ZodType): ParamField[] {
  const js = z.toJSONSchema(schema, { unrepresentable: "any" }) as JsonSchema;
  const req = new Set(js.required ?? []);
  return Object.entries(js.properties ?? {})
    .filter(([k]) => k !== "type")
    .map(([k, s]) => fieldOf(k, s, req.has(k)));
}

export function ruleForms(): RuleForm[] {
  return ZRule.options.map((o) => ({ type: o.shape.type.value as TRuleType, fields: formOfSchema(o) }));
}

export const RULE_TYPE_LABELS: Record<TRuleType, string> = {
  count: "计数（每个计分，封顶）",
  binary: "是否（全得或不得）",
  ratio: "比例",
  deduction: "扣分",
  tiers: "分档",
  choice: "按级别选择",
  rating: "评审打分",
  veto: "单项否决",
};
