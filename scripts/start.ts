// `npm start`: build if needed, start the database (embedded unless DATABASE_URL is set),
// migrate, seed, then serve with `next start`. Ctrl-C / SIGTERM stops the server and the
// embedded PostgreSQL cleanly; data stays in DATA_DIR.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { resolveDbTarget } from "../lib/db/config";
import { startEmbedded, type EmbeddedHandle } from "../lib/db/embedded";
import { migrate, MigrationError } from "../lib/db/migrate";
import { seed } from "../lib/seed";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";

const dev = process.argv.includes("--dev");
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

let embedded: EmbeddedHandle | undefined;
let server: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (embedded) {
    log("[start] 正在关闭内置 PostgreSQL…");
    await embedded.stop().catch((e) => console.error(`[start] 关闭数据库出错: ${(e as Error).message}`));
    log("[start] 已关闭，数据保留。");
  }
  process.exit(code);
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (!dev) buildIfNeeded();

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
  await seed(url, { log });

  const nextBin = require.resolve("next/dist/bin/next");
  const args = dev ? ["dev", "-p", String(port)] : ["start", "-p", String(port)];
  if (process.env.HOST) args.push("-H", process.env.HOST);
  server = spawn(process.execPath, [nextBin, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
  });
  let announced = false;
  server.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|ready/.test(chunk.toString())) {
      announced = true;
      log(`\n  电子政务绩效考核平台已启动: http://localhost:${port}\n`);
    }
  });
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`[start] Web 服务意外退出 (code ${code})`);
      void shutdown(code ?? 1);
    }
  });
}

main().catch(async (e) => {
  if (e instanceof MigrationError) console.error(`[start] ${e.message}`);
  else console.error(`[start] 启动失败：${e instanceof Error ? e.message : String(e)}`);
  await shutdown(1);
});
