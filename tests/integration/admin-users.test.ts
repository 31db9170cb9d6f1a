// 用户管理 actions against a real PostgreSQL: create, edit, disable/enable, reset password,
// self-protection, audit trail, and that no password hash ever leaves the data layer.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const { createUserAction, updateUserAction, setUserDisabledAction, resetUserPasswordAction } = await import("@/app/admin/users/actions");
const { runAs } = await import("@/lib/auth/guard");
const { hashPassword, verifyPassword, ZNewPassword } = await import("@/lib/auth/password");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { listUsers, getUser } = await import("@/lib/admin/users");
const { ZUserListQuery } = await import("@/lib/admin/schemas");

const prisma = getPrisma();
let admin: SessionUser;

/** Nothing that looks like a password hash, or the column name, in a returned value. */
function expectNoHash(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain("passwordHash");
  expect(text).not.toContain("$argon2");
}

beforeAll(async () => {
  await prisma.unit.createMany({
    data: [
      { code: "au-dept", name: "用户测试局", group: "department", aliases: ["用户测试"] },
      { code: "au-old", name: "已撤销测试局", group: "department", active: false },
    ],
  });
  const row = await prisma.user.create({
    data: { username: "au-admin", displayName: "测试管理员", passwordHash: await hashPassword("Admin-pass-123"), roles: ["admin"], mustChangePassword: false },
  });
  admin = { id: row.id, username: row.username, displayName: row.displayName, roles: ["admin"], unitCode: null, unitName: null, mustChangePassword: false };
});
afterAll(async () => getDb().close());

describe("create user", () => {
  it("creates a 填报员 with a one-time password that satisfies the policy, must change it, and is audited without secrets", async () => {
    const res = await runAs(admin, () => createUserAction({ username: " AU-Filler ", displayName: "张三", roles: ["filler"], unitCode: "au-dept" }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expectNoHash(res);
    const { user, password } = res.data;
    expect(user).toMatchObject({ username: "au-filler", displayName: "张三", roles: ["filler"], unitCode: "au-dept", unitName: "用户测试局", mustChangePassword: true, disabled: false });
    expect(ZNewPassword("au-filler").safeParse(password).success).toBe(true);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: String(user.id) } });
    expect(audit.actorName).toBe("au-admin");
    expect(audit.after).toMatchObject({ username: "au-filler", roles: ["filler"], unitCode: "au-dept" });
    expect(JSON.stringify([audit.before, audit.after, audit.reason])).not.toContain(password);
    expectNoHash(audit.after);
  });

  it.each([
    ["a 填报员 without a unit", { username: "au-x1", displayName: "甲", roles: ["filler"], unitCode: null }, "unitCode", "填报员必须选择所属单位"],
    ["a 审核员 with a unit that does not exist", { username: "au-x2", displayName: "乙", roles: ["reviewer"], unitCode: "au-none" }, "unitCode", "所选单位不存在"],
    ["no role", { username: "au-x3", displayName: "丙", roles: [], unitCode: null }, "roles", "请至少选择一个角色"],
    ["an unknown role", { username: "au-x4", displayName: "丁", roles: ["superuser"], unitCode: null }, "roles", "角色无效"],
    ["a bad username", { username: "张三", displayName: "戊", roles: ["leader"], unitCode: null }, "username", undefined],
    ["an empty display name", { username: "au-x5", displayName: "  ", roles: ["leader"], unitCode: null }, "displayName", "请输入姓名"],
  ])("refuses %s with a field error", async (_label, input, field, message) => {
    const res = await runAs(admin, () => createUserAction(input));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.status).toBe(400);
    expect(res.fieldErrors?.[field]).toBeTruthy();
    if (message) expect(res.fieldErrors?.[field]).toBe(message);
  });

  it("refuses an existing username, a missing unit and an inactive unit", async () => {
    const dup = await runAs(admin, () => createUserAction({ username: "au-filler", displayName: "重名", roles: ["leader"] }));
    expect(dup).toMatchObject({ ok: false, status: 409, fieldErrors: { username: "该用户名已被使用" } });
    const missing = await runAs(admin, () => createUserAction({ username: "au-x6", displayName: "己", roles: ["filler"], unitCode: "no-such" }));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { unitCode: "所选单位不存在" } });
    const inactive = await runAs(admin, () => createUserAction({ username: "au-x7", displayName: "庚", roles: ["filler"], unitCode: "au-old" }));
    expect(inactive).toMatchObject({ ok: false, fieldErrors: { unitCode: expect.stringContaining("已停用") } });
    expect(await prisma.user.count({ where: { username: { in: ["au-x6", "au-x7"] } } })).toBe(0);
  });
});

