// Issue 13 (items 3, 4, 5, 8, 13) against the production build: the attacks an outsider
// ran on sign-in, sessions and the page cache, each answered as docs/reliability.md says.
import { expect, test, type Browser } from "@playwright/test";
import { rmSync } from "node:fs";
import pg from "pg";
import type { EmbeddedHandle } from "../../lib/db/embedded";
import { DEMO_PASSWORD } from "../../playwright.config";
import { freshDatabase } from "./support/db";
import { sessionCookie, startApp, startDb, stopApp, stopStarted, tmpDir, type Server } from "./support/server";

test.describe.configure({ mode: "serial", timeout: 240_000 });

let app: Server;
let dataDir: string;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(240_000); // starting the app under load
  dataDir = tmpDir("egov-auth-hard-");
  // a database of its own on the worker's shared PostgreSQL (no cluster to initialise)
  url = (await freshDatabase("e2e_auth_hardening")).url;
  app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: url, TRUSTED_PROXIES: "", WEB_CONCURRENCY: "1" });
});

test.afterAll(async () => {
  if (app) await stopApp(app);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function sql<T extends pg.QueryResultRow>(connection: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: connection });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Just the session cookie pair out of a cookie jar header. */
function sessionPair(jar: string): string {
  const pair = jar.split("; ").find((p) => p.startsWith("next-auth.session-token="));
  if (!pair) throw new Error("no session cookie");
  return pair;
}

async function get(base: string, p: string, cookie: string) {
  const res = await fetch(base + p, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  return { status: res.status, cache: res.headers.get("x-page-cache") };
}

/** One credentials sign-in with extra request headers; did it give a session? */
async function signInWith(base: string, username: string, password: string, headers: Record<string, string>) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const body = await res.text();
  return { ok: res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=")), body };
}

test("item 3: two session cookies (filler first, leader last) never put the leader's 排名看板 in the filler's cache", async () => {
  const filler = sessionPair(await sessionCookie(app.base, "county"));
  const leader = sessionPair(await sessionCookie(app.base, "leader"));
  expect((await get(app.base, "/dashboard", leader)).status).toBe(200);
  expect((await get(app.base, "/dashboard", filler)).status).toBe(403);
  const secureFiller = `__Secure-${filler}`;
  // each web worker keeps its own cache (one here; with more, the repeats reach each)
  for (let i = 0; i < 4; i++) {
    for (const header of [`${filler}; ${leader}`, `${secureFiller}; ${leader}`]) {
      const r = await get(app.base, "/dashboard", header);
      expect(r.cache, header.slice(0, 30)).not.toBe("hit");
    }
  }
  for (let i = 0; i < 6; i++) {
    const r = await get(app.base, "/dashboard", filler);
    expect(r.status, `plain filler request ${i}`).toBe(403);
    expect(r.cache, `plain filler request ${i}`).not.toBe("hit");
  }
});

async function signInThrough(browser: Browser, callbackUrl: string): Promise<string> {
  const context = await browser.newContext({ baseURL: app.base });
  try {
    await context.route(
      (u) => u.hostname === "evil.example",
      (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
    );
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => u.hostname !== "127.0.0.1" || !u.pathname.startsWith("/login"), { timeout: 20_000 });
    await page.waitForLoadState("load");
    return page.url();
  } finally {
    await context.close();
  }
}

test("item 4: callbackUrl=/%5Cevil.example/x and /%09/evil.example stay on this site after a real sign-in", async ({ browser }) => {
  for (const cb of ["/%5Cevil.example/x", "/%09/evil.example", "//evil.example/y"]) {
    const landed = await signInThrough(browser, cb);
    expect(new URL(landed).origin, `${cb} → ${landed}`).toBe(app.base);
  }
  // a same-origin path is still honoured
  expect(new URL(await signInThrough(browser, encodeURIComponent("/indicators"))).pathname).toBe("/indicators");
  // next-auth's own redirect answer: same origin only
  const csrf = await fetch(`${app.base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  for (const cb of ["https://evil.example/", "/\\evil.example/x", "/\t/evil.example"]) {
    const res = await fetch(`${app.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, username: "leader", password: DEMO_PASSWORD, callbackUrl: cb, json: "true" }),
    });
    const { url: to } = (await res.json()) as { url: string };
    expect(new URL(to).origin, `${JSON.stringify(cb)} → ${to}`).toBe(app.base);
  }
});

