// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Free text at the boundaries (lib/zod/text.ts): a NUL, a lone surrogate or a 1 MB note is
// refused with a Chinese 400 by the shared schema, never a 500 from PostgreSQL, and nothing
// is saved. Through the JSON route, the UI's server actions and a reviewer's action.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";

const UNIT = "county-jianning";
const ITEM = "p1.xxh.sphy.tsdm";
let db: Db;
let dataDir: string;
let editionId: number;
let guard: typeof import("@/lib/auth/guard");
let filler: SessionUser;
let reviewer: SessionUser;
const noParams = { params: Promise.resolve({}) };

const BAD: [string, string, RegExp][] = [
  ["a NUL character", "会场\u0000问题", /无法保存的字符/],
  ["a lone surrogate", "会场\ud800问题", /无法保存的字符/],
  ["a 3,000-character note", "长".repeat(3000), /最多 2000 字/], // a 1 MB body is a 413 (route-guard.test.ts)
];

async function stored() {
  const [facts, audit] = await Promise.all([
    db.prisma.itemFact.findMany({ where: { editionId, unitCode: UNIT }, select: { itemCode: true, version: true, payload: true } }),
    db.prisma.auditLog.count({ where: { editionId, actorId: { in: [filler.id, reviewer.id] } } }),
  ]);
  return { facts, audit };
}

beforeAll(async () => {
  const dbUrl = inject("databaseUrl");
  process.env.DATABASE_URL = dbUrl;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-text-"));
  process.env.DATA_DIR = dataDir;
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(dbUrl, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  const opensAt = new Date(Date.now() - 86_400_000);
  const deadline = new Date(Date.now() + 30 * 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
  const mk = async (username: string, roles: ("filler" | "reviewer")[], unitCode: string | null): Promise<SessionUser> => {
    const u = await db.prisma.user.upsert({ where: { username }, create: { username, displayName: username, passwordHash: "x", roles, unitCode, mustChangePassword: false }, update: {} });
    return { id: u.id, username, displayName: username, roles, unitCode, unitName: null, mustChangePassword: false };
  };
  filler = await mk("text-filler", ["filler"], UNIT);
  reviewer = await mk("text-reviewer", ["reviewer"], null);
  guard = await import("@/lib/auth/guard");
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("free text at the boundary", () => {
  it("a plain note with tabs, line breaks and emoji is saved", async () => {
    const { saveItemAction } = await import("@/app/self-assessment/actions");
    const note = "第一行\t说明\n第二行 😀";
    const r = await guard.runAs(filler, () => saveItemAction({ editionId, unitCode: UNIT, itemCode: ITEM, expectedVersion: 0, payload: { value: { events: [{ kind: "qxcd", count: 1, note }] }, note } }));
    expect(r).toMatchObject({ ok: true });
  });

  it.each(BAD)("POST /api/facts refuses %s in a note with 400", async (_label, note, message) => {
    const { POST } = await import("@/app/api/facts/route");
    const before = await stored();
    for (const payload of [{ value: { events: [{ kind: "qxcd", count: 1, note }] } }, { value: { events: [] }, note }]) {
      const body = JSON.stringify({ editionId, unitCode: UNIT, itemCode: ITEM, expectedVersion: 1, payload });
      const req = new Request("http://localhost/api/facts", { method: "POST", body, headers: { "content-type": "application/json" } });
      const res = await guard.runAs(filler, () => POST(req, noParams));
      const text = await res.text();
      expect(res.status, text.slice(0, 200)).toBe(400);
      expect(text).toMatch(message);
    }
    expect(await stored()).toEqual(before);
  });

  it.each(BAD)("the save action (UI) refuses %s in the 备注 with 400", async (_label, note, message) => {
    const { saveItemAction } = await import("@/app/self-assessment/actions");
    const before = await stored();
    const r = await guard.runAs(filler, () => saveItemAction({ editionId, unitCode: UNIT, itemCode: ITEM, expectedVersion: 1, payload: { value: { events: [] }, note } }));
    expect(r).toMatchObject({ ok: false, status: 400, fieldErrors: { note: expect.stringMatching(message) } });
    expect(await stored()).toEqual(before);
  });

  it.each(BAD)("a reviewer's 退回意见 with %s is refused with 400", async (_label, comment) => {
    const { returnItemAction } = await import("@/app/review/[unitCode]/actions");
    const before = await stored();
    const r = await guard.runAs(reviewer, () => returnItemAction({ editionId, unitCode: UNIT, itemCode: ITEM, comment }));
    expect(r).toMatchObject({ ok: false, status: 400, fieldErrors: { comment: expect.stringMatching(/退回意见/) } });
    expect(await stored()).toEqual(before);
  });
});
