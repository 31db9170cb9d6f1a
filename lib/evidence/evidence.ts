import "server-only";
// Evidence rows: listing, links, soft deletion and the lookups the download route needs.
// Writes check that the unit is responsible for the item and that its form is still
// editable, and are audited in their transaction. File uploads are in upload.ts.
import { randomUUID } from "node:crypto";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import type { AssessmentContext } from "../assessment/context";
import { getUnitLockInputs, partName, requireContext, unitLock } from "../assessment/facts";
import { unitItem, type UnitItem } from "../assessment/items";
import { lockForWrite, SERIAL_TX } from "../assessment/serial";
import type { Prisma } from "../generated/prisma/client";
import { isPreviewable } from "./policy";
import { ZEvidence, type TAddEvidenceLink, type TEvidence, type TListEvidence } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PUBLIC_COLUMNS = {
  id: true,
  itemCode: true,
  kind: true,
  title: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  url: true,
  coversFrom: true,
  coversTo: true,
  uploadedAt: true,
  uploadedById: true,
} as const;

type PublicRow = {
  id: string;
  itemCode: string;
  kind: "file" | "link";
  title: string | null;
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  url: string | null;
  coversFrom: Date | null;
  coversTo: Date | null;
  uploadedAt: Date;
  uploadedById: number | null;
};

/** `@db.Date` columns come back as UTC midnight. */
export const dateOnly = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const toDbDate = (s: string | undefined): Date | null => (s ? new Date(`${s}T00:00:00.000Z`) : null);

export function toEvidence(row: PublicRow, uploadedBy: string | null): TEvidence {
  return ZEvidence.parse({
    id: row.id,
    itemCode: row.itemCode,
    kind: row.kind,
    title: row.title,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    url: row.url,
    coversFrom: dateOnly(row.coversFrom),
    coversTo: dateOnly(row.coversTo),
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy,
    previewable: row.kind === "file" && isPreviewable(row.mimeType),
  });
}

/** The unit owning a (live) evidence row, for authorisation; null when there is none. */
export async function getEvidenceUnit(id: string): Promise<string | null> {
  if (!UUID.test(id)) return null;
  const row = await getPrisma().evidence.findFirst({ where: { id, deletedAt: null }, select: { unitCode: true } });
  return row?.unitCode ?? null;
}

export async function listEvidence(input: TListEvidence): Promise<TEvidence[]> {
  const prisma = getPrisma();
  const rows = await prisma.evidence.findMany({
    where: { editionId: input.editionId, unitCode: input.unitCode, ...(input.itemCode ? { itemCode: input.itemCode } : {}), deletedAt: null },
    select: PUBLIC_COLUMNS,
    orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
  });
  const ids = [...new Set(rows.map((r) => r.uploadedById).filter((v): v is number => v !== null))];
  const users = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => toEvidence(r, r.uploadedById ? (names.get(r.uploadedById) ?? null) : null));
}

/**
 * The unit must be assessed on the item (lead or cooperating: cooperating units hand in
 * their own evidence) and its form must be editable now; otherwise the lock's message, 423.
 */
export async function requireWritableItem(editionId: number, unitCode: string, itemCode: string, now = new Date()) {
  const ctx = await requireContext(editionId);
  const ui = unitItem(ctx.compiled, unitCode, itemCode);
  if (!ui) throw new UserError("本单位不负责该指标", 404);
  const [inputs, fact] = await Promise.all([
    getUnitLockInputs(ctx.id, unitCode),
    getPrisma().itemFact.findUnique({
      where: { editionId_unitCode_itemCode_source: { editionId: ctx.id, unitCode: ui.factUnit, itemCode, source: "self" } },
      select: { status: true },
    }),
  ]);
  const lock = unitLock(inputs, now, { parts: [ui.leaf.partCode], itemReturned: fact?.status === "returned", partName: partName(ctx, ui.leaf.partCode) });
  if (!lock.editable) throw new UserError(lock.message, 423);
  return { ctx, item: ui };
}

