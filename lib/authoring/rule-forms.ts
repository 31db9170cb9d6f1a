// The draft editor's rule forms: each rule type's parameter form as its module declares it
// (lib/rules/types/<type>/index.ts, `paramForm`), with the type's Chinese name. Nothing about a
// rule type's parameters is restated here.
import { RULE_TYPES, type ParamField } from "../rules/types";
import type { TRuleType } from "../rules/schema";

export type { ParamField };

export type RuleForm = { type: TRuleType; label: string; fields: ParamField[] };

export function ruleForms(): RuleForm[] {
  return Object.values(RULE_TYPES).map((m) => ({ type: m.type, label: m.label, fields: m.paramForm }));
}
