import { defineConfig } from "@playwright/test";
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./tests/setup/pg";

// The app under test runs from the production build with its own embedded PostgreSQL in
// a throwaway data directory, so every run starts from a clean database.
// Ports are picked once in the main process and inherited by the workers (which
// re-evaluate this file), so parallel runs on one machine do not collide.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_PG_PORT ??= String(await freePort());
const port = Number(process.env.E2E_PORT);
const pgPort = Number(process.env.E2E_PG_PORT);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "egov-e2e-"));
chmodSync(dataDir, 0o755);
process.env.E2E_DATA_DIR = dataDir; // workers re-evaluate this file: keep one directory

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
  timeout: 60_000,
  workers: 1,
  fullyParallel: false,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      DEMO_PASSWORD,
      DEMO_DATA: "0", // the shared e2e server starts clean; tests/e2e/dashboard.spec.ts loads demo data on its own server
    },
  },
});
