// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The edition workbook through its route: a 审核员 may download it, only an admin may import
// it into a draft; a workbook with a bad row saves nothing; a good one replaces the draft
// (revision-checked, audited).
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const route = await import("@/app/api/editions/[id]/xlsx/route");
const { copyEditionAction } = await import("@/app/editions/actions");
const { runAs } = await import("@/lib/auth/guard");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { getEditionRow } = await import("@/lib/authoring/store");

const prisma = getPrisma();
const who = (id: number, roles: SessionUser["roles"]): SessionUser => ({ id, username: `ex-${roles[0]}`, displayName: "x", roles, unitCode: null, unitName: null, mustChangePassword: false });
let admin: SessionUser;
const reviewer = who(999_101, ["reviewer"]);
let draftId: number;

beforeAll(async () => {
  const row = await prisma.user.create({ data: { username: "ex-admin", displayName: "版本管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  admin = who(row.id, ["admin"]);
  const source = await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } });
  const r = await runAs(admin, () => copyEditionAction({ sourceId: source.id, key: "ex-test-2032", year: 2032, name: "2032年度导入测试" }));
  draftId = (r as { data: { id: number } }).data.id;
});
afterAll(async () => {
  await prisma.edition.deleteMany({ where: { key: "ex-test-2032" } });
  await getDb().close();
});

const params = () => ({ params: Promise.resolve({ id: String(draftId) }) });
const url = (q = "") => `http://localhost/api/editions/${draftId}/xlsx${q}`;
const upload = (user: SessionUser, bytes: Uint8Array, revision = 0) =>
  runAs(user, () => route.POST(new Request(url(`?revision=${revision}`), { method: "POST", body: new Uint8Array(bytes), headers: { "content-type": "application/octet-stream" } }), params()));

async function download(user: SessionUser): Promise<Response> {
  return runAs(user, () => route.GET(new Request(url()), params()));
}

describe("edition xlsx route", () => {
  it("a 审核员 downloads; a 审核员's upload is refused", async () => {
    const res = await download(reviewer);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect((await upload(reviewer, bytes)).status).toBe(403);
  });

  it("a bad row: 422 with the row-by-row report, nothing saved; then the fixed workbook replaces the draft", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await download(admin)).arrayBuffer()) as ArrayBuffer);
    const ws = wb.getWorksheet("综合应用部分")!;
    const nameCell = ws.getRow(3).getCell(4);
    const original = String(nameCell.value);
    nameCell.value = `${original}（2032）`;
    ws.getRow(4).getCell(5).value = "很多";
    const bad = await upload(admin, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: string; errors: string[] };
    expect(body.error).toContain("未保存任何内容");
    expect(body.errors).toEqual([expect.stringMatching(/^工作表“综合应用部分”第4行“分值”列：/)]);
    expect((await getEditionRow(draftId))!.revision).toBe(0);

    ws.getRow(4).getCell(5).value = 4;
    const ok = await upload(admin, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(ok.status).toBe(200);
    const row = (await getEditionRow(draftId))!;
    expect(row.revision).toBe(1);
    expect(JSON.stringify(row.edition)).toContain(`${original}（2032）`);
    expect(await prisma.auditLog.count({ where: { action: "edition.draft.save", entityId: String(draftId) } })).toBe(1);
    // the same upload again with the old revision: conflict, nothing saved
    expect((await upload(admin, new Uint8Array(await wb.xlsx.writeBuffer()), 0)).status).toBe(409);
  });
});
