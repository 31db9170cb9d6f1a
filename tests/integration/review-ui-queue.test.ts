// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { compileEdition } from "@/lib/engine";
import { itemsForUnit } from "@/lib/assessment/items";
import type { SessionUser } from "@/lib/auth/session";

// What the review screens read, on real PostgreSQL: the queue's counts per status and its
// filters, waiting times, one unit's review view, the working-day records of 7日公示 and
// 政策解读, and what stands between a part and its finalisation.
let db: Db;
let editionId: number;
let queue: typeof import("@/lib/review/queue");
let facts: typeof import("@/lib/assessment/facts");
let review: typeof import("@/lib/review/review");
let imp: typeof import("@/lib/review/import");
let filler: SessionUser;
let reviewer: SessionUser;
const TAINING = "county-taining"; // 泰宁县: no other integration test touches it
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const ASSESSED = compiled.units.filter((u) => u.group !== "city" && itemsForUnit(compiled, u.code).length > 0);

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  await db.prisma.assessmentPeriod.upsert({
    where: { editionId },
    create: { editionId, opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
    update: { opensAt: new Date("2017-01-01T00:00:00+08:00"), deadline: new Date(Date.now() + 86_400_000) },
  });
  const f = await db.prisma.user.create({ data: { username: "q-filler", displayName: "泰宁县填报员", passwordHash: "x", roles: ["filler"], unitCode: TAINING, mustChangePassword: false } });
  const r = await db.prisma.user.create({ data: { username: "q-reviewer", displayName: "队列审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  filler = { id: f.id, username: f.username, displayName: f.displayName, roles: ["filler"], unitCode: TAINING, unitName: "泰宁县", mustChangePassword: false };
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  queue = await import("@/lib/review/queue");
  facts = await import("@/lib/assessment/facts");
  review = await import("@/lib/review/review");
  imp = await import("@/lib/review/import");
});
afterAll(async () => db.close());

const q = (patch: Record<string, string> = {}) => queue.ZQueueQuery.parse(patch);

async function fillAndSubmit(user: SessionUser, unitCode: string, now: Date) {
  for (const i of itemsForUnit(compiled, unitCode).filter((x) => x.editable)) {
    const r = i.leaf.rule;
    const value =
      r.type === "deduction" ? { events: [] } : r.type === "tiers" ? (r.measure === "monthlyAverage" ? { monthly: Array(12).fill(8) } : { value: 2 }) : r.type === "choice" ? { levels: [] } : r.type === "binary" ? { yes: true } : undefined;
    await facts.saveSelfFact(user, "127.0.0.1", { editionId, unitCode, itemCode: i.leaf.code, payload: value ? { value } : { note: "由审核员评分" }, expectedVersion: 0 }, now);
  }
  const out = await facts.submitUnit(user, "127.0.0.1", { editionId, unitCode }, now);
  expect(out.status).toBe("submitted");
}

describe("the review queue", () => {
  it.each([
    [0, "不到1分钟"],
    [59_000, "不到1分钟"],
    [60_000, "1分钟"],
    [5 * 3_600_000 + 12 * 60_000, "5小时12分钟"],
    [3_600_000, "1小时"],
    [26 * 3_600_000, "1天2小时"],
    [3 * 86_400_000, "3天"],
  ])("waited %i ms reads “%s”", (ms, text) => {
    expect(queue.formatWaiting(ms)).toBe(text);
  });

  it("counts every assessed unit once per status, and moves a unit from 未提交 to 已提交 to 已审核", async () => {
    const q0 = (await queue.getReviewQueue(q()))!;
    expect(q0.counts.all).toBe(ASSESSED.length);
    expect(q0.counts.none + q0.counts.submitted + q0.counts.returned + q0.counts.reviewed).toBe(q0.counts.all);
    expect(q0.rows.find((r) => r.unitCode === TAINING)?.state).toBe("none");
    expect(q0.rows.some((r) => r.unitCode === "city")).toBe(false);

    await fillAndSubmit(filler, TAINING, new Date());
    const { submittedAt } = await db.prisma.unitSubmission.findUniqueOrThrow({ where: { editionId_unitCode: { editionId, unitCode: TAINING } } });
    const later = new Date(submittedAt!.getTime() + 26 * 3_600_000);
    const q1 = (await queue.getReviewQueue(q(), later))!;
    expect(q1.counts).toEqual({ all: q0.counts.all, none: q0.counts.none - 1, submitted: q0.counts.submitted + 1, returned: q0.counts.returned, reviewed: q0.counts.reviewed });
    const row = q1.rows.find((r) => r.unitCode === TAINING)!;
    expect(row).toMatchObject({ state: "submitted", round: 1, group: "county", waitingMs: 26 * 3_600_000 });
    expect(queue.formatWaiting(row.waitingMs!)).toBe("1天2小时");
    expect(row.items.total).toBe(itemsForUnit(compiled, TAINING).length);
    expect(row.items.submitted).toBe(row.items.total);

    // accepting every item settles the submission: 已审核, no longer waiting
    for (const i of itemsForUnit(compiled, TAINING)) await review.acceptItem(reviewer, "127.0.0.1", { editionId, unitCode: TAINING, itemCode: i.leaf.code, method: "网上核查" });
    const q2 = (await queue.getReviewQueue(q(), later))!;
    expect(q2.counts).toEqual({ all: q0.counts.all, none: q0.counts.none - 1, submitted: q0.counts.submitted, returned: q0.counts.returned, reviewed: q0.counts.reviewed + 1 });
    expect(q2.rows.find((r) => r.unitCode === TAINING)).toMatchObject({ state: "reviewed", waitingMs: null });
  });

  it("filters by status, group, part and name (counts follow every filter but status), and sorts", async () => {
    const reviewed = (await queue.getReviewQueue(q({ status: "reviewed", group: "county" })))!;
    expect(reviewed.rows.every((r) => r.state === "reviewed" && r.group === "county")).toBe(true);
    expect(reviewed.rows.map((r) => r.unitCode)).toContain(TAINING);
    const counties = ASSESSED.filter((u) => u.group === "county").length;
    expect(reviewed.counts.all).toBe(counties);

    const byName = (await queue.getReviewQueue(q({ q: "泰宁" })))!;
    expect(byName.rows.map((r) => r.unitName)).toEqual(["泰宁县"]);
    expect(byName.counts).toEqual({ all: 1, none: 0, submitted: 0, returned: 0, reviewed: 1 });

    // part 2: a county is assessed only on 动态信息 there
    const p2 = (await queue.getReviewQueue(q({ part: "p2", q: "泰宁" })))!;
    expect(p2.rows[0].items.total).toBe(1);

    const sorted = (await queue.getReviewQueue(q({ sort: "unit", dir: "asc", group: "county" })))!;
    const names = sorted.rows.map((r) => r.unitName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "zh-CN")));

    // unknown values fall back to the defaults instead of failing
    expect(q({ status: "bogus", sort: "x", dir: "sideways" })).toMatchObject({ status: "all", sort: "waiting", dir: "desc" });
    expect((await queue.getReviewQueue(q({ q: "没有这个单位" })))!.rows).toEqual([]);
  });

  it("shows one unit's items with both sides, the round history and the unit's submissions", async () => {
    const item = "p1.xxh.sphy.tsdm";
    await review.returnItem(reviewer, "127.0.0.1", { editionId, unitCode: TAINING, itemCode: item, comment: "请核对点名记录" });
    const view = (await queue.getUnitReview(TAINING))!;
    expect(view.unit).toEqual({ code: TAINING, name: "泰宁县", group: "county" });
    expect(view.submission.state).toBe("submitted"); // a returned item reopens the submission
    // the queue: returned, waiting on the unit (not counted as waiting for review), in every part's view
    for (const part of ["", "p2"]) {
      const qr = (await queue.getReviewQueue(q({ part, q: "泰宁" }), new Date(Date.now() + 3_600_000)))!;
      expect(qr.rows[0]).toMatchObject({ unitCode: TAINING, state: "returned", waitingMs: null });
      expect(qr.counts).toMatchObject({ returned: 1, submitted: 0 });
    }
    expect((await queue.getReviewQueue(q({ status: "returned" })))!.rows.map((r) => r.unitCode)).toContain(TAINING);
    const card = view.items.find((i) => i.leaf.code === item)!;
    expect(card).toMatchObject({ status: "returned", self: { returnComment: "请核对点名记录" } });
    expect(card.events.map((e) => e.action)).toEqual(["accept", "return"]);
    expect(card.events[1].actor).toBe("队列审核员");
    expect(card.leaf.methods).toEqual(["自评上报", "在线监测", "现场检查"]); // inherited from 视频会议
    expect(card.result.max.display).toBe("1");
    expect(view.unitEvents.map((e) => e.action)).toEqual(["submit"]);
    expect(view.parts.find((p) => p.code === "p2")).toMatchObject({ assessed: true, allowPostPenalty: true });
    expect(await queue.getUnitReview("city")).toBeNull();
    expect(await queue.getUnitReview("no-such-unit")).toBeNull();
  });

  it("lists the unreviewed units per part for finalisation", async () => {
    const o = (await queue.getFinaliseOverview())!;
    const p1 = o.parts.find((p) => p.code === "p1")!;
    expect(p1.unreviewed.map((u) => u.code)).toContain(TAINING); // its returned item
    expect(p1.notSubmitted.map((u) => u.code)).not.toContain(TAINING);
    expect(p1.notSubmitted.map((u) => u.code)).toContain("county-jianning");
    expect(new Set(p1.unreviewed.map((u) => u.code))).toEqual(new Set(await review.unreviewedUnits((await facts.requireContext(editionId))!, "p1")));
  });
});

