// Runs first before every test file. The projects run with `isolate: false`, so a worker
// process (and what Node has loaded from node_modules: Prisma's runtime, pg, zod, yaml,
// exceljs…) is reused from one test file to the next instead of being started again for
// each; that start-up was most of the suite's CPU time. What a file could leave behind for
// the next one is reset here, so each file still starts as it did in a fresh process:
//   - every module of ours (lib/, tests/…) is evaluated afresh: module-level caches and
//     settings (compiled editions by id, the office calendar, the results cache…) start empty;
//   - process.env is put back to what it was when the worker started (files set
//     DATABASE_URL, DATA_DIR, EVIDENCE_MAX_MB… for the code under test);
//   - the handles lib/ keeps on globalThis (the server's database pool, the session token
//     reader) are closed and removed.
// Each integration file still gets its own database (worker-db.ts), as before.
import { vi } from "vitest";

type Kept = { env: Record<string, string | undefined> };
const g = globalThis as unknown as { __egovTestWorker?: Kept; __egovDb?: { close: () => Promise<void> }; __egovSessionTokens?: unknown };

if (!g.__egovTestWorker) {
  g.__egovTestWorker = { env: { ...process.env } };
} else {
  vi.resetModules();
  const env = g.__egovTestWorker.env;
  // vitest's own variables (VITEST_WORKER_ID…) are its to set for each file
  for (const k of Object.keys(process.env)) if (!(k in env) && !k.startsWith("VITEST")) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (process.env[k] !== v && !k.startsWith("VITEST")) process.env[k] = v;
  await g.__egovDb?.close().catch(() => {});
  delete g.__egovDb;
  delete g.__egovSessionTokens;
}
