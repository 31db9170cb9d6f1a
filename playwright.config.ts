import { defineConfig } from "@playwright/test";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./tests/setup/pg";

// The app under test runs from the production build with its own embedded PostgreSQL in
// a throwaway data directory, so every run starts from a clean database.
//
// Isolation: each Playwright worker slot (TEST_PARALLEL_INDEX) has a server of its own —
// its own port, data directory and embedded PostgreSQL — so spec files run in parallel
// without sharing state, and a spec sees exactly what it saw when the suite was serial:
// one clean server whose other users are the specs before it in the same slot.
// Ports and directories are picked once in the main process and inherited by the workers
// (which re-evaluate this file and pick their slot's values into E2E_PORT, E2E_PG_PORT and
// E2E_DATA_DIR, the variables the specs read).
// Three by default on two cores: a worker spends much of its time waiting (for its server, a
// start, the browser), and the whole suite took 659 s wall with three workers against 802 s
// with two, for 4 % more CPU (docs/benchmarks-e2espeed.md). E2E_WORKERS=1 runs serially.
const WORKERS = Math.max(1, Math.min(Number(process.env.E2E_WORKERS ?? 3) || 1, 4));

async function distinctPorts(n: number, taken: Set<number>): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = await freePort();
    if (!taken.has(p)) {
      taken.add(p);
      out.push(p);
    }
  }
  return out;
}

if (!process.env.E2E_SLOTS) {
  const taken = new Set<number>();
  const ports = await distinctPorts(WORKERS, taken);
  const pgPorts = await distinctPorts(WORKERS, taken);
  const slots = ports.map((port, i) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "egov-e2e-"));
    chmodSync(dir, 0o755);
    return { port, pgPort: pgPorts[i], dataDir: dir };
  });
  process.env.E2E_SLOTS = JSON.stringify(slots); // workers re-evaluate this file: keep these
  // the slots' data directories (≈ 65 MB each) go with the process that made them, once the
  // web servers are stopped
  process.once("exit", () => {
    for (const s of slots) rmSync(s.dataDir, { recursive: true, force: true });
  });
}
type Slot = { port: number; pgPort: number; dataDir: string };
const slots = JSON.parse(process.env.E2E_SLOTS) as Slot[];
const mine = slots[Number(process.env.TEST_PARALLEL_INDEX ?? 0) % slots.length];
process.env.E2E_PORT = String(mine.port);
process.env.E2E_PG_PORT = String(mine.pgPort);
process.env.E2E_DATA_DIR = mine.dataDir;

/** Demo accounts (admin, reviewer, leader, dept, county) get this password in tests. */
export const DEMO_PASSWORD = "Demo-pass-2017";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // generous: the suite must stay green with a load average of 4 beside it (2 cores)
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: WORKERS,
  fullyParallel: false,
  reporter: [["list"]],
  // the demo data, generated once per run on first use and copied per spec (support/demo-service.ts)
  globalSetup: "./tests/e2e/support/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${mine.port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    navigationTimeout: 60_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: slots.map((s) => ({
    command: "node --import tsx scripts/start.ts",
    url: `http://127.0.0.1:${s.port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      PORT: String(s.port),
      HOST: "127.0.0.1",
      DATA_DIR: s.dataDir,
      EMBEDDED_PG_PORT: String(s.pgPort),
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      DEMO_PASSWORD,
      DEMO_DATA: "0", // the shared e2e servers start clean; specs that need the demo data copy it (support/demo.ts)
      WEB_CONCURRENCY: "1", // one web process per slot: the slots already use both cores
    },
  })),
});
