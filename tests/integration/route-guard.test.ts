// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// defineRoute's checks on every state-changing route (lib/auth/guard.ts): same origin
// (Origin / Sec-Fetch-Site), the declared Content-Type and a bounded body, before anything is
// parsed or saved. Through the real /api/facts and /api/submissions handlers.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";

// 市人防办 and its 部门网站建设: no other integration test touches either, and a department's
// part-2 item is not pooled into the city card (the files share one database).
const UNIT = "dept-rfb";
const ITEM = "p2.bmwz";
let db: Db;
let dataDir: string;
let editionId: number;
let guard: typeof import("@/lib/auth/guard");
let facts: typeof import("@/app/api/facts/route");
let submissions: typeof import("@/app/api/submissions/route");
let filler: SessionUser;
const noParams = { params: Promise.resolve({}) };

const good = () => JSON.stringify({ editionId, unitCode: UNIT, itemCode: ITEM, expectedVersion: 0, payload: { value: { levels: [] } } });

async function send(route: { POST: (req: Request, ctx: typeof noParams) => Promise<Response> }, url: string, init: RequestInit): Promise<{ status: number; error: string }> {
  const res = await guard.runAs(filler, () => route.POST(new Request(url, { method: "POST", ...init }), noParams));
  const body = (await res.json()) as { error?: string };
  return { status: res.status, error: body.error ?? "" };
}
const saved = async () => ({
  facts: await db.prisma.itemFact.count({ where: { editionId, unitCode: UNIT } }),
  submissions: await db.prisma.unitSubmission.count({ where: { editionId, unitCode: UNIT } }),
  audit: await db.prisma.auditLog.count({ where: { actorId: filler.id } }),
});

beforeAll(async () => {
  const dbUrl = inject("databaseUrl");
  process.env.DATABASE_URL = dbUrl;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-guard-"));
  process.env.DATA_DIR = dataDir;
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(dbUrl, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  const opensAt = new Date(Date.now() - 86_400_000);
  const deadline = new Date(Date.now() + 30 * 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
  const u = await db.prisma.user.upsert({ where: { username: "guard-filler" }, create: { username: "guard-filler", displayName: "g", passwordHash: "x", roles: ["filler"], unitCode: UNIT, mustChangePassword: false }, update: {} });
  filler = { id: u.id, username: u.username, displayName: "g", roles: ["filler"], unitCode: UNIT, unitName: null, mustChangePassword: false };
  guard = await import("@/lib/auth/guard");
  facts = await import("@/app/api/facts/route");
  submissions = await import("@/app/api/submissions/route");
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("defineRoute on state-changing requests", () => {
  it.each<[string, Record<string, string>, number, RegExp]>([
    ["a text/plain form post from another port (same-site)", { "content-type": "text/plain", origin: "http://localhost:9999", "sec-fetch-site": "same-site" }, 403, /跨站请求已拒绝/],
    ["JSON from another origin", { "content-type": "application/json", origin: "http://evil.example" }, 403, /跨站请求已拒绝/],
    ["Sec-Fetch-Site cross-site without Origin", { "content-type": "application/json", "sec-fetch-site": "cross-site" }, 403, /跨站请求已拒绝/],
    ["Origin null", { "content-type": "application/json", origin: "null" }, 403, /跨站请求已拒绝/],
    ["text/plain from this origin", { "content-type": "text/plain", origin: "http://localhost" }, 415, /application\/json/],
    ["a form-urlencoded body", { "content-type": "application/x-www-form-urlencoded" }, 415, /application\/json/],
    ["no Content-Type", {}, 415, /application\/json/],
    ["a declared 100 MB body (not read)", { "content-type": "application/json", "content-length": String(100 * 1024 * 1024) }, 413, /请求内容过大/],
  ])("refuses %s, saving nothing", async (_label, headers, status, message) => {
    const before = await saved();
    for (const [route, url] of [[facts, "http://localhost/api/facts"], [submissions, "http://localhost/api/submissions"]] as const) {
      const body = url.endsWith("facts") ? good() : JSON.stringify({ editionId, unitCode: UNIT });
      const r = await send(route, url, { body, headers });
      expect(r.status, url).toBe(status);
      expect(r.error).toMatch(message);
    }
    expect(await saved()).toEqual(before);
  });

  it("counts the streamed bytes: a 1 MB JSON body without Content-Length is a 413", async () => {
    const before = await saved();
    const big = JSON.stringify({ editionId, unitCode: UNIT, itemCode: ITEM, expectedVersion: 0, payload: { note: "x".repeat(1024 * 1024) } });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    const r = await send(facts, "http://localhost/api/facts", { body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(r).toEqual({ status: 413, error: "请求内容过大（上限 256 KB）" });
    expect(await saved()).toEqual(before);
  });

  it("malformed JSON is a Chinese 400", async () => {
    expect(await send(facts, "http://localhost/api/facts", { body: '{"editionId": 1, ', headers: { "content-type": "application/json" } })).toEqual({ status: 400, error: "请求内容不是有效的 JSON" });
  });

  it("a same-origin JSON request (Origin and Sec-Fetch-Site as a browser sends them) is served", async () => {
    const r = await send(facts, "http://localhost/api/facts", { body: good(), headers: { "content-type": "application/json; charset=utf-8", origin: "http://localhost", "sec-fetch-site": "same-origin" } });
    expect(r.status).toBe(200);
    expect((await saved()).facts).toBe(1);
  });
});
