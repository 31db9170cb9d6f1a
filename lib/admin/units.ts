import "server-only";
// Assessed units as the admin sees them: list by group, add, rename (history kept, the old
// name stays an alias so rules and imports that use it still resolve), deactivate/activate.
import { z } from "zod";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { normaliseUnitName } from "../rules/resolve";
import { UNIT_GROUP_LABELS, UNIT_GROUPS, type UnitGroupKey } from "./constants";
import { getEditionCoverage, outsideEditionWarning } from "./coverage";
import type { TCreateUnit, TRenameUnit, TSetUnitActive } from "./schemas";
import { isUniqueViolation } from "./users";

type Actor = Pick<SessionUser, "id" | "username">;
type Tx = Prisma.TransactionClient;

export const ZAdminUnit = z.object({
  code: z.string(),
  name: z.string(),
  group: z.enum(UNIT_GROUPS),
  aliases: z.array(z.string()),
  active: z.boolean(),
  userCount: z.number(),
  /** false: the current edition assigns it nothing (a unit added here, not yet in the indicators) */
  inEdition: z.boolean(),
});
export type TAdminUnit = z.infer<typeof ZAdminUnit>;

export const ZUnitRename = z.object({
  oldName: z.string(),
  newName: z.string(),
  changedAt: z.date(),
  changedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TUnitRename = z.infer<typeof ZUnitRename>;

const UNIT_SELECT = {
  code: true,
  name: true,
  group: true,
  aliases: true,
  active: true,
  _count: { select: { users: true } },
} satisfies Prisma.UnitSelect;
type UnitRow = Prisma.UnitGetPayload<{ select: typeof UNIT_SELECT }>;

function toAdminUnit(row: UnitRow, covered: ReadonlySet<string> | null): TAdminUnit {
  const { _count, ...rest } = row;
  return ZAdminUnit.parse({ ...rest, userCount: _count.users, inEdition: covered ? covered.has(row.code) : true });
}

export async function listUnitsByGroup(): Promise<{ group: UnitGroupKey; label: string; units: TAdminUnit[] }[]> {
  const [rows, coverage] = await Promise.all([getPrisma().unit.findMany({ select: UNIT_SELECT, orderBy: [{ active: "desc" }, { code: "asc" }] }), getEditionCoverage()]);
  const units = rows.map((r) => toAdminUnit(r, coverage?.covered ?? null));
  return UNIT_GROUPS.map((group) => ({ group, label: UNIT_GROUP_LABELS[group], units: units.filter((u) => u.group === group) }));
}

/** The year the unit list's 不在考核范围 marks refer to (the current edition's), or null. */
export async function getCoverageYear(): Promise<number | null> {
  return (await getEditionCoverage())?.year ?? null;
}

export async function getUnit(code: string): Promise<(TAdminUnit & { history: TUnitRename[] }) | null> {
  const row = await getPrisma().unit.findUnique({
    where: { code },
    select: {
      ...UNIT_SELECT,
      nameHistory: { select: { oldName: true, newName: true, changedAt: true, changedBy: true, reason: true }, orderBy: { changedAt: "desc" } },
    },
  });
  if (!row) return null;
  const coverage = await getEditionCoverage();
  return { ...toAdminUnit(row, coverage?.covered ?? null), history: z.array(ZUnitRename).parse(row.nameHistory) };
}

export type TUnitOption = { code: string; name: string; group: UnitGroupKey; active: boolean };

/** Units for a select: active ones, plus `keep` (a user's current unit), or all of them. */
export async function listUnitOptions(opts: { keep?: string | null; includeInactive?: boolean } = {}): Promise<TUnitOption[]> {
  const where: Prisma.UnitWhereInput = opts.includeInactive ? {} : opts.keep ? { OR: [{ active: true }, { code: opts.keep }] } : { active: true };
  const rows = await getPrisma().unit.findMany({
    where,
    select: { code: true, name: true, group: true, active: true },
    orderBy: { code: "asc" },
  });
  return rows;
}

/** Another unit already called (or aliased) `name`: names must resolve to one unit. */
async function findNameClash(tx: Tx, name: string, exceptCode: string | null): Promise<{ code: string; name: string } | null> {
  const key = normaliseUnitName(name);
  const units = await tx.unit.findMany({ select: { code: true, name: true, aliases: true } });
  for (const u of units) {
    if (u.code === exceptCode) continue;
    if (normaliseUnitName(u.name) === key || u.aliases.some((a) => normaliseUnitName(a) === key)) return { code: u.code, name: u.name };
  }
  return null;
}

function nameTaken(field: string, clash: { code: string; name: string }): UserError {
  const msg = `该名称已被单位“${clash.name}”（${clash.code}）使用`;
  return new UserError(msg, 409, { [field]: msg });
}

const CODE_TAKEN = () => new UserError("单位代码已存在", 409, { code: "该单位代码已被使用" });

/** Creates a unit; `warning` says when the current edition does not assess it (every new unit, until its indicators assign it). */
export async function createUnit(actor: Actor, input: TCreateUnit, ip: string): Promise<TAdminUnit & { warning: string | null }> {
  try {
    const row = await getPrisma().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admin:unit-names'))`;
      if (await tx.unit.findUnique({ where: { code: input.code }, select: { code: true } })) throw CODE_TAKEN();
      const clash = await findNameClash(tx, input.name, null);
      if (clash) throw nameTaken("name", clash);
      const created = await tx.unit.create({ data: { code: input.code, name: input.name, group: input.group }, select: UNIT_SELECT });
      await writeAudit(tx, {
        actor,
        ip,
        action: "unit.create",
        entityType: "unit",
        entityId: created.code,
        unitCode: created.code,
        after: { code: created.code, name: created.name, group: created.group },
      });
      return created;
    });
    const coverage = await getEditionCoverage();
    const unit = toAdminUnit(row, coverage?.covered ?? null);
    return { ...unit, warning: coverage && !unit.inEdition ? outsideEditionWarning(coverage.year) : null };
  } catch (e) {
    if (isUniqueViolation(e)) throw CODE_TAKEN();
    throw e;
  }
}

