// Reads the seed document (../shared/seed/sanming-2017-indicators.txt, outside the repo)
// so tests can compare the edition's data with the source text itself.
// The seed is a Word table exported to text: a line starting with a tab begins a new cell,
// any other line (blank lines included) continues the cell before it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const seedPath = path.resolve(repoRoot, "../shared/seed/sanming-2017-indicators.txt");
export const SEED_MISSING = `seed document not found at ${seedPath}: seed comparisons skipped`;

export function readSeed(): string | null {
  return fs.existsSync(seedPath) ? fs.readFileSync(seedPath, "utf8") : null;
}

/** Text with all whitespace removed: the seed wraps cells across lines at arbitrary points. */
export const squash = (s: string) => s.replace(/\s+/g, "");

/** Cells of the table that follows `startMarker` (up to `endMarker`), trimmed. */
export function tableCells(seed: string, startMarker: string, endMarker?: string): string[] {
  const start = seed.indexOf(startMarker);
  if (start < 0) throw new Error(`marker not in seed: ${startMarker}`);
  const end = endMarker ? seed.indexOf(endMarker, start) : seed.length;
  const cells: string[] = [];
  for (const line of seed.slice(start, end).split("\n").slice(1)) {
    if (line.startsWith("\t")) cells.push(line.slice(1));
    else if (cells.length > 0) cells[cells.length - 1] += `\n${line}`;
  }
  return cells.map((c) => c.trim());
}

export type BreakdownRow = { l1: string; l2: string; l3: string; content: string; units: string };

/** Data rows of 内容保障分解表 (five cells each; the header row dropped). */
export function breakdownRows(seed: string): BreakdownRow[] {
  const cells = tableCells(seed, "一、市政府门户网内容保障分解表", "二、市政府门户网内容保障考核评分表");
  if (cells.length % 5 !== 0) throw new Error(`分解表 has ${cells.length} cells, not a multiple of 5`);
  const rows: BreakdownRow[] = [];
  for (let i = 5; i < cells.length; i += 5) {
    const [l1, l2, l3, content, units] = cells.slice(i, i + 5);
    rows.push({ l1, l2, l3, content, units });
  }
  return rows;
}

/** Rows of 附件1's table: 一级, 二级, text, 责任（牵头）单位 (header dropped). */
export function part1Rows(seed: string): { l1: string; l2: string; text: string; units: string }[] {
  const cells = tableCells(seed, "2017年度三明市电子政务绩效考核指标（综合应用部分）", "附件2");
  const rows = [];
  for (let i = 4; i < cells.length; i += 4) {
    const [l1, l2, text, units] = cells.slice(i, i + 4);
    rows.push({ l1, l2, text, units });
  }
  return rows;
}
