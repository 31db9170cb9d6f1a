// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Issue #13 item 2: a draft save (or an evidence upload/delete) that races with a locking
// transition (submit, 定稿) must either commit before the transition or be refused with
// the Chinese lock message: nothing may change after the transition's audit row. Eight
// concurrent save loops on returned items run against a resubmit and against finalise, on
// real PostgreSQL, several rounds each. The file uses a database of its own (it finalises).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";

const UNIT = "county-mingxi";
const PART = "p1";
const LOOPS = 8;
const ROUNDS = 3;
const IP = "127.0.0.1";

let db: Db;
let dataDir: string;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let evidence: typeof import("@/lib/evidence/evidence");
let upload: typeof import("@/lib/evidence/upload");
let UserError: typeof import("@/lib/auth/guard").UserError;
let filler: SessionUser;
let reviewer: SessionUser;
let admin: SessionUser;
/** the part-1 items the loops save, one per loop */
let items: string[] = [];
const version = new Map<string, number>();

const g = globalThis as unknown as { __egovDb?: { close: () => Promise<void> } };

async function makeUser(username: string, displayName: string, roles: SessionUser["roles"], unitCode: string | null): Promise<SessionUser> {
  const u = await db.prisma.user.create({ data: { username, displayName, passwordHash: "x", roles, unitCode, mustChangePassword: false } });
  return { id: u.id, username, displayName, roles, unitCode, unitName: null, mustChangePassword: false };
}

