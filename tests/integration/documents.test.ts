// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// Official documents (issue 19 §5): 考核结果通报 and one unit's 扣分说明及整改通知 as .docx,
// generated from results that are 定稿 (finalised here, in a database of this test's own
// with the demo data), converted to PDF with LibreOffice headless (one soffice run) and read
// back with pdftotext: the rankings are in the bulletin, the lost items and their reasons in
// the notice. Page 1 of each is rendered to PNG (KEEP_PRINT_FILES=1 keeps them to look at).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDb, type Db } from "@/lib/db/prisma";
import { convertToPdf, pdfText, SOFFICE } from "../support/libreoffice";

const run = SOFFICE || process.env.CI ? describe : describe.skip;
if (!SOFFICE && !process.env.CI) console.warn("documents: LibreOffice (soffice) is not installed: skipping (apt-get install libreoffice-writer)");

let fresh: { url: string }; // this file's own database (tests/setup/worker-db.ts)
let db: Db;
let dir: string;
const text = new Map<string, string>();
/** pdftotext without -layout: a wrapped table cell stays in one piece */
const raw = new Map<string, string>();
let bulletin: import("@/lib/documents").BulletinData;
let notice: import("@/lib/documents").NoticeData;
let fillerId: number;

const NOTICE_UNIT = "county-sanyuan";

beforeAll(async () => {
  if (!SOFFICE) {
    if (process.env.CI) throw new Error("soffice (libreoffice-writer) is required in CI");
    return;
  }
  fresh = { url: inject("databaseUrl") };
  db = createDb(fresh.url, 2);
  process.env.DATABASE_URL = fresh.url;
  const { applyDemoData } = await import("@/lib/demo/apply");
  expect((await applyDemoData()).status).toBe("loaded");
  const r = await db.prisma.user.create({ data: { username: "doc-reviewer", displayName: "审核员", passwordHash: "x", roles: ["reviewer"], mustChangePassword: false } });
  fillerId = (await db.prisma.user.create({ data: { username: "doc-filler", displayName: "三元区填报员", passwordHash: "x", roles: ["filler"], unitCode: NOTICE_UNIT, mustChangePassword: false } })).id;
  const reviewer: SessionUser = { id: r.id, username: r.username, displayName: r.displayName, roles: ["reviewer"], unitCode: null, unitName: null, mustChangePassword: false };
  const edition = await db.prisma.edition.findFirstOrThrow({ where: { current: true } });
  const review = await import("@/lib/review/review");
  for (const partCode of ["p1", "p2"]) await review.finalisePart(reviewer, "127.0.0.1", { editionId: edition.id, partCode, acceptRemaining: true });

  const guard = await import("@/lib/auth/guard");
  const docs = await import("@/lib/documents");
  bulletin = await docs.getBulletinData();
  notice = await docs.getNoticeData(NOTICE_UNIT);
  const bulletinRoute = await import("@/app/api/documents/bulletin/route");
  const noticeRoute = await import("@/app/api/documents/notices/[unitCode]/route");
  const get = (mod: { GET: unknown }, url: string, params: Record<string, string> = {}) =>
    guard.runAs(reviewer, () => (mod.GET as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(new Request(url), { params: Promise.resolve(params) }));
  const b = await get(bulletinRoute, "http://localhost/api/documents/bulletin");
  expect(b.status).toBe(200);
  expect(b.headers.get("content-type")).toContain("wordprocessingml");
  const n = await get(noticeRoute, `http://localhost/api/documents/notices/${NOTICE_UNIT}`, { unitCode: NOTICE_UNIT });
  expect(n.status).toBe(200);
  dir = mkdtempSync(path.join(os.tmpdir(), "egov-documents-"));
  writeFileSync(path.join(dir, "bulletin.docx"), Buffer.from(await b.arrayBuffer()));
  writeFileSync(path.join(dir, "notice.docx"), Buffer.from(await n.arrayBuffer()));

  convertToPdf([path.join(dir, "bulletin.docx"), path.join(dir, "notice.docx")], dir);
  for (const name of ["bulletin", "notice"]) {
    const pdf = path.join(dir, `${name}.pdf`);
    text.set(name, pdfText(pdf).replace(/\s+/g, ""));
    raw.set(name, pdfText(pdf, { layout: false }).replace(/\s+/g, ""));
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, path.join(dir, `${name}-page`)]);
  }
  if (process.env.KEEP_PRINT_FILES) console.log(`documents: files kept in ${dir}`);
}, 540_000);

afterAll(async () => {
  await db?.close();
  if (dir && !process.env.KEEP_PRINT_FILES) rmSync(dir, { recursive: true, force: true });
});

run("official documents converted by LibreOffice", () => {
  it("考核结果通报: title, 文号, summary, both groups' rankings with every unit's total, notes on readings; no 暂定 once 定稿", () => {
    const t = text.get("bulletin")!;
    expect(bulletin.final).toBe(true);
    expect(t).toContain(bulletin.title.replace(/\s+/g, ""));
    expect(t).toContain("〔2017〕");
    expect(t).not.toContain("暂定");
    expect(bulletin.groups.map((g) => g.label)).toEqual(["市直部门", "县（市、区）"]);
    for (const g of bulletin.groups) {
      expect(t).toContain(`${g.label}考核排名`);
      expect(g.rows.length).toBeGreaterThan(5);
      // every unit of the ranking in rank order (names as whole cells), and its total on its line
      const names = raw.get("bulletin")!;
      let at = names.indexOf(`${g.label}考核排名`);
      for (const r of g.rows) {
        const i = names.indexOf(r.name, at);
        expect(i, `${g.label} ${r.rank} ${r.name}`).toBeGreaterThanOrEqual(at);
        at = i + r.name.length;
        expect(t, `${g.label} ${r.rank} ${r.name}`).toMatch(new RegExp(`${r.rank}${r.name.slice(0, 4)}[^\\d]*[\\d.]*${r.total.replace(".", "\\.")}`));
      }
    }
    expect(t).toContain("平均得分");
    expect(bulletin.readings.length).toBeGreaterThan(0);
    expect(t).toContain(`${bulletin.readings[0].id}：`);
  });

  it("扣分说明及整改通知: every item below full marks with the engine's explanation and what to fix", () => {
    const t = text.get("notice")!;
    expect(notice.items.length).toBeGreaterThan(0);
    expect(t).toContain("三元区");
    for (const it of notice.items) {
      expect(t).toContain(it.name.replace(/\s+/g, ""));
      expect(t).toContain(`扣${it.lost}分`);
    }
    expect(t).toContain(notice.items[0].why[0].replace(/\s+/g, "").slice(0, 12));
    expect(t).toContain("整改要求");
    // what to fix comes from the indicator's own 考核要求, else its nearest ancestor's (会前调试点名
    // has only a scoring line; its 二级 视频会议 states the requirement)
    const rollcall = notice.items.find((it) => it.name === "会前调试点名")!;
    expect(rollcall.fix).toContain("参加会前调试、点名");
    expect(notice.items.filter((it) => it.fix.startsWith("请对照指标要求逐项整改"))).toEqual([]);
  });

  it("page 1 of each renders to an image", () => {
    for (const name of ["bulletin", "notice"]) expect(readFileSync(path.join(dir, `${name}-page-1.png`)).length).toBeGreaterThan(5_000);
  });

  it("定稿 told the units' 填报员 (results.finalised messages)", async () => {
    expect(await db.prisma.message.count({ where: { userId: fillerId, kind: "results.finalised" } })).toBe(2);
  });
});
