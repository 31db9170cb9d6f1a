// A server of a spec's own on a copy of the run's demo database (support/demo-service.ts
// generates it once per run; the copy is CREATE DATABASE … TEMPLATE). For the specs that
// need the demo data and change it (finalise, publish) or read its story: dashboard,
// editions, print-phone, ux-flow's "the demo".
import http from "node:http";
import pg from "pg";
import { DEMO_PASSWORD } from "../../../playwright.config";
import type { DemoCopy } from "./demo-service";
import { onStop, startApp, tmpDir, type Server } from "./server";
import { passwordHash } from "./users";

export const DEMO_ACCOUNTS = ["admin", "reviewer", "leader", "dept", "county"] as const;

/** Asks the runner's demo service for a copy (waits while the template is generated: minutes on a loaded machine). */
function requestCopy(prefix: string): Promise<DemoCopy> {
  const base = process.env.E2E_DEMO_SERVICE;
  if (!base) throw new Error("E2E_DEMO_SERVICE is not set: playwright.config.ts's globalSetup starts the demo service");
  return new Promise((resolve, reject) => {
    // node:http, not fetch: fetch gives up on a response that takes more than 300 s to start
    const req = http.request(`${base}/copy?prefix=${encodeURIComponent(prefix)}`, { method: "POST" }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body) as DemoCopy) : reject(new Error(`demo template: ${body}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export type DemoApp = {
  server: Server;
  base: string;
  /** the copy's database URL */
  url: string;
  /** output of the start that generated the demo (its table of accounts with their random passwords) */
  startOutput: string;
};

/**
 * Starts the app on a fresh copy of the demo database. Two things a server of the spec's own
 * had of its own and a copy would share are made its own again: the session signing key
 * (removed, so the start generates one) and, with `passwords: "demo"` (the default), the
 * five demo accounts' passwords, which become DEMO_PASSWORD as if the demo had been
 * generated with it; `"generated"` keeps the random ones the generating start printed.
 * The copy is dropped by stopStarted.
 */
export async function startDemoApp(
  prefix: string,
  opts: { passwords?: "demo" | "generated"; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<DemoApp> {
  const copy = await requestCopy(prefix);
  onStop(async () => {
    const c = new pg.Client({ connectionString: copy.adminUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${copy.name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const c = new pg.Client({ connectionString: copy.url });
  await c.connect();
  try {
    await c.query(`DELETE FROM app_setting WHERE key = 'nextauth_secret'`);
    if ((opts.passwords ?? "demo") === "demo") {
      const r = await c.query(`UPDATE app_user SET password_hash = $1 WHERE username = ANY($2)`, [await passwordHash(DEMO_PASSWORD), [...DEMO_ACCOUNTS]]);
      if (r.rowCount !== DEMO_ACCOUNTS.length) throw new Error(`the demo database has ${r.rowCount} of the ${DEMO_ACCOUNTS.length} demo accounts`);
    }
  } finally {
    await c.end();
  }
  const server = await startApp({ DATA_DIR: tmpDir(`egov-e2e-${prefix}-`), DATABASE_URL: copy.url, DEMO_DATA: "0", ...opts.env }, undefined, opts.timeoutMs ?? 240_000);
  return { server, base: server.base, url: copy.url, startOutput: copy.startOutput };
}
