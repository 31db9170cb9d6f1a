import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeAudit } from "@/lib/audit";
import { hashPassword, hashStats } from "@/lib/auth/password";
import { attemptSignIn, SIGNIN_MESSAGES } from "@/lib/auth/signin";
import { THROTTLE } from "@/lib/auth/throttle";
import { createDb, type Db } from "@/lib/db/prisma";

let db: Db;
const PASSWORD = "Correct-horse-42";

beforeAll(async () => {
  db = createDb(inject("databaseUrl"), 4);
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of ["alice", "bob", "carol"]) {
    await db.prisma.user.create({ data: { username, displayName: username, passwordHash, roles: ["reviewer"] } });
  }
  await db.prisma.user.create({ data: { username: "gone", displayName: "停用", passwordHash, roles: ["leader"], disabled: true } });
});
afterAll(async () => db.close());

/** Simulates the throttle window passing: the counters live in PostgreSQL. */
async function expireWindow() {
  await db.pool.query(`UPDATE auth_rate_limit SET expire = $1`, [Date.now() - 1]);
}

describe("sign-in", () => {
  it("says the same thing for an unknown user and a wrong password, and audits both with the IP", async () => {
    const unknown = await attemptSignIn(db, "nobody", "whatever-123", "10.0.0.1");
    const wrong = await attemptSignIn(db, "alice", "wrong-password-1", "10.0.0.1");
    expect(unknown).toEqual({ ok: false, code: "invalid", message: SIGNIN_MESSAGES.invalid });
    expect(wrong).toEqual(unknown);
    const rows = await db.prisma.auditLog.findMany({ where: { action: "signin.failure" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.actorName, r.ip])).toEqual([
      ["nobody", "10.0.0.1"],
      ["alice", "10.0.0.1"],
    ]);
    expect(rows.every((r) => r.at instanceof Date)).toBe(true);
  });

  it("signs in with the right password and records it", async () => {
    const ok = await attemptSignIn(db, "alice", PASSWORD, "10.0.0.2");
    expect(ok.ok).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "signin.success", actorName: "alice" } })).toBe(1);
  });

  it("a disabled account cannot sign in", async () => {
    const r = await attemptSignIn(db, "gone", PASSWORD, "10.0.0.3");
    expect(r).toMatchObject({ ok: false, code: "disabled" });
  });

  it("refuses the 11th wrong password within 10 minutes without computing a hash, and unlocks after the window", async () => {
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      expect((await attemptSignIn(db, "bob", `wrong-${i}-abc`, "10.1.0.99")).ok).toBe(false);
    }
    const before = hashStats.computed;
    const eleventh = await attemptSignIn(db, "bob", PASSWORD, "10.1.0.99"); // even the right password
    expect(eleventh).toMatchObject({ ok: false, code: "throttled" });
    expect(eleventh.ok ? "" : eleventh.message).toMatch(/尝试次数过多/);
    expect(hashStats.computed).toBe(before); // no hash was computed
    expect(await db.prisma.auditLog.count({ where: { action: "signin.throttled", actorName: "bob" } })).toBe(1);

    await expireWindow();
    expect((await attemptSignIn(db, "bob", PASSWORD, "10.1.0.99")).ok).toBe(true);
  });

  it("throttles an IP that sprays many accounts", async () => {
    await expireWindow();
    const ip = "203.0.113.7";
    for (let i = 0; i < THROTTLE.ipFailures; i++) {
      await attemptSignIn(db, `spray${i}`, "guess-123456", ip);
    }
    const before = hashStats.computed;
    const r = await attemptSignIn(db, "carol", PASSWORD, ip);
    expect(r).toMatchObject({ ok: false, code: "throttled" });
    expect(hashStats.computed).toBe(before);
    // another address is not affected
    expect((await attemptSignIn(db, "carol", PASSWORD, "198.51.100.1")).ok).toBe(true);
  });

  it("60 concurrent wrong passwords on one account verify at most the limit's worth of hashes", async () => {
    await expireWindow();
    await db.prisma.user.create({ data: { username: "dave", displayName: "dave", passwordHash: await hashPassword(PASSWORD), roles: ["reviewer"] } });
    const before = hashStats.computed;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => attemptSignIn(db, "dave", `wrong-${i}-xyz`, "192.0.2.60")));
    expect(hashStats.computed - before).toBe(THROTTLE.accountFailures);
    expect(results.filter((r) => !r.ok && r.code === "throttled")).toHaveLength(60 - THROTTLE.accountFailures);
    expect(results.some((r) => r.ok)).toBe(false);
  });

  it("an account locked from one address still signs in from another (no lock-out of the admin from elsewhere)", async () => {
    await expireWindow();
    await db.prisma.user.create({ data: { username: "erin", displayName: "erin", passwordHash: await hashPassword(PASSWORD), roles: ["admin"] } });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await attemptSignIn(db, "erin", `wrong-${i}-abc`, "192.0.2.10");
    expect(await attemptSignIn(db, "erin", PASSWORD, "192.0.2.10")).toMatchObject({ ok: false, code: "throttled" });
    expect(await attemptSignIn(db, "ERIN", PASSWORD, "192.0.2.10")).toMatchObject({ ok: false, code: "throttled" });
    expect((await attemptSignIn(db, "erin", PASSWORD, "198.51.100.20")).ok).toBe(true);
  });

  it("successful sign-ins from one address (an office behind NAT) do not use up its spray budget", async () => {
    await expireWindow();
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.ipFailures + 5; i++) expect((await attemptSignIn(db, "alice", PASSWORD, ip)).ok).toBe(true);
  });
});

describe("audit trail", () => {
  it("is append-only: UPDATE and DELETE on an audit row fail", async () => {
    await writeAudit(db.prisma, { actorName: "t", action: "test.row", entityType: "test" });
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "test.row" } });
    await expect(db.pool.query(`UPDATE audit_log SET reason = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditLog.count({ where: { id: row.id } })).toBe(1);
  });
});
