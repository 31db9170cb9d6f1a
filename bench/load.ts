// `npm run bench:load`: the production build under load on loopback, with authenticated
// sessions: 排名看板, a scorecard, draft saves and submits at 10 / 50 / 200 connections.
// Afterwards every acknowledged save is checked in the database (zero lost writes).
// Options: --units 100  --duration 10  --connections 10,50,200
//   --nginx 1,2   instead: Debian's nginx (scripts/nginx/egov.conf.template) in front of 1,
//                 then 2 instances (WEB_CONCURRENCY=1 each) on the same database; saves and
//                 排名看板 at --connections (default 50), one row per instance count.
//   --json           last line: one JSON object (bench/report.ts) with every scenario and the ratios
//   --no-page-cache  the server renders every page (PAGE_CACHE=0): the uncached cost
//   --cpu-prof DIR   the web worker writes a V8 CPU profile into DIR when it stops
//   --only a,b       run only these scenarios (dashboard, scorecard, save, robots, page, health, submit):
//                    one scenario per run gives a CPU profile of that route alone
//   --dashboard-out DIR   keep 排名看板's document and RSC payload as measured (dashboard.html / .rsc)
import type autocannon from "autocannon";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { startEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { createDb } from "../lib/db/prisma";
import { loadEditionOrThrow } from "../lib/rules/load";
import { loadSynthetic } from "../lib/synthetic/load";
import { syntheticDataset } from "../lib/synthetic/generate";
import { freePort } from "../tests/setup/pg";
import { measure, round, treeCpuMs } from "./measure";
import { startNginx, stopNginx } from "../tests/e2e/support/nginx";
import { loadReport, type Row } from "./report";
import { sessionCookie } from "../tests/e2e/support/server";

const arg = (n: string, d: string) => {
  const i = process.argv.indexOf(n);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : d;
};
const UNITS = Number(arg("--units", "100"));
const DURATION = Number(arg("--duration", "10"));
const NGINX = process.argv.includes("--nginx") ? arg("--nginx", "1,2").split(",").map(Number) : null;
const CONNECTIONS = arg("--connections", NGINX ? "50" : "10,50,200").split(",").map(Number);
const JSON_OUT = process.argv.includes("--json");
const PAGE_CACHE = !process.argv.includes("--no-page-cache");
const CPU_PROF = process.argv.includes("--cpu-prof") ? path.resolve(arg("--cpu-prof", "bench-profiles")) : undefined;
const ONLY = process.argv.includes("--only") ? new Set(arg("--only", "").split(",")) : null;
const runs = (key: string) => !ONLY || ONLY.has(key);
const DASHBOARD_OUT = process.argv.includes("--dashboard-out") ? path.resolve(arg("--dashboard-out", ".")) : undefined;
const PASSWORD = "Bench-pass-2017";

const rows: Row[] = [];

let serverPid: number | undefined;

async function record(scenario: string, route: string, connections: number, opts: autocannon.Options): Promise<void> {
  rows.push({ scenario, route, connections, ...(await measure(opts, serverPid)) });
}

let jsonLine: string | undefined;

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "egov-load-"));
  chmodSync(tmp, 0o755);
  const db = await startEmbedded({ dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} });
  let app: ReturnType<typeof spawn> | undefined;
  try {
    await migrate(db.url);
    const handle = createDb(db.url, 4);
    const base = loadEditionOrThrow("rules/sanming-2017");
    const gen = await loadSynthetic(handle, base, UNITS, { log: console.log });
    const { compiled } = syntheticDataset(base, UNITS);
    // the deadline rush: every unit still has its form open (not yet submitted)
    await handle.prisma.unitSubmission.updateMany({ where: { editionId: gen.editionId }, data: { status: "draft", submittedAt: null } });
    await handle.prisma.itemFact.updateMany({ where: { editionId: gen.editionId, source: "self" }, data: { status: "draft" } });
    // one 填报员 per unit, and a reviewer
    const hash = await hashPassword(PASSWORD);
    const fillerUnits = compiled.units.filter((u) => u.group !== "city").map((u) => u.code);
    await handle.prisma.user.createMany({
      data: [
        { username: "bench-reviewer", displayName: "压测审核员", passwordHash: hash, roles: ["reviewer"], mustChangePassword: false },
        ...fillerUnits.map((u, i) => ({ username: `bench-f${i}`, displayName: `压测填报员${i}`, passwordHash: hash, roles: ["filler" as const], unitCode: u, mustChangePassword: false })),
      ],
    });
    // per-unit deduction items each unit can save to (slots for the save scenario)
    const slots: Slot[] = [];
    const facts = await handle.prisma.itemFact.findMany({ where: { editionId: gen.editionId, source: "self" }, select: { unitCode: true, itemCode: true, version: true } });
    const versionOf = new Map(facts.map((f) => [`${f.unitCode}|${f.itemCode}`, f.version]));
    fillerUnits.forEach((u, i) => {
      for (const leaf of compiled.leafByCode.values()) {
        if (leaf.scope !== "unit" || leaf.rule.type !== "deduction" || !leaf.assessed.has(u)) continue;
        slots.push({ unit: u, filler: i, item: leaf.code, kind: leaf.rule.pools[0].kinds[0].code, version: versionOf.get(`${u}|${leaf.code}`) ?? 0, busy: false });
      }
    });
    await handle.close();

    if (NGINX) {
      await benchThroughNginx(db.url, gen, fillerUnits, compiled.units.find((u) => u.group === "county")!.code, slots);
      return;
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // --cpu-prof is refused in NODE_OPTIONS: a flag of the server's own node
    const profile = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [];
    app = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: "127.0.0.1", EDITION: gen.editionKey, DEMO_ACCOUNTS: "0", DEMO_DATA: "0", NODE_ENV: "production", DB_POOL_MAX: "20",
        ...(PAGE_CACHE ? {} : { PAGE_CACHE: "0" }),
        // one web worker when profiling, so one profile holds every request
        ...(CPU_PROF ? { WEB_CONCURRENCY: "1" } : {}) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    serverPid = app.pid;
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const reviewer = await sessionCookie(baseUrl, "bench-reviewer", PASSWORD);
    const fillerCookies: string[] = [];
    for (let i = 0; i < fillerUnits.length; i++) fillerCookies.push(await sessionCookie(baseUrl, `bench-f${i}`, PASSWORD));
    const someCounty = compiled.units.find((u) => u.group === "county")!.code;

    // warm up the caches (scoring, compiled edition) as a running server would be
    for (const p of ["/dashboard", `/scorecards/${someCounty}`]) await fetch(baseUrl + p, { headers: { cookie: reviewer } });
    // …and each filler's session once: a token is decoded once per process and kept
    // (createTokenReader), so a running server does not pay it per save; without this the
    // save scenario would include 100 first decodes (≈ 0.6 ms a save at 50 connections)
    for (const cookie of fillerCookies) await (await fetch(`${baseUrl}/api/evidence`, { headers: { cookie } })).text();

    // 排名看板's weight (issue #17: ≤ 64 KB for 100 units): the document (HTML with the RSC
    // payload inlined, what a first view downloads) and the RSC payload alone (a client-side navigation)
    const dashHtml = await (await fetch(`${baseUrl}/dashboard`, { headers: { cookie: reviewer } })).text();
    const dashRsc = await (await fetch(`${baseUrl}/dashboard`, { headers: { cookie: reviewer, RSC: "1" } })).text();
    const dashboardBytes = { html: Buffer.byteLength(dashHtml), rsc: Buffer.byteLength(dashRsc) };
    if (DASHBOARD_OUT) {
      writeFileSync(path.join(DASHBOARD_OUT, "dashboard.html"), dashHtml);
      writeFileSync(path.join(DASHBOARD_OUT, "dashboard.rsc"), dashRsc);
    }
    const acked: Ack[] = [];
    for (const connections of CONNECTIONS) {
      for (const [scenario, p] of [["排名看板 GET /dashboard", "/dashboard"], ["单位得分卡 GET /scorecards/…", `/scorecards/${someCounty}`]] as const) {
        if (!runs(p === "/dashboard" ? "dashboard" : "scorecard")) continue;
        await record(scenario, p === "/dashboard" ? "GET /dashboard" : "GET /scorecards/[unitCode]", connections, { url: baseUrl + p, connections, duration: DURATION, headers: { cookie: reviewer } });
      }
      if (runs("save")) await syncVersions(db.url, gen.editionId, slots);
      if (runs("save")) await record("保存草稿 POST /api/facts", "POST /api/facts", connections, saveScenario(baseUrl, gen.editionId, slots, fillerCookies, connections, acked));
      for (const s of slots) s.busy = false;
      // reference: what the HTTP stack costs at least (a static file; the health check's one query)
      if (runs("robots")) await record("参照：静态文件 GET /robots.txt", "GET /robots.txt", connections, { url: `${baseUrl}/robots.txt`, connections, duration: DURATION });
      // reference: the cheapest server-rendered page (the sign-in form, no query): what any page costs at least
      if (runs("page")) await record("参照：最小页面 GET /login", "GET /login", connections, { url: `${baseUrl}/login`, connections, duration: DURATION });
      if (runs("health")) await record("参照：健康检查 GET /api/health", "GET /api/health", connections, { url: `${baseUrl}/api/health`, connections, duration: DURATION });
    }

    // submits: one per unit, all at once, at the largest connection count
    const t0 = Date.now();
    const submitCpu0 = treeCpuMs(serverPid);
    const submitLat: number[] = [];
    const queue = runs("submit") ? fillerUnits.map((u, i) => ({ u, i })) : [];
    let submitErrors = 0;
    await Promise.all(
      Array.from({ length: Math.min(Math.max(...CONNECTIONS), queue.length) }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const s = Date.now();
          const res = await fetch(`${baseUrl}/api/submissions`, { method: "POST", headers: { "content-type": "application/json", cookie: fillerCookies[job.i] }, body: JSON.stringify({ editionId: gen.editionId, unitCode: job.u }) });
          await res.text();
          submitLat.push(Date.now() - s);
          if (res.status >= 500) submitErrors++;
        }
      }),
    );
    submitLat.sort((a, b) => a - b);
    const q = (p: number) => submitLat[Math.min(submitLat.length - 1, Math.floor((p / 100) * submitLat.length))];
    if (runs("submit")) rows.push({ scenario: "提交自评 POST /api/submissions（每单位一次）", route: "POST /api/submissions", connections: Math.min(Math.max(...CONNECTIONS), fillerUnits.length), rps: Math.round((submitLat.length / (Date.now() - t0)) * 1000), p50: q(50), p95: q(95), p99: q(99), max: submitLat[submitLat.length - 1] ?? NaN, errors: submitErrors, non2xx: 0, requests: submitLat.length, cpuMs: round((treeCpuMs(serverPid) - submitCpu0) / Math.max(1, submitLat.length)) });

    // zero lost writes: every version a save acknowledged is in the database, with one audit row each
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    let lost = 0;
    // each acknowledged (unit, item, version) must have its audit row with the same payload
    const audited = await c.query<{ k: string }>(
      `SELECT concat(unit_code, '|', item_code, '|', after->>'version', '|', after->'payload'->'value'->'events'->0->>'count') AS k FROM audit_log WHERE action = 'fact.self.save'`,
    );
    const have = new Set(audited.rows.map((r) => r.k));
    for (const a of acked) if (!have.has(`${a.unit}|${a.item}|${a.version}|${a.count}`)) lost++;
    for (const s of slots) {
      const f = await c.query(`SELECT version FROM item_fact WHERE edition_id = $1 AND unit_code = $2 AND item_code = $3 AND source = 'self'`, [gen.editionId, s.unit, s.item]);
      if ((f.rows[0]?.version ?? 0) < s.version) lost++;
    }
    const checked = acked.length;
    const audit = await c.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fact.self.save'`);
    const saves = rows.filter((r) => r.scenario.startsWith("保存")).reduce((n, r) => n + r.requests - r.non2xx, 0);
    await c.end();

    console.log(`\n机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}，Node ${process.version}，${new Date().toISOString()}`);
    console.log(`数据：${UNITS} 个单位，${gen.facts} 条事实；每场景 ${DURATION} s\n`);
    console.log("| 场景 | 连接数 | 请求/秒 | p50 ms | p95 ms | p99 ms | 错误 | 非2xx | 请求数 | 应用 CPU ms/请求 |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) console.log(`| ${r.scenario} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.requests} | ${r.cpuMs} |`);
    console.log("（应用 CPU：Web 进程树的用户 + 系统 CPU 时间 ÷ 请求数，不含 PostgreSQL 和 autocannon）");
    console.log(`\n排名看板大小：文档（HTML，内嵌 RSC 数据）${dashboardBytes.html} 字节；RSC 数据单独 ${dashboardBytes.rsc} 字节`);
    console.log(`\n写入核对：${checked} 次已确认的保存（2xx ${saves} 次，含 409 冲突外），审计记录 ${audit.rows[0].n} 条；丢失 ${lost} 个已确认的写入`);
    if (lost > 0) process.exitCode = 1;
    if (JSON_OUT) {
      const cpus = os.cpus();
      const report = loadReport({
        rows,
        units: UNITS,
        durationSeconds: DURATION,
        pageCache: PAGE_CACHE,
        lostWrites: { acknowledged: checked, audited: audit.rows[0].n as number, lost },
        dashboardBytes,
        machine: { cpus: cpus.length, model: cpus[0]?.model ?? "", node: process.version, loadavg: os.loadavg().map(round), at: new Date().toISOString() },
      });
      jsonLine = JSON.stringify(report);
    }
  } finally {
    if (app && app.exitCode === null) {
      const exited = new Promise((r) => app!.once("exit", r));
      app.kill("SIGTERM");
      // a CPU profile is written as the server exits
      await Promise.race([exited, new Promise((r) => setTimeout(r, CPU_PROF ? 30_000 : 5_000))]);
    }
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  if (jsonLine) console.log(jsonLine); // the last line of the output
}

