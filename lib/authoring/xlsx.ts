// The edition as an Excel workbook laid out like the seed's tables, for the office to edit
// in Excel or WPS: a 版本 sheet (edition and its parts), one sheet per part with the seed's
// columns (考核内容 / 考核要求 / 考核说明 / 评分标准 / 考核方式 / 责任单位) plus the code,
// parent, points and the rule as JSON, the website 分解表 and the units. Import reads it
// back (after lib/xlsx/guard.ts), reports every bad row in Chinese and returns nothing to
// save unless the whole edition passes the rules validator.
import ExcelJS from "exceljs";
import { z } from "zod";
import { setupPrint } from "../xlsx-print";
import { ZMethod, type TColumn, type TEdition, type TIndicator, type TPart, type TPoints, type TResponsible } from "../rules/schema";
import { checkXlsxArchive, XlsxRejected } from "../xlsx/guard";
import { checkEditionData } from "./schema";

export const PART_HEADERS = ["指标代码", "上级代码", "层级", "指标名称", "分值", "考核内容", "考核要求", "考核说明", "评分标准", "考核方式", "责任单位", "责任单位原文", "计分规则（JSON）", "其他设置（JSON）"] as const;
export const COLUMN_HEADERS = ["部分代码", "栏目代码", "上级代码", "层级", "栏目名称", "保障内容", "责任单位", "责任单位原文", "其他设置（JSON）"] as const;
export const UNIT_HEADERS = ["单位代码", "单位名称", "类别", "别名"] as const;
const GROUP_LABELS = { department: "市直部门", county: "县（市、区）", city: "全市" } as const;
const ROLE_LABELS = { lead: "牵头", cooperate: "配合" } as const;
const SHEET_META = "版本";
const SHEET_COLUMNS = "网站栏目分解表";
const SHEET_UNITS = "单位";
const SHEET_COLLECTIVES = "集合单位";

/** "indicators[0].children[2]" → ["indicators", 0, "children", 2] (as lib/rules/load.ts, without its file-system imports) */
function parseIssuePath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

// ---------------------------------------------------------------- cells

export function responsibleToCell(list: TResponsible[] | undefined): string {
  return (list ?? []).map((r) => `${r.unit}（${ROLE_LABELS[r.role]}${r.inferred ? "，推定" : ""}${r.note ? `：${r.note}` : ""}）`).join("\n");
}

export function responsibleFromCell(cell: string): { ok: true; value: TResponsible[] | undefined } | { ok: false; message: string } {
  const lines = cell.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return { ok: true, value: undefined };
  const out: TResponsible[] = [];
  for (const line of lines) {
    const m = /^(.+?)[（(](牵头|配合)(，推定)?(?:[：:]([\s\S]*))?[）)]$/.exec(line);
    if (!m) return { ok: false, message: `责任单位“${line}”应写成“单位名称（牵头）”或“单位名称（配合）”，每行一个单位` };
    out.push({ unit: m[1].trim(), role: m[2] === "牵头" ? "lead" : "cooperate", inferred: Boolean(m[3]), ...(m[4] !== undefined ? { note: m[4] } : {}) });
  }
  return { ok: true, value: out };
}

/** Points keep their spelling: "0.5" as text, 4 as a number; a decimal typed in Excel becomes text. */
function pointsFromCell(v: unknown): TPoints | null {
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return Number.isInteger(v) ? v : String(v);
  if (typeof v === "string" && /^\d+(\.\d+)?$/.test(v.trim())) return v.trim();
  return null;
}

function cellValue(c: ExcelJS.Cell): unknown {
  const v = c.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return v.result;
    if ("text" in v) return v.text;
    return undefined;
  }
  return v;
}
function text(c: ExcelJS.Cell): string | undefined {
  const v = cellValue(c);
  if (v === undefined) return undefined;
  const s = String(v);
  return s === "" ? undefined : s;
}

// ---------------------------------------------------------------- export

type Json = Record<string, unknown>;
const rest = (o: Json, keys: string[]): Json | undefined => {
  const r = Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));
  return Object.keys(r).length ? r : undefined;
};
const INDICATOR_CELL_KEYS = ["code", "name", "max", "text", "methods", "responsible", "responsibleText", "rule", "children"];
const COLUMN_CELL_KEYS = ["code", "name", "content", "responsible", "responsibleText", "children"];

