// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Decompression bombs at the three xlsx uploads (offline form, monitoring import, user
// import), through their real entry points on real PostgreSQL: each is refused with a
// Chinese 400 in well under a second, before exceljs unpacks anything, and nothing is saved.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";
import { manyEntries, zipBomb } from "../e2e/support/zip-bomb";

const UNIT = "dept-szb";
let db: Db;
let dataDir: string;
let editionId: number;
let guard: typeof import("@/lib/auth/guard");
let filler: SessionUser;
let reviewer: SessionUser;
let admin: SessionUser;
const noParams = { params: Promise.resolve({}) };

const BOMBS: [string, () => Buffer, RegExp][] = [
  ["200 MB of zeros declared honestly", () => zipBomb(200), /文件内容过大/],
  ["200 MB of zeros behind a directory that declares 1 KiB", () => zipBomb(200, { lie: true }), /文件内容过大/],
  ["1,001 entries", () => manyEntries(1001), /条目过多/],
];

async function counts() {
  const [facts, audit, users] = await Promise.all([db.prisma.itemFact.count(), db.prisma.auditLog.count(), db.prisma.user.count()]);
  return { facts, audit, users };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ out: T; ms: number }> {
  const t0 = performance.now();
  const out = await fn();
  return { out, ms: performance.now() - t0 };
}

beforeAll(async () => {
  const dbUrl = inject("databaseUrl");
  process.env.DATABASE_URL = dbUrl;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-bomb-"));
  process.env.DATA_DIR = dataDir;
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(dbUrl, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  const opensAt = new Date(Date.now() - 86_400_000);
  const deadline = new Date(Date.now() + 30 * 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
  const mk = async (username: string, roles: ("filler" | "reviewer" | "admin")[], unitCode: string | null): Promise<SessionUser> => {
    const u = await db.prisma.user.upsert({ where: { username }, create: { username, displayName: username, passwordHash: "x", roles, unitCode, mustChangePassword: false }, update: {} });
    return { id: u.id, username, displayName: username, roles, unitCode, unitName: null, mustChangePassword: false };
  };
  filler = await mk("bomb-filler", ["filler"], UNIT);
  reviewer = await mk("bomb-reviewer", ["reviewer"], null);
  admin = await mk("bomb-admin", ["admin"], null);
  guard = await import("@/lib/auth/guard");
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("xlsx decompression bombs", () => {
  it.each(BOMBS)("offline form (/api/offline-form) refuses %s", async (_label, make, message) => {
    const { POST } = await import("@/app/api/offline-form/route");
    const before = await counts();
    const req = new Request(`http://localhost/api/offline-form?editionId=${editionId}&unitCode=${UNIT}`, {
      method: "POST",
      body: new Uint8Array(make()),
      headers: { "content-type": "application/octet-stream" },
    });
    const { out: res, ms } = await timed(() => guard.runAs(filler, () => POST(req, noParams)));
    const body = (await res.json()) as { error: string };
    expect(res.status).toBe(400);
    expect(body.error).toMatch(message);
    expect(ms).toBeLessThan(1000);
    expect(await counts()).toEqual(before);
  });

  it.each(BOMBS)("monitoring import (importFindingsAction) refuses %s", async (_label, make, message) => {
    const { importFindingsAction } = await import("@/app/review/monitoring/actions");
    const before = await counts();
    const form = new FormData();
    form.set("file", new File([new Uint8Array(make())], "监测.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const { out, ms } = await timed(() => guard.runAs(reviewer, () => importFindingsAction(form)));
    expect(out).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(message) });
    expect(ms).toBeLessThan(1000);
    expect(await counts()).toEqual(before);
  });

  it.each(BOMBS)("user import (/admin/users/import/upload) refuses %s", async (_label, make, message) => {
    const { POST } = await import("@/app/admin/users/import/upload/route");
    const before = await counts();
    const req = new Request("http://localhost/admin/users/import/upload", {
      method: "POST",
      body: new Uint8Array(make()),
      headers: { "content-type": "application/octet-stream" },
    });
    const { out: res, ms } = await timed(() => guard.runAs(admin, () => POST(req, noParams)));
    const body = (await res.json()) as { error: string };
    expect(res.status).toBe(400);
    expect(body.error).toMatch(message);
    expect(ms).toBeLessThan(1000);
    expect(await counts()).toEqual(before);
  });
});
