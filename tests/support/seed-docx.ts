// The seed's own text (../shared/seed/sanming-2017-indicators.txt, a Word document saved as
// text) back into a .docx with the `docx` package: paragraphs outside the tables, and the three
// tables (附件1's indicator table, 附件2's 分解表 and 评分表) with one Word paragraph per
// paragraph of each cell. In the text a cell starts with a tab at the start of a line; rows
// are recovered from each table's column count, except the 评分表 whose 一级 cell spans two
// columns in a leaf row (专题专栏, 部门网站建设): there a row ends at its text cell.
import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";

const repoRoot = path.resolve(import.meta.dirname, "../..");
/** The seed lives outside the repo: ../shared/seed beside the checkout (or beside /work/wt for a worktree). */
export const SEED_PATH = [path.resolve(repoRoot, "../shared/seed/sanming-2017-indicators.txt"), path.resolve(repoRoot, "../../shared/seed/sanming-2017-indicators.txt")].find((p) => fs.existsSync(p)) ?? null;
export const SEED_MISSING = "seed document not found at ../shared/seed/sanming-2017-indicators.txt: .docx seed tests skipped";

export type SeedTable = { rows: { cells: string[][]; span?: number }[] };
export type SeedDoc = ({ kind: "paragraph"; text: string } | { kind: "table"; table: SeedTable })[];

/** A cell's text → its paragraphs (blank lines and line breaks both separate them). */
const paragraphs = (cell: string) => cell.split(/\n+/).map((s) => s.trim()).filter(Boolean);

/** Split a table's text into cells: each starts at a tab at the beginning of a line. */
function cellsOf(text: string): string[][] {
  return text
    .split(/^\t/m)
    .slice(1)
    .map((c) => paragraphs(c));
}

const isTextCell = (c: string[]) => /^(栏目|要求|考核要求|考核内容)[：:]/.test(c[0] ?? "");

function rowsByWidth(cells: string[][], width: number): SeedTable["rows"] {
  if (cells.length % width !== 0) throw new Error(`seed table: ${cells.length} cells is not a multiple of ${width}`);
  const rows: SeedTable["rows"] = [];
  for (let i = 0; i < cells.length; i += width) rows.push({ cells: cells.slice(i, i + width) });
  return rows;
}

function rowsEndingAtText(cells: string[][], width: number): SeedTable["rows"] {
  const rows: SeedTable["rows"] = [{ cells: cells.slice(0, width) }]; // header
  let cur: string[][] = [];
  for (const c of cells.slice(width)) {
    cur.push(c);
    if (isTextCell(c)) {
      rows.push(cur.length < width ? { cells: cur, span: width - cur.length + 1 } : { cells: cur });
      cur = [];
    }
  }
  if (cur.length) throw new Error("seed 评分表: trailing cells without a text cell");
  return rows;
}

export function parseSeed(text: string = fs.readFileSync(SEED_PATH ?? "", "utf8")): SeedDoc {
  const part2 = text.indexOf("附件2");
  const decompose = text.indexOf("一、市政府门户网内容保障分解表");
  const scoring = text.indexOf("二、市政府门户网内容保障考核评分表");
  const note = text.indexOf("备注：");
  const table1Start = text.indexOf("\n\t", 0);
  const head1 = text.slice(0, table1Start);
  const nextLineAfter = (i: number) => text.indexOf("\n", i) + 1;
  const out: SeedDoc = [];
  for (const p of paragraphs(head1)) out.push({ kind: "paragraph", text: p });
  out.push({ kind: "table", table: { rows: rowsByWidth(cellsOf(text.slice(table1Start + 1, part2)), 4) } });
  for (const p of paragraphs(text.slice(part2, decompose))) out.push({ kind: "paragraph", text: p });
  out.push({ kind: "paragraph", text: text.slice(decompose, nextLineAfter(decompose)).trim() });
  out.push({ kind: "table", table: { rows: rowsByWidth(cellsOf(text.slice(nextLineAfter(decompose), scoring)), 5) } });
  out.push({ kind: "paragraph", text: text.slice(scoring, nextLineAfter(scoring)).trim() });
  out.push({ kind: "table", table: { rows: rowsEndingAtText(cellsOf(text.slice(nextLineAfter(scoring), note)), 3) } });
  out.push({ kind: "paragraph", text: text.slice(note).trim() });
  return out;
}

/** Write the parsed seed as a Word document (tables with borders, one paragraph per line). */
export async function seedDocx(doc: SeedDoc = parseSeed()): Promise<Buffer> {
  const children = doc.map((b) =>
    b.kind === "paragraph"
      ? new Paragraph(b.text)
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.table.rows.map(
            (r) =>
              new TableRow({
                children: r.cells.map(
                  (c, i) =>
                    new TableCell({
                      children: c.length ? c.map((p) => new Paragraph(p)) : [new Paragraph("")],
                      ...(i === 0 && r.span ? { columnSpan: r.span } : {}),
                    }),
                ),
              }),
          ),
        }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
