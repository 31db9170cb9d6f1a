// CPU time of a server under benchmark: user + system of a process and all its descendants
// (start process, web workers, embedded PostgreSQL), from Linux /proc at 100 ticks a second.
// Less sensitive than wall time to the other work on a shared machine (the load generator).
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
