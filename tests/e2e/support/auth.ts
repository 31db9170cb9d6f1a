import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../playwright.config";

export type DemoUser = "admin" | "reviewer" | "leader" | "dept" | "county";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 20_000 }); // argon2 on a loaded machine
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
}
