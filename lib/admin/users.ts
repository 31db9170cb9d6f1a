import "server-only";
// User accounts as the admin sees them: list, read, create, edit, disable/enable, reset
// password. Every change is audited in its own transaction; no function returns a
// password hash (outputs are parsed through schemas that do not have one).
import { z } from "zod";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import { hashPassword } from "../auth/password";
import { ROLES } from "../auth/permissions";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { USERS_PAGE_SIZE } from "./constants";
import { generateInitialPassword } from "./passwords";
import type { TCreateUser, TResetUserPassword, TSetUserDisabled, TUpdateUser, TUserListQuery } from "./schemas";

type Actor = Pick<SessionUser, "id" | "username">;
type Tx = Prisma.TransactionClient;

export const ZAdminUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;

const USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  roles: true,
  unitCode: true,
  email: true,
  disabled: true,
  mustChangePassword: true,
  lastLoginAt: true,
  createdAt: true,
  unit: { select: { name: true } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

function toAdminUser(row: UserRow): TAdminUser {
  return ZAdminUser.parse({ ...row, unitName: row.unit?.name ?? null });
}

/** What the audit trail records of a user: never the hash. */
function auditSnapshot(u: { username: string; displayName: string; roles: readonly string[]; unitCode: string | null; email: string | null; disabled: boolean }) {
  return { username: u.username, displayName: u.displayName, roles: [...u.roles], unitCode: u.unitCode, email: u.email, disabled: u.disabled };
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export async function listUsers(query: TUserListQuery): Promise<{ users: TAdminUser[]; total: number; page: number; pages: number }> {
  const prisma = getPrisma();
  const and: Prisma.UserWhereInput[] = [];
  if (query.q) {
    const q = query.q;
    and.push({
      OR: [
        { username: { contains: q, mode: "insensitive" } },
        { displayName: { contains: q, mode: "insensitive" } },
        { unitCode: { contains: q, mode: "insensitive" } },
        { unit: { name: { contains: q, mode: "insensitive" } } },
        { unit: { aliases: { has: q } } },
      ],
    });
  }
  if (query.unit) and.push({ unitCode: query.unit });
  if (query.role) and.push({ roles: { has: query.role } });
  if (query.status) and.push({ disabled: query.status === "disabled" });
  const where: Prisma.UserWhereInput = and.length ? { AND: and } : {};
  const total = await prisma.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await prisma.user.findMany({
    where,
    select: USER_SELECT,
    orderBy: [{ disabled: "asc" }, { username: "asc" }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
  });
  return { users: rows.map(toAdminUser), total, page, pages };
}

export async function getUser(id: number): Promise<TAdminUser | null> {
  const row = await getPrisma().user.findUnique({ where: { id }, select: USER_SELECT });
  return row ? toAdminUser(row) : null;
}

/** A unit a user may be assigned to: it exists, and it is active unless the user already has it. */
async function checkAssignableUnit(tx: Tx, unitCode: string | null, currentUnitCode: string | null = null): Promise<void> {
  if (!unitCode) return;
  const unit = await tx.unit.findUnique({ where: { code: unitCode }, select: { active: true, name: true } });
  if (!unit) throw new UserError("所选单位不存在", 400, { unitCode: "所选单位不存在" });
  if (!unit.active && unitCode !== currentUnitCode) throw new UserError(`单位“${unit.name}”已停用`, 400, { unitCode: `单位“${unit.name}”已停用，不能分配用户` });
}

const USERNAME_TAKEN = () => new UserError("用户名已存在", 409, { username: "该用户名已被使用" });

export async function createUser(actor: Actor, input: TCreateUser, ip: string): Promise<{ user: TAdminUser; password: string }> {
  const prisma = getPrisma();
  if (await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw USERNAME_TAKEN();
  const password = generateInitialPassword(input.username);
  const passwordHash = await hashPassword(password);
  try {
    const row = await prisma.$transaction(async (tx) => {
      await checkAssignableUnit(tx, input.unitCode);
      const created = await tx.user.create({
        data: { username: input.username, displayName: input.displayName, roles: input.roles, unitCode: input.unitCode, email: input.email ?? null, passwordHash, mustChangePassword: true },
        select: USER_SELECT,
      });
      await writeAudit(tx, { actor, ip, action: "user.create", entityType: "user", entityId: created.id, unitCode: created.unitCode, after: auditSnapshot(created) });
      return created;
    });
    return { user: toAdminUser(row), password };
  } catch (e) {
    if (isUniqueViolation(e)) throw USERNAME_TAKEN();
    throw e;
  }
}

async function lockUser(tx: Tx, id: number): Promise<UserRow> {
  // row lock: two admins editing the same account serialise instead of overwriting checks
  await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${id} FOR UPDATE`;
  const row = await tx.user.findUnique({ where: { id }, select: USER_SELECT });
  if (!row) throw new UserError("用户不存在", 404);
  return row;
}

export async function updateUser(actor: Actor, input: TUpdateUser, ip: string): Promise<TAdminUser> {
  const row = await getPrisma().$transaction(async (tx) => {
    const before = await lockUser(tx, input.id);
    if (before.id === actor.id && before.roles.includes("admin") && !input.roles.includes("admin")) {
      throw new UserError("不能取消自己的管理员角色", 409, { roles: "不能取消自己的管理员角色，请让另一位管理员操作" });
    }
    await checkAssignableUnit(tx, input.unitCode, before.unitCode);
    const after = await tx.user.update({
      where: { id: input.id },
      // email omitted (an older form or caller): kept as it is
      data: { displayName: input.displayName, roles: input.roles, unitCode: input.unitCode, ...(input.email !== undefined ? { email: input.email } : {}) },
      select: USER_SELECT,
    });
    await writeAudit(tx, {
      actor,
      ip,
      action: "user.update",
      entityType: "user",
      entityId: after.id,
      unitCode: after.unitCode ?? before.unitCode,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  });
  return toAdminUser(row);
}

export async function setUserDisabled(actor: Actor, input: TSetUserDisabled, ip: string): Promise<TAdminUser> {
  if (input.disabled && input.id === actor.id) throw new UserError("不能停用自己的账号", 409);
  const row = await getPrisma().$transaction(async (tx) => {
    const before = await lockUser(tx, input.id);
    if (before.disabled === input.disabled) return before; // already so: nothing to record
    const after = await tx.user.update({
      where: { id: input.id },
      // disabling ends every session of the account at its next request
      data: input.disabled ? { disabled: true, sessionVersion: { increment: 1 } } : { disabled: false },
      select: USER_SELECT,
    });
    await writeAudit(tx, {
      actor,
      ip,
      action: input.disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: after.id,
      unitCode: after.unitCode,
      before: { disabled: before.disabled },
      after: { disabled: after.disabled },
      reason: input.reason,
    });
    return after;
  });
  return toAdminUser(row);
}

export async function resetUserPassword(actor: Actor, input: TResetUserPassword, ip: string): Promise<{ user: TAdminUser; password: string }> {
  if (input.id === actor.id) throw new UserError("不能重置自己的密码，请在“修改密码”中修改", 409);
  const prisma = getPrisma();
  const target = await prisma.user.findUnique({ where: { id: input.id }, select: { username: true } });
  if (!target) throw new UserError("用户不存在", 404);
  const password = generateInitialPassword(target.username);
  const passwordHash = await hashPassword(password);
  const row = await prisma.$transaction(async (tx) => {
    await lockUser(tx, input.id);
    const after = await tx.user.update({
      where: { id: input.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
      select: USER_SELECT,
    });
    await writeAudit(tx, {
      actor,
      ip,
      action: "user.password.reset",
      entityType: "user",
      entityId: after.id,
      unitCode: after.unitCode,
      after: { mustChangePassword: true },
      reason: input.reason,
    });
    return after;
  });
  return { user: toAdminUser(row), password };
}
