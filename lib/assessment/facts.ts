import "server-only";
// Self-assessment facts: reading a unit's form, saving a draft with optimistic
// concurrency, live scoring, submitting. Every write is audited in its transaction.
import { getPrisma } from "../db/client";
import { notify } from "../messages/notify";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { scoreItem, validateItemFact, type ItemResult, type TItemFact } from "../engine";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { getAssessmentContext, type AssessmentContext } from "./context";
import { itemsForUnit, unitItem, type UnitItem } from "./items";
import { lockState, type LockState } from "./locks";
import { lockForWrite, lockUnitTransition, SERIAL_TX } from "./serial";

/** What a unit stores for an item: the engine's fact without unit/item/source. */
export type FactPayload = Omit<TItemFact, "unit" | "item" | "source">;

export type StoredFact = {
  payload: FactPayload;
  version: number;
  status: "draft" | "submitted" | "returned" | "reviewed";
  returnComment: string | null;
  updatedAt: Date;
  updatedBy: string | null;
};

export async function requireContext(editionId: number): Promise<AssessmentContext> {
  const ctx = await getAssessmentContext(editionId);
  if (!ctx) throw new UserError("找不到该考核年度", 404);
  return ctx;
}

type LockReader = Pick<Prisma.TransactionClient, "$queryRaw">;

/** What decides whether a unit's form is editable now (lib/assessment/locks.ts). */
export type UnitLockInputs = {
  period: { opensAt: Date; deadline: Date } | null;
  extension: { until: Date; reason: string } | null;
  submission: { status: "draft" | "submitted" | "reviewed"; round: number; submittedAt: Date | null } | null;
  /** the parts whose results are finalised (定稿): each locks its own items only */
  finalisedParts: string[];
};

type LockRow = {
  opens_at: Date | null;
  deadline: Date | null;
  ext_until: Date | null;
  ext_reason: string | null;
  sub_status: "draft" | "submitted" | "reviewed" | null;
  sub_round: number | null;
  sub_submitted_at: Date | null;
  finalised_parts: string[];
};

/**
 * The period, the unit's extension, its submission and which parts are finalised, in
 * one round trip (every save, upload, submit and form view asks). Inside a transaction
 * pass its client: a second pool connection per transaction starves the pool under load.
 */
export async function getUnitLockInputs(editionId: number, unitCode: string, prisma: LockReader = getPrisma()): Promise<UnitLockInputs> {
  const [r] = await prisma.$queryRaw<LockRow[]>`
    SELECT p.opens_at, p.deadline, e.until AS ext_until, e.reason AS ext_reason,
           s.status::text AS sub_status, s.round AS sub_round, s.submitted_at AS sub_submitted_at,
           ARRAY(SELECT part_code FROM result_finalisation WHERE edition_id = ${editionId} AND active ORDER BY part_code) AS finalised_parts
    FROM (SELECT 1) AS one
    LEFT JOIN assessment_period p ON p.edition_id = ${editionId}
    LEFT JOIN period_extension e ON e.edition_id = ${editionId} AND e.unit_code = ${unitCode}
    LEFT JOIN unit_submission s ON s.edition_id = ${editionId} AND s.unit_code = ${unitCode}`;
  return {
    period: r.opens_at && r.deadline ? { opensAt: r.opens_at, deadline: r.deadline } : null,
    extension: r.ext_until ? { until: r.ext_until, reason: r.ext_reason ?? "" } : null,
    submission: r.sub_status ? { status: r.sub_status, round: r.sub_round ?? 0, submittedAt: r.sub_submitted_at } : null,
    finalisedParts: r.finalised_parts,
  };
}

/**
 * The lock of one item (scope.parts = its part) or of the whole form (the parts of the
 * unit's items): 定稿 locks only what lies in finalised parts, so a form is locked as
 * finalised only when every part it has items in is.
 */
