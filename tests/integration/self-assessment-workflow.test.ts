// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// 自评填报 on real PostgreSQL, through the server actions the UI calls (and the data
// functions behind them): concurrent saves, the deadline and extensions, submit, and a
// 填报员 of another unit. The file uses a database of its own so the period and the facts
// it writes cannot disturb (or be disturbed by) other test files.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";

const COUNTY = "county-sanyuan";
const DEPT = "dept-szb";
const ROLLCALL = "p1.xxh.sphy.tsdm"; // 会前调试点名: 1 point, 0.05 per absence/lateness
const IOT = "p1.xxh.ggpt.wlw"; // 物联网服务: 1 per platform, cap 4 (city-level, 数字办 leads)
const RATED = "p2.zwgk.zdxx"; // 重点信息公开: a reviewer's rating

let db: Db;
let editionId: number;
let facts: typeof import("@/lib/assessment/facts");
let periods: typeof import("@/lib/assessment/periods");
let actions: typeof import("@/app/self-assessment/actions");
let periodActions: typeof import("@/app/admin/periods/actions");
let runAs: typeof import("@/lib/auth/guard").runAs;
let admin: SessionUser;
let filler: SessionUser;
let filler2: SessionUser;
let deptFiller: SessionUser;

const g = globalThis as unknown as { __egovDb?: { close: () => Promise<void> } };

async function makeUser(username: string, displayName: string, roles: SessionUser["roles"], unitCode: string | null): Promise<SessionUser> {
  const u = await db.prisma.user.create({ data: { username, displayName, passwordHash: "x", roles, unitCode, mustChangePassword: false } });
  return { id: u.id, username, displayName, roles, unitCode, unitName: null, mustChangePassword: false };
}

const rollcall = (n: number) => ({ value: { events: n ? [{ kind: "qxcd", count: n }] : [] } });
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

beforeAll(async () => {
  const fresh = { url: inject("databaseUrl") }; // this file's own database (tests/setup/worker-db.ts)
  await g.__egovDb?.close();
  delete g.__egovDb;
  process.env.DATABASE_URL = fresh.url;
  db = createDb(fresh.url, 4);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  admin = await makeUser("sa-admin", "系统管理员", ["admin"], null);
  filler = await makeUser("sa-county-1", "三元区填报员甲", ["filler"], COUNTY);
  filler2 = await makeUser("sa-county-2", "三元区填报员乙", ["filler"], COUNTY);
  deptFiller = await makeUser("sa-dept", "市数字办填报员", ["filler"], DEPT);
  facts = await import("@/lib/assessment/facts");
  periods = await import("@/lib/assessment/periods");
  actions = await import("@/app/self-assessment/actions");
  periodActions = await import("@/app/admin/periods/actions");
  runAs = (await import("@/lib/auth/guard")).runAs;
});

afterAll(async () => {
  await db?.close();
  await g.__egovDb?.close();
  delete g.__egovDb;
});

/** Opens the period through the admin action: deadline `deadlineInHours` from now. */
async function setPeriod(deadlineInHours: number) {
  const res = await runAs(admin, () =>
    periodActions.savePeriodAction({ editionId, opensAt: "2017-01-01T00:00", deadline: periods.toShanghaiLocal(hours(deadlineInHours)) }),
  );
  expect(res.ok).toBe(true);
}

const saveAs = (user: SessionUser, itemCode: string, payload: unknown, expectedVersion: number, unitCode = COUNTY) =>
  runAs(user, () => actions.saveItemAction({ editionId, unitCode, itemCode, payload, expectedVersion }));

const auditSaves = (itemCode: string, unitCode = COUNTY) => db.prisma.auditLog.count({ where: { action: "fact.self.save", itemCode, unitCode } });

