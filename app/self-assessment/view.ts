import "server-only";
// Turning the workflow core's results into the plain views the pages and client
// components receive (no Exact values, no rows, dates as ISO strings).
import type { ItemStatus, ItemRow, LockView, Payload, ScoreView, StoredView } from "@/components/self-assessment/types";
import { isMissing, unitEntersValue, type FormItem, type StoredFact } from "@/lib/assessment/facts";
import type { UnitItem } from "@/lib/assessment/items";
import type { SummaryItemInput } from "@/lib/assessment/submit-summary";
import type { LockState } from "@/lib/assessment/locks";
import type { CompiledEdition, ItemResult } from "@/lib/engine";
import { buildItemView, type ItemView } from "@/lib/assessment/item-view";

export function scoreView(r: ItemResult): ScoreView {
  return {
    state: r.state,
    score: r.score?.display ?? null,
    max: r.max.display,
    bonus: r.bonus.display,
    penalty: r.penalty.display,
    trace: r.trace,
    naReason: r.naReason ?? null,
    reviewed: r.source === "review",
  };
}

export function lockView(l: LockState): LockView {
  return l.editable ? { editable: true } : { editable: false, message: l.message };
}

export function storedView(s: StoredFact | null): StoredView | null {
  if (!s) return null;
  return {
    payload: s.payload as Payload,
    version: s.version,
    status: s.status,
    returnComment: s.returnComment,
    updatedAt: s.updatedAt.toISOString(),
    updatedBy: s.updatedBy,
  };
}

/** The item as the unit's page shows it: the one item view (lib/assessment/item-view.ts). */
export function leafView(compiled: CompiledEdition, item: UnitItem): ItemView {
  return buildItemView(compiled, item.leaf, item.factUnit);
}

export function itemStatus(f: Pick<FormItem, "self">): ItemStatus {
  return f.self?.status ?? "empty";
}

export function itemRow(compiled: CompiledEdition, f: FormItem): ItemRow {
  const leaf = f.item.leaf;
  const counted = f.item.editable && unitEntersValue(f.item);
  return {
    code: leaf.code,
    name: leaf.name,
    path: [compiled.partByCode.get(leaf.partCode)?.name ?? "", ...leaf.pathNames],
    role: f.item.role,
    status: itemStatus(f),
    // an opt-in item nobody entered is not applicable too (R9)
    notApplicable: !!f.self?.payload.notApplicable || f.result.self.state === "not-applicable",
    score: scoreView(f.result),
    lock: lockView(f.lock),
    counted,
    missing: isMissing(f),
    ratedByReviewer: !unitEntersValue(f.item),
    returnComment: f.self?.returnComment ?? null,
    evidenceCount: f.evidenceCount,
    updatedAt: f.self?.updatedAt.toISOString() ?? null,
  };
}

/** One item as the 提交 summary sees it (lib/assessment/submit-summary.ts). */
export function summaryInput(f: FormItem, methods: Map<string, string[]>): SummaryItemInput {
  const notApplicable = !!f.self?.payload.notApplicable || f.result.self.state === "not-applicable";
  const leaf = f.item.leaf;
  return {
    code: leaf.code,
    name: leaf.name,
    pathNames: leaf.pathNames,
    counted: f.item.editable && unitEntersValue(f.item),
    state: notApplicable ? "not-applicable" : f.result.self.state === "not-entered" ? "not-entered" : "entered",
    missing: isMissing(f),
    evidenceCount: f.evidenceCount,
    methods: methods.get(leaf.code) ?? [],
  };
}
