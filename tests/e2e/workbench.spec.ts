// 工作台 (the home page) per role: each role sees its own blocks.
import { expect, test } from "@playwright/test";
import { openPeriod } from "./support/server";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { itemsForUnit } from "../../lib/assessment/items";
import { compileEdition } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { filledPayload } from "../support/filled-payload";
import { signIn } from "./support/auth";
import { withDb } from "./support/db";
import { createUser } from "./support/users";

function pgUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR!;
  const pid = path.join(dataDir, "pg", "postmaster.pid");
  const port = process.env.E2E_PG_PORT ?? (existsSync(pid) ? readFileSync(pid, "utf8").split("\n")[3]?.trim() : "");
  const pw = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/egov`;
}

const BLOCKS: Record<string, string[]> = {
  county: ["wb-filler-progress", "wb-returned", "wb-messages"],
  reviewer: ["wb-waiting", "wb-returned-units", "wb-findings", "wb-not-started"],
  leader: ["wb-rank-department", "wb-rank-county", "wb-changes"],
  admin: ["wb-period", "wb-never-signed-in", "wb-units-without-accounts"],
};

test.beforeAll(async () => {
  await openPeriod(pgUrl());
});

for (const [who, blocks] of Object.entries(BLOCKS)) {
  test(`${who}'s workbench shows its blocks`, async ({ page }) => {
    await signIn(page, who);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "工作台", level: 1 })).toBeVisible();
    for (const b of blocks) await expect(page.getByTestId(b), b).toBeVisible();
    // no other role's blocks (the unread-messages card is everyone's)
    for (const [other, theirs] of Object.entries(BLOCKS))
      if (other !== who) for (const b of theirs) if (!blocks.includes(b) && b !== "wb-messages") await expect(page.getByTestId(b)).toHaveCount(0);
    await expect(page.getByTestId("wb-messages")).toBeVisible();
    if (who === "county") {
      await expect(page.getByTestId("wb-filler-progress")).toContainText("截止");
      await expect(page.getByTestId("wb-continue")).toHaveAttribute("href", /\/self-assessment\/county-sanyuan/);
    }
    if (who === "leader") {
      // the second visit lists changes since the first
      await page.reload();
      await expect(page.getByTestId("wb-changes")).not.toContainText("第一次打开工作台");
    }
    if (who === "admin") await expect(page.getByTestId("wb-period")).toContainText("已提交");
    await page.screenshot({ path: test.info().outputPath(`workbench-${who}.png`), fullPage: true });
  });
}

// 市环保局 (dept-hbj, used by no other spec): submitted, one item returned with a comment.
test("a 填报员's workbench lists the returned item with the reviewer's comment and continues there; the reviewer sees the unit waiting on it", async ({ page }) => {
  const UNIT = "dept-hbj";
  const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
  const own = itemsForUnit(compiled, UNIT).filter((i) => i.editable && i.factUnit === UNIT && i.leaf.rule.type !== "rating");
  const back = own[0].leaf;
  await withDb(async (c) => {
    const editionId = (await c.query(`SELECT id FROM edition WHERE key = 'sanming-2017' AND current`)).rows[0].id;
    await createUser(c, { username: "e2e-hbj", displayName: "环保局填报员", unitCode: UNIT });
    for (const i of own)
      await c.query(
        `INSERT INTO item_fact (edition_id, unit_code, item_code, source, payload, status, version, updated_at, return_comment)
         VALUES ($1, $2, $3, 'self', $4, $5, 1, now(), $6) ON CONFLICT (edition_id, unit_code, item_code, source) DO NOTHING`,
        [editionId, UNIT, i.leaf.code, JSON.stringify(filledPayload(i.leaf)), i.leaf === back ? "returned" : "submitted", i.leaf === back ? "请补充栏目截图" : null],
      );
    await c.query(
      `INSERT INTO unit_submission (edition_id, unit_code, status, round, submitted_at, updated_at) VALUES ($1, $2, 'submitted', 1, now(), now()) ON CONFLICT (edition_id, unit_code) DO NOTHING`,
      [editionId, UNIT],
    );
  });
  await signIn(page, "e2e-hbj");
  await page.goto("/");
  const returned = page.getByTestId("wb-returned");
  await expect(returned).toContainText("被退回的指标（1）");
  await expect(returned).toContainText("审核意见：请补充栏目截图");
  await expect(page.getByTestId("wb-filler-progress")).toContainText("状态：1 项被退回，请修改后重新提交");
  await expect(page.getByTestId("wb-filled")).toHaveText(String(own.length));
  await expect(page.getByTestId("wb-missing")).toHaveText("0");
  const go = page.getByTestId("wb-continue");
  await expect(go).toHaveText("修改被退回的指标");
  await page.screenshot({ path: test.info().outputPath("workbench-filler-returned.png"), fullPage: true });
  await go.click();
  await expect(page).toHaveURL(new RegExp(`/self-assessment/${UNIT}/${back.code.replace(/\./g, "\\.")}$`));

  await page.context().clearCookies();
  await signIn(page, "reviewer");
  await page.goto("/");
  await expect(page.getByTestId("wb-returned-units")).toContainText("市环保局");
  await expect(page.getByTestId("wb-waiting")).not.toContainText("市环保局");
});
