// `npm run bench:score`: synthetic 100 / 1,000 / 10,000 units × the whole 2017 edition.
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
import { compileEdition, scoreEdition, validateScoringInput, type TItemFact } from "../lib/engine";
import { leafConcernsUnit } from "../lib/engine/compile";
import { loadEditionOrThrow } from "../lib/rules/load";
import type { TEdition, TUnit } from "../lib/rules/schema";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 2017 edition with `n` units: the real ones plus synthetic departments (80%) and counties (20%). */
function syntheticEdition(base: TEdition, n: number): TEdition {
  const units: TUnit[] = [...base.units];
  let i = 0;
  while (units.length < n) {
    const county = i % 5 === 4;
    units.push({ code: `${county ? "xcounty" : "xdept"}-${i}`, name: `${county ? "模拟县" : "模拟局"}${i}`, group: county ? "county" : "department", aliases: [] });
    i++;
  }
  return { ...base, units: units.slice(0, Math.max(n, base.units.length)) };
}

/** A full year of facts for every unit and item, self-assessed, with some reviews. */
function syntheticFacts(edition: TEdition): TItemFact[] {
  const c = compileEdition(edition);
  const rand = rng(2017);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const facts: TItemFact[] = [];
  for (const leaf of c.leafByCode.values()) {
    const owners = leaf.scope === "city" ? [c.city!.code] : c.units.map((u) => u.code).filter((u) => leafConcernsUnit(c, leaf, u));
    for (const unit of owners) {
      const r = leaf.rule;
      let value: TItemFact["value"];
      switch (r.type) {
        case "count":
          value = { items: Array.from({ length: int(0, 8) }, (_, k) => `平台${k}`) };
          break;
        case "binary":
          value = { yes: rand() < 0.7 };
          break;
        case "ratio":
          value = r.saturateAt ? { numerator: int(0, 40) } : (() => { const d = int(1, 40); return { numerator: int(0, d), denominator: d }; })();
          break;
        case "deduction":
          value = {
            events: r.pools.flatMap((p) =>
              p.kinds.flatMap((k) =>
                Array.from({ length: int(0, 3) }, () => ({
                  kind: k.code,
                  count: int(1, 4),
                  ...(k.lateFix ? { date: "2017-05-02", fixedDate: rand() < 0.3 ? null : `2017-05-${String(int(3, 28)).padStart(2, "0")}` } : {}),
                })),
              ),
            ),
          };
          break;
        case "tiers":
          value = r.measure === "monthlyAverage" ? { monthly: Array.from({ length: r.months }, () => int(2, 12)) } : { value: int(0, 3) };
          break;
        case "choice":
          value = { levels: rand() < 0.2 ? [] : [r.levels[int(0, r.levels.length - 1)].code] };
          break;
        case "rating":
          value = { score: String(int(0, Number(r.max.toString()) * 2) / 2) };
          break;
        case "veto":
          value = { triggered: false };
          break;
      }
      const fact: TItemFact = { unit, item: leaf.code, source: "self", value };
      if (leaf.preconditions.length) fact.conditions = Object.fromEntries(leaf.preconditions.map((p) => [p.code, rand() < 0.9]));
      const bonus = [...leaf.modifiers.values()].find((m) => m.kind === "bonus");
      if (bonus && rand() < 0.3) fact.modifiers = [{ code: bonus.code, reason: "模拟" }];
      facts.push(fact);
      if (rand() < 0.1) facts.push({ ...fact, source: "review" });
    }
  }
  return facts;
}

function child(n: number, runs: number): void {
  const base = loadEditionOrThrow(path.resolve(import.meta.dirname, "../rules/sanming-2017"));
  const edition = syntheticEdition(base, n);
  const facts = syntheticFacts(edition);
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
