import "server-only";
// Reading editions back from PostgreSQL. The stored JSON is the validated edition; it is
// parsed once per edition version and kept in memory (versions are immutable).
import { z } from "zod";
import { getDb, getPrisma } from "./db/client";
import { rows } from "./db/sql";
import type { TEdition } from "./rules/schema";

export type EditionRef = { id: number; key: string; version: number; name: string; year: number };
export type LoadedEdition = EditionRef & { edition: TEdition };

const byId = new Map<number, LoadedEdition>();

const ZEditionRef = z.object({ id: z.number().int(), key: z.string(), version: z.number().int(), name: z.string(), year: z.number().int(), current: z.boolean() });
const ZId = z.object({ id: z.number().int() });

/** The published editions, newest year first. Read by every results page and the edition
 *  picker: typed SQL (docs/architecture.md "Typed SQL"). Drafts (lib/authoring) are not assessed. */
export async function listEditions(): Promise<(EditionRef & { current: boolean })[]> {
  return rows(getDb().pool, ZEditionRef, `SELECT id, key, version, name, year, current FROM edition WHERE status = 'published' ORDER BY year DESC, key ASC, version DESC`, []);
}

export async function getEditionById(id: number): Promise<LoadedEdition | null> {
  const hit = byId.get(id);
  if (hit) return hit;
  const row = await getPrisma().edition.findUnique({ where: { id }, select: { id: true, key: true, version: true, name: true, year: true, data: true } });
  if (!row) return null;
  const loaded: LoadedEdition = { id: row.id, key: row.key, version: row.version, name: row.name, year: row.year, edition: row.data as unknown as TEdition };
  byId.set(id, loaded);
  return loaded;
}

/**
 * The current version of an edition key; without a key, the one named by EDITION, else the
 * newest year's current edition that is not a preview (edition.yaml `preview: true`: a
 * published next year, shown only when asked for), else the newest year's.
 */
export async function getCurrentEdition(key: string | undefined = process.env.EDITION || undefined): Promise<LoadedEdition | null> {
  // on every page that shows the current edition: typed SQL (docs/architecture.md "Typed SQL")
  const [row] = key
    ? await rows(getDb().pool, ZId, `SELECT id FROM edition WHERE current AND status = 'published' AND key = $1 ORDER BY year DESC, version DESC LIMIT 1`, [key])
    : await rows(
        getDb().pool,
        ZId,
        `SELECT id FROM edition WHERE current AND status = 'published'
          ORDER BY coalesce((data->>'preview')::boolean, false), year DESC, version DESC
          LIMIT 1`,
        [],
      );
  return row ? getEditionById(row.id) : null;
}
