// The rendered-page cache (lib/http/page-cache.ts) on real PostgreSQL, in front of a
// stand-in renderer that counts how often it is asked: what is replayed, what is not, and
// that any committed write ends every replay.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbedded, type EmbeddedHandle } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { buildCsp, newNonce } from "@/lib/http/csp";
import { createPageCache, type PageCache } from "@/lib/http/page-cache";
import { freePort } from "../setup/pg";

// A PostgreSQL cluster of its own: freshness is PostgreSQL's snapshot, which is per cluster,
// so a write by a test file running beside this one (another database of the shared test
// cluster) would end every replay and make "hit" a race.
let cluster: EmbeddedHandle;
let tmp: string;
let url: string;
const secret = "page-cache-test-secret-0123456789abcdef";
let db: pg.Client;
let cache: PageCache;
let server: http.Server;
let base: string;
let renders = 0;
let uid: number;
let cookie: string;
const SID = "page-cache-session-1";
const now = () => Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown>, key = secret) => encode({ token: { uid, sv: 1, sid: SID, at: now(), ...claims }, secret: key });

/** Stands in for Next.js: a page with a CSP nonce, like proxy.ts and the layout make. */
function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  const n = renders;
  setTimeout(() => {
    const nonce = newNonce();
    res.setHeader("content-security-policy", buildCsp(nonce, false));
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (req.url?.includes("broken")) res.statusCode = 500;
    if (req.url?.includes("cookie")) res.setHeader("set-cookie", "x=1; Path=/");
    res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}">boot()</script></head><body>`);
    res.end(`<p>render ${n} of ${req.url} for ${req.headers.cookie ? "someone" : "nobody"}</p><script nonce="${nonce}">go()</script></body></html>`);
  }, 20);
}

