// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { canOnUnit } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";

// Results back to units and appeals (issue #19 §3) on real PostgreSQL. 市信访局 (dept-xfj),
// used by no other test, answered 互动交流知识库 (7/0) with "no" and 专题专栏 with "no"; the
// office publishes on Wednesday 2026-12-02, so the 5-working-day window ends 2026-12-09.
const UNIT = "dept-xfj";
const KB = "p2.hdlm.zsk"; // 互动交流知识库: 7 or 0
const ZT = "p2.ztzl"; // 专题专栏
const PUBLISHED = new Date("2026-12-02T10:00:00+08:00");
const IN_WINDOW = new Date("2026-12-09T18:00:00+08:00");
const AFTER_WINDOW = new Date("2026-12-10T00:00:00+08:00");

let db: Db;
let editionId: number;
let appeals: typeof import("@/lib/results/appeals");
let review: typeof import("@/lib/review/review");
let filler: SessionUser;
let reviewer: SessionUser;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  const f = await db.prisma.user.create({ data: { username: "ap-filler", displayName: "信访局填报员", passwordHash: "x", roles: ["filler"], unitCode: UNIT, mustChangePassword: false } });
  const r = await db.prisma.user.create({ data: { username: "ap-reviewer", displayName: "申诉审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  filler = { id: f.id, username: f.username, displayName: f.displayName, roles: ["filler"], unitCode: UNIT, unitName: "市信访局", mustChangePassword: false };
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  for (const item of [KB, ZT]) await db.prisma.itemFact.create({ data: { editionId, unitCode: UNIT, itemCode: item, source: "self", status: "reviewed", payload: { value: { yes: false } } } });
  appeals = await import("@/lib/results/appeals");
  review = await import("@/lib/review/review");
});
afterAll(async () => {
  // leave the edition unpublished for whatever runs next
  await db.prisma.resultPublication.updateMany({ where: { editionId }, data: { published: false } });
  await db.close();
});

const file = (itemCode: string, now: Date, extra: Partial<import("@/lib/results/appeals").TFileAppeal> = {}) =>
  appeals.fileAppeal(filler, "127.0.0.1", { editionId, unitCode: UNIT, itemCode, reason: "本单位已建成知识库并对外提供服务", ...extra }, now);

describe("results back to units", () => {
  it("a 填报员 may read their own unit's results, never another unit's", () => {
    expect(canOnUnit(filler, "results:read", UNIT)).toBe(true);
    expect(canOnUnit(filler, "results:read", "dept-gzw")).toBe(false);
    expect(canOnUnit(filler, "dashboard:read", UNIT)).toBe(false);
    expect(canOnUnit(filler, "appeal:write", "dept-gzw")).toBe(false);
  });

  it("before publication: results are not released and an appeal is refused in Chinese", async () => {
    await db.prisma.resultPublication.deleteMany({ where: { editionId } });
    // other files may leave a part finalised, which releases the results too
    expect(await appeals.resultsReleased(editionId)).toBe((await db.prisma.resultFinalisation.count({ where: { editionId, active: true } })) > 0);
    await expect(file(KB, PUBLISHED)).rejects.toThrow("考核结果尚未公布，暂不能申诉");
  });

  it("a part 定稿 releases the results to the unit even without publication; reopening it hides them again", async () => {
    expect(await db.prisma.resultFinalisation.count({ where: { editionId, active: true } })).toBe(0); // this file's own database
    expect(await appeals.resultsReleased(editionId)).toBe(false);
    const fin = await db.prisma.resultFinalisation.create({ data: { editionId, partCode: "p2" } });
    expect(await appeals.resultsReleased(editionId)).toBe(true);
    await db.prisma.resultFinalisation.update({ where: { id: fin.id }, data: { active: false, reopenedAt: new Date(), reopenReason: "test" } });
    expect(await appeals.resultsReleased(editionId)).toBe(false);
  });

  it("publishing opens a window of 5 official working days, audited", async () => {
    const out = await appeals.publishResults(reviewer, "127.0.0.1", { editionId, published: true, appealWorkdays: 5 }, PUBLISHED);
    expect(out.appealDeadline).toBe(new Date("2026-12-09T23:59:59.999+08:00").toISOString());
    expect(await appeals.resultsReleased(editionId)).toBe(true);
    const a = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "results.publish", editionId }, orderBy: { id: "desc" } });
    expect((a.after as { appealWorkdays: number }).appealWorkdays).toBe(5);
  });

  it("the units' 填报员 are told, in the same transaction, that the results are out and until when they may appeal", async () => {
    const told = await db.prisma.message.findMany({ where: { userId: filler.id, kind: "results.published" } });
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain("2026-12-09 23:59");
    expect(told[0].body).toContain("5 个工作日");
    // changing the window of a running publication does not tell them again
    await appeals.publishResults(reviewer, "127.0.0.1", { editionId, published: true, appealWorkdays: 5 }, PUBLISHED);
    expect(await db.prisma.message.count({ where: { userId: filler.id, kind: "results.published" } })).toBe(1);
    expect(await db.prisma.message.count({ where: { userId: reviewer.id, kind: "results.published" } })).toBe(0);
  });

  it("refuses a window that is not 1–30 working days", async () => {
    await expect(appeals.publishResults(reviewer, "127.0.0.1", { editionId, published: true, appealWorkdays: 0 }, PUBLISHED)).rejects.toThrow(/申诉期应为 1～30 个工作日/);
  });
});

