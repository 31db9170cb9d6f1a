// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Evidence upload, download and links against real PostgreSQL (contents in evidence_chunk) and a temp DATA_DIR that stays empty: content
// sniffing (a real PDF in, an .exe named .pdf out), the size limit while streaming, the
// unit check on downloads, the lock, soft deletion, and the audit trail.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/prisma";
import { evidenceUploadRequest } from "../support/evidence-upload";

const ITEM = "p2.zwgk.dtxx"; // 动态信息: dept-szb leads it
const OWN = "dept-szb";
const OTHER = "county-sanyuan";

let db: Db;
let dataDir: string;
let editionId: number;
let runAs: typeof import("@/lib/auth/guard").runAs;
let upload: typeof import("@/app/api/evidence/route");
let download: typeof import("@/app/api/evidence/[id]/route");
let actions: typeof import("@/app/api/evidence/actions");
let filler: SessionUser;
let otherFiller: SessionUser;
let reviewer: SessionUser;

/** A small but complete PDF (one empty page), as a PDF reader would accept it. */
function realPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** The start of a Windows executable: "MZ", e_lfanew → "PE\0\0". */
function fakeExe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
}

const uploadRequest = (file: Buffer, name: string, fields: Record<string, string> = {}): Request =>
  evidenceUploadRequest({ editionId, unitCode: OWN, itemCode: ITEM, ...fields }, file, name);

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

async function post(user: SessionUser, req: Request) {
  const res = await runAs(user, () => upload.POST(req, noParams));
  return { status: res.status, body: (await res.json()) as { error?: string; evidence?: { id: string; fileName: string; sizeBytes: number } } };
}

/** Files whose content is in the database (evidence_chunk), as `<editionId>/<id>`, for this file's unit. */
async function storedFiles(): Promise<string[]> {
  const rows = await db.pool.query<{ key: string }>(
    `SELECT DISTINCT e.edition_id || '/' || e.id AS key FROM evidence_chunk c JOIN evidence e ON e.id = c.evidence_id WHERE e.unit_code = $1 AND e.deleted_at IS NULL ORDER BY 1`,
    [OWN],
  );
  return rows.rows.map((r) => r.key);
}

async function storedContent(id: string): Promise<Buffer> {
  const rows = await db.pool.query<{ data: Buffer }>(`SELECT data FROM evidence_chunk WHERE evidence_id = $1 ORDER BY seq`, [id]);
  return Buffer.concat(rows.rows.map((r) => r.data));
}

/** Nothing of an upload is ever written under DATA_DIR. */
function dataDirFiles(): string[] {
  return existsSync(dataDir) ? readdirSync(dataDir, { recursive: true }).map(String) : [];
}

async function openPeriod(deadline = new Date(Date.now() + 30 * 86_400_000)) {
  const opensAt = new Date(Date.now() - 86_400_000);
  await db.prisma.assessmentPeriod.upsert({ where: { editionId }, create: { editionId, opensAt, deadline }, update: { opensAt, deadline } });
}

