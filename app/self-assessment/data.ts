import "server-only";
// What the 自评填报 pages read: the current edition, the unit's items with their facts,
// scores and locks, and the period with the unit's extension.
import type { ItemPageData, ItemRow, LockView, PeriodInfo } from "@/components/self-assessment/types";
import { getAssessmentContext } from "@/lib/assessment/context";
import { getUnitForm } from "@/lib/assessment/facts";
import { formatShanghai } from "@/lib/assessment/locks";
import { leafMethods, summariseSubmit, type SubmitSummary } from "@/lib/assessment/submit-summary";
import { itemRow, leafView, lockView, scoreView, storedView, summaryInput } from "./view";

type UnitForm = Awaited<ReturnType<typeof getUnitForm>>;

function periodInfo(inputs: UnitForm["lockInputs"], now: Date): PeriodInfo | null {
  const p = inputs.period;
  if (!p) return null;
  const ext = inputs.extension && inputs.extension.until > p.deadline ? inputs.extension : null;
  const deadline = ext ? ext.until : p.deadline;
  return {
    opensAt: p.opensAt.toISOString(),
    opensAtText: formatShanghai(p.opensAt),
    deadline: deadline.toISOString(),
    deadlineText: formatShanghai(p.deadline),
    extension: ext ? { untilText: formatShanghai(ext.until), reason: ext.reason } : null,
    state: now < p.opensAt ? "not-open" : now > deadline ? "closed" : "open",
  };
}

export type UnitPageData =
  | { kind: "no-edition" }
  | { kind: "unknown-unit" }
  | {
      kind: "ok";
      edition: { id: number; name: string };
      unit: { code: string; name: string };
      period: PeriodInfo | null;
      lock: LockView;
      /** items the reviewer returned: edit them and submit again */
      returned: number;
      submission: { status: "draft" | "submitted" | "reviewed"; round: number; submittedAt: string | null } | null;
      rows: ItemRow[];
      /** what the 提交 confirmation lists */
      submitSummary: SubmitSummary;
    };

export async function loadUnitPage(unitCode: string, now = new Date()): Promise<UnitPageData> {
  const ctx = await getAssessmentContext();
  if (!ctx) return { kind: "no-edition" };
  const unit = ctx.compiled.unitByCode.get(unitCode);
  if (!unit || unit.group === "city") return { kind: "unknown-unit" };
  const f = await getUnitForm(ctx.id, unitCode, now);
  const s = f.lockInputs.submission;
  // items a reviewer returned reopen the unit for resubmission (the lock core decides)
  const returned = f.form.filter((x) => x.self?.status === "returned").length;
  const methods = leafMethods(ctx.edition);
  return {
    kind: "ok",
    edition: { id: ctx.id, name: ctx.name },
    unit: { code: unit.code, name: unit.name },
    period: periodInfo(f.lockInputs, now),
    lock: lockView(f.unitLock),
    returned,
    submission: s ? { status: s.status, round: s.round, submittedAt: s.submittedAt?.toISOString() ?? null } : null,
    rows: f.form.map((item) => itemRow(ctx.compiled, item)),
    submitSummary: summariseSubmit(
      f.form.map((item) => summaryInput(item, methods)),
      ctx.edition.evidenceMethods ?? [],
    ),
  };
}

export type { ItemPageData };

export async function loadItemPage(unitCode: string, itemCode: string, now = new Date()): Promise<ItemPageData> {
  const ctx = await getAssessmentContext();
  if (!ctx) return { kind: "no-edition" };
  const unit = ctx.compiled.unitByCode.get(unitCode);
  if (!unit || unit.group === "city") return { kind: "not-found" };
  const f = await getUnitForm(ctx.id, unitCode, now);
  const item = f.form.find((x) => x.item.leaf.code === itemCode);
  if (!item) return { kind: "not-found" };
  return {
    kind: "ok",
    edition: { id: ctx.id, name: ctx.name },
    unit: { code: unit.code, name: unit.name },
    period: periodInfo(f.lockInputs, now),
    leaf: leafView(ctx.compiled, item.item),
    row: itemRow(ctx.compiled, item),
    stored: storedView(item.self),
    score: scoreView(item.result),
    lock: lockView(item.lock),
    viewOnly: !item.item.editable,
  };
}
