import "server-only";
// Receiving an evidence file: the item and lock are checked before any of the file is read;
// then, in ONE database transaction, the bytes stream into evidence_chunk rows while being
// counted (the size limit stops the transfer as soon as it is passed) and hashed, the
// content is sniffed from what was written, the lock is checked again and the row and its
// audit entry are written. Any refusal or failure (including a dropped connection or a
// killed process) rolls the chunks back with it: an interrupted upload leaves no row.
import { randomUUID } from "node:crypto";
import { writeAudit } from "../audit";
import type { SessionUser } from "../auth/session";
import { getDb } from "../db/client";
import { withPrismaOn } from "../db/prisma";
import { lockWritableItem, requireWritableItem, toDbDate, toEvidence } from "./evidence";
import { sniffContent, TooLarge, writeContent } from "./content";
import { MultipartError, type FilePart } from "./multipart";
import { extensionOf, sanitiseFileName } from "./policy";
import type { TEvidence, TUploadFields } from "./schemas";
import { newStorageKey } from "./storage";

const DEFAULT_MAX_MB = 20;
/** Room for the multipart framing and text fields around the file. */
const FORM_OVERHEAD = 1024 * 1024;

export function maxUploadMb(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.EVIDENCE_MAX_MB ?? DEFAULT_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB;
}

export function tooLargeMessage(env: NodeJS.ProcessEnv = process.env): string {
  return `文件超过 ${maxUploadMb(env)} MB 的上限，请压缩或拆分后再上传`;
}

export type UploadOutcome = { ok: true; evidence: TEvidence } | { ok: false; status: 400 | 413; error: string };

/** A refusal decided inside the transaction; thrown to roll it back. */
class Refusal extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The upload's transaction lasts as long as the transfer (a 20 MB file over a slow link): it
 * holds one pooled connection meanwhile, but takes its locks only at the end. A client that
 * stalls for 2 minutes has its transaction ended by the server; a lock wait is bounded as
 * in SERIAL_TX.
 */
const UPLOAD_TX_SETTINGS = `SET LOCAL idle_in_transaction_session_timeout = '120s'; SET LOCAL lock_timeout = '30s'`;

export async function storeUploadedEvidence(
  user: SessionUser,
  ip: string,
  fields: TUploadFields,
  file: FilePart,
  request: { declaredLength: number | null; cancel: () => Promise<void> },
  now = new Date(),
): Promise<UploadOutcome> {
  const refuse = async (status: 400 | 413, error: string): Promise<UploadOutcome> => {
    await request.cancel();
    return { ok: false, status, error };
  };
  let ctx: Awaited<ReturnType<typeof requireWritableItem>>["ctx"];
  let item: Awaited<ReturnType<typeof requireWritableItem>>["item"];
  try {
    // refused before any of the file is read; checked again where the row is written
    ({ ctx, item } = await requireWritableItem(fields.editionId, fields.unitCode, fields.itemCode, now));
  } catch (e) {
    await request.cancel();
    throw e;
  }
  const max = maxUploadMb() * 1024 * 1024;
  if (request.declaredLength !== null && request.declaredLength > max + FORM_OVERHEAD) return refuse(413, tooLargeMessage());
  if (!file.fileName.trim()) return refuse(400, "请选择要上传的文件");

  const id = randomUUID();
  const client = await getDb().pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query(UPLOAD_TX_SETTINGS);
    const row = await (async () => {
      let size: number, sha256: string;
      try {
        ({ size, sha256 } = await writeContent(client, id, file.body, max));
      } catch (e) {
        if (e instanceof TooLarge) throw new Refusal(413, tooLargeMessage());
        if (e instanceof MultipartError) throw new Refusal(400, e.message);
        throw e;
      }
      if (size === 0) throw new Refusal(400, "文件为空，请选择有内容的文件");

      let fileName = sanitiseFileName(file.fileName);
      const type = await sniffContent(client, id, size, fileName);
      if (!type.ok) throw new Refusal(400, type.message);
      if (!extensionOf(fileName)) fileName = sanitiseFileName(`${fileName}.${type.ext}`);

      return withPrismaOn(client, async (tx) => {
        // the form may have been submitted or finalised while the file arrived
        await lockWritableItem(tx, ctx, fields.unitCode, item);
        const created = await tx.evidence.create({
          data: {
            id,
            editionId: ctx.id,
            unitCode: fields.unitCode,
            itemCode: fields.itemCode,
            kind: "file",
            fileName,
            mimeType: type.mimeType,
            sizeBytes: size,
            sha256,
            storageKey: newStorageKey(ctx.id, id),
            title: fields.title ?? null,
            coversFrom: toDbDate(fields.coversFrom),
            coversTo: toDbDate(fields.coversTo),
            uploadedById: user.id,
            uploadedAt: now,
          },
          select: { id: true, itemCode: true, kind: true, title: true, fileName: true, mimeType: true, sizeBytes: true, url: true, coversFrom: true, coversTo: true, uploadedAt: true, uploadedById: true },
        });
        await writeAudit(tx, {
          actor: user,
          ip,
          action: "evidence.upload",
          entityType: "evidence",
          entityId: id,
          unitCode: fields.unitCode,
          editionId: ctx.id,
          itemCode: fields.itemCode,
          after: { kind: "file", fileName, mimeType: type.mimeType, sizeBytes: size, sha256, title: fields.title ?? null, coversFrom: fields.coversFrom ?? null, coversTo: fields.coversTo ?? null },
        });
        return created;
      });
    })();
    await client.query("COMMIT");
    return { ok: true, evidence: toEvidence(row, user.displayName) };
  } catch (e) {
    await client.query("ROLLBACK").catch((re: Error) => (broken = re));
    if (e instanceof Refusal) return refuse(e.status, e.message);
    await request.cancel();
    throw e;
  } finally {
    client.release(broken); // a connection that could not roll back is discarded
  }
}
