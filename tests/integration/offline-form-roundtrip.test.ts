// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The offline xlsx form against real PostgreSQL: download → fill → upload saves the values;
// a file with 3 bad cells is refused with exactly 3 errors and nothing saved; conflicts,
// locks, foreign and broken files are reported in words.
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";

const UNIT = "dept-szb";
let db: Db;
let dataDir: string;
let editionId: number;
let runAs: typeof import("@/lib/auth/guard").runAs;
let route: typeof import("@/app/api/offline-form/route");
let saveSelfFact: typeof import("@/lib/assessment/facts").saveSelfFact;
let filler: SessionUser;
let otherFiller: SessionUser;
let reviewer: SessionUser;

const noParams = { params: Promise.resolve({}) };
const url = (unit = UNIT) => `http://localhost/api/offline-form?editionId=${editionId}&unitCode=${unit}`;

async function download(user: SessionUser = filler): Promise<Response> {
  return runAs(user, () => route.GET(new Request(url()), noParams));
}

async function downloadBook(): Promise<ExcelJS.Workbook> {
  const res = await download();
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return wb;
}

type Upload = { status: number; body: { error?: string; errors?: { sheet: string; row: number; column: string; item: string; message: string }[]; saved?: { item: string }[]; unchanged?: number; conflicts?: { item: string; message: string }[] } };

async function upload(bytes: Uint8Array | Buffer, user: SessionUser = filler): Promise<Upload> {
  const res = await runAs(user, () => route.POST(new Request(url(), { method: "POST", body: new Uint8Array(bytes), headers: { "content-type": "application/octet-stream" } }), noParams));
  return { status: res.status, body: (await res.json()) as Upload["body"] };
}

/** Where an item's field sits, from the hidden _meta sheet. */
function cellOf(wb: ExcelJS.Workbook, item: string, field: string, col = "G"): ExcelJS.Cell {
  const meta = wb.getWorksheet("_meta")!;
  for (let r = 7; r <= meta.rowCount; r++) {
    const row = meta.getRow(r);
    if (row.getCell(3).value === item && row.getCell(4).value === field) {
      return wb.getWorksheet(String(row.getCell(1).value))!.getCell(`${col}${row.getCell(2).value}`);
    }
  }
  throw new Error(`no row for ${item} ${field}`);
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function selfPayload(unit: string, item: string) {
  return (await db.prisma.itemFact.findUnique({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: unit, itemCode: item, source: "self" } } }))?.payload;
}

