import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test("home page renders in Chinese with the navigation", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/电子政务绩效考核平台/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "电子政务绩效考核平台" })).toBeVisible();
  await signIn(page, "reviewer");
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "主导航" });
  for (const label of ["指标体系", "审核", "排名看板"]) {
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

test("pages carry the security headers", async ({ request }) => {
  const res = await request.get("/login");
  const csp = res.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBeTruthy();
});
