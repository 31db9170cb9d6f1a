import "server-only";
// Scoring an edition from what is stored: every fact and 加重扣分 goes through the one
// engine. Results are cached per edition and recomputed when anything they depend on
// changes (a cheap generation query), so pages show a reviewer's change at once.
import { z } from "zod";
import { getDb, getPrisma } from "../db/client";
import { rows } from "../db/sql";
import { scoreEdition, type EditionResult, type TItemFact, type TPostPenalty } from "../engine";
import { getAssessmentContext, type AssessmentContext } from "../assessment/context";
import type { FactPayload } from "../assessment/facts";

export type PartStatus = { partCode: string; partName: string; final: boolean; finalisedAt: Date | null };
export type EditionResults = {
  ctx: AssessmentContext;
  result: EditionResult;
  parts: PartStatus[];
  computedAt: Date;
  /** true when no unit has any fact yet */
  empty: boolean;
};

type CacheEntry = { generation: string; value: EditionResults };
const cache = new Map<number, CacheEntry>();

const ZGeneration = z.object({ g: z.string() });

/** What the cached results depend on, in one cheap query on every results page: typed SQL
 *  (docs/architecture.md "Typed SQL"). */
async function generation(editionId: number): Promise<string> {
  const [row] = await rows(
    getDb().pool,
    ZGeneration,
    `SELECT concat_ws('|',
      (SELECT concat(count(*), ':', coalesce(max(updated_at)::text, ''), ':', coalesce(sum(version), 0)) FROM item_fact WHERE edition_id = $1),
      (SELECT concat(count(*), ':', coalesce(max(created_at)::text, ''), ':', count(revoked_at)) FROM post_penalty WHERE edition_id = $1),
      (SELECT concat(count(*), ':', coalesce(max(finalised_at)::text, ''), ':', coalesce(max(reopened_at)::text, '')) FROM result_finalisation WHERE edition_id = $1)
    ) AS g`,
    [editionId],
  );
  return row?.g ?? "";
}

export async function loadScoringInput(ctx: AssessmentContext) {
  const prisma = getPrisma();
  const [facts, penalties] = await Promise.all([
    prisma.itemFact.findMany({ where: { editionId: ctx.id }, select: { unitCode: true, itemCode: true, source: true, payload: true } }),
    prisma.postPenalty.findMany({ where: { editionId: ctx.id, revokedAt: null }, select: { unitCode: true, partCode: true, points: true, reason: true } }),
  ]);
  const input = {
    edition: ctx.key,
    facts: facts.map((f): TItemFact => ({ ...(f.payload as FactPayload), unit: f.unitCode, item: f.itemCode, source: f.source })),
    penalties: penalties.map((p): TPostPenalty => ({ unit: p.unitCode, part: p.partCode, points: p.points.toString(), reason: p.reason, source: "review" })),
  };
  return input;
}

export async function getEditionResults(editionId?: number): Promise<EditionResults | null> {
  const ctx = await getAssessmentContext(editionId);
  if (!ctx) return null;
  const gen = await generation(ctx.id);
  const hit = cache.get(ctx.id);
  if (hit && hit.generation === gen) return hit.value;
  const input = await loadScoringInput(ctx);
  const result = scoreEdition(ctx.compiled, input);
  const fin = await getPrisma().resultFinalisation.findMany({ where: { editionId: ctx.id, active: true }, select: { partCode: true, finalisedAt: true } });
  const parts = ctx.compiled.parts.map((p) => {
    const f = fin.find((x) => x.partCode === p.code);
    return { partCode: p.code, partName: p.name, final: Boolean(f), finalisedAt: f?.finalisedAt ?? null };
  });
  const value: EditionResults = { ctx, result, parts, computedAt: new Date(), empty: input.facts.length === 0 };
  cache.set(ctx.id, { generation: gen, value });
  return value;
}
