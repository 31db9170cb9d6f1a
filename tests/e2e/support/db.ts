// Direct access to the shared e2e server's embedded PostgreSQL (its password file and the
// port in postmaster.pid), for a spec's own setup and for checking what was written.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

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
