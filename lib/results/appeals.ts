import "server-only";
// Results back to units and appeals (issue #19 §3: 结果反馈 / 申诉).
//
// The office publishes an edition's results (provisional before 定稿): from then a 填报员
// sees their own unit's scorecard, and may appeal an item, with a reason and evidence, until
// the window closes — the end of the N-th official working day after publication (N set per
// edition, 5 by default; lib/workdays.ts). After that the result stands: no new appeal.
// A reviewer accepts (the score is set through the ordinary review adjustment, so the engine,
// the scorecard and the audit trail all see it) or rejects, each with a reason. Every step
// is audited and written to the item's review history, which the scorecard shows.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { notify } from "../messages/notify";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { requireContext, type FactPayload } from "../assessment/facts";
import type { AssessmentContext } from "../assessment/context";
import { lockForReview, SERIAL_TX } from "../assessment/serial";
import { factUnitFor } from "../engine/compile";
import { scoreItem, type TItemFact } from "../engine";
import { toValue } from "../engine/exact";
import type { Prisma } from "../generated/prisma/client";
import { ZHttpUrl } from "../evidence/schemas";
import { lockItemFacts, reviseReviewFactsInTx } from "../review/review";
import { VERIFICATION_METHODS } from "../rules/schema";
import { loadOfficeCalendar } from "../calendar/store";
import { CalendarNotCoveredError, dueDateAfterWorkdays } from "../workdays";
import { freeText } from "../zod/text";

type Tx = Prisma.TransactionClient;

export const APPEAL_WORKDAYS_DEFAULT = 5;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

export const ZPublishResults = z.object({
  editionId: z.number().int().positive(),
  published: z.boolean(),
  appealWorkdays: z.number({ error: "申诉期应为 1～30 个工作日" }).int("申诉期应为整数个工作日").min(1, "申诉期应为 1～30 个工作日").max(30, "申诉期应为 1～30 个工作日").default(APPEAL_WORKDAYS_DEFAULT),
});
export type TPublishResults = z.input<typeof ZPublishResults>;

export const ZFileAppeal = z.object({
  editionId: z.number().int().positive(),
  unitCode: z.string().trim().min(1).max(60),
  itemCode: z.string().trim().min(1, "请选择申诉的指标").max(80),
  reason: freeText("reason", "申诉理由").min(1, "请填写申诉理由"),
  evidenceUrl: z.preprocess(blankToUndefined, ZHttpUrl.optional()),
  evidenceTitle: z.preprocess(blankToUndefined, freeText("title", "佐证材料标题").optional()),
});
export type TFileAppeal = z.infer<typeof ZFileAppeal>;

export const ZDecideAppeal = z.discriminatedUnion("decision", [
  z.object({
    appealId: z.number().int().positive(),
    decision: z.literal("accept"),
    method: z.enum(VERIFICATION_METHODS, { error: "请选择核查方式" }),
    /** the item's score after the appeal (an override within the item's range, checked by the engine) */
    score: z.string().trim().regex(/^\d+(\.\d{1,2})?$/, "核定得分应为非负数，最多两位小数"),
    reason: freeText("reason", "处理理由").min(1, "请填写处理理由"),
  }),
  z.object({ appealId: z.number().int().positive(), decision: z.literal("reject"), reason: freeText("reason", "驳回理由").min(1, "请填写驳回理由") }),
]);
export type TDecideAppeal = z.infer<typeof ZDecideAppeal>;

const shanghaiDay = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(d);

