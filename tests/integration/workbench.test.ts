// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";

// 工作台 (issue #19 §1) on real PostgreSQL: what each role's blocks hold, from rows this file
// writes into its own database. 审核员: units waiting oldest first, units with returned items,
// monitoring findings with their 整改 deadline, units that have not started (a unit with a
// draft has started: it is "in progress", not "not started"). 领导: top and bottom five per
// group with 暂定/定稿, and the changes since the previous visit. 管理员: period, accounts that
// never signed in, units without a 填报员 account.
let db: Db;
let editionId: number;
let wb: typeof import("@/lib/workbench");
const NOW = new Date("2026-12-02T10:00:00+08:00");
const HOUR = 3_600_000;

const LEAK = "p1.aq.xtaq.ld"; // 信息系统漏洞: a 通报 not fixed within 14 days costs 1 more point

async function submission(unitCode: string, submittedAt: Date) {
  await db.prisma.unitSubmission.create({ data: { editionId, unitCode, status: "submitted", round: 1, submittedAt } });
}
async function selfFact(unitCode: string, itemCode: string, status: "draft" | "submitted" | "returned" | "reviewed") {
  await db.prisma.itemFact.create({ data: { editionId, unitCode, itemCode, source: "self", status, payload: { value: { events: [] } } } });
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  wb = await import("@/lib/workbench");
});
afterAll(async () => db.close());

describe("审核员's workbench", () => {
  beforeAll(async () => {
    // three units waiting: 三元区 for 3 days, 明溪县 for 2, 梅列区 for 1
    await submission("county-meilie", new Date(NOW.getTime() - 24 * HOUR));
    await submission("county-sanyuan", new Date(NOW.getTime() - 72 * HOUR));
    await submission("county-mingxi", new Date(NOW.getTime() - 48 * HOUR));
    for (const u of ["county-meilie", "county-sanyuan", "county-mingxi"]) await selfFact(u, LEAK, "submitted");
    // 清流县 submitted and has an item returned to it
    await submission("county-qingliu", new Date(NOW.getTime() - 96 * HOUR));
    await selfFact("county-qingliu", LEAK, "returned");
    // 宁化县 has started (a draft) but not submitted
    await selfFact("county-ninghua", LEAK, "draft");
    // monitoring findings: 大田县's 通报 of 2017-05-02 never fixed (due 05-16, overdue); 尤溪县's fixed
    await db.prisma.itemFact.create({ data: { editionId, unitCode: "county-datian", itemCode: LEAK, source: "review", status: "reviewed", payload: { value: { events: [{ kind: "tb", date: "2017-05-02", fixedDate: null }] } } } });
    await db.prisma.itemFact.create({ data: { editionId, unitCode: "county-youxi", itemCode: LEAK, source: "review", status: "reviewed", payload: { value: { events: [{ kind: "tb", date: "2017-06-01", fixedDate: "2017-06-05" }] } } } });
  });

  it("lists the units waiting for review, oldest submission first", async () => {
    const r = (await wb.getReviewerWorkbench(NOW))!;
    expect(r.waiting.map((u) => u.unitCode)).toEqual(["county-sanyuan", "county-mingxi", "county-meilie"]);
    expect(r.waiting[0]).toMatchObject({ unitName: "三元区", open: 1 });
    expect(r.waiting[0].waiting).toMatch(/3\s*天/);
  });

  it("lists the units with returned items, which wait on the unit", async () => {
    const r = (await wb.getReviewerWorkbench(NOW))!;
    expect(r.returned).toEqual([{ unitCode: "county-qingliu", unitName: "清流县", items: 1 }]);
    expect(r.waiting.map((u) => u.unitCode)).not.toContain("county-qingliu");
  });

  it("'not started' holds only units with nothing entered; a unit with drafts is in progress", async () => {
    const r = (await wb.getReviewerWorkbench(NOW))!;
    const notStarted = r.notStarted.map((u) => u.unitCode);
    expect(notStarted).toContain("county-jianning");
    expect(notStarted).not.toContain("county-ninghua");
    for (const u of ["county-sanyuan", "county-qingliu"]) expect(notStarted).not.toContain(u);
    expect(r.inProgress.map((u) => u.unitCode)).toEqual(["county-ninghua"]);
  });

  it("lists unfixed monitoring findings with their 整改 deadline (14 calendar days), overdue ones marked", async () => {
    const r = (await wb.getReviewerWorkbench(NOW))!;
    expect(r.findings).toEqual([
      { unitCode: "county-datian", unitName: "大田县", itemCode: LEAK, itemName: "信息系统漏洞", kind: "漏洞被省网络与信息安全信息通报中心通报", date: "2017-05-02", due: "2017-05-16", overdue: true },
    ]);
    const early = (await wb.getReviewerWorkbench(new Date("2017-05-10T10:00:00+08:00")))!;
    expect(early.findings[0].overdue).toBe(false);
  });
});

