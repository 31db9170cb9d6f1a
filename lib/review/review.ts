import "server-only";
// What 数字办 reviewers do: accept, adjust (with reason and verification method), return
// with a comment, record monitoring findings for any unit, 加重扣分, finalise. Review facts
// (source "review") override the unit's item by item; both are kept and both are scored.
import { getPrisma } from "../db/client";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { scoreItem, validateItemFact, type ItemResult, type TItemFact } from "../engine";
import type { TDeductionEvent } from "../engine/facts";
import type { Prisma } from "../generated/prisma/client";
import { VERIFICATION_METHODS } from "../rules/schema";
import { requireContext, type FactPayload } from "../assessment/facts";
import { factUnitFor } from "../engine/compile";
import type { AssessmentContext } from "../assessment/context";
import { lockForReview, lockPartTransition, SERIAL_TX } from "../assessment/serial";
import { notify } from "../messages/notify";

export type Method = (typeof VERIFICATION_METHODS)[number];
type Tx = Prisma.TransactionClient;

export async function assertNotFinal(tx: Tx, ctx: AssessmentContext, itemCode: string | null, partCode?: string) {
  const part = partCode ?? (itemCode ? ctx.compiled.leafByCode.get(itemCode)?.partCode : undefined);
  if (!part) throw new UserError("未知的考核部分", 404);
  const fin = await tx.resultFinalisation.findFirst({ where: { editionId: ctx.id, active: true, partCode: part } });
  if (fin) throw new UserError("该部分考核结果已定稿，如需修改须由管理员重新开放", 423);
}

function leafOrThrow(ctx: AssessmentContext, itemCode: string, unitCode: string) {
  const leaf = ctx.compiled.leafByCode.get(itemCode);
  if (!leaf) throw new UserError(`未知的指标 ${itemCode}`, 404);
  const unit = ctx.compiled.unitByCode.get(unitCode);
  if (!unit) throw new UserError(`未知的单位 ${unitCode}`, 404);
  return { leaf, unit, factUnit: factUnitFor(ctx.compiled, leaf, unitCode) };
}

async function currentRound(tx: Tx, editionId: number, unitCode: string): Promise<number> {
  const s = await tx.unitSubmission.findUnique({ where: { editionId_unitCode: { editionId, unitCode } }, select: { round: true } });
  return s?.round ?? 0;
}

/** When every self fact of a submitted unit is reviewed, the submission is reviewed. */
async function settleSubmission(tx: Tx, ctx: AssessmentContext, unitCode: string, now: Date) {
  const open = await tx.itemFact.count({ where: { editionId: ctx.id, unitCode, source: "self", status: { in: ["submitted", "returned"] } } });
  const sub = await tx.unitSubmission.findUnique({ where: { editionId_unitCode: { editionId: ctx.id, unitCode } } });
  if (sub && sub.status === "submitted" && open === 0) {
    await tx.unitSubmission.update({ where: { id: sub.id }, data: { status: "reviewed", reviewedAt: now, updatedAt: now } });
  }
}

export type AcceptInput = { editionId: number; unitCode: string; itemCode: string; method: Method; comment?: string };