function styleHeader(ws: ExcelJS.Worksheet, widths: number[]) {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

/** Sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 28) || "部分";
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}${i}`;
  used.add(n);
  return n;
}

export async function exportEditionXlsx(e: TEdition): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  const used = new Set([SHEET_META, SHEET_COLUMNS, SHEET_UNITS, SHEET_COLLECTIVES]);
  const partSheets = e.parts.map((p) => sheetName(p.name, used));

  const meta = wb.addWorksheet(SHEET_META);
  meta.addRow(["项目", "内容"]);
  meta.addRow(["版本代码", e.id]);
  meta.addRow(["版本名称", e.name]);
  meta.addRow(["年度", e.year]);
  meta.addRow(["来源", e.source ?? ""]);
  meta.addRow(["其他设置（JSON）", JSON.stringify(rest(e as unknown as Json, ["id", "name", "year", "source", "parts", "units", "collectives"]) ?? {})]);
  meta.addRow([]);
  meta.addRow(["部分代码", "部分名称", "工作表", "其他设置（JSON）"]).font = { bold: true };
  e.parts.forEach((p, i) => meta.addRow([p.code, p.name, partSheets[i], JSON.stringify(rest(p as unknown as Json, ["code", "name", "indicators", "columns"]) ?? {})]));
  styleHeader(meta, [18, 40, 20, 60]);

  e.parts.forEach((p, i) => {
    const ws = wb.addWorksheet(partSheets[i]);
    ws.addRow([...PART_HEADERS]);
    const walk = (nodes: TIndicator[], parent: string | null, level: number) => {
      for (const n of nodes) {
        const row = ws.addRow([
          n.code,
          parent ?? "",
          level,
          n.name,
          n.max,
          n.text?.content ?? "",
          n.text?.requirement ?? "",
          n.text?.explanation ?? "",
          n.text?.scoring ?? "",
          (n.methods ?? []).join("、"),
          responsibleToCell(n.responsible),
          n.responsibleText ?? "",
          n.rule ? JSON.stringify(n.rule) : "",
          JSON.stringify(rest(n as unknown as Json, INDICATOR_CELL_KEYS) ?? {}),
        ]);
        row.alignment = { vertical: "top", wrapText: true };
        row.getCell(4).alignment = { vertical: "top", wrapText: true, indent: level - 1 };
        if (n.children?.length) walk(n.children, n.code, level + 1);
      }
    };
    walk(p.indicators, null, 1);
    styleHeader(ws, [18, 14, 6, 24, 8, 30, 30, 30, 30, 12, 24, 20, 30, 20]);
    setupPrint(ws, { landscape: true, titleRows: "1:1", lastCol: PART_HEADERS.length, lastRow: ws.rowCount, headerRight: e.name });
  });

  const cols = wb.addWorksheet(SHEET_COLUMNS);
  cols.addRow([...COLUMN_HEADERS]);
  for (const p of e.parts) {
    const walk = (nodes: TColumn[], parent: string | null, level: number) => {
      for (const c of nodes) {
        cols.addRow([p.code, c.code, parent ?? "", level, c.name, c.content ?? "", responsibleToCell(c.responsible), c.responsibleText ?? "", JSON.stringify(rest(c as unknown as Json, COLUMN_CELL_KEYS) ?? {})]).alignment = { vertical: "top", wrapText: true };
        if (c.children?.length) walk(c.children, c.code, level + 1);
      }
    };
    walk(p.columns ?? [], null, 1);
  }
  styleHeader(cols, [10, 18, 14, 6, 24, 40, 30, 20, 20]);
  setupPrint(cols, { landscape: true, titleRows: "1:1", lastCol: COLUMN_HEADERS.length, lastRow: cols.rowCount, headerRight: e.name });

  const units = wb.addWorksheet(SHEET_UNITS);
  units.addRow([...UNIT_HEADERS]);
  for (const u of e.units) units.addRow([u.code, u.name, GROUP_LABELS[u.group], u.aliases.join("、")]);
  styleHeader(units, [20, 24, 14, 40]);
  setupPrint(units, { landscape: false, titleRows: "1:1", lastCol: UNIT_HEADERS.length, lastRow: units.rowCount, headerRight: e.name });

  const coll = wb.addWorksheet(SHEET_COLLECTIVES);
  coll.addRow(["集合名称", "类别"]);
  for (const c of e.collectives) coll.addRow([c.name, GROUP_LABELS[c.group]]);
  styleHeader(coll, [30, 14]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- import

export type SheetIssue = { sheet: string; row?: number; column?: string; message: string };
export type XlsxImport = { ok: true; edition: TEdition } | { ok: false; errors: SheetIssue[] };

const groupOf = (label: string | undefined) => (Object.entries(GROUP_LABELS).find(([, l]) => l === label)?.[0] ?? (label && label in GROUP_LABELS ? label : undefined)) as keyof typeof GROUP_LABELS | undefined;

function parseJsonCell(s: string | undefined, where: Omit<SheetIssue, "message">, errors: SheetIssue[]): Json | undefined {
  if (!s || !s.trim()) return undefined;
  try {
    const v = JSON.parse(s);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Json;
  } catch {
    /* reported below */
  }
  errors.push({ ...where, message: "不是有效的 JSON 对象（应以 { 开头、} 结尾，键名用英文双引号）" });
  return undefined;
}

