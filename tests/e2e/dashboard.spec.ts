// 排名看板 end to end on demo data: a leader filters to 县（市、区）, clicks the top bar,
// lands on that county's scorecard, exports xlsx and the file's totals and ranks equal the
// page's; screenshots of both pages; axe finds no serious or critical violations.
//
// The demo data finalises part 1, which locks every unit's form, so it must not reach the
// shared e2e database other specs fill in. This spec starts its own server (the same
// production build) on its own copy of the run's demo database (support/demo.ts: generated
// once per run by `npm start`'s own first start with DEMO_DATA=1).
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./support/auth";
import { startDemoApp } from "./support/demo";
import { stopApp, stopStarted, type Server } from "./support/server";

const demo = { url: "", server: undefined as Server | undefined, log: [] as string[] };

const test = base.extend({
  // every page of this spec talks to the demo server
  baseURL: async ({}, provide) => {
    await provide(demo.url);
  },
});
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const app = await startDemoApp("e2e_dash");
  demo.server = app.server;
  demo.url = app.base;
  demo.log.push(app.startOutput);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server-log.txt", { body: (demo.log.join("") + (demo.server?.output() ?? "")).slice(-20_000), contentType: "text/plain" });
  }
});

test.afterAll(async () => {
  if (demo.server) await stopApp(demo.server);
  await stopStarted(); // and anything a timed-out test left
});

async function download(page: Page, testId: string, to: string): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  await file.saveAs(to);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(to);
  return wb;
}

/** The value a page shows for a number: the engine's 2-place display ("87.5", "90"). */
const shown = (n: unknown) => String(Number((n as number).toFixed(2)));