describe("领导's workbench", () => {
  let leaderId: number;
  beforeAll(async () => {
    leaderId = (await db.prisma.user.create({ data: { username: "wb-leader", displayName: "领导", passwordHash: "x", roles: ["leader"], mustChangePassword: false } })).id;
  });

  it("shows the top and bottom five per group, each marked 暂定 until its part is 定稿", async () => {
    const l = (await wb.getLeaderWorkbench({ id: leaderId }, NOW))!;
    const dept = l.groups.find((g) => g.group === "department")!;
    const county = l.groups.find((g) => g.group === "county")!;
    expect(dept.of).toBe(32);
    expect(county.of).toBe(12);
    for (const g of [dept, county]) {
      expect(g.top).toHaveLength(5);
      expect(g.bottom).toHaveLength(5);
      expect(g.top.map((r) => r.rank)).toEqual([...g.top.map((r) => r.rank)].sort((a, b) => a - b));
      expect(g.bottom.at(-1)!.rank).toBeGreaterThanOrEqual(g.top[0].rank);
      expect(new Set([...g.top, ...g.bottom].map((r) => r.unit)).size).toBe(10);
      expect([...g.top, ...g.bottom].every((r) => r.final === false)).toBe(true);
    }
    expect(l.parts.every((p) => !p.final)).toBe(true);
    expect(l.since).toBeNull(); // the first visit
  });

  it("lists what changed since the previous visit, and the visit after that starts afresh", async () => {
    const later = new Date(NOW.getTime() + HOUR);
    await db.prisma.auditLog.create({ data: { at: new Date(NOW.getTime() + HOUR / 2), actorId: leaderId, actorName: "审核员", action: "review.adjust", entityType: "item_fact", unitCode: "county-sanyuan", editionId, itemCode: LEAK, reason: "核减" } });
    await db.prisma.resultFinalisation.createMany({ data: [{ editionId, partCode: "p1" }, { editionId, partCode: "p2" }] });
    const l = (await wb.getLeaderWorkbench({ id: leaderId }, later))!;
    expect(l.since?.getTime()).toBe(NOW.getTime());
    expect(l.changes.map((c) => c.text)).toEqual(["三元区：调整得分"]);
    // both parts 定稿: every row says so
    expect(l.parts.every((p) => p.final)).toBe(true);
    for (const g of l.groups) expect([...g.top, ...g.bottom].every((r) => r.final)).toBe(true);
    const again = (await wb.getLeaderWorkbench({ id: leaderId }, new Date(later.getTime() + HOUR)))!;
    expect(again.since?.getTime()).toBe(later.getTime());
    expect(again.changes).toEqual([]);
  });

  it("counts publication and appeals among the changes", async () => {
    const t = new Date(NOW.getTime() + 3 * HOUR);
    const base = { actorId: leaderId, actorName: "审核员", editionId };
    await db.prisma.auditLog.createMany({
      data: [
        { ...base, at: t, action: "results.publish", entityType: "result_publication" },
        { ...base, at: new Date(t.getTime() + 1000), action: "appeal.file", entityType: "appeal", unitCode: "county-mingxi", itemCode: LEAK },
        { ...base, at: new Date(t.getTime() + 2000), action: "appeal.reject", entityType: "appeal", unitCode: "county-mingxi", itemCode: LEAK },
      ],
    });
    const l = (await wb.getLeaderWorkbench({ id: leaderId }, new Date(t.getTime() + HOUR)))!;
    expect(l.changes.map((c) => c.text)).toEqual(["明溪县：申诉驳回", "明溪县：提出申诉", "公布考核结果"]);
  });
});

describe("管理员's workbench", () => {
  it("shows the period, the accounts that never signed in and the units without a 填报员 account", async () => {
    await db.prisma.assessmentPeriod.upsert({
      where: { editionId },
      create: { editionId, opensAt: new Date("2026-11-01T00:00:00+08:00"), deadline: new Date("2026-12-09T18:00:00+08:00") },
      update: { opensAt: new Date("2026-11-01T00:00:00+08:00"), deadline: new Date("2026-12-09T18:00:00+08:00") },
    });
    const never = await db.prisma.user.create({ data: { username: "wb-never", displayName: "未登录填报员", passwordHash: "x", roles: ["filler"], unitCode: "county-yongan", mustChangePassword: true } });
    const seen = await db.prisma.user.create({ data: { username: "wb-seen", displayName: "已登录填报员", passwordHash: "x", roles: ["filler"], unitCode: "county-jiangle", mustChangePassword: false, lastLoginAt: NOW } });
    await db.prisma.user.create({ data: { username: "wb-gone", displayName: "已停用", passwordHash: "x", roles: ["filler"], unitCode: "county-taining", disabled: true } });
    const a = await wb.getAdminWorkbench(NOW);
    expect(a.period).toMatchObject({ state: "open", days: 8, workdays: 5 });
    expect(a.submitted).toBe(4); // the four submissions above
    expect(a.units).toBe(44);
    const neverIds = a.neverSignedIn.map((u) => u.id);
    expect(neverIds).toContain(never.id);
    expect(neverIds).not.toContain(seen.id);
    expect(a.neverSignedIn.find((u) => u.id === never.id)).toMatchObject({ username: "wb-never", unitName: "永安市" });
    const without = a.unitsWithoutAccounts.map((u) => u.code);
    expect(without).not.toContain("county-yongan");
    expect(without).not.toContain("county-jiangle");
    expect(without).toContain("county-taining"); // its only account is disabled
    expect(without).not.toContain("city");
    expect(without).toHaveLength(42);
  });
});

describe("填报员's countdown", () => {
  it("counts official working days over the National Day holiday (2017-09-29 → 10-09: 2 working days)", () => {
    const c = wb.countdown(new Date("2017-10-09T18:00:00+08:00"), new Date("2017-09-01T00:00:00+08:00"), new Date("2017-09-29T10:00:00+08:00"));
    expect(c).toMatchObject({ state: "open", days: 11, workdays: 2 });
    expect(wb.countdown(new Date("2017-10-09T18:00:00+08:00"), new Date("2017-09-01T00:00:00+08:00"), new Date("2017-10-10T10:00:00+08:00")).state).toBe("closed");
  });
});
