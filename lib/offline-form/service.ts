import "server-only";
// The offline form of one unit: export its items with their current values, and import a
// filled-in copy. An import checks every cell (first as cells, then the item through the
// engine's validateItemFact) and saves nothing unless the whole file is valid; then it
// saves each changed item through saveSelfFact, expecting the version the file was made
// from, so an item changed online since the download is reported as a conflict.
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { getUnitForm, saveSelfFact, type FormItem } from "../assessment/facts";
import { validateItemFact } from "../engine";
import { canonical, fieldsFromKeys, itemFields, payloadToRows, projectPayload, rowsToPayload, type Col, type Payload, type RowCells } from "./layout";
import { buildWorkbook, COLUMN_NAMES, OfflineFormError, readWorkbook, type MetaRow, type SheetItem } from "./workbook";

const READ_ONLY_LEAD = "本项由牵头单位填报，本单位只能查看";

/** Rating items are scored by reviewers: the unit's sheet has no score cell (saveSelfFact refuses one). */
const layoutFor = (f: FormItem) => ({ value: f.item.leaf.rule.type !== "rating" });

function readOnlyReason(f: FormItem): string | null {
  if (!f.item.editable) return READ_ONLY_LEAD;
  if (!f.lock.editable) return f.lock.message;
  return null;
}

export async function exportOfflineForm(editionId: number, unitCode: string, now = new Date()): Promise<{ bytes: Buffer; fileName: string; asciiName: string }> {
  const { ctx, form, unitLock } = await getUnitForm(editionId, unitCode, now);
  if (form.length === 0) throw new UserError("本单位在该考核年度没有需要填报的指标", 404);
  const unitName = ctx.compiled.unitByCode.get(unitCode)?.name ?? unitCode;
  const parts = ctx.compiled.parts.map((p) => ({
    code: p.code,
    name: p.name,
    items: form
      .filter((f) => f.item.leaf.partCode === p.code)
      .map((f): SheetItem => {
        const payload = (f.self?.payload ?? null) as Payload | null;
        return {
          leaf: f.item.leaf,
          fields: itemFields(f.item.leaf, payload, layoutFor(f)),
          cells: payloadToRows(f.item.leaf, payload),
          version: f.self?.version ?? 0,
          readOnly: readOnlyReason(f),
        };
      }),
  }));
  const anyEditable = form.some((f) => readOnlyReason(f) === null);
  const bytes = await buildWorkbook({
    editionId: ctx.id,
    editionName: ctx.name,
    unitCode,
    unitName,
    generatedAt: now,
    notice: anyEditable ? null : unitLock.editable ? READ_ONLY_LEAD : unitLock.message,
    parts,
  });
  return { bytes, fileName: `离线填报表-${unitName}-${ctx.year}.xlsx`, asciiName: `offline-form-${unitCode}-${ctx.year}.xlsx` };
}

export type OfflineIssue = {
  sheet: string;
  row: number;
  column: string;
  columnName: string;
  item: string | null;
  itemName: string | null;
  message: string;
};

export type OfflineImportResult =
  | { status: "invalid"; errors: OfflineIssue[] }
  | {
      status: "done";
      saved: { item: string; name: string; version: number }[];
      unchanged: number;
      conflicts: { item: string; name: string; message: string }[];
    };

type Pending = { f: FormItem; payload: Payload; expectedVersion: number };

