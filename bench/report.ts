// The machine-readable result of `npm run bench:load -- --json`: one JSON object on the
// last line, so the ratios of issue #17 can be checked by a script. The schema is the
// contract (tests/unit/bench-report.test.ts).
import { z } from "zod";
import type { Measured } from "./measure";

export const ZLoadScenario = z.object({
  name: z.string().min(1),
  route: z.string().regex(/^(GET|POST) \//),
  connections: z.number().int().positive(),
  rps: z.number().nonnegative(),
  /** null when the scenario got no response at all */
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  errors: z.number().int().nonnegative(),
  non2xx: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  cpuMsPerRequest: z.number().nullable(),
});
export type TLoadScenario = z.infer<typeof ZLoadScenario>;

export const ZLoadReport = z.object({
  machine: z.object({ cpus: z.number().int().positive(), model: z.string(), node: z.string(), loadavg: z.array(z.number()).length(3), at: z.string() }),
  units: z.number().int().positive(),
  durationSeconds: z.number().positive(),
  pageCache: z.boolean(),
  scenarios: z.array(ZLoadScenario).min(1),
  lostWrites: z.object({ acknowledged: z.number().int().nonnegative(), audited: z.number().int().nonnegative(), lost: z.number().int().nonnegative() }),
  /** 排名看板's document (HTML with the inlined RSC payload) and its RSC payload alone, in bytes */
  dashboardBytes: z.object({ html: z.number().int().nonnegative(), rsc: z.number().int().nonnegative() }).optional(),
  /** Issue #17's ratios at each connection count where both sides were measured. */
  ratios: z.array(
    z.object({
      connections: z.number().int().positive(),
      saveCpuOverHealthCpu: z.number().nullable(),
      saveRpsOverHealthRps: z.number().nullable(),
      dashboardCpuOverHealthCpu: z.number().nullable(),
      submitCpuOverSaveCpu: z.number().nullable(),
      /** the cheapest server-rendered page (GET /login) against the health check: what any page costs at least */
      pageCpuOverHealthCpu: z.number().nullable().optional(),
      /** 排名看板 against that cheapest page */
      dashboardCpuOverPageCpu: z.number().nullable().optional(),
    }),
  ),
});
export type TLoadReport = z.infer<typeof ZLoadReport>;

export type Row = { scenario: string; route: string; connections: number } & Measured;

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null;
const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function loadReport(input: {
  rows: Row[];
  units: number;
  durationSeconds: number;
  pageCache: boolean;
  lostWrites: TLoadReport["lostWrites"];
  dashboardBytes?: TLoadReport["dashboardBytes"];
  machine: TLoadReport["machine"];
}): TLoadReport {
  const scenarios = input.rows.map((r) => ({
    name: r.scenario,
    route: r.route,
    connections: r.connections,
    rps: finite(r.rps) ?? 0,
    p50: finite(r.p50),
    p95: finite(r.p95),
    p99: finite(r.p99),
    errors: r.errors,
    non2xx: r.non2xx,
    requests: r.requests,
    cpuMsPerRequest: finite(r.cpuMs),
  }));
  const at = (route: string, c: number) => scenarios.find((s) => s.route === route && s.connections === c);
  const submit = scenarios.find((s) => s.route === "POST /api/submissions");
  const conns = [...new Set(scenarios.filter((s) => s.route === "GET /api/health").map((s) => s.connections))];
  const ratios = conns.map((c) => {
    const health = at("GET /api/health", c);
    const save = at("POST /api/facts", c);
    const dash = at("GET /dashboard", c);
    const page = at("GET /login", c);
    return {
      connections: c,
      saveCpuOverHealthCpu: ratio(save?.cpuMsPerRequest, health?.cpuMsPerRequest),
      saveRpsOverHealthRps: ratio(save?.rps, health?.rps),
      dashboardCpuOverHealthCpu: ratio(dash?.cpuMsPerRequest, health?.cpuMsPerRequest),
      submitCpuOverSaveCpu: ratio(submit?.cpuMsPerRequest, save?.cpuMsPerRequest),
      pageCpuOverHealthCpu: ratio(page?.cpuMsPerRequest, health?.cpuMsPerRequest),
      dashboardCpuOverPageCpu: ratio(dash?.cpuMsPerRequest, page?.cpuMsPerRequest),
    };
  });
  return ZLoadReport.parse({ machine: input.machine, units: input.units, durationSeconds: input.durationSeconds, pageCache: input.pageCache, scenarios, lostWrites: input.lostWrites, dashboardBytes: input.dashboardBytes, ratios });
}
