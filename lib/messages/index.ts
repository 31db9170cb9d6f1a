import "server-only";
// 消息中心: reading and marking a user's messages, the lazily computed deadline messages,
// and 催报 (a reviewer reminds every unit that has not submitted). Writing a message is
// notify() (./notify.ts), called inside the transaction of the change it reports.
import { z } from "zod";
import { getDb, getPrisma } from "../db/client";
import { rows } from "../db/sql";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getAssessmentContext } from "../assessment/context";
import { formatShanghai } from "../assessment/locks";
import { getReviewQueue, ZQueueQuery } from "../review/queue";
import { loadOfficeCalendar } from "../calendar/store";
import { deadlineState } from "./deadline";
import { flushEmail } from "./email";
import { MESSAGE_KIND_LABELS, notify, type MessageKind } from "./notify";

export { notify, MESSAGE_KINDS, MESSAGE_KIND_LABELS, type MessageKind, type NotifyInput, type Audience } from "./notify";
export { flushEmail } from "./email";
export { deadlineState, workdaysBetween, type DeadlineState } from "./deadline";

export type MessageView = {
  id: number;
  kind: MessageKind;
  kindLabel: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  read: boolean;
};

const ZCount = z.object({ n: z.number().int() });

/** The header's unread count, on every page: typed SQL (docs/architecture.md "Typed SQL"). */
export async function countUnread(userId: number): Promise<number> {
  const [r] = await rows(getDb().pool, ZCount, `SELECT count(*)::int AS n FROM message WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return r?.n ?? 0;
}

export const PAGE_SIZE = 30;

export async function listMessages(userId: number, opts: { unreadOnly?: boolean; page?: number } = {}): Promise<{ rows: MessageView[]; total: number; unread: number }> {
  const prisma = getPrisma();
  const where = { userId, ...(opts.unreadOnly ? { readAt: null } : {}) };
  const page = Math.max(1, opts.page ?? 1);
  const [rows, total, unread] = await Promise.all([
    prisma.message.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    }),
    prisma.message.count({ where }),
    prisma.message.count({ where: { userId, readAt: null } }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind as MessageKind,
      kindLabel: MESSAGE_KIND_LABELS[r.kind as MessageKind] ?? "通知",
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    })),
    total,
    unread,
  };
}

export const ZMarkRead = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().int().positive()).min(1, "请选择消息").max(500) }),
]);
export type TMarkRead = z.infer<typeof ZMarkRead>;

/** Marks the user's own messages read (ids of other users' messages are ignored). */
export async function markRead(userId: number, input: TMarkRead, now = new Date()): Promise<number> {
  const where = "all" in input ? { userId, readAt: null } : { userId, readAt: null, id: { in: input.ids } };
  const r = await getPrisma().message.updateMany({ where, data: { readAt: now } });
  return r.count;
}

// ---- Deadline messages (no background worker) ------------------------------------------
//
// Computed when a 填报员 opens a page (the header's unread count): if the deadline is within
// N official working days, or has passed, the message is written with a dedupe key naming
// the unit, the edition, the deadline and the kind. Every instance may do this at once; the
// unique (user, key) index keeps one. A moved deadline is a new key, so a new message.

/** Writes the unit's deadline message if one is due and not yet written. Returns messages written. */
export async function ensureDeadlineMessages(unitCode: string, now = new Date()): Promise<number> {
  const ctx = await getAssessmentContext();
  if (!ctx) return 0;
  const prisma = getPrisma();
  const [period, ext, sub] = await Promise.all([
    prisma.assessmentPeriod.findUnique({ where: { editionId: ctx.id }, select: { deadline: true, remindWorkdays: true, opensAt: true } }),
    prisma.periodExtension.findUnique({ where: { editionId_unitCode: { editionId: ctx.id, unitCode } }, select: { until: true } }),
    prisma.unitSubmission.findUnique({ where: { editionId_unitCode: { editionId: ctx.id, unitCode } }, select: { status: true } }),
  ]);
  if (!period || now < period.opensAt) return 0;
  if (sub && sub.status !== "draft") return 0; // submitted: nothing to remind
  const deadline = ext && ext.until > period.deadline ? ext.until : period.deadline;
  await loadOfficeCalendar(); // 节假日日历 for years the library lacks
  const state = deadlineState(deadline, period.remindWorkdays, now);
  if (!state) return 0;
  const when = formatShanghai(deadline);
  const link = `/self-assessment/${unitCode}`;
  return notify(prisma, {
    unitCode,
    kind: state.kind,
    editionId: ctx.id,
    link,
    dedupeKey: `${state.kind}:${ctx.id}:${unitCode}:${deadline.toISOString()}`,
    ...(state.kind === "deadline.approaching"
      ? {
          title: `自评填报将于 ${when} 截止`,
          body: `${ctx.name}自评填报将于 ${when}（北京时间）截止，距截止还有 ${state.workdaysLeft} 个工作日。本单位尚未提交，请抓紧完成填报并提交。`,
        }
      : { title: `自评填报已于 ${when} 截止`, body: `${ctx.name}自评填报已于 ${when}（北京时间）截止，本单位尚未提交。如需延期，请联系数字办。` }),
  });
}

// ---- 催报 ---------------------------------------------------------------------------------

export type PendingUnit = { unitCode: string; unitName: string; group: "department" | "county"; fillers: number };

/** The units a 催报 goes to: every unit that has not submitted (the review queue's "未提交"). */
export async function listUnitsToRemind(): Promise<{ editionId: number; editionName: string; units: PendingUnit[] } | null> {
  const q = await getReviewQueue(ZQueueQuery.parse({ status: "none", sort: "unit", dir: "asc" }));
  if (!q) return null;
  const codes = q.rows.map((r) => r.unitCode);
  const counts = codes.length
    ? await getPrisma().user.groupBy({ by: ["unitCode"], where: { unitCode: { in: codes }, roles: { has: "filler" }, disabled: false }, _count: { _all: true } })
    : [];
  const byUnit = new Map(counts.map((c) => [c.unitCode, c._count._all]));
  return {
    editionId: q.editionId,
    editionName: q.editionName,
    units: q.rows.map((r) => ({ unitCode: r.unitCode, unitName: r.unitName, group: r.group, fillers: byUnit.get(r.unitCode) ?? 0 })),
  };
}

export const ZSendReminder = z.object({
  editionId: z.number().int().positive(),
  /** the units the reviewer saw listed: a unit that submitted in between is skipped */
  unitCodes: z.array(z.string().trim().min(1).max(64)).min(1, "没有需要催报的单位").max(2000),
  note: z.string().trim().max(500, "附言不超过 500 字").optional(),
});
export type TSendReminder = z.infer<typeof ZSendReminder>;

export async function sendReminder(user: SessionUser, ip: string, input: TSendReminder): Promise<{ units: number; messages: number; skipped: string[] }> {
  const current = await listUnitsToRemind();
  if (!current || current.editionId !== input.editionId) throw new UserError("考核年度已变化，请刷新页面后重试", 409);
  const pending = new Map(current.units.map((u) => [u.unitCode, u]));
  const targets = input.unitCodes.filter((c) => pending.has(c));
  const skipped = input.unitCodes.filter((c) => !pending.has(c));
  if (targets.length === 0) throw new UserError("所列单位均已提交，无需催报", 409);
  const period = await getPrisma().assessmentPeriod.findUnique({ where: { editionId: input.editionId }, select: { deadline: true } });
  const when = period ? `，截止时间为 ${formatShanghai(period.deadline)}（北京时间）` : "";
  const messages = await getPrisma().$transaction(async (tx) => {
    let n = 0;
    for (const code of targets) {
      n += await notify(tx, {
        unitCode: code,
        kind: "reminder",
        editionId: input.editionId,
        link: `/self-assessment/${code}`,
        title: "催报：请尽快完成自评填报并提交",
        body: `数字办提醒：${current.editionName}本单位尚未提交自评${when}。请尽快完成填报并提交。${input.note ? `\n附言：${input.note}` : ""}`,
      });
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "messages.remind",
      entityType: "message",
      editionId: input.editionId,
      after: { units: targets, messages: n, skipped },
      reason: input.note ?? null,
    });
    return n;
  });
  return { units: targets.length, messages, skipped };
}

/** Page-load hook of the header: deadline messages for a filler's unit, pending e-mail, the count. */
export async function headerUnread(user: Pick<SessionUser, "id" | "roles" | "unitCode">): Promise<number> {
  try {
    if (user.unitCode && user.roles.includes("filler")) await ensureDeadlineMessages(user.unitCode);
    if (process.env.SMTP_URL) void flushEmail();
    return await countUnread(user.id);
  } catch (e) {
    console.error(`[messages] ${(e as Error).message}`);
    return 0;
  }
}
