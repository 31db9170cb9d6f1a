// Checking a username and password: throttle first (no hash when throttled), the same
// message for an unknown user and a wrong password, every outcome in the audit trail.
import type { Db } from "../db/prisma";
import { writeAudit } from "../audit";
import { burnOneHash, verifyPassword } from "./password";
import { clearAccountFailures, recordFailure, throttledFor } from "./throttle";

export const SIGNIN_MESSAGES = {
  invalid: "用户名或密码错误",
  throttled: (seconds: number) => `尝试次数过多，请 ${Math.max(1, Math.ceil(seconds / 60))} 分钟后再试`,
  disabled: "该账号已停用，请联系管理员",
} as const;

export type SignedInUser = { id: number; username: string; sessionVersion: number };
export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; code: "invalid" | "throttled" | "disabled"; message: string };

export async function attemptSignIn(db: Db, rawUsername: string, password: string, ip: string): Promise<SignInResult> {
  const username = rawUsername.trim();
  const wait = await throttledFor(db.pool, username, ip);
  if (wait > 0) {
    await writeAudit(db.prisma, { actorName: username, ip, action: "signin.throttled", entityType: "user", entityId: username });
    return { ok: false, code: "throttled", message: SIGNIN_MESSAGES.throttled(wait) };
  }
  const user = await db.prisma.user.findUnique({
    where: { username },
    select: { id: true, username: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  const fail = async () => {
    await recordFailure(db.pool, username, ip);
    await writeAudit(db.prisma, { actorName: username, ip, action: "signin.failure", entityType: "user", entityId: username });
    return { ok: false as const, code: "invalid" as const, message: SIGNIN_MESSAGES.invalid };
  };
  if (!user) {
    await burnOneHash(password); // same cost as a wrong password: no user enumeration by timing
    return fail();
  }
  if (!(await verifyPassword(user.passwordHash, password))) return fail();
  if (user.disabled) {
    await writeAudit(db.prisma, { actor: user, ip, action: "signin.disabled", entityType: "user", entityId: user.id });
    return { ok: false, code: "disabled", message: SIGNIN_MESSAGES.disabled };
  }
  await clearAccountFailures(db.pool, username);
  await db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await writeAudit(db.prisma, { actor: user, ip, action: "signin.success", entityType: "user", entityId: user.id });
  return { ok: true, user: { id: user.id, username: user.username, sessionVersion: user.sessionVersion } };
}
