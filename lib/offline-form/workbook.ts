// The offline form as an xlsx: writing it (one protected sheet per part, input cells
// unlocked, drop-down lists, current values filled in, a very hidden "_meta" sheet that maps
// rows to item codes) and reading an uploaded one back into cells. No database here.
import ExcelJS from "exceljs";
import { checkXlsxArchive, XlsxRejected } from "../xlsx/guard";
import type { CompiledLeaf } from "../engine/compile";
import { describeRule } from "../rules/describe";
import { fitRowHeights, heightFor, linesIn, setupPrint } from "../xlsx-print";
import { INPUT_COLS, type Cell, type Col, type FieldDef, type RowCells } from "./layout";

export const FORMAT = "egov-offline-form/1";
export const META_SHEET = "_meta";
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MAX_OFFLINE_FORM_BYTES = 5 * 1024 * 1024;

const FIRST_DATA_ROW = 4;
export const COLUMN_NAMES: Record<string, string> = {
  A: "一级指标",
  B: "二级指标",
  C: "指标",
  D: "分值",
  E: "计分规则",
  F: "填报项",
  G: "填报内容",
  H: "次数（扣分事项）",
  I: "日期（扣分事项）",
  J: "整改日期（扣分事项）",
  K: "说明（扣分事项）",
};
const WIDTHS = [14, 18, 22, 7, 44, 34, 30, 10, 14, 14, 22];

export type SheetItem = {
  leaf: CompiledLeaf;
  fields: FieldDef[];
  cells: Map<string, RowCells>;
  /** version of the unit's stored fact at download time (0: none); the upload expects it */
  version: number;
  /** null: editable; else why not (shown in the sheet, inputs stay locked) */
  readOnly: string | null;
};

export type WorkbookInput = {
  editionId: number;
  editionName: string;
  unitCode: string;
  unitName: string;
  generatedAt: Date;
  notice: string | null;
  parts: { code: string; name: string; items: SheetItem[] }[];
};

export type MetaRow = { sheet: string; row: number; item: string; field: string; label: string; version: number; editable: boolean };
export type Meta = { format: string; editionId: number; unitCode: string; generatedAt: string; rows: MetaRow[] };

const shanghai = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 28) || "Sheet";
  let n = base;
  for (let i = 2; taken.has(n) || n === META_SHEET; i++) n = `${base}${i}`;
  taken.add(n);
  return n;
}

const THIN = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const INPUT_FILL = fill("FFFFFFFF");
const LOCKED_FILL = fill("FFF2F2F2");
const HEADER_FILL = fill("FFD6E4F5");

