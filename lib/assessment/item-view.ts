// One view of an item for every page that shows it (the unit's item page, the reviewer's
// item card): names, path, rule, texts, and the 考核方式 — the leaf's own, else its nearest
// ancestor's (part 1 lists them on the 二级). The reviewer's card extends it with what only
// reviewers use (override range, working-day deadline, both sides' facts, the history,
// evidence and its check). Plain values only (no Exact, no rows, dates as ISO strings).
import { toDisplay } from "../engine/exact";
import type { CompiledEdition, CompiledLeaf } from "../engine/compile";
import type { ItemResult } from "../engine/types";
import { describeRule } from "../rules/describe";
import { deadlineOf } from "../rules/edition-data";
import type { TIndicator, TModifier, TRule } from "../rules/schema";
import { isRepeatable } from "../rules/types/modifiers";
import type { EvidenceView, ItemStatusView, PayloadView, ReviewEventView } from "../review/view-types";
import { asksEvidence, leafMethods } from "./submit-summary";

/** A modifier of the item; `repeatable`: a penalty entered once per occurrence (reading R11 per-occurrence). */
export type ItemModifier = TModifier & { repeatable: boolean };

export type ItemView = {
  code: string;
  name: string;
  pathNames: string[];
  partCode: string;
  partName: string;
  max: string;
  rule: TRule;
  preconditions: NonNullable<TIndicator["preconditions"]>;
  modifiers: ItemModifier[];
  allowNotApplicable: boolean;
  optIn: boolean;
  cityLevel: boolean;
  /** the rule in plain Chinese (describeRule) */
  description: string;
  scoringText: string | null;
  requirementText: string | null;
  /** 考核方式: the leaf's own, else inherited from the nearest ancestor */
  methods: string[];
  readings: { id: string; source: string; chosen: string }[];
  /** the 分解表 columns the item names that concern the unit (per-column facts: 动态信息, 重点信息公开) */
  columns: { code: string; name: string }[];
};

/** The columns an item names that a unit keeps (all of them when the unit keeps none or is not given). */
export function columnsForUnit(leaf: CompiledLeaf, unitCode?: string): { code: string; name: string }[] {
  const all = leaf.columns ?? [];
  const own = unitCode ? all.filter((c) => c.units.has(unitCode)) : [];
  return (own.length > 0 ? own : all).map((c) => ({ code: c.code, name: c.name }));
}

const methodsCache = new WeakMap<CompiledEdition, Map<string, string[]>>();

/** 考核方式 of a leaf: its own, else its nearest ancestor's (computed once per edition). */
export function itemMethods(compiled: CompiledEdition, code: string): string[] {
  let map = methodsCache.get(compiled);
  if (!map) {
    map = leafMethods(compiled.edition);
    methodsCache.set(compiled, map);
  }
  return map.get(code) ?? [];
}

export function buildItemView(compiled: CompiledEdition, leaf: CompiledLeaf, unitCode?: string): ItemView {
  const src = leaf.source;
  return {
    code: leaf.code,
    name: leaf.name,
    pathNames: leaf.pathNames,
    partCode: leaf.partCode,
    partName: compiled.partByCode.get(leaf.partCode)?.name ?? "",
    max: toDisplay(leaf.max),
    rule: src.rule!,
    preconditions: src.preconditions ?? [],
    modifiers: (src.modifiers ?? []).map((m) => ({ ...m, repeatable: isRepeatable(leaf, m) })),
    allowNotApplicable: leaf.allowNotApplicable,
    optIn: leaf.applicability === "opt-in",
    cityLevel: leaf.scope === "city",
    description: describeRule(src, compiled.edition.readings),
    scoringText: src.text?.scoring ?? null,
    requirementText: src.text?.requirement ?? src.text?.content ?? null,
    methods: itemMethods(compiled, leaf.code),
    readings: leaf.readings.map((r) => ({ id: r.id, source: r.source, chosen: r.chosen })),
    columns: columnsForUnit(leaf, unitCode),
  };
}

// ---- The reviewer's item card -----------------------------------------------------------

/** The item view with what only the reviewer's card uses. */
export type ReviewLeafView = ItemView & {
  /** max + bonuses: the most an override may set */
  overrideMax: string;
  /** edition.yaml `deadlines`: records are checked against that many working days (null: not a deadline item) */
  workdays: number | null;
  /** the records table's column headings (edition.yaml `deadlines`) */
  deadline: { startLabel: string; doneLabel: string } | null;
};

export function buildReviewLeafView(compiled: CompiledEdition, leaf: CompiledLeaf, unitCode?: string): ReviewLeafView {
  const deadline = deadlineOf(compiled.edition, leaf.code);
  return {
    ...buildItemView(compiled, leaf, unitCode),
    overrideMax: toDisplay(leaf.max.add(leaf.bonusMax)),
    workdays: deadline?.workdays ?? null,
    deadline: deadline ? { startLabel: deadline.startLabel, doneLabel: deadline.doneLabel } : null,
  };
}

/** One item on the reviewer's screen: the item view, both sides' facts, the engine's result, history, evidence. */
export type ReviewItemView = {
  leaf: ReviewLeafView;
  role: "lead" | "cooperate";
  factUnit: string;
  status: ItemStatusView;
  self: { payload: PayloadView; version: number; returnComment: string | null; updatedAt: string; updatedBy: string | null } | null;
  /** the reviewer's adjustment (facts or override), if any */
  review: { payload: PayloadView; updatedAt: string } | null;
  /** the engine's result: both sides' scores, deductions and bonuses, traces */
  result: ItemResult;
  events: ReviewEventView[];
  evidence: EvidenceView[];
  /**
   * The item's 考核方式 asks for 佐证材料 (edition.yaml `evidenceMethods`), the unit entered
   * it and uploaded none: the same check as the unit's 提交 summary.
   */
  evidenceMissing: boolean;
  /** working-day deadline records saved for this item (deadline_record), in order */
  records: { name: string; start: string; done: string | null }[];
};

/** What the reviewer's card is built from, beside the item (read by lib/review/queue.ts). */
export type ReviewItemInput = {
  leaf: CompiledLeaf;
  role: "lead" | "cooperate";
  factUnit: string;
  self: { payload: unknown; status: Exclude<ItemStatusView, "empty">; version: number; returnComment: string | null; updatedAt: Date; updatedBy: string | null } | null;
  review: { payload: unknown; updatedAt: Date } | null;
  result: ItemResult;
  events: ReviewEventView[];
  evidence: EvidenceView[];
  records: { name: string; start: string; done: string | null }[];
};

export function buildReviewItemView(compiled: CompiledEdition, i: ReviewItemInput): ReviewItemView {
  const leaf = buildReviewLeafView(compiled, i.leaf, i.factUnit);
  const selfPayload = i.self?.payload as PayloadView | undefined;
  const entered = !!selfPayload && !selfPayload.notApplicable && i.result.self.state === "scored";
  return {
    leaf,
    role: i.role,
    factUnit: i.factUnit,
    status: i.self?.status ?? "empty",
    self: i.self
      ? { payload: i.self.payload as PayloadView, version: i.self.version, returnComment: i.self.returnComment, updatedAt: i.self.updatedAt.toISOString(), updatedBy: i.self.updatedBy }
      : null,
    review: i.review ? { payload: i.review.payload as PayloadView, updatedAt: i.review.updatedAt.toISOString() } : null,
    result: i.result,
    events: i.events,
    evidence: i.evidence,
    evidenceMissing: entered && i.evidence.length === 0 && asksEvidence(leaf.methods, compiled.edition.evidenceMethods ?? []),
    records: i.records,
  };
}