export function unitLock(inputs: UnitLockInputs, now: Date, scope: { parts: readonly string[]; itemReturned?: boolean; partName?: string }): LockState {
  return lockState({
    now,
    period: inputs.period,
    extensionUntil: inputs.extension?.until ?? null,
    submissionStatus: inputs.submission?.status ?? null,
    itemReturned: scope.itemReturned ?? false,
    finalised: scope.parts.length > 0 && scope.parts.every((p) => inputs.finalisedParts.includes(p)),
    partName: scope.partName,
  });
}

export const partName = (ctx: AssessmentContext, partCode: string) => ctx.compiled.partByCode.get(partCode)?.name;

/** The parts a unit has editable items in that are not finalised: what a submit covers. */
export function openParts(items: UnitItem[], inputs: UnitLockInputs): Set<string> {
  return new Set(items.filter((i) => i.editable && !inputs.finalisedParts.includes(i.leaf.partCode)).map((i) => i.leaf.partCode));
}

async function readFacts(editionId: number, pairs: { unit: string; item: string }[]) {
  if (pairs.length === 0) return [];
  return getPrisma().itemFact.findMany({
    where: { editionId, OR: pairs.map((p) => ({ unitCode: p.unit, itemCode: p.item })) },
    select: { unitCode: true, itemCode: true, source: true, payload: true, version: true, status: true, returnComment: true, updatedAt: true, updatedById: true },
  });
}

function toEngineFact(unit: string, item: string, source: "self" | "review", payload: unknown): TItemFact {
  return { ...(payload as FactPayload), unit, item, source };
}

export type FormItem = {
  item: UnitItem;
  self: StoredFact | null;
  review: { payload: FactPayload; updatedAt: Date } | null;
  result: ItemResult;
  lock: LockState;
  evidenceCount: number;
};

/** The items a unit fills in, each with its stored facts, score and lock. */
export async function getUnitForm(editionId: number, unitCode: string, now = new Date()) {
  const ctx = await requireContext(editionId);
  const items = itemsForUnit(ctx.compiled, unitCode);
  const [rows, lockInputs, evidence] = await Promise.all([
    readFacts(ctx.id, items.map((i) => ({ unit: i.factUnit, item: i.leaf.code }))),
    getUnitLockInputs(ctx.id, unitCode),
    getPrisma().evidence.groupBy({ by: ["itemCode"], where: { editionId: ctx.id, unitCode, deletedAt: null }, _count: { _all: true } }),
  ]);
  // only the people who last edited these items, not every account
  const editorIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is number => id !== null))];
  const users = editorIds.length ? await getPrisma().user.findMany({ where: { id: { in: editorIds } }, select: { id: true, displayName: true } }) : [];
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const evidenceBy = new Map(evidence.map((e) => [e.itemCode, e._count._all]));
  const form: FormItem[] = items.map((item) => {
    const mine = rows.filter((r) => r.unitCode === item.factUnit && r.itemCode === item.leaf.code);
    const self = mine.find((r) => r.source === "self");
    const review = mine.find((r) => r.source === "review");
    const facts = mine.map((r) => toEngineFact(r.unitCode, r.itemCode, r.source, r.payload));
    return {
      item,
      self: self
        ? { payload: self.payload as FactPayload, version: self.version, status: self.status, returnComment: self.returnComment, updatedAt: self.updatedAt, updatedBy: self.updatedById ? (userName.get(self.updatedById) ?? null) : null }
        : null,
      review: review ? { payload: review.payload as FactPayload, updatedAt: review.updatedAt } : null,
      result: scoreItem(ctx.compiled, { unit: unitCode, item: item.leaf.code, facts }),
      lock: item.editable
        ? unitLock(lockInputs, now, { parts: [item.leaf.partCode], itemReturned: self?.status === "returned", partName: partName(ctx, item.leaf.partCode) })
        : { editable: false, reason: "submitted", message: "本项由牵头单位填报，本单位可查看", deadline: lockInputs.period?.deadline ?? null },
      evidenceCount: evidenceBy.get(item.leaf.code) ?? 0,
    };
  });
  // the form as a whole: open while any part it has items in is; items the reviewer returned
  // in an open part reopen it for resubmission
  const parts = [...new Set(items.filter((i) => i.editable).map((i) => i.leaf.partCode))];
  const open = openParts(items, lockInputs);
  const returned = form.some((f) => f.self?.status === "returned" && open.has(f.item.leaf.partCode));
  return { ctx, form, lockInputs, unitLock: unitLock(lockInputs, now, { parts, itemReturned: returned }) };
}

