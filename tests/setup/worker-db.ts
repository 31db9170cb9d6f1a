// Runs before every integration test file: gives the file its own database, a copy of a
// template (see tests/setup/global-db.ts), and points `inject("databaseUrl")` at it. No
// file ever sees another file's rows, whichever worker or order vitest picks, so a test may
// count what is in its database. The copy is dropped when the file ends.
//
// The copy is of the migrated, empty template unless the file says otherwise on a line of
// its own near its top:
//   // test-db: sanming-2017
// (the 2017 edition already imported through importEdition, exactly what the file's
// beforeAll would otherwise do first; saves a YAML load + validation + import per file).
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { createFreshDatabase } from "./pg";

const state = (globalThis as unknown as { __vitest_worker__?: { providedContext: Record<string, unknown>; filepath?: string } }).__vitest_worker__;
const adminUrl = inject("adminUrl");
const templates = inject("templateDatabases");
if (!state || !adminUrl || !templates) throw new Error("tests/setup/worker-db.ts: vitest worker state or the template databases are missing");
if (!state.filepath) throw new Error("tests/setup/worker-db.ts: vitest did not say which test file is running");

/** The template a test file asks for with a `// test-db: <name>` line (within its first 40 lines). */
export function templateOf(source: string): string {
  const head = source.split("\n", 40).join("\n");
  return /^\/\/ test-db: (\S+)/m.exec(head)?.[1] ?? "empty";
}

const wanted = templateOf(readFileSync(state.filepath, "utf8"));
const template = templates[wanted];
if (!template) throw new Error(`${state.filepath}: unknown "// test-db: ${wanted}" (known: ${Object.keys(templates).join(", ")})`);
const db = await createFreshDatabase(adminUrl, "egov_f", { template });
state.providedContext.databaseUrl = db.url;
afterAll(async () => {
  await db.drop().catch(() => {});
});
