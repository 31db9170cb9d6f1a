import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // "server-only" throws outside React Server Components; tests import data modules directly.
  "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Test files run in parallel, two at a time by default (2-core machines). Integration
    // files each get their worker's own database (tests/setup/global-db.ts + worker-db.ts).
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2) || 2,
    // A worker process runs one test file after another (isolate: false) instead of a new
    // process per file: starting one cost ~1.4 s of CPU per file. tests/setup/fresh-modules.ts
    // (the first setup file of both projects) resets our modules, process.env and lib's
    // globalThis handles between files; tests/integration/isolation-*.test.ts check it.
    // VITEST_ISOLATE=1 brings back a process per file (to rule the sharing out).
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], isolate: process.env.VITEST_ISOLATE === "1", setupFiles: ["tests/setup/fresh-modules.ts"], testTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          isolate: process.env.VITEST_ISOLATE === "1",
          setupFiles: ["tests/setup/fresh-modules.ts", "tests/setup/worker-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
