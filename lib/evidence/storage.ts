import "server-only";
// Where evidence files live. Keys are made here (`<editionId>/<uuid>`), never taken from a
// request, so no user input ever becomes a path.
//
// Another backend plugs in by implementing EvidenceStorage and adding a case to
// getEvidenceStorage(). An S3-compatible one (MinIO, OSS, COS…) would map
//   put    → PutObject (or a multipart upload for streams) on `${prefix}${key}`
//   get    → GetObject, returning its Body as a Node Readable
//   delete → DeleteObject
// with bucket, endpoint and credentials read from env (EVIDENCE_S3_*), and be selected by
// EVIDENCE_STORAGE=s3. Callers hand put() a complete, already checked file (see upload.ts:
// the request is staged locally first), so a backend never sees a half-received upload.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "../db/config";

export interface EvidenceStorage {
  /** Stores the whole content under `key`; on failure nothing is left under that key. */
  put(key: string, content: Readable | Buffer): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

const KEY = /^\d+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new storage key for a file of an edition. */
export function newStorageKey(editionId: number, id: string = randomUUID()): string {
  const key = `${editionId}/${id}`;
  assertKey(key);
  return key;
}

function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid evidence storage key: ${JSON.stringify(key)}`);
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`evidence object not found: ${key}`);
    this.name = "StorageNotFoundError";
  }
}

/** Files under `${root}/<editionId>/<uuid>`; writes go to a temp file that is renamed into place. */
export class FsEvidenceStorage implements EvidenceStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertKey(key);
    const p = path.resolve(this.root, ...key.split("/"));
    if (!p.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`evidence key escapes the storage root: ${key}`);
    return p;
  }

  async put(key: string, content: Readable | Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // same directory, so the rename is atomic; the dot name is never a valid key
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, createWriteStream(tmp, { flags: "wx", mode: 0o640 }));
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {});
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    const stream = createReadStream(p);
    // surface "missing" before the response starts instead of as a broken body
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "ENOENT" ? new StorageNotFoundError(key) : e));
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The root of the filesystem backend and of the local staging area for uploads. */
export function evidenceRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), "evidence");
}

export function getEvidenceStorage(env: NodeJS.ProcessEnv = process.env): EvidenceStorage {
  const kind = (env.EVIDENCE_STORAGE ?? "fs").trim() || "fs";
  switch (kind) {
    case "fs":
      return new FsEvidenceStorage(evidenceRoot(env));
    default:
      throw new Error(`EVIDENCE_STORAGE=${kind} 不受支持（可选：fs）`);
  }
}
