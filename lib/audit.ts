// The audit trail: who did what, when, from where, before and after, and why.
// Append-only in the database (a trigger refuses UPDATE/DELETE). Write it in the same
// transaction as the change it records.
import type { PrismaClient } from "./generated/prisma/client";

type Client = Pick<PrismaClient, "auditLog">;

export type AuditEntry = {
  actor?: { id: number; username: string } | null;
  actorName?: string; // for attempts without a user (failed sign-in)
  ip?: string | null;
  action: string; // e.g. "signin.success", "fact.save", "review.adjust"
  entityType: string;
  entityId?: string | number | null;
  unitCode?: string | null;
  editionId?: number | null;
  itemCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as object));

export async function writeAudit(db: Client, e: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.username ?? e.actorName ?? null,
      ip: e.ip ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      unitCode: e.unitCode ?? null,
      editionId: e.editionId ?? null,
      itemCode: e.itemCode ?? null,
      before: json(e.before),
      after: json(e.after),
      reason: e.reason ?? null,
    },
  });
}
