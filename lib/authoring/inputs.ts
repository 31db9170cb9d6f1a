// Inputs of the 考核版本 actions (one schema per boundary).
import { z } from "zod";
import { ZEditionId, ZEditionKey, ZEditionYear } from "./schema";

export const ZCopyEdition = z.object({ sourceId: ZEditionId, key: ZEditionKey, year: ZEditionYear, name: z.string().trim().min(1, "请填写版本名称").max(200) });
export const ZNewVersion = z.object({ editionId: ZEditionId });
export const ZDraftRef = z.object({ id: ZEditionId, expectedRevision: z.number().int().nonnegative() });
/** the edition value is checked by checkEditionData inside (so its issues keep file + path) */
export const ZSaveDraft = ZDraftRef.extend({ data: z.unknown() });
