// test-db: sanming-2017 (starts from a copy of the template with the 2017 edition imported: tests/setup/worker-db.ts)
// The office's Word document through its route into a real draft: a 审核员 may not import; a
// document whose result does not validate saves nothing (422, revision unchanged, no audit
// row); the seed's own document replaces the draft's parts (audited) and the cells it could
// not map come back for the editor.
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { SEED_MISSING, SEED_PATH, seedDocx } from "../support/seed-docx";

process.env.DATABASE_URL = inject("databaseUrl");
const route = await import("@/app/api/editions/[id]/docx/route");
const { copyEditionAction } = await import("@/app/editions/actions");
const { runAs } = await import("@/lib/auth/guard");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { loadEditionOrThrow } = await import("@/lib/rules/load");
const { getEditionRow } = await import("@/lib/authoring/store");

const prisma = getPrisma();
const who = (id: number, roles: SessionUser["roles"]): SessionUser => ({ id, username: `dx-${roles[0]}`, displayName: "x", roles, unitCode: null, unitName: null, mustChangePassword: false });
let admin: SessionUser;
const reviewer = who(999_201, ["reviewer"]);
let draftId: number;

beforeAll(async () => {
  const row = await prisma.user.create({ data: { username: "dx-admin", displayName: "版本管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  admin = who(row.id, ["admin"]);
  const source = await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true } });
  const r = await runAs(admin, () => copyEditionAction({ sourceId: source.id, key: "dx-test-2033", year: 2033, name: "2033年度Word导入测试" }));
  draftId = (r as { data: { id: number } }).data.id;
});
afterAll(async () => {
  await prisma.edition.deleteMany({ where: { key: "dx-test-2033" } });
  await getDb().close();
});

const params = () => ({ params: Promise.resolve({ id: String(draftId) }) });
const upload = (user: SessionUser, bytes: Uint8Array, revision = 0) =>
  runAs(user, () =>
    route.POST(new Request(`http://localhost/api/editions/${draftId}/docx?revision=${revision}`, { method: "POST", body: new Uint8Array(bytes), headers: { "content-type": "application/octet-stream" } }), params()),
  );
const saves = () => prisma.auditLog.count({ where: { action: "edition.draft.save", entityId: String(draftId) } });

/** One indicator whose only 责任单位 is not a unit of the draft: the leaf assesses nobody. */
async function badDocx(): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const table = new Table({
    rows: [
      new TableRow({ children: ["一级指标", "二级指标", "考核内容", "评分标准", "责任单位"].map(cell) }),
      new TableRow({ children: ["数据工作（5）", "数据汇聚（5）", "汇聚数据", "完成得5分", "市火星局"].map(cell) }),
    ],
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("2033年度考核指标（综合应用部分）"), table] }] }));
}

describe("edition docx route", () => {
  it("a 审核员's upload is refused; a published edition refuses the import", async () => {
    expect((await upload(reviewer, await badDocx())).status).toBe(403);
    const published = await prisma.edition.findFirstOrThrow({ where: { key: "sanming-2017", current: true }, select: { id: true, revision: true } });
    const res = await runAs(admin, () =>
      route.POST(new Request(`http://localhost/api/editions/${published.id}/docx?revision=${published.revision}`, { method: "POST", body: new Uint8Array(0), headers: { "content-type": "application/octet-stream" } }), {
        params: Promise.resolve({ id: String(published.id) }),
      }),
    );
    expect(res.status).toBe(409);
  });

  it("a document that does not validate: 422 with the errors and the unmapped cells, nothing saved", async () => {
    const before = (await getEditionRow(draftId))!;
    const res = await upload(admin, await badDocx());
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: string[]; unmapped: string[] };
    expect(body.error).toContain("未保存任何内容");
    expect(body.errors.join("\n")).toContain("没有任何责任单位");
    expect(body.unmapped.join("\n")).toContain("“市火星局”不是本版本单位表中的单位");
    const after = (await getEditionRow(draftId))!;
    expect(after.revision).toBe(before.revision);
    expect(after.edition).toEqual(before.edition);
    expect(await saves()).toBe(0);
  });

  if (!SEED_PATH) console.warn(SEED_MISSING);
  it.skipIf(!SEED_PATH)("the seed's document replaces the draft's parts, keeps its key and units, is audited, and lists what it could not map", async () => {
    const res = await upload(admin, await seedDocx());
    const body = (await res.json()) as { saved: boolean; revision: number; unmapped: string[] };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ saved: true, revision: 1 });
    // 公共平台建设情况 has sub-items in the draft but is one row in the document: a placeholder rule, listed
    expect(body.unmapped.some((u) => u.includes("1.物联网服务") && u.includes("评审打分（0–20分）"))).toBe(true);
    const row = (await getEditionRow(draftId))!;
    expect(row.revision).toBe(1);
    expect(row.edition.id).toBe("dx-test-2033");
    expect(row.edition.year).toBe(2033);
    expect(row.edition.units).toEqual(loadEditionOrThrow("rules/sanming-2017").units);
    expect(row.edition.parts.map((p) => p.indicators.map((i) => `${i.name}:${i.max}`))).toEqual([
      ["信息化应用绩效:40", "信息资源开发利用绩效:15", "安全保障绩效:15"],
      ["政务公开:35", "解读回应:15", "专题专栏:5", "互动栏目:25", "部门网站建设:20"],
    ]);
    expect(await saves()).toBe(1);
    // the same upload with the old revision: conflict, nothing saved
    expect((await upload(admin, await seedDocx(), 0)).status).toBe(409);
    expect(await saves()).toBe(1);
  });
});
