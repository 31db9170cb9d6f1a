// The one check every uploaded xlsx passes before a spreadsheet library unpacks it.
// An xlsx is a zip: a 1 MB file can inflate to gigabytes (a "zip bomb") and exceljs/JSZip
// would hold all of it in memory. So the zip's central directory is read first (entry
// count, declared sizes, compression ratio), then every entry is inflated as a stream and
// counted, without keeping anything, and stopped as soon as it passes what its directory
// entry declared: a directory that lies about sizes is caught after at most the declared
// bytes. Only then does the caller hand the bytes to exceljs.
import yauzl from "yauzl";

export const XLSX_LIMITS = {
  /** total uncompressed bytes of all entries */
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxEntries: 1000,
  /** uncompressed / compressed of one entry, checked for entries above ratioFloorBytes */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/** A refusal of the uploaded file; the message is for the user (Chinese). */
export class XlsxRejected extends Error {
  constructor(
    message: string,
    readonly reason: "not-zip" | "corrupt" | "too-many-entries" | "too-large" | "ratio",
  ) {
    super(message);
    this.name = "XlsxRejected";
  }
}

const NOT_ZIP = "只能上传 Excel 工作簿（.xlsx）。如使用 WPS 或旧版 Excel，请“另存为”.xlsx 格式后再上传。";
const CORRUPT = "文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开检查后重新保存再上传。";
const TOO_LARGE = (limits: XlsxLimits) =>
  `文件内容过大：解压后超过 ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB，或压缩比异常，系统拒绝读取。请上传本系统模板填写的普通 Excel 文件，内容过多时请拆分后分批上传。`;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export function isZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

function open(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error("no zip")) : resolve(zip),
    ),
  );
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once("end", () => resolve(out));
    zip.once("error", reject);
    zip.readEntry();
  });
}

/** Inflate one entry, discarding the bytes; stops past `budget` (yauzl also stops past the declared size). */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("no stream"));
      let n = 0;
      stream.on("data", (chunk: Buffer) => {
        n += chunk.byteLength;
        if (n > budget) stream.destroy(new XlsxRejected("over budget", "too-large"));
      });
      stream.once("error", reject);
      stream.once("end", () => resolve(n));
    });
  });
}

/**
 * Throws XlsxRejected (with a Chinese message) unless `bytes` is a zip within the limits.
 * Costs at most the inflation of `maxUnpackedBytes`, streamed (a few MB of memory).
 */
export async function checkXlsxArchive(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  if (!isZip(bytes)) throw new XlsxRejected(NOT_ZIP, "not-zip");
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await open(buf);
  } catch {
    throw new XlsxRejected(CORRUPT, "corrupt");
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new XlsxRejected(`文件中的条目过多（超过 ${limits.maxEntries} 个），不是正常的 Excel 文件，系统拒绝读取。`, "too-many-entries");
    const list = await entries(zip);
    // 1) what the central directory declares
    let declared = 0;
    for (const e of list) {
      declared += e.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) throw new XlsxRejected(TOO_LARGE(limits), "too-large");
      if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
        throw new XlsxRejected(TOO_LARGE(limits), "ratio");
      }
      if (e.isEncrypted() || !e.canDecodeFileData()) throw new XlsxRejected(CORRUPT, "corrupt");
    }
    // 2) what the entries really inflate to (a lying directory is stopped at its declared size)
    let actual = 0;
    for (const e of list) {
      if (e.fileName.endsWith("/")) continue;
      actual += await drain(zip, e, limits.maxUnpackedBytes - actual);
    }
  } catch (e) {
    if (e instanceof XlsxRejected) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    // yauzl: "too many bytes in the stream" / "expected N bytes" when an entry differs from its directory entry
    if (/too many bytes/i.test(msg)) throw new XlsxRejected(TOO_LARGE(limits), "too-large");
    throw new XlsxRejected(CORRUPT, "corrupt");
  } finally {
    zip.close();
  }
}
