// 消息中心 / 催报 end to end: a reviewer sees the units that have not submitted, sends one
// 催报 with one confirmation; the 填报员 of such a unit (梅列区, used by this spec alone) sees
// the unread count in the header, reads the reminder in the message centre and marks it read
// with the keyboard. The reminder is in the audit log.
import { expect, test } from "@playwright/test";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { signIn } from "./support/auth";
import { openPeriod } from "./support/server";
import { createUser } from "./support/users";

const UNIT = "county-meilie";
const FILLER = "e2e-meilie";

function pgUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR!;
  const pid = path.join(dataDir, "pg", "postmaster.pid");
  const port = process.env.E2E_PG_PORT ?? (existsSync(pid) ? readFileSync(pid, "utf8").split("\n")[3]?.trim() : "");
  const pw = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/egov`;
}

test("a 催报 reaches a unit's message centre; read with the keyboard; audited", async ({ browser }) => {
  test.setTimeout(120_000);
  await openPeriod(pgUrl());
  const c = new pg.Client({ connectionString: pgUrl() });
  await c.connect();
  try {
    await createUser(c, { username: FILLER, displayName: "梅列区填报员", unitCode: UNIT });
    await c.query(`UPDATE message SET read_at = now() WHERE user_id = (SELECT id FROM app_user WHERE username = $1)`, [FILLER]);

    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer");
    await reviewer.goto("/review/remind");
    const list = reviewer.getByTestId("remind-units");
    await expect(list).toContainText("梅列区");
    await reviewer.getByRole("textbox", { name: "附言（可选）" }).fill("请于本周五前提交");
    await reviewer.getByRole("button", { name: /发送催报…/ }).click();
    const dialog = reviewer.getByRole("dialog", { name: "确认发送催报？" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "发送催报" }).click();
    await expect(reviewer.getByText(/已向 \d+ 个单位发送催报/)).toBeVisible({ timeout: 20_000 });
    await reviewer.screenshot({ path: test.info().outputPath("remind.png"), fullPage: true });
    await reviewer.close();

    const filler = await browser.newPage();
    await signIn(filler, FILLER);
    await expect(filler.getByTestId("unread-count")).toHaveText(/^[1-9]\d*$/);
    await filler.getByTestId("header-messages").click();
    await expect(filler).toHaveURL(/\/messages$/);
    const msg = filler.getByTestId("message").filter({ hasText: "催报" }).first();
    await expect(msg).toContainText("请于本周五前提交");
    await expect(msg).toHaveAttribute("data-read", "0");
    await filler.screenshot({ path: test.info().outputPath("messages.png"), fullPage: true });
    // keyboard: focus the "mark all read" button and press Enter
    const all = filler.getByRole("button", { name: "全部标为已读" });
    await all.focus();
    await filler.keyboard.press("Enter");
    await expect(filler.getByText(/已将 \d+ 条消息标为已读/)).toBeVisible();
    await expect(filler.getByTestId("unread-count")).toHaveCount(0);
    await expect(msg).toHaveAttribute("data-read", "1");
    await filler.goto("/messages?unread=1");
    await expect(filler.getByTestId("messages-empty")).toContainText("没有未读消息");
    await filler.close();

    const audit = await c.query(`SELECT after FROM audit_log WHERE action = 'messages.remind' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0].after.units).toContain(UNIT);
  } finally {
    await c.end();
  }
});
