// `npm run bench:load -- --json` prints one object on its last line; its shape and ratios.
import { describe, expect, it } from "vitest";
import { loadReport, ZLoadReport, type Row } from "../../bench/report";

const m = (rps: number, cpuMs: number) => ({ requests: rps * 10, rps, p50: 10, p95: 20, p99: 30, max: 40, non2xx: 0, errors: 0, cpuMs });
const rows: Row[] = [
  { scenario: "排名看板", route: "GET /dashboard", connections: 50, ...m(100, 6) },
  { scenario: "保存草稿", route: "POST /api/facts", connections: 50, ...m(400, 3) },
  { scenario: "参照：健康检查", route: "GET /api/health", connections: 50, ...m(1000, 1.5) },
  { scenario: "参照：最小页面", route: "GET /login", connections: 50, ...m(500, 3) },
  { scenario: "提交自评", route: "POST /api/submissions", connections: 43, ...m(20, 6) },
];
const machine = { cpus: 2, model: "x", node: "v20", loadavg: [1, 1, 1], at: "2026-12-02T00:00:00Z" };

describe("bench:load --json report", () => {
  it("names every scenario with its route, connections, rates, percentiles, errors and CPU per request", () => {
    const r = loadReport({ rows, units: 100, durationSeconds: 10, pageCache: false, lostWrites: { acknowledged: 5, audited: 5, lost: 0 }, machine });
    const line = JSON.parse(JSON.stringify(r));
    expect(ZLoadReport.parse(line)).toEqual(r);
    expect(r.scenarios[1]).toEqual({ name: "保存草稿", route: "POST /api/facts", connections: 50, rps: 400, p50: 10, p95: 20, p99: 30, errors: 0, non2xx: 0, requests: 4000, cpuMsPerRequest: 3 });
    expect(r.lostWrites.lost).toBe(0);
  });

  it("computes issue #17's ratios against the health check of the same connection count", () => {
    const r = loadReport({ rows, units: 100, durationSeconds: 10, pageCache: true, lostWrites: { acknowledged: 0, audited: 0, lost: 0 }, machine });
    expect(r.ratios).toEqual([{ connections: 50, saveCpuOverHealthCpu: 2, saveRpsOverHealthRps: 0.4, dashboardCpuOverHealthCpu: 4, submitCpuOverSaveCpu: 2, pageCpuOverHealthCpu: 2, dashboardCpuOverPageCpu: 2 }]);
  });

  it("leaves a ratio null when one side is missing", () => {
    const r = loadReport({ rows: rows.slice(2, 3), units: 100, durationSeconds: 10, pageCache: true, lostWrites: { acknowledged: 0, audited: 0, lost: 0 }, machine });
    expect(r.ratios[0].saveCpuOverHealthCpu).toBeNull();
  });
});

describe("bench:load --json with a scenario that got no response", () => {
  it("reports null percentiles instead of failing", () => {
    const dead: Row = { scenario: "参照：健康检查", route: "GET /api/health", connections: 50, requests: 0, rps: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, non2xx: 0, errors: 50, cpuMs: NaN };
    const r = loadReport({ rows: [dead], units: 100, durationSeconds: 5, pageCache: false, lostWrites: { acknowledged: 0, audited: 0, lost: 0 }, machine });
    expect(r.scenarios[0]).toMatchObject({ p50: null, p95: null, p99: null, cpuMsPerRequest: null });
    expect(r.ratios[0].saveCpuOverHealthCpu).toBeNull();
  });
});
