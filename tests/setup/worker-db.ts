// Runs before every integration test file: gives the file its own database, a copy of the
// migrated template (see tests/setup/global-db.ts), and points `inject("databaseUrl")` at
// it. No file ever sees another file's rows, whichever worker or order vitest picks, so a
// test may count what is in its database. The copy is dropped when the file ends.
import { afterAll, inject } from "vitest";
import { createFreshDatabase } from "./pg";

const state = (globalThis as unknown as { __vitest_worker__?: { providedContext: Record<string, unknown> } }).__vitest_worker__;
const adminUrl = inject("adminUrl");
const template = inject("templateDatabase");
if (!state || !adminUrl || !template) throw new Error("tests/setup/worker-db.ts: vitest worker state or the template database is missing");
const db = await createFreshDatabase(adminUrl, "egov_f", { template });
state.providedContext.databaseUrl = db.url;
afterAll(async () => {
  await db.drop().catch(() => {});
});
