// `npm run bench:dashboard`: server response times of 排名看板 and a scorecard with 100
// units of a full edition, at 1, 10 and 50 concurrent requests (autocannon), against the
// production build started with scripts/start.ts on a temporary DATA_DIR (its embedded
// PostgreSQL). The 100 units are the 2017 edition's 44 plus clones of its departments and
// counties with new codes, in a throwaway edition variant ("sanming-2017-bench"), filled
// with the demo data through the workflow (lib/demo). Target: p95 < 300 ms at 50.
// Options: --duration 10  --connections 1,10,50  --units 100  --no-page-cache
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDb } from "../lib/db/prisma";
import { measure, round, type Measured } from "./measure";
import { loadDemoData } from "../lib/demo";
import { importEdition } from "../lib/rules/import";
import { loadEditionOrThrow } from "../lib/rules/load";
import { buildUnitIndex, normaliseUnitName, resolveUnitRef } from "../lib/rules/resolve";
import type { TColumn, TEdition, TIndicator, TResponsible, TUnit } from "../lib/rules/schema";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg("--duration", "10"));
const CONNECTIONS = arg("--connections", "1,10,50").split(",").map(Number);
const UNITS = Number(arg("--units", "100"));
/** --no-page-cache: every request is rendered (PAGE_CACHE=0), what a change costs the next view */
const PAGE_CACHE = !process.argv.includes("--no-page-cache");
const PASSWORD = "Bench-pass-2017";
const KEY = "sanming-2017-bench";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The edition with `total` departments + counties: clones (three departments to one county)
 * take every responsibility of the unit they copy, so they are assessed on the same items.
 */
export function withClones(base: TEdition, total: number): TEdition {
  const depts = base.units.filter((u) => u.group === "department");
  const counties = base.units.filter((u) => u.group === "county");
  const clonesOf = new Map<string, TUnit[]>();
  const added: TUnit[] = [];
  for (let i = 0; depts.length + counties.length + added.length < total; i++) {
    const county = i % 4 === 3;
    const list = county ? counties : depts;
    const n = county ? Math.floor(i / 4) : i - Math.floor(i / 4);
    const orig = list[n % list.length];
    const k = Math.floor(n / list.length) + 2;
    const clone: TUnit = { code: `${orig.code}-x${k}`, name: `${orig.name}（${k}）`, group: orig.group, aliases: [] };
    added.push(clone);
    clonesOf.set(orig.code, [...(clonesOf.get(orig.code) ?? []), clone]);
  }
  const index = buildUnitIndex(base.units, base.collectives);
  const widen = (list: TResponsible[] | undefined): TResponsible[] | undefined => {
    if (!list) return list;
    return list.flatMap((r) => {
      if (index.collectives.has(normaliseUnitName(r.unit))) return [r];
      const codes = resolveUnitRef(index, r.unit) ?? [];
      return [r, ...codes.flatMap((c) => clonesOf.get(c) ?? []).map((c) => ({ ...r, unit: c.code }))];
    });
  };
  const mapIndicator = (n: TIndicator): TIndicator => ({ ...n, responsible: widen(n.responsible), children: n.children?.map(mapIndicator) });
  const mapColumn = (c: TColumn): TColumn => ({ ...c, responsible: widen(c.responsible), children: c.children?.map(mapColumn) });
  return {
    ...base,
    id: KEY,
    name: `${base.name}（基准测试：${total} 个单位）`,
    units: [...base.units, ...added],
    parts: base.parts.map((p) => ({ ...p, indicators: p.indicators.map(mapIndicator), columns: p.columns?.map(mapColumn) })),
  };
}

