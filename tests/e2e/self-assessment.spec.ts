// 自评填报 end to end on the production build: the admin opens the period; a county
// 填报员 records roll-call absences and a department 填报员 lists IoT platforms, each
// seeing the engine's score and explanation live; autosave, a lost connection, a conflict
// between two tabs; submit; then the deadline passes and the form is read-only with the
// reason, until an extension reopens it.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { itemsForUnit } from "../../lib/assessment/items";
import { compileEdition } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { filledPayload } from "../support/filled-payload";
import { signIn } from "./support/auth";
import { pgUrlFor } from "./support/server";

test.describe.configure({ mode: "serial" });

const COUNTY = "county-sanyuan"; // the 'county' demo user's unit, 三元区
const DEPT = "dept-szb"; // the 'dept' demo user's unit, 市数字办
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));

// The leaf whose rule pools hold the roll-call kind (缺席或迟到 in 调试点名), and 物联网服务.
const rollCall = [...compiled.leafByCode.values()].find(
  (l) => l.rule.type === "deduction" && l.rule.pools.some((p) => p.kinds.some((k) => /缺席/.test(k.name) && /迟到/.test(k.name))),
)!;
const iot = [...compiled.leafByCode.values()].find((l) => l.name === "物联网服务")!;
const rollCallKind = rollCall.rule.type === "deduction" ? rollCall.rule.pools.flatMap((p) => p.kinds).find((k) => /缺席/.test(k.name))! : null!;

/** "YYYY-MM-DDTHH:mm" in Beijing time, `hours` from now (the datetime-local value). */
function shanghai(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function savePeriod(page: Page, deadlineHours: number) {
  await page.goto("/admin/periods");
  await page.getByLabel("开始时间（北京时间）").fill("2017-01-01T08:00");
  await page.getByLabel("截止时间（北京时间）").fill(shanghai(deadlineHours));
  await page.getByRole("button", { name: /开放填报|保存期限/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /已开放自评填报|已保存填报期限/ })).toBeVisible();
}

/** Everything a unit still has to fill in, written straight to the database (the UI part is tested on two items). */
async function fillTheRest(unitCode: string) {
  const client = new pg.Client({ connectionString: pgUrlFor(process.env.E2E_DATA_DIR!, Number(process.env.E2E_PG_PORT)) });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`);
    const editionId = rows[0].id as number;
    for (const item of itemsForUnit(compiled, unitCode)) {
      if (!item.editable || item.leaf.rule.type === "rating") continue;
      const payload = filledPayload(item.leaf, { optInNotApplicable: true });
      await client.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
         VALUES ($1, $2, $3, 'self', $4, 'draft', 1, now()) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
        [editionId, item.factUnit, item.leaf.code, JSON.stringify(payload)],
      );
    }
  } finally {
    await client.end();
  }
}

test("the admin opens the current edition for self-assessment (Beijing time)", async ({ page }) => {
  await signIn(page, "admin");
  await savePeriod(page, 7 * 24);
  await expect(page.getByTestId("period-current")).toContainText("填报中");
  await expect(page.getByTestId("period-current")).toContainText("2017/01/01 08:00");
  await shot(page, "01-admin-period");
});

test("a county 填报员 records 7 roll-call absences and sees 0.65 of 1, explained", async ({ page }) => {
  await signIn(page, "county");
  await page.goto("/self-assessment");
  await expect(page).toHaveURL(new RegExp(`/self-assessment/${COUNTY}$`));
  await expect(page.getByRole("heading", { name: "我的填报 · 三元区" })).toBeVisible();
  await expect(page.getByTestId("countdown")).toContainText("剩余");
  await expect(page.getByTestId("progress-text")).toContainText("0 /");
  await shot(page, "02-county-overview-empty");

  await page.getByRole("link", { name: rollCall.name, exact: true }).click();
  await expect(page.getByRole("heading", { name: rollCall.name })).toBeVisible();
  await expect(page.getByTestId("rule-description")).toContainText("0.05");
  await expect(page.getByTestId("item-score")).toHaveText("— / 1");

  await page.getByRole("button", { name: "添加扣分事项" }).click();
  await expect(page.getByLabel("第 1 条扣分类型")).toHaveValue(rollCallKind.code);
  await page.getByLabel("第 1 条次数（默认 1）").fill("7");
  await expect(page.getByTestId("item-score")).toHaveText("0.65 / 1");
  const trace = page.getByTestId("score-trace");
  await expect(trace).toContainText("7");
  await expect(trace).toContainText("0.05");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d{2}:\d{2}:\d{2}$/);
  await shot(page, "03-county-rollcall-saved");

  // a field error sits at its field, and does not get saved
  await page.getByLabel("第 1 条次数（默认 1）").fill("0");
  const count = page.getByLabel("第 1 条次数（默认 1）");
  await expect(count).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await count.getAttribute("aria-describedby")}`)).toHaveText("第 1 条次数应不小于 1"); // the message names the field (issue 18 item 11)
  await shot(page, "04-field-error");
  await count.fill("7");
  await expect(count).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);

  await page.reload();
  await expect(page.getByLabel("第 1 条次数（默认 1）")).toHaveValue("7");
  await expect(page.getByTestId("item-score")).toHaveText("0.65 / 1");
  await page.getByRole("link", { name: "返回我的填报" }).click();
  await expect(page.getByTestId(`item-row-${rollCall.code}`)).toContainText("草稿");
  await expect(page.getByTestId(`item-row-${rollCall.code}`)).toContainText("0.65 / 1");
});