function headerCheck(ws: ExcelJS.Worksheet, headers: readonly string[], errors: SheetIssue[]): boolean {
  const got = headers.map((_, i) => text(ws.getRow(1).getCell(i + 1)) ?? "");
  const bad = headers.findIndex((h, i) => got[i] !== h);
  if (bad >= 0) {
    errors.push({ sheet: ws.name, row: 1, column: headers[bad], message: `表头第${bad + 1}列应为“${headers[bad]}”（收到“${got[bad]}”）；请使用本系统导出的模板，不要增删或移动列` });
    return false;
  }
  return true;
}

/** Read a workbook written by exportEditionXlsx (and edited by hand). Nothing is saved here. */
export async function importEditionXlsx(bytes: Uint8Array): Promise<XlsxImport> {
  try {
    await checkXlsxArchive(bytes);
  } catch (e) {
    if (e instanceof XlsxRejected) return { ok: false, errors: [{ sheet: "（文件）", message: e.message }] };
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ sheet: "（文件）", message: "无法读取该 Excel 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传" }] };
  }
  const errors: SheetIssue[] = [];
  const need = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) errors.push({ sheet: name, message: `缺少工作表“${name}”` });
    return ws;
  };
  const meta = need(SHEET_META);
  const colSheet = need(SHEET_COLUMNS);
  const unitSheet = need(SHEET_UNITS);
  const collSheet = need(SHEET_COLLECTIVES);
  if (!meta || !colSheet || !unitSheet || !collSheet) return { ok: false, errors };

  // 版本
  const kv = new Map<string, ExcelJS.Cell>();
  for (let r = 2; r <= 6; r++) kv.set(text(meta.getRow(r).getCell(1)) ?? "", meta.getRow(r).getCell(2));
  const yearV = cellValue(kv.get("年度") ?? meta.getCell("B4"));
  const year = typeof yearV === "number" ? yearV : Number(yearV);
  const editionExtra = parseJsonCell(text(kv.get("其他设置（JSON）") ?? meta.getCell("B6")), { sheet: SHEET_META, row: 6, column: "内容" }, errors) ?? {};
  const parts: { part: TPart; sheet: string }[] = [];
  for (let r = 9; r <= meta.rowCount; r++) {
    const row = meta.getRow(r);
    const code = text(row.getCell(1));
    if (!code) continue;
    const extra = parseJsonCell(text(row.getCell(4)), { sheet: SHEET_META, row: r, column: "其他设置（JSON）" }, errors) ?? {};
    parts.push({ part: { ...(extra as object), code, name: text(row.getCell(2)) ?? "", indicators: [] } as unknown as TPart, sheet: text(row.getCell(3)) ?? "" });
  }
  if (parts.length === 0) errors.push({ sheet: SHEET_META, row: 9, message: "没有列出任何考核部分（第9行起：部分代码、部分名称、工作表）" });

  // where each code was read from, to put the validator's findings on rows
  const rowOf = new Map<string, { sheet: string; row: number }>();

  for (const entry of parts) {
    const ws = wb.getWorksheet(entry.sheet);
    if (!ws) {
      errors.push({ sheet: SHEET_META, message: `部分“${entry.part.name}”的工作表“${entry.sheet}”不存在` });
      continue;
    }
    if (!headerCheck(ws, PART_HEADERS, errors)) continue;
    const byCode = new Map<string, TIndicator>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const at = (column: string) => ({ sheet: ws.name, row: r, column });
      const cells = PART_HEADERS.map((_, i) => row.getCell(i + 1));
      const code = text(cells[0])?.trim();
      if (!code) {
        if (cells.some((c) => text(c))) errors.push({ ...at("指标代码"), message: "这一行有内容但没有指标代码" });
        continue;
      }
      if (rowOf.has(code)) {
        errors.push({ ...at("指标代码"), message: `指标代码“${code}”重复（已在${rowOf.get(code)!.sheet}第${rowOf.get(code)!.row}行）` });
        continue;
      }
      rowOf.set(code, { sheet: ws.name, row: r });
      const max = pointsFromCell(cellValue(cells[4]));
      if (max === null) errors.push({ ...at("分值"), message: `分值应为非负数，如 4 或 0.5（收到“${text(cells[4]) ?? "空"}”）` });
      const methods = (text(cells[9]) ?? "").split(/[、,，\s]+/).filter(Boolean);
      const badMethod = methods.find((m) => !ZMethod.safeParse(m).success);
      if (badMethod) errors.push({ ...at("考核方式"), message: `考核方式“${badMethod}”不认识，可选：自评上报、网上核查、现场检查、在线监测、日常监察` });
      const resp = responsibleFromCell(text(cells[10]) ?? "");
      if (!resp.ok) errors.push({ ...at("责任单位"), message: resp.message });
      const rule = parseJsonCell(text(cells[12]), at("计分规则（JSON）"), errors);
      const extra = parseJsonCell(text(cells[13]), at("其他设置（JSON）"), errors) ?? {};
      const t = { content: text(cells[5]), requirement: text(cells[6]), explanation: text(cells[7]), scoring: text(cells[8]) };
      const node: TIndicator = {
        code,
        name: text(cells[3]) ?? "",
        max: max ?? 0,
        ...(Object.values(t).some((v) => v !== undefined) ? { text: Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) } : {}),
        ...(methods.length ? { methods: methods as TIndicator["methods"] } : {}),
        ...(resp.ok && resp.value ? { responsible: resp.value } : {}),
        ...(text(cells[11]) !== undefined ? { responsibleText: text(cells[11]) } : {}),
        ...extra,
        ...(rule ? { rule: rule as TIndicator["rule"] } : {}),
      };
      const parent = text(cells[1])?.trim();
      if (parent) {
        const p = byCode.get(parent);
        if (!p) {
          errors.push({ ...at("上级代码"), message: `上级代码“${parent}”在本表此行之前没有出现（上级指标须写在下级之前）` });
          continue;
        }
        (p.children ??= []).push(node);
      } else entry.part.indicators.push(node);
      byCode.set(code, node);
    }
  }

  // 分解表
  if (headerCheck(colSheet, COLUMN_HEADERS, errors)) {
    const byCode = new Map<string, TColumn>();
    for (let r = 2; r <= colSheet.rowCount; r++) {
      const row = colSheet.getRow(r);
      const cells = COLUMN_HEADERS.map((_, i) => row.getCell(i + 1));
      const at = (column: string) => ({ sheet: colSheet.name, row: r, column });
      const code = text(cells[1])?.trim();
      if (!code) {
        if (cells.some((c) => text(c))) errors.push({ ...at("栏目代码"), message: "这一行有内容但没有栏目代码" });
        continue;
      }
      const part = parts.find((p) => p.part.code === text(cells[0]));
      if (!part) {
        errors.push({ ...at("部分代码"), message: `部分代码“${text(cells[0]) ?? ""}”不在“版本”表列出的部分中` });
        continue;
      }
      const resp = responsibleFromCell(text(cells[6]) ?? "");
      if (!resp.ok) errors.push({ ...at("责任单位"), message: resp.message });
      const extra = parseJsonCell(text(cells[8]), at("其他设置（JSON）"), errors) ?? {};
      const node: TColumn = {
        code,
        name: text(cells[4]) ?? "",
        ...(text(cells[5]) !== undefined ? { content: text(cells[5]) } : {}),
        ...(resp.ok && resp.value ? { responsible: resp.value } : {}),
        ...(text(cells[7]) !== undefined ? { responsibleText: text(cells[7]) } : {}),
        ...extra,
      };
      rowOf.set(`column:${code}`, { sheet: colSheet.name, row: r });
      const parent = text(cells[2])?.trim();
      if (parent) {
        const p = byCode.get(parent);
        if (!p) {
          errors.push({ ...at("上级代码"), message: `上级栏目“${parent}”在此行之前没有出现` });
          continue;
        }
        (p.children ??= []).push(node);
      } else (part.part.columns ??= []).push(node);
      byCode.set(code, node);
    }
  }

  // 单位
  const units: TEdition["units"] = [];
  if (headerCheck(unitSheet, UNIT_HEADERS, errors)) {
    for (let r = 2; r <= unitSheet.rowCount; r++) {
      const row = unitSheet.getRow(r);
      const code = text(row.getCell(1))?.trim();
      if (!code) continue;
      const group = groupOf(text(row.getCell(3)));
      if (!group) errors.push({ sheet: unitSheet.name, row: r, column: "类别", message: "类别应为 市直部门、县（市、区） 或 全市" });
      units.push({ code, name: text(row.getCell(2)) ?? "", group: group ?? "department", aliases: (text(row.getCell(4)) ?? "").split("、").map((s) => s.trim()).filter(Boolean) });
      rowOf.set(`unit:${code}`, { sheet: unitSheet.name, row: r });
    }
  }
  const collectives: TEdition["collectives"] = [];
  for (let r = 2; r <= collSheet.rowCount; r++) {
    const name = text(collSheet.getRow(r).getCell(1))?.trim();
    if (!name) continue;
    const group = groupOf(text(collSheet.getRow(r).getCell(2)));
    if (!group) errors.push({ sheet: collSheet.name, row: r, column: "类别", message: "类别应为 市直部门、县（市、区） 或 全市" });
    collectives.push({ name, group: group ?? "department" });
  }
  if (errors.length) return { ok: false, errors };

  const raw = {
    ...editionExtra,
    id: text(kv.get("版本代码") ?? meta.getCell("B2")) ?? "",
    name: text(kv.get("版本名称") ?? meta.getCell("B3")) ?? "",
    year,
    ...(text(kv.get("来源") ?? meta.getCell("B5")) ? { source: text(kv.get("来源") ?? meta.getCell("B5")) } : {}),
    parts: parts.map((p) => p.part),
    units,
    collectives,
  };
  const check = checkEditionData(raw);
  if (check.ok) return { ok: true, edition: check.edition };
  return { ok: false, errors: check.errors.map((i) => locate(raw as unknown as TEdition, parts.map((p) => p.sheet), i, rowOf)) };
}

