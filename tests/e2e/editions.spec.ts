// Issue 15 in Chromium: an admin copies 2017 to a 2019 draft (2018 is taken by rules/sanming-2018), changes an item's points and
// its rule's parameter, adds an item (refused until it has a responsible unit), saves, sees
// the diff and the 试算 table, and publishes. Publishing makes 2019 the current edition, so
// the spec runs its own server (and database) with the demo data.
import { expect, test } from "@playwright/test";
import { rmSync } from "node:fs";
import { freePort } from "../setup/pg";
import { signIn } from "./support/auth";
import { startApp, stopApp, stopStarted, tmpDir, type Server } from "./support/server";

test.describe.configure({ mode: "serial", timeout: 300_000 });

let app: Server;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = tmpDir("egov-editions-");
  app = await startApp({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: "", DEMO_DATA: "1", WEB_CONCURRENCY: "1" }, undefined, 240_000);
});

test.afterAll(async () => {
  if (app) await stopApp(app);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("admin: 复制为新年度 → edit points, a rule parameter and a new item → diff → 试算 → 发布", async ({ browser }) => {
  const page = await browser.newPage({ baseURL: app.base });
  await signIn(page, "admin");
  await page.goto("/editions");
  const row2017 = page.locator('tr[data-edition="sanming-2017"]');
  await expect(row2017.getByText("进行中")).toBeVisible();
  await row2017.getByRole("button", { name: "复制为新年度" }).click();
  await expect(row2017.getByRole("textbox", { name: "新年度" })).toHaveValue("2018");
  await expect(row2017.getByRole("textbox", { name: /版本代码/ })).toHaveValue("sanming-2018");
  // rules/sanming-2018 (a preview edition) already holds that key: refused next to the field
  await row2017.getByRole("button", { name: "复制为草稿" }).click();
  await expect(row2017.getByText("版本代码“sanming-2018”已被使用，请换一个")).toBeVisible({ timeout: 30_000 });
  await row2017.getByRole("textbox", { name: "新年度" }).fill("2019");
  await row2017.getByRole("textbox", { name: /版本代码/ }).fill("sanming-2019");
  await row2017.getByRole("textbox", { name: "版本名称" }).fill("2019年度三明市电子政务绩效考核");
  await row2017.getByRole("button", { name: "复制为草稿" }).click();
  await expect(page).toHaveURL(/\/editions\/\d+\/edit$/, { timeout: 30_000 });
  const editUrl = page.url();

  // points and a rule parameter of 物联网服务
  const tree = page.getByRole("navigation", { name: "指标树" });
  await tree.getByRole("button", { name: /^物联网服务/ }).click();
  await page.getByLabel("分值", { exact: true }).fill("5");
  await expect(page.getByTestId("error-rule.cap")).toContainText("低于本项分值"); // a warning beside the rule's cap
  await page.getByLabel("cap", { exact: true }).fill("5");
  await expect(page.getByTestId("error-rule.cap")).toHaveCount(0);

  // a new item: an error next to it until it has a responsible unit, and 保存 is disabled
  await page.getByRole("button", { name: "添加同级指标" }).click();
  await page.getByLabel("指标名称").fill("物联网感知平台");
  await expect(page.getByTestId("error-node")).toContainText("没有任何责任单位");
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeDisabled();
  await page.getByRole("button", { name: "添加责任单位" }).click();
  await expect(page.getByTestId("editor-status")).toContainText("有未保存的修改");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId("editor-status")).toContainText("已保存");

  // diff against 2017
  await page.getByRole("link", { name: "查看差异与试算" }).click();
  await expect(page.getByTestId("edition-status")).toHaveText("草稿");
  await expect(page.getByTestId("diff-added")).toContainText("物联网感知平台");
  const changed = page.getByTestId("diff-changed");
  await expect(changed).toContainText("分值：4 → 5");
  await expect(changed).toContainText("计分规则参数 cap：4 → 5");
  await expect(page.getByTestId("diff-edition")).toContainText("年度：2017 → 2019");
  await page.screenshot({ path: "test-results/editions-diff.png", fullPage: true });

  // 试算 with 2017's demo facts
  await page.getByRole("link", { name: /^试算/ }).click();
  const table = page.getByRole("table", { name: /各单位总分与排名/ });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table.locator('tr[data-unit="county-sanyuan"] td').nth(2)).not.toHaveText("—");
  await expect(page.getByTestId("unmapped-items")).toContainText("物联网感知平台");
  await expect(page.getByTestId("unmapped-items")).toContainText("新增指标，无对应数据");
  await page.screenshot({ path: "test-results/editions-preview.png", fullPage: true });

  // 发布
  await page.goBack();
  await page.getByRole("button", { name: "发布" }).click();
  await page.getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByTestId("edition-status")).toHaveText("已发布", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "发布" })).toHaveCount(0);
  await page.goto(editUrl);
  await expect(page.getByText("该版本已发布，内容不能修改")).toBeVisible();
  await page.goto("/editions");
  await expect(page.locator('tr[data-edition="sanming-2019"]')).toContainText("当前使用");
  await page.close();
});

test("reviewer sees the editions read-only; leader sees 口径敏感性; a filler is refused both", async ({ browser }) => {
  const reviewer = await browser.newPage({ baseURL: app.base });
  await signIn(reviewer, "reviewer");
  await reviewer.goto("/editions");
  await expect(reviewer.locator('tr[data-edition="sanming-2017"]')).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "复制为新年度" })).toHaveCount(0);
  await reviewer.close();

  const leader = await browser.newPage({ baseURL: app.base });
  await signIn(leader, "leader");
  await leader.goto("/readings");
  await expect(leader.getByRole("heading", { name: "口径敏感性" })).toBeVisible();
  await expect(leader.locator('[data-reading="R1=sum"]')).toBeVisible();
  await leader.screenshot({ path: "test-results/editions-readings.png", fullPage: true });
  expect((await leader.goto("/editions"))!.status()).toBe(403);
  await leader.close();

  const filler = await browser.newPage({ baseURL: app.base });
  await signIn(filler, "county");
  expect((await filler.goto("/readings"))!.status()).toBe(403);
  expect((await filler.goto("/editions"))!.status()).toBe(403);
  await filler.close();
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
