// Evidence keys and the old on-disk place of evidence files. Contents live in PostgreSQL
// (content.ts); `storage_key` (`<editionId>/<uuid>`, made here, never taken from a request)
// names where a file lay under DATA_DIR/evidence before that, so the start-up move
// (legacy-files.ts) can find it. No server-only import: scripts/start.ts uses this.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { dataDir } from "../db/config";

const KEY = /^\d+\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new storage key for a file of an edition. */
export function newStorageKey(editionId: number, id: string = randomUUID()): string {
  const key = `${editionId}/${id}`;
  assertKey(key);
  return key;
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid evidence storage key: ${JSON.stringify(key)}`);
}

/** Where evidence files were kept before they moved into the database. */
export function legacyEvidenceDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), "evidence");
}

/** The old file of `key` under `root`; never outside it. */
export function legacyPathOf(root: string, key: string): string {
  assertKey(key);
  const p = path.resolve(root, ...key.split("/"));
  if (!p.startsWith(path.resolve(root) + path.sep)) throw new Error(`evidence key escapes the storage root: ${key}`);
  return p;
}
