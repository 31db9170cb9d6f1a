// The reviewer's editable copy of an item's facts, per rule type, and its conversion to and
// from the stored payload. Pure, so the editor stays a thin view over it.
import type { TRule } from "@/lib/rules/schema";
import { normaliseNumber, readCount, readDecimal } from "@/components/self-assessment/form-state";
import type { PayloadView } from "@/lib/review/view-types";

export type EventDraft = { kind: string; count: string; date: string; fixedDate: string; note: string };

export type ValueDraft =
  | { type: "count"; items: string[] }
  | { type: "binary"; yes: boolean; reference: string; date: string }
  | { type: "ratio"; numerator: string; denominator: string; list: string }
  | { type: "deduction"; events: EventDraft[] }
  | { type: "tiers-monthly"; monthly: string[] }
  | { type: "tiers-value"; value: string }
  | { type: "choice"; levels: string[] }
  | { type: "rating"; score: string }
  | { type: "veto"; triggered: boolean; reason: string };

export type Draft = {
  value: ValueDraft;
  /** the value was left empty on purpose (e.g. rating not decided): omit it */
  naOn: boolean;
  naReason: string;
  conditions: Record<string, boolean>;
  modifiers: Record<string, { on: boolean; reason: string }>;
  overrideOn: boolean;
  overrideScore: string;
  overrideReason: string;
  note: string;
};

export const RULE_TYPE_LABELS: Record<TRule["type"], string> = {
  count: "计数",
  binary: "是否",
  ratio: "比例",
  deduction: "扣分",
  tiers: "分档",
  choice: "按级别",
  rating: "评审评分",
  veto: "否决",
};

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function emptyEvent(rule: Extract<TRule, { type: "deduction" }>): EventDraft {
  return { kind: rule.pools[0]?.kinds[0]?.code ?? "", count: "1", date: "", fixedDate: "", note: "" };
}

function valueDraft(rule: TRule, value: unknown): ValueDraft {
  const v = (value ?? {}) as Record<string, unknown>;
  switch (rule.type) {
    case "count":
      return { type: "count", items: Array.isArray(v.items) && v.items.length ? (v.items as string[]) : [""] };
    case "binary":
      return { type: "binary", yes: v.yes === true, reference: str(v.reference), date: str(v.date) };
    case "ratio":
      return { type: "ratio", numerator: str(v.numerator), denominator: str(v.denominator), list: Array.isArray(v.list) ? (v.list as string[]).join("\n") : "" };
    case "deduction":
      return {
        type: "deduction",
        events: ((v.events as Record<string, unknown>[]) ?? []).map((e) => ({ kind: str(e.kind), count: str(e.count ?? 1), date: str(e.date), fixedDate: str(e.fixedDate), note: str(e.note) })),
      };
    case "tiers":
      if (rule.measure === "monthlyAverage") {
        const months = rule.months ?? 12;
        const m = Array.isArray(v.monthly) ? (v.monthly as unknown[]) : [];
        return { type: "tiers-monthly", monthly: Array.from({ length: months }, (_, i) => str(m[i])) };
      }
      return { type: "tiers-value", value: str(v.value) };
    case "choice":
      return { type: "choice", levels: Array.isArray(v.levels) ? (v.levels as string[]) : [] };
    case "rating":
      return { type: "rating", score: str(v.score) };
    case "veto":
      return { type: "veto", triggered: v.triggered === true, reason: str(v.reason) };
  }
}

