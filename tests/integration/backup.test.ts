// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeAudit } from "@/lib/audit";
import { createBackup, restoreBackup, RestoreError } from "@/lib/backup/backup";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/prisma";
import { createFreshDatabase } from "../setup/pg";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fresh() {
  const db = await createFreshDatabase(inject("adminUrl"), "egov_bk");
  cleanups.push(db.drop);
  return db;
}

/** Every row of every table, as text, in a stable order. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_app_migrations' ORDER BY 1`)).rows.map((r) => r.tablename as string);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await c.query(`SELECT t::text AS r FROM "${t}" t`);
    out[t] = rows.rows.map((r) => r.r as string).sort();
  }
  await c.end();
  return out;
}

let sourceUrl: string;
const EVIDENCE_ID = "00000000-0000-4000-8000-000000000001";
const PDF = Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n\u0000\u00ff", "latin1");
let backupFile: string;
const tmp = mkdtempSync(path.join(os.tmpdir(), "egov-bk-test-"));
cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  sourceUrl = inject("databaseUrl"); // this file's own database, with the 2017 edition (test-db line above)
  const db = createDb(sourceUrl, 2);
  try {
    const edition = await db.prisma.edition.findFirstOrThrow();
    const user = await db.prisma.user.create({ data: { username: "bk", displayName: "备份测试", passwordHash: "$argon2id$x", roles: ["filler", "reviewer"], unitCode: "county-sanyuan" } });
    await db.prisma.itemFact.create({ data: { editionId: edition.id, unitCode: "county-sanyuan", itemCode: "p1.xxh.sphy.tsdm", source: "self", payload: { value: { events: [{ kind: "qxcd", count: 7, note: "含“引号”与换行\n第二行\t制表" }] } }, version: 3, updatedById: user.id } });
    await db.prisma.postPenalty.create({ data: { editionId: edition.id, unitCode: "dept-szb", partCode: "p2", points: "1.25", reason: "网站信息失实" } });
    await db.prisma.evidence.create({ data: { id: EVIDENCE_ID, editionId: edition.id, unitCode: "county-sanyuan", itemCode: "p1.xxh.sphy.tsdm", kind: "file", fileName: "会议记录.pdf", sizeBytes: PDF.length, sha256: createHash("sha256").update(PDF).digest("hex"), storageKey: `${edition.id}/${EVIDENCE_ID}`, coversFrom: new Date("2017-01-01"), coversTo: new Date("2017-12-31") } });
    // the file's content is rows (two chunks, one of them binary), so the database is the whole backup
    await db.prisma.evidenceChunk.createMany({ data: [ { evidenceId: EVIDENCE_ID, seq: 0, data: PDF.subarray(0, 20) }, { evidenceId: EVIDENCE_ID, seq: 1, data: PDF.subarray(20) } ] });
    await writeAudit(db.prisma, { actor: user, ip: "10.0.0.9", action: "fact.self.save", entityType: "item_fact", before: null, after: { n: 1 }, reason: "备份测试" });
  } finally {
    await db.close();
  }
  backupFile = path.join(tmp, "backup.tar.gz");
});

describe("backup and restore", () => {
  it("a round trip reproduces every edition, fact, evidence file, review and audit row exactly, from the database alone", async () => {
    const m = await createBackup({ url: sourceUrl, outFile: backupFile });
    expect(m.tables.find((t) => t.name === "audit_log")?.rows).toBe(1);
    expect(m.tables.find((t) => t.name === "evidence_chunk")?.rows).toBe(2);
    expect(m.evidence).toBeUndefined();

    const target = await fresh();
    await restoreBackup({ url: target.url, file: backupFile });
    expect(await snapshot(target.url)).toEqual(await snapshot(sourceUrl));
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    const bytes = (await c.query(`SELECT data FROM evidence_chunk WHERE evidence_id = $1 ORDER BY seq`, [EVIDENCE_ID])).rows.map((r) => r.data as Buffer);
    await c.end();
    expect(Buffer.concat(bytes).equals(PDF)).toBe(true);

    // sequences continue after restored ids: a new audit row gets a fresh id
    const db = createDb(target.url, 1);
    await writeAudit(db.prisma, { actorName: "after-restore", action: "test", entityType: "test" });
    expect(await db.prisma.auditLog.count()).toBe(2);
    // and the restored audit trail is still append-only
    await expect(db.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await db.close();
  });

  it("refuses to restore over a database with data unless forced, and refuses a corrupt file", async () => {
    await expect(restoreBackup({ url: sourceUrl, file: backupFile })).rejects.toThrow(/目标数据库不为空/);
    const bad = path.join(tmp, "bad.tar.gz");
    writeFileSync(bad, readFileSync(backupFile).subarray(0, 200));
    const target = await fresh();
    const err = await restoreBackup({ url: target.url, file: bad }).catch((e) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect(err.message).toMatch(/损坏|不是本系统的备份/);
  });

  it("a format /1 backup (evidence files beside the tables) restores into the database alone: files become evidence_chunk rows, nothing is written to disk", async () => {
    // an install from before evidence moved into the database: its schema (migrations up to
    // evidence_chunk), one evidence row, and the /1 layout (evidence/<editionId>/<uuid>)
    const old = await fresh();
    const oldMig = path.join(tmp, "old-migrations");
    for (const m of readMigrations().filter((m) => m.name < "20261202130000")) {
      mkdirSync(path.join(oldMig, m.name), { recursive: true });
      writeFileSync(path.join(oldMig, m.name, "migration.sql"), m.sql);
    }
    await migrate(old.url, { dir: oldMig });
    const id = "00000000-0000-4000-8000-000000000002";
    const file = Buffer.concat([PDF, Buffer.alloc(300_000, 7)]); // two chunks once moved
    const sha = createHash("sha256").update(file).digest("hex");
    const c = new pg.Client({ connectionString: old.url });
    await c.connect();
    const editionId = (await c.query(`INSERT INTO edition (key, version, name, year, checksum, data) VALUES ('old', 1, '旧版', 2017, 'x', '{}') RETURNING id`)).rows[0].id as number;
    await c.query(`INSERT INTO evidence (id, edition_id, unit_code, item_code, kind, file_name, mime_type, size_bytes, sha256, storage_key) VALUES ($1, $2, 'county-sanyuan', 'p1.xxh.sphy.tsdm', 'file', '旧会议记录.pdf', 'application/pdf', $3, $4, $5)`, [id, editionId, file.length, sha, `${editionId}/${id}`]);
    await c.end();
    const v2 = path.join(tmp, "old-v2.tar.gz");
    await createBackup({ url: old.url, outFile: v2 }); // the same table layout as /1 made then
    const work = path.join(tmp, "v1");
    mkdirSync(work);
    await tar.extract({ file: v2, cwd: work });
    const manifest = JSON.parse(readFileSync(path.join(work, "manifest.json"), "utf8"));
    expect(manifest.tables.map((t: { name: string }) => t.name)).not.toContain("evidence_chunk");
    manifest.format = "egov-assessment-backup/1";
    manifest.evidence = [{ key: `${editionId}/${id}`, bytes: file.length, sha256: sha }];
    writeFileSync(path.join(work, "manifest.json"), JSON.stringify(manifest));
    mkdirSync(path.join(work, "evidence", String(editionId)), { recursive: true });
    writeFileSync(path.join(work, "evidence", String(editionId), id), file);
    const v1 = path.join(tmp, "old-v1.tar.gz");
    await tar.create({ gzip: true, file: v1, cwd: work, portable: true }, ["manifest.json", "db", "evidence"]);

    // restored with no directory to put files in, on a machine whose DATA_DIR must stay untouched
    const dataDir = path.join(tmp, "restore-data-dir");
    mkdirSync(dataDir);
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    const target = await fresh();
    const logs: string[] = [];
    try {
      await restoreBackup({ url: target.url, file: v1, log: (m) => logs.push(m) });
    } finally {
      process.env.DATA_DIR = before;
    }
    expect(readdirSync(dataDir)).toEqual([]);
    const t = new pg.Client({ connectionString: target.url });
    await t.connect();
    try {
      const chunks = (await t.query(`SELECT data FROM evidence_chunk WHERE evidence_id = $1 ORDER BY seq`, [id])).rows.map((r) => r.data as Buffer);
      expect(chunks.length).toBe(2);
      expect(Buffer.concat(chunks).equals(file)).toBe(true);
      // the schema is brought up to date (evidence_chunk needs the later migrations)
      const applied = (await t.query(`SELECT name FROM _app_migrations ORDER BY name`)).rows.map((r) => r.name as string);
      expect(applied).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await t.end();
    }
    expect(logs.join("\n")).toMatch(/迁移 1 个/);
  });
});
