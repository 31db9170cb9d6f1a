// Issue #18 items 8, 9, 11, 13, 14 where the user sees them, in Chromium on the production
// build: number fields and their error summary, a rejected upload's error giving way, the
// conflict dialog's safe focus, the reviewer's one-reason adjustment with event notes and a
// score preview, and 撤销 of a monitoring record. Units no other spec writes to.
import { expect, test, type Page } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { signIn } from "./support/auth";
import { createUser } from "./support/users";

test.describe.configure({ mode: "serial" });

const DEPT = "dept-lyj"; // 市林业局
const FILLER = "e2e-lyj";
const POSTS = "p2.zwgk.dtxx"; // 动态信息: 12 monthly counts
const VULN = "p1.aq.xtaq.ld"; // 信息系统漏洞: events with notes

function pgUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR!;
  const pid = path.join(dataDir, "pg", "postmaster.pid");
  const port = process.env.E2E_PG_PORT ?? (existsSync(pid) ? readFileSync(pid, "utf8").split("\n")[3]?.trim() : "");
  const pw = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/egov`;
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  await withDb(async (c) => {
    const editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    await c.query(
      `INSERT INTO assessment_period (edition_id, opens_at, deadline, updated_at) VALUES ($1, '2017-01-01T00:00:00+08', now() + interval '7 days', now())
       ON CONFLICT (edition_id) DO UPDATE SET deadline = GREATEST(assessment_period.deadline, now() + interval '7 days')`,
      [editionId],
    );
    await createUser(c, { username: FILLER, displayName: "林业局填报员", unitCode: DEPT });
    const vuln = { value: { events: [{ kind: "tb", count: 1, date: "2017-03-01", fixedDate: "2017-03-20", note: "两台服务器" }] } };
    await c.query(
      `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
       VALUES ($1, $2, $3, 'self', $4, 'submitted', 1, now()) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
      [editionId, DEPT, VULN, JSON.stringify(vuln)],
    );
  });
});

const month = (page: Page, m: number) => page.getByLabel(`${m}月`, { exact: true });

test("number fields: full-width digits count, 8.5 posts is refused naming the month, once in the summary", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${DEPT}/${POSTS}`);
  await month(page, 1).fill("１２");
  for (let m = 2; m <= 12; m++) await month(page, m).fill("8");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
  await expect(page.getByTestId("item-score")).toHaveText("15 / 15"); // (12 + 11 × 8) ÷ 12 ≥ 8
  await month(page, 4).fill("8.5");
  await expect(page.getByText("4月发布信息条数应为整数，不能有小数").first()).toBeVisible();
  await month(page, 5).fill("99999999999999999999");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("请更正以下 2 处：")).toBeVisible();
  await expect(page.getByText("5月发布信息条数数值过大（最多 100000）")).toHaveCount(2); // beside the field and in the summary
  await page.screenshot({ path: test.info().outputPath("11-number-fields.png"), fullPage: true });
  // put it right for the conflict test
  await month(page, 4).fill("8");
  await month(page, 5).fill("8");
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存/);
});

test("a rejected upload's error names the file and gives way to the next message", async ({ page }) => {
  await signIn(page, FILLER);
  await page.goto(`/self-assessment/${DEPT}/${POSTS}`);
  await page.getByLabel("文件", { exact: true }).setInputFiles({ name: "bad.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ this is not a document") });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByText(/“bad\.exe”上传失败/)).toBeVisible();
  await page.getByLabel("网址").fill("https://www.sm.gov.cn/zwgk/");
  await page.getByRole("button", { name: "添加链接" }).click();
  await expect(page.getByText("已添加链接")).toBeVisible();
  await expect(page.getByText(/bad\.exe/)).toHaveCount(0);
});

test("the conflict dialog focuses the safe choice, 载入对方的版本", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  for (const p of [a, b]) {
    await signIn(p, FILLER);
    await p.goto(`/self-assessment/${DEPT}/${POSTS}`);
  }
  await month(a, 12).fill("9");
  await a.getByRole("button", { name: "保存", exact: true }).click();
  await expect(a.getByTestId("save-status")).toHaveText(/^已保存/);
  await month(b, 12).fill("10");
  await b.getByRole("button", { name: "保存", exact: true }).click();
  const dialog = b.getByRole("dialog", { name: "他人已修改本项" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "载入对方的版本" })).toBeFocused();
  await b.keyboard.press("Enter");
  await expect(month(b, 12)).toHaveValue("9");
  await a.context().close();
  await b.context().close();
});

test("the reviewer's adjustment: event 备注 kept, one reason for an override, the score previewed before saving", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto(`/review/${DEPT}`);
  const card = page.getByTestId(`item-${VULN}`);
  await card.getByRole("button", { name: "调整", exact: true }).click();
  await expect(card.locator('input[id$="-ev-0-note"]')).toHaveValue("两台服务器");
  const preview = card.getByTestId("adjust-preview-score");
  await expect(preview).toHaveText(/^\d+(\.\d+)? \/ \d+$/);
  const before = await preview.textContent();
  await card.getByRole("button", { name: "添加扣分事项" }).click();
  await card.getByLabel("通报日期").last().fill("2017-05-02");
  await expect(preview).not.toHaveText(before!);
  await card.getByText("不按规则计算，直接核定本项得分").click();
  await expect(card.getByLabel(/核定理由/)).toHaveCount(0);
  await card.getByLabel(/^得分（0～/).fill("3");
  await expect(preview).toHaveText(/^3 \/ /);
  await card.getByLabel("核查方式").selectOption("现场检查");
  await card.getByLabel("调整理由").fill("现场检查：漏洞已部分修复，核定 3 分");
  await page.screenshot({ path: test.info().outputPath("14-adjust-preview.png"), fullPage: true });
  await card.getByRole("button", { name: "保存调整" }).click();
  await expect(card.getByRole("status")).toHaveText("已保存调整：审核后得分 3 分");
  await expect(card.getByRole("region", { name: "审核后" })).toContainText("现场检查：漏洞已部分修复，核定 3 分");
});

test("a monitoring record entered by mistake is 撤销 with a reason", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto("/review/monitoring");
  await page.getByLabel("单位").selectOption({ label: "泰宁县" });
  await page.getByLabel("会议日期").fill("2017-09-12");
  await page.getByLabel("点名缺席/迟到次数").fill("3");
  await page.getByLabel("说明（写入审核理由和审计日志）").fill("误录：应为建宁县");
  await page.getByRole("button", { name: "保存视频会议" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已记录" })).toBeVisible();
  await page.reload();
  const table = page.getByTestId("recent-findings");
  const row = table.locator("tr", { hasText: "误录：应为建宁县" }).first();
  await row.getByRole("button", { name: /撤销/ }).click();
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByText("请填写撤销理由").first()).toBeVisible();
  await page.getByLabel("撤销理由").fill("单位选错");
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已撤销" })).toBeVisible();
  await expect(table.locator("tr", { hasText: "误录：应为建宁县" }).first()).toContainText("已撤销");
  await expect(table.locator("tr", { hasText: "误录：应为建宁县" }).first().getByRole("button", { name: /撤销/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("14-undo.png"), fullPage: true });
});
