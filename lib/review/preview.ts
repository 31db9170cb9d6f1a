import "server-only";
// The score a reviewer's draft adjustment would give, before 保存调整 (like the unit's
// live preview): the engine scores the stored facts with the draft in place of the
// reviewer's facts. Nothing is written.
import { UserError } from "../auth/guard";
import { getPrisma } from "../db/client";
import { requireContext, type FactPayload } from "../assessment/facts";
import { factUnitFor } from "../engine/compile";
import { scoreItem, validateItemFact, type ItemResult, type TItemFact } from "../engine";

export type AdjustmentPreview = { ok: true; result: ItemResult } | { ok: false; fieldErrors: Record<string, string> };

export async function previewAdjustment(input: { editionId: number; unitCode: string; itemCode: string; payload: unknown }): Promise<AdjustmentPreview> {
  const ctx = await requireContext(input.editionId);
  const leaf = ctx.compiled.leafByCode.get(input.itemCode);
  if (!leaf) throw new UserError(`未知的指标 ${input.itemCode}`, 404);
  if (!ctx.compiled.unitByCode.has(input.unitCode)) throw new UserError(`未知的单位 ${input.unitCode}`, 404);
  const factUnit = factUnitFor(ctx.compiled, leaf, input.unitCode);
  const v = validateItemFact(ctx.compiled, { ...(input.payload as object), unit: factUnit, item: input.itemCode, source: "review" }, "fact");
  if (!v.fact || v.errors.length) {
    const fieldErrors: Record<string, string> = {};
    for (const e of v.errors) fieldErrors[e.path.replace(/^fact\.?/, "").replace(/\[(\d+)\]/g, ".$1") || "_"] ??= e.message;
    return { ok: false, fieldErrors };
  }
  const pooled = leaf.rollupToCity && input.unitCode === ctx.compiled.city?.code;
  const rows = await getPrisma().itemFact.findMany({
    where: { editionId: ctx.id, itemCode: input.itemCode, ...(pooled ? {} : { unitCode: factUnit }) },
    select: { unitCode: true, source: true, payload: true },
  });
  const facts: TItemFact[] = rows
    .filter((r) => !(r.unitCode === factUnit && r.source === "review"))
    .map((r): TItemFact => ({ ...(r.payload as FactPayload), unit: r.unitCode, item: input.itemCode, source: r.source }));
  facts.push(v.fact);
  return { ok: true, result: scoreItem(ctx.compiled, { unit: input.unitCode, item: input.itemCode, facts }) };
}