test("item 5: a password change ends the user's other sessions (this one goes on); a signed-out cookie opens nothing", async ({ browser }) => {
  // the other session, with its 排名看板 in the page cache
  const other = sessionPair(await sessionCookie(app.base, "reviewer"));
  for (let i = 0; i < 4; i++) expect((await get(app.base, "/dashboard", other)).status).toBe(200);

  const context = await browser.newContext({ baseURL: app.base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("reviewer");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await page.goto("/account/password");
  await page.getByLabel("当前密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("新密码", { exact: true }).fill("Changed-pass-2026");
  await page.getByLabel("确认新密码", { exact: true }).fill("Changed-pass-2026");
  await page.getByRole("button", { name: "修改密码" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  // this session continues (its cookie was reissued with the new session version)
  expect((await page.goto("/dashboard"))!.status()).toBe(200);
  await expect(page.getByTestId("current-user")).toBeVisible();
  // the other one has ended, page cache included
  for (let i = 0; i < 4; i++) {
    const r = await get(app.base, "/dashboard", other);
    expect(r.status, `other session, request ${i}`).toBe(307);
    expect(r.cache).toBeNull();
  }

  // sign-out: a copy of the cookie taken before it must not work afterwards
  const copy = (await context.cookies()).filter((c) => c.name === "next-auth.session-token").map((c) => `${c.name}=${c.value}`)[0];
  for (let i = 0; i < 4; i++) expect((await get(app.base, "/dashboard", copy)).status).toBe(200);
  await page.goto("/");
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  for (let i = 0; i < 4; i++) {
    const r = await get(app.base, "/dashboard", copy);
    expect(r.status, `signed-out cookie, request ${i}`).toBe(307);
    expect(r.cache).toBeNull();
  }
  await context.close();
});

test("item 8: rotating X-Forwarded-For (no trusted proxy) neither escapes the per-address limit nor reaches the audit trail", async () => {
  await sql(url, `DELETE FROM auth_rate_limit`);
  const since = (await sql<{ id: string }>(url, `SELECT coalesce(max(id), 0) AS id FROM audit_log`))[0].id;
  const limit = 50; // THROTTLE.ipFailures
  for (let i = 0; i < limit; i++) {
    const forged = { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}`, "x-egov-client-ip": `203.0.113.${i}` };
    expect((await signInWith(app.base, `nobody-${i}`, "guess-123456", forged)).ok).toBe(false);
  }
  // the right password, from yet another invented address: still the same client, still throttled
  const last = await signInWith(app.base, "dept", DEMO_PASSWORD, { "x-forwarded-for": "192.0.2.200" });
  expect(last.ok).toBe(false);
  expect(last.body).toMatch(/%E5%B0%9D%E8%AF%95%E6%AC%A1%E6%95%B0%E8%BF%87%E5%A4%9A|尝试次数过多/); // 尝试次数过多
  const ips = await sql<{ ip: string }>(url, `SELECT DISTINCT ip FROM audit_log WHERE id > $1 AND action LIKE 'signin.%'`, [since]);
  expect(ips.map((r) => r.ip)).toEqual(["127.0.0.1"]);
  await sql(url, `DELETE FROM auth_rate_limit`);
});

test.describe("behind a trusted proxy, then with the database down", () => {
  let db: EmbeddedHandle;
  let proxied: Server;
  let dbDir: string;
  let proxiedData: string;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    dbDir = tmpDir("egov-auth-proxied-db-");
    db = await startDb(dbDir);
    proxiedData = tmpDir("egov-auth-proxied-");
    proxied = await startApp({ DATABASE_URL: db.url, DATA_DIR: proxiedData, TRUSTED_PROXIES: "127.0.0.1", WEB_CONCURRENCY: "1" });
  });

  test.afterAll(async () => {
    if (proxied) await stopApp(proxied);
    await db?.stop().catch(() => {});
    for (const d of [dbDir, proxiedData]) if (d) rmSync(d, { recursive: true, force: true });
  });

  test("item 8: with TRUSTED_PROXIES=127.0.0.1 the proxy's X-Forwarded-For is the client address", async () => {
    await signInWith(proxied.base, "proxied-nobody", "guess-123456", { "x-forwarded-for": "6.6.6.6, 203.0.113.50" });
    const rows = await sql<{ ip: string }>(db.url, `SELECT ip FROM audit_log WHERE action = 'signin.failure' AND actor_name = 'proxied-nobody'`);
    expect(rows.map((r) => r.ip)).toEqual(["203.0.113.50"]);
  });

  test("item 13: with the database stopped under the running app, the sign-in form says 数据库暂时不可用 and shows no raw error", async ({ browser }) => {
    await db.stop();
    const context = await browser.newContext({ baseURL: proxied.base });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "数据库暂时不可用" })).toHaveText("数据库暂时不可用，请稍后再试");
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/ECONN|127\.0\.0\.1|Error|at .*\.js/);
    await context.close();
  });
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