/** The end (23:59:59.999 Beijing time) of the n-th official working day after `publishedAt`'s day. */
export function appealDeadlineFor(publishedAt: Date, workdays: number): Date {
  try {
    const due = dueDateAfterWorkdays(shanghaiDay(publishedAt), workdays);
    return new Date(`${due}T23:59:59.999+08:00`);
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) throw new UserError(`${e.message}；请稍后在日历数据更新后再公布`, 400);
    throw e;
  }
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d).replace(/\//g, "-");

export type TPublicationView = { published: boolean; publishedAt: string; appealWorkdays: number; appealDeadline: string; windowOpen: boolean } | null;

export async function getPublication(editionId: number, now = new Date()): Promise<TPublicationView> {
  const p = await getPrisma().resultPublication.findUnique({ where: { editionId } });
  if (!p) return null;
  return { published: p.published, publishedAt: p.publishedAt.toISOString(), appealWorkdays: p.appealWorkdays, appealDeadline: p.appealDeadline.toISOString(), windowOpen: p.published && now <= p.appealDeadline };
}

/** Can a 填报员 see their unit's results? Once published, or once any part is finalised (定稿). */
export async function resultsReleased(editionId: number): Promise<boolean> {
  const prisma = getPrisma();
  const [pub, fin] = await Promise.all([prisma.resultPublication.findUnique({ where: { editionId }, select: { published: true } }), prisma.resultFinalisation.count({ where: { editionId, active: true } })]);
  return Boolean(pub?.published) || fin > 0;
}

/** The per-edition switch: publish provisional results (opening the appeal window) or withdraw them. */
export async function publishResults(user: SessionUser, ip: string, raw: TPublishResults, now = new Date()) {
  const input = ZPublishResults.parse(raw);
  const ctx = await requireContext(input.editionId);
  await loadOfficeCalendar(); // 节假日日历 for years the library lacks
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`publication:${ctx.id}`}))`;
    const before = await tx.resultPublication.findUnique({ where: { editionId: ctx.id } });
    if (!input.published) {
      if (!before?.published) throw new UserError("考核结果尚未公布，无需撤回", 400);
      await tx.resultPublication.update({ where: { id: before.id }, data: { published: false, updatedAt: now } });
      await writeAudit(tx, { actor: user, ip, action: "results.unpublish", entityType: "result_publication", entityId: before.id, editionId: ctx.id, before: { published: true }, after: { published: false } });
      return { published: false as const };
    }
    // a window already running keeps its start; a new publication starts a new window
    const publishedAt = before?.published ? before.publishedAt : now;
    const appealDeadline = appealDeadlineFor(publishedAt, input.appealWorkdays);
    const data = { published: true, publishedAt, appealWorkdays: input.appealWorkdays, appealDeadline, publishedById: user.id, updatedAt: now };
    const row = before ? await tx.resultPublication.update({ where: { id: before.id }, data }) : await tx.resultPublication.create({ data: { editionId: ctx.id, ...data } });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "results.publish",
      entityType: "result_publication",
      entityId: row.id,
      editionId: ctx.id,
      before: before ? { published: before.published, appealWorkdays: before.appealWorkdays, appealDeadline: before.appealDeadline } : null,
      after: { published: true, publishedAt, appealWorkdays: input.appealWorkdays, appealDeadline },
    });
    // a new publication opens the appeal window: every unit hears it (a changed window of a
    // running publication does not tell them again)
    if (!before?.published)
      await notify(tx, {
        role: "filler",
        kind: "results.published",
        editionId: ctx.id,
        link: "/",
        title: `${ctx.name}考核结果已公布`,
        body: `${ctx.name}考核结果已公布，可在工作台查看本单位记分卡（得分、审核调整及理由）。对结果有异议的，可在申诉期内（${input.appealWorkdays} 个工作日，至 ${fmt(appealDeadline)}）就具体指标提出申诉。`,
      });
    return { published: true as const, publishedAt: publishedAt.toISOString(), appealDeadline: appealDeadline.toISOString() };
  }, SERIAL_TX);
}

/** The item's score as the engine computes it from the facts visible in `tx`. */
async function scoreInTx(tx: Tx, ctx: AssessmentContext, unitCode: string, itemCode: string): Promise<string | null> {
  const leaf = ctx.compiled.leafByCode.get(itemCode)!;
  const rows = await tx.itemFact.findMany({ where: { editionId: ctx.id, itemCode, unitCode: factUnitFor(ctx.compiled, leaf, unitCode) }, select: { unitCode: true, source: true, payload: true } });
  const facts = rows.map((r): TItemFact => ({ ...(r.payload as FactPayload), unit: r.unitCode, item: itemCode, source: r.source }));
  const r = scoreItem(ctx.compiled, { unit: unitCode, item: itemCode, facts });
  return r.state === "not-applicable" ? "不适用" : (r.score?.display ?? null);
}

async function round(tx: Tx, editionId: number, unitCode: string) {
  return (await tx.unitSubmission.findUnique({ where: { editionId_unitCode: { editionId, unitCode } }, select: { round: true } }))?.round ?? 0;
}

/** A 填报员 appeals one item of their unit, within the window, with a reason and optional evidence (a link). */
export async function fileAppeal(user: SessionUser, ip: string, input: TFileAppeal, now = new Date()) {
  const ctx = await requireContext(input.editionId);
  const leaf = ctx.compiled.leafByCode.get(input.itemCode);
  if (!leaf) throw new UserError(`未知的指标 ${input.itemCode}`, 404);
  if (!ctx.compiled.unitByCode.has(input.unitCode)) throw new UserError(`未知的单位 ${input.unitCode}`, 404);
  if (!leaf.assessed.has(input.unitCode)) throw new UserError(`“${leaf.name}”不是本单位的考核指标，不能申诉`, 400, { itemCode: "请选择本单位的考核指标" });
  return getPrisma().$transaction(async (tx) => {
    // the window is read under the publication's lock, so a withdrawal in flight is seen
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${`publication:${ctx.id}`}))`;
    const pub = await tx.resultPublication.findUnique({ where: { editionId: ctx.id } });
    if (!pub?.published) throw new UserError("考核结果尚未公布，暂不能申诉", 409);
    if (now > pub.appealDeadline) throw new UserError(`申诉期已于 ${fmt(pub.appealDeadline)} 截止，考核结果已生效，不能再申诉`, 409);
    await lockItemFacts(tx, ctx.id, factUnitFor(ctx.compiled, leaf, input.unitCode), input.itemCode);
    const open = await tx.appeal.findFirst({ where: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, status: "pending" }, select: { id: true } });
    if (open) throw new UserError("该指标已有一条申诉正在处理，请等待审核员答复", 409);
    const evidenceIds: string[] = [];
    if (input.evidenceUrl) {
      const id = randomUUID();
      await tx.evidence.create({ data: { id, editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, kind: "link", url: input.evidenceUrl, title: input.evidenceTitle ?? "申诉佐证材料", uploadedById: user.id, uploadedAt: now } });
      await writeAudit(tx, { actor: user, ip, action: "evidence.link.add", entityType: "evidence", entityId: id, unitCode: input.unitCode, editionId: ctx.id, itemCode: input.itemCode, after: { kind: "link", url: input.evidenceUrl, title: input.evidenceTitle ?? null, for: "appeal" } });
      evidenceIds.push(id);
    }
    const scoreBefore = await scoreInTx(tx, ctx, input.unitCode, input.itemCode);
    const row = await tx.appeal.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, reason: input.reason, evidenceIds, scoreBefore, filedById: user.id, filedAt: now } });
    await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: input.unitCode, itemCode: input.itemCode, round: await round(tx, ctx.id, input.unitCode), action: "appeal", comment: input.reason, actorId: user.id, at: now } });
    await writeAudit(tx, { actor: user, ip, action: "appeal.file", entityType: "appeal", entityId: row.id, unitCode: input.unitCode, editionId: ctx.id, itemCode: input.itemCode, after: { status: "pending", scoreBefore, evidenceIds }, reason: input.reason });
    return { id: row.id };
  }, SERIAL_TX);
}

