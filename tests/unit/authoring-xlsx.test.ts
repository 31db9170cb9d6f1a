import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportEditionXlsx, formatSheetIssue, importEditionXlsx, responsibleFromCell, responsibleToCell } from "@/lib/authoring/xlsx";
import { loadEditionOrThrow } from "@/lib/rules/load";

const edition = loadEditionOrThrow("rules/sanming-2017");

async function edit(bytes: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("edition xlsx export/import", () => {
  it("export 2017 → import gives an edition structurally equal to the original", async () => {
    const bytes = await exportEditionXlsx(edition);
    const r = await importEditionXlsx(bytes);
    if (!r.ok) throw new Error(r.errors.map(formatSheetIssue).join("\n"));
    expect(r.edition).toEqual(edition);
  });

  it("has the seed's columns: one sheet per part, the 分解表 and the units", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportEditionXlsx(edition)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["版本", ...edition.parts.map((p) => p.name), "网站栏目分解表", "单位", "集合单位"]);
    const header = (wb.getWorksheet(edition.parts[0].name)!.getRow(1).values as string[]).filter(Boolean);
    for (const h of ["考核内容", "考核要求", "考核说明", "评分标准", "考核方式", "责任单位"]) expect(header).toContain(h);
  });

  it("bad rows come back as a row-by-row Chinese report and no edition", async () => {
    const bytes = await edit(await exportEditionXlsx(edition), (wb) => {
      const ws = wb.getWorksheet(edition.parts[0].name)!;
      ws.getRow(3).getCell(5).value = "三分"; // 分值
      ws.getRow(4).getCell(10).value = "电话抽查"; // 考核方式
      ws.getRow(5).getCell(11).value = "市数字办"; // 责任单位 without 牵头/配合
      ws.getRow(6).getCell(13).value = "{not json"; // 计分规则
    });
    const r = await importEditionXlsx(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.errors.map(formatSheetIssue);
    expect(lines).toEqual([
      expect.stringMatching(/^工作表“综合应用部分”第3行“分值”列：分值应为非负数/),
      expect.stringMatching(/^工作表“综合应用部分”第4行“考核方式”列：考核方式“电话抽查”不认识/),
      expect.stringMatching(/^工作表“综合应用部分”第5行“责任单位”列：责任单位“市数字办”应写成/),
      expect.stringMatching(/^工作表“综合应用部分”第6行“计分规则（JSON）”列：不是有效的 JSON/),
    ]);
  });

  it("a validator finding (points above the parent's) is put on the row of the item", async () => {
    const bytes = await edit(await exportEditionXlsx(edition), (wb) => {
      wb.getWorksheet(edition.parts[0].name)!.getRow(3).getCell(5).value = 99;
    });
    const r = await importEditionXlsx(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatSheetIssue).join("\n")).toMatch(/工作表“综合应用部分”第3行：.*超过/);
  });

  it("not an xlsx: refused by the upload guard with its Chinese message", async () => {
    const r = await importEditionXlsx(Buffer.from("id: x\n"));
    expect(r).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining(".xlsx") }] });
  });

  it("responsible cells round-trip with roles, inferred marks and notes", () => {
    const list = [
      { unit: "数字办", role: "lead" as const, inferred: false, note: "数字办牵头汇总" },
      { unit: "市直各部门", role: "cooperate" as const, inferred: true },
    ];
    expect(responsibleFromCell(responsibleToCell(list))).toEqual({ ok: true, value: list });
  });
});
