import "server-only";
// Bulk review (issue #19 §4): many items → 通过 with one 核查方式, or 退回 with one comment.
// One transaction for the whole batch, one audit row per item, the same checks and locks as
// a single decision (acceptItemInTx / returnItemInTx). Any item that cannot be decided
// (finalised part, draft, not filled) refuses the whole batch: nothing is written.
import { z } from "zod";
import { getPrisma } from "../db/client";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { requireContext } from "../assessment/facts";
import { itemsForUnit } from "../assessment/items";
import { lockForReview, SERIAL_TX } from "../assessment/serial";
import { VERIFICATION_METHODS } from "../rules/schema";
import { freeText } from "../zod/text";
import { acceptItemInTx, returnItemInTx, settleSubmissionInTx, type Method } from "./review";

/** The most items one batch may decide (a whole unit has far fewer; a queue selection of every unit stays below). */
export const BULK_MAX_ITEMS = 2000;

const ZUnitCode = z.string().trim().min(1).max(60);
const ZItemCode = z.string().trim().min(1).max(80);

const ZDecision = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("accept"), method: z.enum(VERIFICATION_METHODS, { error: "请选择核查方式" }), comment: freeText("comment", "审核意见").optional() }),
  z.object({ decision: z.literal("return"), comment: freeText("comment", "退回意见").min(1, "请填写退回意见") }),
]);

/** Items picked on a unit's review page. */
export const ZBulkItems = z.intersection(
  z.object({
    editionId: z.number().int().positive(),
    unitCode: ZUnitCode,
    itemCodes: z.array(ZItemCode).min(1, "请至少勾选一项指标").max(BULK_MAX_ITEMS, `一次最多处理 ${BULK_MAX_ITEMS} 项`),
  }),
  ZDecision,
);
export type TBulkItems = z.infer<typeof ZBulkItems>;

/** Units picked in the queue: every item of theirs waiting for review. */
export const ZBulkUnits = z.intersection(
  z.object({
    editionId: z.number().int().positive(),
    unitCodes: z.array(ZUnitCode).min(1, "请至少勾选一个单位").max(200),
  }),
  ZDecision,
);
export type TBulkUnits = z.infer<typeof ZBulkUnits>;

type ItemPick = { unitCode: string; itemCode: string };
type Decision = z.infer<typeof ZDecision>;

async function decide(user: SessionUser, ip: string, editionId: number, resolve: (ctx: Awaited<ReturnType<typeof requireContext>>) => Promise<ItemPick[]> | ItemPick[], d: Decision, now: Date) {
  const ctx = await requireContext(editionId);
  const picks = await resolve(ctx);
  if (picks.length === 0) throw new UserError("所选范围内没有待审核的指标", 400);
  if (picks.length > BULK_MAX_ITEMS) throw new UserError(`一次最多处理 ${BULK_MAX_ITEMS} 项`, 400);
  const seen = new Set<string>();
  for (const p of picks) {
    const key = `${p.unitCode}\u0000${p.itemCode}`;
    if (seen.has(key)) throw new UserError(`指标 ${p.itemCode} 重复勾选`, 400);
    seen.add(key);
    const leaf = ctx.compiled.leafByCode.get(p.itemCode);
    if (!leaf) throw new UserError(`未知的指标 ${p.itemCode}`, 404);
    if (!ctx.compiled.unitByCode.has(p.unitCode)) throw new UserError(`未知的单位 ${p.unitCode}`, 404);
    if (!leaf.assessed.has(p.unitCode)) throw new UserError(`“${leaf.name}”不是该单位的考核指标`, 400);
  }
  return getPrisma().$transaction(async (tx) => {
    // every lock of the batch up front, in the house order (parts sorted, then units sorted),
    // so the batch never holds a unit while it waits for a part
    const parts = [...new Set(picks.map((p) => ctx.compiled.leafByCode.get(p.itemCode)!.partCode))].sort();
    const units = [...new Set(picks.map((p) => p.unitCode))].sort();
    for (const part of parts) for (const u of units) await lockForReview(tx, ctx.id, u, part);
    for (const p of picks) {
      const leaf = ctx.compiled.leafByCode.get(p.itemCode)!;
      try {
        if (d.decision === "accept") await acceptItemInTx(tx, ctx, user, ip, { editionId: ctx.id, ...p, method: d.method as Method, comment: d.comment }, now, false);
        else await returnItemInTx(tx, ctx, user, ip, { editionId: ctx.id, ...p, comment: d.comment }, now);
      } catch (e) {
        if (e instanceof UserError) {
          const unitName = ctx.compiled.unitByCode.get(p.unitCode)?.name ?? p.unitCode;
          throw new UserError(`批量${d.decision === "accept" ? "通过" : "退回"}未执行（全部未保存）：${unitName}“${leaf.name}”：${e.message}`, e.status);
        }
        throw e;
      }
    }
    if (d.decision === "accept") for (const u of units) await settleSubmissionInTx(tx, ctx, u, now);
    return { decided: picks.length, units: units.length };
  }, SERIAL_TX);
}

/** 批量通过/退回 on a unit's review page. */
export function bulkReviewItems(user: SessionUser, ip: string, input: TBulkItems, now = new Date()) {
  return decide(user, ip, input.editionId, () => input.itemCodes.map((itemCode) => ({ unitCode: input.unitCode, itemCode })), input, now);
}

/** 批量通过/退回 in the queue: every item of the selected units that waits for review. */
export function bulkReviewUnits(user: SessionUser, ip: string, input: TBulkUnits, now = new Date()) {
  return decide(
    user,
    ip,
    input.editionId,
    async (ctx) => {
      const out: ItemPick[] = [];
      for (const unitCode of [...new Set(input.unitCodes)]) {
        if (!ctx.compiled.unitByCode.has(unitCode)) throw new UserError(`未知的单位 ${unitCode}`, 404);
        const items = itemsForUnit(ctx.compiled, unitCode);
        const waiting = await getPrisma().itemFact.findMany({
          where: { editionId: ctx.id, source: "self", status: "submitted", OR: [{ unitCode }, { unitCode: ctx.compiled.city?.code ?? "\u0000" }] },
          select: { unitCode: true, itemCode: true },
        });
        const open = new Set(waiting.map((w) => `${w.unitCode}\u0000${w.itemCode}`));
        // a city-level fact is decided once, by the unit that leads it
        for (const i of items) if (open.has(`${i.factUnit}\u0000${i.leaf.code}`) && (i.factUnit === unitCode || i.role === "lead")) out.push({ unitCode, itemCode: i.leaf.code });
      }
      // the same city-level fact under two selected units: keep the first
      const seen = new Set<string>();
      return out.filter((p) => {
        const leaf = ctx.compiled.leafByCode.get(p.itemCode)!;
        const key = leaf.scope === "city" ? `city\u0000${p.itemCode}` : `${p.unitCode}\u0000${p.itemCode}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    input,
    now,
  );
}
