// Vitest global setup for integration tests: real PostgreSQL, fresh databases per run.
// DATABASE_URL set → new databases on that server; unset → a throwaway embedded server.
//
// One database is migrated once; tests/setup/worker-db.ts copies it (CREATE DATABASE …
// TEMPLATE) for every test file and points `inject("databaseUrl")` at the copy, so files
// run in parallel and never share a database.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbedded, type EmbeddedHandle } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { createFreshDatabase, freePort, withDatabase } from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    /** This test file's own database (set per file by tests/setup/worker-db.ts). */
    databaseUrl: string;
    /** The migrated database every file's copy is made from (nobody connects to it). */
    templateDatabase: string;
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
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", template.name);
  project.provide("databaseUrl", template.url);
}

export async function teardown() {
  for (const drop of drops.reverse()) await drop().catch(() => {});
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
