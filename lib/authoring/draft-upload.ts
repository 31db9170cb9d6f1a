// One path for a file (xlsx, docx) that replaces a draft's content through its route: the
// draft must exist and be unpublished, the body is read within its limit, the file is
// converted, and the result saved by saveDraft (same validator, audited); nothing is saved
// on any refusal, and a stale revision answers 409.
import "server-only";
import type { TEdition } from "../rules/schema";
import { readBodyLimited } from "../offline-form/http";
import { DraftConflict, getEditionRow, saveDraft, type Actor, type EditionRow } from "./store";

const NO_STORE = { "Cache-Control": "no-store" };

/** A converted file: the draft's new content (and what to add to the answer), or a refusal's body (422). */
export type DraftFile = { ok: true; edition: TEdition; extra?: Record<string, unknown> } | { ok: false; body: { error: string; [k: string]: unknown } };

export async function uploadIntoDraft(
  input: { id: number; revision: number; req: Request; actor: Actor },
  file: { maxBytes: number; tooLarge: string; empty: string; convert: (bytes: Uint8Array, row: EditionRow) => Promise<DraftFile> },
): Promise<Response> {
  const row = await getEditionRow(input.id);
  if (!row) return Response.json({ error: "找不到该版本" }, { status: 404, headers: NO_STORE });
  if (row.status !== "draft") return Response.json({ error: "该版本已发布，不能导入修改；请先新建版本" }, { status: 409, headers: NO_STORE });
  const bytes = await readBodyLimited(input.req, file.maxBytes);
  if (bytes === "too-large") return Response.json({ error: file.tooLarge }, { status: 413, headers: NO_STORE });
  if (bytes.length === 0) return Response.json({ error: file.empty }, { status: 400, headers: NO_STORE });
  const r = await file.convert(bytes, row);
  if (!r.ok) return Response.json(r.body, { status: 422, headers: NO_STORE });
  try {
    const saved = await saveDraft({ id: input.id, expectedRevision: input.revision, data: r.edition }, input.actor);
    return Response.json({ saved: true, revision: saved.revision, ...r.extra }, { headers: NO_STORE });
  } catch (e) {
    if (e instanceof DraftConflict) return Response.json({ error: e.message }, { status: 409, headers: NO_STORE });
    throw e;
  }
}