test("a leader filters to counties, opens the top county's scorecard from the chart and exports; the files match the pages", async ({ page }, testInfo) => {
  // a look at a ranking (the workbench's top and bottom five, 排名看板) must not start a
  // server render of every unit's 记分卡 in view
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/scorecards/") && r.headers()["next-router-prefetch"]) prefetched.push(r.url());
  });
  await signIn(page, "leader");
  await page.goto("/");
  await expect(page.getByTestId("wb-rank-department")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched, "scorecards prefetched by the workbench's links").toEqual([]);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "排名看板", level: 1 })).toBeVisible();
  await expect(page.getByTestId("demo-badge")).toBeVisible();
  await expect(page.getByTestId("city-card")).toContainText("全市");
  await expect(page.locator('[data-testid="ranking-chart"] .recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("dashboard.png") });
  await page.screenshot({ path: testInfo.outputPath("dashboard-full.png"), fullPage: true });

  await page.getByTestId("group-county").click();
  await expect(page).toHaveURL(/group=county/);
  await expect(page.getByRole("heading", { name: /县（市、区） · 总分排名/ })).toBeVisible();
  await expect(page.getByTestId("provisional-note")).toBeVisible(); // part 2 is still 暂定

  // what the page says, unit by unit
  const table = page.getByTestId("ranking-table");
  const pageRows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      unit: tr.getAttribute("data-unit")!,
      // columns: 排名, 单位, 得分, 自评得分, 差值, 完成度, 状态
      rank: Number(tr.querySelector("td:nth-child(1)")!.textContent),
      score: tr.querySelector("td:nth-child(3)")!.childNodes[0].textContent!.trim(),
    })),
  );
  expect(pageRows).toHaveLength(12);
  expect(pageRows[0].rank).toBe(1);

  // sorting by keyboard: 得分 ascending puts the last-ranked county first; back to rank order
  const scoreHeader = table.getByRole("button", { name: /得分（审核后）/ });
  await scoreHeader.focus();
  await page.keyboard.press("Enter");
  const scoreTh = table.locator("th").filter({ hasText: "得分（审核后）" });
  await expect(scoreTh).toHaveAttribute("aria-sort", "descending");
  await page.keyboard.press("Enter");
  await expect(scoreTh).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr td:nth-child(3)").first()).toContainText(pageRows[pageRows.length - 1].score);
  await table.getByRole("button", { name: "排名", exact: true }).press("Enter");
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-unit", pageRows[0].unit);
  await table.locator("tbody tr").last().scrollIntoViewIfNeeded(); // every row has been in view
  await page.waitForLoadState("networkidle");
  expect(prefetched, "scorecards prefetched by the dashboard's links").toEqual([]);

  // the full results export: every county's overall score and rank as on the page
  const results = await download(page, "export-results", testInfo.outputPath("results.xlsx"));
  const ws = results.getWorksheet("考核结果")!;
  const headerRows = (ws.views[0] as { ySplit: number }).ySplit;
  const colOf = (part: RegExp, label: string) => {
    for (let c = 1; c <= ws.columnCount; c++) if (part.test(String(ws.getCell(1, c).value)) && ws.getCell(headerRows, c).value === label) return c;
    throw new Error(`no column ${part} ${label}`);
  };
  const [overallCol, rankCol] = [colOf(/^总分/, "总分"), colOf(/^总分/, "组内排名")];
  for (const r of pageRows) {
    const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((i) => ws.getCell(i, 1).value === r.unit)!;
    expect(shown(ws.getCell(row, overallCol).value), r.unit).toBe(r.score);
    expect(ws.getCell(row, rankCol).value, r.unit).toBe(r.rank);
  }

  // click the top bar of the chart → that county's scorecard
  await page.locator('[data-testid="ranking-chart"] .recharts-bar').first().locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(new RegExp(`/scorecards/${pageRows[0].unit}$`));
  const card = page.getByTestId("scorecard");
  await expect(card).toHaveAttribute("data-unit", pageRows[0].unit);
  await expect(page.getByTestId("overall-score")).toContainText(pageRows[0].score);
  await expect(page.getByTestId("overall-score").locator("..")).toContainText("组内第 1 名 / 共 12 个");
  await expect(page.getByTestId("category-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.locator("[data-item]").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("scorecard.png") });
  await page.screenshot({ path: testInfo.outputPath("scorecard-full.png"), fullPage: true });

  // the scorecard export: totals and ranks as on the page
  const partScores = Object.fromEntries(
    await page.locator("[data-part]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-part")!, e.querySelector('[data-testid^="part-score-"]')!.childNodes[0].textContent!.trim()])),
  ) as Record<string, string>;
  const sc = (await download(page, "export-scorecard", testInfo.outputPath("scorecard.xlsx"))).getWorksheet("记分卡")!;
  const rowOf = (label: string) => [...Array(sc.rowCount).keys()].map((i) => i + 1).find((i) => sc.getCell(i, 1).value === label)!;
  expect(shown(sc.getCell(rowOf("总分"), 2).value)).toBe(pageRows[0].score);
  expect(sc.getCell(rowOf("总分"), 7).value).toBe("1/12");
  expect(shown(sc.getCell(rowOf("综合应用部分"), 2).value)).toBe(partScores.p1);
  expect(shown(sc.getCell(rowOf("政府网站建设部分"), 2).value)).toBe(partScores.p2);

  // print layout: A4 report without navigation
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(page.getByRole("button", { name: /打印/ })).toBeHidden();
  await page.pdf({ path: testInfo.outputPath("scorecard.pdf"), format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });

  // an item links to its indicator; evidence opens the unit's evidence page
  await expect(page.locator('[data-item="p1.xxh.sphy.tsdm"] a[href="/indicators#p1.xxh.sphy.tsdm"]')).toBeVisible();
  await page.locator('[data-item="p1.xxh.sphy.tsdm"] a[href*="/evidence"]').first().click();
  await expect(page.getByRole("heading", { name: /佐证材料/ })).toBeVisible();
  await expect(page.getByText("演示数据的占位材料").first()).toBeVisible();
});

test("accessibility: the dashboard and a scorecard have no serious or critical axe violations", async ({ page }) => {
  await signIn(page, "leader");
  for (const url of ["/dashboard?group=county", "/dashboard?part=p2", "/scorecards/county-sanyuan", "/scorecards/city"]) {
    await page.goto(url);
    await expect(page.locator('[data-testid="dashboard"], [data-testid="scorecard"]')).toBeVisible();
    // charts draw after hydration: wait for them (the 全市 card has none)
    if (await page.locator("figure").count()) await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
    // open every 数据表 so the tables are checked too
    for (const d of await page.locator("details[data-chart-table]").all()) await d.locator("summary").click();
    const res = await new AxeBuilder({ page }).analyze();
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    expect(bad, url).toEqual([]);
  }
});
