// Starting and stopping the real app (scripts/start.ts) from a test, on its own ports.
//
// Everything started here — app processes, embedded PostgreSQL clusters (the app's own under
// DATA_DIR/pg, or one a spec starts with startDb) and temp directories — is recorded per
// worker, so `stopStarted()` (each spec that starts servers calls it in afterAll) stops and
// removes what is left even when a test timed out in the middle (Playwright abandons a timed-out
// test body: its `finally` never runs, the afterAll hooks do). A last-resort exit handler kills
// whatever is still alive when the worker process ends.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbedded, type EmbeddedHandle } from "../../../lib/db/embedded";
import { DEMO_PASSWORD } from "../../../playwright.config";
import { freePort } from "../../setup/pg";

export type Server = { proc: ChildProcess; output: () => string; port: number; base: string };

const liveApps = new Set<ChildProcess>();
const liveDbs = new Set<EmbeddedHandle>();
/** postgres data directories (…/pg) whose postmaster a start here may have left running */
const pgDirs = new Set<string>();
const tmpDirs = new Set<string>();
/** other clean-ups (a database dropped), run last by stopStarted */
const cleanups = new Set<() => Promise<void>>();

/** Runs `fn` in stopStarted (after the apps are stopped) unless `cancel()` was called first. */
export function onStop(fn: () => Promise<void>): { cancel: () => void } {
  cleanups.add(fn);
  return { cancel: () => cleanups.delete(fn) };
}

export function tmpDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(d, 0o755);
  tmpDirs.add(d);
  return d;
}

/**
 * Starts scripts/start.ts with `env` and waits for its health check. One web process unless `env`
 * says otherwise (WEB_CONCURRENCY): the e2e servers already share two cores, and each extra
 * web worker is another Next.js start; start.spec.ts keeps the cluster covered.
 */
export async function startApp(env: Record<string, string>, port?: number, timeoutMs = 180_000): Promise<Server> {
  port ??= await freePort();
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", PORT: String(port), DEMO_PASSWORD, DEMO_DATA: "0", WEB_CONCURRENCY: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveApps.add(proc);
  proc.once("exit", () => liveApps.delete(proc));
  // an app on its own embedded PostgreSQL (no DATABASE_URL): its postmaster outlives a kill -9
  if (env.DATA_DIR && !env.DATABASE_URL) pgDirs.add(path.join(env.DATA_DIR, "pg"));
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const deadline = t0 + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (r.status === 200) return { proc, output: () => out, port, base };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopProcess(proc, 5_000);
  throw new Error(`server on port ${port} did not become healthy within ${Math.round(timeoutMs / 1000)} s:\n${out.slice(-8_000)}`);
}

/** Another process a spec started (nginx): stopped by stopStarted if still running. */
export function trackProcess(proc: ChildProcess): void {
  liveApps.add(proc);
  proc.once("exit", () => liveApps.delete(proc));
}

/** Stops an app (SIGTERM by default: a clean shutdown); resolves with its exit code. */
export async function stopApp(s: Server, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return s.proc.exitCode;
  const done = new Promise<number | null>((r) => s.proc.once("exit", (code) => r(code)));
  s.proc.kill(signal);
  return done;
}

/** An embedded PostgreSQL of a spec's own in `dataDir` (stopped by stopStarted if the spec does not). */
export async function startDb(dataDir: string, port?: number): Promise<EmbeddedHandle> {
  const pgDir = path.join(dataDir, "pg");
  pgDirs.add(pgDir);
  const h = await startEmbedded({ dataDir, pgDir, port: port ?? (await freePort()), log: () => {} });
  const handle: EmbeddedHandle = {
    ...h,
    stop: async () => {
      liveDbs.delete(handle);
      await h.stop();
    },
  };
  liveDbs.add(handle);
  return handle;
}

function stopProcess(proc: ChildProcess, graceMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    proc.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

function postmasterPid(pgDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmd.includes("postgres") ? pid : null;
  } catch {
    return null;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Fast shutdown of a postmaster left in `pgDir` (SIGINT), then immediate (SIGQUIT), then SIGKILL. */
async function stopPostmaster(pgDir: string): Promise<void> {
  const pid = postmasterPid(pgDir);
  if (!pid) return;
  for (const [sig, ms] of [["SIGINT", 10_000], ["SIGQUIT", 5_000], ["SIGKILL", 2_000]] as const) {
    try {
      process.kill(pid, sig);
    } catch {
      return;
    }
    const until = Date.now() + ms;
    while (Date.now() < until && alive(pid)) await new Promise((r) => setTimeout(r, 100));
    if (!alive(pid)) return;
  }
}

/**
 * Stops everything this worker started and still runs — apps, then the databases — and removes
 * the temp directories. Call it in afterAll of every spec that starts servers; it is a no-op
 * when the spec cleaned up after itself.
 */
export async function stopStarted(): Promise<void> {
  await Promise.all([...liveApps].map((p) => stopProcess(p, 15_000)));
  for (const db of [...liveDbs]) await db.stop().catch(() => undefined);
  await Promise.all([...pgDirs].map((d) => stopPostmaster(d)));
  pgDirs.clear();
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
  tmpDirs.clear();
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    await fn().catch(() => undefined);
  }
}

// last resort (a worker ending while something still runs): signals only, synchronously
process.once("exit", () => {
  for (const p of liveApps) p.kill("SIGKILL");
  for (const d of pgDirs) {
    const pid = postmasterPid(d);
    if (pid) process.kill(pid, "SIGQUIT");
  }
});

export function pgUrlFor(dataDir: string, pgPort: number): string {
  const pw = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(pw)}@127.0.0.1:${pgPort}/egov`;
}
/** Signs in through next-auth's credentials endpoint; returns the Cookie header value. */
export async function sessionCookie(base: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await trySignIn(base, username, password);
  if (!r.ok) throw new Error(`sign-in as ${username} failed (${r.status})`);
  return r.cookie;
}

/** One sign-in attempt (with next-auth's CSRF cookie and token): did it give a session? */
export async function trySignIn(base: string, username: string, password: string): Promise<{ ok: boolean; status: number; cookie: string }> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  keep(res);
  return { ok: [...jar.keys()].some((k) => k.includes("session-token")), status: res.status, cookie: cookieHeader() };
}

/** Opens the current edition's 自评 period (yesterday to in 30 days); returns the edition id. */
export async function openPeriod(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const e = await c.query(`SELECT id FROM edition WHERE current ORDER BY id LIMIT 1`);
  const id = e.rows[0].id as number;
  await c.query(
    `INSERT INTO assessment_period (edition_id, opens_at, deadline) VALUES ($1, now() - interval '1 day', now() + interval '30 days')
     ON CONFLICT (edition_id) DO UPDATE SET deadline = excluded.deadline`,
    [id],
  );
  await c.end();
  return id;
}
