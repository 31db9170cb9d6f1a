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

/** The row an entry becomes, whichever way it is written. */
function auditRow(e: AuditEntry) {
  return {
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
  };
}

export async function writeAudit(db: Client, e: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(e) });
}

/** The columns of audit_log an INSERT names, in the order of `auditParams`. */
export const AUDIT_COLUMNS = "at, actor_id, actor_name, ip, action, entity_type, entity_id, unit_code, edition_id, item_code, before, after, reason";

/**
 * The 13 parameters of one audit row for a typed-SQL write (the draft save and submit, see
 * docs/architecture.md "Typed SQL"): the same row `writeAudit` makes, JSON sent as text.
 * Placeholders: `auditPlaceholders(first)`, casting the JSON columns.
 */
export function auditParams(e: AuditEntry, at: Date): unknown[] {
  // the same values as auditRow, JSON serialised once (auditRow's copy is for Prisma)
  const text = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const entityId = e.entityId == null ? null : String(e.entityId);
  return [at, e.actor?.id ?? null, e.actor?.username ?? e.actorName ?? null, e.ip ?? null, e.action, e.entityType, entityId, e.unitCode ?? null, e.editionId ?? null, e.itemCode ?? null, text(e.before), text(e.after), e.reason ?? null];
}

export function auditPlaceholders(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `${p(0)}::timestamptz, ${p(1)}::int, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::int, ${p(9)}, ${p(10)}::jsonb, ${p(11)}::jsonb, ${p(12)}`;
}
