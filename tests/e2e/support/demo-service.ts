// The demo data, generated once per Playwright run and copied per spec (runs in the
// Playwright runner process: started by tests/e2e/support/global-setup.ts).
//
// Generating the demo data is about a minute of CPU; four specs need it on a database of
// their own (they finalise, publish or read the demo's story). The first spec that asks
// starts one embedded PostgreSQL for the run and starts the app on an empty database there
// with DEMO_DATA=1 — exactly `npm start`'s first start, random demo passwords and all — and
// stops it once healthy; that database is the template. Every request then gets a copy
// (CREATE DATABASE … TEMPLATE, well under a second). The workers ask over HTTP on 127.0.0.1
// (E2E_DEMO_SERVICE), so one process owns the cluster and the build: two workers asking at
// once wait for the same build, and nothing is built when no spec asks (unless eager: the
// whole suite starts the build at once, so the first demo spec need not wait for it).
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbedded, type EmbeddedHandle } from "../../../lib/db/embedded";
import { freePort, withDatabase } from "../../setup/pg";

export const TEMPLATE = "demo_template";

/** What a copy request answers: the copy's URL and the output of the start that generated the template. */
export type DemoCopy = { url: string; adminUrl: string; name: string; startOutput: string; buildMs: number };

type Template = { adminUrl: string; output: string; ms: number };

async function query(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Starts scripts/start.ts on `url` with the demo data, waits for its health check, stops it; returns its output. */
async function generate(url: string, timeoutMs: number): Promise<string> {
  const port = await freePort();
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: url,
      DATA_DIR: tmp!,
      DEMO_DATA: "1",
      DEMO_ACCOUNTS: "1",
      DEMO_PASSWORD: "", // as a real first start: a random password per account, printed once
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`the demo start exited early (${proc.exitCode}):\n${out.slice(-8_000)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) });
        if (r.status === 200) return out;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the demo start was not healthy within ${Math.round(timeoutMs / 1000)} s:\n${out.slice(-8_000)}`);
  } finally {
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(t);
    }
    child = undefined;
  }
}

let tmp: string | undefined;
let cluster: EmbeddedHandle | undefined;
let child: ReturnType<typeof spawn> | undefined;
let template: Promise<Template> | undefined;
/** copies one at a time (a template must have no other session while it is copied) */
let copying: Promise<unknown> = Promise.resolve();
let n = 0;

function buildTemplate(): Promise<Template> {
  template ??= (async () => {
    const t0 = Date.now();
    tmp = mkdtempSync(path.join(os.tmpdir(), "egov-e2e-demo-"));
    chmodSync(tmp, 0o755); // postgres runs as its own user and must reach its data dir
    cluster = await startEmbedded({ dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} });
    const adminUrl = withDatabase(cluster.url, "postgres");
    await query(adminUrl, `CREATE DATABASE ${TEMPLATE}`);
    const output = await generate(withDatabase(cluster.url, TEMPLATE), 600_000);
    // nobody connects to the template again: copies need it free of sessions
    await query(adminUrl, `ALTER DATABASE ${TEMPLATE} WITH ALLOW_CONNECTIONS false`);
    return { adminUrl, output, ms: Date.now() - t0 };
  })();
  // a failed build fails every request of the run with the same message (and is not retried)
  return template;
}

async function copy(prefix: string): Promise<DemoCopy> {
  const t = await buildTemplate();
  const name = `${prefix.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${++n}`;
  const run = copying.then(() => query(t.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  copying = run.catch(() => undefined);
  await run;
  return { url: withDatabase(t.adminUrl, name), adminUrl: t.adminUrl, name, startOutput: t.output, buildMs: t.ms };
}

/** Starts the service; returns its base URL and a stop function (stops the cluster, removes its files). */
export async function startDemoService(opts: { eager?: boolean } = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    if (req.method !== "POST" || u.pathname !== "/copy") {
      res.writeHead(404).end();
      return;
    }
    copy(u.searchParams.get("prefix") || "demo").then(
      (c) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(c)),
      (e: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(e instanceof Error ? (e.stack ?? e.message) : String(e)),
    );
  });
  // a build takes minutes on a loaded machine: no server-side timeouts
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 1_000;
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  // a failure is reported to the first spec that asks (and every one after it)
  if (opts.eager) buildTemplate().catch(() => undefined);
  const kill = () => child?.kill("SIGKILL");
  process.once("exit", kill);
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      child?.kill("SIGTERM");
      await template?.catch(() => undefined);
      await cluster?.stop().catch(() => undefined);
      if (tmp) rmSync(tmp, { recursive: true, force: true });
      process.removeListener("exit", kill);
    },
  };
}
