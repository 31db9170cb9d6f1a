import "server-only";
// Account changes: own password, admin reset, disable, roles. Each one audited.
import { getDb } from "../db/client";
import { writeAudit } from "../audit";
import { UserError } from "./guard";
import { hashPassword, verifyPassword, ZNewPassword } from "./password";
import { SIGNIN_MESSAGES } from "./signin";
import { consumeAttempt, refundAttempt } from "./throttle";
import type { SessionUser } from "./session";

/**
 * Changes the signed-in user's own password. The current-password check is throttled like
 * sign-in (same budgets, counted before the hash). The session version is bumped, so every
 * other session of this user ends; the caller reissues its own cookie with `sessionVersion`.
 */
export async function changeOwnPassword(
  user: SessionUser,
  input: { current: string; next: string; confirm: string },
  ip: string,
): Promise<{ changed: true; sessionVersion: number }> {
  const db = getDb();
  const prisma = db.prisma;
  const wait = await consumeAttempt(db.pool, user.username, ip);
  if (wait > 0) {
    await writeAudit(prisma, { actor: user, ip, action: "user.password.throttled", entityType: "user", entityId: user.id });
    throw new UserError(SIGNIN_MESSAGES.throttled(wait), 423, { current: SIGNIN_MESSAGES.throttled(wait) });
  }
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row) throw new UserError("账号不存在", 404);
  if (!(await verifyPassword(row.passwordHash, input.current))) {
    await writeAudit(prisma, { actor: user, ip, action: "user.password.failure", entityType: "user", entityId: user.id });
    throw new UserError("当前密码不正确", 400, { current: "当前密码不正确" });
  }
  await refundAttempt(db.pool, user.username, ip);
  const policy = ZNewPassword(user.username).safeParse(input.next);
  if (!policy.success) throw new UserError(policy.error.issues[0].message, 400, { next: policy.error.issues[0].message });
  if (input.next !== input.confirm) throw new UserError("两次输入的新密码不一致", 400, { confirm: "两次输入的新密码不一致" });
  if (input.next === input.current) throw new UserError("新密码不能与当前密码相同", 400, { next: "新密码不能与当前密码相同" });
  const passwordHash = await hashPassword(input.next);
  const updated = await prisma.$transaction(async (tx) => {
    // a new session version: every other session (a stolen cookie too) ends here
    const u = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await writeAudit(tx, { actor: user, ip, action: "user.password.change", entityType: "user", entityId: user.id });
    return u;
  });
  return { changed: true, sessionVersion: updated.sessionVersion };
}
