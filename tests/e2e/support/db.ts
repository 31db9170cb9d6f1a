// Direct access to the shared e2e server's embedded PostgreSQL (its password file and the
// port in postmaster.pid), for a spec's own setup and for checking what was written.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createFreshDatabase, withDatabase } from "../../setup/pg";
import { onStop } from "./server";

export function pgUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR!;
  const pid = path.join(dataDir, "pg", "postmaster.pid");
  const port = process.env.E2E_PG_PORT ?? (existsSync(pid) ? readFileSync(pid, "utf8").split("\n")[3]?.trim() : "");
  const pw = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(pw)}@127.0.0.1:${port}/egov`;
}

export async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A new, empty database on the worker's shared e2e PostgreSQL, for a spec that runs app
 * instances of its own on an external DATABASE_URL: no cluster of its own to initialise (that
 * takes tens of seconds on a loaded machine). The app migrates and seeds it on start. `stop()`
 * drops it (stopStarted does if the spec did not).
 */
export async function freshDatabase(prefix: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const fresh = await createFreshDatabase(withDatabase(pgUrl(), "postgres"), prefix);
  const pending = onStop(() => fresh.drop());
  return {
    url: fresh.url,
    stop: async () => {
      pending.cancel();
      await fresh.drop();
    },
  };
}