describe("edit, disable, reset", () => {
  let targetId: number;
  beforeAll(async () => {
    const res = await runAs(admin, () => createUserAction({ username: "au-target", displayName: "李四", roles: ["reviewer"] }));
    if (!res.ok) throw new Error(res.error);
    targetId = res.data.user.id;
  });

  it("edits display name, roles and unit, auditing before and after", async () => {
    const res = await runAs(admin, () => updateUserAction({ id: targetId, displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept" }));
    expect(res).toMatchObject({ ok: true, data: { displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept" } });
    expectNoHash(res);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.update", entityId: String(targetId) }, orderBy: { id: "desc" } });
    expect(audit.before).toMatchObject({ displayName: "李四", roles: ["reviewer"], unitCode: null });
    expect(audit.after).toMatchObject({ displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept" });
  });

  it("sets the e-mail address messages are copied to (SMTP_URL), refuses a malformed one in Chinese, keeps it when a caller omits it, and clears it when emptied", async () => {
    const bad = await runAs(admin, () => updateUserAction({ id: targetId, displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept", email: "lisi-at-example" }));
    expect(bad).toMatchObject({ ok: false, status: 400, fieldErrors: { email: expect.stringContaining("电子邮箱格式不正确") } });
    const ok = await runAs(admin, () => updateUserAction({ id: targetId, displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept", email: " lisi@example.gov.cn " }));
    expect(ok).toMatchObject({ ok: true, data: { email: "lisi@example.gov.cn" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: targetId } })).email).toBe("lisi@example.gov.cn");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.update", entityId: String(targetId) }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ email: "lisi@example.gov.cn" });
    await runAs(admin, () => updateUserAction({ id: targetId, displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept" }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: targetId } })).email).toBe("lisi@example.gov.cn");
    await runAs(admin, () => updateUserAction({ id: targetId, displayName: "李四（改）", roles: ["filler", "leader"], unitCode: "au-dept", email: "" }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: targetId } })).email).toBeNull();
    const created = await runAs(admin, () => createUserAction({ username: "au-mail", displayName: "王五", roles: ["leader"], email: "wangwu@example.gov.cn" }));
    expect(created).toMatchObject({ ok: true, data: { user: { email: "wangwu@example.gov.cn" } } });
  });

  it("disabling ends sessions (session version bumped) and keeps the account; enabling restores it", async () => {
    const before = await prisma.user.findUniqueOrThrow({ where: { id: targetId }, select: { sessionVersion: true } });
    const res = await runAs(admin, () => setUserDisabledAction({ id: targetId, disabled: true, reason: "调离" }));
    expect(res).toMatchObject({ ok: true, data: { disabled: true } });
    expectNoHash(res);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: targetId }, select: { sessionVersion: true, disabled: true } });
    expect(after).toEqual({ sessionVersion: before.sessionVersion + 1, disabled: true });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.disable", entityId: String(targetId) } });
    expect(audit.reason).toBe("调离");
    expect(audit.before).toEqual({ disabled: false });

    expect(await runAs(admin, () => setUserDisabledAction({ id: targetId, disabled: false }))).toMatchObject({ ok: true, data: { disabled: false } });
    expect(await prisma.auditLog.count({ where: { action: "user.enable", entityId: String(targetId) } })).toBe(1);
  });

  it("reset gives a new one-time password, forces a change and ends sessions", async () => {
    const before = await prisma.user.findUniqueOrThrow({ where: { id: targetId }, select: { sessionVersion: true, passwordHash: true } });
    await prisma.user.update({ where: { id: targetId }, data: { mustChangePassword: false } });
    const res = await runAs(admin, () => resetUserPasswordAction({ id: targetId }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expectNoHash(res);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: targetId }, select: { sessionVersion: true, passwordHash: true, mustChangePassword: true } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.mustChangePassword).toBe(true);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(await verifyPassword(after.passwordHash, res.data.password)).toBe(true);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.password.reset", entityId: String(targetId) } });
    expect(JSON.stringify([audit.before, audit.after, audit.reason])).not.toContain(res.data.password);
  });

  it("an admin cannot disable themselves, reset their own password, or drop their own admin role", async () => {
    expect(await runAs(admin, () => setUserDisabledAction({ id: admin.id, disabled: true }))).toMatchObject({ ok: false, status: 409, error: "不能停用自己的账号" });
    expect(await runAs(admin, () => resetUserPasswordAction({ id: admin.id }))).toMatchObject({ ok: false, status: 409 });
    expect(await runAs(admin, () => updateUserAction({ id: admin.id, displayName: "测试管理员", roles: ["reviewer"], unitCode: null }))).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { roles: expect.stringContaining("不能取消自己的管理员角色") },
    });
    const me = await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { roles: true, disabled: true } });
    expect(me).toEqual({ roles: ["admin"], disabled: false });
    // adding a role to oneself is fine
    expect(await runAs(admin, () => updateUserAction({ id: admin.id, displayName: "测试管理员", roles: ["admin", "leader"], unitCode: null }))).toMatchObject({ ok: true });
  });

  it("unknown user ids are 404", async () => {
    expect(await runAs(admin, () => resetUserPasswordAction({ id: 999_999 }))).toMatchObject({ ok: false, status: 404 });
    expect(await runAs(admin, () => setUserDisabledAction({ id: 999_999, disabled: true }))).toMatchObject({ ok: false, status: 404 });
  });
});

describe("list and search", () => {
  it("searches by username, display name and unit, pages by 50, and never returns a hash", async () => {
    const passwordHash = await hashPassword("Bulk-pass-123");
    await prisma.user.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ username: `au-bulk-${String(i).padStart(2, "0")}`, displayName: `批量${i}`, passwordHash, roles: ["filler" as const], unitCode: "au-dept" })),
    });
    const page1 = await listUsers(ZUserListQuery.parse({ q: "au-bulk" }));
    expect(page1.total).toBe(60);
    expect(page1.users).toHaveLength(50);
    expect(page1.pages).toBe(2);
    const page2 = await listUsers(ZUserListQuery.parse({ q: "au-bulk", page: "2" }));
    expect(page2.users).toHaveLength(10);
    expect((await listUsers(ZUserListQuery.parse({ q: "批量5" }))).users.map((u) => u.username).sort()).toEqual(["au-bulk-05", "au-bulk-50", "au-bulk-51", "au-bulk-52", "au-bulk-53", "au-bulk-54", "au-bulk-55", "au-bulk-56", "au-bulk-57", "au-bulk-58", "au-bulk-59"]);
    expect((await listUsers(ZUserListQuery.parse({ q: "用户测试局" }))).total).toBeGreaterThanOrEqual(60);
    expect((await listUsers(ZUserListQuery.parse({ unit: "au-dept", role: "filler" }))).total).toBeGreaterThanOrEqual(60);
    expect((await listUsers(ZUserListQuery.parse({ q: "没有这个人" }))).users).toEqual([]);
    // a page past the end shows the last page instead of nothing
    expect((await listUsers(ZUserListQuery.parse({ q: "au-bulk", page: "99" }))).page).toBe(2);
    expectNoHash(page1);
    expectNoHash(await getUser(admin.id));
  });
});
