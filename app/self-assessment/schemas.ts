// Inputs of the self-assessment server actions: one schema per boundary. The payload is
// checked against the item's rule by the engine's validator (field errors by path).
import { z } from "zod";

const ZItemRef = z.object({
  editionId: z.number().int().positive(),
  unitCode: z.string().min(1).max(64),
  itemCode: z.string().min(1).max(128),
});

export const ZPreviewItem = ZItemRef.extend({ payload: z.unknown() });
export type TPreviewItem = z.infer<typeof ZPreviewItem>;

export const ZSaveItem = ZItemRef.extend({ payload: z.unknown(), expectedVersion: z.number().int().min(0) });
export type TSaveItem = z.infer<typeof ZSaveItem>;

export const ZSubmitUnit = z.object({ editionId: z.number().int().positive(), unitCode: z.string().min(1).max(64) });
export type TSubmitUnit = z.infer<typeof ZSubmitUnit>;