async function setPeriod(deadline: Date) {
  const opensAt = new Date(Date.now() - 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
}
const open = () => setPeriod(new Date(Date.now() + 30 * 86_400_000));

beforeAll(async () => {
  const dbUrl = inject("databaseUrl");
  process.env.DATABASE_URL = dbUrl;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-offline-"));
  process.env.DATA_DIR = dataDir;
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(dbUrl, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  await open();
  await db.prisma.unitSubmission.deleteMany({ where: { editionId, unitCode: UNIT } });
  await db.prisma.itemFact.deleteMany({ where: { editionId, unitCode: { in: [UNIT, "city"] } } });

  const mk = async (username: string, displayName: string, roles: ("filler" | "reviewer")[], unitCode: string | null): Promise<SessionUser> => {
    const u = await db.prisma.user.upsert({ where: { username }, create: { username, displayName, passwordHash: "x", roles, unitCode, mustChangePassword: false }, update: {} });
    return { id: u.id, username, displayName, roles, unitCode, unitName: null, mustChangePassword: false };
  };
  filler = await mk("off-filler", "数字办填报员", ["filler"], UNIT);
  otherFiller = await mk("off-other", "三元区填报员", ["filler"], "county-sanyuan");
  reviewer = await mk("off-reviewer", "审核员", ["reviewer"], null);

  runAs = (await import("@/lib/auth/guard")).runAs;
  route = await import("@/app/api/offline-form/route");
  saveSelfFact = (await import("@/lib/assessment/facts")).saveSelfFact;
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("offline form download", () => {
  it("gives the unit's 填报员 an xlsx laid out per part, with codes in a hidden sheet", async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("离线填报表-市数字办-2017.xlsx")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["综合应用部分", "visible"],
      ["政府网站建设部分", "visible"],
      ["_lists", "veryHidden"],
      ["_meta", "veryHidden"],
    ]);
    const ws = wb.getWorksheet("综合应用部分")!;
    expect(["A", "B", "C", "D", "E", "F", "G"].map((c) => ws.getCell(`${c}3`).value)).toEqual(["一级指标", "二级指标", "指标", "分值", "计分规则", "填报项", "填报内容"]);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const yes = cellOf(wb, "p1.xxh.sjzx", "yes");
    expect(yes.protection?.locked).toBe(false);
    expect(yes.dataValidation?.formulae).toEqual(['"是,否"']);
    expect(ws.getCell(`E${yes.row}`).value).toMatch(/得10分/);
    // a city-level item this unit only cooperates on is shown but locked
    expect(cellOf(wb, "p1.xxh.xypt.bsfg", "numerator").protection?.locked).not.toBe(false);
  });

  it("is refused to another unit's 填报员 and to reviewers (self:read is own unit only)", async () => {
    expect((await download(otherFiller)).status).toBe(403);
    expect((await download(reviewer)).status).toBe(403);
  });
});

describe("offline form upload", () => {
  it("refuses a file with 3 bad cells with exactly 3 errors, and saves nothing", async () => {
    const wb = await downloadBook();
    cellOf(wb, "p2.zwgk.dtxx", "monthly.2").value = "十二条"; // not a number
    cellOf(wb, "p2.zwgk.dtxx", "monthly.0").value = 10; // valid, but must not be saved either
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "G").value = "漏洞被省网络与信息安全信息通报中心通报";
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "I").value = "2017-03-10";
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "J").value = "2017-03-01"; // fixed before it was notified
    cellOf(wb, "p1.zy.mlbz", "numerator").value = 30; // more than the denominator
    cellOf(wb, "p1.zy.mlbz", "denominator").value = 20;
    cellOf(wb, "p1.xxh.sjzx", "yes").value = "是"; // valid
    const before = await db.prisma.itemFact.count();
    const r = await upload(await bytesOf(wb));
    expect(r.status).toBe(422);
    expect(r.body.error).toBe("发现 3 处错误，未保存任何内容。请按错误报告修改后重新上传。");
    expect(r.body.errors).toHaveLength(3);
    const byItem = Object.fromEntries(r.body.errors!.map((e) => [e.item, e]));
    expect(byItem["p2.zwgk.dtxx"]).toMatchObject({ sheet: "政府网站建设部分", column: "G", row: cellOf(wb, "p2.zwgk.dtxx", "monthly.2").row });
    expect(byItem["p2.zwgk.dtxx"].message).toContain("应为不小于 0 的数字");
    expect(byItem["p1.aq.xtaq.ld"]).toMatchObject({ column: "J", message: "整改日期 2017-03-01 早于通报日期 2017-03-10" });
    expect(byItem["p1.zy.mlbz"]).toMatchObject({ sheet: "综合应用部分", row: cellOf(wb, "p1.zy.mlbz", "numerator").row, message: "分子 30 大于分母 20" });
    expect(await db.prisma.itemFact.count()).toBe(before);
  });

  it("saves a filled-in download (round trip), and the next download shows the values", async () => {
    const wb = await downloadBook();
    [10, 9, 8, 8, 7, 9, 10, 11, 12, 6, 8, 9].forEach((n, m) => (cellOf(wb, "p2.zwgk.dtxx", `monthly.${m}`).value = n));
    cellOf(wb, "p2.zwgk.zdxx", "note").value = "重点信息已全部公开"; // a rating item: the unit adds a note, not a score
    cellOf(wb, "p1.zy.mlbz", "numerator").value = 20;
    cellOf(wb, "p1.zy.mlbz", "denominator").value = 25;
    cellOf(wb, "p1.xxh.sjzx", "yes").value = "是";
    cellOf(wb, "p1.xxh.sjzx", "reference").value = "明政办〔2017〕12号";
    cellOf(wb, "p1.xxh.sjzx", "date").value = "2017-05-02";
    cellOf(wb, "p1.aq.xtaq.ld", "hasEvents").value = "有";
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "G").value = "漏洞被省网络与信息安全信息通报中心通报";
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "I").value = "2017-03-01";
    cellOf(wb, "p1.aq.xtaq.ld", "events.0", "J").value = "2017-03-10";
    cellOf(wb, "p2.hdlm.zxft", "level.zz").value = "是";
    cellOf(wb, "p2.hdlm.zxft", "level.fz").value = "否";
    cellOf(wb, "p2.hdlm.zxft", "mod.sjft").value = "是";
    cellOf(wb, "p2.hdlm.zxft", "mod.sjft.reason").value = "参加市政府新闻发布会";
    cellOf(wb, "p1.xxh.ggpt.wlw", "hasItems").value = "有";
    cellOf(wb, "p1.xxh.ggpt.wlw", "items.0").value = "视频共享平台";
    cellOf(wb, "p1.xxh.ggpt.wlw", "items.1").value = "位置服务平台";
    cellOf(wb, "p2.ztzl", "na").value = "是";
    cellOf(wb, "p2.ztzl", "na.reason").value = "本年度未承担专题";

    // other test files sharing this database also save for this unit: count this upload's rows
    const savesBefore = await db.prisma.auditLog.count({ where: { action: "fact.self.save", unitCode: UNIT } });
    const r = await upload(await bytesOf(wb));
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.conflicts).toEqual([]);
    expect(r.body.saved!.map((s) => s.item).sort()).toEqual(["p1.aq.xtaq.ld", "p1.xxh.ggpt.wlw", "p1.xxh.sjzx", "p1.zy.mlbz", "p2.hdlm.zxft", "p2.ztzl", "p2.zwgk.dtxx", "p2.zwgk.zdxx"]);

    expect(await selfPayload(UNIT, "p2.zwgk.dtxx")).toEqual({ value: { monthly: ["10", "9", "8", "8", "7", "9", "10", "11", "12", "6", "8", "9"] } });
    expect(await selfPayload(UNIT, "p2.zwgk.zdxx")).toEqual({ note: "重点信息已全部公开" });
    expect(await selfPayload("city", "p1.zy.mlbz")).toEqual({ value: { numerator: 20, denominator: 25 } });
    expect(await selfPayload("city", "p1.xxh.sjzx")).toEqual({ value: { yes: true, reference: "明政办〔2017〕12号", date: "2017-05-02" } });
    expect(await selfPayload(UNIT, "p1.aq.xtaq.ld")).toEqual({ value: { events: [{ kind: "tb", date: "2017-03-01", fixedDate: "2017-03-10" }] } });
    expect(await selfPayload(UNIT, "p2.hdlm.zxft")).toEqual({ value: { levels: ["zz"] }, modifiers: [{ code: "sjft", reason: "参加市政府新闻发布会" }] });
    expect(await selfPayload("city", "p1.xxh.ggpt.wlw")).toEqual({ value: { items: ["视频共享平台", "位置服务平台"] } });
    expect(await selfPayload(UNIT, "p2.ztzl")).toEqual({ notApplicable: { reason: "本年度未承担专题" } });
    expect(await db.prisma.auditLog.count({ where: { action: "fact.self.save", unitCode: UNIT } })).toBe(savesBefore + 8);

    // the next download is pre-filled; uploading it unchanged saves nothing
    const again = await downloadBook();
    expect(cellOf(again, "p2.zwgk.dtxx", "monthly.11").value).toBe(9);
    expect(cellOf(again, "p1.aq.xtaq.ld", "events.0", "G").value).toBe("漏洞被省网络与信息安全信息通报中心通报");
    expect(cellOf(again, "p2.hdlm.zxft", "level.qt").value).toBe("否");
    const same = await upload(await bytesOf(again));
    expect(same.body).toMatchObject({ saved: [], conflicts: [] });
    expect(same.body.unchanged).toBeGreaterThanOrEqual(8);
  });

  it("reports an item changed online since the download as a conflict, and saves the rest", async () => {
    const wb = await downloadBook();
    cellOf(wb, "p2.zwgk.dtxx", "monthly.0").value = 20;
    cellOf(wb, "p2.hdlm.zsk", "yes").value = "是";
    const current = await db.prisma.itemFact.findUniqueOrThrow({ where: { editionId_unitCode_itemCode_source: { editionId, unitCode: UNIT, itemCode: "p2.zwgk.dtxx", source: "self" } } });
    const monthly = ["15", "9", "8", "8", "7", "9", "10", "11", "12", "6", "8", "9"];
    const online = await saveSelfFact(filler, "127.0.0.1", { editionId, unitCode: UNIT, itemCode: "p2.zwgk.dtxx", payload: { value: { monthly } }, expectedVersion: current.version });
    expect(online.status).toBe("saved");
    const r = await upload(await bytesOf(wb));
    expect(r.status).toBe(200);
    expect(r.body.saved!.map((s) => s.item)).toEqual(["p2.hdlm.zsk"]);
    expect(r.body.conflicts!.map((c) => c.item)).toEqual(["p2.zwgk.dtxx"]);
    expect(r.body.conflicts![0].message).toMatch(/已被数字办填报员在系统中修改，未保存/);
    expect(await selfPayload(UNIT, "p2.zwgk.dtxx")).toEqual({ value: { monthly } });
  });

  it("refuses an edited layout, another unit's file, non-xlsx, truncated and oversized files in words", async () => {
    const wb = await downloadBook();
    const label = cellOf(wb, "p2.zwgk.dtxx", "monthly.4", "F");
    wb.getWorksheet(label.worksheet.name)!.getCell(label.address).value = "改过的";
    const edited = await upload(await bytesOf(wb));
    expect(edited.status).toBe(422);
    expect(edited.body.errors).toEqual([expect.objectContaining({ column: "F", message: expect.stringMatching(/^表格结构已被改动/) })]);

    const foreign = await downloadBook();
    foreign.getWorksheet("_meta")!.getCell("B3").value = "county-sanyuan";
    expect(await upload(await bytesOf(foreign))).toEqual({ status: 400, body: { error: expect.stringMatching(/^这份离线填报表属于其他单位/) } });

    expect(await upload(Buffer.from("%PDF-1.4\n%…"))).toEqual({ status: 400, body: { error: expect.stringMatching(/^只能上传 Excel 工作簿/) } });
    const whole = await bytesOf(await downloadBook());
    expect(await upload(whole.subarray(0, whole.length - 200))).toEqual({ status: 400, body: { error: expect.stringMatching(/^文件已损坏或不完整/) } });
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5 * 1024 * 1024)]);
    expect(await upload(big)).toEqual({ status: 413, body: { error: expect.stringContaining("5 MB") } });
  });

  it("is refused to another unit's 填报员, and while the form is locked (423 with the reason)", async () => {
    const bytes = await bytesOf(await downloadBook());
    expect((await upload(bytes, otherFiller)).status).toBe(403);
    await setPeriod(new Date(Date.now() - 3_600_000));
    try {
      const r = await upload(bytes);
      expect(r.status).toBe(423);
      expect(r.body.error).toMatch(/^已过填报截止时间/);
    } finally {
      await open();
    }
  });
});