describe("appeals", () => {
  let kbAppeal: number;

  it("a unit appeals an item with a reason and a link as evidence: pending, audited, in the item's history", async () => {
    const { id } = await file(KB, IN_WINDOW, { evidenceUrl: "https://example.org/zsk", evidenceTitle: "知识库截图" });
    kbAppeal = id;
    const row = await db.prisma.appeal.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", scoreBefore: "0" });
    expect(row.evidenceIds).toHaveLength(1);
    expect(await db.prisma.evidence.findUniqueOrThrow({ where: { id: row.evidenceIds[0] } })).toMatchObject({ kind: "link", url: "https://example.org/zsk", itemCode: KB, unitCode: UNIT });
    expect(await db.prisma.auditLog.count({ where: { unitCode: UNIT, action: "appeal.file", entityId: String(id) } })).toBe(1);
    expect(await db.prisma.reviewEvent.count({ where: { editionId, unitCode: UNIT, itemCode: KB, action: "appeal" } })).toBe(1);
  });

  it("refuses a second open appeal on the same item", async () => {
    await expect(file(KB, IN_WINDOW)).rejects.toThrow("该指标已有一条申诉正在处理");
  });

  it("refuses an item the unit is not assessed on", async () => {
    await expect(file("p1.xxh.sphy.tsdm", IN_WINDOW)).rejects.toThrow(/不是本单位的考核指标/);
  });

  it("the reviewer accepts: the score is set through the ordinary adjustment, the engine and the audit trail see it", async () => {
    const out = await appeals.decideAppeal(reviewer, "127.0.0.1", { appealId: kbAppeal, decision: "accept", method: "网上核查", score: "7", reason: "经核实知识库已上线" }, IN_WINDOW);
    expect(out).toMatchObject({ status: "accepted", scoreBefore: "0", scoreAfter: "7" });
    const ctx = await (await import("@/lib/assessment/facts")).requireContext(editionId);
    expect((await review.scoreStoredItem(ctx, UNIT, KB)).score?.exact).toBe("7");
    const adjust = await db.prisma.auditLog.findFirstOrThrow({ where: { unitCode: UNIT, itemCode: KB, action: "review.adjust" } });
    expect(adjust.reason).toBe("申诉成立：经核实知识库已上线");
    expect(await db.prisma.auditLog.count({ where: { unitCode: UNIT, action: "appeal.accept", entityId: String(kbAppeal) } })).toBe(1);
    expect(await db.prisma.reviewEvent.findMany({ where: { editionId, unitCode: UNIT, itemCode: KB }, orderBy: { id: "asc" }, select: { action: true } })).toEqual([
      { action: "appeal" },
      { action: "adjust" },
      { action: "appeal-accept" },
    ]);
    // the unit's 填报员 is told in the 消息中心, in the same transaction
    const told = await db.prisma.message.findMany({ where: { userId: filler.id, kind: "appeal.answered" } });
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain("经核实知识库已上线");
    expect(told[0].title).toContain("申诉成立");
    // answered once only
    await expect(appeals.decideAppeal(reviewer, "127.0.0.1", { appealId: kbAppeal, decision: "reject", reason: "重复" }, IN_WINDOW)).rejects.toThrow("该申诉已处理");
  });

  it("the reviewer rejects with a reason; the score stays", async () => {
    const { id } = await file(ZT, IN_WINDOW, { reason: "本单位参与了专题" });
    const out = await appeals.decideAppeal(reviewer, "127.0.0.1", { appealId: id, decision: "reject", reason: "未见专题栏目" }, IN_WINDOW);
    expect(out.status).toBe("rejected");
    expect(await db.prisma.message.count({ where: { userId: filler.id, kind: "appeal.answered", title: { contains: "申诉驳回" } } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { unitCode: UNIT, action: "appeal.reject", entityId: String(id), reason: "未见专题栏目" } })).toBe(1);
    const list = await appeals.listAppeals(editionId, UNIT);
    expect(list.map((a) => a.status)).toEqual(["rejected", "accepted"]);
    expect(list[1].evidence[0]).toMatchObject({ title: "知识库截图" });
  });

  it("after the window the result stands: a new appeal is refused in Chinese", async () => {
    await expect(file(ZT, AFTER_WINDOW)).rejects.toThrow("申诉期已于 2026-12-09 23:59 截止，考核结果已生效，不能再申诉");
  });

  it("an accepted appeal on a finalised part is refused until the part is reopened, and nothing is written", async () => {
    const { id } = await file(ZT, IN_WINDOW, { reason: "再次申诉" });
    // 定稿 waits for open appeals
    await expect(review.finalisePart(reviewer, "127.0.0.1", { editionId, partCode: "p2", acceptRemaining: true })).rejects.toThrow("还有 1 条申诉未处理");
    const fin = await db.prisma.resultFinalisation.create({ data: { editionId, partCode: "p2" } });
    try {
      const before = await db.prisma.auditLog.count({ where: { unitCode: UNIT } });
      await expect(appeals.decideAppeal(reviewer, "127.0.0.1", { appealId: id, decision: "accept", method: "网上核查", score: "5", reason: "核实" }, IN_WINDOW)).rejects.toThrow(/已定稿/);
      expect(await db.prisma.auditLog.count({ where: { unitCode: UNIT } })).toBe(before);
      expect((await db.prisma.appeal.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    } finally {
      await db.prisma.resultFinalisation.update({ where: { id: fin.id }, data: { active: false, reopenedAt: new Date(), reopenReason: "test" } });
    }
    await appeals.decideAppeal(reviewer, "127.0.0.1", { appealId: id, decision: "reject", reason: "维持原分" }, IN_WINDOW);
  });

  it("withdrawing the publication hides the results again (no part finalised)", async () => {
    await appeals.publishResults(reviewer, "127.0.0.1", { editionId, published: false }, IN_WINDOW);
    expect(await appeals.resultsReleased(editionId)).toBe((await db.prisma.resultFinalisation.count({ where: { editionId, active: true } })) > 0);
    await expect(file(ZT, IN_WINDOW)).rejects.toThrow("考核结果尚未公布");
  });
});
