// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The Excel exports print well from an office suite (issue 18, item 21): each export is
// converted to PDF with LibreOffice headless (one soffice run for all files) and read back
// with pdftotext. Every printed page carries the sheet's header row and "第 x 页 / 共 y 页";
// the wide results table fits the page width (so its last column is on every page); the
// offline form's rows are as tall as their text, not taller.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";
import { convertToPdf, pdfText, SOFFICE } from "../support/libreoffice";

// In CI the converter must be there; elsewhere the test says why it did not run.
const run = SOFFICE || process.env.CI ? describe : describe.skip;
if (!SOFFICE && !process.env.CI) console.warn("xlsx-print: LibreOffice (soffice) is not installed: skipping the print checks (apt-get install libreoffice-calc)");

let fresh: { url: string }; // this file's own database (tests/setup/worker-db.ts)
let db: Db;
let dir: string;
/** file → its PDF's pages as text (whitespace removed: pdftotext spaces CJK text unevenly) */
const printed = new Map<string, string[]>();

const leader: SessionUser = { id: 1, username: "leader", displayName: "市领导", roles: ["leader"], unitCode: null, unitName: null, mustChangePassword: false };

beforeAll(async () => {
  if (!SOFFICE) {
    if (process.env.CI) throw new Error("soffice (libreoffice-calc) is required in CI");
    return;
  }
  fresh = { url: inject("databaseUrl") };
  db = createDb(fresh.url, 2);
  process.env.DATABASE_URL = fresh.url;
  const { applyDemoData } = await import("@/lib/demo/apply");
  expect((await applyDemoData()).status).toBe("loaded");
  const guard = await import("@/lib/auth/guard");
  const results = await import("@/app/api/exports/results/route");
  const scorecard = await import("@/app/api/exports/scorecards/[unitCode]/route");
  const { exportOfflineForm } = await import("@/lib/offline-form/service");
  const edition = await db.prisma.edition.findFirstOrThrow({ where: { current: true } });

  dir = mkdtempSync(path.join(os.tmpdir(), "egov-xlsx-print-"));
  const get = (mod: { GET: unknown }, url: string, params: Record<string, string> = {}) =>
    guard.runAs(leader, () => (mod.GET as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(new Request(url), { params: Promise.resolve(params) }));
  const files: Record<string, Buffer> = {
    "results.xlsx": Buffer.from(await (await get(results, "http://localhost/api/exports/results")).arrayBuffer()),
    "scorecard.xlsx": Buffer.from(await (await get(scorecard, "http://localhost/api/exports/scorecards/dept-szb", { unitCode: "dept-szb" })).arrayBuffer()),
    "offline.xlsx": (await exportOfflineForm(edition.id, "county-sanyuan")).bytes,
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);

  // one LibreOffice start for all files
  convertToPdf(Object.keys(files).map((f) => path.join(dir, f)), dir, 120_000);
  for (const name of Object.keys(files)) {
    const pdf = path.join(dir, name.replace(/\.xlsx$/, ".pdf"));
    const text = pdfText(pdf);
    printed.set(name, text.split("\f").filter((p) => p.trim() !== "").map((p) => p.replace(/\s+/g, "")));
    writeFileSync(path.join(dir, name + ".txt"), text);
  }
}, 300_000);

afterAll(async () => {
  await db?.close();
  if (dir && !process.env.KEEP_PRINT_FILES) rmSync(dir, { recursive: true, force: true });
});

/** The pages of one sheet (the header carries the sheet's name). */
const pagesOf = (file: string, sheet: string) => printed.get(file)!.filter((p) => p.includes(`工作表：${sheet}`));

function numbered(pages: string[]) {
  pages.forEach((p, i) => expect(p, `page ${i + 1}`).toMatch(/第\d+页\/共\d+页/));
}

run("Excel exports printed with LibreOffice", () => {
  it("results: 考核结果 prints four pages across, every page repeats the header rows and the unit columns, pages are numbered", () => {
    const all = printed.get("results.xlsx")!;
    numbered(all);
    const sheet = pagesOf("results.xlsx", "考核结果");
    expect(sheet.length).toBeGreaterThanOrEqual(4);
    expect(sheet.length).toBeLessThanOrEqual(8); // 40 units, 84 columns: 4 across, at most 2 down
    for (const [i, p] of sheet.entries()) {
      expect(p, `考核结果 page ${i + 1}: unit columns`).toContain("单位代码");
      expect(p, `考核结果 page ${i + 1}: header rows`).toMatch(/自评审核/);
    }
    expect(sheet.some((p) => p.includes("结果状态"))).toBe(true);
    const ranks = pagesOf("results.xlsx", "排名");
    expect(ranks.length).toBeGreaterThan(0);
    for (const [i, p] of ranks.entries()) expect(p, `排名 page ${i + 1}`).toContain("完成度");
    expect(all.length).toBeLessThanOrEqual(12);
  });

  it("scorecard: every page repeats the items' header row, columns fit the width", () => {
    const pages = printed.get("scorecard.xlsx")!;
    numbered(pages);
    for (const [i, p] of pages.entries()) {
      expect(p, `page ${i + 1}`).toContain("记分卡");
      expect(p, `page ${i + 1}: first column`).toContain("指标代码");
      expect(p, `page ${i + 1}: last column`).toContain("计分说明");
    }
  });

  it("offline form: every page repeats the column headers; rows are as tall as their text", () => {
    const pages = printed.get("offline.xlsx")!;
    numbered(pages);
    for (const [i, p] of pages.entries()) {
      expect(p, `page ${i + 1}`).toContain("计分规则");
      expect(p, `page ${i + 1}`).toContain("整改日期");
    }
    // 三元区's two parts on landscape pages with rows as tall as their text: 3 pages (12,
    // columns split and rows three times too tall, before page setup and row heights)
    expect(pages.length).toBeLessThanOrEqual(5);
  });
});
