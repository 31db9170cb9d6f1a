// What a new user hit (issue 18), on the production build in Chromium: pages no menu
// reaches, a unit outside the edition, the forced password change, the favicon and the
// 我的填报 table headers. The demo (an open period, returned / not started / awaiting units,
// the start output's account table), the review queue's states and what leaders see run on
// a server of their own on a copy of the demo data `npm start` generated (support/demo.ts).
import { expect, test, type Page } from "@playwright/test";
import { can } from "../../lib/auth/permissions";
import { signIn } from "./support/auth";
import { DEMO_ROLES, enumerateAppRoutes, pagePatternOf, PAGE_ACCESS } from "./support/routes";
import { withDb } from "./support/db";
import { createUser } from "./support/users";
import { startDemoApp } from "./support/demo";
import { openPeriod, pgUrlFor, stopApp, stopStarted, type Server } from "./support/server";

const dbUrl = () => pgUrlFor(process.env.E2E_DATA_DIR!, Number(process.env.E2E_PG_PORT));

const PAGES = enumerateAppRoutes()
  .filter((r) => r.kind === "page")
  .map((r) => r.pattern);


test("every page of the app says which permission it needs", () => {
  expect(PAGES.filter((p) => !PAGE_ACCESS[p])).toEqual([]);
});

/**
 * Follows every link from the home page (main navigation, section tabs, lists), one
 * concrete URL per page pattern, and returns the patterns reached.
 */
async function crawl(page: Page): Promise<Set<string>> {
  const reached = new Set<string>();
  const queue = ["/"];
  const seenPattern = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    const res = await page.context().request.get(url);
    if (res.status() !== 200) continue;
    const final = new URL(res.url()).pathname;
    const pattern = pagePatternOf(final, PAGES);
    if (pattern) reached.add(pattern);
    const html = await res.text();
    for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"#?]*)[^"]*"/g)) {
      const href = m[1].replace(/&amp;/g, "&");
      if (!href.startsWith("/") || href.startsWith("/api/")) continue;
      const p = pagePatternOf(decodeURIComponent(href), PAGES);
      if (!p || seenPattern.has(p)) continue;
      seenPattern.add(p);
      queue.push(href);
    }
  }
  return reached;
}

// A draft edition's editor and 试算 are linked from the draft's page only; the shared server
// has no draft (editions.spec.ts makes one and follows both links from its page).
const DRAFT_ONLY = new Set(["/editions/[id]/edit", "/editions/[id]/preview"]);

test("every page a role may use is linked from its navigation", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  await openPeriod(dbUrl()); // item pages are listed only while a period is open
  const missing: string[] = [];
  for (const [username, roles] of Object.entries(DEMO_ROLES)) {
    const ctx = await browser.newContext({ baseURL });
    const page = await ctx.newPage();
    await signIn(page, username);
    const reached = await crawl(page);
    for (const p of PAGES) {
      const need = PAGE_ACCESS[p];
      if (need === "anonymous") continue;
      if (need !== "signed-in" && !can(roles, need)) continue;
      if (DRAFT_ONLY.has(p)) continue;
      if (!reached.has(p)) missing.push(`${username}: ${p}`);
    }
    await ctx.close();
  }
  expect(missing).toEqual([]);
});

test("favicon.ico is served", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/image/);
});

test("我的填报 has one table header per top-level group, not one per subgroup", async ({ page }) => {
  await openPeriod(dbUrl());
  await signIn(page, "county");
  await page.goto("/self-assessment/county-sanyuan");
  const groups = page.getByTestId("item-group");
  await expect(groups.first()).toBeVisible();
  const n = await groups.count();
  expect(n).toBeGreaterThan(0);
  // one header per part (before: one per 一级/二级 subgroup)
  expect(await page.locator("main thead").count()).toBe(n);
});

test("a new user is sent to change the password from the home page; a mismatch is said once", async ({ page }) => {
  const username = `fresh-${Date.now().toString(36)}`;
  const password = "Initial-pass-1234";
  await withDb((c) => createUser(c, { username, displayName: "新用户", roles: ["leader"], password, mustChangePassword: true, ifExists: "fail" }));
  await signIn(page, username, password);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("当前密码").fill(password);
  await page.getByLabel("新密码", { exact: true }).fill("Another-pass-5678");
  await page.getByLabel("确认新密码").fill("Another-pass-5679");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("两次输入的新密码不一致").first()).toBeVisible();
  await expect(page.getByText("两次输入的新密码不一致")).toHaveCount(1);
});

