import "server-only";
// Receiving an evidence file: the item and lock are checked before any of the file is read;
// the bytes are then staged to a local temp file while counting (the size limit stops the
// transfer as soon as it is passed) and hashing; the content is sniffed; only a complete,
// accepted file is handed to storage, and the row and its audit entry are written in one
// transaction. Whatever happens, the staged file is removed.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { writeAudit } from "../audit";
import type { SessionUser } from "../auth/session";
import { SERIAL_TX } from "../assessment/serial";
import { getPrisma } from "../db/client";
import { lockWritableItem, requireWritableItem, toDbDate, toEvidence } from "./evidence";
import { extensionOf, sanitiseFileName } from "./policy";
import { sniffFile } from "./sniff";
import type { FilePart } from "./multipart";
import type { TEvidence, TUploadFields } from "./schemas";
import { evidenceRoot, getEvidenceStorage, newStorageKey } from "./storage";

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

class TooLarge extends Error {}

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

  const staging = path.join(evidenceRoot(), ".staging");
  await mkdir(staging, { recursive: true });
  const temp = path.join(staging, randomUUID());
  const hash = createHash("sha256");
  let size = 0;
  try {
    try {
      await pipeline(
        file.body,
        async function* (source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            size += chunk.byteLength;
            if (size > max) throw new TooLarge();
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp, { flags: "wx", mode: 0o600 }),
      );
    } catch (e) {
      if (e instanceof TooLarge) return await refuse(413, tooLargeMessage());
      throw e;
    }
    if (size === 0) return await refuse(400, "文件为空，请选择有内容的文件");

    let fileName = sanitiseFileName(file.fileName);
    const type = await sniffFile(temp, fileName);
    if (!type.ok) return await refuse(400, type.message);
    if (!extensionOf(fileName)) fileName = sanitiseFileName(`${fileName}.${type.ext}`);

    const id = randomUUID();
    const storageKey = newStorageKey(ctx.id, id);
    const storage = getEvidenceStorage();
    await storage.put(storageKey, createReadStream(temp));
    const sha256 = hash.digest("hex");
    try {
      const row = await getPrisma().$transaction(async (tx) => {
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
            storageKey,
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
      }, SERIAL_TX);
      return { ok: true, evidence: toEvidence(row, user.displayName) };
    } catch (e) {
      await storage.delete(storageKey).catch(() => {});
      throw e;
    }
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
}
