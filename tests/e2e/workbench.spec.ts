// 工作台 (the home page) per role: each role sees its own blocks.
import { expect, test } from "@playwright/test";
import { openPeriod } from "./support/server";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { signIn } from "./support/auth";

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
