// `npm start`: build if needed, start the database (embedded unless DATABASE_URL is set),
// migrate, seed, then serve with `next start`. Ctrl-C / SIGTERM stops the server and the
// embedded PostgreSQL cleanly; data stays in DATA_DIR.
import { spawnSync } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import http from "node:http";
import next from "next";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { resolveDbTarget } from "../lib/db/config";
import { moveLegacyEvidenceFiles } from "../lib/evidence/legacy-files";
import { legacyEvidenceDir } from "../lib/evidence/storage";
import { startEmbedded, type EmbeddedHandle } from "../lib/db/embedded";
import { migrate, MigrationError } from "../lib/db/migrate";
import { seed } from "../lib/seed";
import { createPageCache, pageCacheEnabled, type PageCache } from "../lib/http/page-cache";
import { parseTrustedProxies, stampClientIp } from "../lib/http/client-ip";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";

const dev = process.argv.includes("--dev");
const buildOnly = process.argv.includes("--build-only");
const port = Number(process.env.PORT ?? 3000);
const log = (m: string) => console.log(m);

/** A hash over everything the production build is made from. */
function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
        walk(path.join(p, name));
      }
    } else {
      h.update(p);
      h.update(readFileSync(p));
    }
  };
  for (const p of ["app", "components", "lib", "public", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"]) walk(p);
  return h.digest("hex");
}

function buildIfNeeded(): void {
  const stamp = path.join(root, ".next", "source-hash");
  const hash = sourceHash();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  log("[start] 没有当前版本的构建，正在构建（首次约 1–2 分钟）…");
  const nextBin = require.resolve("next/dist/bin/next");
  const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error("[start] 构建失败");
    process.exit(1);
  }
  writeFileSync(stamp, hash);
}

/**
 * Web workers: WEB_CONCURRENCY processes share the port (node:cluster); default one per
 * core, at most 4. 1 serves from this process. Each worker is a plain Next.js server; the
 * database, migrations and seed stay in the primary.
 */
const workers = Math.max(1, Math.min(Number(process.env.WEB_CONCURRENCY ?? Math.min(4, os.availableParallelism())) || 1, 16));

let embedded: EmbeddedHandle | undefined;
let server: http.Server | undefined;
let stopping = false;
let pageCache: PageCache | undefined;

async function serve(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const hostname = process.env.HOST ?? "0.0.0.0";
  const app = next({ dev, dir: root, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const render = (req: http.IncomingMessage, res: http.ServerResponse) => void handle(req, res);
  if (!dev && pageCacheEnabled() && process.env.NEXTAUTH_SECRET) {
    const ttl = Number(process.env.PAGE_CACHE_TTL_SECONDS ?? 600);
    pageCache = createPageCache({ databaseUrl: url, secret: process.env.NEXTAUTH_SECRET, ttlSeconds: Number.isFinite(ttl) && ttl > 0 ? ttl : 600 });
  }
  const cache = pageCache;
  const inner = cache ? (req: http.IncomingMessage, res: http.ServerResponse) => cache.handle(req, res, render) : render;
  // the client address from the socket (X-Forwarded-For only from TRUSTED_PROXIES), for the app to read
  const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  server = http.createServer((req, res) => {
    stampClientIp(req, proxies);
    inner(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server!.once("error", reject);
    server!.listen(port, hostname, () => resolve());
  });
}

async function stopWorkers(): Promise<void> {
  const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
  await Promise.all(
    alive.map(
      (w) =>
        new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            w.process.kill("SIGKILL");
            resolve();
          }, 8_000);
          w.once("exit", () => {
            clearTimeout(t);
            resolve();
          });
          w.process.kill("SIGTERM");
        }),
    ),
  );
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  if (cluster.isPrimary) await stopWorkers();
  if (server) {
    const closed = new Promise((r) => server!.close(r));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000))]);
    server.closeAllConnections();
  }
  await pageCache?.close().catch(() => {});
  if (embedded) {
    log("[start] 正在关闭内置 PostgreSQL…");
    await embedded.stop().catch((e) => console.error(`[start] 关闭数据库出错: ${(e as Error).message}`));
    log("[start] 已关闭，数据保留。");
  }
  process.exit(code);
}

async function workerMain() {
  // a worker lives only as long as its primary: a kill -9 of the primary ends it too
  process.on("disconnect", () => process.exit(1));
  process.on("SIGINT", () => {}); // Ctrl-C reaches the whole group; the primary decides
  process.on("SIGTERM", () => void shutdown(0));
  await serve(process.env.DATABASE_URL!);
  process.send?.({ ready: true });
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (!dev) buildIfNeeded();
  if (buildOnly) process.exit(0);
  parseTrustedProxies(process.env.TRUSTED_PROXIES); // a wrong TRUSTED_PROXIES stops the start here, with its entry named

  const target = resolveDbTarget();
  let url: string;
  if (target.kind === "external") {
    url = target.url;
    log("[start] 使用 DATABASE_URL 指定的 PostgreSQL");
  } else {
    const t0 = Date.now();
    embedded = await startEmbedded({ ...target, log });
    url = embedded.url;
    log(`[start] 内置 PostgreSQL 已启动（端口 ${target.port}，数据目录 ${target.pgDir}，${Date.now() - t0} ms）`);
  }

  const m = await migrate(url, { log });
  log(`[start] 数据库迁移完成：共 ${m.total} 个，本次应用 ${m.applied.length} 个`);
  const { authSecret } = await seed(url, { log });
  // evidence files from before they lived in the database: moved in once, then never read
  await moveLegacyEvidenceFiles(url, legacyEvidenceDir(), { log });
  process.env.NEXTAUTH_SECRET = authSecret;
  process.env.AUTH_TRUST_HOST ??= "true"; // next-auth takes the origin from the request's Host

  if (workers === 1 || dev) {
    // Next runs in this process, so nothing outlives a kill -9 of it but postgres, whose
    // stale lock the next start recovers.
    await serve(url);
  } else {
    const env = { DATABASE_URL: url, NEXTAUTH_SECRET: authSecret, AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST! };
    let ready = 0;
    await new Promise<void>((resolve, reject) => {
      const fork = () => {
        const w = cluster.fork(env);
        w.on("message", (m: { ready?: boolean }) => {
          if (m?.ready && ++ready === workers) resolve();
        });
        w.on("exit", (code) => {
          if (stopping) return;
          if (ready < workers) return reject(new Error(`Web 进程启动失败 (code ${code})`));
          console.error(`[start] Web 进程 ${w.process.pid} 意外退出 (code ${code})，正在重启`);
          fork();
        });
      };
      for (let i = 0; i < workers; i++) fork();
    });
    log(`[start] ${workers} 个 Web 进程（WEB_CONCURRENCY）`);
  }
  log(`\n  电子政务绩效考核平台已启动: http://localhost:${port}\n`);
}

(cluster.isPrimary ? main() : workerMain()).catch(async (e) => {
  if (e instanceof MigrationError) console.error(`[start] ${e.message}`);
  else console.error(`[start] 启动失败：${e instanceof Error ? e.message : String(e)}`);
  await shutdown(1);
});