/** Field errors keyed by the payload path ("value.events.0.kind"), from the engine's validator. */
function validatePayload(ctx: AssessmentContext, factUnit: string, itemCode: string, payload: unknown) {
  const r = validateItemFact(ctx.compiled, toEngineFact(factUnit, itemCode, "self", payload), "fact");
  if (r.errors.length === 0 && r.fact) return { fact: r.fact };
  const fieldErrors: Record<string, string> = {};
  for (const e of r.errors) {
    const key = e.path.replace(/^fact\.?/, "").replace(/\[(\d+)\]/g, ".$1") || "_";
    fieldErrors[key] ??= e.message;
  }
  return { fieldErrors };
}

/** Live score for unsaved input: the engine's result and explanation, or field errors. */
export async function previewItem(editionId: number, unitCode: string, itemCode: string, payload: unknown) {
  const ctx = await requireContext(editionId);
  const ui = unitItem(ctx.compiled, unitCode, itemCode);
  if (!ui) throw new UserError("本单位不负责该指标", 404);
  const v = validatePayload(ctx, ui.factUnit, itemCode, payload);
  if (!v.fact) return { ok: false as const, fieldErrors: v.fieldErrors };
  const review = await getPrisma().itemFact.findUnique({
    where: { editionId_unitCode_itemCode_source: { editionId, unitCode: ui.factUnit, itemCode, source: "review" } },
    select: { payload: true },
  });
  const facts = [v.fact, ...(review ? [toEngineFact(ui.factUnit, itemCode, "review", review.payload)] : [])];
  return { ok: true as const, result: scoreItem(ctx.compiled, { unit: unitCode, item: itemCode, facts }) };
}

export type SaveResult =
  | { status: "saved"; version: number; result: ItemResult; savedAt: Date }
  | { status: "conflict"; current: { payload: FactPayload; version: number; updatedAt: Date; updatedBy: string | null } };

type FactRow = { payload: Prisma.JsonValue; version: number; updatedAt: Date; updatedById: number | null } | null;

/** The version that is in the database now, with who saved it: what a conflict shows. */
async function conflictWith(db: Pick<PrismaClient, "user">, row: FactRow, now: Date) {
  const by = row?.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { displayName: true } }) : null;
  return {
    status: "conflict" as const,
    current: { payload: (row?.payload ?? {}) as FactPayload, version: row?.version ?? 0, updatedAt: row?.updatedAt ?? now, updatedBy: by?.displayName ?? null },
  };
}

