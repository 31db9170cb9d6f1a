// The rendered-page cache: a leader's 排名看板 or 记分卡 is rendered once and served again
// to the same signed-in user until anything in the database changes. It sits in front of
// Next.js in scripts/start.ts (no React here) and only ever replays what Next rendered for
// that same user, so authorisation stays where it is (lib/auth/guard.ts):
//
// - Key: the user (id + session version, from the session cookie) and the URL. Another
//   user, a reset password, a signed-out session or a disabled account never matches.
//   The cookie is read exactly as next-auth reads it, or not at all: a request carrying
//   more than one session cookie (duplicates, chunks, the other name) is not cached, since
//   next-auth would pick one of them and the cache might pick another.
// - Freshness: PostgreSQL's current snapshot (`pg_current_snapshot()`) is read before the
//   page renders and stored with it; it changes whenever any write transaction commits. A
//   stored page is served only while the snapshot is unchanged, so a reviewer's change,
//   a new fact, an account change or a finalisation is visible on the next request, on
//   every instance (the check is one query against the shared database, not process
//   memory). Entries also expire after PAGE_CACHE_TTL_SECONDS.
// - Each replay gets a new CSP nonce: the stored nonce is replaced in the body and the
//   policy (lib/http/csp.ts), so no two responses share one.
// - Only complete 200 text/html responses without Set-Cookie are stored; redirects, 403s,
//   errors and anything streamed to a client that went away are not.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { decode } from "next-auth/jwt";
import pg from "pg";
import { createTokenReader, sessionCookieName } from "../auth/session-cookie";
import { buildCsp, newNonce, nonceOf } from "./csp";

/** Pages worth caching: the read-only leader views, rendered from the whole edition. */
const CACHEABLE = [/^\/dashboard\/?$/, /^\/scorecards\/?$/, /^\/scorecards\/[^/]+\/?$/];
/** Every cookie name next-auth might take a session from, whatever its configuration. */
const SESSION_COOKIE_PREFIXES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
/** Response headers that belong to one response, not to the page. */
const PER_RESPONSE = new Set(["content-length", "content-security-policy", "date", "connection", "keep-alive", "transfer-encoding", "x-page-cache", "content-encoding"]);

export type PageCacheOptions = {
  databaseUrl: string;
  secret: string;
  /** the session cookie next-auth reads; default from the environment as next-auth's options */
  cookieName?: string;
  /** entries kept (LRU); default 500 */
  maxEntries?: number;
  /** bytes of HTML kept in all; default 64 MiB */
  maxBytes?: number;
  /** seconds an entry lives at most; default 600 */
  ttlSeconds?: number;
  dev?: boolean;
};

/** A stored page: its body cut at every occurrence of the nonce it was rendered with. */
type Entry = { snapshot: string; headers: [string, string | string[]][]; parts: Buffer[]; size: number; nonce: string };
type Viewer = { uid: number; sv: number; sid: string };
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The URL path + query when this request may be served from the cache, else null. */
export function cacheableUrl(req: Pick<IncomingMessage, "method" | "url" | "headers">): string | null {
  if (req.method !== "GET" || !req.url) return null;
  const h = req.headers;
  // client-side navigations (RSC payloads), prefetches and server actions go to Next as they are
  if (h["rsc"] || h["next-router-prefetch"] || h["next-action"] || h["purpose"] === "prefetch") return null;
  const q = req.url.indexOf("?");
  const pathname = q < 0 ? req.url : req.url.slice(0, q);
  return CACHEABLE.some((r) => r.test(pathname)) ? req.url : null;
}

/**
 * The session cookie's value when the request carries exactly one session cookie, named
 * exactly `cookieName` (the one next-auth is configured to read), with a plain token value.
 * Anything else (none, duplicates, chunks, both names, odd spacing or encoding) → null:
 * the request goes to Next uncached rather than risk keying on another cookie than the
 * one next-auth decodes.
 */
export function sessionToken(cookieHeader: string | string[] | undefined, cookieName: string): string | null {
  if (!cookieHeader) return null;
  const header = Array.isArray(cookieHeader) ? cookieHeader.join("; ") : cookieHeader;
  let found: { name: string; value: string } | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = rawName.trim();
    if (!SESSION_COOKIE_PREFIXES.some((p) => name.toLowerCase().startsWith(p.toLowerCase()))) continue;
    if (found) return null; // a second session cookie: ambiguous
    found = { name: rawName.replace(/^ +/, ""), value: eq < 0 ? "" : part.slice(eq + 1) };
  }
  if (!found || found.name !== cookieName) return null;
  return /^[A-Za-z0-9_.-]+$/.test(found.value) ? found.value : null;
}

/** The body cut at every occurrence of `nonce`: joining the parts with a nonce rebuilds it. */
export function splitOnNonce(body: Buffer, nonce: string): Buffer[] {
  const needle = Buffer.from(nonce, "utf8");
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = body.indexOf(needle, from); i >= 0; i = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, i));
    from = i + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** A stored body with a new nonce where the old one was (a copy of bytes, no re-encoding). */
export function joinWithNonce(parts: Buffer[], nonce: string): Buffer {
  const n = Buffer.from(nonce, "utf8");
  const list: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) list.push(n);
    list.push(p);
  });
  return Buffer.concat(list);
}

export type PageCache = { handle(req: IncomingMessage, res: ServerResponse, next: Handler): void; close(): Promise<void> };

