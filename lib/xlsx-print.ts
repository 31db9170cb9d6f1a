// Page setup for the workbooks the app writes (exceljs), so they print well from Excel, WPS
// or LibreOffice: A4, as wide as one page, the title rows repeated on every page, a print
// area, the sheet's name in the header and "第 x 页 / 共 y 页" in the footer; and row heights
// estimated from the text, so wrapped cells neither clip nor leave tall empty rows.
import type ExcelJS from "exceljs";

export type PrintOptions = {
  landscape: boolean;
  /** rows repeated at the top of every page, e.g. "3:3" */
  titleRows?: string;
  /** columns repeated at the left of every page, e.g. "A:C" */
  titleCols?: string;
  /** pages across (default 1: the sheet's whole width on one page) */
  pagesWide?: number;
  lastCol: number;
  lastRow: number;
  /** text on the right of the page header (edition, unit, export time) */
  headerRight?: string;
};

/** Header/footer codes: &A sheet name, &P page, &N pages; '&' in text is doubled. */
const escapeHf = (s: string) => s.replace(/&/g, "&&");

export function setupPrint(ws: ExcelJS.Worksheet, o: PrintOptions): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: o.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: o.pagesWide ?? 1,
    fitToHeight: 0, // as many pages down as needed
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    printArea: `A1:${ws.getColumn(o.lastCol).letter}${Math.max(1, o.lastRow)}`,
    ...(o.titleRows ? { printTitlesRow: o.titleRows } : {}),
    ...(o.titleCols ? { printTitlesColumn: o.titleCols } : {}),
  };
  ws.headerFooter = {
    oddHeader: `&L工作表：&A${o.headerRight ? `&R${escapeHf(o.headerRight)}` : ""}`,
    oddFooter: "&C第 &P 页 / 共 &N 页",
  };
}

/** Display width of a text in character units: CJK and full-width characters count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** Lines a text takes in a wrapped cell of the given column width (Excel's width units). */
export function linesIn(text: string, columnWidth: number): number {
  const usable = Math.max(4, columnWidth - 1.5);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Points per line of the 11 pt default font with CJK glyphs, and the cell's padding. */
export const LINE_PT = 15;
export const PAD_PT = 4;

export const heightFor = (lines: number) => Math.max(1, lines) * LINE_PT + PAD_PT;

/** Text of a cell value as shown (numbers, rich text). */
export function shownText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Sets each row's height to fit its wrapped cells (merged cells excluded). */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, lastCol: number): void {
  for (let r = fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged) continue;
      const width = ws.getColumn(c).width ?? 9;
      const text = shownText(cell.value);
      if (!text) continue;
      lines = Math.max(lines, cell.alignment?.wrapText ? linesIn(text, width) : text.split("\n").length);
    }
    row.height = heightFor(lines);
  }
}
