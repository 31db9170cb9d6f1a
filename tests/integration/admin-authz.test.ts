// Every admin action and route refuses anyone without the admin permission: 403 for a
// signed-in non-admin, 401 without a session, and nothing changes in the database.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const userActions = await import("@/app/admin/users/actions");
const unitActions = await import("@/app/admin/units/actions");
const { POST: upload } = await import("@/app/admin/users/import/upload/route");
const { GET: template } = await import("@/app/admin/users/import/template/route");
const { registry, runAs } = await import("@/lib/auth/guard");
const { hashPassword } = await import("@/lib/auth/password");
const { getDb, getPrisma } = await import("@/lib/db/client");

const prisma = getPrisma();
const people: Record<string, SessionUser> = {};
let victimId: number;

beforeAll(async () => {
  await prisma.unit.create({ data: { code: "az-dept", name: "权限测试局", group: "department" } });
  const passwordHash = await hashPassword("Some-pass-123");
  const make = async (username: string, roles: ("filler" | "reviewer" | "leader" | "admin")[], unitCode: string | null, mustChangePassword = false) => {
    const u = await prisma.user.create({ data: { username, displayName: username, passwordHash, roles, unitCode, mustChangePassword } });
    return { id: u.id, username, displayName: username, roles, unitCode, unitName: null, mustChangePassword };
  };
  people.filler = await make("az-filler", ["filler"], "az-dept");
  people.reviewer = await make("az-reviewer", ["reviewer"], null);
  people.leader = await make("az-leader", ["leader"], null);
  people.newAdmin = await make("az-new-admin", ["admin"], null, true); // has not changed the initial password
  victimId = (await make("az-victim", ["reviewer"], null)).id;
});
afterAll(async () => getDb().close());

async function validXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("用户");
  ws.addRow(["用户名", "姓名", "角色", "单位"]);
  ws.addRow(["az-imported", "导入", "领导", ""]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const noParams = { params: Promise.resolve({}) };

/** Each admin entry point with a valid input, answering its HTTP-like status. */
const CALLS: Record<string, () => Promise<number>> = {
  "admin.users.create": async () => status(await userActions.createUserAction({ username: "az-new", displayName: "新", roles: ["leader"] })),
  "admin.users.update": async () => status(await userActions.updateUserAction({ id: victimId, displayName: "改", roles: ["admin"], unitCode: null })),
  "admin.users.setDisabled": async () => status(await userActions.setUserDisabledAction({ id: victimId, disabled: true })),
  "admin.users.resetPassword": async () => status(await userActions.resetUserPasswordAction({ id: victimId })),
  "admin.units.create": async () => status(await unitActions.createUnitAction({ code: "az-new", name: "新局", group: "department" })),
  "admin.units.rename": async () => status(await unitActions.renameUnitAction({ code: "az-dept", newName: "改名局", reason: "x" })),
  "admin.units.setActive": async () => status(await unitActions.setUnitActiveAction({ code: "az-dept", active: false })),
  "admin.users.import": async () => (await upload(new Request("http://localhost/admin/users/import/upload", { method: "POST", body: (await validXlsx()) as BodyInit, headers: { "content-type": "application/octet-stream" } }), noParams)).status,
  "admin.users.importTemplate": async () => (await template(new Request("http://localhost/admin/users/import/template"), noParams)).status,
};

function status(r: { ok: boolean; status?: number }): number {
  return r.ok ? 200 : r.status!;
}

async function snapshot() {
  const [users, units, audits] = await Promise.all([
    prisma.user.findMany({ select: { id: true, username: true, displayName: true, roles: true, disabled: true, passwordHash: true, sessionVersion: true }, orderBy: { id: "asc" } }),
    prisma.unit.findMany({ select: { code: true, name: true, active: true }, orderBy: { code: "asc" } }),
    prisma.auditLog.count(),
  ]);
  return { users, units, audits };
}

describe("admin authorisation", () => {
  it("covers every registered admin action and route", () => {
    const adminEntries = [...registry.entries()].filter(([, v]) => v.action === "admin:users" || v.action === "admin:units").map(([k]) => k);
    expect(adminEntries.sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const who of ["filler", "reviewer", "leader", "newAdmin"]) {
    it(`a ${who} gets 403 from every admin action and route, and nothing changes`, async () => {
      const before = await snapshot();
      for (const [name, call] of Object.entries(CALLS)) {
        expect([name, await runAs(people[who], call)]).toEqual([name, 403]);
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("without a session every admin action and route is 401", async () => {
    for (const [name, call] of Object.entries(CALLS)) {
      expect([name, await runAs(null, call)]).toEqual([name, 401]);
    }
  });
});
