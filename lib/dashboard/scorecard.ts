// The scorecard page's view model: a unit's tree of indicators as table rows, each item
// with its self and reviewed scores, deductions with their events, bonuses and penalties,
// the engine's trace, evidence and review history. Pure: the caller passes what it read.
import type { CompiledEdition } from "../engine/compile";
import { fromExactString, sub, toValue } from "../engine/exact";
import type { TDeductionEvent } from "../engine/facts";
import type { ExactValue } from "../engine/exact";
import type { EditionResult, IndicatorResult, ItemState } from "../engine/types";
import { buildCategoryComparison, pointsLost, ranksOf, summariseCard, type TCardSummary, type TCategory, type TPartState } from "./view";

export const STATE_LABELS: Record<ItemState, string> = { scored: "已评分", "not-entered": "未填报", "not-applicable": "不适用" };
export const METHOD_ACTIONS: Record<string, string> = {
  submit: "提交",
  resubmit: "重新提交",
  accept: "审核通过",
  "accept-as-submitted": "按提交内容确认",
  adjust: "审核调整",
  monitoring: "监测扣分",
  return: "退回修改",
  appeal: "单位申诉",
  "appeal-accept": "申诉成立",
  "appeal-reject": "申诉驳回",
};

export type TEventView = { kind: string; name: string; count: number; unit: string; perEvent: string; date: string | null; lateFix: boolean; fixedDate: string | null; note: string | null; source: "self" | "review" };
export type TEvidenceView = { id: string; title: string; kind: "file" | "link"; href: string; uploadedAt: string; fileName: string | null };
export type TReviewView = { action: string; label: string; method: string | null; comment: string | null; at: string };
export type TModifierView = { kind: "bonus" | "penalty"; name: string; points: string; reason: string };

export type TScorecardRow = {
  kind: "node" | "item";
  depth: number;
  code: string;
  name: string;
  partCode: string;
  max: ExactValue;
  state: ItemState;
  stateLabel: string;
  /** effective (reviewed where reviewed) score */
  score: ExactValue | null;
  self: ExactValue | null;
  diff: ExactValue | null;
  /** items: max − score without bonuses */
  lost: ExactValue | null;
  bonus: ExactValue | null;
  penalty: ExactValue | null;
  source: "review" | "self" | "none" | null;
  overridden: boolean;
  capped: boolean;
  scope: "city" | "unit" | null;
  pooled: boolean;
  trace: string[];
  selfTrace: string[] | null;
  readings: { id: string; chosen: string }[];
  events: TEventView[];
  modifiers: TModifierView[];
  evidence: TEvidenceView[];
  reviews: TReviewView[];
  returnComment: string | null;
};

export type TStoredFacts = { self?: { payload: unknown; status: string; returnComment: string | null }; review?: { payload: unknown } };

export type TScorecardView = {
  summary: TCardSummary;
  ranks: Record<string, { rank: number; of: number } | undefined>;
  rows: TScorecardRow[];
  categories: TCategory[];
};

const diffOf = (a: ExactValue | null, b: ExactValue | null) => (a && b ? toValue(sub(fromExactString(a.exact), fromExactString(b.exact))) : null);

function eventsOf(compiled: CompiledEdition, itemCode: string, facts: TStoredFacts | undefined): TEventView[] {
  const leaf = compiled.leafByCode.get(itemCode);
  if (!leaf || leaf.rule.type !== "deduction" || !facts) return [];
  const source = facts.review ? "review" : "self";
  const payload = (facts.review ?? facts.self)?.payload as { value?: { events?: TDeductionEvent[] } } | undefined;
  const kinds = leaf.rule.pools.flatMap((p) => p.kinds);
  return (payload?.value?.events ?? []).map((e) => {
    const k = kinds.find((x) => x.code === e.kind);
    return {
      kind: e.kind,
      name: k?.name ?? e.kind,
      count: e.count ?? 1,
      unit: k?.eventUnit ?? "次",
      perEvent: k ? toValue(k.perEvent).display : "",
      date: e.date ?? null,
      lateFix: Boolean(k?.lateFix),
      fixedDate: e.fixedDate ?? null,
      note: e.note ?? null,
      source,
    };
  });
}

