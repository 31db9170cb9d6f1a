// 批量导入用户 through the real route handlers: a valid file saves every row in one go; a
// file with bad rows reports each of them and saves nothing; non-xlsx and corrupt files
// get a plain Chinese error; the template round-trips.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const { POST: upload } = await import("@/app/admin/users/import/upload/route");
const { GET: template } = await import("@/app/admin/users/import/template/route");
const { runAs } = await import("@/lib/auth/guard");
const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
const { getDb, getPrisma } = await import("@/lib/db/client");

const prisma = getPrisma();
let admin: SessionUser;
const noParams = { params: Promise.resolve({}) };

type Row = [string, string, string, string];
async function xlsx(rows: Row[], header: string[] = ["用户名", "姓名", "角色", "单位"]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("用户");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A valid xlsx whose zip directory claims a 2 GB entry: refused before anything unpacks it. */
async function inflated(): Promise<Uint8Array> {
  const bytes = await xlsx([["ai-z1", "甲", "领导", ""]]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.byteLength - 4; i++) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, 0x7fffffff, true);
      break;
    }
  }
  return bytes;
}

async function post(bytes: Uint8Array, user: SessionUser = admin): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }> {
  const res = await runAs(user, () => upload(new Request("http://localhost/admin/users/import/upload", { method: "POST", body: bytes as BodyInit, headers: { "content-type": "application/octet-stream" } }), noParams));
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text, headers: res.headers };
}

beforeAll(async () => {
  await prisma.unit.createMany({
    data: [
      { code: "ai-dept", name: "导入测试局", group: "department", aliases: ["导入局", "导入测试局（旧）"] },
      { code: "ai-county", name: "导入测试县", group: "county" },
      { code: "ai-closed", name: "导入停用局", group: "department", active: false },
    ],
  });
  const row = await prisma.user.create({
    data: { username: "ai-admin", displayName: "导入管理员", passwordHash: await hashPassword("Admin-pass-123"), roles: ["admin"], mustChangePassword: false },
  });
  await prisma.user.create({ data: { username: "ai-existing", displayName: "已有", passwordHash: "x", roles: ["leader"] } });
  admin = { id: row.id, username: row.username, displayName: row.displayName, roles: ["admin"], unitCode: null, unitName: null, mustChangePassword: false };
});
afterAll(async () => getDb().close());

