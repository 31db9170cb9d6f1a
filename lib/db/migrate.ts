// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each in its own
// transaction, under a PostgreSQL advisory lock so concurrent starts apply each migration
// exactly once. Applied migrations are recorded with a SHA-256 checksum; an applied
// migration whose file changed afterwards stops the start with its name.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

import { MIGRATIONS_TABLE } from "./constants";
export { MIGRATIONS_TABLE };
const LOCK_KEY = 727_2017; // arbitrary, constant: one lock for this app's migrations

export class MigrationError extends Error {
  constructor(message: string, readonly migration?: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = path.resolve("prisma/migrations")): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export type MigrateResult = { applied: string[]; total: number };

export async function migrate(url: string, opts: { dir?: string; log?: (m: string) => void } = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const migrations = readMigrations(opts.dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      duration_ms integer NOT NULL
    )`);
    const rows = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`);
    const done = new Map(rows.rows.map((r) => [r.name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    for (const name of done.keys()) {
      if (!known.has(name)) log(`[migrate] 数据库中已应用的迁移 ${name} 在 prisma/migrations 中不存在（可能来自更新的版本）`);
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const prev = done.get(m.name);
      if (prev !== undefined) {
        if (prev !== m.checksum) {
          throw new MigrationError(
            `迁移 ${m.name} 已应用，但其文件在应用后被修改（校验和不一致）。请恢复原文件，并把改动写成新的迁移。`,
            m.name,
          );
        }
        continue;
      }
      const t0 = Date.now();
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, duration_ms) VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          Date.now() - t0,
        ]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(`迁移 ${m.name} 执行失败：${(e as Error).message}`, m.name);
      }
      applied.push(m.name);
      log(`[migrate] 已应用 ${m.name} (${Date.now() - t0} ms)`);
    }
    return { applied, total: migrations.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export async function countAppliedMigrations(client: { query: pg.Client["query"] }): Promise<number> {
  const r = await client.query(`SELECT count(*)::int AS n FROM "${MIGRATIONS_TABLE}"`);
  return (r.rows[0] as { n: number }).n;
}
