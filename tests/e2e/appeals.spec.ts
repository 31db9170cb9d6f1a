// 结果反馈 / 申诉 end to end (issue #19 §3) on the production build: before publication a
// 填报员 of 市国资委 (dept-gzw, used by no other spec) sees no results and another unit's card is
// 403; the reviewer publishes (5 working days to appeal); the unit appeals 互动交流知识库 with a
// reason and a link; the reviewer accepts and sets 7 points; the unit sees the adjusted score
// and the history on its scorecard.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { withDb } from "./support/db";
import { createUser } from "./support/users";

test.describe.configure({ mode: "serial" });
// server actions on a loaded 2-core machine can take longer than the default 5 s
const ACTION = { timeout: 30_000 };

const UNIT = "dept-gzw"; // 市国资委
const FILLER = "e2e-gzw";
const ITEM = "p2.hdlm.zsk"; // 互动交流知识库: 7 or 0
let editionId: number;

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test.beforeAll(async () => {
  await withDb(async (c) => {
    editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    await createUser(c, { username: FILLER, displayName: "国资委填报员", unitCode: UNIT });
    await c.query(
      `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
       VALUES ($1, $2, $3, 'self', '{"value":{"yes":false}}', 'reviewed', 1, now()) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
      [editionId, UNIT, ITEM],
    );
  });
});

test.afterAll(async () => {
  // later specs find the results unpublished, as on a fresh database
  await withDb((c) => c.query(`UPDATE result_publication SET published = false WHERE edition_id = $1`, [editionId]));
});

test("before publication the unit sees no results, and another unit's card is refused", async ({ page }) => {
  test.skip(
    await withDb(async (c) => (await c.query(`SELECT 1 FROM result_finalisation WHERE edition_id = $1 AND active`, [editionId])).rowCount! > 0),
    "a finalised part releases the results",
  );
  await signIn(page, FILLER);
  await page.goto(`/scorecards/${UNIT}`);
  await expect(page.getByTestId("results-not-released")).toContainText("本年度考核结果尚未公布");
  const other = await page.goto("/scorecards/dept-xfj");
  expect(other?.status()).toBe(403);
});

test("the reviewer publishes the results with a 5-working-day appeal window", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review/appeals");
  const panel = page.getByTestId("publish-panel");
  await panel.getByLabel("申诉期（公布后的工作日数）").fill("5");
  await panel.getByRole("button", { name: "公布考核结果" }).click();
  await page.getByRole("dialog", { name: "向各单位公布考核结果？" }).getByRole("button", { name: "确认公布" }).click();
  await expect(panel.getByRole("status")).toHaveText("已公布考核结果，申诉期已开始", ACTION);
  await expect(page.getByTestId("publication-state")).toContainText("申诉期 5 个工作日");
});

test("the unit sees its own card and appeals 互动交流知识库 with a reason and a link", async ({ page }) => {
  await signIn(page, FILLER);
  // told in the message centre; the workbench leads to the card while the window is open
  await page.goto("/");
  await expect(page.getByTestId("wb-messages")).toContainText("考核结果已公布");
  const results = page.getByTestId("wb-results");
  await expect(results).toContainText("提出申诉");
  await results.getByRole("link", { name: "查看本单位记分卡" }).click();
  await expect(page).toHaveURL(new RegExp(`/scorecards/${UNIT}$`));
  await expect(page.getByRole("heading", { name: "市国资委记分卡" })).toBeVisible();
  await expect(page.getByTestId("export-scorecard")).toHaveCount(0);
  const section = page.getByTestId("appeals");
  await expect(section.getByTestId("appeal-window")).toContainText("申诉期 5 个工作日");
  const form = section.getByRole("form", { name: "提出申诉" });
  // the reason is required, at the field
  await form.getByLabel("申诉的指标").selectOption(ITEM);
  await form.getByRole("button", { name: "提交申诉" }).click();
  await expect(form.getByLabel("申诉理由")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("申诉理由").fill("本单位互动交流知识库已于 9 月上线");
  await form.getByLabel("佐证材料链接（可选）").fill("https://example.org/gzw/zsk");
  await form.getByLabel("佐证材料标题（可选）").fill("知识库页面");
  await form.getByRole("button", { name: "提交申诉" }).click();
  await expect(form.getByRole("status")).toHaveText("申诉已提交，审核员答复后可在此查看", ACTION);
  await expect(section.getByRole("list", { name: "申诉记录" })).toContainText("待处理", ACTION);
  await shot(page, "appeal-01-filed");
});

test("the reviewer accepts the appeal and sets the score to 7", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review/appeals");
  const form = page.getByRole("form", { name: /处理申诉：市国资委/ });
  await expect(form).toBeVisible();
  await expect(page.getByText("本单位互动交流知识库已于 9 月上线")).toBeVisible();
  await form.getByLabel(/调整后得分/).fill("7");
  await form.getByLabel("核查方式").selectOption("网上核查");
  await form.getByLabel("处理理由").fill("经网上核查，知识库已上线");
  await form.getByRole("button", { name: "申诉成立并调整得分" }).click();
  await expect(page.getByTestId("appeal-result")).toHaveText(/市国资委“.*互动交流知识库.*”：申诉成立，得分调整为 7$/, ACTION);
  await shot(page, "appeal-02-accepted");
  const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE unit_code = $1 AND item_code = $2 ORDER BY id`, [UNIT, ITEM]));
  expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["appeal.file", "review.adjust", "appeal.accept"]));
});

test("the unit sees the adjusted score, the answer and the history on its card", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/scorecards/${UNIT}`);
  const section = page.getByTestId("appeals");
  await expect(section.getByRole("list", { name: "申诉记录" })).toContainText("申诉成立", ACTION);
  await expect(section.getByTestId("appeal-score-after")).toHaveText("7", ACTION);
  await expect(section).toContainText("经网上核查，知识库已上线");
  // the item's review history on the card itself
  await expect(page.locator('ol[aria-label="审核记录"]', { hasText: "申诉成立（网上核查）：经网上核查，知识库已上线" })).toHaveCount(1);
  await shot(page, "appeal-03-unit-sees");
});