/** A next-auth session cookie, signed in through the credentials form like a browser. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie: cookie() } })).json()) as { uid?: number };
  if (!session.uid) throw new Error(`sign-in as ${username} failed (${res.status})`);
  return cookie();
}

type Row = { page: string; connections: number; load: number } & Measured;

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "egov-bench-dash-"));
  chmodSync(tmp, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const log: string[] = [];
  try {
    server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: tmp, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "", DEMO_ACCOUNTS: "1", DEMO_PASSWORD: PASSWORD, DEMO_DATA: "0", NEXT_TELEMETRY_DISABLED: "1", PAGE_CACHE: PAGE_CACHE ? "1" : "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => log.push(String(d)));
    server.stderr!.on("data", (d) => log.push(String(d)));
    const until = Date.now() + 600_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${log.join("")}`);
      if (Date.now() > until) throw new Error(`server did not start:\n${log.join("")}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // starting (or building)
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`[bench] 服务已启动：${base}`);

    const url = `postgresql://postgres:${encodeURIComponent(readFileSync(path.join(tmp, "pg-password"), "utf8").trim())}@127.0.0.1:${pgPort}/egov`;
    const edition = withClones(loadEditionOrThrow("rules/sanming-2017"), UNITS);
    const db = createDb(url, 2);
    await importEdition(db.prisma, edition);
    const editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: KEY, current: true }, select: { id: true } })).id;
    await db.close();
    const t0 = Date.now();
    const loaded = await loadDemoData(url, (m) => console.log(m), { editionKey: KEY });
    if (loaded.status !== "loaded") throw new Error(`demo data not loaded: ${JSON.stringify(loaded)}`);
    const assessed = edition.units.filter((u) => u.group !== "city").length;
    console.log(`[bench] ${assessed} 个单位（${edition.units.filter((u) => u.group === "department").length} 个部门、${edition.units.filter((u) => u.group === "county").length} 个县）的数据已生成：${loaded.facts} 条，${((Date.now() - t0) / 1000).toFixed(0)} 秒`);

    const cookie = await signIn(base, "leader", PASSWORD);
    const pages = [
      { page: "排名看板 GET /dashboard", url: `${base}/dashboard?edition=${editionId}&group=department`, marker: "基准测试" },
      { page: "记分卡 GET /scorecards/county-sanyuan", url: `${base}/scorecards/county-sanyuan?edition=${editionId}`, marker: "基准测试" },
      // reference: the signed-in home page, what any page of the app costs at least
      { page: "参照：首页 GET /", url: `${base}/`, marker: "电子政务绩效考核平台" },
    ];
    for (const p of pages) {
      const res = await fetch(p.url, { headers: { cookie } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes(p.marker)) throw new Error(`${p.url} → ${res.status}`);
      console.log(`[bench] ${p.page}: ${(html.length / 1024).toFixed(0)} KB HTML`);
      for (let i = 0; i < 20; i++) await (await fetch(p.url, { headers: { cookie } })).text(); // warm: results cached, code paths JIT-compiled
    }
    const rows: Row[] = [];
    for (const p of pages) {
      for (const c of CONNECTIONS) {
        const r = await measure({ url: p.url, connections: c, duration: DURATION, headers: { cookie } }, server.pid);
        const row = { page: p.page, connections: c, ...r, load: round(os.loadavg()[0]) };
        rows.push(row);
        console.log(`[bench] ${p.page} × ${c}: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.rps} req/s, ${row.cpuMs} ms CPU/请求，负载 ${row.load}`);
      }
    }
    const cpu = os.cpus()[0]?.model ?? "unknown";
    console.log(`\n机器：${os.cpus().length} 核（nproc），${cpu}，内存 ${(os.totalmem() / 2 ** 30).toFixed(1)} GB，Node ${process.version}，${new Date().toISOString().slice(0, 10)}`);
    console.log(`数据：${assessed} 个单位 × 2017 全部指标（演示数据流程生成，含审核），每轮 ${DURATION} 秒；页面缓存${PAGE_CACHE ? "开启（默认）" : "关闭（PAGE_CACHE=0，每个请求都渲染）"}\n`);
    console.log("| 页面 | 并发 | 请求数 | 吞吐 (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | 最大 (ms) | 服务端 CPU ms/请求 | 负载 | 非 2xx | 错误 |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) console.log(`| ${r.page} | ${r.connections} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.cpuMs} | ${r.load} | ${r.non2xx} | ${r.errors} |`);
    const at50 = rows.filter((r) => r.connections === 50 && !r.page.startsWith("参照"));
    if (at50.length) console.log(`\n目标 p95 < 300 ms（并发 50）：${at50.map((r) => `${r.page} ${r.p95 < 300 ? "达到" : "未达到"}（${r.p95} ms）`).join("；")}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
