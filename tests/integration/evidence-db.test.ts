// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Evidence contents in PostgreSQL (issue #16): a multi-chunk file round-trips through the
// routes, an interrupted upload leaves no row and no chunk, a corrupted chunk never reaches
// a client as a complete file, and the one-time move of DATA_DIR/evidence files into the
// database is idempotent and resumable.
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";
import { CHUNK_BYTES } from "@/lib/evidence/chunks";
import { moveLegacyEvidenceFiles } from "@/lib/evidence/legacy-files";
import { evidenceUploadRequest } from "../support/evidence-upload";

const UNIT = "county-datian";
const ITEM = "p1.xxh.sphy.tsdm";

let db: Db;
let url: string;
let dataDir: string;
let editionId: number;
let runAs: typeof import("@/lib/auth/guard").runAs;
let upload: typeof import("@/app/api/evidence/route");
let download: typeof import("@/app/api/evidence/[id]/route");
let filler: SessionUser;

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** A PDF header followed by `bytes` of varied (incompressible) content. */
function bigPdf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) body[i] = (i * 2654435761) >>> 24;
  return Buffer.concat([Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"), body, Buffer.from("\n%%EOF\n")]);
}

const uploadRequest = (file: Buffer, name: string): Request => evidenceUploadRequest({ editionId, unitCode: UNIT, itemCode: ITEM }, file, name);

const count = async (sql: string, params: unknown[] = []) => Number((await db.pool.query(sql, params)).rows[0].n);

beforeAll(async () => {
  url = inject("databaseUrl");
  process.env.DATABASE_URL = url;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-evidence-db-"));
  process.env.DATA_DIR = dataDir;
  process.env.EVIDENCE_MAX_MB = "3";
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(url, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  const opensAt = new Date(Date.now() - 86_400_000);
  const deadline = new Date(Date.now() + 30 * 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
  await db.prisma.unitSubmission.deleteMany({ where: { editionId, unitCode: UNIT } });
  const u = await db.prisma.user.upsert({
    where: { username: "evdb-filler" },
    create: { username: "evdb-filler", displayName: "大田县小陈", passwordHash: "x", roles: ["filler"], unitCode: UNIT, mustChangePassword: false },
    update: {},
  });
  filler = { id: u.id, username: u.username, displayName: u.displayName, roles: ["filler"], unitCode: UNIT, unitName: null, mustChangePassword: false };
  runAs = (await import("@/lib/auth/guard")).runAs;
  upload = await import("@/app/api/evidence/route");
  download = await import("@/app/api/evidence/[id]/route");
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("evidence content in PostgreSQL", () => {
  it("a 2.5 MB file is stored as 256 KiB chunks and comes back byte for byte; nothing is written under DATA_DIR", async () => {
    const file = bigPdf(2_500_000);
    const res = await runAs(filler, () => upload.POST(uploadRequest(file, "大田县视频会议记录.pdf"), noParams));
    expect(res.status).toBe(201);
    const { evidence } = (await res.json()) as { evidence: { id: string } };
    expect(await count(`SELECT count(*) AS n FROM evidence_chunk WHERE evidence_id = $1`, [evidence.id])).toBe(Math.ceil(file.length / CHUNK_BYTES));
    const got = await runAs(filler, () => download.GET(new Request(`http://localhost/api/evidence/${evidence.id}`), idParams(evidence.id)));
    expect(got.status).toBe(200);
    expect(got.headers.get("content-length")).toBe(String(file.length));
    expect(Buffer.from(await got.arrayBuffer()).equals(file)).toBe(true);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("an upload whose connection drops halfway leaves no evidence row and no chunk", async () => {
    const rowsBefore = await count(`SELECT count(*) AS n FROM evidence WHERE unit_code = $1`, [UNIT]);
    const chunksBefore = await count(`SELECT count(*) AS n FROM evidence_chunk`);
    const boundary = "----egovInterrupted";
    const head = Buffer.from(
      [editionId, UNIT, ITEM].map((v, i) => `--${boundary}\r\nContent-Disposition: form-data; name="${["editionId", "unitCode", "itemCode"][i]}"\r\n\r\n${v}\r\n`).join("") +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="中断.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const part = bigPdf(3 * CHUNK_BYTES); // more than two chunks reach the database before the drop
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new Uint8Array(head));
        if (sent >= part.length) return controller.error(new Error("connection reset by peer"));
        controller.enqueue(new Uint8Array(part.subarray(sent, sent + 64 * 1024)));
        sent += 64 * 1024;
      },
    });
    const req = new Request("http://localhost/api/evidence", {
      method: "POST",
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const res = await runAs(filler, () => upload.POST(req, noParams));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).not.toMatch(/reset by peer|Error/);
    expect(sent).toBeGreaterThan(2 * CHUNK_BYTES);
    expect(await count(`SELECT count(*) AS n FROM evidence WHERE unit_code = $1`, [UNIT])).toBe(rowsBefore);
    expect(await count(`SELECT count(*) AS n FROM evidence_chunk`)).toBe(chunksBefore);
  });

  it("a chunk changed in the database is caught on read: the body fails instead of ending as a complete file", async () => {
    const file = bigPdf(600_000);
    const res = await runAs(filler, () => upload.POST(uploadRequest(file, "校验.pdf"), noParams));
    const { evidence } = (await res.json()) as { evidence: { id: string } };
    await db.pool.query(`UPDATE evidence_chunk SET data = set_byte(data, 100, get_byte(data, 100) # 1) WHERE evidence_id = $1 AND seq = 1`, [evidence.id]);
    const got = await runAs(filler, () => download.GET(new Request(`http://localhost/api/evidence/${evidence.id}`), idParams(evidence.id)));
    expect(got.status).toBe(200); // headers went out before the last chunk was checked
    await expect(got.arrayBuffer()).rejects.toThrow();

    // content gone altogether: a clear 404, not a broken stream
    await db.pool.query(`DELETE FROM evidence_chunk WHERE evidence_id = $1`, [evidence.id]);
    const lost = await runAs(filler, () => download.GET(new Request(`http://localhost/api/evidence/${evidence.id}`), idParams(evidence.id)));
    expect(lost.status).toBe(404);
    expect(await lost.json()).toEqual({ error: "文件已丢失，请联系管理员" });
    await db.prisma.evidence.update({ where: { id: evidence.id }, data: { deletedAt: new Date() } });
  });
});

describe("moving DATA_DIR/evidence into the database on start", () => {
  it("moves each file once, resumes after an interruption, leaves a mismatching file alone, then removes the directory", async () => {
    const dir = path.join(dataDir, "legacy", "evidence");
    const files = [bigPdf(300_000), bigPdf(10), bigPdf(1000)].map((content) => ({ id: randomUUID(), content }));
    for (const [i, f] of files.entries()) {
      mkdirSync(path.join(dir, String(editionId)), { recursive: true });
      writeFileSync(path.join(dir, String(editionId), f.id), f.content);
      const sha = i === 2 ? "0".repeat(64) : createHash("sha256").update(f.content).digest("hex"); // the third does not match its row
      await db.prisma.evidence.create({
        data: { id: f.id, editionId, unitCode: "legacy-move-test", itemCode: ITEM, kind: "file", fileName: `旧文件${i}.pdf`, mimeType: "application/pdf", sizeBytes: f.content.length, sha256: sha, storageKey: `${editionId}/${f.id}` },
      });
    }
    mkdirSync(path.join(dir, ".staging"));
    const sorted = [...files].sort((a, b) => (a.id < b.id ? -1 : 1));
    const chunksOf = async (id: string) => {
      const r = await db.pool.query<{ data: Buffer }>(`SELECT data FROM evidence_chunk WHERE evidence_id = $1 ORDER BY seq`, [id]);
      return Buffer.concat(r.rows.map((x) => x.data));
    };
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);

    // interrupted after the first file (a crash mid-run)
    let first: string | undefined;
    await expect(
      moveLegacyEvidenceFiles(url, dir, {
        log,
        afterEach: (id) => {
          first = id;
          throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const movedFirst = files.find((f) => f.id === first)!;
    expect((await chunksOf(movedFirst.id)).equals(movedFirst.content)).toBe(true);
    expect(existsSync(path.join(dir, String(editionId), movedFirst.id))).toBe(false);

    // the next start goes on with the rest
    const second = await moveLegacyEvidenceFiles(url, dir, { log });
    const mismatched = files[2];
    expect(second.moved).toBe(sorted.filter((f) => f !== movedFirst && f !== mismatched).length);
    expect(second.mismatched).toBe(1);
    for (const f of files.slice(0, 2)) expect((await chunksOf(f.id)).equals(f.content)).toBe(true);
    expect((await chunksOf(mismatched.id)).length).toBe(0);
    expect(existsSync(path.join(dir, String(editionId), mismatched.id))).toBe(true);
    expect(logs.join("\n")).toMatch(/校验值或大小不符/);

    // idempotent: nothing more to move; a file left by a crash between commit and delete is cleaned up
    copyFileSync(path.join(dir, String(editionId), mismatched.id), path.join(dir, String(editionId), files[0].id));
    rmSync(path.join(dir, String(editionId), mismatched.id));
    const third = await moveLegacyEvidenceFiles(url, dir, { log });
    expect(third).toMatchObject({ moved: 0, mismatched: 0, leftovers: 1 });
    expect(third.missing).toBeGreaterThanOrEqual(1); // the mismatching file's row (its file is gone now)
    expect((await chunksOf(files[0].id)).equals(files[0].content)).toBe(true); // the stray copy did not overwrite anything
    expect(existsSync(dir)).toBe(false);
    expect(await moveLegacyEvidenceFiles(url, dir, { log })).toEqual({ moved: 0, missing: 0, mismatched: 0, leftovers: 0 });
    await db.prisma.evidence.deleteMany({ where: { unitCode: "legacy-move-test" } });
  });
});
