"use server";
// Server actions of 监测录入 (review:write): one finding from a form, or a whole xlsx file.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, UserError } from "@/lib/auth/guard";
import { applyFindings, FindingsRejected, importFindingsFromXlsx, MAX_IMPORT_BYTES, undoFinding, ZFinding, ZUndoFinding } from "@/lib/review/import";

const ZRecord = z.object({ editionId: z.number().int().positive(), finding: ZFinding });

export const recordFindingAction = defineAction({ name: "review.monitoring.record", action: "review:write", schema: ZRecord, unit: (i) => i.finding.unitCode }, async ({ user, input, ip }) => {
  try {
    const applied = await applyFindings(user, ip, { editionId: input.editionId, findings: [input.finding] });
    revalidatePath("/review/monitoring");
    return applied.map((a) => ({ itemCode: a.itemCode, name: a.result?.name ?? null, score: a.result?.score?.display ?? null, max: a.result?.max.display ?? null, trace: a.result?.trace ?? [] }));
  } catch (e) {
    if (!(e instanceof FindingsRejected)) throw e;
    const fieldErrors: Record<string, string> = {};
    for (const p of e.problems) fieldErrors[p.field ?? "_"] ??= p.message;
    throw new UserError(e.problems[0].message, 400, fieldErrors);
  }
});

export const importFindingsAction = defineAction(
  { name: "review.monitoring.import", action: "review:write", schema: z.instanceof(FormData, { error: "请选择要导入的文件" }) },
  async ({ user, input, ip }) => {
    const file = input.get("file");
    if (!(file instanceof File) || file.size === 0) throw new UserError("请选择要导入的 Excel（.xlsx）文件", 400, { file: "请选择文件" });
    if (file.size > MAX_IMPORT_BYTES) throw new UserError("文件超过 1 MB，请拆分后分批导入", 400, { file: "文件过大" });
    const out = await importFindingsFromXlsx(user, ip, new Uint8Array(await file.arrayBuffer()), file.name);
    if (out.ok) revalidatePath("/review/monitoring");
    return out;
  },
);

/** 撤销 a monitoring record or 加重扣分 entered by mistake, with a reason (audited). */
export const undoFindingAction = defineAction({ name: "review.monitoring.undo", action: "review:write", schema: ZUndoFinding, unit: (i) => i.unitCode }, async ({ user, input, ip }) => {
  const out = await undoFinding(user, ip, input);
  revalidatePath("/review/monitoring");
  revalidatePath(`/review/${encodeURIComponent(input.unitCode)}`);
  return out;
});