async function lockUnit(tx: Tx, code: string) {
  await tx.$queryRaw`SELECT code FROM unit WHERE code = ${code} FOR UPDATE`;
  const row = await tx.unit.findUnique({ where: { code }, select: { code: true, name: true, aliases: true, active: true } });
  if (!row) throw new UserError("单位不存在", 404);
  return row;
}

export async function renameUnit(actor: Actor, input: TRenameUnit, ip: string): Promise<TAdminUnit> {
  const row = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admin:unit-names'))`;
    const before = await lockUnit(tx, input.code);
    const newKey = normaliseUnitName(input.newName);
    if (normaliseUnitName(before.name) === newKey) throw new UserError("新名称与当前名称相同", 400, { newName: "新名称与当前名称相同" });
    const clash = await findNameClash(tx, input.newName, input.code);
    if (clash) throw nameTaken("newName", clash);
    // the old name becomes an alias; the new name stops being one (it is the name now)
    const aliases = [...before.aliases, before.name].filter((a, i, all) => normaliseUnitName(a) !== newKey && all.indexOf(a) === i);
    const after = await tx.unit.update({ where: { code: input.code }, data: { name: input.newName, aliases }, select: UNIT_SELECT });
    await tx.unitNameHistory.create({
      data: { unitCode: input.code, oldName: before.name, newName: input.newName, changedBy: actor.username, reason: input.reason },
    });
    await writeAudit(tx, {
      actor,
      ip,
      action: "unit.rename",
      entityType: "unit",
      entityId: input.code,
      unitCode: input.code,
      before: { name: before.name, aliases: before.aliases },
      after: { name: after.name, aliases: after.aliases },
      reason: input.reason,
    });
    return after;
  });
  return toAdminUnit(row, (await getEditionCoverage())?.covered ?? null);
}

export async function setUnitActive(actor: Actor, input: TSetUnitActive, ip: string): Promise<TAdminUnit> {
  const row = await getPrisma().$transaction(async (tx) => {
    const before = await lockUnit(tx, input.code);
    if (before.active !== input.active) {
      await tx.unit.update({ where: { code: input.code }, data: { active: input.active } });
      await writeAudit(tx, {
        actor,
        ip,
        action: input.active ? "unit.activate" : "unit.deactivate",
        entityType: "unit",
        entityId: input.code,
        unitCode: input.code,
        before: { active: before.active },
        after: { active: input.active },
        reason: input.reason,
      });
    }
    return tx.unit.findUniqueOrThrow({ where: { code: input.code }, select: UNIT_SELECT });
  });
  return toAdminUnit(row, (await getEditionCoverage())?.covered ?? null);
}