export function draftFromPayload(rule: TRule, payload: PayloadView | null | undefined, modifiers: { code: string }[]): Draft {
  const p = payload ?? {};
  return {
    value: valueDraft(rule, p.value),
    naOn: Boolean(p.notApplicable),
    naReason: p.notApplicable?.reason ?? "",
    conditions: { ...(p.conditions ?? {}) },
    modifiers: Object.fromEntries(modifiers.map((m) => [m.code, { on: Boolean(p.modifiers?.some((x) => x.code === m.code)), reason: p.modifiers?.find((x) => x.code === m.code)?.reason ?? "" }])),
    overrideOn: Boolean(p.override),
    overrideScore: p.override ? String(p.override.score) : "",
    overrideReason: p.override?.reason ?? "",
    note: p.note ?? "",
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** The payload to send, or field errors (keyed like the engine's paths) for what cannot be sent. */
export function payloadFromDraft(rule: TRule, d: Draft, overrideMax: string, actionReason?: string): { payload: PayloadView; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const payload: PayloadView = {};
  if (d.naOn) {
    if (!d.naReason.trim()) errors["notApplicable.reason"] = "请填写不适用的理由";
    payload.notApplicable = { reason: d.naReason.trim() };
  } else {
    const v = d.value;
    switch (v.type) {
      case "count":
        payload.value = { items: v.items.map((s) => s.trim()).filter(Boolean) };
        break;
      case "binary":
        payload.value = { yes: v.yes, ...(v.reference.trim() ? { reference: v.reference.trim() } : {}), ...(v.date ? { date: v.date } : {}) };
        break;
      case "ratio": {
        const numLabel = `${rule.type === "ratio" ? rule.numeratorLabel : "分子"}：`;
        const denLabel = `${rule.type === "ratio" ? (rule.denominatorLabel ?? "分母") : "分母"}：`;
        const num = readCount(v.numerator, numLabel);
        const den = normaliseNumber(v.denominator) ? readCount(v.denominator, denLabel, 1) : null;
        if ("error" in num) errors["value.numerator"] = num.error;
        if (den && "error" in den) errors["value.denominator"] = den.error;
        if (rule.type === "ratio" && !rule.saturateAt && !den) errors["value.denominator"] = "请填写分母";
        const list = v.list
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean);
        payload.value = {
          numerator: "value" in num ? num.value : Number(normaliseNumber(v.numerator)),
          ...(den ? { denominator: "value" in den ? den.value : Number(normaliseNumber(v.denominator)) } : {}),
          ...(list.length ? { list } : {}),
        };
        break;
      }
      case "deduction": {
        const lateKinds = new Set(rule.type === "deduction" ? rule.pools.flatMap((p) => p.kinds.filter((k) => k.lateFix).map((k) => k.code)) : []);
        payload.value = {
          events: v.events.map((e, i) => {
            const count = readCount(e.count, `第 ${i + 1} 条次数`, 1);
            if ("error" in count) errors[`value.events.${i}.count`] = count.error;
            return {
              kind: e.kind,
              count: "value" in count ? count.value : Number(normaliseNumber(e.count)),
              ...(e.date ? { date: e.date } : {}),
              ...(lateKinds.has(e.kind) ? { fixedDate: e.fixedDate || null } : {}),
              ...(e.note.trim() ? { note: e.note.trim() } : {}),
            };
          }),
        };
        break;
      }
      case "tiers-monthly": {
        const measure = rule.type === "tiers" ? rule.measureLabel : "数量";
        const monthly = v.monthly.map(normaliseNumber);
        monthly.forEach((m, i) => {
          const r = m ? readCount(m, `${i + 1}月${measure}`) : null;
          if (r && "error" in r) errors[`value.monthly.${i}`] = r.error;
        });
        payload.value = { monthly: monthly.map((m) => (m ? m : null)) };
        break;
      }
      case "tiers-value": {
        const t = normaliseNumber(v.value);
        const r = readDecimal(t, rule.type === "tiers" ? `${rule.measureLabel}：` : "");
        if ("error" in r) errors["value.value"] = r.error;
        payload.value = { value: t };
        break;
      }
      case "choice":
        payload.value = { levels: v.levels };
        break;
      case "rating":
        if (v.score.trim()) {
          const score = normaliseNumber(v.score);
          if (!DECIMAL.test(score)) errors["value.score"] = "评分应为不小于 0 的数";
          payload.value = { score };
        } else if (!d.overrideOn) errors["value.score"] = "请填写评分";
        break;
      case "veto":
        payload.value = { triggered: v.triggered, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) };
        break;
    }
  }
  const conditions = Object.entries(d.conditions);
  if (conditions.length) payload.conditions = Object.fromEntries(conditions);
  const mods = Object.entries(d.modifiers).filter(([, m]) => m.on);
  mods.forEach(([code, m]) => {
    if (!m.reason.trim()) errors[`modifiers.${code}`] = "请填写理由";
  });
  if (mods.length) payload.modifiers = mods.map(([code, m]) => ({ code, reason: m.reason.trim() }));
  if (d.overrideOn) {
    const s = normaliseNumber(d.overrideScore);
    if (!DECIMAL.test(s)) errors["override.score"] = `请填写 0～${overrideMax} 之间的分数`;
    else if (Number(s) > Number(overrideMax)) errors["override.score"] = `核定得分超出允许范围 0～${overrideMax} 分`;
    // one action, one reason: the adjustment's 调整理由 is the override's reason
    const reason = (actionReason ?? d.overrideReason).trim();
    if (!reason && actionReason === undefined) errors["override.reason"] = "核定得分须写明理由";
    payload.override = { score: s, reason };
  }
  if (d.note.trim()) payload.note = d.note.trim();
  return { payload, errors };
}

/** Engine paths ("modifiers.1.reason") → the editor's keys ("modifiers.<code>"). */
export function editorErrorKey(path: string, d: Draft): string {
  const m = /^modifiers\.(\d+)/.exec(path);
  if (m) {
    const on = Object.entries(d.modifiers).filter(([, x]) => x.on);
    return on[Number(m[1])] ? `modifiers.${on[Number(m[1])][0]}` : path;
  }
  return path;
}