/** Which unit an appeal belongs to (for the guard). */
export async function getAppealUnit(appealId: number): Promise<string | null> {
  return (await getPrisma().appeal.findUnique({ where: { id: appealId }, select: { unitCode: true } }))?.unitCode ?? null;
}


/** A reviewer answers an appeal: accept (the item's score set by an adjustment, with the reason) or reject (reason). */
export async function decideAppeal(user: SessionUser, ip: string, input: TDecideAppeal, now = new Date()) {
  const prisma = getPrisma();
  const found = await prisma.appeal.findUnique({ where: { id: input.appealId } });
  if (!found) throw new UserError("找不到该申诉", 404);
  const ctx = await requireContext(found.editionId);
  const leaf = ctx.compiled.leafByCode.get(found.itemCode);
  if (!leaf) throw new UserError(`未知的指标 ${found.itemCode}`, 404);
  const factUnit = factUnitFor(ctx.compiled, leaf, found.unitCode);
  return prisma.$transaction(async (tx) => {
    await lockForReview(tx, ctx.id, found.unitCode, leaf.partCode);
    await lockItemFacts(tx, ctx.id, factUnit, found.itemCode);
    const appeal = await tx.appeal.findUniqueOrThrow({ where: { id: found.id } });
    if (appeal.status !== "pending") throw new UserError("该申诉已处理，不能重复处理", 409);
    const r = await round(tx, ctx.id, appeal.unitCode);
    let scoreAfter: string | null = appeal.scoreBefore;
    if (input.decision === "accept") {
      const reason = `申诉成立：${input.reason}`;
      // the ordinary adjustment: review facts with an override score, audited as review.adjust
      await reviseReviewFactsInTx(tx, ctx, user, ip, {
        editionId: ctx.id,
        unitCode: appeal.unitCode,
        itemCode: appeal.itemCode,
        method: input.method,
        reason,
        revise: (base) => ({ ...(base ?? {}), override: { score: input.score, reason } }),
      }, now);
      scoreAfter = await scoreInTx(tx, ctx, appeal.unitCode, appeal.itemCode);
    }
    const status = input.decision === "accept" ? ("accepted" as const) : ("rejected" as const);
    await tx.appeal.update({ where: { id: appeal.id }, data: { status, decisionReason: input.reason, decidedById: user.id, decidedAt: now, scoreAfter } });
    await tx.reviewEvent.create({ data: { editionId: ctx.id, unitCode: appeal.unitCode, itemCode: appeal.itemCode, round: r, action: input.decision === "accept" ? "appeal-accept" : "appeal-reject", method: input.decision === "accept" ? input.method : null, comment: input.reason, actorId: user.id, at: now } });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: input.decision === "accept" ? "appeal.accept" : "appeal.reject",
      entityType: "appeal",
      entityId: appeal.id,
      unitCode: appeal.unitCode,
      editionId: ctx.id,
      itemCode: appeal.itemCode,
      before: { status: "pending", score: appeal.scoreBefore },
      after: { status, score: scoreAfter },
      reason: input.reason,
    });
    // the unit hears the answer in its 消息中心 (and by e-mail when SMTP_URL is set)
    await notify(tx, {
      unitCode: appeal.unitCode,
      kind: "appeal.answered",
      editionId: ctx.id,
      link: `/scorecards/${encodeURIComponent(appeal.unitCode)}`,
      title: `“${leaf.name}”的申诉：${APPEAL_STATUS_LABELS[status]}`,
      body: status === "accepted" ? `得分由 ${appeal.scoreBefore ?? "—"} 调整为 ${scoreAfter ?? "—"}。理由：${input.reason}` : `维持原分 ${appeal.scoreBefore ?? "—"}。理由：${input.reason}`,
    });
    return { status, scoreBefore: appeal.scoreBefore, scoreAfter };
  }, SERIAL_TX);
}

