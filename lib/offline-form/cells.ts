// The offline sheet's building blocks, shared by the layout and the rule-type modules'
// sheet rows (lib/rules/types/<type>): one row per thing to fill in, input in column G;
// list rows (deduction events) may use G..K.
export type Col = "G" | "H" | "I" | "J" | "K";
export const INPUT_COLS: Col[] = ["G", "H", "I", "J", "K"];

/** A cell's value after reading (formulas resolved to their result, rich text joined). */
export type Cell = string | number | boolean | Date | null;
export type RowCells = Partial<Record<Col, Cell>>;

export type Parse = "yesno" | "hasEvents" | "text" | "lines" | "decimal" | "int" | "posint" | "date" | "kind";
export type Input = { col: Col; parse: Parse; list?: string[] };
export type FieldDef = { key: string; label: string; inputs: Input[] };

export const YES = "是";
export const NO = "否";
export const YES_NO = [YES, NO];
export const HAS_EVENTS = ["有", "无"];

export const single = (key: string, label: string, parse: Parse, list?: string[]): FieldDef => ({ key, label, inputs: [{ col: "G", parse, list }] });

/** Decimals as numbers when a number shows them exactly, else as text. */
export function decimalCell(d: unknown): Cell {
  if (d === null || d === undefined) return null;
  const s = String(d);
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : s;
}

export const yesNoCell = (b: boolean | undefined): Cell => (b === undefined ? null : b ? YES : NO);

/** Writes one row's cells (payload → sheet). */
export type PutRow = (key: string, cells: RowCells) => void;

/**
 * What a rule-type module reads an item's rows through (sheet → payload): parsed cells,
 * errors located on a cell, and where an engine error path points.
 */
export type SheetReader = {
  fields: FieldDef[];
  has(key: string, col?: Col): boolean;
  anyIn(key: string): boolean;
  get<T>(key: string, col?: Col): T | undefined;
  required(key: string, message: string, col?: Col): void;
  /** an engine error path ("value.monthly[3]") points at this cell */
  at(path: string, key: string, col?: Col): void;
};
