// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/prisma";
import type { SessionUser } from "@/lib/auth/session";

// Bulk monitoring findings from xlsx on real PostgreSQL: the template round-trips through
// the importer; one bad row anywhere leaves NOTHING saved and is reported by sheet, row and
// column; a good file saves every row, each with its own audit entry.
let db: Db;
let editionId: number;
let imp: typeof import("@/lib/review/import");
let reviewer: SessionUser;
// units no other integration test writes to
const MINGXI = "county-mingxi"; // 明溪县, has not submitted anything
const QINGLIU = "county-qingliu"; // 清流县
// 会场秩序 rather than 调试点名: review-core checks the city's pooled 调试点名 events in this shared database
const VENUE = "p1.xxh.sphy.hczx";
const VULN = "p1.aq.xtaq.ld";

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  const r = await db.prisma.user.create({ data: { username: "imp-reviewer", displayName: "导入审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  imp = await import("@/lib/review/import");
});
afterAll(async () => db.close());

/** The downloaded template with rows written into its sheets, by header. */
async function fill(rows: Record<string, Record<string, string | number | Date>[]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await imp.buildFindingsTemplate()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  for (const [sheet, list] of Object.entries(rows)) {
    const ws = wb.getWorksheet(sheet)!;
    const headers = new Map<string, number>();
    ws.getRow(1).eachCell((c, col) => headers.set(String(c.value), col));
    list.forEach((r, i) => {
      for (const [h, v] of Object.entries(r)) {
        const col = headers.get(h);
        if (!col) throw new Error(`no column ${h} in ${sheet}`);
        ws.getCell(i + 2, col).value = v;
      }
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function state() {
  const [facts, audit, penalties] = await Promise.all([
    db.prisma.itemFact.count({ where: { editionId, source: "review", unitCode: { in: [MINGXI, QINGLIU] } } }),
    db.prisma.auditLog.count({ where: { editionId, actorId: reviewer.id } }),
    db.prisma.postPenalty.count({ where: { editionId } }),
  ]);
  return { facts, audit, penalties };
}

describe("xlsx import of monitoring findings", () => {
  it("offers one sheet per finding type, with instructions and the unit list", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await imp.buildFindingsTemplate()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["填写说明", "单位列表", "视频会议", "会议室与人员", "漏洞通报", "违规外联", "网站抽查通报", "动态信息", "加重扣分"]);
    const units: string[] = [];
    wb.getWorksheet("单位列表")!.eachRow((r, i) => i > 1 && units.push(String(r.getCell(1).value)));
    expect(units).toContain("明溪县");
    expect(units).not.toContain("全市");
  });

  it("saves nothing when one row is bad, and reports each bad row with its sheet, row and column", async () => {
    const before = await state();
    const file = await fill({
      视频会议: [
        { 单位: "明溪县", 会议日期: "2017-10-12", 点名缺席迟到次数: 2 },
        { 单位: "清流县", 会议日期: "2017-10-12", 点名缺席迟到次数: 1, 会场秩序问题次数: 3 },
      ],
      漏洞通报: [
        { 单位: "明溪县", 通报日期: "2017-03-01", 修复反馈日期: "2017-03-20" },
        { 单位: "清流县", 通报日期: "2017-02-30" }, // not a calendar date
      ],
      违规外联: [{ 单位: "不存在的县", 通报日期: "2017-05-01" }],
      网站抽查通报: [{ 单位: "明溪县", 通报级别: "被市政府办通报" }], // 网站 is assessed on departments only
    });
    const out = await imp.importFindingsFromXlsx(reviewer, "10.0.0.8", file, "十月监测.xlsx");
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toEqual(
      expect.arrayContaining([
        { sheet: "漏洞通报", row: 3, column: "通报日期", message: expect.stringMatching(/2017-02-30.*不是有效日期/) },
        { sheet: "违规外联", row: 2, column: "单位", message: expect.stringMatching(/找不到单位“不存在的县”/) },
      ]),
    );
    expect(out.errors).toHaveLength(2); // the row-level checks stop the file before the unit checks run
    expect(await state()).toEqual(before);

    // fixing those two: now the 网站 row fails the unit check, still nothing saved
    const file2 = await fill({
      视频会议: [{ 单位: "明溪县", 会议日期: "2017-10-12", 会场秩序问题次数: 2 }],
      网站抽查通报: [{ 单位: "明溪县", 通报级别: "被市政府办通报" }],
    });
    const out2 = await imp.importFindingsFromXlsx(reviewer, "10.0.0.8", file2, "十月监测.xlsx");
    expect(out2).toEqual({ ok: false, errors: [{ sheet: "网站抽查通报", row: 2, column: "单位", message: expect.stringMatching(/明溪县不参加“部门网站建设”的考核/) }] });
    expect(await state()).toEqual(before);
  });

  it("rolls back the rows already written when a later row fails inside the transaction", async () => {
    const before = await state();
    // finalising part 2 makes the 加重扣分 row fail at write time, after the part-1 rows were written
    const fin = await db.prisma.resultFinalisation.create({ data: { editionId, partCode: "p2" } });
    try {
      const file = await fill({
        视频会议: [{ 单位: "明溪县", 会议日期: "2017-10-12", 会场秩序问题次数: 2 }],
        加重扣分: [{ 单位: "市教育局", 考核部分: "政府网站建设部分", 扣分: 2, 理由: "网站长期未更新" }],
      });
      const out = await imp.importFindingsFromXlsx(reviewer, "10.0.0.8", file, "十月监测.xlsx");
      expect(out).toEqual({ ok: false, errors: [{ sheet: "加重扣分", row: 2, column: null, message: expect.stringMatching(/已定稿/) }] });
      expect(await state()).toEqual(before);
    } finally {
      // result_finalisation is not append-only: the test removes its own row
      await db.prisma.resultFinalisation.delete({ where: { id: fin.id } });
    }
  });

  it("saves a valid file in one go: events appended per unit, the late fix charged, every row audited", async () => {
    const before = await state();
    const file = await fill({
      视频会议: [
        { 单位: "明溪县", 会议日期: new Date(Date.UTC(2017, 9, 12)), 会场秩序问题次数: 2 },
        { 单位: "明溪县", 会议日期: "2017/11/3", 会场秩序问题次数: 1, 参会纪律问题次数: 2, 说明: "11月例会" },
      ],
      漏洞通报: [
        { 单位: "county-qingliu", 通报日期: "2017-03-01", 修复反馈日期: "2017-03-20" }, // 19 days: the second charge
        { 单位: "清流县", 通报日期: "2017-06-01", 修复反馈日期: "2017-06-10", 核查方式: "现场检查" },
      ],
      加重扣分: [{ 单位: "市教育局", 考核部分: "政府网站建设部分", 扣分: "1.5", 理由: "网站信息失实，被媒体曝光" }],
    });
    const out = await imp.importFindingsFromXlsx(reviewer, "10.0.0.8", file, "十月监测.xlsx");
    expect(out).toEqual({ ok: true, saved: 5, bySheet: [{ sheet: "视频会议", rows: 2 }, { sheet: "漏洞通报", rows: 2 }, { sheet: "加重扣分", rows: 1 }] });

    const venue = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: MINGXI, itemCode: VENUE, source: "review" } } });
    expect((venue.payload as { value: { events: { kind: string; count: number; date: string }[] } }).value.events.map((e) => `${e.date} ${e.kind}×${e.count}`)).toEqual([
      "2017-10-12 hcwt×2",
      "2017-11-03 hcwt×1",
      "2017-11-03 jlwt×2",
    ]);
    const { scoreStoredItem } = await import("@/lib/review/review");
    const { requireContext } = await import("@/lib/assessment/facts");
    const ctx = await requireContext(editionId);
    expect((await scoreStoredItem(ctx, MINGXI, VENUE)).score?.exact).toBe("1.75"); // 2 − 5 × 0.05, one pool
    const vuln = await scoreStoredItem(ctx, QINGLIU, VULN);
    expect(vuln.score?.exact).toBe("1"); // 4 − 2 notices − 1 late fix
    expect(vuln.trace.join("\n")).toMatch(/19 天/);

    // one audit row per write (the second meeting row records two kinds: two writes), plus the file
    const audit = await db.prisma.auditLog.findMany({ where: { editionId, actorId: reviewer.id, id: { gt: 0 } }, orderBy: { id: "asc" }, select: { action: true, unitCode: true, reason: true, ip: true } });
    const fresh = audit.slice(before.audit);
    expect(fresh.map((a) => a.action)).toEqual(["review.monitoring", "review.monitoring", "review.monitoring", "review.monitoring", "review.monitoring", "review.post_penalty", "review.import"]);
    expect(fresh.every((a) => a.ip === "10.0.0.8")).toBe(true);
    expect(fresh[1].reason).toMatch(/会场\/秩序问题 1 次；11月例会（批量导入 十月监测\.xlsx · 视频会议 第 3 行）/);
    expect(fresh[5]).toMatchObject({ unitCode: "dept-jyj", reason: expect.stringMatching(/^网站信息失实，被媒体曝光/) });
    expect((await state()).penalties).toBe(before.penalties + 1);
  });

  it("refuses what is not an xlsx before reading it", async () => {
    await expect(imp.importFindingsFromXlsx(reviewer, "10.0.0.8", new TextEncoder().encode("单位,日期\n"), "a.csv")).rejects.toThrow(/只支持 Excel（.xlsx）文件/);
    await expect(imp.importFindingsFromXlsx(reviewer, "10.0.0.8", new Uint8Array(), "a.xlsx")).rejects.toThrow(/请选择/);
    await expect(imp.importFindingsFromXlsx(reviewer, "10.0.0.8", await fill({}), "empty.xlsx")).rejects.toThrow(/没有可导入的数据行/);
  });
});

