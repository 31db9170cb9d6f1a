// 历年对比 end to end on the production build: a leader opens 市卫健委's 记分卡 (市卫计委 in
// 2017, the same code) and reads its scores across editions in the table; the line chart is
// drawn beside it (a reviewed fact in each year, so both years have a result); the same table
// is reachable from 排名看板; both fit a 390 px screen. (An edition without results, 无结果:
// tests/integration/history.test.ts.)
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { withDb } from "./support/db";

test.describe.configure({ mode: "serial" });

const UNIT = "dept-wjw";

test.beforeAll(async () => {
  await withDb(async (c) => {
    const id = async (key: string) => (await c.query(`SELECT id FROM edition WHERE key = $1 AND current AND status = 'published'`, [key])).rows[0].id as number;
    const [y2017, y2018] = [await id("sanming-2017"), await id("sanming-2018")];
    // a reviewed 动态信息 for 2017 (8 posts a month → 15 of 15), so 2017 has a result for the unit
    await c.query(
      `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, updated_at)
       VALUES ($1, $2, 'p2.zwgk.dtxx', 'review', $3, 'reviewed', now()) ON CONFLICT DO NOTHING`,
      [y2017, UNIT, JSON.stringify({ value: { monthly: Array(12).fill(8) } })],
    );
    // and a reviewed 动态信息 for 2018 (10 a month → 15 of 15), so both years have a result and a line to draw
    await c.query(
      `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, updated_at)
       VALUES ($1, $2, 'p2.zwgk.dtxx', 'review', $3, 'reviewed', now()) ON CONFLICT DO NOTHING`,
      [y2018, UNIT, JSON.stringify({ value: { monthly: Array(12).fill(10) } })],
    );
  });
});

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

async function checkTable(page: Page) {
  const table = page.getByTestId("history-table");
  await expect(table).toBeVisible();
  const r2017 = table.locator('[data-testid="history-row"][data-year="2017"]');
  const r2018 = table.locator('[data-testid="history-row"][data-year="2018"]');
  await expect(r2017).toContainText("市卫计委"); // the name of its time
  await expect(r2017.getByTestId("history-score")).toHaveText(/^\d+(\.\d{1,2})?$/);
  await expect(r2017.getByTestId("history-rank")).toHaveText(/^\d+ \/ \d+$/);
  await expect(r2018).toContainText("市卫健委");
  await expect(r2018.getByTestId("history-score")).toHaveText(/^\d+(\.\d{1,2})?$/);
  await expect(r2018.getByTestId("history-rank")).toHaveText(/^\d+ \/ \d+$/);
  await expect(page.getByTestId("unit-history")).toContainText("曾用名：市卫计委");
}

test("the 记分卡 shows the unit's scores and ranks across editions as a table", async ({ page }) => {
  await signIn(page, "leader");
  await page.goto(`/scorecards/${UNIT}`);
  await checkTable(page);
  // the line chart: labelled as an image (the table holds its numbers), with a line per series
  const chart = page.getByTestId("history-chart");
  await expect(chart).toHaveAttribute("role", "img");
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(2);
  await shot(page, "scorecard-history");
});

test("排名看板 links to 历年对比, which shows the same table for a chosen unit", async ({ page }) => {
  await signIn(page, "leader");
  await page.goto("/dashboard");
  await page.getByTestId("history-link").click();
  await expect(page).toHaveURL(/\/dashboard\/history/);
  await page.getByLabel("单位").selectOption(UNIT);
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`unit=${UNIT}`));
  await checkTable(page);
});

test("历年对比 fits a 390 px screen (the table scrolls inside its own box)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "leader");
  for (const url of [`/scorecards/${UNIT}`, `/dashboard/history?unit=${UNIT}`]) {
    await page.goto(url);
    await expect(page.getByTestId("history-table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
  await shot(page, "history-390");
});
