// Application-level backup and restore: every table (PostgreSQL COPY text format, exact
// for every type) in one .tar.gz with a manifest. Evidence files are rows of
// evidence_chunk, so the database is everything. Used because the embedded PostgreSQL 18
// package ships no pg_dump and Debian's client is older. Backups of format /1 (from before
// evidence moved into the database) still restore, into the database alone: the schema is
// brought up to date and their files are moved into evidence_chunk from the unpacked copy
// (checked against the rows' sha-256), so nothing depends on which machine ran the restore.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import * as tar from "tar";
import { MIGRATIONS_TABLE } from "../db/constants";
import { migrate, readMigrations } from "../db/migrate";
import { moveLegacyEvidenceFiles } from "../evidence/legacy-files";

export const BACKUP_FORMAT = "egov-assessment-backup/2";
const LEGACY_FORMAT = "egov-assessment-backup/1";

export type Manifest = {
  format: string;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number; sha256: string }[];
  /** format /1 only: evidence files beside the tables */
  evidence?: { key: string; bytes: number; sha256: string }[];
};

/** Tables in an order that satisfies foreign keys (parents first). */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const t = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const deps = await client.query<{ child: string; parent: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const names = t.rows.map((r) => r.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps.rows) {
    const child = d.child.replace(/"/g, ""), parent = d.parent.replace(/"/g, "");
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const out: string[] = [];
  const visit = (n: string, seen = new Set<string>()) => {
    if (out.includes(n) || seen.has(n)) return;
    seen.add(n);
    for (const p of parents.get(n) ?? []) visit(p, seen);
    out.push(n);
  };
  names.forEach((n) => visit(n));
  return out;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  await pipeline(createReadStream(file), h);
  return h.digest("hex");
}

export async function createBackup(opts: { url: string; outFile: string; log?: (m: string) => void }): Promise<Manifest> {
  const log = opts.log ?? (() => {});
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "egov-backup-"));
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    // one consistent snapshot for every table
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = (await client.query<{ name: string }>(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY name`)).rows.map((r) => r.name);
    const tables: Manifest["tables"] = [];
    await fs.mkdir(path.join(work, "db"));
    for (const name of await tablesInDependencyOrder(client)) {
      if (name === MIGRATIONS_TABLE) continue;
      const file = path.join(work, "db", `${name}.copy`);
      await pipeline(client.query(copyTo(`COPY "${name}" TO STDOUT`)), createWriteStream(file));
      const rows = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
      tables.push({ name, rows, sha256: await sha256File(file) });
      log(`[backup] ${name}: ${rows} 行`);
    }
    await client.query("COMMIT");
    const manifest: Manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations, tables };
    await fs.writeFile(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
    await fs.mkdir(path.dirname(path.resolve(opts.outFile)), { recursive: true });
    await tar.create({ gzip: true, file: opts.outFile, cwd: work, portable: true }, ["manifest.json", "db"]);
    return manifest;
  } finally {
    await client.end().catch(() => {});
    await fs.rm(work, { recursive: true, force: true });
  }
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

/**
 * Restores into a database that has no application data yet (a fresh one, or `force` to
 * drop everything first). A format /1 backup's evidence files are moved into the database
 * (after the later migrations, which create evidence_chunk); nothing is written to disk.
 */
export async function restoreBackup(opts: { url: string; file: string; force?: boolean; log?: (m: string) => void }): Promise<Manifest> {
  const log = opts.log ?? (() => {});
  if (!existsSync(opts.file)) throw new RestoreError(`找不到备份文件：${opts.file}`);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "egov-restore-"));
  try {
    try {
      await tar.extract({ file: opts.file, cwd: work, strict: true });
    } catch (e) {
      throw new RestoreError(`备份文件已损坏或不是本系统的备份：${(e as Error).message}`);
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(work, "manifest.json"), "utf8")) as Manifest;
    } catch {
      throw new RestoreError("备份文件缺少 manifest.json，不是本系统的备份");
    }
    if (manifest.format !== BACKUP_FORMAT && manifest.format !== LEGACY_FORMAT) throw new RestoreError(`不支持的备份格式：${manifest.format}`);
    const known = readMigrations().map((m) => m.name);
    const unknown = manifest.migrations.filter((m) => !known.includes(m));
    if (unknown.length) throw new RestoreError(`备份来自更新的版本（包含未知迁移 ${unknown.join(", ")}），请先升级程序`);
    for (const t of manifest.tables) {
      if ((await sha256File(path.join(work, "db", `${t.name}.copy`))) !== t.sha256) throw new RestoreError(`备份文件中 ${t.name} 的数据校验失败`);
    }
    const legacyFiles = manifest.evidence ?? [];
    for (const e of legacyFiles) {
      if ((await sha256File(path.join(work, "evidence", e.key))) !== e.sha256) throw new RestoreError(`备份文件中佐证材料 ${e.key} 校验失败`);
    }

    const client = new pg.Client({ connectionString: opts.url });
    await client.connect();
    try {
      const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
      if (existing > 0) {
        if (!opts.force) throw new RestoreError("目标数据库不为空。请恢复到新数据库，或加 --force 清空后恢复（会删除现有全部数据）");
        await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
        log("[restore] 已清空目标数据库");
      }
    } finally {
      await client.end();
    }
    // the schema exactly as it was: the backup's migrations, no later ones
    const migDir = await fs.mkdtemp(path.join(os.tmpdir(), "egov-restore-mig-"));
    for (const m of readMigrations().filter((m) => manifest.migrations.includes(m.name))) {
      await fs.mkdir(path.join(migDir, m.name));
      await fs.writeFile(path.join(migDir, m.name, "migration.sql"), m.sql);
    }
    await migrate(opts.url, { dir: migDir });
    await fs.rm(migDir, { recursive: true, force: true });

    const c = new pg.Client({ connectionString: opts.url });
    await c.connect();
    try {
      await c.query("BEGIN");
      for (const t of manifest.tables) {
        await pipeline(createReadStream(path.join(work, "db", `${t.name}.copy`)), c.query(copyFrom(`COPY "${t.name}" FROM STDIN`)));
        log(`[restore] ${t.name}: ${t.rows} 行`);
      }
      // serial/identity sequences continue after the restored ids
      const seqs = await c.query<{ tbl: string; col: string; seq: string }>(`
        SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`);
      for (const s of seqs.rows) {
        await c.query(`SELECT setval($1, COALESCE((SELECT max("${s.col}") FROM "${s.tbl}"), 0) + 1, false)`, [s.seq]);
      }
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      await c.end();
    }
    if (legacyFiles.length) {
      // evidence_chunk came with a later migration; the next start would apply these anyway
      await migrate(opts.url, { log });
      const moved = await moveLegacyEvidenceFiles(opts.url, path.join(work, "evidence"), { log });
      log(`[restore] 旧格式备份的佐证材料文件 ${legacyFiles.length} 个，已迁入数据库 ${moved.moved} 个`);
      if (moved.mismatched || moved.missing) log(`[restore] 注意：${moved.mismatched} 个文件与登记的校验值不符，${moved.missing} 条记录在备份中没有文件，这些材料无法下载`);
    }
    return manifest;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
