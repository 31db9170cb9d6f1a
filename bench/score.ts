// `npm run bench:score`: synthetic 100 / 1,000 / 10,000 assessed units × the whole 2017
// edition (lib/synthetic: Sanming's units plus clones, a full year of facts).
// Each size runs in a fresh process so "cold" means cold (JIT and caches empty):
//   cold  = compileEdition + validateScoringInput + scoreEdition, first call;
//   warm  = compileEdition + scoreEdition again in the same process (median of 5), the
//           figure for "full recompute + ranking";
//   CPU ms = user + system CPU time of the process (all threads, GC included): less
//           sensitive than wall time when other work shares the machine;
//   memory = heap retained after GC by the compiled edition, the input and one result,
//           and the process's peak RSS.
// Options: --sizes 100,1000,10000  --runs 5
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileEdition, scoreEdition, validateScoringInput } from "../lib/engine";
import { loadEditionOrThrow } from "../lib/rules/load";
import { syntheticDataset } from "../lib/synthetic/generate";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function child(n: number, runs: number): void {
  const base = loadEditionOrThrow(path.resolve(import.meta.dirname, "../rules/sanming-2017"));
  // the same generator as `npm run gen` and bench:load (lib/synthetic)
  const { edition, facts } = syntheticDataset(base, n);
  const input = { edition: edition.id, facts };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const mem0 = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  let t = performance.now();
  const compiled = compileEdition(edition);
  const compileMs = performance.now() - t;
  t = performance.now();
  const v = validateScoringInput(compiled, input);
  const validateMs = performance.now() - t;
  if (!v.ok) throw new Error(v.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join("\n"));
  t = performance.now();
  let result = scoreEdition(compiled, v.input, { validated: true });
  const scoreMs = performance.now() - t;
  const cold = compileMs + validateMs + scoreMs;
  const cpu1 = process.cpuUsage(cpu0);
  const coldCpuMs = (cpu1.user + cpu1.system) / 1000;
  const warm: number[] = [];
  const cpu2 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    result = scoreEdition(compileEdition(edition), v.input, { validated: true });
    warm.push(performance.now() - t);
  }
  const cpu3 = process.cpuUsage(cpu2);
  const warmCpuMs = (cpu3.user + cpu3.system) / 1000 / runs;
  gc?.(); // what stays: the compiled edition, the input and the last result
  const mem1 = process.memoryUsage();
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  process.stdout.write(
    JSON.stringify({
      units: edition.units.length,
      facts: facts.length,
      scorecards: result.scorecards.length,
      rankings: result.rankings.length,
      compileMs,
      validateMs,
      coldScoreMs: scoreMs,
      coldMs: cold,
      coldCpuMs,
      warmMs: median,
      warmCpuMs,
      warmMin: warm[0],
      heapMB: (mem1.heapUsed - mem0.heapUsed) / 1048576,
      rssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

function parent(): void {
  const sizes = arg("--sizes", "100,1000,10000").split(",").map(Number);
  const runs = Number(arg("--runs", "5"));
  const cpu = os.cpus()[0]?.model ?? "unknown";
  console.log(`机器：${os.cpus().length} 核 ${cpu}，Node ${process.version}，${new Date().toString()}，负载 ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  console.log(`规则：rules/sanming-2017（全部两部分）；每个规模单独进程；warm 取 ${runs} 次中位数\n`);
  const rows: string[][] = [
    ["单位数", "事实数", "cold 总计 ms", "其中 compile/validate/score", "cold CPU ms", "warm 重算+排名 ms", "warm CPU ms", "单位/秒 (warm)", "ms/千单位 (warm)", "保留堆 MB", "RSS 峰值 MB"],
  ];
  for (const n of sizes) {
    const r = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", process.argv[1], "--child", String(n), "--runs", String(runs)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      console.error(`规模 ${n} 失败：${r.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const m = JSON.parse(r.stdout);
    rows.push([
      String(m.units),
      String(m.facts),
      m.coldMs.toFixed(0),
      `${m.compileMs.toFixed(0)}/${m.validateMs.toFixed(0)}/${m.coldScoreMs.toFixed(0)}`,
      m.coldCpuMs.toFixed(0),
      m.warmMs.toFixed(0),
      m.warmCpuMs.toFixed(0),
      ((m.units / m.warmMs) * 1000).toFixed(0),
      ((m.warmMs / m.units) * 1000).toFixed(0),
      m.heapMB.toFixed(0),
      m.rssMB.toFixed(0),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join("  "));
}

if (process.argv.includes("--child")) child(Number(arg("--child", "100")), Number(arg("--runs", "5")));
else parent();
