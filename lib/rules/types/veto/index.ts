// veto: 单项否决 — triggered fails the part whatever its points.
import { ZERO } from "../../../engine/exact";
import { YES_NO, single, yesNoCell } from "../../../offline-form/cells";
import { str } from "../kit";
import type { RuleTypeModule } from "../module";
import { ZVetoRule, ZVetoValue } from "./schema";
import type { z } from "zod";
import type { YesNo } from "../kit";

export type TVetoRule = z.infer<typeof ZVetoRule>;
/** the form's draft of a value (strings as typed) */
export type VetoDraft = { type: "veto"; triggered: YesNo; reason: string };

export type CompiledVeto = { type: "veto"; condition: string };

export const veto: RuleTypeModule<TVetoRule, CompiledVeto, VetoDraft> = {
  type: "veto",
  label: "否决",
  params: ZVetoRule,
  paramForm: [{ key: "condition", label: "否决条件", kind: "text", required: true }],
  values: [ZVetoValue],
  compile: (rule) => ({ type: "veto", condition: rule.condition }),
  valueSchema: () => ({ schema: ZVetoValue, shape: `否决型，value 应为 { "triggered": true 或 false, "reason"?: "说明" }` }),
  check: () => {},
  evaluate(leaf, rule, value) {
    const v = value as { triggered: boolean; reason?: string };
    if (v.triggered) {
      const why = `${rule.condition}${v.reason ? `（${v.reason}）` : ""}`;
      return { base: ZERO, lines: [`触发单项否决：${why}，本部分计 0 分`], vetoed: true, vetoReason: why };
    }
    return { base: leaf.max, lines: [`未触发否决事项（${rule.condition}）`] };
  },
  describeRule: (rule) => `单项否决：${rule.condition}的，本部分考核不合格（不论得分多少）`,
  describeValue: (_rule, v) => [`触发否决：${v.triggered ? "是" : "否"}${v.reason ? `（${str(v.reason)}）` : ""}`],
  form: {
    initial(_rule, value) {
      const has = value !== undefined && value !== null;
      const v = (value ?? {}) as Record<string, unknown>;
      return { type: "veto", triggered: has ? (v.triggered ? "yes" : "no") : "", reason: str(v.reason) };
    },
    build(_rule, s, _errors, ctx) {
      if (s.triggered === "" && ctx.role === "self") return undefined;
      const out: Record<string, unknown> = { triggered: s.triggered === "yes" };
      if (s.reason.trim()) out.reason = s.reason.trim();
      return out;
    },
  },
  sheet: {
    fields: (_leaf, r) => [single("triggered", `${r.condition}（是/否）`, "yesno", YES_NO), single("reason", "说明", "text")],
    toRows(_rule, v, put) {
      put("triggered", { G: yesNoCell(v.triggered as boolean) });
      if (v.reason) put("reason", { G: v.reason as string });
    },
    fromRows(_rule, r) {
      r.at("value.triggered", "triggered");
      r.at("value.reason", "reason");
      if (!(r.has("triggered") || r.has("reason"))) return { valueKey: "triggered" };
      const triggered = r.get<boolean>("triggered");
      if (!r.has("triggered")) r.required("triggered", "请填写“是”或“否”");
      const reason = r.get<string>("reason");
      return { value: { triggered, ...(reason ? { reason } : {}) }, valueKey: "triggered" };
    },
  },
};