type Slot = { unit: string; filler: number; item: string; kind: string; version: number; busy: boolean };
type Ack = { unit: string; item: string; version: number; count: number };

/**
 * Start a round from the versions in the database: a round's last, unanswered requests
 * may have been saved, and a stale expectedVersion would be a conflict (409).
 */
async function syncVersions(url: string, editionId: number, slots: Slot[]) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const stored = await c.query<{ k: string; version: number }>(`SELECT concat(unit_code, '|', item_code) AS k, version FROM item_fact WHERE edition_id = $1 AND source = 'self'`, [editionId]);
  await c.end();
  const now = new Map(stored.rows.map((r) => [r.k, r.version]));
  for (const s of slots) {
    s.version = now.get(`${s.unit}|${s.item}`) ?? 0;
    s.busy = false;
  }
}

/**
 * The draft-save scenario (direct and through nginx): each connection saves a free slot
 * (a unit's deduction item, as that unit's 填报员) with the version it last saw; every
 * acknowledged save goes into `acked` for the lost-write check.
 */
function saveScenario(base: string, editionId: number, slots: Slot[], cookies: string[], connections: number, acked: Ack[]): autocannon.Options {
  let counter = 0;
  type Ctx = { slot?: Slot; count?: number };
  return {
    url: `${base}/api/facts`,
    connections,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        // the context belongs to one connection, which has one request in flight
        setupRequest: (req, context) => {
          const ctx = context as Ctx;
          let s = slots[counter++ % slots.length];
          for (let k = 0; s.busy && k < slots.length; k++) s = slots[counter++ % slots.length];
          s.busy = true;
          ctx.slot = s;
          ctx.count = 1 + (counter % 5);
          return {
            ...req,
            headers: { "content-type": "application/json", cookie: cookies[s.filler] },
            body: JSON.stringify({ editionId, unitCode: s.unit, itemCode: s.item, expectedVersion: s.version, payload: { value: { events: [{ kind: s.kind, count: ctx.count, date: "2017-06-01" }] } } }),
          };
        },
        onResponse: (status, body, context) => {
          const ctx = context as Ctx;
          const s = ctx.slot;
          if (!s) return;
          s.busy = false;
          try {
            const b = JSON.parse(body) as { version?: number; current?: { version: number } };
            if (status === 200 && b.version) {
              s.version = b.version;
              acked.push({ unit: s.unit, item: s.item, version: b.version, count: ctx.count! });
            } else if (status === 409 && b.current) s.version = b.current.version;
          } catch {
            /* counted by autocannon as non-2xx */
          }
        },
      },
    ],
  };
}

