import { expect, test } from "@playwright/test";

test("home page renders in Chinese with the navigation", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/电子政务绩效考核平台/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const nav = page.getByRole("navigation", { name: "主导航" });
  for (const label of ["指标体系", "自评填报", "审核", "排名看板", "管理"]) {
    await expect(nav.getByRole("link", { name: label })).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
});

test("unknown pages show the Chinese not-found page", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("health is ok with the migrations applied", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.db).toBe("ok");
  expect(body.migrations).toBeGreaterThan(0);
});
