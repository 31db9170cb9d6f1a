import { expect, test } from "@playwright/test";
import { signIn, signOut, type DemoUser } from "./support/auth";

const NAV: Record<DemoUser, string[]> = {
  admin: ["指标体系", "考核版本", "管理", "审计日志"],
  reviewer: ["指标体系", "审核", "排名看板", "口径敏感性", "考核版本", "审计日志"],
  leader: ["指标体系", "排名看板", "口径敏感性"],
  dept: ["指标体系", "自评填报"],
  county: ["指标体系", "自评填报"],
};
const ALL = ["指标体系", "自评填报", "审核", "排名看板", "口径敏感性", "考核版本", "管理", "审计日志"];

for (const [user, labels] of Object.entries(NAV) as [DemoUser, string[]][]) {
  test(`${user} signs in and sees only its navigation`, async ({ page }) => {
    await signIn(page, user, undefined, { fresh: true }); // the form itself, not a kept session
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const l of ALL) {
      await expect(nav.getByRole("link", { name: l, exact: true })).toHaveCount(labels.includes(l) ? 1 : 0);
    }
  });
}

test("wrong password shows one message; session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("leader");
  await page.getByLabel("密码").fill("not-the-password-1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toHaveText("用户名或密码错误");
  await signIn(page, "leader", undefined, { fresh: true });
  const cookie = (await context.cookies()).find((c) => c.name.includes("next-auth.session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("a 填报员 who types a page of another role gets 无权访问; sign-out ends the session", async ({ page }) => {
  await signIn(page, "county");
  const res = await page.goto("/review");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await page.goto("/");
  await signOut(page);
  const after = await page.goto("/self-assessment");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fself-assessment/);
  expect(after?.status()).toBe(200);
});