/** A validator issue (file + path) → the sheet and row the offending code was read from. */
function locate(e: TEdition, partSheets: string[], issue: { file: string; path: string; message: string }, rowOf: Map<string, { sheet: string; row: number }>): SheetIssue {
  const segs = parseIssuePath(issue.path);
  let node: unknown;
  let hit: { sheet: string; row: number } | undefined;
  const partIndex = /^part(\d+)\.yaml$/.exec(issue.file);
  if (partIndex) {
    node = e.parts[Number(partIndex[1]) - 1];
    hit = { sheet: partSheets[Number(partIndex[1]) - 1] ?? SHEET_META, row: 0 };
    let inColumns = false;
    for (const s of segs) {
      if (s === "columns") inColumns = true;
      node = (node as Record<string | number, unknown> | undefined)?.[s];
      const code = (node as { code?: unknown } | undefined)?.code;
      if (typeof code === "string") hit = rowOf.get(inColumns ? `column:${code}` : code) ?? hit;
    }
  } else if (issue.file === "units.yaml") {
    const u = segs[0] === "units" && typeof segs[1] === "number" ? e.units[segs[1]] : undefined;
    hit = u ? rowOf.get(`unit:${u.code}`) : { sheet: segs[0] === "collectives" ? SHEET_COLLECTIVES : SHEET_UNITS, row: 0 };
  } else hit = { sheet: SHEET_META, row: 0 };
  return { sheet: hit?.sheet ?? SHEET_META, ...(hit?.row ? { row: hit.row } : {}), message: `${issue.message}${issue.path ? `（${issue.path}）` : ""}` };
}

export function formatSheetIssue(i: SheetIssue): string {
  return `工作表“${i.sheet}”${i.row ? `第${i.row}行` : ""}${i.column ? `“${i.column}”列` : ""}：${i.message}`;
}

export const ZSheetIssue = z.object({ sheet: z.string(), row: z.number().optional(), column: z.string().optional(), message: z.string() });