async function get(path: string, c = cookie) {
  const res = await fetch(base + path, { headers: { cookie: c } });
  const body = await res.text();
  return { status: res.status, cache: res.headers.get("x-page-cache"), csp: res.headers.get("content-security-policy") ?? "", body };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "page-cache-pg-"));
  cluster = await startEmbedded({ dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} });
  url = cluster.url;
  await migrate(url);
  db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`CREATE TABLE IF NOT EXISTS page_cache_probe (n int)`);
  const u = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash, roles, must_change_password, updated_at)
     VALUES ('page-cache-leader', '缓存测试领导', 'x', '{leader}', false, now()) RETURNING id`,
  );
  uid = u.rows[0].id;
  cookie = `next-auth.session-token=${await token({})}`;
  cache = createPageCache({ databaseUrl: url, secret });
  server = http.createServer((req, res) => cache.handle(req, res, render));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await cache?.close();
  await db?.query(`DROP TABLE IF EXISTS page_cache_probe`);
  await db?.query(`DELETE FROM app_user WHERE id = $1`, [uid]);
  await db?.end();
  await cluster?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("page cache", () => {
  it("replays a page to the same user with a new nonce in the body and the policy, without rendering", async () => {
    const first = await get("/dashboard?group=county");
    expect(first.cache).toBe("miss");
    const count = renders;
    const second = await get("/dashboard?group=county");
    expect(second.cache).toBe("hit");
    expect(renders).toBe(count);
    const n1 = /'nonce-([^']+)'/.exec(first.csp)![1];
    const n2 = /'nonce-([^']+)'/.exec(second.csp)![1];
    expect(n2).not.toBe(n1);
    expect(second.body.split(`nonce="${n2}"`).length - 1).toBe(2);
    expect(second.body).not.toContain(n1);
    expect(second.body.split(n2).join("N")).toBe(first.body.split(n1).join("N"));
    // another query string is another page
    expect((await get("/dashboard?group=department")).cache).toBe("miss");
  });

  it("renders again after any committed write, then replays the new page", async () => {
    await get("/scorecards/county-sanyuan");
    expect((await get("/scorecards/county-sanyuan")).cache).toBe("hit");
    await db.query(`INSERT INTO page_cache_probe VALUES (1)`); // a write anywhere in the database
    const after = await get("/scorecards/county-sanyuan");
    expect(after.cache).toBe("miss");
    const replay = await get("/scorecards/county-sanyuan");
    expect(replay.cache).toBe("hit");
    expect(replay.body.replace(/nonce="[^"]+"/g, "")).toBe(after.body.replace(/nonce="[^"]+"/g, ""));
  });

  it("never replays to a disabled user, an ended session, a forged cookie or no cookie", async () => {
    await get("/scorecards/a");
    expect((await get("/scorecards/a")).cache).toBe("hit");
    await db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [uid]);
    try {
      const r = await get("/scorecards/a");
      expect(r.cache).toBeNull(); // passed to the renderer, which decides (here: renders)
      expect(r.body).toContain("render");
    } finally {
      await db.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [uid]);
    }
    const stale = `next-auth.session-token=${await token({ sv: 0 })}`;
    expect((await get("/scorecards/a", stale)).cache).toBeNull();
    const forged = `next-auth.session-token=${await token({}, "another-secret-of-sufficient-length")}`;
    expect((await get("/scorecards/a", forged)).cache).toBeNull();
    expect((await get("/scorecards/a", "")).cache).toBeNull();
    const old = `next-auth.session-token=${await token({ at: now() - 13 * 3600 })}`; // past the absolute lifetime
    expect((await get("/scorecards/a", old)).cache).toBeNull();
    const noSid = `next-auth.session-token=${await encode({ token: { uid, sv: 1 }, secret })}`; // from before session ids
    expect((await get("/scorecards/a", noSid)).cache).toBeNull();
  });

  it("never replays to a signed-out session (its id is revoked), while another session of the user still gets it", async () => {
    const other = `next-auth.session-token=${await token({ sid: "page-cache-session-2" })}`;
    await get("/scorecards/b", other);
    expect((await get("/scorecards/b", other)).cache).toBe("hit");
    await db.query(`INSERT INTO revoked_session (sid, user_id, expires_at) VALUES ('page-cache-session-2', $1, now() + interval '1 hour')`, [uid]);
    expect((await get("/scorecards/b", other)).cache).toBeNull();
    expect((await get("/scorecards/b")).cache).toBe("miss"); // the revocation was a write: rendered again
    expect((await get("/scorecards/b")).cache).toBe("hit");
  });

  it("does not cache a request with two session cookies: next-auth reads the last, the cache must not read another", async () => {
    const intruder = `next-auth.session-token=${await token({ uid: uid + 100000 })}`;
    await get("/scorecards/c");
    const before = renders;
    for (const c of [`${intruder}; ${cookie}`, `${cookie}; ${intruder}`, `${cookie}; ${cookie}`, `${cookie}; __Secure-${cookie}`]) {
      const r = await get("/scorecards/c", c);
      expect(r.cache, c.slice(0, 40)).toBeNull();
    }
    expect(renders).toBe(before + 4);
  });

  it("stores only complete 200 HTML responses without Set-Cookie, and only the leader pages", async () => {
    for (const path of ["/scorecards/broken", "/scorecards/cookie", "/review", "/scorecards/a/evidence"]) {
      await get(path);
      const before = renders;
      const again = await get(path);
      expect(again.cache, path).not.toBe("hit");
      expect(renders, path).toBe(before + 1);
    }
  });

  it("renders a cold page once for many concurrent requests", async () => {
    await db.query(`INSERT INTO page_cache_probe VALUES (2)`);
    const before = renders;
    const all = await Promise.all(Array.from({ length: 20 }, () => get("/dashboard")));
    expect(renders).toBe(before + 1);
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(new Set(all.map((r) => /'nonce-([^']+)'/.exec(r.csp)![1])).size).toBe(20);
  });

  it("passes requests through when the database does not answer", async () => {
    const away = createPageCache({ databaseUrl: "postgresql://postgres:x@127.0.0.1:1/none", secret });
    const s = http.createServer((req, res) => away.handle(req, res, render));
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/dashboard`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-page-cache")).toBeNull();
    } finally {
      await new Promise((r) => s.close(r));
      await away.close();
    }
  });
});
