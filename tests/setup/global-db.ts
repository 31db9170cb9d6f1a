// Vitest global setup for integration tests: real PostgreSQL, fresh databases per run.
// DATABASE_URL set → new databases on that server; unset → a throwaway embedded server.
//
// One database is migrated once, then copied (CREATE DATABASE … TEMPLATE) into one
// database per vitest worker. tests/setup/worker-db.ts points `inject("databaseUrl")` at
// the worker's own copy, so test files run in parallel and a file shares its database only
// with the files that run before it in the same worker — never with one running beside it.
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
    /** This worker's database (set per worker by tests/setup/worker-db.ts). */
    databaseUrl: string;
    /** One migrated database per vitest pool slot (VITEST_POOL_ID 1…n). */
    workerDatabaseUrls: string[];
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
  const urls: string[] = [];
  // VITEST_POOL_ID runs from 1 to maxWorkers: one database for each
  const workers = Math.max(1, project.globalConfig.maxWorkers || 1);
  for (let i = 0; i < workers; i++) {
    const db = await createFreshDatabase(adminUrl, `egov_w${i + 1}`, { template: template.name });
    drops.push(db.drop);
    urls.push(db.url);
  }
  project.provide("adminUrl", adminUrl);
  project.provide("workerDatabaseUrls", urls);
  project.provide("databaseUrl", urls[0]);
}

export async function teardown() {
  for (const drop of drops.reverse()) await drop().catch(() => {});
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
