// Checking a username and password: throttle first (an attempt is counted before any hash
// is computed, atomically, see ./throttle), the same message for an unknown user and a
// wrong password, every outcome in the audit trail.
import type { Db } from "../db/prisma";
import { writeAudit } from "../audit";
import { burnOneHash, verifyPassword } from "./password";
import { consumeAttempt, refundAttempt } from "./throttle";

export const SIGNIN_MESSAGES = {
  invalid: "用户名或密码错误",
  throttled: (seconds: number) => `尝试次数过多，请 ${Math.max(1, Math.ceil(seconds / 60))} 分钟后再试`,
  disabled: "该账号已停用，请联系管理员",
  unavailable: "数据库暂时不可用，请稍后再试",
  failed: "登录暂时无法完成，请稍后再试",
} as const;

export type SignedInUser = { id: number; username: string; sessionVersion: number };
export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; code: "invalid" | "throttled" | "disabled"; message: string };

export async function attemptSignIn(db: Db, rawUsername: string, password: string, ip: string): Promise<SignInResult> {
  const username = rawUsername.trim();
  const wait = await consumeAttempt(db.pool, username, ip);
  if (wait > 0) {
    await writeAudit(db.prisma, { actorName: username, ip, action: "signin.throttled", entityType: "user", entityId: username });
    return { ok: false, code: "throttled", message: SIGNIN_MESSAGES.throttled(wait) };
  }
  const user = await db.prisma.user.findUnique({
    where: { username },
    select: { id: true, username: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  const fail = async () => {
    await writeAudit(db.prisma, { actorName: username, ip, action: "signin.failure", entityType: "user", entityId: username });
    return { ok: false as const, code: "invalid" as const, message: SIGNIN_MESSAGES.invalid };
  };
  if (!user) {
    await burnOneHash(password); // same cost as a wrong password: no user enumeration by timing
    return fail();
  }
  if (!(await verifyPassword(user.passwordHash, password))) return fail();
  await refundAttempt(db.pool, username, ip); // the right password is not a guess
  if (user.disabled) {
    await writeAudit(db.prisma, { actor: user, ip, action: "signin.disabled", entityType: "user", entityId: user.id });
    return { ok: false, code: "disabled", message: SIGNIN_MESSAGES.disabled };
  }
  await db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await writeAudit(db.prisma, { actor: user, ip, action: "signin.success", entityType: "user", entityId: user.id });
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}

/** Anywhere in the error or its causes: the database could not be reached or went away. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  for (let cur = e; cur && typeof cur === "object" && !seen.has(cur); cur = (cur as { cause?: unknown }).cause) {
    seen.add(cur);
    const { code, message, name } = cur as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|57P0\d|08\d\d\d|53300)$/.test(code)) return true;
    const text = `${String(name ?? "")} ${String(message ?? "")}`;
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|connection timeout|terminating connection|database system is (starting|shutting|in recovery)|Can't reach database|too many clients/i.test(text)) return true;
    for (const inner of Array.isArray((cur as { errors?: unknown }).errors) ? (cur as { errors: unknown[] }).errors : []) {
      if (isDatabaseUnavailable(inner)) return true;
    }
  }
  return false;
}

/** What the sign-in form may show for an unexpected error: never the raw text. */
export function signInErrorMessage(e: unknown): string {
  return isDatabaseUnavailable(e) ? SIGNIN_MESSAGES.unavailable : SIGNIN_MESSAGES.failed;
}