test("a lost connection keeps the input (also across a reload) and says so", async ({ page }) => {
  await signIn(page, "county");
  await page.goto(`/self-assessment/${COUNTY}/${rollCall.code}`);
  await page.route("**/self-assessment/**", (route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort("internetdisconnected") : route.continue(),
  );
  await page.getByLabel("第 1 条次数（默认 1）").fill("8");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText("网络异常，修改尚未保存");
  await expect(page.getByLabel("第 1 条次数（默认 1）")).toHaveValue("8");
  await shot(page, "05-network-error");

  await page.unroute("**/self-assessment/**");
  page.on("dialog", (d) => void d.accept()); // the 'leave with unsaved changes?' prompt
  await page.reload();
  await expect(page.getByText("已恢复本机保存的未提交修改")).toBeVisible();
  await expect(page.getByLabel("第 1 条次数（默认 1）")).toHaveValue("8");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
  await expect(page.getByTestId("item-score")).toHaveText("0.6 / 1");
  // back to 7 for the rest of the story
  await page.getByLabel("第 1 条次数（默认 1）").fill("7");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
  await expect(page.getByTestId("item-score")).toHaveText("0.65 / 1");
});

test("two tabs: the stale save shows the other version; the user overwrites, or loads theirs", async ({ browser }) => {
  const item = "p1.xxh.sphy.hczx"; // 会场秩序与参会纪律
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  for (const p of [a, b]) {
    await signIn(p, "county");
    await p.goto(`/self-assessment/${COUNTY}/${item}`);
  }
  // A saves first
  await a.getByRole("button", { name: "添加扣分事项" }).click();
  await a.getByLabel("第 1 条扣分类型").selectOption({ index: 1 });
  await a.getByLabel("第 1 条次数（默认 1）").fill("2");
  await a.getByRole("button", { name: "保存", exact: true }).click();
  await expect(a.getByTestId("save-status")).toHaveText(/^已保存/);

  // B still holds version 0
  await b.getByRole("button", { name: "添加扣分事项" }).click();
  await b.getByLabel("第 1 条扣分类型").selectOption({ index: 1 });
  await b.getByLabel("第 1 条次数（默认 1）").fill("3");
  await b.getByRole("button", { name: "保存", exact: true }).click();
  const dialog = b.getByRole("dialog", { name: "他人已修改本项" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("三元区填报员");
  await expect(b.getByTestId("conflict-theirs")).toContainText("2 次");
  await expect(b.getByTestId("save-status")).toHaveText("他人已修改本项，修改尚未保存");
  await shot(b, "06-conflict-dialog");
  await dialog.getByRole("button", { name: "用我的修改覆盖" }).click();
  await expect(b.getByTestId("save-status")).toHaveText(/^已保存/);

  // A is now stale: it loads B's version instead
  await a.getByLabel("第 1 条次数（默认 1）").fill("4");
  await a.getByRole("button", { name: "保存", exact: true }).click();
  const dialogA = a.getByRole("dialog", { name: "他人已修改本项" });
  await expect(a.getByTestId("conflict-theirs")).toContainText("3 次");
  await dialogA.getByRole("button", { name: "载入对方的版本" }).click();
  await expect(a.getByLabel("第 1 条次数（默认 1）")).toHaveValue("3");
  await a.reload();
  await expect(a.getByLabel("第 1 条次数（默认 1）")).toHaveValue("3");
  await a.context().close();
  await b.context().close();
});

test("the dept 填报员 lists 5 IoT platforms and sees 4 of 4, the cap explained", async ({ page }) => {
  await signIn(page, "dept");
  await page.goto("/self-assessment");
  await expect(page).toHaveURL(new RegExp(`/self-assessment/${DEPT}$`));
  await page.getByRole("link", { name: iot.name, exact: true }).click();
  await expect(page.getByRole("heading", { name: iot.name })).toBeVisible();
  const names = ["视频图像共享平台", "位置信息服务平台", "多卡融合平台", "物联网识别管控平台", "环境监测物联网平台"];
  for (const [i, name] of names.entries()) {
    if (i > 0) await page.getByRole("button", { name: "添加平台" }).click();
    await page.getByLabel(`平台名称第 ${i + 1} 项`).fill(name);
  }
  await expect(page.getByText("已列出 5 个平台")).toBeVisible();
  await expect(page.getByTestId("item-score")).toHaveText("4 / 4");
  await expect(page.getByTestId("score-trace")).toContainText("5 个");
  await expect(page.getByTestId("score-trace")).toContainText("超过本项上限 4 分，按 4 分计");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
  await shot(page, "07-dept-iot-capped");
});

test("an incomplete unit is shown what is missing, with links", async ({ page }) => {
  await signIn(page, "county");
  await page.goto(`/self-assessment/${COUNTY}`);
  await page.getByRole("button", { name: "提交自评" }).click();
  const dialog = page.getByRole("dialog", { name: "还有未填写的指标" });
  await expect(dialog).toBeVisible();
  const missing = dialog.getByTestId("missing-items");
  await expect(missing.getByRole("link")).not.toHaveCount(0);
  // filled, so not missing (it may be listed under 缺佐证材料: it has no evidence yet)
  await expect(missing.getByRole("link", { name: /会前调试点名/ })).toHaveCount(0);
  await shot(page, "08-missing-items");
  await missing.getByRole("link", { name: /高清视频会议室配备/ }).first().click();
  await expect(page).toHaveURL(/p1\.xxh\.sphy\.hyspb$/);
});

test("the dept submits; its forms lock with the submitted reason", async ({ page }) => {
  await fillTheRest(DEPT);
  await signIn(page, "dept");
  await page.goto(`/self-assessment/${DEPT}`);
  await expect(page.getByTestId("progress-text")).toHaveText(/已填写或不适用 (\d+) \/ \1 项/);
  await page.getByRole("button", { name: "提交自评" }).click();
  const dialog = page.getByRole("dialog", { name: "确认提交自评" });
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByTestId("lock-reason")).toContainText("本单位已提交自评");
  await expect(page.getByRole("button", { name: "提交自评" })).toBeDisabled();
  await expect(page.getByTestId(`item-row-${iot.code}`)).toContainText("已提交");
  await shot(page, "09-dept-submitted");
  await page.getByRole("link", { name: iot.name, exact: true }).click();
  await expect(page.getByTestId("lock-reason")).toContainText("本单位已提交自评");
  await expect(page.getByLabel("平台名称第 1 项")).toBeDisabled();
  await expect(page.getByRole("button", { name: "保存", exact: true })).toHaveCount(0);
});

test("after the deadline the form is read-only with the reason; an extension reopens it", async ({ page, browser }) => {
  await signIn(page, "admin");
  await savePeriod(page, -1);
  await expect(page.getByTestId("period-current")).toContainText("已截止");

  const county = await (await browser.newContext()).newPage();
  await signIn(county, "county");
  await county.goto(`/self-assessment/${COUNTY}/${rollCall.code}`);
  await expect(county.getByTestId("lock-reason")).toContainText("已过填报截止时间");
  await expect(county.getByLabel("第 1 条次数（默认 1）")).toBeDisabled();
  await expect(county.getByLabel("第 1 条次数（默认 1）")).toHaveValue("7");
  await expect(county.getByRole("button", { name: "保存", exact: true })).toHaveCount(0);
  await expect(county.getByTestId("countdown")).toHaveText("已过截止时间");
  await shot(county, "10-county-deadline-readonly");
  await county.goto(`/self-assessment/${COUNTY}`);
  await expect(county.getByTestId("lock-reason")).toContainText("已过填报截止时间");
  await expect(county.getByRole("button", { name: "提交自评" })).toBeDisabled();

  // the admin grants 三元区 an extension, with a reason
  await page.getByLabel("单位", { exact: true }).selectOption(COUNTY);
  await page.getByLabel("延期至（北京时间）").fill(shanghai(2));
  await page.getByRole("button", { name: "批准延期" }).click();
  await expect(page.getByLabel("延期理由（必填）")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("请填写延期理由")).toBeVisible();
  await page.getByLabel("延期理由（必填）").fill("视频会议系统故障，补报");
  await page.getByRole("button", { name: "批准延期" }).click();
  await expect(page.getByTestId("extension-list")).toContainText("视频会议系统故障，补报");
  await shot(page, "11-admin-extension");

  await county.goto(`/self-assessment/${COUNTY}/${rollCall.code}`);
  await expect(county.getByTestId("lock-reason")).toHaveCount(0);
  await expect(county.getByLabel("第 1 条次数（默认 1）")).toBeEnabled();
  await expect(county.getByText("已延期")).toBeVisible();
  await county.context().close();
});
