// How evidence content is cut into database rows (evidence_chunk): fixed 256 KiB pieces,
// numbered from 0, so chunk n starts at byte n × CHUNK_BYTES. Shared by the upload route
// (lib/evidence/content.ts) and the start-up move of old files (legacy-files.ts). No
// server-only import: scripts/start.ts runs the move outside Next.js.

/** Small enough that a reader or writer holds a few of them at most; big enough that a 20 MB file is 80 rows. */
export const CHUNK_BYTES = 256 * 1024;

/** Re-cuts a byte stream into pieces of exactly `size` bytes (the last one shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size = CHUNK_BYTES): AsyncGenerator<Buffer, void, void> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let b = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (b.length > 0) {
      const take = Math.min(size - held, b.length);
      parts.push(b.subarray(0, take));
      held += take;
      b = b.subarray(take);
      if (held === size) {
        yield Buffer.concat(parts, held); // a copy: the source may reuse its buffers
        parts = [];
        held = 0;
      }
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}

export const LEGACY_MOVE_LOCK = 727_160_002; // pg_advisory_lock key of the start-up move