/** acceptItem inside the caller's transaction (bulk review: one transaction for the batch). */
export async function acceptItemInTx(tx: Tx, ctx: AssessmentContext, user: SessionUser, ip: string, input: AcceptInput, now = new Date(), settle = true) {
  const { leaf, factUnit } = leafOrThrow(ctx, input.itemCode, input.unitCode);
  await lockForReview(tx, ctx.id, input.unitCode, leaf.partCode);
  await assertNotFinal(tx, ctx, input.itemCode);
  const fact = await tx.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: { editionId: ctx.id, unitCode: factUnit, itemCode: input.itemCode, source: "self" } } });
  if (!fact) throw new UserError("该单位尚未填报此项，无法直接通过；可通过“调整”录入审核数据", 400);
  if (fact.status === "draft") throw new UserError("该单位尚未提交此项（仍是草稿），不能通过；可通过“调整”录入审核数据", 409);
  await tx.itemFact.update({ where: { id: fact.id }, data: { status: "reviewed", returnComment: null } });
  await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, round: await currentRound(tx, ctx.id, input.unitCode), action: "accept", method: input.method, comment: input.comment ?? null, actorId: user.id, at: now } });
  await writeAudit(tx, { actor: user, ip, action: "review.accept", entityType: "item_fact", entityId: fact.id, unitCode: input.unitCode, editionId: ctx.id, itemCode: input.itemCode, before: { status: fact.status }, after: { status: "reviewed", method: input.method }, reason: input.comment ?? null });
  if (settle) await settleSubmission(tx, ctx, input.unitCode, now);
}

export async function acceptItem(user: SessionUser, ip: string, input: AcceptInput, now = new Date()) {
  const ctx = await requireContext(input.editionId);
  leafOrThrow(ctx, input.itemCode, input.unitCode);
  return getPrisma().$transaction(async (tx) => {
    await acceptItemInTx(tx, ctx, user, ip, input, now);
    return { accepted: true };
  }, SERIAL_TX);
}

/** Brings a unit's submission to "reviewed" once nothing of it is open (after a batch). */
export async function settleSubmissionInTx(tx: Tx, ctx: AssessmentContext, unitCode: string, now = new Date()) {
  await settleSubmission(tx, ctx, unitCode, now);
}

export type ReturnInput = { editionId: number; unitCode: string; itemCode: string; comment: string };

/** returnItem inside the caller's transaction (bulk review). */
export async function returnItemInTx(tx: Tx, ctx: AssessmentContext, user: SessionUser, ip: string, input: ReturnInput, now = new Date()) {
  if (!input.comment?.trim()) throw new UserError("退回须写明意见", 400, { comment: "请填写退回意见" });
  const { leaf, factUnit } = leafOrThrow(ctx, input.itemCode, input.unitCode);
  await lockForReview(tx, ctx.id, input.unitCode, leaf.partCode);
  await assertNotFinal(tx, ctx, input.itemCode);
  const fact = await tx.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: { editionId: ctx.id, unitCode: factUnit, itemCode: input.itemCode, source: "self" } } });
  if (!fact) throw new UserError("该单位尚未填报此项，无需退回", 400);
  if (fact.status === "draft") throw new UserError("该单位尚未提交此项（仍是草稿），无需退回", 409);
  await tx.itemFact.update({ where: { id: fact.id }, data: { status: "returned", returnComment: input.comment } });
  await tx.unitSubmission.updateMany({ where: { editionId: ctx.id, unitCode: input.unitCode, status: "reviewed" }, data: { status: "submitted", updatedAt: now } });
  await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, round: await currentRound(tx, ctx.id, input.unitCode), action: "return", comment: input.comment, actorId: user.id, at: now } });
  await writeAudit(tx, { actor: user, ip, action: "review.return", entityType: "item_fact", entityId: fact.id, unitCode: input.unitCode, editionId: ctx.id, itemCode: input.itemCode, before: { status: fact.status }, after: { status: "returned" }, reason: input.comment });
  await notify(tx, { unitCode: input.unitCode, kind: "item.returned", editionId: ctx.id, link: `/self-assessment/${encodeURIComponent(input.unitCode)}/${encodeURIComponent(input.itemCode)}`, title: `“${leaf.name}”被退回修改`, body: `审核意见：${input.comment}` });
}

export async function returnItem(user: SessionUser, ip: string, input: ReturnInput, now = new Date()) {
  if (!input.comment?.trim()) throw new UserError("退回须写明意见", 400, { comment: "请填写退回意见" });
  const ctx = await requireContext(input.editionId);
  leafOrThrow(ctx, input.itemCode, input.unitCode);
  return getPrisma().$transaction(async (tx) => {
    await returnItemInTx(tx, ctx, user, ip, input, now);
    return { returned: true };
  }, SERIAL_TX);
}

