// Starting and stopping the real app (scripts/start.ts) from a test, on its own ports.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DEMO_PASSWORD } from "../../../playwright.config";
import { freePort } from "../../setup/pg";

export type Server = { proc: ChildProcess; output: () => string; port: number; base: string };

export function tmpDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(d, 0o755);
  return d;
}

export async function startApp(env: Record<string, string>, port?: number, timeoutMs = 120_000): Promise<Server> {
  port ??= await freePort();
  let out = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", PORT: String(port), DEMO_PASSWORD, DEMO_DATA: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) return { proc, output: () => out, port, base };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill("SIGKILL");
  throw new Error(`server did not become healthy:\n${out}`);
}

export async function stopApp(s: Server, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (s.proc.exitCode !== null) return s.proc.exitCode;
  const done = new Promise<number | null>((r) => s.proc.once("exit", (code) => r(code)));
  s.proc.kill(signal);
  return done;
}

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
