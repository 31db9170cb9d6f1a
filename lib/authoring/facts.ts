import "server-only";
// The stored facts and 加重扣分 of one edition version as engine input (for 试算 and 口径敏感性).
import { getPrisma } from "../db/client";
import type { TItemFact, TPostPenalty, TScoringInput } from "../engine";

export async function loadEditionFacts(editionId: number, key: string): Promise<TScoringInput> {
  const prisma = getPrisma();
  const [facts, penalties] = await Promise.all([
    prisma.itemFact.findMany({ where: { editionId }, select: { unitCode: true, itemCode: true, source: true, payload: true } }),
    prisma.postPenalty.findMany({ where: { editionId, revokedAt: null }, select: { unitCode: true, partCode: true, points: true, reason: true } }),
  ]);
  return {
    edition: key,
    facts: facts.map((f): TItemFact => ({ ...(f.payload as object), unit: f.unitCode, item: f.itemCode, source: f.source }) as TItemFact),
    penalties: penalties.map((p): TPostPenalty => ({ unit: p.unitCode, part: p.partCode, points: p.points.toString(), reason: p.reason, source: "review" })),
  };
}
