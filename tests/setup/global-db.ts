// Vitest global setup for integration tests: real PostgreSQL, a fresh database per run.
// DATABASE_URL set → a new database on that server; unset → a throwaway embedded server.
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
    databaseUrl: string;
  }
}

let embedded: EmbeddedHandle | undefined;
let tmp: string | undefined;
let drop: (() => Promise<void>) | undefined;

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
  const fresh = await createFreshDatabase(adminUrl);
  drop = fresh.drop;
  await migrate(fresh.url);
  project.provide("adminUrl", adminUrl);
  project.provide("databaseUrl", fresh.url);
}

export async function teardown() {
  await drop?.().catch(() => {});
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
