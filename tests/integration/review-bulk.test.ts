// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { compileEdition } from "@/lib/engine";
import { itemsForUnit } from "@/lib/assessment/items";
import type { SessionUser } from "@/lib/auth/session";
import { filledPayload } from "../support/filled-payload";

// Bulk review (issue #19 §4) on real PostgreSQL: 市物价局 (dept-wjj), used by no other test,
// submits its 10 part-2 items and its 2 part-1 items; the reviewer decides them in batches.
const UNIT = "dept-wjj";
let db: Db;
let editionId: number;
let bulk: typeof import("@/lib/review/bulk");
let reviewer: SessionUser;
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const own = itemsForUnit(compiled, UNIT).filter((i) => i.factUnit === UNIT);
const p2 = own.filter((i) => i.leaf.partCode === "p2").map((i) => i.leaf.code);
const p1 = own.filter((i) => i.leaf.partCode === "p1").map((i) => i.leaf.code);

const audits = (action: string) => db.prisma.auditLog.count({ where: { unitCode: UNIT, action } });

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  const r = await db.prisma.user.create({ data: { username: "bulk-reviewer", displayName: "批量审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  for (const i of own) {
    await db.prisma.itemFact.create({ data: { editionId, unitCode: UNIT, itemCode: i.leaf.code, source: "self", status: "submitted", payload: filledPayload(i.leaf) } });
  }
  await db.prisma.unitSubmission.create({ data: { editionId, unitCode: UNIT, status: "submitted", round: 1, submittedAt: new Date() } });
  bulk = await import("@/lib/review/bulk");
});
afterAll(async () => db.close());

describe("bulk review", () => {
  it("has 10 part-2 items to decide (the premise of the batch below)", () => {
    expect(p2).toHaveLength(10);
    expect(p1.length).toBeGreaterThan(0);
  });

  it("a finalised part refuses the whole batch with a Chinese error naming the item, and writes nothing", async () => {
    const fin = await db.prisma.resultFinalisation.create({ data: { editionId, partCode: "p1" } });
    try {
      const before = await db.prisma.auditLog.count({ where: { unitCode: UNIT } });
      // the p2 items come first: they are decided inside the transaction, then rolled back
      await expect(bulk.bulkReviewItems(reviewer, "127.0.0.1", { editionId, unitCode: UNIT, itemCodes: [...p2, p1[0]], decision: "accept", method: "网上核查" })).rejects.toThrow(
        /批量通过未执行（全部未保存）.*已定稿/,
      );
      expect(await db.prisma.auditLog.count({ where: { unitCode: UNIT } })).toBe(before);
      expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: UNIT, source: "self", status: "reviewed" } })).toBe(0);
      expect(await db.prisma.reviewEvent.count({ where: { editionId, unitCode: UNIT } })).toBe(0);
    } finally {
      await db.prisma.resultFinalisation.update({ where: { id: fin.id }, data: { active: false, reopenedAt: new Date(), reopenReason: "test" } });
    }
  });

  it("refuses a batch holding a draft item, naming it; nothing is written", async () => {
    await db.prisma.itemFact.updateMany({ where: { editionId, unitCode: UNIT, itemCode: p1[0], source: "self" }, data: { status: "draft" } });
    try {
      await expect(bulk.bulkReviewItems(reviewer, "127.0.0.1", { editionId, unitCode: UNIT, itemCodes: [...p2, p1[0]], decision: "return", comment: "请补充" })).rejects.toThrow(/批量退回未执行.*草稿/);
      expect(await audits("review.return")).toBe(0);
    } finally {
      await db.prisma.itemFact.updateMany({ where: { editionId, unitCode: UNIT, itemCode: p1[0], source: "self" }, data: { status: "submitted" } });
    }
  });

  it("accepts 10 items in one call: 10 audit rows, 10 review events, each item reviewed with the one method", async () => {
    const out = await bulk.bulkReviewItems(reviewer, "127.0.0.1", { editionId, unitCode: UNIT, itemCodes: p2, decision: "accept", method: "网上核查", comment: "批量核查无误" });
    expect(out).toEqual({ decided: 10, units: 1 });
    const rows = await db.prisma.auditLog.findMany({ where: { unitCode: UNIT, action: "review.accept" } });
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.itemCode))).toEqual(new Set(p2));
    expect(rows.every((r) => (r.after as { method: string }).method === "网上核查" && r.reason === "批量核查无误")).toBe(true);
    expect(await db.prisma.reviewEvent.count({ where: { editionId, unitCode: UNIT, action: "accept" } })).toBe(10);
    expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: UNIT, itemCode: { in: p2 }, status: "reviewed" } })).toBe(10);
    // part 1 is still open, so the submission is not yet reviewed
    expect((await db.prisma.unitSubmission.findFirstOrThrow({ where: { editionId, unitCode: UNIT } })).status).toBe("submitted");
  });

  it("the queue's batch returns every waiting item of the ticked unit with one comment", async () => {
    const out = await bulk.bulkReviewUnits(reviewer, "127.0.0.1", { editionId, unitCodes: [UNIT], decision: "return", comment: "请补充佐证材料" });
    expect(out.decided).toBe(p1.length);
    const rows = await db.prisma.auditLog.findMany({ where: { unitCode: UNIT, action: "review.return" } });
    expect(rows.map((r) => r.itemCode).sort()).toEqual([...p1].sort());
    expect(rows.every((r) => r.reason === "请补充佐证材料")).toBe(true);
    // nothing waits any more: a second batch has nothing to do
    await expect(bulk.bulkReviewUnits(reviewer, "127.0.0.1", { editionId, unitCodes: [UNIT], decision: "accept", method: "网上核查" })).rejects.toThrow(/没有待审核的指标/);
  });

  it("refuses a return without a comment at the boundary", () => {
    const r = bulk.ZBulkItems.safeParse({ editionId, unitCode: UNIT, itemCodes: p2, decision: "return", comment: "" });
    expect(r.success).toBe(false);
  });
});