describe("import users", () => {
  it("a valid file saves every user with a one-time password, and offers the passwords as an xlsx", async () => {
    const bytes = await xlsx([
      ["ai-one", "王一", "填报员", "导入局"], // by alias
      ["AI-Two", "王二", "审核员、领导", ""], // several roles; username lower-cased
      ["ai-three", "王三", "填报员,领导", "ai-county"], // by code, comma separator
      ["", "", "", ""], // a blank line is skipped
      ["ai-four", "王四", "管理员", ""],
    ]);
    const { status, body, text, headers } = await post(bytes);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain("passwordHash");
    const created = body.created as { row: number; username: string; roles: string[]; unitName: string | null; password: string }[];
    expect(created.map((c) => [c.row, c.username, c.roles, c.unitName])).toEqual([
      [2, "ai-one", ["filler"], "导入测试局"],
      [3, "ai-two", ["reviewer", "leader"], null],
      [4, "ai-three", ["filler", "leader"], "导入测试县"],
      [6, "ai-four", ["admin"], null],
    ]);
    for (const c of created) {
      const row = await prisma.user.findUniqueOrThrow({ where: { username: c.username }, select: { passwordHash: true, mustChangePassword: true } });
      expect(row.mustChangePassword).toBe(true);
      expect(await verifyPassword(row.passwordHash, c.password)).toBe(true);
    }
    // the password list as xlsx, built from this response only
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(body.passwordsXlsx as string, "base64") as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, "用户名", "姓名", "初始密码", "导入文件行号"]);
    expect(sheet.getRow(2).getCell(3).text).toBe(created[0].password);
    // audited, one entry per user, without the password
    const audits = await prisma.auditLog.findMany({ where: { action: "user.create", actorName: "ai-admin" } });
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.reason?.startsWith("批量导入"))).toBe(true);
    expect(JSON.stringify(audits.map((a) => a.after))).not.toContain(created[0].password);
  });

  it("a file with 3 bad rows reports exactly those 3 (row, column, reason) and saves nothing", async () => {
    const before = await prisma.user.count();
    const bytes = await xlsx([
      ["ai-ok-1", "赵一", "填报员", "导入测试局"],
      ["ai-existing", "赵二", "领导", ""], // row 3: username exists
      ["ai-ok-2", "赵三", "科长", ""], // row 4: unknown role
      ["ai-ok-1", "赵四", "审核员", ""], // row 5: duplicate in the file
      ["ai-ok-3", "赵五", "审核员", ""],
    ]);
    const { status, body } = await post(bytes);
    expect(status).toBe(422);
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/3 处错误，未导入任何用户/);
    expect(body.rowErrors).toEqual([
      { row: 3, column: "用户名", message: "用户名“ai-existing”已存在" },
      { row: 4, column: "角色", message: expect.stringContaining("未知角色“科长”") },
      { row: 5, column: "用户名", message: "与第 2 行的用户名重复" },
    ]);
    expect(await prisma.user.count()).toBe(before);
    expect(await prisma.user.count({ where: { username: { in: ["ai-ok-1", "ai-ok-2", "ai-ok-3"] } } })).toBe(0);
  });

  it.each<[string, Row, string, string]>([
    ["a 填报员 without a unit", ["ai-u1", "甲", "填报员", ""], "单位", "填报员必须填写所属单位"],
    ["a unit that does not exist", ["ai-u2", "乙", "填报员", "不存在局"], "单位", "未找到单位“不存在局”，请填写单位名称、别名或代码"],
    ["an inactive unit", ["ai-u3", "丙", "填报员", "导入停用局"], "单位", "单位“导入停用局”已停用"],
    ["a 审核员 whose unit does not exist", ["ai-u4", "丁", "审核员", "不存在局"], "单位", "未找到单位“不存在局”，请填写单位名称、别名或代码"],
    ["no role", ["ai-u5", "戊", "", ""], "角色", "请填写角色"],
    ["no display name", ["ai-u6", "", "领导", ""], "姓名", "请输入姓名"],
    ["a username with Chinese characters", ["张三", "己", "领导", ""], "用户名", expect.stringContaining("用户名须为") as unknown as string],
  ])("reports %s", async (_label, row, column, message) => {
    const { status, body } = await post(await xlsx([row]));
    expect(status).toBe(422);
    expect(body.rowErrors).toEqual([{ row: 2, column, message }]);
  });

  it("accepts a 审核员 (and a 领导) with a unit and records the unit", async () => {
    const { status, body } = await post(await xlsx([
      ["ai-rev-unit", "审核员甲", "审核员", "导入测试局"],
      ["ai-lead-unit", "领导乙", "领导", "导入测试局"],
    ]));
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const rows = await prisma.user.findMany({ where: { username: { in: ["ai-rev-unit", "ai-lead-unit"] } }, select: { username: true, roles: true, unitCode: true }, orderBy: { username: "asc" } });
    expect(rows.map((r) => [r.username, r.roles, r.unitCode !== null])).toEqual([
      ["ai-lead-unit", ["leader"], true],
      ["ai-rev-unit", ["reviewer"], true],
    ]);
  });

  it("reports missing header columns on row 1", async () => {
    const { status, body } = await post(await xlsx([["ai-h1", "甲", "领导", ""]], ["用户名", "名字", "角色", "单位"]));
    expect(status).toBe(422);
    expect(body.rowErrors).toEqual([{ row: 1, column: "姓名", message: "第 1 行缺少表头“姓名”，请使用下载的模板" }]);
  });

  it.each<[string, () => Promise<Uint8Array> | Uint8Array, RegExp]>([
    ["a text file", () => new TextEncoder().encode("用户名,姓名,角色,单位\nai-csv,甲,领导,\n"), /只支持 Excel（\.xlsx）文件/],
    ["an old .xls file", () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /旧版 Excel（\.xls）/],
    ["a corrupt xlsx (zip signature, garbage after)", () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("not really a zip file at all")]), /文件已损坏或不是有效的 Excel/],
    ["a truncated xlsx", async () => (await xlsx([["ai-t1", "甲", "领导", ""]])).subarray(0, 400), /文件已损坏或不是有效的 Excel/],
    ["an empty body", () => new Uint8Array(0), /请选择要导入的 Excel/],
    ["a file over 2 MB", () => new Uint8Array(2 * 1024 * 1024 + 10).fill(0x50), /文件超过 2 MB/],
    ["a sheet with only the header", () => xlsx([]), /没有用户数据/],
    ["more than 500 users", () => xlsx(Array.from({ length: 501 }, (_, i): Row => [`ai-many-${i}`, "多", "领导", ""])), /一次最多导入 500 个用户（本文件 501 个）/],
    ["a zip that would unpack to gigabytes", () => inflated(), /文件内容过大/],
  ])("rejects %s with a clear message and no stack trace", async (_label, make, message) => {
    const before = await prisma.user.count();
    const { status, body, text } = await post(await make());
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(text).not.toMatch(/at \w+ \(|node_modules|Error:/);
    expect(await prisma.user.count()).toBe(before);
  });

  it("the template has the four columns and a sheet that lists the units", async () => {
    const res = await runAs(admin, () => template(new Request("http://localhost/admin/users/import/template"), noParams));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.getWorksheet("用户")!.getRow(1).values).toEqual([undefined, "用户名", "姓名", "角色", "单位"]);
    const help = wb.getWorksheet("说明")!;
    const names: string[] = [];
    help.eachRow((r) => names.push(r.getCell(1).text));
    expect(names).toContain("导入测试局");
    expect(names).not.toContain("导入停用局");
  });
});
