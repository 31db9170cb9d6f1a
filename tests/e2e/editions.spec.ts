// Issue 15 in Chromium: a reviewer downloads 2017's workbook and YAML files (equal to
// rules/sanming-2017); a leader reads 口径敏感性 on the demo data (one reading checked by hand);
// an admin copies 2017 to a 2019 draft (2018 is taken by rules/sanming-2018), changes an
// item's points and its rule's parameter, adds a unit and an item led by it (with its own
// rule) and a 分解表 column, saves (a second editor of the draft gets the version conflict
// dialog), sees the diff and the 试算 table, and publishes; then opens
// 2019's 填报, creates the new unit's 填报员, who fills the new item and sees the engine's score.
// Publishing makes 2019 the current edition, so the spec runs its own server on its own copy
// of the demo data (support/demo.ts).
import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { formatSheetIssue, importEditionXlsx } from "../../lib/authoring/xlsx";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { signIn } from "./support/auth";
import { startDemoApp } from "./support/demo";
import { stopApp, stopStarted, type Server } from "./support/server";

// generous: a loaded 2-core machine, and the run's demo data may still be being generated
test.describe.configure({ mode: "serial", timeout: 600_000 });

let app: Server;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  app = (await startDemoApp("e2e_editions")).server;
});

test.afterAll(async () => {
  if (app) await stopApp(app);
});

const shanghai = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);

// first: the next test publishes 2019 (no facts) as the current edition, and 口径敏感性 reads the current one
test("reviewer sees the editions read-only and downloads 2017 (xlsx and YAML equal to rules/sanming-2017); leader sees 口径敏感性 on the demo data (one reading checked by hand); a filler is refused both", async ({ browser }) => {
  const reviewer = await browser.newPage({ baseURL: app.base });
  await signIn(reviewer, "reviewer");
  await reviewer.goto("/editions");
  await expect(reviewer.locator('tr[data-edition="sanming-2017"]')).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "复制为新年度" })).toHaveCount(0);
  // 2017's exports, downloaded from its page: the workbook imports back to an edition equal to
  // rules/sanming-2017, and every YAML file equals the file under rules/sanming-2017
  await reviewer.locator('tr[data-edition="sanming-2017"]').getByRole("link").first().click();
  await expect(reviewer.getByRole("heading", { name: "导出" })).toBeVisible();
  const fetched = async (name: string) => {
    const [download] = await Promise.all([reviewer.waitForEvent("download"), reviewer.getByRole("link", { name, exact: true }).click()]);
    return readFileSync((await download.path())!);
  };
  const imported = await importEditionXlsx(await fetched("Excel 表格（.xlsx）"));
  if (!imported.ok) throw new Error(imported.errors.map(formatSheetIssue).join("\n"));
  expect(imported.edition).toEqual(loadEditionOrThrow("rules/sanming-2017"));
  for (const name of readdirSync("rules/sanming-2017").filter((n) => n.endsWith(".yaml"))) {
    expect(parse((await fetched(name)).toString("utf8")), name).toEqual(parse(readFileSync(`rules/sanming-2017/${name}`, "utf8")));
  }
  await reviewer.close();

  const leader = await browser.newPage({ baseURL: app.base });
  await signIn(leader, "leader");
  await leader.goto("/readings");
  await expect(leader.getByRole("heading", { name: "口径敏感性" })).toBeVisible();
  await expect(leader.locator('[data-reading="R1=sum"]')).toBeVisible();
  // one reading by hand, from the demo's facts of 市方志委 (dept-fzw), weights 1 and 1:
  //   综合应用部分 22.6417 of 26 → 87.083 (R13.cap does not touch it)
  //   政府网站建设部分 34.5 + 14 + (5 + 5 专题专栏 bonus) + 25 + 20 = 103.5 of 100 → 103.5 uncapped
  //   total (87.083 + 103.5) ÷ 2 = 95.29, rank 2; capped at 100: (87.083 + 100) ÷ 2 = 93.54 (−1.75),
  //   below 市财政局's unchanged 94.88, so 市方志委 2 → 3 and 市财政局 3 → 2; nobody else changes
  // the chart: per option, how many units' total and rank change (bars drawn for the options that change any)
  const chart = leader.getByRole("img", { name: "各口径备选方案下总分或排名变化的单位数" });
  await expect(chart).toBeVisible();
  expect(await chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
  const cap = leader.locator('[data-reading="R13.cap=cap-100"]');
  await expect(cap.locator("tbody tr")).toHaveCount(2);
  await expect(cap.locator('tr[data-unit="dept-fzw"] td')).toHaveText(["市方志委", "市直部门", "95.29", "2", "93.54", "3", "-1.75", "下降 1"]);
  await expect(cap.locator('tr[data-unit="dept-czj"] td')).toHaveText(["市财政局", "市直部门", "94.88", "3", "94.88", "2", "0.00", "上升 1"]);
  await leader.screenshot({ path: "test-results/editions-readings.png", fullPage: true });
  expect((await leader.goto("/editions"))!.status()).toBe(403);
  await leader.close();

  const filler = await browser.newPage({ baseURL: app.base });
  await signIn(filler, "county");
  expect((await filler.goto("/readings"))!.status()).toBe(403);
  expect((await filler.goto("/editions"))!.status()).toBe(403);
  await filler.close();
});

