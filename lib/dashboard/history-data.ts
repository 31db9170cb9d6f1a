import "server-only";
// 历年对比's data: every published edition (its current version, one per key) with its
// results when it has facts, else listed as 无结果. Scores come from getEditionResults (the
// engine, cached per edition); buildUnitHistory follows the unit and the items across them.
import { getPrisma } from "../db/client";
import { getEditionById } from "../editions";
import { resultsReleased } from "../results/appeals";
import { getEditionResults } from "../results/score";
import { buildUnitHistory, type THistoryEditionInput, type TUnitHistory } from "./history";

/** `releasedOnly` (a unit's own staff): an edition whose results are not yet released shows 无结果. */
export async function getUnitHistory(unitCode: string, opts: { releasedOnly?: boolean } = {}): Promise<TUnitHistory> {
  const prisma = getPrisma();
  const [rows, facts] = await Promise.all([
    prisma.edition.findMany({ where: { status: "published", current: true }, select: { id: true }, orderBy: [{ year: "asc" }, { id: "asc" }] }),
    prisma.itemFact.groupBy({ by: ["editionId"], _count: { _all: true } }),
  ]);
  const withFacts = new Set(facts.filter((f) => f._count._all > 0).map((f) => f.editionId));
  const input: THistoryEditionInput[] = [];
  for (const { id } of rows) {
    const e = await getEditionById(id);
    if (!e) continue;
    const visible = withFacts.has(id) && (!opts.releasedOnly || (await resultsReleased(id)));
    const res = visible ? await getEditionResults(id) : null;
    input.push({ id, key: e.key, version: e.version, year: e.year, name: e.name, edition: e.edition, result: res?.result ?? null });
  }
  return buildUnitHistory(unitCode, input);
}

/** The units 历年对比 can be asked for: those of every published edition, newest name first. */
export async function listHistoryUnits(): Promise<{ code: string; name: string; group: string }[]> {
  const rows = await getPrisma().edition.findMany({ where: { status: "published", current: true }, select: { id: true }, orderBy: [{ year: "desc" }, { id: "desc" }] });
  const seen = new Map<string, { code: string; name: string; group: string }>();
  for (const { id } of rows) {
    const e = await getEditionById(id);
    for (const u of e?.edition.units ?? []) if (!seen.has(u.code) && u.group !== "city") seen.set(u.code, { code: u.code, name: u.name, group: u.group });
  }
  return [...seen.values()];
}