export type AdjustInput = {
  editionId: number;
  unitCode: string;
  itemCode: string;
  method: Method;
  reason: string;
  payload: unknown;
  action?: "review.adjust" | "review.monitoring";
};

/**
 * Serialises review writes to one item's facts (two reviewers, or a form and an import,
 * appending events at once would otherwise lose one of them). Re-entrant in a transaction.
 */
export async function lockItemFacts(tx: Tx, editionId: number, factUnit: string, itemCode: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`review:${editionId}:${factUnit}:${itemCode}`}))`;
}

/** The checks of an adjustment that need no database: reason, method, the engine's validation of the payload. */
function validateAdjustment(ctx: AssessmentContext, input: AdjustInput) {
  if (!input.reason?.trim()) throw new UserError("调整须填写理由", 400, { reason: "请填写调整理由" });
  if (!VERIFICATION_METHODS.includes(input.method)) throw new UserError("请选择核查方式", 400, { method: "请选择核查方式" });
  const { factUnit } = leafOrThrow(ctx, input.itemCode, input.unitCode);
  const raw = { ...(input.payload as object), unit: factUnit, item: input.itemCode, source: "review" };
  const v = validateItemFact(ctx.compiled, raw, "fact");
  if (!v.fact || v.errors.length) {
    const fieldErrors: Record<string, string> = {};
    for (const e of v.errors) fieldErrors[e.path.replace(/^fact\.?/, "").replace(/\[(\d+)\]/g, ".$1") || "_"] ??= e.message;
    throw new UserError(v.errors[0]?.message ?? "审核数据有误", 400, fieldErrors);
  }
  const { unit: _u, item: _i, source: _s, ...payload } = v.fact;
  return { factUnit, payload };
}

/** adjustItem inside the caller's transaction (bulk import: one transaction for the whole file). */
export async function adjustItemInTx(tx: Tx, ctx: AssessmentContext, user: SessionUser, ip: string, input: AdjustInput, now = new Date()): Promise<void> {
  const { factUnit, payload } = validateAdjustment(ctx, input);
  const key = { editionId: ctx.id, unitCode: factUnit, itemCode: input.itemCode, source: "review" as const };
  await lockForReview(tx, ctx.id, input.unitCode, ctx.compiled.leafByCode.get(input.itemCode)!.partCode);
  await assertNotFinal(tx, ctx, input.itemCode);
  await lockItemFacts(tx, ctx.id, factUnit, input.itemCode);
  const before = await tx.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: key } });
  if (before) await tx.itemFact.update({ where: { id: before.id }, data: { payload: payload as Prisma.InputJsonValue, version: { increment: 1 }, updatedById: user.id, updatedAt: now, status: "reviewed" } });
  else await tx.itemFact.create({ data: { ...key, payload: payload as Prisma.InputJsonValue, updatedById: user.id, updatedAt: now, status: "reviewed" } });
  await tx.itemFact.updateMany({ where: { editionId: ctx.id, unitCode: factUnit, itemCode: input.itemCode, source: "self", status: { in: ["submitted"] } }, data: { status: "reviewed" } });
  const action = input.action ?? "review.adjust";
  await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, round: await currentRound(tx, ctx.id, input.unitCode), action: action === "review.adjust" ? "adjust" : "monitoring", method: input.method, comment: input.reason, actorId: user.id, at: now } });
  await writeAudit(tx, { actor: user, ip, action, entityType: "item_fact", entityId: `${ctx.id}:${factUnit}:${input.itemCode}:review`, unitCode: input.unitCode, editionId: ctx.id, itemCode: input.itemCode, before: before ? before.payload : null, after: { ...payload, method: input.method }, reason: input.reason });
  await settleSubmission(tx, ctx, input.unitCode, now);
}

/**
 * Adjust: the reviewer's facts for the item (edited inputs, or an override score within
 * the item's range). Reason and verification method are required.
 */
export async function adjustItem(user: SessionUser, ip: string, input: AdjustInput, now = new Date()): Promise<{ result: ItemResult }> {
  const ctx = await requireContext(input.editionId);
  validateAdjustment(ctx, input); // fail fast, before opening a transaction
  await getPrisma().$transaction((tx) => adjustItemInTx(tx, ctx, user, ip, input, now), SERIAL_TX);
  return { result: await scoreStoredItem(ctx, input.unitCode, input.itemCode) };
}

export type MonitoringInput = {
  editionId: number;
  unitCode: string;
  itemCode: string;
  method: Method;
  reason: string;
  events: TDeductionEvent[];
};

/** The payload the reviewer's facts start from: their own, else the unit's (so nothing the unit entered is lost). */
async function reviewBasePayload(tx: Tx, ctx: AssessmentContext, factUnit: string, itemCode: string): Promise<FactPayload | undefined> {
  const find = (source: "self" | "review") =>
    tx.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: { editionId: ctx.id, unitCode: factUnit, itemCode, source } }, select: { payload: true } });
  return ((await find("review")) ?? (await find("self")))?.payload as FactPayload | undefined;
}

/**
 * Read-modify-write of the reviewer's facts under the item's lock: `revise` gets the
 * current base (reviewer's facts, else the unit's) and returns the new payload.
 */
export async function reviseReviewFactsInTx(
  tx: Tx,
  ctx: AssessmentContext,
  user: SessionUser,
  ip: string,
  input: Omit<AdjustInput, "payload"> & { revise: (base: FactPayload | undefined) => unknown },
  now = new Date(),
): Promise<void> {
  const { leaf, factUnit } = leafOrThrow(ctx, input.itemCode, input.unitCode);
  await lockForReview(tx, ctx.id, input.unitCode, leaf.partCode);
  await lockItemFacts(tx, ctx.id, factUnit, input.itemCode);
  const base = await reviewBasePayload(tx, ctx, factUnit, input.itemCode);
  const { revise, ...rest } = input;
  await adjustItemInTx(tx, ctx, user, ip, { ...rest, payload: revise(base) }, now);
}

/** recordMonitoringEvents inside the caller's transaction; the base is read under the item's lock. */
export async function recordMonitoringEventsInTx(tx: Tx, ctx: AssessmentContext, user: SessionUser, ip: string, input: MonitoringInput, now = new Date()): Promise<void> {
  const { leaf } = leafOrThrow(ctx, input.itemCode, input.unitCode);
  if (leaf.rule.type !== "deduction") throw new UserError("只有扣分类指标可以录入监测事件", 400);
  const { events, ...rest } = input;
  await reviseReviewFactsInTx(
    tx,
    ctx,
    user,
    ip,
    {
      ...rest,
      action: "review.monitoring",
      revise: (base) => {
        const value = base?.value as { events?: unknown[] } | undefined;
        const existing = value?.events ?? [];
        // the rest of the value (an inventory of rooms) stays as it was
        return { ...(base ?? {}), notApplicable: undefined, value: { ...(value ?? {}), events: [...existing, ...events] } };
      },
    },
    now,
  );
}

/** Monitoring findings (events) for any unit, submitted or not: appended to the review facts. */
export async function recordMonitoringEvents(user: SessionUser, ip: string, input: MonitoringInput, now = new Date()) {
  const ctx = await requireContext(input.editionId);
  await getPrisma().$transaction((tx) => recordMonitoringEventsInTx(tx, ctx, user, ip, input, now), SERIAL_TX);
  return { result: await scoreStoredItem(ctx, input.unitCode, input.itemCode) };
}

export async function scoreStoredItem(ctx: AssessmentContext, unitCode: string, itemCode: string): Promise<ItemResult> {
  const leaf = ctx.compiled.leafByCode.get(itemCode)!;
  const rows = await getPrisma().itemFact.findMany({
    where: { editionId: ctx.id, itemCode, ...(leaf.rollupToCity && unitCode === ctx.compiled.city?.code ? {} : { unitCode: factUnitFor(ctx.compiled, leaf, unitCode) }) },
    select: { unitCode: true, source: true, payload: true },
  });
  const facts = rows.map((r): TItemFact => ({ ...(r.payload as FactPayload), unit: r.unitCode, item: itemCode, source: r.source }));
  return scoreItem(ctx.compiled, { unit: unitCode, item: itemCode, facts });
}

export type PostPenaltyInput = { editionId: number; unitCode: string; partCode: string; points: string; reason: string };

/** addPostPenalty inside the caller's transaction. */
export async function addPostPenaltyInTx(tx: Tx, ctx: AssessmentContext, user: SessionUser, ip: string, input: PostPenaltyInput, now = new Date()) {
  const part = ctx.compiled.partByCode.get(input.partCode);
  if (!part) throw new UserError("未知的考核部分", 404);
  if (!part.allowPostPenalty) throw new UserError(`“${part.name}”不设加重扣分`, 400);
  if (!ctx.compiled.unitByCode.has(input.unitCode)) throw new UserError(`未知的单位 ${input.unitCode}`, 404);
  if (!part.units.has(input.unitCode)) throw new UserError(`该单位不参加“${part.name}”的考核，不能加重扣分`, 400, { unitCode: "该单位不参加本部分考核" });
  if (!/^\d+(\.\d{1,2})?$/.test(input.points) || Number(input.points) <= 0 || Number(input.points) > 100) throw new UserError("扣分应为 0～100 之间的数，最多两位小数", 400, { points: "扣分应为 0～100 之间的数，最多两位小数" });
  if (!input.reason.trim()) throw new UserError("加重扣分须写明理由", 400, { reason: "请填写理由" });
  await lockForReview(tx, ctx.id, input.unitCode, input.partCode);
  await assertNotFinal(tx, ctx, null, input.partCode);
  const row = await tx.postPenalty.create({ data: { editionId: ctx.id, unitCode: input.unitCode, partCode: input.partCode, points: input.points, reason: input.reason, createdById: user.id, createdAt: now } });
  await writeAudit(tx, { actor: user, ip, action: "review.post_penalty", entityType: "post_penalty", entityId: row.id, unitCode: input.unitCode, editionId: ctx.id, after: { partCode: input.partCode, points: input.points }, reason: input.reason });
  return { id: row.id };
}

export async function addPostPenalty(user: SessionUser, ip: string, input: PostPenaltyInput, now = new Date()) {
  const ctx = await requireContext(input.editionId);
  return getPrisma().$transaction((tx) => addPostPenaltyInTx(tx, ctx, user, ip, input, now), SERIAL_TX);
}

/** Units assessed in a part whose self-assessment is not yet reviewed. */
export async function unreviewedUnits(ctx: AssessmentContext, partCode: string, db: Pick<Tx, "itemFact"> = getPrisma()) {
  const part = ctx.compiled.partByCode.get(partCode);
  if (!part) throw new UserError("未知的考核部分", 404);
  const open = await db.itemFact.findMany({
    where: { editionId: ctx.id, source: "self", status: { in: ["draft", "submitted", "returned"] }, itemCode: { in: part.leaves.map((l) => l.code) } },
    select: { unitCode: true },
    distinct: ["unitCode"],
  });
  return open.map((o) => o.unitCode);
}

/**
 * Finalise a part: all units reviewed, or the reviewer explicitly accepts the rest as
 * submitted (acceptRemaining). After this nothing in the part changes until an admin reopens it.
 */
export async function finalisePart(user: SessionUser, ip: string, input: { editionId: number; partCode: string; acceptRemaining: boolean }, at?: Date) {
  const ctx = await requireContext(input.editionId);
  const part = ctx.compiled.partByCode.get(input.partCode);
  if (!part) throw new UserError("未知的考核部分", 404);
  return getPrisma().$transaction(async (tx) => {
    // no save, upload, submit or review of the part runs from here to the commit
    // (lib/assessment/serial.ts): what is pending is read, and locked, under the lock
    await lockPartTransition(tx, ctx.id, input.partCode);
    const now = at ?? new Date(); // after every write that got in first
    await assertNotFinal(tx, ctx, null, input.partCode);
    // an appeal still open on the part must be answered first (issue #19 §3)
    const appeals = await tx.appeal.count({ where: { editionId: ctx.id, status: "pending", itemCode: { in: part.leaves.map((l) => l.code) } } });
    if (appeals > 0) throw new UserError(`“${part.name}”还有 ${appeals} 条申诉未处理，请先在“结果公布与申诉”中答复后再定稿`, 409);
    const pending = await unreviewedUnits(ctx, input.partCode, tx);
    if (pending.length > 0 && !input.acceptRemaining) {
      const names = pending.map((u) => ctx.compiled.unitByCode.get(u)?.name ?? u);
      throw new UserError(`还有 ${pending.length} 个单位未审核完：${names.slice(0, 8).join("、")}${names.length > 8 ? "等" : ""}。请先审核，或勾选“其余按提交内容确认”后定稿`, 409);
    }
    if (pending.length > 0) {
      await tx.itemFact.updateMany({ where: { editionId: ctx.id, source: "self", status: { in: ["submitted", "draft", "returned"] }, itemCode: { in: part.leaves.map((l) => l.code) } }, data: { status: "reviewed" } });
      for (const u of pending) await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: u, round: await currentRound(tx, ctx.id, u), action: "accept-as-submitted", actorId: user.id, at: now } });
    }
    const row = await tx.resultFinalisation.create({ data: { editionId: ctx.id, partCode: input.partCode, finalisedById: user.id, finalisedAt: now } });
    await writeAudit(tx, { actor: user, ip, action: "results.finalise", entityType: "result_finalisation", entityId: row.id, editionId: ctx.id, after: { partCode: input.partCode, acceptedAsSubmitted: pending } });
    for (const role of ["filler", "leader"] as const) {
      await notify(tx, { role, kind: "results.finalised", editionId: ctx.id, link: role === "filler" ? "/" : "/dashboard", title: `${ctx.name}“${part.name}”考核结果已定稿`, body: `${ctx.name}“${part.name}”的考核结果已于 ${now.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })} 定稿。` });
    }
    return { finalised: true, acceptedAsSubmitted: pending };
  }, SERIAL_TX);
}

export async function reopenPart(user: SessionUser, ip: string, input: { editionId: number; partCode: string; reason: string }, now = new Date()) {
  if (!input.reason.trim()) throw new UserError("重新开放须写明理由", 400, { reason: "请填写理由" });
  const ctx = await requireContext(input.editionId);
  return getPrisma().$transaction(async (tx) => {
    await lockPartTransition(tx, ctx.id, input.partCode);
    const fin = await tx.resultFinalisation.findFirst({ where: { editionId: ctx.id, partCode: input.partCode, active: true } });
    if (!fin) throw new UserError("该部分尚未定稿", 400);
    await tx.resultFinalisation.update({ where: { id: fin.id }, data: { active: false, reopenedById: user.id, reopenedAt: now, reopenReason: input.reason } });
    await writeAudit(tx, { actor: user, ip, action: "results.reopen", entityType: "result_finalisation", entityId: fin.id, editionId: ctx.id, before: { active: true }, after: { active: false }, reason: input.reason });
    return { reopened: true };
  }, SERIAL_TX);
}
