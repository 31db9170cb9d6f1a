// The rendered-page cache (lib/http/page-cache.ts) against the real app: a repeated view is
// a replay with a new CSP nonce that the browser accepts; any write shows on the next view;
// one user never gets another's page; a disabled account gets no cached page.
import { expect, test, type Page } from "@playwright/test";
import { rmSync } from "node:fs";
import pg from "pg";
import { signIn } from "./support/auth";
import { freshDatabase } from "./support/db";
import { openPeriod, sessionCookie, startApp, stopApp, stopStarted, tmpDir, type Server } from "./support/server";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const COUNTY = "county-sanyuan";
const ITEM = "p1.xxh.sphy.tsdm";
const SCORECARD = `/scorecards/${COUNTY}`;

let app: Server;
let dataDir: string;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(300_000); // starting the app under load
  dataDir = tmpDir("egov-page-cache-");
  // a database of its own on the worker's shared PostgreSQL (no cluster to initialise)
  url = (await freshDatabase("e2e_page_cache")).url;
  app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: url });
});

test.afterAll(async () => {
  if (app) await stopApp(app);
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(path: string, cookie: string) {
  const res = await fetch(app.base + path, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  return { status: res.status, cache: res.headers.get("x-page-cache"), body, nonce, normalised: nonce ? body.split(nonce).join("NONCE") : body };
}

/** Views until one is served from the cache: each web worker (WEB_CONCURRENCY) keeps its own. */
async function getUntilHit(path: string, cookie: string) {
  for (let i = 0; i < 8; i++) {
    const r = await get(path, cookie);
    if (r.cache === "hit") return r;
  }
  throw new Error(`${path} was never served from the cache`);
}

async function db<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test("a repeated view is the same page with a new nonce; another user gets their own page", async () => {
  const leader = await sessionCookie(app.base, "leader");
  const first = await get(SCORECARD, leader);
  expect(first.status).toBe(200);
  expect(first.cache).toBe("miss");
  const second = await getUntilHit(SCORECARD, leader);
  expect(second.nonce).not.toBe(first.nonce);
  expect(second.body).toContain(`nonce="${second.nonce}"`);
  expect(second.body).not.toContain(first.nonce);
  expect(second.normalised).toBe(first.normalised);

  const reviewer = await sessionCookie(app.base, "reviewer");
  const other = await get(SCORECARD, reviewer);
  expect(other.cache).toBe("miss"); // not the leader's copy
  const names = await db((c) => c.query<{ username: string; display_name: string }>(`SELECT username, display_name FROM app_user WHERE username IN ('leader', 'reviewer')`));
  const name = (u: string) => names.rows.find((r) => r.username === u)!.display_name;
  expect(other.body).toContain(name("reviewer"));
  expect(other.body).not.toContain(name("leader"));
});

async function itemScore(page: Page): Promise<string> {
  return (await page.locator(`tr[data-item="${ITEM}"] td[data-col="score"]`).innerText()).trim();
}

test("in Chromium a replayed page runs its scripts, and a save shows on the next view", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: app.base });
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) cspErrors.push(m.text());
  });
  await signIn(page, "leader");
  for (let i = 0; i < 8; i++) {
    const res = await page.goto(`${app.base}${SCORECARD}`);
    if (res!.headers()["x-page-cache"] === "hit") break;
    expect(i, "the scorecard was never served from the cache").toBeLessThan(7);
  }
  await expect(page.getByTestId("scorecard")).toBeVisible();
  const before = await itemScore(page);
  // the scripts ran under the new nonce: a link is a client-side navigation (same window)
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.locator(`tr[data-item="${ITEM}"] th a`).click();
  await expect(page).toHaveURL(/\/indicators/);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(cspErrors).toEqual([]);

  const editionId = await openPeriod(url);
  const county = await sessionCookie(app.base, "county");
  const kind = await db(async (c) => {
    const r = await c.query(`SELECT data FROM edition WHERE id = $1`, [editionId]);
    const find = (nodes: { code: string; rule?: { pools?: { kinds: { code: string }[] }[] }; children?: unknown[] }[]): string | undefined => {
      for (const n of nodes) {
        if (n.code === ITEM) return n.rule!.pools![0].kinds[0].code;
        const k = n.children && find(n.children as never);
        if (k) return k;
      }
    };
    return find(r.rows[0].data.parts.flatMap((p: { indicators: unknown[] }) => p.indicators))!;
  });
  const save = await fetch(`${app.base}/api/facts`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: county },
    body: JSON.stringify({ editionId, unitCode: COUNTY, itemCode: ITEM, expectedVersion: 0, payload: { value: { events: [{ kind, count: 3, date: "2017-03-01" }] } } }),
  });
  expect(save.status, await save.text()).toBe(200);

  const after = await page.goto(`${app.base}${SCORECARD}`);
  expect(after!.headers()["x-page-cache"]).toBe("miss");
  await expect.poll(() => itemScore(page)).not.toBe(before);
  expect(cspErrors).toEqual([]);
  await context.close();
});

test("a disabled account gets no cached page", async () => {
  const leader = await sessionCookie(app.base, "leader");
  await getUntilHit(SCORECARD, leader);
  await db((c) => c.query(`UPDATE app_user SET disabled = true WHERE username = 'leader'`));
  try {
    const res = await get(SCORECARD, leader);
    expect(res.status).toBe(307);
    expect(res.cache).toBeNull();
    expect(res.body).not.toContain('data-testid="scorecard"');
  } finally {
    await db((c) => c.query(`UPDATE app_user SET disabled = false WHERE username = 'leader'`));
  }
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
