// Measuring a server under load, for the benchmarks: response times ranked from every
// response, and CPU time of the server's process tree (start process, web workers and any
// embedded PostgreSQL; Linux /proc, 100 ticks a second), which is less sensitive than wall
// time to the other work on a shared machine (the load generator).
import autocannon from "autocannon";
import { readdirSync, readFileSync } from "node:fs";

export function treeCpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    let total = (Number(f[11]) + Number(f[12])) * 10;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean)) {
        const c = treeCpuMs(Number(child));
        if (Number.isFinite(c)) total += c;
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

export const round = (x: number) => Math.round(x * 10) / 10;

export type Measured = { requests: number; rps: number; p50: number; p95: number; p99: number; max: number; non2xx: number; errors: number; cpuMs: number };

/**
 * One autocannon run with every response time kept and ranked (autocannon itself reports
 * p97.5, not p95), and the CPU the server's process tree spent per request meanwhile.
 */
export async function measure(opts: autocannon.Options, serverPid: number | undefined): Promise<Measured> {
  const times: number[] = [];
  const cpu0 = treeCpuMs(serverPid);
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on("response", (_c: unknown, _s: number, _b: number, t: number) => times.push(t));
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => round(times[Math.min(times.length - 1, Math.max(0, Math.ceil((p / 100) * times.length) - 1))] ?? NaN);
  return {
    requests: times.length,
    rps: Math.round(r.requests.average),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: round(times[times.length - 1] ?? NaN),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpuMs: round((treeCpuMs(serverPid) - cpu0) / Math.max(1, times.length)),
  };
}
