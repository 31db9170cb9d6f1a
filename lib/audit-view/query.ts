import "server-only";
// Reading the audit trail: filter by unit, item, action and date range, page through it,
// and render each row's before/after as a readable diff. Read-only: the table is
// append-only in the database (a trigger refuses UPDATE/DELETE).
import ExcelJS from "exceljs";
import { z } from "zod";
import { searchText } from "../zod/text";
import { getPrisma } from "../db/client";
import { getAssessmentContext, type AssessmentContext } from "../assessment/context";
import type { Prisma } from "../generated/prisma/client";
import { ACTION_GROUPS, actionLabel, entityLabel } from "./labels";
import { diffAudit, formatShanghai, type DiffRow } from "./diff";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The audit page's URL search params; a bad value falls back to "no filter". */
export const ZAuditQuery = z.object({
  unit: z.preprocess(one, searchText(60).catch("")).default(""),
  item: z.preprocess(one, searchText(80).catch("")).default(""),
  /** a group key (ACTION_GROUPS) or an exact action */
  action: z.preprocess(one, searchText(60).catch("")).default(""),
  from: z.preprocess(one, z.union([ZDay, z.literal("")]).catch("")).default(""),
  to: z.preprocess(one, z.union([ZDay, z.literal("")]).catch("")).default(""),
  order: z.preprocess(one, z.enum(["desc", "asc"]).catch("desc")).default("desc"),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export type AuditRowView = {
  id: string;
  at: Date;
  actor: string;
  ip: string | null;
  action: string;
  actionLabel: string;
  unitCode: string | null;
  unitName: string | null;
  itemCode: string | null;
  itemName: string | null;
  entity: string;
  reason: string | null;
  changes: DiffRow[];
};

/** Shanghai midnight of a YYYY-MM-DD, as an instant. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

export function auditWhere(q: TAuditQuery): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (q.unit) and.push({ unitCode: q.unit });
  if (q.item) and.push({ itemCode: q.item });
  if (q.action) {
    const group = ACTION_GROUPS.find((g) => g.key === q.action);
    and.push(group ? { OR: group.prefixes.map((p) => ({ action: { startsWith: p } })) } : { action: q.action });
  }
  if (q.from) and.push({ at: { gte: dayStart(q.from) } });
  if (q.to) and.push({ at: { lt: new Date(dayStart(q.to).getTime() + 86_400_000) } });
  return and.length ? { AND: and } : {};
}

const SELECT = { id: true, at: true, actorId: true, actorName: true, ip: true, action: true, entityType: true, entityId: true, unitCode: true, editionId: true, itemCode: true, before: true, after: true, reason: true } as const;
type Row = Prisma.AuditLogGetPayload<{ select: typeof SELECT }>;

async function toViews(rows: Row[]): Promise<AuditRowView[]> {
  const prisma = getPrisma();
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is number => x !== null))];
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true, username: true } }),
    prisma.unit.findMany({ select: { code: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, `${u.displayName}（${u.username}）`]));
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const contexts = new Map<number, AssessmentContext | null>();
  for (const id of new Set(rows.map((r) => r.editionId).filter((x): x is number => x !== null))) contexts.set(id, await getAssessmentContext(id));
  return rows.map((r) => {
    const ctx = r.editionId ? contexts.get(r.editionId) : null;
    const leaf = r.itemCode ? ctx?.compiled.leafByCode.get(r.itemCode) : undefined;
    const itemName = (code: string) => ctx?.compiled.leafByCode.get(code)?.pathNames.slice(-2).join(" · ") ?? code;
    const uName = (code: string) => unitName.get(code) ?? ctx?.compiled.unitByCode.get(code)?.name ?? code;
    return {
      id: r.id.toString(),
      at: r.at,
      actor: (r.actorId !== null ? userName.get(r.actorId) : undefined) ?? r.actorName ?? "系统",
      ip: r.ip,
      action: r.action,
      actionLabel: actionLabel(r.action),
      unitCode: r.unitCode,
      unitName: r.unitCode ? uName(r.unitCode) : null,
      itemCode: r.itemCode,
      itemName: r.itemCode ? itemName(r.itemCode) : null,
      entity: `${entityLabel(r.entityType)}${r.entityId ? ` #${r.entityId}` : ""}`,
      reason: r.reason,
      changes: diffAudit(r.before, r.after, {
        rule: leaf?.source.rule,
        columnName: (code) => leaf?.columns?.find((c) => c.code === code)?.name ?? code,
        preconditions: leaf?.preconditions,
        modifiers: leaf?.source.modifiers,
        unitName: uName,
        itemName,
        partName: (code) => ctx?.compiled.partByCode.get(code)?.name ?? code,
      }),
    };
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(q: TAuditQuery): Promise<{ rows: AuditRowView[]; total: number; page: number; pages: number }> {
  const prisma = getPrisma();
  const where = auditWhere(q);
  const total = await prisma.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = await prisma.auditLog.findMany({ where, orderBy: { id: q.order }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select: SELECT });
  return { rows: await toViews(rows), total, page, pages };
}

/** Units and items to filter by (the current edition's), and the action groups. */
export async function getAuditFilterOptions() {
  const ctx = await getAssessmentContext();
  return {
    units: (ctx?.compiled.units ?? []).map((u) => ({ code: u.code, name: u.name })),
    items: (ctx?.compiled.parts ?? []).flatMap((p) => p.leaves.map((l) => ({ code: l.code, name: l.pathNames.join(" · ") }))),
    groups: ACTION_GROUPS.map((g) => ({ key: g.key, label: g.label })),
  };
}

export const MAX_EXPORT_ROWS = 50_000;

/** The filtered trail as an xlsx (no paging; at most MAX_EXPORT_ROWS rows, oldest first). */
export async function exportAuditXlsx(q: TAuditQuery): Promise<{ file: Buffer; rows: number; truncated: boolean }> {
  const where = auditWhere(q);
  const raw = await getPrisma().auditLog.findMany({ where, orderBy: { id: q.order }, take: MAX_EXPORT_ROWS + 1, select: SELECT });
  const truncated = raw.length > MAX_EXPORT_ROWS;
  const views = await toViews(raw.slice(0, MAX_EXPORT_ROWS));
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  const ws = wb.addWorksheet("审计日志");
  ws.columns = [
    { header: "编号", width: 8 },
    { header: "时间", width: 20 },
    { header: "操作人", width: 20 },
    { header: "IP", width: 16 },
    { header: "操作", width: 16 },
    { header: "单位", width: 16 },
    { header: "指标", width: 28 },
    { header: "变更内容", width: 60 },
    { header: "理由", width: 36 },
    { header: "对象", width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  for (const v of views) {
    const row = ws.addRow([
      Number(v.id),
      formatShanghai(v.at),
      v.actor,
      v.ip ?? "",
      v.actionLabel,
      v.unitName ?? "",
      v.itemName ?? "",
      v.changes.map((c) => `${c.label}：${c.before} → ${c.after}`).join("\n"),
      v.reason ?? "",
      v.entity,
    ]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
  if (truncated) ws.addRow([null, `仅导出前 ${MAX_EXPORT_ROWS} 行，请缩小筛选范围后分批导出`]);
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows: views.length, truncated };
}