describe("Beijing time", () => {
  it.each([
    ["2026-12-01T18:00", "2026-12-01T10:00:00.000Z"],
    ["2017-01-01T00:00", "2016-12-31T16:00:00.000Z"],
    ["2024-02-29T23:59", "2024-02-29T15:59:00.000Z"],
  ])("reads %s as Asia/Shanghai (%s) and writes it back", (local, iso) => {
    const d = periods.parseShanghaiLocal(local);
    expect(d?.toISOString()).toBe(iso);
    expect(periods.toShanghaiLocal(d!)).toBe(local);
  });

  it.each(["2026-02-30T10:00", "2026-12-01T25:00", "2026-12-01", "明天"])("refuses %s", (s) => {
    expect(periods.parseShanghaiLocal(s)).toBeNull();
  });
});

describe("填报期限 (admin)", () => {
  it("says at the field when the deadline is not after the opening time", async () => {
    const res = await runAs(admin, () => periodActions.savePeriodAction({ editionId, opensAt: "2026-12-01T18:00", deadline: "2026-12-01T09:00" }));
    expect(res).toMatchObject({ ok: false, status: 400, fieldErrors: { deadline: "截止时间应晚于开始时间" } });
  });

  it("opens the edition, then changes the deadline; both are audited with before and after", async () => {
    await setPeriod(48);
    await setPeriod(72);
    const rows = await db.prisma.auditLog.findMany({ where: { entityType: "assessment_period" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["period.open", "period.update"]);
    expect(rows[1].before).toBeTruthy();
    expect(rows[1].actorId).toBe(admin.id);
  });
});

describe("saving with optimistic concurrency", () => {
  it("two first saves with the same expectedVersion: exactly one conflict, the saved one is stored, one audited save", async () => {
    await setPeriod(48);
    const [a, b] = await Promise.all([saveAs(filler, ROLLCALL, rollcall(7), 0), saveAs(filler2, ROLLCALL, rollcall(3), 0)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const results = [a.data, b.data];
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "saved"]);
    const won = results.findIndex((r) => r.status === "saved");
    const winner = won === 0 ? { user: filler, payload: rollcall(7) } : { user: filler2, payload: rollcall(3) };
    const conflict = results[1 - won];
    const row = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } } });
    expect(row.version).toBe(1);
    expect(row.payload).toEqual(winner.payload);
    expect(await auditSaves(ROLLCALL)).toBe(1);
    // the conflict shows the version that won: its values and who saved it
    if (conflict.status !== "conflict") throw new Error("expected a conflict");
    expect(conflict.current).toMatchObject({ version: 1, payload: winner.payload, updatedBy: winner.user.displayName });
  });

  it("two saves of the same version of an existing row: one conflict showing the winner, and overwriting it on purpose keeps both in the history", async () => {
    const before = await auditSaves(ROLLCALL);
    const [a, b] = await Promise.all([saveAs(filler, ROLLCALL, rollcall(5), 1), saveAs(filler2, ROLLCALL, rollcall(6), 1)]);
    if (!a.ok || !b.ok) throw new Error("both calls should reach the data layer");
    const statuses = [a.data.status, b.data.status];
    expect(statuses.sort()).toEqual(["conflict", "saved"]);
    const winnerPayload = a.data.status === "saved" ? rollcall(5) : rollcall(6);
    const loser = a.data.status === "conflict" ? { user: filler, payload: rollcall(5), data: a.data } : { user: filler2, payload: rollcall(6), data: b.data };
    if (loser.data.status !== "conflict") throw new Error("expected a conflict");
    expect(loser.data.current.payload).toEqual(winnerPayload);
    expect(loser.data.current.version).toBe(2);
    expect(await auditSaves(ROLLCALL)).toBe(before + 1);

    // the user chose "overwrite": the same payload again, with the version they were shown
    const again = await saveAs(loser.user, ROLLCALL, loser.payload, loser.data.current.version);
    expect(again).toMatchObject({ ok: true, data: { status: "saved", version: 3 } });
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    expect(row.payload).toEqual(loser.payload);
    const history = await db.prisma.auditLog.findMany({ where: { action: "fact.self.save", itemCode: ROLLCALL, unitCode: COUNTY }, orderBy: { id: "asc" } });
    expect(history.map((h) => (h.after as { payload: unknown }).payload).slice(-2)).toEqual([winnerPayload, loser.payload]);
  });

  it("returns the engine's score and explanation with a save: 7 absences → 0.65 of 1", async () => {
    const cur = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    const res = await saveAs(filler, ROLLCALL, rollcall(7), cur.version);
    if (!res.ok || res.data.status !== "saved") throw new Error(JSON.stringify(res));
    expect(res.data.score).toMatchObject({ state: "scored", score: "0.65", max: "1" });
    expect(res.data.score.trace.join("\n")).toContain("7 次 × 0.05");
  });

  it("a save's score is the engine's with the reviewer's fact where there is one", async () => {
    const review = await db.prisma.itemFact.create({
      data: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "review", payload: rollcall(2), status: "reviewed", version: 1 },
    });
    try {
      const cur = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
      const res = await saveAs(filler, ROLLCALL, rollcall(7), cur.version);
      if (!res.ok || res.data.status !== "saved") throw new Error(JSON.stringify(res));
      // 2 absences found by the reviewer (0.9), not the 7 the unit entered (0.65)
      expect(res.data.score).toMatchObject({ state: "scored", score: "0.9" });
    } finally {
      await db.prisma.itemFact.delete({ where: { id: review.id } });
    }
  });

  it("a city-level item kept by 数字办: 5 platforms score the cap of 4, with the cap explained", async () => {
    const res = await saveAs(deptFiller, IOT, { value: { items: ["平台一", "平台二", "平台三", "平台四", "平台五"] } }, 0, DEPT);
    if (!res.ok || res.data.status !== "saved") throw new Error(JSON.stringify(res));
    expect(res.data.score).toMatchObject({ score: "4", max: "4" });
    expect(res.data.score.trace.join("\n")).toMatch(/超过本项上限 4 分/);
    // stored under the city's fact unit, one row for every lead unit
    expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: "city", itemCode: IOT } })).toBe(1);
  });

  it("validation errors come back at the field, in Chinese, and nothing is stored", async () => {
    const res = await saveAs(filler, "p1.xxh.sphy.hczx", { value: { events: [{ kind: "nope", count: 0 }] } }, 0);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.status).toBe(400);
    expect(res.fieldErrors?.["value.events.0.count"]).toBe("次数至少为 1");
    expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: COUNTY, itemCode: "p1.xxh.sphy.hczx" } })).toBe(0);
  });

  it("a unit cannot rate itself on a reviewer-rated item, but may keep a note there", async () => {
    const res = await saveAs(deptFiller, RATED, { value: { score: "20" } }, 0, DEPT);
    expect(res).toMatchObject({ ok: false, status: 400, fieldErrors: { value: expect.stringContaining("审核员评分") } });
    expect(await saveAs(deptFiller, RATED, { note: "已在门户网站公开" }, 0, DEPT)).toMatchObject({ ok: true, data: { status: "saved" } });
  });

  it("preview scores unsaved input without storing it, or returns field errors", async () => {
    const p = await runAs(filler, () => actions.previewItemAction({ editionId, unitCode: COUNTY, itemCode: "p1.xxh.sphy.hyspb", payload: { value: { events: [] } } }));
    expect(p).toMatchObject({ ok: true, data: { status: "scored", score: { state: "scored" } } });
    const bad = await runAs(filler, () => actions.previewItemAction({ editionId, unitCode: COUNTY, itemCode: "p2.zwgk.dtxx", payload: { value: { monthly: [1, 2] } } }));
    expect(bad).toMatchObject({ ok: true, data: { status: "invalid", fieldErrors: { "value.monthly": expect.stringContaining("12") } } });
    expect(await db.prisma.itemFact.count({ where: { editionId, unitCode: COUNTY, itemCode: { in: ["p1.xxh.sphy.hyspb", "p2.zwgk.dtxx"] } } })).toBe(0);
  });
});

