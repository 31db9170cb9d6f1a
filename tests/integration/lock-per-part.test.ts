// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Issue #18 item 1: 定稿 of one part must not lock the other. With 综合应用部分 (p1)
// finalised and 政府网站建设部分 (p2) 暂定, a reviewer returns a county's 动态信息 (p2): the
// county can edit it, add evidence and resubmit; p1 items stay read-only as 已定稿; the
// reviewer can review the resubmitted item. A database of its own (the file finalises).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { itemsForUnit } from "@/lib/assessment/items";
import { createDb, type Db } from "@/lib/db/prisma";
import { compileEdition } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";

const UNIT = "county-sanyuan";
const IP = "127.0.0.1";
const edition = loadEditionOrThrow("rules/sanming-2017");
const compiled = compileEdition(edition);
const mine = itemsForUnit(compiled, UNIT).filter((i) => i.editable && i.factUnit === UNIT);
const DTXX = mine.find((i) => i.leaf.partCode === "p2" && i.leaf.name === "动态信息")!.leaf.code;
const P1_ITEM = mine.find((i) => i.leaf.partCode === "p1" && i.leaf.rule.type === "deduction")!.leaf.code;

let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let evidence: typeof import("@/lib/evidence/evidence");
let pages: typeof import("@/app/self-assessment/data");
let filler: SessionUser;
let reviewer: SessionUser;
const g = globalThis as unknown as { __egovDb?: { close: () => Promise<void> } };

async function makeUser(username: string, displayName: string, roles: SessionUser["roles"], unitCode: string | null): Promise<SessionUser> {
  const u = await db.prisma.user.create({ data: { username, displayName, passwordHash: "x", roles, unitCode, mustChangePassword: false } });
  return { id: u.id, username, displayName, roles, unitCode, unitName: null, mustChangePassword: false };
}

function payloadFor(rule: string): Record<string, unknown> {
  const value =
    rule === "deduction" ? { events: [] } : rule === "tiers" ? { monthly: Array(12).fill(8) } : rule === "choice" ? { levels: [] } : rule === "binary" ? { yes: true } : rule === "count" ? { items: [] } : rule === "ratio" ? { numerator: 1, denominator: 1 } : undefined;
  return value === undefined ? (rule === "rating" ? { note: "说明" } : { notApplicable: { reason: "测试" } }) : { value };
}

beforeAll(async () => {
  const fresh = { url: inject("databaseUrl") }; // this file's own database (tests/setup/worker-db.ts)
  await g.__egovDb?.close();
  delete g.__egovDb;
  process.env.DATABASE_URL = fresh.url;
  db = createDb(fresh.url, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.create({ data: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) } });
  filler = await makeUser("pp-filler", "三元区填报员", ["filler"], UNIT);
  reviewer = await makeUser("pp-reviewer", "审核员", ["reviewer"], null);
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  evidence = await import("@/lib/evidence/evidence");
  pages = await import("@/app/self-assessment/data");

  // the demo's state: the county submitted everything, p1 is 定稿, p2 暂定; then 动态信息 is returned
  const form = await facts.getUnitForm(editionId, UNIT);
  for (const f of form.form.filter((x) => x.item.editable)) {
    const r = await facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: f.item.leaf.code, payload: payloadFor(f.item.leaf.rule.type), expectedVersion: 0 });
    if (r.status !== "saved") throw new Error(`could not save ${f.item.leaf.code}`);
  }
  expect((await facts.submitUnit(filler, IP, { editionId, unitCode: UNIT })).status).toBe("submitted");
  await review.finalisePart(reviewer, IP, { editionId, partCode: "p1", acceptRemaining: true });
  await review.returnItem(reviewer, IP, { editionId, unitCode: UNIT, itemCode: DTXX, comment: "请补充12月数据" });
});

afterAll(async () => {
  await db?.close();
  await g.__egovDb?.close();
  delete g.__egovDb;
});

describe("定稿 locks its own part only", () => {
  it("the lock inputs name the finalised part; the form is open for the returned part-2 item, part-1 items say 已定稿", async () => {
    const inputs = await facts.getUnitLockInputs(editionId, UNIT);
    expect(inputs.finalisedParts).toEqual(["p1"]);
    const { form, unitLock } = await facts.getUnitForm(editionId, UNIT);
    expect(unitLock).toMatchObject({ editable: true });
    const lockOf = (code: string) => form.find((f) => f.item.leaf.code === code)!.lock;
    expect(lockOf(DTXX)).toMatchObject({ editable: true });
    expect(lockOf(P1_ITEM)).toMatchObject({ editable: false, reason: "finalised" });
    // what the 我的填报 page shows: no 已定稿 banner, one returned item
    const page = await pages.loadUnitPage(UNIT);
    expect(page.kind === "ok" && page.lock).toMatchObject({ editable: true });
    expect(page.kind === "ok" && page.returned).toBe(1);
  });

  it("the county saves and adds evidence to the returned item; a part-1 item is refused with 已定稿", async () => {
    const version = (await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: UNIT, itemCode: DTXX, source: "self" } })).version;
    const saved = await facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: DTXX, payload: { value: { monthly: Array(12).fill(9) } }, expectedVersion: version });
    expect(saved.status).toBe("saved");
    await evidence.addEvidenceLink(filler, IP, { editionId, unitCode: UNIT, itemCode: DTXX, url: "https://www.sanming.gov.cn/dtxx/2017-12" });
    const p1 = (await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: UNIT, itemCode: P1_ITEM, source: "self" } })).version;
    await expect(facts.saveSelfFact(filler, IP, { editionId, unitCode: UNIT, itemCode: P1_ITEM, payload: payloadFor("deduction"), expectedVersion: p1 })).rejects.toMatchObject({ status: 423, message: expect.stringMatching(/已定稿/) });
    await expect(evidence.addEvidenceLink(filler, IP, { editionId, unitCode: UNIT, itemCode: P1_ITEM, url: "https://www.sanming.gov.cn/x" })).rejects.toMatchObject({ status: 423 });
  });

  it("the county resubmits: the part-2 item goes back to the reviewer, part-1 items stay as 定稿 left them, and the reviewer can accept it", async () => {
    expect((await facts.submitUnit(filler, IP, { editionId, unitCode: UNIT })).status).toBe("submitted");
    const status = async (code: string) => (await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: UNIT, itemCode: code, source: "self" } })).status;
    expect(await status(DTXX)).toBe("submitted");
    expect(await status(P1_ITEM)).toBe("reviewed");
    const { unitLock } = await facts.getUnitForm(editionId, UNIT);
    expect(unitLock).toMatchObject({ editable: false, reason: "submitted" });
    await review.acceptItem(reviewer, IP, { editionId, unitCode: UNIT, itemCode: DTXX, method: "网上核查" });
    expect(await status(DTXX)).toBe("reviewed");
  });
});
