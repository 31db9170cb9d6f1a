// The one-time move of evidence files from DATA_DIR/evidence into PostgreSQL, run by
// scripts/start.ts after the migrations. Each file is streamed into evidence_chunk in its
// own transaction and checked against the sha-256 and size recorded at upload; only after
// the commit is the file deleted. So the move is
//   - idempotent: a row that already has chunks is skipped, and its leftover file removed;
//   - resumable: a crash loses at most the file in flight, which the next start redoes;
//   - safe with N instances starting together: one pg advisory lock serialises it.
// A file that does not match its row is left where it is and named in the log; nothing of
// it enters the database. When the directory is empty afterwards it is removed, and the app
// never reads it again (downloads read only the database).
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { CHUNK_BYTES, LEGACY_MOVE_LOCK, rechunk } from "./chunks";
import { isStorageKey, legacyPathOf } from "./storage";

export type LegacyMoveResult = { moved: number; missing: number; mismatched: number; leftovers: number };

export async function moveLegacyEvidenceFiles(
  url: string,
  dir: string,
  opts: { log?: (m: string) => void; afterEach?: (id: string) => void } = {},
): Promise<LegacyMoveResult> {
  const log = opts.log ?? (() => {});
  const result: LegacyMoveResult = { moved: 0, missing: 0, mismatched: 0, leftovers: 0 };
  if (!existsSync(dir)) return result;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LEGACY_MOVE_LOCK]);
    const pending = await client.query<{ id: string; storage_key: string; sha256: string | null; size_bytes: number | null }>(`
      SELECT e.id, e.storage_key, e.sha256, e.size_bytes FROM evidence e
      WHERE e.kind = 'file' AND e.storage_key IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM evidence_chunk c WHERE c.evidence_id = e.id)
      ORDER BY e.id`);
    if (pending.rows.length) log(`[evidence] 正在把 ${dir} 中的佐证材料文件迁入数据库（${pending.rows.length} 个待迁移）…`);
    for (const row of pending.rows) {
      if (!isStorageKey(row.storage_key)) continue;
      const file = legacyPathOf(dir, row.storage_key);
      if (!existsSync(file)) {
        result.missing++;
        continue;
      }
      const hash = createHash("sha256");
      let size = 0;
      await client.query("BEGIN");
      try {
        let seq = 0;
        for await (const chunk of rechunk(createReadStream(file, { highWaterMark: CHUNK_BYTES }))) {
          hash.update(chunk);
          size += chunk.length;
          await client.query(`INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES ($1, $2, $3)`, [row.id, seq++, chunk]);
        }
        const sha = hash.digest("hex");
        if ((row.sha256 && sha !== row.sha256) || (row.size_bytes !== null && size !== row.size_bytes)) {
          await client.query("ROLLBACK");
          result.mismatched++;
          log(`[evidence] 文件与登记的校验值或大小不符，未迁移，保留原文件：${file}`);
          continue;
        }
        // rows from before sha-256 was recorded get it now
        await client.query(`UPDATE evidence SET sha256 = COALESCE(sha256, $2), size_bytes = COALESCE(size_bytes, $3) WHERE id = $1`, [row.id, sha, size]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
      await fs.rm(file, { force: true });
      result.moved++;
      opts.afterEach?.(row.id);
    }
    // files whose content is already in the database (a crash between commit and delete)
    const done = await client.query<{ storage_key: string }>(`
      SELECT e.storage_key FROM evidence e WHERE e.kind = 'file' AND e.storage_key IS NOT NULL
        AND EXISTS (SELECT 1 FROM evidence_chunk c WHERE c.evidence_id = e.id)`);
    for (const { storage_key } of done.rows) {
      if (!isStorageKey(storage_key)) continue;
      const file = legacyPathOf(dir, storage_key);
      if (existsSync(file)) {
        await fs.rm(file, { force: true });
        result.leftovers++;
      }
    }
    await fs.rm(path.join(dir, ".staging"), { recursive: true, force: true });
    await removeEmptyDirs(dir);
    if (result.moved || result.missing || result.mismatched || result.leftovers) {
      log(
        `[evidence] 佐证材料迁入数据库：迁移 ${result.moved} 个` +
          (result.leftovers ? `，清理已迁移的残留文件 ${result.leftovers} 个` : "") +
          (result.missing ? `，${result.missing} 条记录找不到原文件` : "") +
          (result.mismatched ? `，${result.mismatched} 个文件校验不符（保留在 ${dir}）` : ""),
      );
    }
    if (!existsSync(dir)) log(`[evidence] ${dir} 已清空并删除，佐证材料只存于数据库`);
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LEGACY_MOVE_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function removeEmptyDirs(dir: string): Promise<boolean> {
  let empty = true;
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name)))) continue;
    empty = false;
  }
  if (empty) await fs.rmdir(dir).catch(() => {});
  return empty;
}
