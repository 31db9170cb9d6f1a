// The edition workbook opens in LibreOffice (headless --convert-to pdf) and prints its
// sheets with the seed's columns: a file Excel/WPS would have to repair would not convert.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportEditionXlsx } from "@/lib/authoring/xlsx";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { convertToPdf, pdfText, SOFFICE } from "../support/libreoffice";

const run = SOFFICE || process.env.CI ? describe : describe.skip;

run("edition xlsx in LibreOffice", () => {
  it("converts to PDF and prints every part, the 分解表 and the units", async () => {
    if (!SOFFICE) throw new Error("soffice (libreoffice-calc) is required in CI");
    const dir = mkdtempSync(path.join(os.tmpdir(), "edition-xlsx-"));
    try {
      const file = path.join(dir, "edition.xlsx");
      writeFileSync(file, await exportEditionXlsx(loadEditionOrThrow("rules/sanming-2017")));
      convertToPdf([file], dir, 120_000);
      const textOut = pdfText(path.join(dir, "edition.pdf")).replace(/\s+/g, "");
      for (const s of ["工作表：综合应用部分", "工作表：网站栏目分解表", "工作表：单位", "考核内容", "评分标准", "责任单位", "市数字办（牵头"]) expect(textOut).toContain(s);
      expect(textOut).toMatch(/第\d+页\/共\d+页/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
