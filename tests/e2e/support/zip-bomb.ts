// Hostile "xlsx" files for the upload tests, built in memory in well under a second:
// an entry of N MB of zeros is one deflated 1 MiB block (full flush, so it can be repeated)
// written N times, then deflate's final empty block.
import zlib from "node:zlib";

type Entry = { name: string; data: Buffer; size: number; crc: number; method: 0 | 8 };

const MiB = 1024 * 1024;
let zeroBlock: Buffer | null = null;

/** `mib` MiB of zeros, deflated (raw) without ever holding them uncompressed. */
function deflatedZeros(mib: number): { data: Buffer; crc: number } {
  const zeros = Buffer.alloc(MiB);
  zeroBlock ??= zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(zeros, crc);
  // 0x03 0x00: a final, empty block with fixed Huffman codes
  return { data: Buffer.concat([...Array.from({ length: mib }, () => zeroBlock!), Buffer.from([0x03, 0x00])]), crc };
}

function stored(name: string, text: string): Entry {
  const data = Buffer.from(text);
  return { name, data, size: data.length, crc: zlib.crc32(data), method: 0 };
}

function zip(entries: Entry[], declared: (e: Entry) => number = (e) => e.size): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt16LE(0, 10);
    lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(e.crc >>> 0, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(declared(e), 22);
    lh.writeUInt16LE(name.length, 26);
    lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt16LE(0, 12);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(e.crc >>> 0, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(declared(e), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    centrals.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';

/**
 * An "xlsx" whose worksheet inflates to `mib` MiB of zeros (200 MiB is about 200 KB on disk).
 * `lie`: the zip directory declares the entry as 1 KiB, so only inflating it shows the truth.
 */
export function zipBomb(mib = 200, opts: { lie?: boolean } = {}): Buffer {
  const z = deflatedZeros(mib);
  const sheet: Entry = { name: "xl/worksheets/sheet1.xml", data: z.data, size: mib * MiB, crc: z.crc, method: 8 };
  return zip([stored("[Content_Types].xml", CONTENT_TYPES), sheet], (e) => (opts.lie && e === sheet ? 1024 : e.size));
}

/** A zip with `n` tiny entries (the entry-count limit). */
export function manyEntries(n = 1001): Buffer {
  return zip([stored("[Content_Types].xml", CONTENT_TYPES), ...Array.from({ length: n }, (_, i) => stored(`xl/media/x${i}.txt`, "x"))]);
}
