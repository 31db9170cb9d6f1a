// 修改密码 (lib/auth/accounts.ts) against a real PostgreSQL: the current-password check is
// throttled like sign-in, and a change ends every other session (session version bump).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const { changeOwnPassword } = await import("@/lib/auth/accounts");
const { hashPassword, hashStats } = await import("@/lib/auth/password");
const { THROTTLE } = await import("@/lib/auth/throttle");
const { getDb, getPrisma } = await import("@/lib/db/client");

const prisma = getPrisma();
const CURRENT = "Current-pass-42";

async function makeUser(username: string): Promise<SessionUser> {
  const row = await prisma.user.create({
    data: { username, displayName: username, passwordHash: await hashPassword(CURRENT), roles: ["leader"], mustChangePassword: false },
  });
  return { id: row.id, username, displayName: username, roles: ["leader"], unitCode: null, unitName: null, mustChangePassword: false };
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe(`DELETE FROM auth_rate_limit`);
});
afterAll(async () => getDb().close());

describe("修改密码", () => {
  it("bumps the session version, so every other session of the user ends", async () => {
    const u = await makeUser("pc-bump");
    const before = await prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { sessionVersion: true } });
    await changeOwnPassword(u, { current: CURRENT, next: "Brand-new-pass-1", confirm: "Brand-new-pass-1" }, "10.20.0.1");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("throttles wrong current passwords like sign-in: the 11th try computes no hash, another address still may", async () => {
    const u = await makeUser("pc-throttle");
    const input = (current: string) => ({ current, next: "Brand-new-pass-2", confirm: "Brand-new-pass-2" });
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      await expect(changeOwnPassword(u, input(`wrong-${i}-pass`), "10.20.0.2")).rejects.toThrow("当前密码不正确");
    }
    const hashes = hashStats.computed;
    await expect(changeOwnPassword(u, input(CURRENT), "10.20.0.2")).rejects.toThrow(/尝试次数过多/);
    expect(hashStats.computed).toBe(hashes);
    expect(await prisma.auditLog.count({ where: { action: "user.password.throttled", actorId: u.id } })).toBe(1);
    await expect(changeOwnPassword(u, input(CURRENT), "10.20.0.3")).resolves.toMatchObject({ changed: true });
  });
});
