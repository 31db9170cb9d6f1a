import "server-only";
// Evidence file contents in PostgreSQL (evidence_chunk). Writing happens inside the upload's
// transaction, chunk by chunk as the request streams in, so memory holds one chunk at a
// time and a failure anywhere (size limit, refused type, lost connection, killed process)
// rolls back every chunk with the row. Reading fetches one chunk per query and checks the
// sha-256 and size recorded at upload before the last byte goes out.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { fileTypeFromTokenizer } from "file-type";
import { fromWebStream } from "strtok3";
import { getPrisma } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
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
export async function writeContent(tx: Prisma.TransactionClient, id: string, source: AsyncIterable<Uint8Array>, max: number): Promise<{ size: number; sha256: string }> {
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
    await tx.$executeRaw`INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES (${id}, ${seq}, ${chunk})`;
    seq++;
  }
  return { size, sha256: hash.digest("hex") };
}

async function* chunksOf(db: Prisma.TransactionClient, id: string): AsyncGenerator<Uint8Array, void, void> {
  for (let seq = 0; ; seq++) {
    const rows = await db.$queryRaw<{ data: Uint8Array }[]>`SELECT data FROM evidence_chunk WHERE evidence_id = ${id} AND seq = ${seq}`;
    if (!rows.length) return;
    yield rows[0].data;
  }
}

/**
 * Content sniffing of what was just written (in the same transaction); file-type reads only
 * what it needs. It is told the size, as fileTypeFromFile was: some checks (PNG's chunks)
 * judge differently on a stream of unknown length.
 */
export async function sniffContent(tx: Prisma.TransactionClient, id: string, size: number, fileName: string): Promise<Sniffed> {
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
  const prisma = getPrisma();
  const it = chunksOf(prisma, row.id);
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
