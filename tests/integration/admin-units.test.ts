// 单位管理 actions against a real PostgreSQL: add, rename (history + old name kept as an
// alias), deactivate/activate, all audited.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const { createUnitAction, renameUnitAction, setUnitActiveAction } = await import("@/app/admin/units/actions");
const { createUserAction } = await import("@/app/admin/users/actions");
const { runAs } = await import("@/lib/auth/guard");
const { hashPassword } = await import("@/lib/auth/password");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { getUnit, listUnitsByGroup } = await import("@/lib/admin/units");

const prisma = getPrisma();
let admin: SessionUser;

beforeAll(async () => {
  await prisma.unit.create({ data: { code: "an-taken", name: "已占用局", group: "department", aliases: ["占用局"] } });
  const row = await prisma.user.create({
    data: { username: "an-admin", displayName: "单位管理员", passwordHash: await hashPassword("Admin-pass-123"), roles: ["admin"], mustChangePassword: false },
  });
  admin = { id: row.id, username: row.username, displayName: row.displayName, roles: ["admin"], unitCode: null, unitName: null, mustChangePassword: false };
});
afterAll(async () => getDb().close());

describe("units", () => {
  it("adds a unit and lists it in its group", async () => {
    const res = await runAs(admin, () => createUnitAction({ code: "an-dept", name: "测试数据局", group: "department" }));
    expect(res).toMatchObject({ ok: true, data: { code: "an-dept", name: "测试数据局", group: "department", active: true, aliases: [] } });
    const groups = await listUnitsByGroup();
    expect(groups.map((g) => g.label)).toEqual(["市直部门", "县（市、区）", "全市"]);
    expect(groups[0].units.map((u) => u.code)).toContain("an-dept");
    expect(await prisma.auditLog.count({ where: { action: "unit.create", entityId: "an-dept" } })).toBe(1);
  });

  it("warns that a new unit is outside the edition (year from the edition data), marks it in the list, and tells its pages", async () => {
    const { importEdition } = await import("@/lib/rules/import");
    const { loadEditionOrThrow } = await import("@/lib/rules/load");
    await importEdition(prisma, loadEditionOrThrow("rules/sanming-2017"));
    const { getUnitScope } = await import("@/lib/admin/coverage");
    const { getCurrentEdition } = await import("@/lib/editions");
    const year = (await getCurrentEdition())!.year;
    const res = await runAs(admin, () => createUnitAction({ code: "an-bigdata", name: "市大数据测试局", group: "department" }));
    expect(res).toMatchObject({ ok: true, data: { code: "an-bigdata", inEdition: false, warning: `该单位不在${year}年度考核范围内，需在指标中分配责任` } });
    const listed = (await listUnitsByGroup())[0].units;
    expect(listed.find((u) => u.code === "an-bigdata")?.inEdition).toBe(false);
    expect(listed.find((u) => u.code === "dept-szb")?.inEdition).toBe(true);
    expect(await getUnitScope("an-bigdata")).toMatchObject({ kind: "outside", year, message: expect.stringContaining(`不在${year}年度考核范围内`) });
    expect(await getUnitScope("dept-szb")).toEqual({ kind: "assessed" });
    expect(await getUnitScope("no-such-unit")).toEqual({ kind: "unknown" });
  });

  it.each([
    ["an upper-case code", { code: "AN-X", name: "甲局", group: "department" }, "code"],
    ["a code with Chinese", { code: "甲", name: "甲局", group: "department" }, "code"],
    ["no name", { code: "an-x", name: " ", group: "department" }, "name"],
    ["an unknown group", { code: "an-x", name: "甲局", group: "province" }, "group"],
  ])("refuses %s", async (_label, input, field) => {
    const res = await runAs(admin, () => createUnitAction(input));
    expect(res).toMatchObject({ ok: false, status: 400 });
    expect(res.ok ? null : res.fieldErrors?.[field]).toBeTruthy();
  });

  it("refuses a taken code, and a name or alias another unit already uses", async () => {
    expect(await runAs(admin, () => createUnitAction({ code: "an-taken", name: "新局", group: "department" }))).toMatchObject({ ok: false, status: 409, fieldErrors: { code: "该单位代码已被使用" } });
    expect(await runAs(admin, () => createUnitAction({ code: "an-new", name: "占用局", group: "department" }))).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { name: "该名称已被单位“已占用局”（an-taken）使用" },
    });
  });

  it("renames with a reason: history written, old name kept as an alias, audited", async () => {
    const res = await runAs(admin, () => renameUnitAction({ code: "an-dept", newName: "测试大数据局", reason: "机构改革" }));
    expect(res).toMatchObject({ ok: true, data: { name: "测试大数据局", aliases: ["测试数据局"] } });
    const unit = await getUnit("an-dept");
    expect(unit?.history).toEqual([{ oldName: "测试数据局", newName: "测试大数据局", changedAt: expect.any(Date), changedBy: "an-admin", reason: "机构改革" }]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "unit.rename", entityId: "an-dept" } });
    expect(audit).toMatchObject({ reason: "机构改革", before: { name: "测试数据局" }, after: { name: "测试大数据局", aliases: ["测试数据局"] } });

    // renaming back to the old name: it is the name again, not also an alias
    await runAs(admin, () => renameUnitAction({ code: "an-dept", newName: "测试数据局", reason: "恢复" }));
    expect((await getUnit("an-dept"))?.aliases).toEqual(["测试大数据局"]);
    expect((await getUnit("an-dept"))?.history).toHaveLength(2);
  });

  it("a rename needs a reason, a different name, and a name no other unit uses", async () => {
    expect(await runAs(admin, () => renameUnitAction({ code: "an-dept", newName: "别的名字", reason: "" }))).toMatchObject({ ok: false, fieldErrors: { reason: "请填写更名原因" } });
    expect(await runAs(admin, () => renameUnitAction({ code: "an-dept", newName: "测试数据局", reason: "x" }))).toMatchObject({ ok: false, fieldErrors: { newName: "新名称与当前名称相同" } });
    expect(await runAs(admin, () => renameUnitAction({ code: "an-dept", newName: "已占用局", reason: "x" }))).toMatchObject({ ok: false, status: 409 });
    expect(await runAs(admin, () => renameUnitAction({ code: "an-none", newName: "无", reason: "x" }))).toMatchObject({ ok: false, status: 404 });
  });

  it("deactivates (no new users can be assigned) and activates again, audited", async () => {
    expect(await runAs(admin, () => setUnitActiveAction({ code: "an-dept", active: false, reason: "撤并" }))).toMatchObject({ ok: true, data: { active: false } });
    const refused = await runAs(admin, () => createUserAction({ username: "an-filler", displayName: "甲", roles: ["filler"], unitCode: "an-dept" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { unitCode: expect.stringContaining("已停用") } });
    expect(await runAs(admin, () => setUnitActiveAction({ code: "an-dept", active: true }))).toMatchObject({ ok: true, data: { active: true } });
    expect(await prisma.auditLog.count({ where: { entityId: "an-dept", action: { in: ["unit.deactivate", "unit.activate"] } } })).toBe(2);
    expect((await prisma.auditLog.findFirstOrThrow({ where: { entityId: "an-dept", action: "unit.deactivate" } })).reason).toBe("撤并");
  });
});
