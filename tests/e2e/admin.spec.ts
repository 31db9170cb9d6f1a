// 管理: an admin creates a user and sees the one-time password; the new user signs in with
// it and is sent to change it before anything else.
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./support/auth";

const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "Demo-pass-2017";

test("admin creates a user; the new user signs in with the one-time password and must change it", async ({ page }, testInfo) => {
  const username = `e2e-${Date.now().toString(36)}`;
  await signIn(page, "admin", DEMO_PASSWORD);

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "管理" }).click();
  await page.getByRole("navigation", { name: "管理" }).getByRole("link", { name: "用户管理" }).click();
  await expect(page.getByRole("heading", { name: "用户管理" })).toBeVisible();
  await page.getByRole("link", { name: "新建用户" }).click();

  // a 填报员 without a unit: the error sits beside the field
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("端到端填报员");
  await page.getByRole("checkbox", { name: /填报员/ }).check();
  await page.getByRole("button", { name: "创建用户" }).click();
  const unit = page.getByLabel("所属单位", { exact: true });
  await expect(unit).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("填报员必须选择所属单位")).toBeVisible();

  await unit.selectOption({ label: "市数字办" });
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已创建用户“${username}”` })).toBeVisible();
  const password = (await page.getByTestId("one-time-password").textContent())?.trim() ?? "";
  expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
  await page.screenshot({ path: testInfo.outputPath("admin-created.png"), fullPage: true });

  // the list finds the new user by name
  await page.getByRole("link", { name: "返回用户列表", exact: true }).click();
  await page.getByRole("searchbox", { name: "关键词" }).fill("端到端");
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  await expect(page.getByText("待修改初始密码")).toBeVisible();

  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, username, password);
  await page.goto("/self-assessment");
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText("首次登录或密码已被管理员重置，请先修改密码。")).toBeVisible();

  const next = "New-pass-2024x";
  await page.getByLabel("当前密码").fill(password);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("确认新密码").fill(next);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/self-assessment");
  // the 填报员's own unit (/self-assessment sends a one-unit user on to it in the browser)
  await expect(page).toHaveURL(/\/self-assessment(\/dept-szb)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("disabling asks for confirmation in a dialog that Esc cancels", async ({ page }) => {
  await signIn(page, "admin", DEMO_PASSWORD);
  await page.goto("/admin/users?q=leader");
  await page.getByRole("link", { name: /^管理\s*用户 leader$/ }).click();
  await page.getByRole("button", { name: "停用账号" }).click();
  const dialog = page.getByRole("dialog", { name: "停用账号" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "停用账号" })).toBeVisible(); // still enabled
});

async function usersXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("用户");
  ws.addRow(["用户名", "姓名", "角色", "单位"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("import: a bad file gets a row-by-row report and saves nothing; a good one shows the passwords once", async ({ page }, testInfo) => {
  const tag = Date.now().toString(36);
  await signIn(page, "admin", DEMO_PASSWORD);
  await page.goto("/admin/users/import");
  const template = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载导入模板（.xlsx）" }).click();
  expect((await template).suggestedFilename()).toBe("用户导入模板.xlsx");

  const file = page.getByLabel("用户文件（.xlsx）");
  const mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  await file.setInputFiles({ name: "bad.xlsx", mimeType: mime, buffer: await usersXlsx([[`imp-${tag}-a`, "甲", "科长", ""], ["admin", "乙", "领导", ""]]) });
  await page.getByRole("button", { name: "上传并导入" }).click();
  const report = page.getByRole("region", { name: /错误报告/ });
  await expect(report).toBeVisible();
  await expect(report.getByRole("row")).toHaveCount(3); // header + 2 errors
  await expect(report.getByRole("row", { name: /第 2 行 角色 未知角色“科长”/ })).toBeVisible();
  await expect(report.getByRole("row", { name: /第 3 行 用户名 用户名“admin”已存在/ })).toBeVisible();

  await file.setInputFiles({ name: "ok.xlsx", mimeType: mime, buffer: await usersXlsx([[`imp-${tag}-a`, "甲", "填报员", "三元区"], [`imp-${tag}-b`, "乙", "审核员、领导", ""]]) });
  await page.getByRole("button", { name: "上传并导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入 2 个用户" })).toBeVisible();
  await expect(page.getByRole("table", { name: "已导入的用户及其初始密码" }).getByRole("row")).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath("admin-imported.png"), fullPage: true });
  const passwords = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载初始密码（.xlsx）" }).click();
  expect((await passwords).suggestedFilename()).toBe("初始密码.xlsx");

  await page.goto(`/admin/users?q=imp-${tag}`);
  await expect(page.getByText("共 2 个用户，第 1 / 1 页")).toBeVisible();
});
