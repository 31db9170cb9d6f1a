import "server-only";
// Evidence file contents in PostgreSQL (evidence_chunk). Writing happens inside the upload's
// transaction, chunk by chunk as the request streams in, so memory holds one chunk at a
// time and a failure anywhere (size limit, refused type, lost connection, killed process)
// rolls back every chunk with the row. Reading fetches one chunk per query and checks the
// sha-256 and size recorded at upload before the last byte goes out. Chunks go through
// plain `pg`, which sends a Buffer as a binary parameter (Prisma would copy it through
// base64 several times: see withPrismaOn in lib/db/prisma.ts).
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { fileTypeFromTokenizer } from "file-type";
import { fromWebStream } from "strtok3";
import type pg from "pg";
import { getDb } from "../db/client";
import { CHUNK_BYTES, rechunk } from "./chunks";
import { judgeFileType, type Sniffed } from "./policy";

export class TooLarge extends Error {}

export class ContentIntegrityError extends Error {
  constructor(id: string, what: string) {
    super(`evidence ${id}: ${what}`);
    this.name = "ContentIntegrityError";
  }
}

/** Streams `source` into chunks of evidence `id` (in `tx`); stops with TooLarge once past `max` bytes. */
export async function writeContent(tx: pg.PoolClient, id: string, source: AsyncIterable<Uint8Array>, max: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  async function* counted() {
    for await (const piece of source) {
      size += piece.byteLength;
      if (size > max) throw new TooLarge();
      hash.update(piece);
      yield piece;
    }
  }
  let seq = 0;
  for await (const chunk of rechunk(counted(), CHUNK_BYTES)) {
    await tx.query(`INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES ($1, $2, $3)`, [id, seq, chunk]);
    seq++;
  }
  return { size, sha256: hash.digest("hex") };
}

type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;


async function* chunksOf(db: Queryable, id: string): AsyncGenerator<Uint8Array, void, void> {
  for (let seq = 0; ; seq++) {
    // (results come as hex text, which pg decodes; pg's binary mode is per connection)
    const r: pg.QueryResult<{ data: Buffer }> = await db.query(`SELECT data FROM evidence_chunk WHERE evidence_id = $1 AND seq = $2`, [id, seq]);
    if (!r.rows.length) return;
    yield r.rows[0].data;
  }
}

/**
 * Content sniffing of what was just written (in the same transaction); file-type reads only
 * what it needs. It is told the size, as fileTypeFromFile was: some checks (PNG's chunks)
 * judge differently on a stream of unknown length.
 */
export async function sniffContent(tx: pg.PoolClient, id: string, size: number, fileName: string): Promise<Sniffed> {
  const stream = Readable.from(chunksOf(tx, id), { objectMode: false });
  try {
    const tokenizer = fromWebStream(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { fileInfo: { size } });
    const detected = await fileTypeFromTokenizer(tokenizer).catch(() => undefined);
    return judgeFileType(detected, fileName);
  } finally {
    stream.destroy();
  }
}

/**
 * The stored content of evidence `id` as a stream, or null when it has none. The first chunk
 * is read before returning (so "missing" is a clean 404, not a broken body); a size or
 * sha-256 that differs from the upload's ends the stream with an error instead of its last
 * chunk, so a client never receives a complete-looking corrupt file.
 */
export async function openContent(row: { id: string; sizeBytes: number | null; sha256: string | null }): Promise<Readable | null> {
  const it = chunksOf(getDb().pool, row.id);
  const first = await it.next();
  if (first.done) return null;
  async function* verified() {
    const hash = createHash("sha256");
    let size = 0;
    let pending: Uint8Array | undefined = first.value as Uint8Array;
    for (;;) {
      const next = await it.next();
      // hold one chunk back: the last one is released only after the checks pass
      if (next.done) {
        hash.update(pending);
        size += pending.byteLength;
        if (row.sizeBytes !== null && size !== row.sizeBytes) throw new ContentIntegrityError(row.id, `size ${size}, expected ${row.sizeBytes}`);
        if (row.sha256 && hash.digest("hex") !== row.sha256) throw new ContentIntegrityError(row.id, "sha-256 mismatch");
        yield pending;
        return;
      }
      hash.update(pending);
      size += pending.byteLength;
      yield pending;
      pending = next.value as Uint8Array;
    }
  }
  return Readable.from(verified(), { objectMode: false });
}