export function createPageCache(opts: PageCacheOptions): PageCache {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 2, idleTimeoutMillis: 30_000 });
  pool.on("error", () => {}); // a dropped idle connection: the next query reconnects
  const entries = new LRUCache<string, Entry>({
    max: opts.maxEntries ?? 500,
    maxSize: opts.maxBytes ?? 64 * 2 ** 20,
    sizeCalculation: (e) => Math.max(1, e.size),
    ttl: (opts.ttlSeconds ?? 600) * 1000,
  });
  /** session token → who it names and until when (decoding is an HKDF + AES-GCM each time) */
  const readToken = createTokenReader((token) => decode({ token, secret: opts.secret }));
  const cookieName = opts.cookieName ?? sessionCookieName();
  /** one render per key and snapshot at a time: concurrent requests wait for it */
  const inflight = new Map<string, Promise<void>>();

  async function viewerOf(token: string): Promise<Viewer | null> {
    return readToken(token);
  }

  /** The current snapshot, if the viewer may still use the session (else null: Next decides). */
  async function snapshotFor(v: Viewer): Promise<string | null> {
    const r = await pool.query<{ snapshot: string; disabled: boolean; session_version: number; must_change_password: boolean; revoked: boolean }>(
      `SELECT pg_current_snapshot()::text AS snapshot, disabled, session_version, must_change_password,
              EXISTS (SELECT 1 FROM revoked_session WHERE sid = $2) AS revoked
         FROM app_user WHERE id = $1`,
      [v.uid, v.sid],
    );
    const u = r.rows[0];
    if (!u || u.disabled || u.must_change_password || u.revoked || u.session_version !== v.sv) return null;
    return u.snapshot;
  }

  function replay(req: IncomingMessage, res: ServerResponse, e: Entry): void {
    const nonce = newNonce();
    const swap = (v: string) => v.split(e.nonce).join(nonce);
    for (const [k, val] of e.headers) res.setHeader(k, Array.isArray(val) ? val.map(swap) : swap(val));
    res.setHeader("content-security-policy", buildCsp(nonce, opts.dev));
    res.setHeader("x-page-cache", "hit");
    let body = joinWithNonce(e.parts, nonce);
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = gzipSync(body, { level: 1 });
      res.setHeader("content-encoding", "gzip");
    }
    res.setHeader("content-length", body.length);
    res.statusCode = 200;
    res.end(body);
  }

  /** Let Next render, passing every byte to the client, and keep a copy if it may be stored. */
  function renderAndStore(req: IncomingMessage, res: ServerResponse, next: Handler, key: string, snapshot: string): Promise<void> {
    // the copy must be plain HTML (its nonce is rewritten on replay): ask Next for identity
    delete req.headers["accept-encoding"];
    res.setHeader("x-page-cache", "miss");
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function" || tooBig) return;
      const b = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += b.length;
      if (size > 8 * 2 ** 20) tooBig = true;
      else chunks.push(b);
    };
    return new Promise<void>((resolve) => {
      res.once("close", () => resolve());
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        return write(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        const r = end(chunk, ...rest);
        store();
        resolve();
        return r;
      }) as typeof res.end;
      const store = () => {
        if (tooBig || res.statusCode !== 200) return;
        const type = String(res.getHeader("content-type") ?? "");
        const csp = String(res.getHeader("content-security-policy") ?? "");
        const nonce = nonceOf(csp);
        if (!type.startsWith("text/html") || res.getHeader("set-cookie") || res.getHeader("content-encoding") || !nonce) return;
        const headers = Object.entries(res.getHeaders())
          .filter(([k, v]) => v !== undefined && !PER_RESPONSE.has(k.toLowerCase()))
          .map(([k, v]) => [k, Array.isArray(v) ? v : String(v)] as [string, string | string[]]);
        const body = Buffer.concat(chunks);
        entries.set(key, { snapshot, headers, parts: splitOnNonce(body, nonce), size: body.length, nonce });
      };
      next(req, res);
    });
  }

  async function handleAsync(req: IncomingMessage, res: ServerResponse, next: Handler): Promise<void> {
    const url = cacheableUrl(req);
    const token = url ? sessionToken(req.headers.cookie, cookieName) : null;
    if (!url || !token) return next(req, res);
    let snapshot: string | null;
    let key: string;
    try {
      const v = await viewerOf(token);
      if (!v) return next(req, res);
      snapshot = await snapshotFor(v);
      key = `${v.uid}:${v.sv} ${url}`;
    } catch {
      return next(req, res); // the database is away: Next renders its own message
    }
    if (!snapshot) return next(req, res);
    for (let wait = 0; wait < 2; wait++) {
      const e = entries.get(key);
      if (e && e.snapshot === snapshot) return replay(req, res, e);
      const pending = inflight.get(`${key} ${snapshot}`);
      if (!pending) break;
      await pending;
    }
    const flight = `${key} ${snapshot}`;
    const done = renderAndStore(req, res, next, key, snapshot);
    inflight.set(flight, done);
    void done.finally(() => inflight.delete(flight));
  }

  return {
    handle(req, res, next) {
      handleAsync(req, res, next).catch(() => {
        if (!res.headersSent) next(req, res);
      });
    },
    close: () => pool.end(),
  };
}

/** PAGE_CACHE=0 turns the cache off; on by default in production. */
export function pageCacheEnabled(env: { PAGE_CACHE?: string; NODE_ENV?: string } = process.env): boolean {
  return env.PAGE_CACHE !== "0" && env.NODE_ENV !== "development";
}
