// 公文: a reviewer downloads the 考核结果通报 and a unit's 整改通知 as Word files; the print
// page of the bulletin prints to PDF in Chromium with its title and ranking headings.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { signIn } from "./support/auth";

test("document downloads (.docx) and the bulletin's print page as PDF", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "reviewer");
  await page.goto("/documents");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("bulletin-docx").click()]);
  expect(download.suggestedFilename()).toMatch(/^考核结果通报-\d{4}-\d{2}-\d{2}\.docx$/);
  const file = readFileSync(await download.path());
  expect(file.subarray(0, 2).toString()).toBe("PK");
  expect(file.length).toBeGreaterThan(5_000);

  const [notice] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Word\s*（三元区）$/ }).click()]);
  expect(notice.suggestedFilename()).toMatch(/^三元区扣分说明及整改通知-.*\.docx$/);

  await page.goto("/documents/bulletin");
  await expect(page.getByTestId("bulletin")).toContainText("结果的通报");
  // the ranking tables as the page shows them: per group, every unit's name in rank order
  const tables = page.getByTestId("bulletin").locator("table");
  await expect(tables).toHaveCount(2);
  const ranked = await Promise.all([0, 1].map((i) => tables.nth(i).locator("tbody tr td:nth-child(2)").allTextContents()));
  expect(ranked[0].length).toBe(32);
  expect(ranked[1].length).toBe(12);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  const out = test.info().outputPath("bulletin.pdf");
  writeFileSync(out, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", out, test.info().outputPath("bulletin-pdf-page")]);
  const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  expect(text).toContain("结果的通报");
  expect(text).toMatch(/〔\d{4}〕号/); // the 文号 placeholder
  expect(text).toContain("平均得分"); // the summary paragraph
  let at = 0;
  for (const [g, names] of [["市直部门", ranked[0]], ["县（市、区）", ranked[1]]] as const) {
    at = text.indexOf(`${g}考核排名`, at);
    expect(at, `${g}考核排名`).toBeGreaterThanOrEqual(0);
    for (const n of names) {
      const i = text.indexOf(n.replace(/\s+/g, ""), at);
      expect(i, `${g}: ${n} in rank order`).toBeGreaterThan(at);
      at = i;
    }
  }
  expect(text).not.toContain("下载Word"); // the buttons do not print
});