export const APPEAL_STATUS_LABELS = { pending: "待处理", accepted: "申诉成立", rejected: "申诉驳回" } as const;

export type TAppealView = {
  id: number;
  unitCode: string;
  unitName: string;
  itemCode: string;
  itemName: string;
  reason: string;
  status: keyof typeof APPEAL_STATUS_LABELS;
  scoreBefore: string | null;
  scoreAfter: string | null;
  max: string;
  filedAt: string;
  decisionReason: string | null;
  decidedAt: string | null;
  evidence: { id: string; title: string; url: string | null }[];
};

/** Appeals of an edition (one unit's, or all for reviewers), newest first. */
export async function listAppeals(editionId: number, unitCode?: string): Promise<TAppealView[]> {
  const ctx = await requireContext(editionId);
  const prisma = getPrisma();
  const rows = await prisma.appeal.findMany({ where: { editionId, ...(unitCode ? { unitCode } : {}) }, orderBy: [{ filedAt: "desc" }, { id: "desc" }] });
  const ids = rows.flatMap((r) => r.evidenceIds);
  const ev = ids.length ? await prisma.evidence.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, title: true, url: true } }) : [];
  const evById = new Map(ev.map((e) => [e.id, e]));
  return rows.map((r) => {
    const leaf = ctx.compiled.leafByCode.get(r.itemCode);
    return {
      id: r.id,
      unitCode: r.unitCode,
      unitName: ctx.compiled.unitByCode.get(r.unitCode)?.name ?? r.unitCode,
      itemCode: r.itemCode,
      itemName: leaf ? leaf.pathNames.slice(-2).join(" · ") : r.itemCode,
      reason: r.reason,
      status: r.status,
      scoreBefore: r.scoreBefore,
      scoreAfter: r.scoreAfter,
      max: leaf ? toValue(leaf.max).display : "",
      filedAt: r.filedAt.toISOString(),
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      evidence: r.evidenceIds.flatMap((id) => {
        const e = evById.get(id);
        return e ? [{ id: e.id, title: e.title ?? "佐证材料", url: e.url }] : [];
      }),
    };
  });
}

/** The items a unit may appeal (those it is assessed on), for the form's list. */
export async function appealableItems(editionId: number, unitCode: string): Promise<{ code: string; name: string }[]> {
  const ctx = await requireContext(editionId);
  const out: { code: string; name: string }[] = [];
  for (const part of ctx.compiled.parts) for (const leaf of part.leaves) if (leaf.assessed.has(unitCode)) out.push({ code: leaf.code, name: `${part.name} · ${leaf.pathNames.slice(-2).join(" · ")}` });
  return out;
}
