"use server";
// Server actions of 考核版本: 复制为新年度, 新版本, draft save / publish / delete. All need
// admin:editions; each write is audited in lib/authoring/store.ts.
import { defineAction } from "@/lib/auth/guard";
import { ZCopyEdition, ZDraftRef, ZNewVersion, ZSaveDraft } from "@/lib/authoring/inputs";
import { copyEditionAsDraft, deleteDraft, DraftConflict, newVersionDraft, publishDraft, saveDraft } from "@/lib/authoring/store";

export const copyEditionAction = defineAction({ name: "editions.copy", action: "admin:editions", schema: ZCopyEdition }, async ({ user, input, ip }) => {
  const r = await copyEditionAsDraft(input, { user, ip });
  return r;
});

export const newVersionAction = defineAction({ name: "editions.newVersion", action: "admin:editions", schema: ZNewVersion }, async ({ user, input, ip }) => {
  const r = await newVersionDraft(input, { user, ip });
  return r;
});

export const saveDraftAction = defineAction({ name: "editions.saveDraft", action: "admin:editions", schema: ZSaveDraft }, async ({ user, input, ip }) => {
  try {
    const r = await saveDraft(input, { user, ip });
    return { saved: true as const, revision: r.revision };
  } catch (e) {
    if (e instanceof DraftConflict) return { saved: false as const, conflict: e.current };
    throw e;
  }
});

export const publishDraftAction = defineAction({ name: "editions.publish", action: "admin:editions", schema: ZDraftRef }, async ({ user, input, ip }) => {
  const r = await publishDraft(input, { user, ip });
  return r;
});

export const deleteDraftAction = defineAction({ name: "editions.deleteDraft", action: "admin:editions", schema: ZDraftRef }, async ({ user, input, ip }) => {
  await deleteDraft(input, { user, ip });
  return { deleted: true };
});