function pdf(tag: string): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"];
  let body = `%PDF-1.4\n% ${tag}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function payloadFor(rule: string, note: string): Record<string, unknown> | null {
  const value =
    rule === "deduction" ? { events: [] } : rule === "tiers" ? { monthly: Array(12).fill(8) } : rule === "choice" ? { levels: [] } : rule === "binary" ? { yes: true } : rule === "count" ? { items: [] } : rule === "ratio" ? { numerator: 1, denominator: 1 } : undefined;
  return value === undefined ? null : { value, note };
}

beforeAll(async () => {
  const fresh = { url: inject("databaseUrl") }; // this file's own database (tests/setup/worker-db.ts)
  await g.__egovDb?.close();
  delete g.__egovDb;
  process.env.DATABASE_URL = fresh.url;
  process.env.DB_POOL_MAX = "12";
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-locks-"));
  process.env.DATA_DIR = dataDir;
  db = createDb(fresh.url, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.create({ data: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) } });
  filler = await makeUser("lk-filler", "明溪县填报员", ["filler"], UNIT);
  reviewer = await makeUser("lk-reviewer", "审核员", ["reviewer"], null);
  admin = await makeUser("lk-admin", "管理员", ["admin"], null);
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  evidence = await import("@/lib/evidence/evidence");
  upload = await import("@/lib/evidence/upload");
  UserError = (await import("@/lib/auth/guard")).UserError;

  // the whole form, then one submit: the rounds return items and race the next transition
  const form = await facts.getUnitForm(editionId, UNIT);
  for (const f of form.form.filter((x) => x.item.editable)) {
    const payload = payloadFor(f.item.leaf.rule.type, "初稿") ?? (f.item.leaf.rule.type === "rating" ? { note: "初稿" } : { notApplicable: { reason: "测试" } });
    const r = await facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: f.item.leaf.code, payload, expectedVersion: 0 });
    if (r.status !== "saved") throw new Error(`could not save ${f.item.leaf.code}`);
    version.set(f.item.leaf.code, r.version);
  }
  items = form.form
    .filter((x) => x.item.editable && x.item.factUnit === UNIT && x.item.leaf.partCode === PART && payloadFor(x.item.leaf.rule.type, "") !== null)
    .slice(0, LOOPS)
    .map((x) => x.item.leaf.code);
  expect(items).toHaveLength(LOOPS);
  expect((await facts.submitUnit(filler, IP, { editionId, unitCode: UNIT })).status).toBe("submitted");
});

afterAll(async () => {
  await db?.close();
  await g.__egovDb?.close();
  delete g.__egovDb;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { kind: "saved"; item: string; version: number } | { kind: "refused"; item: string; status: number; message: string } | { kind: "error"; item: string; message: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One loop: save the item again and again until the lock refuses it (or 200 saves). */
async function saveLoop(item: string, round: number, out: Outcome[]) {
  for (let n = 0; n < 200; n++) {
    try {
      const r = await facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: item, payload: payloadFor(ruleOf(item), `第${round}轮第${n}次`)!, expectedVersion: version.get(item)! });
      if (r.status === "conflict") {
        out.push({ kind: "error", item, message: `conflict at ${version.get(item)}` });
        return;
      }
      version.set(item, r.version);
      out.push({ kind: "saved", item, version: r.version });
    } catch (e) {
      if (e instanceof UserError) out.push({ kind: "refused", item, status: e.status, message: e.message });
      else out.push({ kind: "error", item, message: String(e) });
      return;
    }
  }
}

const ruleCache = new Map<string, string>();
const ruleOf = (item: string) => ruleCache.get(item)!;

async function returnItems() {
  // the previous round finalised the part: an admin reopens it
  if (await db.prisma.resultFinalisation.count({ where: { editionId, partCode: PART, active: true } })) await review.reopenPart(admin, IP, { editionId, partCode: PART, reason: "测试下一轮" });
  for (const item of items) {
    ruleCache.set(item, (await db.prisma.indicator.findFirstOrThrow({ where: { editionId, code: item }, select: { ruleType: true } })).ruleType!);
    await review.returnItem(reviewer, IP, { editionId, unitCode: UNIT, itemCode: item, comment: "请核对" });
  }
}

/** The transition's audit row, and every save/upload/delete audit row for the unit after it. */
async function after(action: string, writes: string[]) {
  const lock = await db.prisma.auditLog.findFirstOrThrow({ where: { editionId, action }, orderBy: { id: "desc" } });
  const late = await db.prisma.auditLog.findMany({ where: { editionId, unitCode: UNIT, action: { in: writes }, id: { gt: lock.id } }, select: { id: true, action: true, itemCode: true } });
  return { lock, late };
}

/** The stored versions equal the last version saved before the lock, item by item, and no save is timed after it. */
async function expectVersionsAtLock(lockId: bigint, lockedAt: Date) {
  for (const item of items) {
    const fact = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: UNIT, itemCode: item, source: "self" } } });
    const last = await db.prisma.auditLog.findFirst({ where: { editionId, unitCode: UNIT, itemCode: item, action: "fact.self.save", id: { lt: lockId } }, orderBy: { id: "desc" } });
    expect((last?.after as { version: number }).version, item).toBe(fact.version);
    expect(fact.updatedAt.getTime(), `${item} saved after the lock`).toBeLessThanOrEqual(lockedAt.getTime());
  }
}

const submittedAt = async () => (await db.prisma.unitSubmission.findUniqueOrThrow({ where: { editionId_unitCode: { editionId, unitCode: UNIT } } })).submittedAt!;
const finalisedAt = async () => (await db.prisma.resultFinalisation.findFirstOrThrow({ where: { editionId, partCode: PART, active: true } })).finalisedAt;

describe("a save racing a locking transition", () => {
  it(`${LOOPS} save loops against resubmit: every save commits before the submit or is refused with 已提交自评`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await returnItems();
      const out: Outcome[] = [];
      const loops = items.map((item) => saveLoop(item, round, out));
      await sleep(40);
      expect((await facts.submitUnit(filler, IP, { editionId, unitCode: UNIT })).status).toBe("submitted");
      await Promise.all(loops);
      expect(out.filter((o) => o.kind === "error")).toEqual([]);
      const refused = out.filter((o) => o.kind === "refused");
      expect(refused).toHaveLength(LOOPS);
      for (const r of refused) expect(r).toMatchObject({ status: 423, message: expect.stringMatching(/已提交自评/) });
      const { lock, late } = await after("submission.submit", ["fact.self.save"]);
      expect(late, `round ${round}: saves committed after the submit`).toEqual([]);
      await expectVersionsAtLock(lock.id, await submittedAt());
    }
  });

  it(`${LOOPS} save loops against 定稿: nothing saved after results.finalise, the rest refused with 已定稿`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await returnItems();
      const out: Outcome[] = [];
      const loops = items.map((item) => saveLoop(item, round, out));
      await sleep(40);
      await review.finalisePart(reviewer, IP, { editionId, partCode: PART, acceptRemaining: true });
      await Promise.all(loops);
      expect(out.filter((o) => o.kind === "error")).toEqual([]);
      for (const r of out.filter((o) => o.kind === "refused")) expect(r, JSON.stringify(r)).toMatchObject({ status: 423, message: expect.stringMatching(/已定稿|已审核完成/) });
      const { lock, late } = await after("results.finalise", ["fact.self.save"]);
      expect(late, `round ${round}: saves committed after 定稿`).toEqual([]);
      await expectVersionsAtLock(lock.id, await finalisedAt());
    }
  });

  it(`${LOOPS} evidence upload/delete loops against 定稿: no evidence row changes after results.finalise`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await returnItems();
      const out: Outcome[] = [];
      const loops = items.map(async (item) => {
        for (let n = 0; n < 100; n++) {
          try {
            const file = pdf(`${round}-${item}-${n}`);
            const r = await upload.storeUploadedEvidence(
              filler,
              IP,
              { editionId, unitCode: UNIT, itemCode: item },
              { fieldName: "file", fileName: `${item}-${n}.pdf`, contentType: "application/pdf", body: (async function* () { yield new Uint8Array(file); })() },
              { declaredLength: file.length, cancel: async () => {} },
            );
            if (!r.ok) return void out.push({ kind: "error", item, message: r.error });
            out.push({ kind: "saved", item, version: n });
            if (n % 2 === 1) await evidence.deleteEvidence(filler, IP, r.evidence.id);
          } catch (e) {
            if (e instanceof UserError) out.push({ kind: "refused", item, status: e.status, message: e.message });
            else out.push({ kind: "error", item, message: String(e) });
            return;
          }
        }
      });
      await sleep(60);
      await review.finalisePart(reviewer, IP, { editionId, partCode: PART, acceptRemaining: true });
      await Promise.all(loops);
      expect(out.filter((o) => o.kind === "error")).toEqual([]);
      for (const r of out.filter((o) => o.kind === "refused")) expect(r, JSON.stringify(r)).toMatchObject({ status: 423, message: expect.stringMatching(/已定稿|已审核完成|已提交自评/) }); // every refusal is a lock's
      const { late } = await after("results.finalise", ["evidence.upload", "evidence.delete"]);
      expect(late, `round ${round}: evidence changed after 定稿`).toEqual([]);
      // the rows agree with the audit trail up to the lock
      const uploads = await db.prisma.auditLog.count({ where: { editionId, unitCode: UNIT, action: "evidence.upload" } });
      const deletes = await db.prisma.auditLog.count({ where: { editionId, unitCode: UNIT, action: "evidence.delete" } });
      expect(await db.prisma.evidence.count({ where: { editionId, unitCode: UNIT } })).toBe(uploads);
      expect(await db.prisma.evidence.count({ where: { editionId, unitCode: UNIT, deletedAt: { not: null } } })).toBe(deletes);
      expect(await db.prisma.evidence.count({ where: { editionId, unitCode: UNIT, OR: [{ uploadedAt: { gt: await finalisedAt() } }, { deletedAt: { gt: await finalisedAt() } }] } })).toBe(0);
    }
  });
});
