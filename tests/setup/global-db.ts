// Vitest global setup for integration tests: real PostgreSQL, fresh databases per run.
// DATABASE_URL set → new databases on that server; unset → a throwaway embedded server.
//
// Template databases are built once per run; tests/setup/worker-db.ts copies one of them
// (CREATE DATABASE … TEMPLATE) for every test file and points `inject("databaseUrl")` at
// the copy, so files run in parallel and never share a database:
//   - "empty": migrated, no rows (the default);
//   - "sanming-2017": migrated, plus rules/sanming-2017 imported through importEdition, as
//     the many files that start from the 2017 edition used to do in their own beforeAll
//     (a file asks for it with a `// test-db: sanming-2017` line; see worker-db.ts).
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbedded, type EmbeddedHandle } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { createDb } from "../../lib/db/prisma";
import { importEdition } from "../../lib/rules/import";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { createFreshDatabase, freePort, withDatabase } from "./pg";

/** The template databases a test file may start from (worker-db.ts picks one per file). */
export const TEMPLATES = ["empty", "sanming-2017"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    /** This test file's own database (set per file by tests/setup/worker-db.ts). */
    databaseUrl: string;
    /** The migrated, empty database every file's copy is made from by default (nobody connects to it). */
    templateDatabase: string;
    /** Every template by name ("empty", "sanming-2017") → its database name. */
    templateDatabases: Record<string, string>;
  }
}

let embedded: EmbeddedHandle | undefined;
let tmp: string | undefined;
const drops: (() => Promise<void>)[] = [];

export async function setup(project: TestProject) {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmp = mkdtempSync(path.join(os.tmpdir(), "egov-test-"));
    chmodSync(tmp, 0o755); // postgres runs as its own user and must reach its data dir
    embedded = await startEmbedded({ dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} });
    adminUrl = withDatabase(embedded.url, "postgres");
  }
  const template = await createFreshDatabase(adminUrl, "egov_tpl");
  drops.push(template.drop);
  await migrate(template.url);

  const with2017 = await createFreshDatabase(adminUrl, "egov_tpl_2017", { template: template.name });
  drops.push(with2017.drop);
  const db = createDb(with2017.url, 1);
  try {
    await importEdition(db.prisma, loadEditionOrThrow("rules/sanming-2017"));
  } finally {
    await db.close(); // a template must have no connections when it is copied
  }

  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", template.name);
  project.provide("templateDatabases", { empty: template.name, "sanming-2017": with2017.name } satisfies Record<TemplateName, string>);
  project.provide("databaseUrl", template.url);
}

export async function teardown() {
  for (const drop of drops.reverse()) await drop().catch(() => {});
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