test("admin: 复制为新年度 → points, a rule, a new unit and item → diff → 试算 → 发布; the new unit's 填报员 fills the new item", async ({ browser }) => {
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

  // points and a rule parameter of 物联网服务, through the count rule's own form
  const tree = page.getByRole("navigation", { name: "指标树" });
  await tree.getByRole("button", { name: /^物联网服务/ }).click();
  await page.getByLabel("分值", { exact: true }).fill("5");
  await expect(page.getByTestId("error-rule.cap")).toContainText("低于本项分值"); // a warning beside the rule's cap
  await page.getByLabel("本项最高分", { exact: true }).fill("5");
  await expect(page.getByTestId("error-rule.cap")).toHaveCount(0);

  // a new 市直部门: a name another unit has is refused next to the field
  const units = page.getByTestId("units-editor");
  await units.locator("summary").click();
  await units.getByRole("button", { name: "添加市直部门" }).click();
  const newUnit = units.locator('tr[data-unit="dept-new"]');
  await newUnit.getByRole("textbox", { name: /名称$/ }).fill("市财政局");
  await expect(newUnit.getByTestId(/unit-error-\d+-name/)).toContainText("同时指向单位");
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeDisabled();
  await newUnit.getByRole("textbox", { name: /名称$/ }).fill("市大数据局");
  await newUnit.getByRole("textbox", { name: /代码$/ }).fill("dept-dsjj");
  const dsjj = units.locator('tr[data-unit="dept-dsjj"]');
  await expect(dsjj.getByRole("combobox", { name: /分组$/ })).toHaveValue("department");
  await expect(dsjj.getByTestId(/unit-error/)).toHaveCount(0);

  // a new item: an error next to it until it has a responsible unit, and 保存 is disabled
  await tree.getByRole("button", { name: /^物联网服务/ }).click();
  await page.getByRole("button", { name: "添加同级指标" }).click();
  await page.getByLabel("指标名称").fill("物联网感知平台");
  await page.getByLabel("分值", { exact: true }).fill("2");
  await expect(page.getByTestId("error-node")).toContainText("没有任何责任单位");
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeDisabled();
  await page.getByRole("button", { name: "添加责任单位" }).click();
  await page.getByLabel("责任单位 1", { exact: true }).selectOption("市大数据局");
  await expect(page.getByLabel("责任单位 1 的角色")).toHaveValue("lead"); // 牵头
  // its rule: 计数, each parameter from the count module's form, errors beside the empty ones
  await page.getByLabel("规则类型").selectOption("count");
  await expect(page.getByTestId("error-rule.pointsPer")).toBeVisible();
  await page.getByLabel("每个得分", { exact: true }).fill("0.5");
  await page.getByLabel("本项最高分", { exact: true }).fill("2");
  await page.getByLabel("计数对象", { exact: true }).fill("感知平台");
  await expect(page.getByTestId("error-rule.pointsPer")).toHaveCount(0);

  // the website 分解表: a column after 人事任免, refused until it has a responsible unit
  const columns = page.getByTestId("columns-editor");
  await columns.locator("summary").click();
  await columns.locator('tr[data-column="zwgk.rsxx.rsrm"]').getByRole("button", { name: "添加同级" }).click();
  const column = columns.locator('tr[data-column="zwgk.rsxx.new"]');
  await expect(column.getByTestId("column-error-zwgk.rsxx.new")).toContainText("没有责任单位");
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeDisabled();
  await column.getByRole("textbox", { name: /名称$/ }).fill("事业单位招聘");
  await column.getByRole("textbox", { name: /保障内容$/ }).fill("公开事业单位公开招聘信息。");
  await column.getByRole("button", { name: "添加栏目责任单位" }).click();
  await column.getByRole("combobox", { name: /责任单位（第 1 个）$/ }).selectOption("市人社局");
  await expect(column.getByRole("combobox", { name: /责任单位（第 1 个）的角色$/ })).toHaveValue("lead");
  await expect(column.getByTestId(/column-error/)).toHaveCount(0);
  await expect(page.getByTestId("editor-status")).toContainText("有未保存的修改");
  // a second editor of the same draft (another session), opened before this save
  const other = await browser.newPage({ baseURL: app.base });
  await signIn(other, "admin");
  await other.goto(editUrl);
  await expect(other.getByLabel("版本名称", { exact: true })).toHaveValue("2019年度三明市电子政务绩效考核");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId("editor-status")).toContainText("已保存");
  await page.screenshot({ path: "test-results/editions-editor.png", fullPage: true });
  // …whose save now gets the version conflict dialog; 取消 loads what the first editor saved
  await other.getByLabel("版本名称", { exact: true }).fill("2019年度（另一位编辑）");
  await other.getByRole("button", { name: "保存草稿" }).click();
  const conflict = other.getByRole("dialog", { name: "草稿已被他人修改" });
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await conflict.getByRole("button", { name: "取消" }).click();
  await expect(other.getByTestId("editor-status")).toContainText("已载入对方保存的版本");
  await expect(other.getByLabel("版本名称", { exact: true })).toHaveValue("2019年度三明市电子政务绩效考核");
  await expect(other.getByRole("navigation", { name: "指标树" }).getByRole("button", { name: /^物联网感知平台/ })).toBeVisible();
  await other.close();

  // diff against 2017
  await page.getByRole("link", { name: "查看差异与试算" }).click();
  await expect(page.getByTestId("edition-status")).toHaveText("草稿");
  await expect(page.getByTestId("diff-added")).toContainText("物联网感知平台（p1.xxh.ggpt.new）2 分");
  await expect(page.getByTestId("diff-units")).toContainText("新增 市大数据局（dept-dsjj）");
  const changed = page.getByTestId("diff-changed");
  await expect(changed).toContainText("分值：4 → 5");
  await expect(changed).toContainText("计分规则参数 cap：4 → 5");
  await expect(page.getByTestId("diff-edition")).toContainText("年度：2017 → 2019");
  await expect(page.getByTestId("diff-columns")).toContainText("新增 事业单位招聘（zwgk.rsxx.new）");
  await page.screenshot({ path: "test-results/editions-diff.png", fullPage: true });

  // the draft page's imports refuse a bad upload with a report, and save nothing
  const yamlForm = page.getByRole("region", { name: "从 YAML 导入" });
  await yamlForm.getByLabel(/YAML 文件/).setInputFiles({ name: "edition.yaml", mimeType: "application/x-yaml", buffer: Buffer.from("id: sanming-2019\nparts: [") });
  await yamlForm.getByRole("button", { name: "导入 YAML" }).click();
  await expect(yamlForm.getByText(/未保存任何内容/)).toBeVisible({ timeout: 30_000 });
  await expect(yamlForm.getByRole("list", { name: "YAML 错误报告" }).getByRole("listitem").first()).toContainText("edition.yaml");
  const xlsxForm = page.getByRole("region", { name: "从 Excel 导入" });
  await xlsxForm.getByLabel(/Excel/).setInputFiles({ name: "not.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("not a workbook") });
  await xlsxForm.getByRole("button", { name: "导入 Excel" }).click();
  await expect(xlsxForm.locator("p.text-red-700")).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("diff-added")).toContainText("物联网感知平台（p1.xxh.ggpt.new）2 分");

  // 试算 with 2017's demo facts: every fact maps (2017's dated events too), the new item has none
  await page.getByRole("link", { name: /^试算/ }).click();
  const table = page.getByRole("table", { name: /各单位总分与排名/ });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table.locator('tr[data-unit="county-sanyuan"] td').nth(2)).not.toHaveText("—");
  await expect(table.locator('tr[data-unit="county-sanyuan"] td').nth(4)).not.toHaveText("—");
  expect.soft(await page.getByTestId("preview-counts").textContent()).toMatch(/已对应 \d+ 条数据；0 条数据/);
  await expect(page.getByTestId("unmapped-items")).toContainText("物联网感知平台（p1.xxh.ggpt.new）：新增指标，无对应数据");
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

  // the admin opens 2019's 填报 and creates the 填报员 of 市大数据局
  await page.goto("/admin/periods");
  await expect(page.getByRole("heading", { name: "填报期限", exact: true })).toBeVisible();
  await expect(page.getByText(/2019年度三明市电子政务绩效考核/).first()).toBeVisible();
  await expect(page.getByTestId("period-current")).toHaveText("本年度尚未开放自评填报。");
  await page.getByLabel("开始时间（北京时间）").fill(shanghai(-24));
  await page.getByLabel("截止时间（北京时间）").fill(shanghai(24 * 14));
  await page.getByRole("button", { name: /开放填报|保存期限/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /已开放自评填报|已保存填报期限/ })).toBeVisible();
  await page.goto("/admin/users/new");
  await page.getByLabel("用户名").fill("e2e-dsjj");
  await page.getByLabel("姓名").fill("大数据局填报员");
  await page.getByRole("checkbox", { name: /填报员/ }).check();
  await page.getByLabel("所属单位", { exact: true }).selectOption({ label: "市大数据局" });
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已创建用户“e2e-dsjj”" })).toBeVisible();
  const oneTime = (await page.getByTestId("one-time-password").textContent())?.trim() ?? "";
  await page.close();

  // the 填报员 signs in, changes the one-time password, fills the new item; the engine scores it
  const filler = await browser.newPage({ baseURL: app.base });
  await signIn(filler, "e2e-dsjj", oneTime);
  await filler.goto("/self-assessment");
  await expect(filler).toHaveURL(/\/account\/password$/);
  await filler.getByLabel("当前密码").fill(oneTime);
  await filler.getByLabel("新密码", { exact: true }).fill("Dsjj-pass-2019x");
  await filler.getByLabel("确认新密码").fill("Dsjj-pass-2019x");
  await filler.getByRole("button", { name: "修改密码" }).click();
  await expect(filler).toHaveURL(/\/$/);
  await filler.goto("/self-assessment/dept-dsjj");
  await expect(filler.getByRole("heading", { name: "我的填报 · 市大数据局" })).toBeVisible();
  await filler.getByRole("link", { name: "物联网感知平台", exact: true }).click();
  await expect(filler.getByRole("heading", { name: "物联网感知平台" })).toBeVisible();
  await expect(filler.getByTestId("rule-description")).toContainText("每1个感知平台得0.5分，本项最高2分");
  await expect(filler.getByTestId("item-score")).toHaveText("— / 2");
  for (const [i, name] of ["水文监测感知网", "城市部件感知网", "环境监测感知网"].entries()) {
    if (i > 0) await filler.getByRole("button", { name: "添加感知平台" }).click();
    await filler.getByLabel(`感知平台名称第 ${i + 1} 项`).fill(name);
  }
  await expect(filler.getByTestId("item-score")).toHaveText("1.5 / 2"); // 3 × 0.5
  await expect(filler.getByTestId("save-status")).toHaveText(/^已保存/);
  await filler.getByRole("link", { name: "返回我的填报" }).click();
  await expect(filler.getByTestId("item-row-p1.xxh.ggpt.new")).toContainText("1.5 / 2");
  await filler.screenshot({ path: "test-results/editions-filler.png", fullPage: true });
  await filler.close();
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