/**
 * The same check inside the write's transaction, under the locks that submit, 定稿 and
 * period changes take (lib/assessment/serial.ts) and a share lock on the item's self fact
 * (a reviewer's accept or return waits): what it finds holds until the commit.
 */
export async function lockWritableItem(tx: Prisma.TransactionClient, ctx: AssessmentContext, unitCode: string, item: UnitItem, at?: Date) {
  await lockForWrite(tx, ctx.id, unitCode, item.leaf.partCode);
  const [fact] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM item_fact
    WHERE edition_id = ${ctx.id} AND unit_code = ${item.factUnit} AND item_code = ${item.leaf.code} AND source = 'self' FOR SHARE`;
  const lock = unitLock(await getUnitLockInputs(ctx.id, unitCode, tx), at ?? new Date(), {
    parts: [item.leaf.partCode],
    itemReturned: fact?.status === "returned",
    partName: partName(ctx, item.leaf.partCode),
  });
  if (!lock.editable) throw new UserError(lock.message, 423);
}

export async function addEvidenceLink(user: SessionUser, ip: string, input: TAddEvidenceLink): Promise<TEvidence> {
  const { ctx, item } = await requireWritableItem(input.editionId, input.unitCode, input.itemCode);
  const id = randomUUID();
  const row = await getPrisma().$transaction(async (tx) => {
    await lockWritableItem(tx, ctx, input.unitCode, item);
    const created = await tx.evidence.create({
      data: {
        id,
        editionId: ctx.id,
        unitCode: input.unitCode,
        itemCode: input.itemCode,
        kind: "link",
        url: input.url,
        title: input.title ?? null,
        coversFrom: toDbDate(input.coversFrom),
        coversTo: toDbDate(input.coversTo),
        uploadedById: user.id,
      },
      select: PUBLIC_COLUMNS,
    });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "evidence.link.add",
      entityType: "evidence",
      entityId: id,
      unitCode: input.unitCode,
      editionId: ctx.id,
      itemCode: input.itemCode,
      after: { kind: "link", url: input.url, title: input.title ?? null, coversFrom: input.coversFrom ?? null, coversTo: input.coversTo ?? null },
    });
    return created;
  }, SERIAL_TX);
  return toEvidence(row, user.displayName);
}

/** Soft delete: the row stays (with the file) for the audit trail; lists and downloads skip it. */
export async function deleteEvidence(user: SessionUser, ip: string, id: string, now = new Date()): Promise<{ id: string }> {
  const prisma = getPrisma();
  const row = UUID.test(id) ? await prisma.evidence.findFirst({ where: { id, deletedAt: null } }) : null;
  if (!row) throw new UserError("找不到该佐证材料，可能已被删除", 404);
  const { ctx, item } = await requireWritableItem(row.editionId, row.unitCode, row.itemCode, now);
  await prisma.$transaction(async (tx) => {
    await lockWritableItem(tx, ctx, row.unitCode, item, now);
    const r = await tx.evidence.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } });
    if (r.count !== 1) throw new UserError("找不到该佐证材料，可能已被删除", 404);
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "evidence.delete",
      entityType: "evidence",
      entityId: id,
      unitCode: row.unitCode,
      editionId: row.editionId,
      itemCode: row.itemCode,
      before: { kind: row.kind, fileName: row.fileName, url: row.url, title: row.title, sha256: row.sha256, sizeBytes: row.sizeBytes },
      after: { deletedAt: now.toISOString() },
    });
  }, SERIAL_TX);
  return { id };
}

/** What the download route needs (including the checksum the content is verified against). */
export async function getEvidenceFile(id: string) {
  if (!UUID.test(id)) return null;
  return getPrisma().evidence.findFirst({
    where: { id, deletedAt: null },
    select: { id: true, kind: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true },
  });
}
