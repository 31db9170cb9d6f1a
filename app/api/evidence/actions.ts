"use server";
// Server actions of the evidence panel. They live under app/ (beside the evidence routes)
// so the authorisation matrix test, which walks app/ for "use server" modules, sees them.
import { defineAction } from "@/lib/auth/guard";
import { addEvidenceLink, deleteEvidence, getEvidenceUnit, listEvidence } from "@/lib/evidence/evidence";
import { ZAddEvidenceLink, ZEvidenceId, ZListEvidence } from "@/lib/evidence/schemas";
import { maxUploadMb } from "@/lib/evidence/upload";

export const listEvidenceAction = defineAction(
  { name: "evidence.list", action: "evidence:read", schema: ZListEvidence, unit: (i) => i.unitCode },
  // the upload limit comes along so the panel can refuse an oversized file before sending it
  async ({ input }) => ({ evidence: await listEvidence(input), maxUploadMb: maxUploadMb() }),
);

export const addEvidenceLinkAction = defineAction(
  { name: "evidence.addLink", action: "self:write", schema: ZAddEvidenceLink, unit: (i) => i.unitCode },
  async ({ user, input, ip }) => addEvidenceLink(user, ip, input),
);

/** Authorised against the unit that owns the row (not a unit the caller names). */
export const deleteEvidenceAction = defineAction(
  { name: "evidence.delete", action: "self:write", schema: ZEvidenceId, unit: (i) => getEvidenceUnit(i.id) },
  async ({ user, input, ip }) => deleteEvidence(user, ip, input.id),
);