describe("findings from the monitoring forms (one finding per save)", () => {
  const apply = async (finding: unknown) => imp.applyFindings(reviewer, "10.0.0.9", { editionId, findings: [imp.ZFinding.parse(finding)] });
  const scoreOf = (out: Awaited<ReturnType<typeof apply>>, item: string) => out.find((o) => o.itemCode === item)?.result?.score?.exact;

  it("records a county's missing HD rooms, conditions and staff as three items", async () => {
    const out = await apply({ type: "rooms", unitCode: QINGLIU, rooms: 2, conditions: 3, staffing: true });
    expect(scoreOf(out, "p1.xxh.sphy.hyspb")).toBe("0.9"); // 1 − 2 × 0.05
    expect(scoreOf(out, "p1.xxh.sphy.hystj")).toBe("1.7"); // 2 − 3 × 0.1
    expect(scoreOf(out, "p1.xxh.sphy.ryzb")).toBe("1.5"); // 2 − 0.5
  });

  it("keeps the worst website notice level, and replaces 动态信息 with its counts per column", async () => {
    expect(scoreOf(await apply({ type: "website", unitCode: "dept-jyj", level: "shi", date: "2017-06-01" }), "p2.bmwz")).toBe("10");
    expect(scoreOf(await apply({ type: "website", unitCode: "dept-jyj", level: "shi" }), "p2.bmwz")).toBe("10"); // repeats do not stack
    expect(scoreOf(await apply({ type: "website", unitCode: "dept-jyj", level: "sheng" }), "p2.bmwz")).toBe("0");
    const out = await apply({
      type: "posts",
      unitCode: "dept-jyj",
      columns: [
        { column: "zwgk.gsgg", monthly: Array(12).fill(4) },
        { column: "zwgk.zyhy", monthly: [...Array(11).fill(4), 3] },
      ],
    });
    // R8.columns = total: 8 × 11 months and 7 in December → 95 / 12 ≈ 7.92 a month: the ≥ 6 tier
    expect(scoreOf(out, "p2.zwgk.dtxx")).toBe("12");
    const fact = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: "dept-jyj", itemCode: "p2.zwgk.dtxx", source: "review" } } });
    expect(fact.payload).toMatchObject({ value: { columns: [{ column: "zwgk.gsgg", monthly: Array(12).fill(4) }, { column: "zwgk.zyhy", monthly: [...Array(11).fill(4), 3] }] }, note: expect.stringMatching(/公示公告：1月 4/) });
  });

  it("refuses what the unit is not assessed on, with the field it concerns, and saves nothing", async () => {
    await expect(apply({ type: "website", unitCode: QINGLIU, level: "shi" })).rejects.toMatchObject({ problems: [{ field: "unitCode", message: expect.stringMatching(/清流县不参加/) }] });
    await expect(apply({ type: "posts", unitCode: "dept-jyj", columns: [{ column: "no-such", monthly: Array(12).fill(1) }] })).rejects.toMatchObject({ problems: [{ field: "column" }] });
    await expect(apply({ type: "meeting", unitCode: MINGXI, date: "2017-10-12", rollcall: 0, venue: 0, discipline: 0 })).rejects.toMatchObject({ problems: [{ field: "rollcall" }] });
  });
});

