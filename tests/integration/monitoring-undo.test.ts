// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";

// Issue #18 item 14: a monitoring record entered by mistake can be 撤销 with a reason,
// audited; its events (or its 加重扣分) no longer count; a later record on the same item
// stays; undoing twice is refused. Real PostgreSQL.
let db: Db;
let editionId: number;
let imp: typeof import("@/lib/review/import");
let reviewer: SessionUser;
const NINGHUA = "county-ninghua"; // 宁化县: no other integration test writes to it
const LYJ = "dept-lyj"; // 市林业局
const ROLLCALL = "p1.xxh.sphy.tsdm";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  const r = await db.prisma.user.create({ data: { username: "undo-reviewer", displayName: "撤销审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  imp = await import("@/lib/review/import");
});
afterAll(async () => db.close());

const events = async () =>
  ((await db.prisma.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: NINGHUA, itemCode: ROLLCALL, source: "review" } } }))?.payload as { value?: { events?: { count?: number; date?: string }[] } } | undefined)?.value?.events ?? null;

describe("撤销 a monitoring record", () => {
  it("takes out only the mistaken record's events, with a reason, audited; a second 撤销 is refused", async () => {
    const meeting = (date: string, rollcall: number) => ({ type: "meeting" as const, unitCode: NINGHUA, date, rollcall, venue: 0, discipline: 0, method: "在线监测" as const, note: "" });
    await imp.applyFindings(reviewer, "127.0.0.1", { editionId, findings: [meeting("2017-05-10", 3)] }); // the mistake
    await imp.applyFindings(reviewer, "127.0.0.1", { editionId, findings: [meeting("2017-06-12", 1)] }); // a later, right one
    expect((await events())?.map((e) => e.date)).toEqual(["2017-05-10", "2017-06-12"]);

    const recent = await imp.listRecentFindings();
    const mistake = recent.find((r) => r.unitCode === NINGHUA && r.itemName.includes("点名") && r.reason?.includes("2017-05-10"))
      ?? recent.filter((r) => r.unitCode === NINGHUA && r.action === "review.monitoring").at(-1)!;
    expect(mistake.undone).toBeNull();

    expect(imp.ZUndoFinding.safeParse({ editionId, id: mistake.id, unitCode: NINGHUA, reason: " " }).success).toBe(false);
    await imp.undoFinding(reviewer, "127.0.0.1", { editionId, id: mistake.id, unitCode: NINGHUA, reason: "单位录错，应为永安市" });

    expect((await events())?.map((e) => e.date)).toEqual(["2017-06-12"]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "review.monitoring.undo", entityId: mistake.id } });
    expect(audit).toMatchObject({ actorId: reviewer.id, unitCode: NINGHUA, itemCode: ROLLCALL, reason: "单位录错，应为永安市" });
    const after = (await imp.listRecentFindings()).find((r) => r.id === mistake.id)!;
    expect(after.undone?.reason).toBe("单位录错，应为永安市");

    await expect(imp.undoFinding(reviewer, "127.0.0.1", { editionId, id: mistake.id, unitCode: NINGHUA, reason: "再撤" })).rejects.toThrow("已撤销");
  });

  it("undoing the later record too leaves no monitoring events", async () => {
    const later = (await imp.listRecentFindings()).find((r) => r.unitCode === NINGHUA && r.action === "review.monitoring" && !r.undone)!;
    await imp.undoFinding(reviewer, "127.0.0.1", { editionId, id: later.id, unitCode: NINGHUA, reason: "重复录入" });
    expect(await events()).toEqual([]);
  });

  it("a 加重扣分 entered by mistake is revoked, not deleted, and audited", async () => {
    await imp.applyFindings(reviewer, "127.0.0.1", { editionId, findings: [{ type: "penalty", unitCode: LYJ, partCode: "p2", points: "2", reason: "网站首页长期未更新" }] });
    const row = (await imp.listRecentFindings()).find((r) => r.unitCode === LYJ && r.action === "review.post_penalty")!;
    await imp.undoFinding(reviewer, "127.0.0.1", { editionId, id: row.id, unitCode: LYJ, reason: "扣错单位" });
    const penalty = await db.prisma.postPenalty.findFirstOrThrow({ where: { editionId, unitCode: LYJ } });
    expect(penalty.revokedAt).not.toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "review.monitoring.undo", entityId: row.id, reason: "扣错单位" } })).toBe(1);
  });

  it("refuses a record of another unit than the one named", async () => {
    const row = (await imp.listRecentFindings()).find((r) => r.unitCode === LYJ)!;
    await expect(imp.undoFinding(reviewer, "127.0.0.1", { editionId, id: row.id, unitCode: NINGHUA, reason: "x" })).rejects.toThrow("找不到");
  });
});