function startInstance(url: string, port: number, editionKey: string) {
  return spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", EDITION: editionKey, DEMO_ACCOUNTS: "0", DEMO_DATA: "0", NODE_ENV: "production", DB_POOL_MAX: "20", WEB_CONCURRENCY: "1", TRUSTED_PROXIES: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function healthy(baseUrl: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl} did not start`);
}

/** The same saves and 排名看板 through nginx, with 1 and then 2 instances behind it. */
async function benchThroughNginx(url: string, gen: { editionId: number; editionKey: string }, fillerUnits: string[], _county: string, slots: Slot[]) {
  const out: Row[] = [];
  for (const n of NGINX!) {
    const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
    const apps = ports.map((p) => startInstance(url, p, gen.editionKey));
    try {
      await Promise.all(ports.map((p) => healthy(`http://127.0.0.1:${p}`)));
      const lb = await startNginx(ports);
      try {
        const reviewer = await sessionCookie(lb.base, "bench-reviewer", PASSWORD);
        const cookies: string[] = [];
        for (let i = 0; i < fillerUnits.length; i++) cookies.push(await sessionCookie(lb.base, `bench-f${i}`, PASSWORD));
        for (let i = 0; i < 2 * n; i++) await (await fetch(`${lb.base}/dashboard`, { headers: { cookie: reviewer } })).text(); // every instance warm
        for (const connections of CONNECTIONS) {
          out.push({ scenario: `排名看板 GET /dashboard（nginx + ${n} 个实例）`, route: "GET /dashboard", connections, ...(await measure({ url: `${lb.base}/dashboard`, connections, duration: DURATION, headers: { cookie: reviewer } }, undefined)) });
          await syncVersions(url, gen.editionId, slots);
          out.push({
            scenario: `保存草稿 POST /api/facts（nginx + ${n} 个实例）`,
            route: "POST /api/facts",
            connections,
            ...(await measure(saveScenario(lb.base, gen.editionId, slots, cookies, connections, []), undefined)),
          });
        }
      } finally {
        await stopNginx(lb);
      }
    } finally {
      for (const a of apps) a.kill("SIGTERM");
      await Promise.all(apps.map((a) => new Promise((r) => (a.exitCode !== null ? r(null) : a.once("exit", r)))));
    }
  }
  console.log(`\n机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}，Node ${process.version}，${new Date().toISOString()}`);
  console.log(`数据：${UNITS} 个单位；每场景 ${DURATION} s；经 nginx 轮询，每实例 WEB_CONCURRENCY=1\n`);
  console.log("| 场景 | 连接数 | 请求/秒 | p50 ms | p95 ms | p99 ms | 错误 | 非2xx | 请求数 |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of out) console.log(`| ${r.scenario} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.requests} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
