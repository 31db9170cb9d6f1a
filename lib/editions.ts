import "server-only";
// Reading editions back from PostgreSQL. The stored JSON is the validated edition; it is
// parsed once per edition version and kept in memory (versions are immutable).
import { getPrisma } from "./db/client";
import type { TEdition } from "./rules/schema";

export type EditionRef = { id: number; key: string; version: number; name: string; year: number };
export type LoadedEdition = EditionRef & { edition: TEdition };

const byId = new Map<number, LoadedEdition>();

export async function listEditions(): Promise<(EditionRef & { current: boolean })[]> {
  return getPrisma().edition.findMany({
    where: { status: "published" }, // drafts (lib/authoring) are not assessed
    select: { id: true, key: true, version: true, name: true, year: true, current: true },
    orderBy: [{ year: "desc" }, { key: "asc" }, { version: "desc" }],
  });
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
  if (key) {
    const row = await getPrisma().edition.findFirst({ where: { current: true, status: "published", key }, select: { id: true }, orderBy: [{ year: "desc" }, { version: "desc" }] });
    return row ? getEditionById(row.id) : null;
  }
  const rows = await getPrisma().$queryRaw<{ id: number }[]>`
    SELECT id FROM edition WHERE current AND status = 'published'
    ORDER BY coalesce((data->>'preview')::boolean, false), year DESC, version DESC
    LIMIT 1`;
  return rows[0] ? getEditionById(rows[0].id) : null;
}