beforeAll(async () => {
  const url = inject("databaseUrl");
  process.env.DATABASE_URL = url;
  dataDir = mkdtempSync(path.join(os.tmpdir(), "egov-evidence-"));
  process.env.DATA_DIR = dataDir;
  process.env.EVIDENCE_MAX_MB = "1";
  const { createDb } = await import("@/lib/db/prisma");
  db = createDb(url, 2);
  editionId = (await db.prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } })).id;
  await openPeriod();
  await db.prisma.unitSubmission.deleteMany({ where: { editionId, unitCode: OWN } });

  const mk = async (username: string, displayName: string, roles: ("filler" | "reviewer")[], unitCode: string | null): Promise<SessionUser> => {
    const u = await db.prisma.user.upsert({
      where: { username },
      create: { username, displayName, passwordHash: "x", roles, unitCode, mustChangePassword: false },
      update: {},
    });
    return { id: u.id, username, displayName, roles, unitCode, unitName: null, mustChangePassword: false };
  };
  filler = await mk("ev-filler", "数字办小王", ["filler"], OWN);
  otherFiller = await mk("ev-other", "三元区小李", ["filler"], OTHER);
  reviewer = await mk("ev-reviewer", "审核员老张", ["reviewer"], null);

  runAs = (await import("@/lib/auth/guard")).runAs;
  upload = await import("@/app/api/evidence/route");
  download = await import("@/app/api/evidence/[id]/route");
  actions = await import("@/app/api/evidence/actions");
});

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("evidence upload", () => {
  let pdfId: string;
  const pdf = realPdf();
  const name = "2017年动态信息统计.pdf";

  it("accepts a real PDF: stored under the edition, sha256 and original name kept, audited", async () => {
    const r = await post(filler, uploadRequest(pdf, name, { title: "全年统计", coversFrom: "2017-01-01", coversTo: "2017-12-31" }));
    expect(r.status).toBe(201);
    pdfId = r.body.evidence!.id;
    expect(r.body.evidence).toMatchObject({ fileName: name, sizeBytes: pdf.length, mimeType: "application/pdf", coversFrom: "2017-01-01", coversTo: "2017-12-31", uploadedBy: "数字办小王" });
    expect(r.body.evidence).not.toHaveProperty("storageKey");
    const row = await db.prisma.evidence.findUniqueOrThrow({ where: { id: pdfId } });
    expect(row.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(row.storageKey).toBe(`${editionId}/${pdfId}`);
    expect((await storedContent(pdfId)).equals(pdf)).toBe(true);
    expect(await storedFiles()).toEqual([`${editionId}/${pdfId}`]);
    expect(dataDirFiles()).toEqual([]); // no staging or temp files on disk
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "evidence.upload", entityId: pdfId } });
    expect(audit).toMatchObject({ actorId: filler.id, unitCode: OWN, itemCode: ITEM, editionId });
  });

  it("recognises Office files by content: an xlsx inside its zip, a legacy .doc by its CFB header", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("统计").getCell("A1").value = 1;
    const xlsx = await post(filler, uploadRequest(Buffer.from(await wb.xlsx.writeBuffer()), "统计表.xlsx"));
    expect(xlsx.status).toBe(201);
    expect(xlsx.body.evidence).toMatchObject({ mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", previewable: false });
    const doc = await post(filler, uploadRequest(Buffer.from(`d0cf11e0a1b11ae1${"00".repeat(600)}`, "hex"), "旧文档.doc"));
    expect(doc.status).toBe(201);
    expect(doc.body.evidence).toMatchObject({ mimeType: "application/msword" });
    for (const id of [xlsx.body.evidence!.id, doc.body.evidence!.id]) await db.prisma.evidence.update({ where: { id }, data: { deletedAt: new Date() } });
  });

  it("refuses an .exe renamed to .pdf by its content (400) and stores nothing", async () => {
    const before = await db.prisma.evidence.count();
    const r = await post(filler, uploadRequest(fakeExe(), "报告.pdf"));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^文件内容与扩展名不符或类型不允许：检测到Windows 可执行程序（exe）/);
    expect(await db.prisma.evidence.count()).toBe(before);
    expect(await storedFiles()).toEqual([`${editionId}/${pdfId}`]);
  });

  it("refuses a PNG named .pdf (content and extension disagree)", async () => {
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(64)]);
    const r = await post(filler, uploadRequest(png, "scan.pdf"));
    expect(r.status).toBe(400);
    expect(r.body.error).toContain("检测到PNG 图片（png），扩展名为 .pdf");
  });

  it("stops an oversized upload while streaming (413, Chinese message) and stores nothing", async () => {
    const before = await db.prisma.evidence.count();
    const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const r = await post(filler, uploadRequest(big, "大文件.pdf"));
    expect(r.status).toBe(413);
    expect(r.body.error).toBe("文件超过 1 MB 的上限，请压缩或拆分后再上传");
    expect(await db.prisma.evidence.count()).toBe(before);
    expect(await storedFiles()).toEqual([`${editionId}/${pdfId}`]);
  });

  it("refuses another unit's 填报员 (403) before reading the file", async () => {
    const r = await post(otherFiller, uploadRequest(pdf, "x.pdf"));
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: "无权访问" });
  });

  it("refuses an item the unit is not responsible for (404) and a closed form with the lock message (423)", async () => {
    const notMine = await post(filler, uploadRequest(pdf, "x.pdf", { itemCode: "p1.xxh.xypt.nonexistent" }));
    expect(notMine.status).toBe(404);
    expect(notMine.body.error).toBe("本单位不负责该指标");

    await openPeriod(new Date(Date.now() - 3_600_000));
    try {
      const locked = await post(filler, uploadRequest(pdf, "x.pdf"));
      expect(locked.status).toBe(423);
      expect(locked.body.error).toMatch(/^已过填报截止时间/);
      const link = await runAs(filler, () => actions.addEvidenceLinkAction({ editionId, unitCode: OWN, itemCode: ITEM, url: "https://example.org/" }));
      expect(link).toMatchObject({ ok: false, status: 423 });
    } finally {
      await openPeriod();
    }
  });

  it("a request without a file is a clear 400, a body that is not multipart a 415", async () => {
    const form = new FormData();
    form.set("editionId", String(editionId));
    form.set("unitCode", OWN);
    form.set("itemCode", ITEM);
    const noFile = await post(filler, new Request("http://localhost/api/evidence", { method: "POST", body: form }));
    expect(noFile.status).toBe(400);
    const raw = await post(filler, new Request("http://localhost/api/evidence", { method: "POST", body: "hello", headers: { "content-type": "text/plain" } }));
    expect(raw).toEqual({ status: 415, body: { error: "请以 multipart/form-data 表单上传文件" } });
  });

  describe("download", () => {
    it("serves the file to a reviewer with a safe, RFC 5987 Content-Disposition", async () => {
      const res = await runAs(reviewer, () => download.GET(new Request(`http://localhost/api/evidence/${pdfId}`), idParams(pdfId)));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="2017_______.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it("?inline=1 previews a PDF inline, framed only by this site", async () => {
      const res = await runAs(filler, () => download.GET(new Request(`http://localhost/api/evidence/${pdfId}?inline=1`), idParams(pdfId)));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^inline; /);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
      await res.arrayBuffer();
    });

    it("gives another unit's 填报员 403 with nothing of the file; unknown ids are 403 for them too, 404 for a reviewer", async () => {
      const res = await runAs(otherFiller, () => download.GET(new Request(`http://localhost/api/evidence/${pdfId}`), idParams(pdfId)));
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toBe(JSON.stringify({ error: "无权访问" }));
      expect(body).not.toContain("PDF");
      expect(res.headers.get("content-disposition")).toBeNull();

      const unknown = "00000000-0000-4000-8000-000000000000";
      expect((await runAs(otherFiller, () => download.GET(new Request(`http://localhost/api/evidence/${unknown}`), idParams(unknown)))).status).toBe(403);
      expect((await runAs(reviewer, () => download.GET(new Request(`http://localhost/api/evidence/${unknown}`), idParams(unknown)))).status).toBe(404);
      expect((await runAs(reviewer, () => download.GET(new Request("http://localhost/api/evidence/..%2F..%2Fetc"), idParams("../../etc")))).status).toBe(404);
      expect((await runAs(null, () => download.GET(new Request(`http://localhost/api/evidence/${pdfId}`), idParams(pdfId)))).status).toBe(401);
    });
  });

  describe("links, listing and deletion", () => {
    it("accepts http(s) links only", async () => {
      const bad = await runAs(filler, () => actions.addEvidenceLinkAction({ editionId, unitCode: OWN, itemCode: ITEM, url: "javascript:alert(1)" }));
      expect(bad).toMatchObject({ ok: false, status: 400, fieldErrors: { url: "只能添加 http:// 或 https:// 开头的网址" } });
      const ok = await runAs(filler, () => actions.addEvidenceLinkAction({ editionId, unitCode: OWN, itemCode: ITEM, url: "https://www.sm.gov.cn/zwgk/", title: "网站栏目" }));
      expect(ok).toMatchObject({ ok: true, data: { kind: "link", url: "https://www.sm.gov.cn/zwgk/", title: "网站栏目" } });
      expect(await db.prisma.auditLog.count({ where: { action: "evidence.link.add", unitCode: OWN } })).toBe(1);
    });

    it("lists files and links for the unit and for reviewers, not for another unit", async () => {
      const mine = await runAs(filler, () => actions.listEvidenceAction({ editionId, unitCode: OWN, itemCode: ITEM }));
      expect(mine.ok && mine.data.evidence.map((e) => e.kind)).toEqual(["file", "link"]);
      expect(mine.ok && mine.data.maxUploadMb).toBe(1);
      const theirs = await runAs(reviewer, () => upload.GET(new Request(`http://localhost/api/evidence?editionId=${editionId}&unitCode=${OWN}`), noParams));
      expect(((await theirs.json()) as { evidence: unknown[] }).evidence).toHaveLength(2);
      const denied = await runAs(otherFiller, () => actions.listEvidenceAction({ editionId, unitCode: OWN, itemCode: ITEM }));
      expect(denied).toEqual({ ok: false, status: 403, error: "无权访问" });
    });

    it("deletes softly while editable: gone from the list and the download, row and file kept, audited", async () => {
      expect(await runAs(otherFiller, () => actions.deleteEvidenceAction({ id: pdfId }))).toMatchObject({ ok: false, status: 403 });
      expect(await runAs(reviewer, () => actions.deleteEvidenceAction({ id: pdfId }))).toMatchObject({ ok: false, status: 403 });
      expect(await runAs(filler, () => actions.deleteEvidenceAction({ id: pdfId }))).toEqual({ ok: true, data: { id: pdfId } });
      const row = await db.prisma.evidence.findUniqueOrThrow({ where: { id: pdfId } });
      expect(row.deletedAt).toBeInstanceOf(Date);
      expect((await storedContent(pdfId)).equals(pdf)).toBe(true);
      const list = await runAs(filler, () => actions.listEvidenceAction({ editionId, unitCode: OWN, itemCode: ITEM }));
      expect(list.ok && list.data.evidence.map((e) => e.kind)).toEqual(["link"]);
      expect((await runAs(reviewer, () => download.GET(new Request(`http://localhost/api/evidence/${pdfId}`), idParams(pdfId)))).status).toBe(404);
      expect(await db.prisma.auditLog.count({ where: { action: "evidence.delete", entityId: pdfId } })).toBe(1);
      expect(await runAs(filler, () => actions.deleteEvidenceAction({ id: pdfId }))).toMatchObject({ ok: false, status: 403 }); // no longer anyone's
    });
  });
});
