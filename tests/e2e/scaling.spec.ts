// Two stateless app instances on one PostgreSQL serve the same user consistently:
// sessions, optimistic concurrency and sign-in throttling are all in the database.
import { expect, test } from "@playwright/test";
import { rmSync } from "node:fs";
import pg from "pg";
import { DEMO_PASSWORD } from "../../playwright.config";
import { freshDatabase } from "./support/db";
import { sessionCookie, startApp, stopApp, stopStarted, tmpDir, trySignIn } from "./support/server";

test.describe.configure({ timeout: 240_000 });

test("two instances on one database: one session, no lost update, shared throttle", async () => {
  const db = await freshDatabase("e2e_scaling"); // on the worker's shared PostgreSQL
  const dirA = tmpDir("egov-two-a-");
  const dirB = tmpDir("egov-two-b-");
  const a = await startApp({ DATABASE_URL: db.url, DATA_DIR: dirA, NEXTAUTH_SECRET: "" });
  const b = await startApp({ DATABASE_URL: db.url, DATA_DIR: dirB, NEXTAUTH_SECRET: "" });
  try {
    // a session made on A is valid on B (the signing secret is shared through the database)
    const cookie = await sessionCookie(a.base, "county");
    const who = async (base: string) => (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { uid?: number };
    expect((await who(a.base)).uid).toBeTruthy();
    expect((await who(b.base)).uid).toBe((await who(a.base)).uid);

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const editionId = (await c.query(`SELECT id FROM edition WHERE current ORDER BY id LIMIT 1`)).rows[0].id as number;
    await c.query(`INSERT INTO assessment_period (edition_id, opens_at, deadline) VALUES ($1, now() - interval '1 day', now() + interval '1 day')`, [editionId]);
    const save = (base: string, expectedVersion: number, count: number) =>
      fetch(`${base}/api/facts`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ editionId, unitCode: "county-sanyuan", itemCode: "p1.xxh.sphy.tsdm", expectedVersion, payload: { value: { events: [{ kind: "qxcd", count }] } } }),
      });
    expect((await save(a.base, 0, 3)).status).toBe(200); // A writes version 1
    const stale = await save(b.base, 0, 5); // B still thinks it is version 0
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { version: number } }).current.version).toBe(1);
    expect((await save(b.base, 1, 5)).status).toBe(200); // B sees A's write and goes on
    const row = (await c.query(`SELECT version, payload FROM item_fact WHERE item_code = 'p1.xxh.sphy.tsdm' AND unit_code = 'county-sanyuan'`)).rows[0];
    expect(row.version).toBe(2);
    expect(row.payload.value.events[0].count).toBe(5);
    await c.end();

    // throttling counters are shared: failures on A lock the account on B too
    for (let i = 0; i < 10; i++) expect((await trySignIn(a.base, "leader", `wrong-password-${i}`)).ok).toBe(false);
    // the right password is refused on B: the account is throttled everywhere
    const blocked = !(await trySignIn(b.base, "leader", DEMO_PASSWORD)).ok;
    expect(blocked).toBe(true);
  } finally {
    await stopApp(a);
    await stopApp(b);
    await db.stop();
    for (const d of [dirA, dirB]) rmSync(d, { recursive: true, force: true });
  }
});

// whatever a timed-out or failed test left running (servers, postgres, temp dirs)
test.afterAll(stopStarted);