describe("another unit's 填报员", () => {
  it("gets 403 from saveItemAction, previewItemAction and submitUnitAction, and nothing changes", async () => {
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    const save = await saveAs(deptFiller, ROLLCALL, rollcall(20), row.version);
    expect(save).toEqual({ ok: false, status: 403, error: "无权访问" });
    const preview = await runAs(deptFiller, () => actions.previewItemAction({ editionId, unitCode: COUNTY, itemCode: ROLLCALL, payload: rollcall(1) }));
    expect(preview).toMatchObject({ ok: false, status: 403 });
    const submit = await runAs(deptFiller, () => actions.submitUnitAction({ editionId, unitCode: COUNTY }));
    expect(submit).toMatchObject({ ok: false, status: 403 });
    const after = await db.prisma.itemFact.findFirstOrThrow({ where: { id: row.id } });
    expect(after.version).toBe(row.version);
    expect(after.payload).toEqual(row.payload);
  });
});

describe("the deadline and extensions", () => {
  it("refuses a save after the deadline with the deadline reason", async () => {
    await setPeriod(-1);
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    const res = await saveAs(filler, ROLLCALL, rollcall(1), row.version);
    expect(res).toMatchObject({ ok: false, status: 423 });
    if (res.ok) return;
    expect(res.error).toContain("已过填报截止时间");
    const form = await facts.getUnitForm(editionId, COUNTY);
    expect(form.unitLock).toMatchObject({ editable: false, reason: "deadline" });
    expect((await db.prisma.itemFact.findFirstOrThrow({ where: { id: row.id } })).version).toBe(row.version);
  });

  it("an extension needs a reason and a time after the deadline", async () => {
    const noReason = await runAs(admin, () =>
      periodActions.grantExtensionAction({ editionId, unitCode: COUNTY, until: periods.toShanghaiLocal(hours(24)), reason: "   " }),
    );
    expect(noReason).toMatchObject({ ok: false, status: 400, fieldErrors: { reason: "请填写延期理由" } });
    const early = await runAs(admin, () => periodActions.grantExtensionAction({ editionId, unitCode: COUNTY, until: periods.toShanghaiLocal(hours(-2)), reason: "补报" }));
    expect(early).toMatchObject({ ok: false, status: 400, fieldErrors: { until: expect.stringContaining("应晚于填报截止时间") } });
    const unknown = await runAs(admin, () => periodActions.grantExtensionAction({ editionId, unitCode: "city", until: periods.toShanghaiLocal(hours(24)), reason: "补报" }));
    expect(unknown).toMatchObject({ ok: false, status: 400, fieldErrors: { unitCode: expect.any(String) } });
    // a 填报员 cannot grant themselves one
    expect(await runAs(filler, () => periodActions.grantExtensionAction({ editionId, unitCode: COUNTY, until: periods.toShanghaiLocal(hours(24)), reason: "x" }))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("an extension reopens that unit only; it is recorded, audited with its reason, and listed", async () => {
    const res = await runAs(admin, () =>
      periodActions.grantExtensionAction({ editionId, unitCode: COUNTY, until: periods.toShanghaiLocal(hours(24)), reason: "系统故障导致无法按时填报" }),
    );
    expect(res).toMatchObject({ ok: true, data: { unitCode: COUNTY, unitName: "三元区" } });
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    expect(await saveAs(filler, ROLLCALL, rollcall(7), row.version)).toMatchObject({ ok: true, data: { status: "saved" } });
    // 市数字办 has no extension: still closed
    const dept = await saveAs(deptFiller, "p1.xxh.sphy.tsdm", rollcall(0), 0, DEPT);
    expect(dept).toMatchObject({ ok: false, status: 423 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "period.extension.grant", unitCode: COUNTY } });
    expect(audit.reason).toBe("系统故障导致无法按时填报");
    expect(audit.actorId).toBe(admin.id);
    const list = await periods.listExtensions(editionId);
    expect(list).toEqual([expect.objectContaining({ unitCode: COUNTY, unitName: "三元区", reason: "系统故障导致无法按时填报", grantedBy: "系统管理员" })]);
  });
});

describe("submitting", () => {
  it("an incomplete unit is told which items are missing, with their place in the tree; nothing is submitted", async () => {
    const res = await runAs(filler, () => actions.submitUnitAction({ editionId, unitCode: COUNTY }));
    if (!res.ok) throw new Error(res.error);
    expect(res.data.status).toBe("incomplete");
    if (res.data.status !== "incomplete") return;
    const codes = res.data.missing.map((m) => m.code);
    expect(codes).not.toContain(ROLLCALL);
    expect(codes).toEqual(expect.arrayContaining(["p1.xxh.sphy.hczx", "p1.aq.xtaq.ld", "p2.zwgk.dtxx"]));
    expect(res.data.missing.find((m) => m.code === "p1.xxh.sphy.hczx")?.pathNames).toEqual(["信息化应用绩效", "视频会议", "会场秩序与参会纪律"]);
    expect(await db.prisma.unitSubmission.count({ where: { editionId, unitCode: COUNTY } })).toBe(0);
  });

  it("a complete unit submits; the form then locks with the submitted reason", async () => {
    const form = await facts.getUnitForm(editionId, COUNTY);
    for (const f of form.form.filter((x) => facts.isMissing(x))) {
      const monthly = f.item.leaf.rule.type === "tiers" ? { value: { monthly: Array(12).fill("8") } } : rollcall(0);
      const r = await saveAs(filler, f.item.leaf.code, monthly, f.self?.version ?? 0);
      expect(r, f.item.leaf.code).toMatchObject({ ok: true, data: { status: "saved" } });
    }
    expect(await facts.missingItems(editionId, COUNTY)).toEqual([]);
    const res = await runAs(filler, () => actions.submitUnitAction({ editionId, unitCode: COUNTY }));
    expect(res).toMatchObject({ ok: true, data: { status: "submitted", round: 1 } });

    const after = await facts.getUnitForm(editionId, COUNTY);
    expect(after.unitLock).toMatchObject({ editable: false, reason: "submitted" });
    expect(after.form.every((f) => f.self?.status === "submitted")).toBe(true);
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    const locked = await saveAs(filler, ROLLCALL, rollcall(1), row.version);
    expect(locked).toMatchObject({ ok: false, status: 423 });
    if (!locked.ok) expect(locked.error).toContain("本单位已提交自评");
    expect(await db.prisma.auditLog.count({ where: { action: "submission.submit", unitCode: COUNTY } })).toBe(1);
  });

  it("a returned item reopens while the others stay locked", async () => {
    await db.prisma.itemFact.updateMany({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" }, data: { status: "returned", returnComment: "请补充佐证" } });
    const row = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: ROLLCALL, source: "self" } });
    expect(await saveAs(filler, ROLLCALL, rollcall(6), row.version)).toMatchObject({ ok: true, data: { status: "saved" } });
    const other = await db.prisma.itemFact.findFirstOrThrow({ where: { editionId, unitCode: COUNTY, itemCode: "p1.xxh.sphy.hczx", source: "self" } });
    expect(await saveAs(filler, "p1.xxh.sphy.hczx", rollcall(0), other.version)).toMatchObject({ ok: false, status: 423 });
  });
});

describe("what 数字办 must fill in", () => {
  it("leaves out reviewer-rated items and items kept by other units", async () => {
    const missing = await facts.missingItems(editionId, DEPT);
    const codes = missing.map((m) => m.code);
    expect(codes).not.toContain(RATED);
    expect(codes).not.toContain(IOT); // saved above (city-level)
    expect(codes).not.toContain("p1.xxh.xypt.bsfg"); // cooperating on a city-level item: view only
    expect(codes).not.toContain("p2.ztzl"); // opt-in: not joined = not applicable (R9)
    expect(codes).toContain("p1.xxh.sjzx");
  });
});