export async function importOfflineForm(
  user: SessionUser,
  ip: string,
  target: { editionId: number; unitCode: string },
  bytes: Uint8Array,
  now = new Date(),
): Promise<OfflineImportResult> {
  const wb = await readWorkbook(bytes);
  if (wb.meta.editionId !== target.editionId || wb.meta.unitCode !== target.unitCode) {
    throw new OfflineFormError(`这份离线填报表属于其他单位或其他考核年度（单位代码 ${wb.meta.unitCode || "未知"}），请下载本单位本年度的离线填报表后填写。`);
  }
  const { ctx, form, unitLock } = await getUnitForm(target.editionId, target.unitCode, now);
  if (!form.some((f) => readOnlyReason(f) === null)) throw new UserError(unitLock.editable ? READ_ONLY_LEAD : unitLock.message, 423);
  const byCode = new Map(form.map((f) => [f.item.leaf.code, f]));

  const rowsByItem = new Map<string, MetaRow[]>();
  for (const r of wb.meta.rows) rowsByItem.set(r.item, [...(rowsByItem.get(r.item) ?? []), r]);

  const issues: OfflineIssue[] = [];
  const pending: Pending[] = [];
  let unchanged = 0;
  const issue = (m: MetaRow, col: string, message: string, f?: FormItem) =>
    issues.push({ sheet: m.sheet, row: m.row, column: col, columnName: COLUMN_NAMES[col] ?? col, item: m.item || null, itemName: f?.item.leaf.name ?? null, message });

  // the layout first: a moved or edited row would put values under the wrong item
  for (const m of wb.meta.rows) {
    const shown = wb.label(m.sheet, m.row);
    if (shown !== m.label) issue(m, "F", `表格结构已被改动：此处应为“${m.label}”，实际为“${shown ?? "（工作表缺失）"}”。请重新下载离线填报表后填写。`);
  }
  if (issues.length > 0) return { status: "invalid", errors: issues };

  for (const [code, metaRows] of rowsByItem) {
    const f = byCode.get(code);
    if (!f) {
      issue(metaRows[0], "C", `本单位在该考核年度不负责指标“${code}”，表格可能已被改动，请重新下载。`);
      continue;
    }
    const leaf = f.item.leaf;
    const { fields, unknown } = fieldsFromKeys(leaf, metaRows.map((m) => m.field), layoutFor(f));
    if (unknown.length > 0) {
      issue(metaRows[0], "F", `无法识别的填报项，表格可能已被改动，请重新下载。`, f);
      continue;
    }
    const metaByKey = new Map(metaRows.map((m) => [m.field, m]));
    const rows = new Map<string, RowCells>(metaRows.map((m) => [m.field, wb.cells(m.sheet, m.row)]));
    const built = rowsToPayload(leaf, fields, rows);
    if (built.payload === null) continue; // left blank: keep what is stored
    const current = projectPayload(leaf, (f.self?.payload ?? null) as Payload | null, layoutFor(f));
    const changed = canonical(built.payload) !== canonical(current);
    if (!changed && built.errors.length === 0) {
      unchanged++;
      continue;
    }
    const readOnly = readOnlyReason(f);
    if (readOnly) {
      if (changed) issue(metaRows[0], "G", `本项当前不可修改（${readOnly}），请恢复原内容或清空本项`, f);
      continue;
    }
    const at = (ref: { key: string; col: Col }) => metaByKey.get(ref.key) ?? metaRows[0];
    if (built.errors.length > 0) {
      for (const e of built.errors) issue(at(e), e.col, e.message, f);
      continue;
    }
    const checked = validateItemFact(ctx.compiled, { ...built.payload, unit: f.item.factUnit, item: code, source: "self" }, "fact");
    if (checked.errors.length > 0) {
      const specific = checked.errors.filter((e) => e.path !== "fact.value");
      const seen = new Set<string>();
      for (const e of specific.length > 0 ? specific : checked.errors) {
        const ref = built.cellFor(e.path.replace(/^fact\.?/, ""));
        const m = at(ref);
        const key = `${m.sheet}\u0000${m.row}\u0000${ref.col}`;
        if (seen.has(key)) continue; // one message per cell
        seen.add(key);
        issue(m, ref.col, e.message, f);
      }
      continue;
    }
    pending.push({ f, payload: built.payload, expectedVersion: metaRows[0].version });
  }

  if (issues.length > 0) {
    const order = new Map(wb.meta.rows.map((m, i) => [`${m.sheet}\u0000${m.row}`, i]));
    issues.sort((a, b) => (order.get(`${a.sheet}\u0000${a.row}`) ?? 0) - (order.get(`${b.sheet}\u0000${b.row}`) ?? 0) || a.column.localeCompare(b.column));
    return { status: "invalid", errors: issues };
  }

  const saved: { item: string; name: string; version: number }[] = [];
  const conflicts: { item: string; name: string; message: string }[] = [];
  for (const p of pending) {
    const item = p.f.item.leaf.code;
    const name = p.f.item.leaf.name;
    try {
      const r = await saveSelfFact(user, ip, { editionId: ctx.id, unitCode: target.unitCode, itemCode: item, payload: p.payload, expectedVersion: p.expectedVersion }, now);
      if (r.status === "saved") saved.push({ item, name, version: r.version });
      else conflicts.push({ item, name, message: `下载离线填报表后，本项已被${r.current.updatedBy ?? "他人"}在系统中修改，未保存。请核对后在系统中修改，或重新下载离线填报表。` });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      conflicts.push({ item, name, message: e.message });
    }
  }
  return { status: "done", saved, unchanged, conflicts };
}