/** A drop-down list: inline when it fits Excel's 255-character formula, else a range on _lists. */
function listFormula(options: string[], lists: ExcelJS.Worksheet, cache: Map<string, string>): string {
  const inline = options.join(",");
  if (inline.length <= 250 && !options.some((o) => /[,"]/.test(o))) return `"${inline}"`;
  const key = JSON.stringify(options);
  let ref = cache.get(key);
  if (!ref) {
    const col = cache.size + 1;
    options.forEach((o, i) => (lists.getCell(i + 1, col).value = o));
    const letter = lists.getColumn(col).letter;
    ref = `'${lists.name}'!$${letter}$1:$${letter}$${options.length}`;
    cache.set(key, ref);
  }
  return ref;
}

/** Rows of one item as tall as their text: each field row fits its own cells (F–K), and
 *  together they fit the item's merged name and rule text (C, E). */
function fitItemRows(ws: ExcelJS.Worksheet, first: number, last: number) {
  for (let r = first; r <= last; r++) for (const col of [6, 7, 8, 9, 10, 11]) ws.getCell(r, col).alignment = { ...ws.getCell(r, col).alignment, wrapText: true, vertical: "top" };
  fitRowHeights(ws, first, last, WIDTHS.length);
  const merged = Math.max(...[3, 5].map((col) => linesIn(String(ws.getCell(first, col).value ?? ""), WIDTHS[col - 1])));
  let have = 0;
  for (let r = first; r <= last; r++) have += ws.getRow(r).height;
  const missing = heightFor(merged) - have;
  if (missing > 0) for (let r = first; r <= last; r++) ws.getRow(r).height += missing / (last - first + 1);
}

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  wb.created = input.generatedAt;
  const taken = new Set<string>();
  const metaRows: MetaRow[] = [];
  const sheets = input.parts.filter((p) => p.items.length > 0).map((p) => ({ part: p, ws: wb.addWorksheet(sheetName(p.name, taken)) }));
  const lists = wb.addWorksheet("_lists", { state: "veryHidden" });
  const listCache = new Map<string, string>();

  for (const { part, ws } of sheets) {
    ws.columns = WIDTHS.map((width) => ({ width }));
    ws.views = [{ state: "frozen", ySplit: FIRST_DATA_ROW - 1 }];
    ws.mergeCells("A1:K1");
    ws.getCell("A1").value = `${input.editionName} · ${part.name} · 离线填报表 · ${input.unitName}`;
    ws.getCell("A1").font = { bold: true, size: 14 };
    ws.mergeCells("A2:K2");
    ws.getCell("A2").value = [
      input.notice ? `当前不可填报：${input.notice}。` : "",
      "白色单元格为填写区，其余单元格受保护。“是/否”“有/无”和扣分类型请从下拉列表选择；日期填 YYYY-MM-DD；一格只填一个值。",
      "上传后系统逐格检查：任何一处有误都不会保存，并列出每处错误的位置。留空的指标保持系统中原有内容不变。",
      `导出时间：${shanghai(input.generatedAt)}（北京时间）。请勿增删行列或修改表结构。`,
    ].join("");
    ws.getCell("A2").alignment = { wrapText: true, vertical: "top" };
    ws.getRow(1).height = 22;
    ws.getRow(2).height = heightFor(linesIn(String(ws.getCell("A2").value), WIDTHS.reduce((a, b) => a + b, 0)));
    const header = ws.getRow(3);
    Object.entries(COLUMN_NAMES).forEach(([col, name]) => {
      const c = header.getCell(col);
      c.value = name;
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = BORDER;
      c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    });

    let row = FIRST_DATA_ROW;
    const groupStart: [number, number] = [row, row];
    const groupKey: [string, string] = ["", ""];
    const closeGroup = (level: 0 | 1, end: number) => {
      if (end > groupStart[level]) ws.mergeCells(groupStart[level], level + 1, end, level + 1);
    };
    for (const item of part.items) {
      const { leaf } = item;
      const top = leaf.pathNames[0];
      const second = leaf.pathNames[1] ?? leaf.name;
      const keys: [string, string] = [top, `${top}\u0000${second}`];
      for (const level of [0, 1] as const) {
        if (keys[level] !== groupKey[level]) {
          if (groupKey[level]) closeGroup(level, row - 1);
          groupKey[level] = keys[level];
          groupStart[level] = row;
          ws.getCell(row, level + 1).value = level === 0 ? top : second;
        }
      }
      const first = row;
      ws.getCell(row, 3).value = leaf.pathNames.length >= 3 ? leaf.pathNames.slice(2).join(" / ") : leaf.name;
      ws.getCell(row, 4).value = Number(leaf.max.valueOf());
      ws.getCell(row, 5).value = (item.readOnly ? `【${item.readOnly}】` : "") + describeRule(leaf.source);
      for (const f of item.fields) {
        const r = ws.getRow(row);
        r.getCell("F").value = f.label;
        const values = item.cells.get(f.key) ?? {};
        for (const col of INPUT_COLS) {
          const c = r.getCell(col);
          const input = f.inputs.find((i) => i.col === col);
          c.border = BORDER;
          if (!input) {
            c.fill = LOCKED_FILL;
            continue;
          }
          const v = values[col];
          if (v !== undefined && v !== null) c.value = v;
          if (input.parse === "date" || input.parse === "text" || input.parse === "lines" || input.parse === "kind") c.numFmt = "@";
          if (input.parse === "lines") c.alignment = { wrapText: true, vertical: "top" };
          if (item.readOnly) {
            c.fill = LOCKED_FILL;
          } else {
            c.fill = INPUT_FILL;
            c.protection = { locked: false };
          }
          if (input.list) {
            c.dataValidation = {
              type: "list",
              allowBlank: true,
              formulae: [listFormula(input.list, lists, listCache)],
              showErrorMessage: true,
              errorTitle: "请从列表中选择",
              error: `可选：${input.list.join("、")}`,
            };
          } else if (input.parse === "decimal" || input.parse === "int" || input.parse === "posint") {
            c.dataValidation = {
              type: input.parse === "decimal" ? "decimal" : "whole",
              operator: "greaterThanOrEqual",
              allowBlank: true,
              formulae: [input.parse === "posint" ? 1 : 0],
              showErrorMessage: true,
              errorTitle: "请输入数字",
              error: input.parse === "decimal" ? "应为不小于 0 的数字" : input.parse === "posint" ? "应为正整数" : "应为不小于 0 的整数",
            };
          }
        }
        metaRows.push({ sheet: ws.name, row, item: leaf.code, field: f.key, label: f.label, version: item.version, editable: !item.readOnly });
        row++;
      }
      const last = row - 1;
      for (const col of [3, 4, 5]) {
        if (last > first) ws.mergeCells(first, col, last, col);
        ws.getCell(first, col).alignment = { vertical: "top", wrapText: true };
      }
      for (let r = first; r <= last; r++) for (let col = 1; col <= 6; col++) ws.getCell(r, col).border = BORDER;
      fitItemRows(ws, first, last);
    }
    closeGroup(0, row - 1);
    closeGroup(1, row - 1);
    for (let r = FIRST_DATA_ROW; r < row; r++) {
      for (const col of [1, 2]) ws.getCell(r, col).alignment = { vertical: "top", wrapText: true };
      ws.getCell(r, 6).alignment = { wrapText: true, vertical: "top" };
    }
    setupPrint(ws, { landscape: true, titleRows: "3:3", lastCol: WIDTHS.length, lastRow: row - 1, headerRight: `${input.unitName}　导出时间：${shanghai(input.generatedAt)}` });
    // no password: protection guards against slips, the server checks every cell anyway
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRows([
    ["format", FORMAT],
    ["editionId", input.editionId],
    ["unitCode", input.unitCode],
    ["generatedAt", input.generatedAt.toISOString()],
    [],
    ["sheet", "row", "item", "field", "label", "version", "editable"],
    ...metaRows.map((m) => [m.sheet, m.row, m.item, m.field, m.label, m.version, m.editable ? 1 : 0]),
  ]);
  await meta.protect("", {});
  await lists.protect("", {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading ------------------------------------------------------------------------

/** A refusal of the whole file, with a message for the user. */
export class OfflineFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OfflineFormError";
  }
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return cellValue(v.result as ExcelJS.CellValue);
    if ("formula" in v || "sharedFormula" in v) return null;
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

const text = (v: ExcelJS.CellValue | undefined) => {
  const c = cellValue(v);
  return c === null ? "" : c instanceof Date ? c.toISOString() : String(c).trim();
};

export type ReadWorkbook = {
  meta: Meta;
  /** the input cells of a row */
  cells: (sheet: string, row: number) => RowCells;
  /** the 填报项 label the row shows now */
  label: (sheet: string, row: number) => string | null;
};

const CORRUPT = "文件已损坏或不完整，无法读取。请重新下载离线填报表，填写后保存为 .xlsx 再上传。";

export async function readWorkbook(bytes: Uint8Array): Promise<ReadWorkbook> {
  if (!isZip(bytes)) throw new OfflineFormError("只能上传 Excel 工作簿（.xlsx）。如使用 WPS 或旧版 Excel，请“另存为”.xlsx 格式后再上传。");
  try {
    await checkXlsxArchive(bytes); // before exceljs unpacks anything: size, entries, ratio
  } catch (e) {
    if (e instanceof XlsxRejected) throw new OfflineFormError(e.reason === "corrupt" ? CORRUPT : e.message);
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new OfflineFormError(CORRUPT);
  }
  const metaWs = wb.getWorksheet(META_SHEET);
  if (!metaWs || text(metaWs.getCell("B1").value) !== FORMAT) {
    throw new OfflineFormError("这不是本系统导出的离线填报表（或版本不符）。请在系统中下载离线填报表，在其中填写后上传。");
  }
  const rows: MetaRow[] = [];
  for (let r = 7; r <= metaWs.rowCount; r++) {
    const row = metaWs.getRow(r);
    const sheet = text(row.getCell(1).value);
    if (!sheet) continue;
    rows.push({
      sheet,
      row: Number(cellValue(row.getCell(2).value)),
      item: text(row.getCell(3).value),
      field: text(row.getCell(4).value),
      label: text(row.getCell(5).value),
      version: Number(cellValue(row.getCell(6).value) ?? 0),
      editable: Number(cellValue(row.getCell(7).value)) === 1,
    });
  }
  const meta: Meta = {
    format: FORMAT,
    editionId: Number(cellValue(metaWs.getCell("B2").value)),
    unitCode: text(metaWs.getCell("B3").value),
    generatedAt: text(metaWs.getCell("B4").value),
    rows,
  };
  return {
    meta,
    cells: (sheet, row) => {
      const ws = wb.getWorksheet(sheet);
      const out: RowCells = {};
      if (!ws) return out;
      for (const col of INPUT_COLS) out[col as Col] = cellValue(ws.getCell(`${col}${row}`).value);
      return out;
    },
    label: (sheet, row) => {
      const ws = wb.getWorksheet(sheet);
      return ws ? text(ws.getCell(`F${row}`).value) : null;
    },
  };
}
