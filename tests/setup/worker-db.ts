// Runs before every integration test file: points `inject("databaseUrl")` at this worker's
// own database (see tests/setup/global-db.ts), so files that run at the same time never
// share one. Test files keep using `inject("databaseUrl")` as before.
import { inject } from "vitest";

const urls = inject("workerDatabaseUrls");
const slot = Math.max(1, Number(process.env.VITEST_POOL_ID ?? 1) || 1);
const state = (globalThis as unknown as { __vitest_worker__?: { providedContext: Record<string, unknown> } }).__vitest_worker__;
if (!state || !urls?.length) throw new Error("tests/setup/worker-db.ts: vitest worker state or per-worker databases missing");
state.providedContext.databaseUrl = urls[(slot - 1) % urls.length];
