// Issue #17: the session's user is read in one SQL join (typed SQL through pg, rows parsed
// by zod) instead of two Prisma queries; the answers must be the same as before: unknown,
// disabled, signed-out (revoked) and outdated (session version) sessions get no user.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { createTokenReader } from "@/lib/auth/session-cookie";

let db: Db;
let session: typeof import("@/lib/auth/session");
const UNIT = "perf-session-unit";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  session = await import("@/lib/auth/session");
  await db.prisma.unit.upsert({ where: { code: UNIT }, create: { code: UNIT, name: "会话测试单位", group: "county" }, update: {} });
});

afterAll(async () => {
  await db?.close();
});

async function user(username: string, data: Partial<{ disabled: boolean; sessionVersion: number; unitCode: string | null }> = {}) {
  return db.prisma.user.create({ data: { username, displayName: `会话 ${username}`, passwordHash: "x", roles: ["filler", "leader"], unitCode: UNIT, mustChangePassword: false, ...data } });
}

describe("readSessionUser", () => {
  it("returns the user with roles and unit name in one query", async () => {
    const u = await user("perf-sess-ok");
    const queries: string[] = [];
    const pool = { query: (async (text: string, values: unknown[]) => (queries.push(text), db.pool.query(text, values))) as never };
    const got = await session.readSessionUser(pool, { uid: u.id, sv: 1, sid: "sid-ok" });
    expect(got).toEqual({ id: u.id, username: "perf-sess-ok", displayName: "会话 perf-sess-ok", roles: ["filler", "leader"], unitCode: UNIT, unitName: "会话测试单位", mustChangePassword: false });
    expect(queries).toHaveLength(1);
  });

  it("a user without a unit has unitName null", async () => {
    const u = await user("perf-sess-nounit", { unitCode: null });
    expect(await session.readSessionUser(db.pool, { uid: u.id, sv: 1, sid: "sid-nounit" })).toMatchObject({ unitCode: null, unitName: null });
  });

  it("refuses an unknown user, a disabled one, an old session version and a signed-out session", async () => {
    const u = await user("perf-sess-refused");
    expect(await session.readSessionUser(db.pool, { uid: 2_000_000_000, sv: 1, sid: "sid-x" })).toBeNull();
    expect(await session.readSessionUser(db.pool, { uid: u.id, sv: 2, sid: "sid-x" })).toBeNull();
    await db.prisma.revokedSession.create({ data: { sid: "sid-revoked-perf", userId: u.id, expiresAt: new Date(Date.now() + 3600_000) } });
    expect(await session.readSessionUser(db.pool, { uid: u.id, sv: 1, sid: "sid-revoked-perf" })).toBeNull();
    expect(await session.readSessionUser(db.pool, { uid: u.id, sv: 1, sid: "sid-other" })).not.toBeNull();
    await db.prisma.user.update({ where: { id: u.id }, data: { disabled: true } });
    expect(await session.readSessionUser(db.pool, { uid: u.id, sv: 1, sid: "sid-other" })).toBeNull();
  });
});

describe("createTokenReader", () => {
  it("decodes a token once, and still refuses it after its expiry or absolute lifetime", async () => {
    let decodes = 0;
    const now = Date.now();
    const at = Math.floor(now / 1000);
    const read = createTokenReader(async (t) => (decodes++, t === "good" ? { uid: 1, sv: 1, sid: "s", at, exp: at + 60 } : null));
    expect(await read("good", now)).toMatchObject({ uid: 1, sid: "s" });
    expect(await read("good", now)).toMatchObject({ uid: 1 });
    expect(decodes).toBe(1);
    expect(await read("good", now + 61_000)).toBeNull(); // past exp
    expect(await read("bad", now)).toBeNull();
    const thrower = createTokenReader(async () => {
      throw new Error("tampered");
    });
    expect(await thrower("x", now)).toBeNull();
  });
});