export async function saveSelfFact(
  user: SessionUser,
  ip: string,
  input: { editionId: number; unitCode: string; itemCode: string; payload: unknown; expectedVersion: number },
  /** the save's time; by default the moment the locks are held (a deadline passing is checked then) */
  at?: Date,
): Promise<SaveResult> {
  const ctx = await requireContext(input.editionId);
  const ui = unitItem(ctx.compiled, input.unitCode, input.itemCode);
  if (!ui) throw new UserError("本单位不负责该指标", 404);
  if (!ui.editable) throw new UserError("本项由牵头单位填报，本单位只能查看", 403);
  const v = validatePayload(ctx, ui.factUnit, input.itemCode, input.payload);
  if (!v.fact) throw new UserError("填写内容有误，请检查标出的字段", 400, v.fieldErrors);
  if (!unitEntersValue(ui) && v.fact.value !== undefined) {
    throw new UserError("本项由审核员评分，单位不填写分数", 400, { value: "本项由审核员评分，单位只能填写备注和上传佐证材料" });
  }
  const { unit: _u, item: _i, source: _s, ...payload } = v.fact;
  const prisma = getPrisma();
  const key = { editionId: ctx.id, unitCode: ui.factUnit, itemCode: input.itemCode, source: "self" as const };

  let now = at ?? new Date();
  const out = await prisma.$transaction(async (tx) => {
    // serialised with submit, 定稿, reopen and period changes (lib/assessment/serial.ts), and
    // with review transitions on this item by its row: the lock read below is the one that holds
    await lockForWrite(tx, ctx.id, input.unitCode, ui.leaf.partCode);
    await tx.$queryRaw`SELECT 1 FROM item_fact WHERE edition_id = ${ctx.id} AND unit_code = ${ui.factUnit} AND item_code = ${input.itemCode} AND source = 'self' FOR UPDATE`;
    now = at ?? new Date();
    // the stored self fact and the reviewer's (for the live score), then the lock
    const stored = await tx.itemFact.findMany({
      where: { editionId: ctx.id, unitCode: ui.factUnit, itemCode: input.itemCode },
      select: { id: true, source: true, version: true, status: true, payload: true, updatedAt: true, updatedById: true },
    });
    const current = stored.find((f) => f.source === "self") ?? null;
    const review = stored.find((f) => f.source === "review")?.payload ?? null;
    const lock = unitLock(await getUnitLockInputs(ctx.id, input.unitCode, tx), now, { parts: [ui.leaf.partCode], itemReturned: current?.status === "returned", partName: partName(ctx, ui.leaf.partCode) });
    if (!lock.editable) throw new UserError(lock.message, 423);
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) return conflictWith(tx, current, now);
    const data = { payload: payload as Prisma.InputJsonValue, updatedById: user.id, updatedAt: now };
    let version: number;
    if (!current) {
      // a concurrent first save hits the unique key: reported as a conflict below
      await tx.itemFact.create({ data: { ...key, ...data, status: "draft", version: 1 } });
      version = 1;
    } else {
      const r = await tx.itemFact.updateMany({ where: { id: current.id, version: currentVersion }, data: { ...data, version: { increment: 1 } } });
      // lost the race to a concurrent save: show the row that won, as committed
      if (r.count !== 1) return conflictWith(tx, await tx.itemFact.findUnique({ where: { id: current.id } }), now);
      version = currentVersion + 1;
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "fact.self.save",
      entityType: "item_fact",
      entityId: `${ctx.id}:${ui.factUnit}:${input.itemCode}:self`,
      unitCode: input.unitCode,
      editionId: ctx.id,
      itemCode: input.itemCode,
      before: current ? { version: current.version, payload: current.payload } : null,
      after: { version, payload },
    });
    return { status: "saved" as const, version, review };
  }, SERIAL_TX).catch(async (e: unknown) => {
    if ((e as { code?: string }).code === "P2002") {
      return conflictWith(prisma, await prisma.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: key } }), now);
    }
    throw e;
  });
  if (out.status === "conflict") return out;
  // the live score of what was saved, with the reviewer's fact as read in the transaction
  const facts = [v.fact, ...(out.review ? [toEngineFact(ui.factUnit, input.itemCode, "review", out.review)] : [])];
  return { status: "saved", version: out.version, result: scoreItem(ctx.compiled, { unit: input.unitCode, item: input.itemCode, facts }), savedAt: now };
}

export type MissingItem = { code: string; name: string; pathNames: string[] };

/** Rating items are scored by reviewers: a unit adds notes and evidence, never a value. */
export function unitEntersValue(item: UnitItem): boolean {
  return item.leaf.rule.type !== "rating";
}

/**
 * Does the unit still have to fill this item in (or mark it 不适用 with a reason)? The
 * engine decides: an item is missing while its self side is "not entered" (no fact, a
 * precondition or a month left blank…). Opt-in items without a fact are not applicable
 * (R9), and rating items are the reviewer's.
 */
