// Writing in-app messages (消息中心). Call notify() INSIDE the transaction of the change the
// message is about: the message exists exactly when the change committed. E-mail copies
// (when SMTP_URL is set) are queued on the same rows and sent after the commit (./email.ts).
import type { Prisma } from "../generated/prisma/client";

export const MESSAGE_KINDS = [
  "item.returned", // a reviewer returned an item to the unit
  "item.resubmitted", // a unit resubmitted returned items (to reviewers)
  "deadline.approaching",
  "deadline.passed",
  "results.finalised",
  "results.published", // provisional results published: the appeal window opens
  "appeal.answered",
  "reminder", // 催报
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  "item.returned": "退回修改",
  "item.resubmitted": "重新提交",
  "deadline.approaching": "截止提醒",
  "deadline.passed": "已过截止",
  "results.finalised": "结果定稿",
  "results.published": "结果公布",
  "appeal.answered": "申诉答复",
  reminder: "催报",
};

/** Who receives it: the active 填报员 of a unit, given users, or every active user with a role. */
export type Audience = { unitCode: string } | { userIds: readonly number[] } | { role: "filler" | "reviewer" | "leader" | "admin" };

export type NotifyInput = Audience & {
  kind: MessageKind;
  title: string;
  body: string;
  /** an in-app path ("/self-assessment/county-sanyuan"), never an external URL */
  link?: string | null;
  editionId?: number | null;
  /** the unit the message is about (defaults to the audience's unit) */
  aboutUnit?: string | null;
  /** idempotency: one message per user and key (a second notify with the key is a no-op) */
  dedupeKey?: string | null;
};

type Tx = Pick<Prisma.TransactionClient, "user" | "message">;

const emailOn = () => Boolean(process.env.SMTP_URL);

/** Writes one message per recipient; returns how many were written (duplicates by dedupeKey skipped). */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const where: Prisma.UserWhereInput =
    "unitCode" in input
      ? { unitCode: input.unitCode, roles: { has: "filler" }, disabled: false }
      : "userIds" in input
        ? { id: { in: [...input.userIds] }, disabled: false }
        : { roles: { has: input.role }, disabled: false };
  const users = await tx.user.findMany({ where, select: { id: true, email: true } });
  if (users.length === 0) return 0;
  if (input.link && !input.link.startsWith("/")) throw new Error("message link must be an in-app path");
  const unitCode = input.aboutUnit ?? ("unitCode" in input ? input.unitCode : null);
  const res = await tx.message.createMany({
    data: users.map((u) => ({
      userId: u.id,
      unitCode,
      editionId: input.editionId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupeKey: input.dedupeKey ?? null,
      emailStatus: emailOn() && u.email ? "pending" : null,
    })),
    skipDuplicates: true,
  });
  if (res.count > 0 && emailOn()) scheduleEmailFlush();
  return res.count;
}

function scheduleEmailFlush() {
  // after the caller's transaction commits (rows are invisible before it; a flush that runs
  // too early finds nothing and the next one — a page load or notify — sends them). Loaded
  // lazily: code that only writes messages never loads the SMTP client.
  setTimeout(() => {
    import("./email").then((m) => m.flushEmail()).catch((e: Error) => console.error(`[email] ${e.message}`));
  }, 200).unref?.();
}
