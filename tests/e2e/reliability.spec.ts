// Fault tolerance, measured against the real app: kill -9 during a burst of saves, the
// database stopping under a running app, and bad input at the HTTP boundary.
//
// Each test starts its own server(s); everything started is stopped and removed in afterAll
// (support/server.ts stopStarted) even when a test times out on a starved machine. The waits
// are bounded and say what they waited for.
import { expect, test } from "@playwright/test";
import { rmSync } from "node:fs";
import pg from "pg";
import { freePort } from "../setup/pg";
import { openPeriod, pgUrlFor, sessionCookie, startApp, startDb, stopApp, stopStarted, tmpDir, type Server } from "./support/server";

// a fresh start (initdb, migrations, the edition) can take minutes on two loaded cores
const START_MS = 180_000;
test.describe.configure({ mode: "serial", timeout: 480_000 });
test.afterAll(stopStarted);

/** Polls `check` every 100 ms until it is true or `ms` passed; then fails saying `what`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`waited ${Math.round(ms / 1000)} s for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const COUNTY = "county-sanyuan";
// per-unit deduction items of the 2017 edition that a county fills in
const ITEMS = ["p1.xxh.sphy.tsdm", "p1.xxh.sphy.hczx", "p1.xxh.sphy.hyspb", "p1.xxh.sphy.hystj", "p1.xxh.sphy.ryzb", "p1.xxh.sphy.azts"];

async function kindsOf(url: string, editionId: number): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query(`SELECT data FROM edition WHERE id = $1`, [editionId]);
  await c.end();
  const out: Record<string, string> = {};
  const walk = (nodes: { code: string; rule?: { type: string; pools?: { kinds: { code: string }[] }[] }; children?: unknown[] }[]) => {
    for (const n of nodes) {
      if (n.rule?.type === "deduction") out[n.code] = n.rule.pools![0].kinds[0].code;
      if (n.children) walk(n.children as never);
    }
  };
  for (const p of r.rows[0].data.parts) walk(p.indicators);
  return out;
}

test("kill -9 during a burst of saves: every acknowledged save is there after restart, nothing half-written", async () => {
  const dataDir = tmpDir("egov-kill-");
  const pgPort = await freePort();
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "" };
  let app: Server | undefined;
  try {
    app = await startApp(env, undefined, START_MS);
    const url = pgUrlFor(dataDir, pgPort);
    const editionId = await openPeriod(url);
    const kinds = await kindsOf(url, editionId);
    const cookie = await sessionCookie(app.base, "county");
    const acked = new Map<string, { version: number; count: number }>();
    let stop = false;
    const loop = async (item: string) => {
      let version = 0;
      for (let n = 1; !stop; n++) {
        try {
          const res = await fetch(`${app!.base}/api/facts`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie },
            body: JSON.stringify({ editionId, unitCode: COUNTY, itemCode: item, expectedVersion: version, payload: { value: { events: [{ kind: kinds[item], count: n }] } } }),
          });
          if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
          const body = (await res.json()) as { version: number };
          version = body.version;
          acked.set(item, { version, count: n });
        } catch {
          return; // the server went away mid-request: this save was not acknowledged
        }
      }
    };
    const loops = ITEMS.map(loop);
    // kill once the burst is really under way — every item saved at least twice — rather than
    // after a fixed time (a starved machine may not have acknowledged anything in 1.5 s)
    const ackedTotal = () => [...acked.values()].reduce((n, a) => n + a.version, 0);
    await waitFor(
      "two acknowledged saves of every item before the kill",
      () => ITEMS.every((i) => (acked.get(i)?.version ?? 0) >= 2),
      60_000,
    ).catch((e) => {
      stop = true;
      throw e;
    });
    app.proc.kill("SIGKILL");
    stop = true;
    await Promise.all(loops);
    const totalAcked = ackedTotal();
    expect(totalAcked).toBeGreaterThanOrEqual(2 * ITEMS.length); // the burst really happened
    test.info().annotations.push({ type: "acknowledged saves before kill -9", description: String(totalAcked) });

    app = await startApp(env, undefined, START_MS);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const [item, a] of acked) {
      const f = await c.query(`SELECT version, payload FROM item_fact WHERE edition_id = $1 AND unit_code = $2 AND item_code = $3 AND source = 'self'`, [editionId, COUNTY, item]);
      const row = f.rows[0];
      // at most one more save may have committed without its response reaching us
      expect(row.version === a.version || row.version === a.version + 1, `${item}: db v${row.version}, acked v${a.version}`).toBe(true);
      if (row.version === a.version) expect(row.payload.value.events[0].count).toBe(a.count);
      // every committed version has exactly one audit row: nothing half-written
      const audit = await c.query(`SELECT (after->>'version')::int AS v FROM audit_log WHERE action = 'fact.self.save' AND item_code = $1 AND unit_code = $2 ORDER BY id`, [item, COUNTY]);
      expect(audit.rows.map((r) => r.v)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
    }
    await c.end();
  } finally {
    if (app) await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the database stops while the app runs: health 503 and a clear message, then recovery without restarting the app", async () => {
  const dbDir = tmpDir("egov-ext-down-");
  const dbPort = await freePort();
  let db = await startDb(dbDir, dbPort);
  const dataDir = tmpDir("egov-down-data-");
  let app: Server | undefined;
  try {
    app = await startApp({ DATABASE_URL: db.url, DATA_DIR: dataDir }, undefined, START_MS);
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);
    const cookie = await sessionCookie(app.base, "reviewer");
    await db.stop();
    const down = await fetch(`${app.base}/api/health`);
    expect(down.status).toBe(503);
    expect((await down.json()).reason).toMatch(/数据库不可用/);
    // a signed-in user's page needs the database to know who they are
    const page = await fetch(`${app.base}/`, { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain("数据库暂时不可用");
    expect(html).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/); // no stack trace, no raw error

    db = await startDb(dbDir, dbPort);
    let status = 0;
    const base = app.base;
    await waitFor(
      "the app's health check to be 200 again after the database came back",
      async () => (status = (await fetch(`${base}/api/health`)).status) === 200,
      30_000,
    ).catch(() => expect(status, "health after the database came back").toBe(200));
    const after = await (await fetch(`${app.base}/`, { headers: { cookie } })).text();
    expect(after).not.toContain("数据库暂时不可用");
    expect(after).toContain("数字办审核员"); // signed in again, same session
    expect(app.proc.exitCode).toBeNull(); // the same process recovered
  } finally {
    if (app) await stopApp(app);
    await db.stop();
    rmSync(dbDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("bad input at the HTTP boundary gets a clear error and leaves stored data unchanged", async () => {
  const dataDir = tmpDir("egov-bad-");
  const pgPort = await freePort();
  let app: Server | undefined;
  try {
    app = await startApp({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "" }, undefined, START_MS);
    const base = app.base;
    const url = pgUrlFor(dataDir, pgPort);
    const editionId = await openPeriod(url);
    const cookie = await sessionCookie(base, "county");
    const post = (body: string) => fetch(`${base}/api/facts`, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
    const good = { editionId, unitCode: COUNTY, itemCode: ITEMS[0], expectedVersion: 0, payload: { value: { events: [{ kind: "qxcd", count: 3, date: "2017-03-01" }] } } };
    expect((await post(JSON.stringify(good))).status).toBe(200);
    const snapshot = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query(`SELECT item_code, version, payload::text FROM item_fact ORDER BY id`);
      await c.end();
      return r.rows;
    };
    const before = await snapshot();
    const cases: [string, string][] = [
      ["malformed JSON", "{\"editionId\": 1, "],
      ["full-width digits", JSON.stringify({ ...good, expectedVersion: 1, payload: { value: { events: [{ kind: "qxcd", count: "１２" }] } } })],
      ["a date that does not exist", JSON.stringify({ ...good, expectedVersion: 1, payload: { value: { events: [{ kind: "qxcd", count: 1, date: "2017-02-30" }] } } })],
      ["zero-width and control characters in a code", JSON.stringify({ ...good, expectedVersion: 1, payload: { value: { events: [{ kind: "qx\u200bcd\u0007", count: 1 }] } } })],
      ["a 10,000-character unit code", JSON.stringify({ ...good, expectedVersion: 1, unitCode: "县".repeat(10_000) })],
      ["an unknown item", JSON.stringify({ ...good, expectedVersion: 1, itemCode: "p9.nothing" })],
    ];
    for (const [label, body] of cases) {
      const res = await post(body);
      const text = await res.text();
      expect([400, 403, 404], `${label}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
      expect(text, label).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
      expect(text, label).not.toMatch(/at .*\.(js|ts):\d+|TypeError|SyntaxError/);
    }
    expect(await snapshot()).toEqual(before);
  } finally {
    if (app) await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
