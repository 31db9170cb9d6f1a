import "server-only";
// The self-assessment period of an edition (opens-at, deadline) and per-unit extensions.
// Times are entered and shown in Asia/Shanghai (UTC+8, no daylight saving) and stored as
// timestamptz. Every write is audited in its transaction.
import { z } from "zod";
import { freeText } from "../zod/text";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { requireContext } from "./facts";
import { formatShanghai } from "./locks";
import { lockPeriodTransition, lockUnitTransition, SERIAL_TX } from "./serial";

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "YYYY-MM-DDTHH:mm" (an <input type="datetime-local"> value) read as Beijing time. */
export function parseShanghaiLocal(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const back = new Date(utc);
  // reject 2026-02-30T10:00 and 25:00 rather than rolling them over
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** The datetime-local value of an instant in Beijing time ("2026-12-01T18:00"). */
export function toShanghaiLocal(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

export const ZShanghaiDateTime = z
  .string({ error: "请填写日期和时间" })
  .trim()
  .min(1, "请填写日期和时间")
  .refine((s) => parseShanghaiLocal(s) !== null, "日期时间格式应为 YYYY-MM-DD HH:mm（北京时间）");

const ZEditionId = z.number({ error: "缺少考核年度" }).int().positive();

export const ZSavePeriod = z
  .object({
    editionId: ZEditionId,
    opensAt: ZShanghaiDateTime,
    deadline: ZShanghaiDateTime,
    /** deadline reminders go out this many official working days before the deadline */
    remindWorkdays: z.number({ error: "请填写提前提醒的工作日数" }).int("应为整数").min(0, "不能小于 0").max(30, "不超过 30 个工作日").optional(),
  })
  .refine((v) => (parseShanghaiLocal(v.deadline)?.getTime() ?? 0) > (parseShanghaiLocal(v.opensAt)?.getTime() ?? 0), {
    path: ["deadline"],
    message: "截止时间应晚于开始时间",
  });
export type TSavePeriod = z.infer<typeof ZSavePeriod>;

export const ZGrantExtension = z.object({
  editionId: ZEditionId,
  unitCode: z.string({ error: "请选择单位" }).trim().min(1, "请选择单位").max(64),
  until: ZShanghaiDateTime,
  reason: freeText("reason", "延期理由").min(1, "请填写延期理由"),
});
export type TGrantExtension = z.infer<typeof ZGrantExtension>;

export type PeriodView = { opensAt: Date; deadline: Date; updatedAt: Date; remindWorkdays: number };
export type ExtensionView = { unitCode: string; unitName: string; until: Date; reason: string; grantedBy: string | null; grantedAt: Date };

export async function getPeriod(editionId: number): Promise<PeriodView | null> {
  return getPrisma().assessmentPeriod.findUnique({ where: { editionId }, select: { opensAt: true, deadline: true, updatedAt: true, remindWorkdays: true } });
}

export async function getExtension(editionId: number, unitCode: string): Promise<{ until: Date; reason: string } | null> {
  return getPrisma().periodExtension.findUnique({ where: { editionId_unitCode: { editionId, unitCode } }, select: { until: true, reason: true } });
}

export async function listExtensions(editionId: number): Promise<ExtensionView[]> {
  const prisma = getPrisma();
  const rows = await prisma.periodExtension.findMany({
    where: { editionId },
    select: { unitCode: true, until: true, reason: true, grantedById: true, grantedAt: true },
    orderBy: [{ grantedAt: "desc" }],
  });
  const ids = [...new Set(rows.map((r) => r.grantedById).filter((x): x is number => x !== null))];
  const codes = [...new Set(rows.map((r) => r.unitCode))];
  const [users, units] = await Promise.all([
    ids.length ? prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [],
    codes.length ? prisma.unit.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } }) : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  return rows.map((r) => ({
    unitCode: r.unitCode,
    unitName: unitName.get(r.unitCode) ?? r.unitCode,
    until: r.until,
    reason: r.reason,
    grantedBy: r.grantedById ? (userName.get(r.grantedById) ?? null) : null,
    grantedAt: r.grantedAt,
  }));
}

/** Open the edition for self-assessment, or change its opens-at/deadline. */
export async function savePeriod(user: SessionUser, ip: string, input: TSavePeriod): Promise<PeriodView> {
  const ctx = await requireContext(input.editionId);
  const opensAt = parseShanghaiLocal(input.opensAt)!;
  const deadline = parseShanghaiLocal(input.deadline)!;
  const now = new Date();
  return getPrisma().$transaction(async (tx) => {
    // a deadline moved earlier locks forms: no save is half-way through when it does
    await lockPeriodTransition(tx, ctx.id);
    const before = await tx.assessmentPeriod.findUnique({ where: { editionId: ctx.id }, select: { opensAt: true, deadline: true, remindWorkdays: true } });
    const row = await tx.assessmentPeriod.upsert({
      where: { editionId: ctx.id },
      create: { editionId: ctx.id, opensAt, deadline, remindWorkdays: input.remindWorkdays, createdById: user.id, updatedAt: now },
      update: { opensAt, deadline, remindWorkdays: input.remindWorkdays, updatedAt: now },
      select: { opensAt: true, deadline: true, updatedAt: true, remindWorkdays: true },
    });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: before ? "period.update" : "period.open",
      entityType: "assessment_period",
      entityId: ctx.id,
      editionId: ctx.id,
      before: before ? { opensAt: before.opensAt, deadline: before.deadline, remindWorkdays: before.remindWorkdays } : null,
      after: { opensAt, deadline, remindWorkdays: row.remindWorkdays },
    });
    return row;
  }, SERIAL_TX);
}

/** Let one unit keep filling in after the deadline, until `until`; the reason is required. */
export async function grantExtension(user: SessionUser, ip: string, input: TGrantExtension): Promise<ExtensionView> {
  const ctx = await requireContext(input.editionId);
  const unit = ctx.compiled.unitByCode.get(input.unitCode);
  if (!unit || unit.group === "city") throw new UserError("请选择单位", 400, { unitCode: "该单位不在本年度考核范围内" });
  const until = parseShanghaiLocal(input.until)!;
  const prisma = getPrisma();
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    await lockUnitTransition(tx, ctx.id, unit.code, []);
    const period = await tx.assessmentPeriod.findUnique({ where: { editionId: ctx.id }, select: { deadline: true } });
    if (!period) throw new UserError("请先开放本年度的自评填报，再批准延期", 400);
    if (until <= period.deadline) {
      throw new UserError("延期时间应晚于填报截止时间", 400, { until: `应晚于填报截止时间 ${formatShanghai(period.deadline)}` });
    }
    const key = { editionId_unitCode: { editionId: ctx.id, unitCode: unit.code } };
    const before = await tx.periodExtension.findUnique({ where: key, select: { until: true, reason: true } });
    await tx.periodExtension.upsert({
      where: key,
      create: { editionId: ctx.id, unitCode: unit.code, until, reason: input.reason, grantedById: user.id, grantedAt: now },
      update: { until, reason: input.reason, grantedById: user.id, grantedAt: now },
    });
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "period.extension.grant",
      entityType: "period_extension",
      entityId: `${ctx.id}:${unit.code}`,
      unitCode: unit.code,
      editionId: ctx.id,
      before: before ? { until: before.until, reason: before.reason } : null,
      after: { until },
      reason: input.reason,
    });
    return { unitCode: unit.code, unitName: unit.name, until, reason: input.reason, grantedBy: user.displayName, grantedAt: now };
  }, SERIAL_TX);
}
