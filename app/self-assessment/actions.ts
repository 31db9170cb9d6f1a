"use server";
// Server actions of 自评填报: live preview, save (optimistic concurrency), submit. Each is
// unit-owned: a 填报员 may act on their own unit only.
import type { ConflictView, MissingView, Payload, ScoreView } from "@/components/self-assessment/types";
import { previewItem, saveSelfFact, submitUnit } from "@/lib/assessment/facts";
import { defineAction } from "@/lib/auth/guard";
import { ZPreviewItem, ZSaveItem, ZSubmitUnit } from "./schemas";
import { scoreView } from "./view";

export type PreviewData = { status: "scored"; score: ScoreView } | { status: "invalid"; fieldErrors: Record<string, string> };

export const previewItemAction = defineAction(
  { name: "self.previewItem", action: "self:read", schema: ZPreviewItem, unit: (i) => i.unitCode },
  async ({ input }): Promise<PreviewData> => {
    const r = await previewItem(input.editionId, input.unitCode, input.itemCode, input.payload);
    return r.ok ? { status: "scored", score: scoreView(r.result) } : { status: "invalid", fieldErrors: r.fieldErrors };
  },
);

export type SaveData = { status: "saved"; version: number; score: ScoreView; savedAt: string } | { status: "conflict"; current: ConflictView };

export const saveItemAction = defineAction(
  { name: "self.saveItem", action: "self:write", schema: ZSaveItem, unit: (i) => i.unitCode },
  async ({ user, input, ip }): Promise<SaveData> => {
    const r = await saveSelfFact(user, ip, input);
    if (r.status === "conflict") {
      const c = r.current;
      return { status: "conflict", current: { payload: c.payload as Payload, version: c.version, updatedAt: c.updatedAt.toISOString(), updatedBy: c.updatedBy } };
    }
    return { status: "saved", version: r.version, score: scoreView(r.result), savedAt: r.savedAt.toISOString() };
  },
);

export type SubmitData = { status: "submitted"; round: number } | { status: "incomplete"; missing: MissingView[] };

export const submitUnitAction = defineAction(
  { name: "self.submitUnit", action: "self:write", schema: ZSubmitUnit, unit: (i) => i.unitCode },
  async ({ user, input, ip }): Promise<SubmitData> => submitUnit(user, ip, input),
);