describe("working-day records", () => {
  const GS7R = "p1.xxh.xypt.gs7r"; // 7个工作日内公示并推送 (city-level; 市发改委 leads)
  const ZCJD = "p2.jdhy.zcjd"; // 政策解读: 3 working days, a reviewer's rating

  it("takes the working days from the edition's deadlines (edition.yaml), not from the rule's text", async () => {
    const view = (await queue.getUnitReview("dept-fgw"))!;
    expect(view.items.find((i) => i.leaf.code === GS7R)?.leaf.workdays).toBe(7);
    expect(view.items.find((i) => i.leaf.code === ZCJD)?.leaf.workdays).toBe(3);
    expect(view.items.find((i) => i.leaf.code === "p1.xxh.xypt.bsfg")?.leaf.workdays).toBeNull();
  });

  it("derives 7日公示's numerator/denominator from the records (on time / all) on the official calendar", async () => {
    const records = [
      { name: "许可A", start: "2017-09-25", done: "2017-10-10" }, // due 10-10 (国庆): on time on the due day
      { name: "许可B", start: "2017-09-25", done: "2017-10-11" }, // a day late
      { name: "处罚C", start: "2017-06-01", done: null }, // never publicised
      { name: "许可A", start: "2017-06-01", done: "2017-06-12" }, // same name, on time: kept apart in the list
    ];
    const out = await imp.saveDeadlineRecords(reviewer, "127.0.0.1", { editionId, unitCode: "dept-fgw", itemCode: GS7R, records, method: "网上核查", reason: "核对信用网站公示记录" });
    expect(out.result.score?.exact).toBe("2.5"); // 5 × 2 / 4
    expect(out.result.trace.join("\n")).toMatch(/2 ÷ .*4/);
    const stored = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: "city", itemCode: GS7R, source: "review" } } });
    const p = stored.payload as { value: { numerator: number; denominator: number; list: string[] }; note: string };
    expect(p.value).toEqual({ numerator: 2, denominator: 4, list: ["许可A（2017-09-25→2017-10-10）", "许可A（2017-06-01→2017-06-12）"] });
    // the records are rows of their own (deadline_record), not text in the note
    expect(p.note).toBeUndefined();
    const rows = await db.prisma.deadlineRecord.findMany({ where: { editionId, unitCode: "city", itemCode: GS7R }, orderBy: { position: "asc" } });
    const { recordOfRow } = await import("@/lib/review/deadlines");
    expect(rows.map(recordOfRow)).toEqual(records.map((r, i) => ({ ...r, due: ["2017-10-10", "2017-10-10", "2017-06-12", "2017-06-12"][i] })));
    expect(rows.map((r) => [r.onTime, r.workdays])).toEqual([[true, 7], [false, 7], [false, 7], [true, 7]]);
    // the review screen reads them back for the item, whichever responsible unit is opened
    const view = (await queue.getUnitReview("dept-fgw"))!;
    expect(view.items.find((i) => i.leaf.code === GS7R)?.records).toEqual(records);
    expect(view.items.find((i) => i.leaf.code === GS7R)?.leaf.deadline).toEqual({ startLabel: "行政决定日期", doneLabel: "公示并推送日期" });
    // saved again with fewer records: the earlier ones are replaced, and the change is audited
    await imp.saveDeadlineRecords(reviewer, "127.0.0.1", { editionId, unitCode: "dept-fgw", itemCode: GS7R, records: records.slice(0, 1), method: "网上核查", reason: "复核" });
    expect(await db.prisma.deadlineRecord.count({ where: { editionId, unitCode: "city", itemCode: GS7R } })).toBe(1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "review.deadline_records", itemCode: GS7R }, orderBy: { id: "desc" } });
    expect((audit.before as unknown[]).length).toBe(4);
    expect((audit.after as { records: unknown[] }).records).toHaveLength(1);
  });

  it("shows the calendar's message instead of a date for a year it does not cover, and saves nothing", async () => {
    const before = await db.prisma.auditLog.count();
    await expect(
      imp.saveDeadlineRecords(reviewer, "127.0.0.1", { editionId, unitCode: "dept-fgw", itemCode: GS7R, records: [{ name: "许可X", start: "2040-03-02", done: "2040-03-05" }], method: "网上核查", reason: "x" }),
    ).rejects.toThrow(/节假日日历数据未覆盖 2040 年/);
    expect(await db.prisma.auditLog.count()).toBe(before);
    const { checkRecords } = await import("@/lib/review/deadlines");
    expect(checkRecords([{ name: "X", start: "2040-03-02", done: null }], 7)[0]).toMatchObject({ due: null, status: "无法判断", calendarError: expect.stringMatching(/2040/) });
  });

  it("keeps 政策解读's records beside the reviewer's rating (3 working days)", async () => {
    const out = await imp.saveDeadlineRecords(reviewer, "127.0.0.1", {
      editionId,
      unitCode: "dept-fgw",
      itemCode: ZCJD,
      records: [{ name: "关于……的实施意见", start: "2017-09-28", done: "2017-10-09" }], // due 10-09 across 国庆
      score: "8",
      method: "网上核查",
      reason: "解读及时，形式单一",
    });
    expect(out.result.score?.exact).toBe("8");
    const stored = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: "dept-fgw", itemCode: ZCJD, source: "review" } } });
    const rows = await db.prisma.deadlineRecord.findMany({ where: { editionId, unitCode: "dept-fgw", itemCode: ZCJD } });
    expect(rows.map((r) => [r.dueDate?.toISOString().slice(0, 10), r.onTime, r.workdays])).toEqual([["2017-10-09", true, 3]]);
    expect((stored.payload as { value: unknown }).value).toEqual({ score: "8" });
    await expect(imp.saveDeadlineRecords(reviewer, "127.0.0.1", { editionId, unitCode: "dept-fgw", itemCode: ZCJD, records: [], method: "网上核查", reason: "x" })).rejects.toThrow(/请填写评分/);
  });
});