test("a unit outside the edition: the admin is warned, the list says so, its 填报员 and the scorecards are told", async ({ page, browser, baseURL }) => {
  const code = `dept-e2e${Date.now().toString(36)}`;
  const name = `市大数据测试局${Date.now().toString(36).slice(-4)}`;
  await signIn(page, "admin");
  await page.goto("/admin/units");
  const form = page.getByRole("form", { name: "添加单位" });
  await form.getByLabel("单位名称").fill(name);
  await form.getByLabel("单位代码").fill(code);
  await form.getByRole("button", { name: "添加单位" }).click();
  await expect(page.getByText("该单位不在2017年度考核范围内，需在指标中分配责任").first()).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("不在2017年度考核范围");

  const password = "Filler-pass-1234";
  await withDb((c) => createUser(c, { username: `${code}-f`, displayName: "测试局填报员", unitCode: code, password, ifExists: "fail" }));
  const fctx = await browser.newContext({ baseURL });
  const fpage = await fctx.newPage();
  await signIn(fpage, `${code}-f`, password);
  const res = await fpage.goto(`/self-assessment/${code}`);
  expect(res?.status()).toBe(200);
  await expect(fpage.getByTestId("outside-edition")).toContainText("不在2017年度考核范围内");
  await fctx.close();

  const rctx = await browser.newContext({ baseURL });
  const rpage = await rctx.newPage();
  await signIn(rpage, "reviewer");
  const sres = await rpage.goto(`/scorecards/${code}`);
  expect(sres?.status()).toBe(200);
  await expect(rpage.getByTestId("outside-edition")).toContainText("不在2017年度考核范围内");
  await rctx.close();
});

test("a leader's scorecard names items without internal codes; a reviewer's keeps them", async ({ browser, baseURL }) => {
  const text = async (username: string) => {
    const ctx = await browser.newContext({ baseURL });
    const page = await ctx.newPage();
    await signIn(page, username);
    await page.goto("/scorecards/county-sanyuan");
    const t = (await page.getByTestId("scorecard").textContent()) ?? "";
    await ctx.close();
    return t;
  };
  const leader = await text("leader");
  expect(leader).toContain("会前调试点名");
  expect(leader).not.toMatch(/p[12]\.[a-z]+(\.[a-z0-9]+)*/);
  expect(leader).not.toMatch(/口径：R\d/);
  expect(await text("reviewer")).toContain("p1.xxh.sphy.tsdm");
});

// ---- on the demo data ---------------------------------------------------------------------

test.describe("the demo", () => {
  let server: Server;
  let startOutput = "";
  const accounts = new Map<string, string>();

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    // the demo as `npm start` generated it (random passwords), copied for this spec
    const demo = await startDemoApp("e2e_uxdemo", { passwords: "generated" });
    server = demo.server;
    startOutput = demo.startOutput;
    for (const line of startOutput.split("\n")) {
      const m = /^\s*\|?\s*(admin|reviewer|leader|dept|county)\s*\|\s*(\S+)\s*\|/.exec(line);
      if (m) accounts.set(m[1], m[2]);
    }
  });
  test.afterAll(async () => {
    if (server) await stopApp(server);
  });

  test("start output lists each account with its own password and what to try", async () => {
    const out = startOutput;
    expect([...accounts.keys()].sort()).toEqual(["admin", "county", "dept", "leader", "reviewer"]);
    expect(new Set(accounts.values()).size).toBe(5);
    expect(out).toMatch(/county.*退回/);
    expect(out).toMatch(/reviewer.*审核/);
  });

  test("a 填报员 has returned items to fix in an open period; the queue says who waits on whom", async ({ browser }) => {
    const ctx = await browser.newContext({ baseURL: server.base });
    const page = await ctx.newPage();
    await signIn(page, "county", accounts.get("county"));
    await page.goto("/self-assessment/county-sanyuan");
    await expect(page.getByText(/审核员退回了 \d+ 项/)).toBeVisible();
    await expect(page.getByText("表单只读")).toHaveCount(0);
    await expect(page.getByText("填报期已结束")).toHaveCount(0);
    await ctx.close();

    const rctx = await browser.newContext({ baseURL: server.base });
    const r = await rctx.newPage();
    await signIn(r, "reviewer", accounts.get("reviewer"));
    await r.goto("/review");
    const sanyuan = r.getByTestId("queue-row-county-sanyuan");
    await expect(sanyuan).toContainText("已退回");
    await expect(sanyuan).not.toContainText("已提交");
    await expect(sanyuan).not.toContainText(/\d+(天|分钟|小时)/);
    const rows = r.locator('[data-testid^="queue-row-"]');
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes("未提交"))).toBe(true);
    expect(texts.some((t) => t.includes("已提交"))).toBe(true);
    // the 已等待 column (th 单位, 单位组, 状态, 提交时间, 已等待): days, not years
    for (const t of await rows.locator(":scope > :nth-child(5)").allTextContents()) {
      const days = /(\d+)天/.exec(t);
      if (days) expect(Number(days[1]), t).toBeLessThan(60);
    }
    // reviewers keep the codes
    await r.goto("/scorecards/county-sanyuan");
    await expect(r.getByTestId("scorecard")).toContainText("p1.xxh.sphy.tsdm");
    await rctx.close();
  });

  test("leaders see names, not internal codes", async ({ browser }) => {
    const ctx = await browser.newContext({ baseURL: server.base });
    const page = await ctx.newPage();
    await signIn(page, "leader", accounts.get("leader"));
    await page.goto("/scorecards/county-sanyuan");
    const text = (await page.getByTestId("scorecard").textContent()) ?? "";
    expect(text).toContain("会前调试点名");
    expect(text).not.toMatch(/p[12]\.[a-z]+(\.[a-z0-9]+)*/);
    expect(text).not.toContain("单位代码");
    expect(text).not.toMatch(/口径：R\d/);
    await ctx.close();
  });
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
