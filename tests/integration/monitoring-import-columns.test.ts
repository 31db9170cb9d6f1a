// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The monitoring import's 动态信息 sheet with per-column rows (issue #14 §3): the reviewer's
// fact keeps the counts per column of the item (`{ columns: [...] }`), so the engine scores
// them by the edition's R8.columns reading; a sheet with only 合计 rows (栏目 left blank)
// still stores one monthly total. Real PostgreSQL, through the xlsx import.
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";
import { importEdition } from "@/lib/rules/import";
import { loadEditionOrThrow } from "@/lib/rules/load";

const POSTS = "p2.zwgk.dtxx";
const TOTAL = "dept-hbj"; // 2017 edition (R8.columns = total)
const PER_COLUMN = "dept-qxj"; // the per-column variant
const MIXED = "dept-nyj";
const TOTALS_ONLY = "dept-tjj";
const VARIANT = "sanming-2017-percol";

let db: Db;
let editionId: number;
let variantId: number;
let reviewer: SessionUser;
let imp: typeof import("@/lib/review/import");
let review: typeof import("@/lib/review/review");
let facts: typeof import("@/lib/assessment/facts");

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  db = createDb(inject("databaseUrl"), 2);
  const e2017 = loadEditionOrThrow("rules/sanming-2017");
  // the same edition, with 动态信息's columns read one by one (R8.columns = per-column)
  await importEdition(db.prisma, { ...e2017, id: VARIANT, name: "2017年度（按栏目分别计月均）", readings: { ...e2017.readings, "R8.columns": "per-column" } });
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true } })).id;
  variantId = (await db.prisma.edition.findFirstOrThrow({ where: { key: VARIANT, current: true } })).id;
  const r = await db.prisma.user.create({ data: { username: "cols-reviewer", displayName: "栏目审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  reviewer = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  imp = await import("@/lib/review/import");
  review = await import("@/lib/review/review");
  facts = await import("@/lib/assessment/facts");
});
afterAll(async () => db.close());
afterEach(() => {
  delete process.env.EDITION;
});

type Row = { 单位: string; 栏目?: string; months: (number | null)[] };

/** The current edition's template with 动态信息 rows written in by header. */
async function postsSheet(rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await imp.buildFindingsTemplate()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet("动态信息")!;
  const at = new Map<string, number>();
  ws.getRow(1).eachCell((c, col) => at.set(String(c.value), col));
  rows.forEach((r, i) => {
    ws.getCell(i + 2, at.get("单位")!).value = r.单位;
    if (r.栏目) ws.getCell(i + 2, at.get("栏目")!).value = r.栏目;
    r.months.forEach((n, m) => {
      if (n !== null) ws.getCell(i + 2, at.get(`${m + 1}月`)!).value = n;
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const twelve = (n: number) => Array<number>(12).fill(n);
const stored = async (edition: number, unitCode: string) =>
  (await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId: edition, unitCode, itemCode: POSTS, source: "review" } } })).payload as { value: unknown; note?: string };
const scoreOf = async (edition: number, unitCode: string) => review.scoreStoredItem(await facts.requireContext(edition), unitCode, POSTS);
const lastReason = async (unitCode: string) => (await db.prisma.auditLog.findFirstOrThrow({ where: { action: "review.monitoring", unitCode, itemCode: POSTS }, orderBy: { id: "desc" } })).reason;

describe("动态信息 per column from the monitoring import", () => {
  it("2017 (R8.columns = total): stores each column's months; 公示公告 10 + 重要会议 2 a month → 144 ÷ 12 = 12 → 15", async () => {
    const file = await postsSheet([
      { 单位: "市环保局", 栏目: "公示公告", months: twelve(10) },
      { 单位: "市环保局", 栏目: "重要会议", months: twelve(2) },
    ]);
    expect(await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", file, "动态信息.xlsx")).toEqual({ ok: true, saved: 1, bySheet: [{ sheet: "动态信息", rows: 1 }] }); // one finding per unit
    const payload = await stored(editionId, TOTAL);
    expect(payload.value).toEqual({ columns: [{ column: "zwgk.gsgg", monthly: twelve(10) }, { column: "zwgk.zyhy", monthly: twelve(2) }] });
    const result = await scoreOf(editionId, TOTAL);
    expect(result.score?.exact).toBe("15");
    expect(result.trace.join("\n")).toContain("合计 144 ÷ 12 个月 = 12（月均，2 个栏目相加）");
    // the breakdown stays readable: in the audit reason and in the reviewer's note
    const reason = await lastReason(TOTAL);
    expect(reason).toContain("公示公告：10/10/10/10/10/10/10/10/10/10/10/10");
    expect(reason).toContain("重要会议：2/2/2/2/2/2/2/2/2/2/2/2");
    expect(payload.note).toMatch(/公示公告：1月 10/);
  });

  it("R8.columns = per-column: the same sheet scores the mean of the columns' monthly averages, (10 + 2) ÷ 2 = 6 → 12", async () => {
    process.env.EDITION = VARIANT;
    const file = await postsSheet([
      { 单位: "市气象局", 栏目: "公示公告", months: twelve(10) },
      { 单位: "市气象局", 栏目: "重要会议", months: twelve(2) },
    ]);
    expect(await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", file, "动态信息.xlsx")).toMatchObject({ ok: true });
    expect((await stored(variantId, PER_COLUMN)).value).toEqual({ columns: [{ column: "zwgk.gsgg", monthly: twelve(10) }, { column: "zwgk.zyhy", monthly: twelve(2) }] });
    const result = await scoreOf(variantId, PER_COLUMN);
    expect(result.score?.exact).toBe("12");
    expect(result.trace.join("\n")).toContain("2 个栏目月均的平均 = 6");
  });

  it("a sheet column under an item column (市级动态 under 政务信息) is stored as the item's column; a month not counted in one column leaves the item not entered", async () => {
    const months = [...twelve(3).slice(0, 11), null];
    const file = await postsSheet([
      { 单位: "市农业局", 栏目: "市级动态", months: twelve(6) },
      { 单位: "市农业局", 栏目: "公示公告", months },
    ]);
    expect(await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", file, "动态信息.xlsx")).toMatchObject({ ok: true });
    expect((await stored(editionId, MIXED)).value).toEqual({ columns: [{ column: "zwgk.zwxx", monthly: twelve(6) }, { column: "zwgk.gsgg", monthly: months }] });
    const result = await scoreOf(editionId, MIXED);
    expect(result.score).toBeNull();
    expect(result.trace.join("\n")).toContain("“公示公告”12月");
  });

  it("only 合计 rows (栏目 blank): one monthly total, summed month by month, as before", async () => {
    const file = await postsSheet([
      { 单位: "市统计局", months: twelve(5) },
      { 单位: "市统计局", months: twelve(2) },
    ]);
    expect(await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", file, "动态信息.xlsx")).toMatchObject({ ok: true });
    expect((await stored(editionId, TOTALS_ONLY)).value).toEqual({ monthly: twelve(7) });
    expect((await scoreOf(editionId, TOTALS_ONLY)).score?.exact).toBe("12"); // 7 a month: ≥ 6, below 8
  });

  it("refuses a 合计 row beside column rows of the same unit, and one column given twice; nothing saved", async () => {
    const before = await db.prisma.auditLog.count();
    const mixed = await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", await postsSheet([
      { 单位: "市审计局", 栏目: "公示公告", months: twelve(5) },
      { 单位: "市审计局", months: twelve(2) },
    ]), "动态信息.xlsx");
    expect(mixed).toEqual({ ok: false, errors: [{ sheet: "动态信息", row: 3, column: "栏目", message: expect.stringMatching(/第 2 行已填写市审计局的栏目行：同一单位不能既填合计行又填栏目行/) }] });
    const twice = await imp.importFindingsFromXlsx(reviewer, "10.0.0.7", await postsSheet([
      { 单位: "市审计局", 栏目: "公示公告", months: twelve(5) },
      { 单位: "市审计局", 栏目: "公示公告", months: twelve(2) },
    ]), "动态信息.xlsx");
    expect(twice).toEqual({ ok: false, errors: [{ sheet: "动态信息", row: 3, column: "栏目", message: expect.stringMatching(/栏目“公示公告”已在第 2 行填写/) }] });
    // the same checks guard findings sent without a sheet (the monitoring form, the API)
    const apply = (columns: { column: string; monthly: number[] }[]) => imp.applyFindings(reviewer, "10.0.0.7", { editionId, findings: [imp.ZFinding.parse({ type: "posts", unitCode: "dept-sjj", columns })] });
    await expect(apply([{ column: "zwgk.gsgg", monthly: twelve(5) }, { column: "zwgk.gsgg", monthly: twelve(2) }])).rejects.toMatchObject({ problems: [{ field: "column", message: expect.stringMatching(/“公示公告”填写了 2 行/) }] });
    await expect(apply([{ column: "zwgk.gsgg", monthly: twelve(5) }, { column: "", monthly: twelve(2) }])).rejects.toMatchObject({ problems: [{ field: "column", message: expect.stringMatching(/既填合计行/) }] });
    expect(await db.prisma.auditLog.count()).toBe(before);
  });
});