export function isMissing(f: Pick<FormItem, "item" | "result" | "lock">): boolean {
  // a finalised part's items can no longer be filled in: they do not hold up a submit
  const finalised = !f.lock.editable && f.lock.reason === "finalised";
  return f.item.editable && !finalised && unitEntersValue(f.item) && f.result.self.state === "not-entered";
}

/** Items the unit must still fill in (or mark 不适用 with a reason) before submitting. */
export async function missingItems(editionId: number, unitCode: string): Promise<MissingItem[]> {
  const { form } = await getUnitForm(editionId, unitCode);
  return form.filter(isMissing).map((f) => ({ code: f.item.leaf.code, name: f.item.leaf.name, pathNames: f.item.leaf.pathNames }));
}

/**
 * Submit the unit's form: the items of the parts not yet finalised (a finalised part's
 * items stay as 定稿 left them). Serialised with the unit's saves and uploads, with 定稿 of
 * its parts and with period changes (lib/assessment/serial.ts).
 */
export async function submitUnit(user: SessionUser, ip: string, input: { editionId: number; unitCode: string }, at?: Date) {
  const ctx = await requireContext(input.editionId);
  const missing = await missingItems(ctx.id, input.unitCode);
  if (missing.length > 0) return { status: "incomplete" as const, missing };
  const all = itemsForUnit(ctx.compiled, input.unitCode).filter((i) => i.editable);
  const parts = [...new Set(all.map((i) => i.leaf.partCode))];
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    await lockUnitTransition(tx, ctx.id, input.unitCode, parts);
    const now = at ?? new Date();
    const inputs = await getUnitLockInputs(ctx.id, input.unitCode, tx);
    const open = openParts(all, inputs);
    const items = all.filter((i) => open.has(i.leaf.partCode));
    const mine = { OR: items.map((i) => ({ unitCode: i.factUnit, itemCode: i.leaf.code })) };
    const returned = items.length ? await tx.itemFact.findMany({ where: { editionId: ctx.id, source: "self", status: "returned", ...mine }, select: { itemCode: true } }) : [];
    const lock = unitLock(inputs, now, { parts, itemReturned: returned.length > 0 });
    if (!lock.editable) throw new UserError(lock.message, 423);
    const prev = inputs.submission;
    const round = (prev?.round ?? 0) + 1;
    await tx.unitSubmission.upsert({
      where: { editionId_unitCode: { editionId: ctx.id, unitCode: input.unitCode } },
      create: { editionId: ctx.id, unitCode: input.unitCode, status: "submitted", round, submittedAt: now, updatedAt: now },
      update: { status: "submitted", round, submittedAt: now, updatedAt: now },
    });
    if (items.length) await tx.itemFact.updateMany({ where: { editionId: ctx.id, source: "self", status: { in: ["draft", "returned"] }, ...mine }, data: { status: "submitted", returnComment: null } });
    for (const r of returned) {
      await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: r.itemCode, round, action: "resubmit", actorId: user.id, at: now } });
    }
    await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, round, action: "submit", actorId: user.id, at: now } });
    if (returned.length > 0) {
      const unitName = ctx.compiled.unitByCode.get(input.unitCode)?.name ?? input.unitCode;
      await notify(tx, { role: "reviewer", kind: "item.resubmitted", editionId: ctx.id, aboutUnit: input.unitCode, link: `/review/${input.unitCode}`, title: `${unitName}重新提交了 ${returned.length} 项退回指标`, body: `${unitName}已修改并重新提交退回的指标（第 ${round} 轮），请复核。` });
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "submission.submit",
      entityType: "unit_submission",
      entityId: `${ctx.id}:${input.unitCode}`,
      unitCode: input.unitCode,
      editionId: ctx.id,
      before: prev ? { status: prev.status, round: prev.round } : null,
      after: { status: "submitted", round, resubmittedItems: returned.map((r) => r.itemCode) },
    });
    return { status: "submitted" as const, round };
  }, SERIAL_TX);
}