function modifiersOf(compiled: CompiledEdition, itemCode: string, facts: TStoredFacts | undefined): TModifierView[] {
  const leaf = compiled.leafByCode.get(itemCode);
  const payload = (facts?.review ?? facts?.self)?.payload as { modifiers?: { code: string; reason: string }[] } | undefined;
  if (!leaf || !payload?.modifiers) return [];
  return payload.modifiers.flatMap((m) => {
    const def = leaf.modifiers.get(m.code);
    return def ? [{ kind: def.kind, name: def.name, points: toValue(def.points).display, reason: m.reason }] : [];
  });
}

/** Items of the tree the unit is not assessed on at all (not the unit's own 不适用). */
function notConcerned(n: IndicatorResult): boolean {
  if (n.kind === "item") return n.state === "not-applicable" && n.source === "none" && n.naReason === NOT_CONCERNED;
  return n.children.every(notConcerned);
}
const NOT_CONCERNED = "非本单位考核项";

export function buildScorecardView(args: {
  result: EditionResult;
  compiled: CompiledEdition;
  parts: TPartState[];
  unit: string;
  /** facts by item code, read from the unit the item's facts live under */
  facts: Map<string, TStoredFacts>;
  evidence: Map<string, TEvidenceView[]>;
  reviews: Map<string, TReviewView[]>;
}): TScorecardView | null {
  const { result, compiled, unit } = args;
  const card = result.scorecards.find((c) => c.unit.code === unit);
  if (!card) return null;
  const rows: TScorecardRow[] = [];
  const walk = (nodes: IndicatorResult[], depth: number, partCode: string) => {
    for (const n of nodes) {
      if (notConcerned(n)) continue;
      if (n.kind === "node") {
        rows.push({
          kind: "node",
          depth,
          code: n.code,
          name: n.name,
          partCode,
          max: n.max,
          state: n.state,
          stateLabel: STATE_LABELS[n.state],
          score: n.state === "not-applicable" ? null : n.score,
          self: n.state === "not-applicable" ? null : n.self.score,
          diff: n.state === "not-applicable" ? null : diffOf(n.score, n.self.score),
          lost: null,
          bonus: null,
          penalty: null,
          source: null,
          overridden: false,
          capped: n.capped,
          scope: null,
          pooled: false,
          trace: n.trace,
          selfTrace: null,
          readings: n.readings,
          events: [],
          modifiers: [],
          evidence: [],
          reviews: [],
          returnComment: null,
        });
        walk(n.children, depth + 1, partCode);
        continue;
      }
      const facts = args.facts.get(n.code);
      const lost = pointsLost(n);
      rows.push({
        kind: "item",
        depth,
        code: n.code,
        name: n.name,
        partCode,
        max: n.max,
        state: n.state,
        stateLabel: STATE_LABELS[n.state],
        score: n.score,
        self: n.self.score,
        diff: diffOf(n.score, n.self.score),
        lost: lost ? toValue(lost) : null,
        bonus: n.bonus,
        penalty: n.penalty,
        source: n.source,
        overridden: n.overridden,
        capped: false,
        scope: n.scope,
        pooled: n.pooled,
        trace: n.trace,
        selfTrace: n.self.trace ?? null,
        readings: n.readings,
        events: n.pooled ? [] : eventsOf(compiled, n.code, facts),
        modifiers: modifiersOf(compiled, n.code, facts),
        evidence: args.evidence.get(n.code) ?? [],
        reviews: args.reviews.get(n.code) ?? [],
        returnComment: facts?.self?.status === "returned" ? facts.self.returnComment : null,
      });
    }
  };
  for (const p of card.parts) if (p.status !== "not-assessed") walk(p.indicators, 0, p.code);
  return {
    summary: summariseCard(card, args.parts),
    ranks: ranksOf(result, unit),
    rows,
    categories: card.unit.group === "city" ? [] : buildCategoryComparison(result, unit),
  };
}
