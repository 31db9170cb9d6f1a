// 批量审核 end to end (issue #19 §4) on the production build. 市食品药品监管局 (dept-spypjgj)
// has 10 part-2 items waiting; the reviewer ticks them all from the keyboard and accepts them
// with one 核查方式 and one confirmation: 10 audit rows. In the queue, 市气象局 (dept-qxj) is
// ticked and all its waiting items are returned with one comment. No other spec uses these units.
import { expect, test, type Page } from "@playwright/test";
import { itemsForUnit } from "../../lib/assessment/items";
import { compileEdition } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { filledPayload } from "../support/filled-payload";
import { signIn } from "./support/auth";
import { withDb } from "./support/db";

test.describe.configure({ mode: "serial" });
// server actions on a loaded 2-core machine can take longer than the default 5 s
const ACTION = { timeout: 30_000 };

const ACCEPTED = "dept-spypjgj";
const RETURNED = "dept-qxj";
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
let editionId: number;

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

/** The unit's own part-2 items submitted (10 of them), its part-1 items left as drafts. */
async function submitPart2(unit: string) {
  await withDb(async (c) => {
    for (const i of itemsForUnit(compiled, unit)) {
      if (i.factUnit !== unit) continue;
      await c.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at)
         VALUES ($1, $2, $3, 'self', $4, $5, 1, now()) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
        [editionId, unit, i.leaf.code, JSON.stringify(filledPayload(i.leaf)), i.leaf.partCode === "p2" ? "submitted" : "draft"],
      );
    }
    await c.query(
      `INSERT INTO unit_submission (edition_id, unit_code, status, round, submitted_at, updated_at) VALUES ($1, $2, 'submitted', 1, now(), now())
       ON CONFLICT (edition_id, unit_code) DO NOTHING`,
      [editionId, unit],
    );
  });
}

test.beforeAll(async () => {
  await withDb(async (c) => {
    editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
  });
  await submitPart2(ACCEPTED);
  await submitPart2(RETURNED);
});

test("a reviewer ticks all 10 waiting items from the keyboard and accepts them: 10 audit rows", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto(`/review/${ACCEPTED}`);
  const panel = page.getByTestId("bulk-panel");
  await expect(panel.getByRole("heading", { name: "批量审核（待审核 10 项）" })).toBeVisible();
  // keyboard: focus 全选 and press Space
  await panel.getByLabel("全选").focus();
  await page.keyboard.press("Space");
  await expect(panel.getByTestId("bulk-count")).toHaveText("已选 10 项", ACTION);
  await panel.getByLabel("核查方式（通过时）").selectOption("网上核查");
  await panel.getByRole("button", { name: "批量通过" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "通过所选 10 项指标？" });
  await expect(dialog).toContainText("核查方式：网上核查");
  await shot(page, "bulk-01-confirm");
  await dialog.getByRole("button", { name: "确认批量通过" }).click();
  await expect(panel.getByRole("status")).toHaveText("已通过 10 项指标", ACTION);
  await expect(page.getByRole("heading", { name: "批量审核（待审核 0 项）" })).toBeVisible(ACTION);
  await shot(page, "bulk-02-done");
  const audit = await withDb((c) => c.query(`SELECT item_code, after FROM audit_log WHERE unit_code = $1 AND action = 'review.accept'`, [ACCEPTED]));
  expect(audit.rows).toHaveLength(10);
  expect(audit.rows.every((r) => r.after.method === "网上核查")).toBe(true);
});

test("in the queue a reviewer ticks a unit and returns its waiting items with one comment", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.goto(`/review?q=${encodeURIComponent("气象")}`);
  const bar = page.getByTestId("bulk-queue");
  // a return needs a comment: refused at the field, nothing sent
  await page.getByTestId(`queue-row-${RETURNED}`).getByRole("checkbox").check();
  await expect(bar.getByTestId("bulk-count")).toHaveText("已选 1 个单位", ACTION);
  await bar.getByRole("button", { name: "批量退回" }).click();
  await expect(bar.getByRole("status")).toHaveText("批量退回须填写退回意见", ACTION);
  await bar.getByLabel("意见（退回时必填）").fill("请补充各栏目的佐证截图");
  await bar.getByRole("button", { name: "批量退回" }).click();
  await page.getByRole("dialog", { name: "退回所选 1 个单位的待审指标？" }).getByRole("button", { name: "确认批量退回" }).click();
  await expect(bar.getByRole("status")).toHaveText("已退回 10 项指标", ACTION);
  await shot(page, "bulk-03-queue");
  const audit = await withDb((c) => c.query(`SELECT reason FROM audit_log WHERE unit_code = $1 AND action = 'review.return'`, [RETURNED]));
  expect(audit.rows).toHaveLength(10);
  expect(audit.rows.every((r) => r.reason === "请补充各栏目的佐证截图")).toBe(true);
});
