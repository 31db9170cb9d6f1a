// The office's own Word document (a table like the seed's) into a draft's parts: the
// indicator tables (一级/二级… names with their points, 考核内容/要求/说明/办法/分值计算,
// 责任单位 — as separate columns or as one cell of labelled paragraphs), the website
// 分解表 (一级/二级/三级 栏目, 保障内容说明, 责任单位) and the 评分表 that follows it.
// Read with mammoth (→ HTML tables, merged cells as rowspan/colspan). Prose cannot give
// everything the rules need: every cell that could not be mapped is returned with the reason,
// for the editor to fix. The draft keeps its own units, collectives and edition settings; an
// item whose name path and points match the draft's current item keeps that item's code and
// rule. Nothing is saved here: the caller saves through saveDraft, which validates again.
import mammoth from "mammoth";
import { parse, type HTMLElement, type Node } from "node-html-parser";
import { buildUnitIndex, resolveUnitRef, type UnitIndex } from "../rules/resolve";
import { ZMethod, type TColumn, type TEdition, type TIndicator, type TPart, type TPoints, type TResponsible } from "../rules/schema";
import { checkXlsxArchive, XlsxRejected } from "../xlsx/guard";
import { checkEditionData } from "./schema";

/** One cell the import could not map (or mapped by a guess the editor should confirm). */
export type DocxCell = { table: string; row: number; column: string; text: string; reason: string };
export type DocxImport =
  | { ok: true; edition: TEdition; unmapped: DocxCell[] }
  | { ok: false; errors: DocxCell[]; unmapped: DocxCell[] };

// ---------------------------------------------------------------- reading the document

type Cell = { paragraphs: string[]; /** a copy filling a merged cell's other grid positions */ spanned: boolean };
export type DocxBlock = { kind: "paragraph"; text: string } | { kind: "table"; rows: Cell[][] };

const squash = (s: string) => s.replace(/\s+/g, "");

function cellParagraphs(td: HTMLElement): string[] {
  const ps = td.querySelectorAll("p");
  const texts = (ps.length ? ps.map((p) => p.text) : [td.text]).map((t) => t.replace(/\u00a0/g, " ").trim());
  return texts.filter(Boolean);
}

/** A table's rows as a full grid: a merged cell's text fills every position it covers. */
function tableGrid(table: HTMLElement): Cell[][] {
  const trs: HTMLElement[] = [];
  const collect = (n: HTMLElement) => {
    for (const c of n.childNodes as HTMLElement[]) {
      if (c.rawTagName === "tr") trs.push(c);
      else if (c.rawTagName === "thead" || c.rawTagName === "tbody") collect(c);
    }
  };
  collect(table);
  const grid: Cell[][] = [];
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const td of (tr.childNodes as HTMLElement[]).filter((c) => c.rawTagName === "td" || c.rawTagName === "th")) {
      while (grid[r][col]) col++;
      const rs = Math.max(1, Number(td.getAttribute("rowspan") ?? 1) || 1);
      const cs = Math.max(1, Number(td.getAttribute("colspan") ?? 1) || 1);
      const paragraphs = cellParagraphs(td);
      for (let i = 0; i < rs; i++) {
        for (let j = 0; j < cs; j++) {
          grid[r + i] ??= [];
          grid[r + i][col + j] = { paragraphs, spanned: i > 0 || j > 0 };
        }
      }
      col += cs;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { paragraphs: [], spanned: false }));
}

/** The document's top-level paragraphs and tables, in order. */
export async function readDocxBlocks(bytes: Uint8Array): Promise<DocxBlock[]> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const root = parse(value);
  const out: DocxBlock[] = [];
  const visit = (nodes: Node[]) => {
    for (const n of nodes as HTMLElement[]) {
      if (n.rawTagName === "table") out.push({ kind: "table", rows: tableGrid(n) });
      else if (n.rawTagName && /^(p|h[1-6])$/.test(n.rawTagName)) {
        const t = n.text.trim();
        if (t) out.push({ kind: "paragraph", text: t });
      } else if (n.rawTagName && n.childNodes.length) visit(n.childNodes);
    }
  };
  visit(root.childNodes);
  return out;
}

// ---------------------------------------------------------------- tables → outline

type Field = "content" | "requirement" | "explanation" | "scoring" | "methods" | "responsible" | "combined";
type Layout = { kind: "indicators" | "columns"; header: number; levels: number[]; fields: Map<number, Field>; headers: string[] };

const LABELS: [RegExp, Exclude<Field, "combined" | "responsible"> | "columns"][] = [
  [/^考核内容$/, "content"],
  [/^(考核)?栏目$/, "columns"],
  [/^(考核)?要求$/, "requirement"],
  [/^考核说明$/, "explanation"],
  [/^考核(办法|方法|方式)$/, "methods"],
  [/^(分值计算|计算|评分标准|计分标准|计分方法)$/, "scoring"],
];

function fieldOfHeader(h: string, kind: Layout["kind"]): Field | undefined {
  if (/责任/.test(h)) return "responsible";
  if (/保障内容/.test(h)) return "content";
  if (/[、和]/.test(h) && /(内容|要求|栏目|计算|办法)/.test(h)) return "combined";
  if (kind === "indicators") {
    for (const [re, f] of LABELS) if (re.test(h) && f !== "columns") return f;
  }
  return undefined;
}

function layoutOf(rows: Cell[][]): Layout | null {
  for (let r = 0; r < Math.min(rows.length, 3); r++) {
    const headers = rows[r].map((c) => squash(c.paragraphs.join("")));
    const levels = headers.map((h, i) => (/^[一二三四五]级/.test(h) ? i : -1)).filter((i) => i >= 0);
    if (levels.length === 0) continue;
    const kind = headers.some((h) => /保障内容/.test(h)) ? "columns" : headers.some((h) => /(考核|评分|分值|计算)/.test(h)) ? "indicators" : null;
    if (!kind) return null;
    const fields = new Map<number, Field>();
    headers.forEach((h, i) => {
      const f = levels.includes(i) ? undefined : fieldOfHeader(h, kind);
      if (f) fields.set(i, f);
    });
    return { kind, header: r, levels, fields, headers };
  }
  return null;
}

const POINTS_RE = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[）)]$/;
/** "公共平台建设情况(20)" → name + points; a name wrapped over paragraphs is joined. */
function splitPoints(raw: string): { name: string; max?: TPoints } {
  const s = squash(raw);
  const m = POINTS_RE.exec(s);
  if (!m) return { name: s };
  const n = m[1];
  return { name: s.slice(0, m.index), max: /\./.test(n) ? n : Number(n) };
}

type Row = { index: number; names: (string | null)[]; fields: Map<Field, string[]>; other: { column: string; text: string }[] };

type OutlineNode = { name: string; max?: TPoints; level: number; row: number; children: OutlineNode[]; fields?: Map<Field, string[]>; splitFrom?: boolean };

// ---------------------------------------------------------------- responsible cells

const CIRCLED = /^[①②③④⑤⑥⑦⑧⑨⑩]/;

/** Split on 、 and commas outside parentheses (“各县（市、区）” stays whole). */
function splitNames(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;。\s]/.test(ch)) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

type RespResult = { list: TResponsible[]; unknown: string[] };

/**
 * A 责任单位 cell → units with 牵头/配合 (reading R20: no marker → every unit leads; a cell
 * that marks 牵头 makes the others cooperate). Each paragraph or clause ("…牵头汇总，…配合报送")
 * is read on its own; a paragraph that names nothing is joined to the one before ("各县（市、区）"
 * + "政府" wrapped in Word).
 */
export function parseResponsibleCell(paragraphs: string[], index: UnitIndex): RespResult {
  const known = (s: string) => resolveUnitRef(index, s) !== null;
  const paras: string[] = [];
  for (const p of paragraphs.map(squash).filter(Boolean)) {
    const prev = paras[paras.length - 1];
    if (prev !== undefined && !known(p) && !/[，,；;、]/.test(p) && known(prev + p)) paras[paras.length - 1] = prev + p;
    else paras.push(p);
  }
  const clauses = paras.flatMap((p) => p.split(/[，,；;。]/)).filter(Boolean);
  const anyLead = clauses.some((c) => /牵头/.test(c));
  const found: { name: string; role: TResponsible["role"] }[] = [];
  const unknown: string[] = [];
  for (const clause0 of clauses) {
    const clause = clause0.replace(CIRCLED, "").replace(/^由/, "");
    // "市水利局（牵头）": the marker names one unit; "…牵头汇总": the whole clause leads
    const marked = clause.replace(/[（(]牵头[）)]/g, "\u0001");
    const verb = /(牵头|配合|负责|报送|汇总)/.exec(marked);
    const clauseRole: TResponsible["role"] = verb?.[1] === "配合" ? "cooperate" : verb?.[1] === "牵头" || !anyLead ? "lead" : "cooperate";
    const namesPart = verb ? marked.slice(0, verb.index) : marked;
    for (const raw of splitNames(namesPart)) {
      const lead = raw.includes("\u0001");
      const name = raw.replace(/\u0001/g, "");
      if (!name) continue;
      const role = lead ? "lead" : clauseRole;
      const ref = known(name) ? name : known(`市${name}`) ? `市${name}` : null;
      if (ref === null) unknown.push(name);
      else found.push({ name, role });
    }
  }
  const byUnit = new Map<string, { name: string; role: TResponsible["role"] }>();
  for (const f of found) {
    const key = (resolveUnitRef(index, f.name) ?? resolveUnitRef(index, `市${f.name}`) ?? []).join(",");
    const prev = byUnit.get(key);
    if (!prev || (prev.role === "cooperate" && f.role === "lead")) byUnit.set(key, f);
  }
  const list = [...byUnit.values()].map((f) => ({ unit: resolveUnitRef(index, f.name) ? f.name : `市${f.name}`, role: f.role, inferred: false }));
  return { list, unknown };
}

// ---------------------------------------------------------------- labelled paragraphs

type Texts = { content?: string; requirement?: string; explanation?: string; scoring?: string; methods?: string; columns?: string };

/** "考核内容：…" / "分值计算：" + following paragraphs → fields; text before any label is returned apart. */
function splitLabelled(paragraphs: string[]): { texts: Texts; unlabelled: string[] } {
  const texts: Texts = {};
  const unlabelled: string[] = [];
  let cur: keyof Texts | null = null;
  for (const p of paragraphs) {
    const m = /^([^：:]{1,8})[：:]\s*([\s\S]*)$/.exec(p);
    const hit = m ? LABELS.find(([re]) => re.test(m[1].trim())) : undefined;
    if (m && hit) {
      cur = hit[1];
      const rest = m[2].trim();
      texts[cur] = texts[cur] !== undefined ? [texts[cur], rest].filter(Boolean).join("\n") : rest;
    } else if (cur) texts[cur] = [texts[cur], p].filter(Boolean).join("\n");
    else unlabelled.push(p);
  }
  for (const k of Object.keys(texts) as (keyof Texts)[]) if (!texts[k]) delete texts[k];
  return { texts, unlabelled };
}

// ---------------------------------------------------------------- import

type PartDraft = { title?: string; indicators?: { table: string; nodes: OutlineNode[] }; columns?: { table: string; nodes: OutlineNode[] }; note?: string };

function tableLabel(kind: Layout["kind"], title: string | undefined, n: number): string {
  return title ? `${title}` : kind === "columns" ? `第${n}个表格（分解表）` : `第${n}个表格`;
}

/** Rows under the header → an outline of named nodes (blank name = continuation of the row above). */
function outline(rows: Cell[][], layout: Layout, table: string, unmapped: DocxCell[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  let lastLeaf: OutlineNode | undefined;
  const headerKey = layout.headers.join("|");
  for (let r = layout.header + 1; r < rows.length; r++) {
    const cells = rows[r];
    const rowNo = r + 1;
    if (cells.map((c) => squash(c.paragraphs.join(""))).join("|") === headerKey) continue; // header repeated on a new page
    const names = layout.levels.map((i, k) => {
      const c = cells[i];
      // a cell merged down (rowspan) or across from the level before (colspan) is no new name
      if (!c || c.spanned || c.paragraphs.length === 0) return null;
      if (k > 0 && cells[layout.levels[k - 1]]?.paragraphs === c.paragraphs) return null;
      return c.paragraphs.join("");
    });
    const fields = new Map<Field, string[]>();
    const other: Row["other"] = [];
    cells.forEach((c, i) => {
      if (layout.levels.includes(i) || c.paragraphs.length === 0) return;
      const f = layout.fields.get(i);
      if (c.spanned && f !== "responsible" && f !== "content") return;
      if (f) fields.set(f, c.paragraphs);
      else other.push({ column: layout.headers[i] || `第${i + 1}列`, text: c.paragraphs.join("\n") });
    });
    for (const o of other) unmapped.push({ table, row: rowNo, column: o.column, text: o.text, reason: "这一列的表头不是可识别的列（考核内容、考核要求、考核说明、评分标准/分值计算、考核方式、责任单位、保障内容说明），内容未导入" });
    let deepest = -1;
    names.forEach((n, k) => (n !== null ? (deepest = k) : undefined));
    if (deepest < 0) {
      if (fields.size === 0) continue;
      // no name at any level but content of its own: the previous leaf is split in parts, each
      // named after its unit (the seed's 项目实施进展 rows)
      if (!lastLeaf) {
        unmapped.push({ table, row: rowNo, column: layout.headers[layout.levels[0]], text: [...fields.values()].flat().join("\n"), reason: "这一行没有指标或栏目名称，前面也没有可归属的行，内容未导入" });
        continue;
      }
      if (!lastLeaf.children[0]?.splitFrom) {
        const first: OutlineNode = { ...lastLeaf, children: [], level: lastLeaf.level + 1, splitFrom: true };
        lastLeaf.fields = undefined;
        lastLeaf.children = [first];
      }
      const parent = lastLeaf;
      const part: OutlineNode = { name: parent.name, level: parent.level + 1, row: rowNo, children: [], fields, splitFrom: true };
      parent.children.push(part);
      continue;
    }
    let ok = true;
    for (let k = 0; k <= deepest; k++) {
      const raw = names[k];
      if (raw === null) {
        if (!stack[k]) {
          unmapped.push({ table, row: rowNo, column: layout.headers[layout.levels[k]], text: "", reason: "上级名称为空，且前面没有可沿用的上级，这一行未导入" });
          ok = false;
          break;
        }
        continue;
      }
      const { name, max } = splitPoints(raw);
      const siblings = k === 0 ? roots : stack[k - 1].children;
      const same = k < deepest ? siblings.find((s) => s.name === name) : undefined;
      const node = same ?? { name, max, level: k + 1, row: rowNo, children: [] };
      if (!same) siblings.push(node);
      stack[k] = node;
      stack.length = k + 1;
    }
    if (!ok) continue;
    const leaf = stack[deepest];
    if (fields.size) leaf.fields = fields;
    lastLeaf = leaf;
  }
  return roots;
}

const textOf = (v: string[] | undefined) => (v && v.length ? v.join("\n") : undefined);

type Ctx = {
  base: TEdition;
  index: UnitIndex;
  unmapped: DocxCell[];
  usedCodes: Set<string>;
  /** where each generated code came from, to put validator findings on rows */
  rowOf: Map<string, { table: string; row: number }>;
};

function uniqueCode(ctx: Ctx, wanted: string): string {
  let c = wanted;
  for (let i = 2; ctx.usedCodes.has(c); i++) c = `${wanted}-${i}`;
  ctx.usedCodes.add(c);
  return c;
}

function indexByPath<T extends { name: string; children?: T[] }>(nodes: T[], prefix = "", out = new Map<string, T>()): Map<string, T> {
  for (const n of nodes) {
    const p = `${prefix}/${n.name}`;
    out.set(p, n);
    if (n.children) indexByPath(n.children, p, out);
  }
  return out;
}

const RESP_COLUMN = "责任单位";

function responsibleOf(ctx: Ctx, cell: string[] | undefined, table: string, row: number): { list?: TResponsible[]; text?: string } {
  if (!cell || cell.length === 0) return {};
  const r = parseResponsibleCell(cell, ctx.index);
  for (const u of r.unknown) {
    ctx.unmapped.push({ table, row, column: RESP_COLUMN, text: u, reason: `“${u}”不是本版本单位表中的单位名称、别名或集合名称（如 市直各部门），未列为责任单位；请在单位表中添加，或改写为已有名称` });
  }
  return { list: r.list.length ? r.list : undefined, text: cell.join("\n") };
}

/** The 分解表 outline → columns; blank cells inherit from the row above within a 二级 (R16). */
function buildColumns(ctx: Ctx, nodes: OutlineNode[], table: string, partCode: string, baseCols: TColumn[]): TColumn[] {
  const byPath = indexByPath(baseCols);
  const fallback = ctx.base.collectives.find((c) => c.group === "department")?.name;
  let prevLeaf: { col: TColumn; parent: OutlineNode | null } | undefined;
  const build = (n: OutlineNode, path: string, parent: OutlineNode | null, codePath: string): TColumn => {
    const leaf = n.children.length === 0;
    const resp = leaf ? responsibleOf(ctx, n.fields?.get("responsible"), table, n.row) : {};
    // a split row is named after its unit (项目实施进展（市发改委）), before looking it up in the draft
    const name = n.splitFrom && resp.list?.[0] ? `${n.name}（${resp.list[0].unit}）` : n.name;
    const p = `${path}/${name}`;
    const prior = byPath.get(p);
    const code = uniqueCode(ctx, prior && !ctx.usedCodes.has(prior.code) ? prior.code : `${partCode}.c${codePath}`);
    ctx.rowOf.set(`column:${code}`, { table, row: n.row });
    if (!leaf) {
      return { code, name, children: n.children.map((c, i) => build(c, p, n, `${codePath}.${i + 1}`)) };
    }
    let col: TColumn = { code, name, ...(textOf(n.fields?.get("content")) ? { content: textOf(n.fields?.get("content")) } : {}), ...(resp.text ? { responsibleText: resp.text } : {}), ...(resp.list ? { responsible: resp.list } : {}) };
    // blank content / units: the row above within the same 二级 (a merged cell in Word)
    const sameGroup = prevLeaf && parent && prevLeaf.parent === parent && n.level >= 3;
    const inherited: ("content" | "responsible")[] = [];
    if (sameGroup && prevLeaf) {
      if (col.content === undefined && prevLeaf.col.content !== undefined) {
        col = { ...col, content: prevLeaf.col.content };
        inherited.push("content");
      }
      if (!col.responsible && prevLeaf.col.responsible) {
        col = { ...col, responsible: prevLeaf.col.responsible, ...(prevLeaf.col.responsibleText ? { responsibleText: prevLeaf.col.responsibleText } : {}) };
        inherited.push("responsible");
      }
      if (inherited.length) {
        const { code: c, name: nm, ...restCol } = col;
        col = { code: c, name: nm, inheritedFrom: prevLeaf.col.inheritedFrom ?? prevLeaf.col.code, inherited, ...restCol };
      }
    }
    if (!col.responsible && prior?.responsible?.length && !prior.children?.length) {
      // a blank cell the draft has already decided (e.g. a reading recorded for it): keep its units
      col.responsible = prior.responsible;
    } else if (!col.responsible) {
      if (fallback) {
        col.responsible = [{ unit: fallback, role: "lead", inferred: true, note: "导入时推定：原表责任单位为空，且上一行属于另一个栏目" }];
        ctx.unmapped.push({ table, row: n.row, column: RESP_COLUMN, text: "", reason: `栏目“${n.name}”的责任单位为空，且上一行属于另一个二级栏目，无法沿用；已推定为“${fallback}”，请确认` });
      } else {
        ctx.unmapped.push({ table, row: n.row, column: RESP_COLUMN, text: "", reason: `栏目“${n.name}”没有责任单位` });
      }
    }
    prevLeaf = { col, parent };
    return col;
  };
  return nodes.map((n, i) => build(n, "", null, `${i + 1}`));
}

function* walkColumns(cols: TColumn[]): Generator<TColumn> {
  for (const c of cols) {
    yield c;
    if (c.children) yield* walkColumns(c.children);
  }
}

const LEAF_KEYS = ["rule", "scope", "rollupToCity", "preconditions", "modifiers", "applicability", "allowNotApplicable", "columns", "readings"] as const;

function buildIndicators(ctx: Ctx, nodes: OutlineNode[], table: string, part: { code: string; columns: TColumn[] }, baseInds: TIndicator[]): TIndicator[] {
  const byPath = indexByPath(baseInds);
  const columnByName = new Map<string, string>();
  for (const c of walkColumns(part.columns)) if (!columnByName.has(c.name)) columnByName.set(c.name, c.code);
  const build = (n: OutlineNode, path: string, codePath: string): TIndicator => {
    const p = `${path}/${n.name}`;
    const prior = byPath.get(p);
    const code = uniqueCode(ctx, prior && !ctx.usedCodes.has(prior.code) ? prior.code : `${part.code}.${codePath}`);
    ctx.rowOf.set(code, { table, row: n.row });
    const f = n.fields ?? new Map<Field, string[]>();
    const texts: Texts = {};
    if (f.has("combined")) {
      const s = splitLabelled(f.get("combined")!);
      Object.assign(texts, s.texts);
      if (s.unlabelled.length) ctx.unmapped.push({ table, row: n.row, column: "考核内容、要求、办法和分值计算", text: s.unlabelled.join("\n"), reason: "段落前没有“考核内容：”“考核要求：”“考核说明：”“考核办法：”“分值计算：”等标签，无法判断归属，未导入" });
    }
    for (const k of ["content", "requirement", "explanation", "scoring", "methods"] as const) if (f.has(k)) texts[k] = textOf(f.get(k));
    let max = n.max;
    if (max === undefined) {
      max = prior?.max ?? 0;
      ctx.unmapped.push({ table, row: n.row, column: "指标名称", text: n.name, reason: `名称后没有写分值（如“数据中心整合（10）”），${prior ? `沿用草稿原有分值 ${prior.max}` : "暂记 0 分"}，请核对` });
    }
    const methods: TIndicator["methods"] = [];
    if (texts.methods) {
      for (const m of texts.methods.split(/[、，,；;。\s和及]+/).filter(Boolean)) {
        if (ZMethod.safeParse(m).success) methods.push(m as (typeof methods)[number]);
        else ctx.unmapped.push({ table, row: n.row, column: "考核方式", text: m, reason: "不是可选的考核方式（自评上报、网上核查、现场检查、在线监测、日常监察），未导入" });
      }
    }
    const resp = responsibleOf(ctx, f.get("responsible"), table, n.row);
    const text = Object.fromEntries(
      (["content", "requirement", "explanation", "scoring"] as const).map((k) => [k, k === "content" ? (texts.content ?? texts.columns) : texts[k]]).filter(([, v]) => v !== undefined),
    );
    const node: TIndicator = {
      code,
      name: n.name,
      max,
      ...(Object.keys(text).length ? { text } : {}),
      ...(methods.length ? { methods: [...new Set(methods)] } : {}),
      ...(resp.list ? { responsible: resp.list } : {}),
      ...(resp.text ? { responsibleText: resp.text } : {}),
    };
    if (n.children.length) {
      node.children = n.children.map((c, i) => build(c, p, `${codePath}.${i + 1}`));
      if (prior?.aggregate) node.aggregate = prior.aggregate;
      if (prior?.readings && !prior.rule) node.readings = prior.readings;
      return node;
    }
    // leaf: the draft's own rule when the same item has the same points; otherwise a placeholder
    if (prior && !prior.children?.length && prior.rule && String(prior.max) === String(max)) {
      for (const k of LEAF_KEYS) if (prior[k] !== undefined) (node as Record<string, unknown>)[k] = prior[k];
      if (!node.responsible && prior.responsible) node.responsible = prior.responsible;
      if (prior.columns) node.columns = prior.columns.filter((c) => [...walkColumns(part.columns)].some((x) => x.code === c));
      if (node.columns?.length === 0 && node.applicability === "columns") delete node.applicability;
      return node;
    }
    node.rule = { type: "rating", max };
    ctx.unmapped.push({ table, row: n.row, column: "评分标准", text: texts.scoring ?? "", reason: `文字无法确定计分规则的类型和参数，已暂设为“评审打分（0–${max}分）”；请在编辑器中选择规则类型并填写参数` });
    if (part.columns.length) {
      // 评分表: a scoring item assesses the 分解表 columns it names (栏目：…) or the column of its own name
      const named = texts.columns ? splitNames(texts.columns.replace(/等[^、，,]*$/, "")) : [];
      const codes: string[] = [];
      for (const name of named) {
        const c = columnByName.get(name);
        if (c) codes.push(c);
        else ctx.unmapped.push({ table, row: n.row, column: "栏目", text: name, reason: `分解表中没有名为“${name}”的栏目，未据此确定考核对象` });
      }
      if (codes.length === 0 && columnByName.has(n.name)) codes.push(columnByName.get(n.name)!);
      if (codes.length) {
        node.columns = [...new Set(codes)];
        node.applicability = "columns";
      } else if (!node.responsible) {
        node.applicability = "all-departments";
        ctx.unmapped.push({ table, row: n.row, column: "指标名称", text: n.name, reason: "评分项没有对应的分解表栏目，也没有责任单位；暂按全部市直部门考核，请指定栏目或考核对象" });
      }
    }
    return node;
  };
  return nodes.map((n, i) => build(n, "", `${i + 1}`));
}

const DOCX_REJECTED: Record<XlsxRejected["reason"], string> = {
  "not-zip": "只能上传 Word 文档（.docx）。如是 .doc 或 WPS 格式，请“另存为”.docx 后再上传。",
  corrupt: "文件已损坏或不是有效的 Word（.docx）文件，请用 Word 或 WPS 打开检查后重新保存再上传。",
  "too-many-entries": "文件内容过大或结构异常，系统拒绝读取。",
  "too-large": "文件内容过大：解压后超过 50 MB，或压缩比异常，系统拒绝读取。",
  ratio: "文件内容过大：解压后超过 50 MB，或压缩比异常，系统拒绝读取。",
};

const fileError = (reason: string): DocxImport => ({ ok: false, errors: [{ table: "（文件）", row: 0, column: "", text: "", reason }], unmapped: [] });

/**
 * Read a .docx laid out like the seed's tables into a copy of `base` whose parts come from
 * the document. `base` gives what a Word table does not: the edition's id, year, units,
 * collectives and settings, and (by name path) the codes and rules of items that stay.
 */
export async function importEditionDocx(bytes: Uint8Array, base: TEdition): Promise<DocxImport> {
  try {
    await checkXlsxArchive(bytes);
  } catch (e) {
    if (e instanceof XlsxRejected) return fileError(DOCX_REJECTED[e.reason]);
    throw e;
  }
  let blocks: DocxBlock[];
  try {
    blocks = await readDocxBlocks(bytes);
  } catch {
    return fileError("无法读取该 Word 文件，请用 Word 或 WPS 打开后另存为 .docx 再上传");
  }
  const unmapped: DocxCell[] = [];
  const drafts: PartDraft[] = [];
  let title: string | undefined;
  let partTitle: string | undefined;
  let n = 0;
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      if (/^备注[：:]/.test(b.text) && drafts.length) drafts[drafts.length - 1].note = b.text;
      else {
        title = b.text;
        // "2017年度…考核指标（综合应用部分）": the part's name is the last parenthesis
        const m = /[（(]([^（）()]+部分)[）)]\s*$/.exec(b.text);
        if (m) partTitle = m[1];
      }
      continue;
    }
    n++;
    const layout = layoutOf(b.rows);
    const label = tableLabel(layout?.kind ?? "indicators", title, n);
    if (!layout) {
      if (b.rows.some((r) => r.some((c) => c.paragraphs.length))) {
        unmapped.push({ table: label, row: 1, column: "", text: b.rows[0].map((c) => c.paragraphs.join("")).join(" | "), reason: "无法识别的表格：表头应有“一级指标”“二级指标”等层级列，以及考核内容/评分标准或保障内容说明等列；整张表未导入" });
      }
      continue;
    }
    const nodes = outline(b.rows, layout, label, unmapped);
    const cur = drafts[drafts.length - 1];
    if (layout.kind === "columns") drafts.push({ title: partTitle, columns: { table: label, nodes } });
    else if (cur && cur.columns && !cur.indicators) cur.indicators = { table: label, nodes };
    else drafts.push({ title: partTitle, indicators: { table: label, nodes } });
    title = undefined;
    partTitle = undefined;
  }
  const usable = drafts.filter((d) => d.indicators?.nodes.length);
  for (const d of drafts.filter((x) => !x.indicators?.nodes.length)) {
    unmapped.push({ table: d.columns?.table ?? d.indicators?.table ?? "（文件）", row: 0, column: "", text: "", reason: "这个分解表后面没有考核评分表（或评分表没有任何指标行），未导入" });
  }
  if (usable.length === 0) {
    return { ok: false, errors: [{ table: "（文件）", row: 0, column: "", text: "", reason: "文档中没有找到考核指标表：表头应有“一级指标”“二级指标”和“考核内容”或“评分标准”等列" }], unmapped };
  }

  const ctx: Ctx = { base, index: buildUnitIndex(base.units, base.collectives), unmapped, usedCodes: new Set(), rowOf: new Map() };
  const parts: TPart[] = usable.map((d, i) => {
    const prior = base.parts[i];
    const code = prior?.code ?? `p${i + 1}`;
    const columns = d.columns ? buildColumns(ctx, d.columns.nodes, d.columns.table, code, prior?.columns ?? []) : [];
    const indicators = buildIndicators(ctx, d.indicators!.nodes, d.indicators!.table, { code, columns }, prior?.indicators ?? []);
    return {
      code,
      name: d.title ?? prior?.name ?? `第${i + 1}部分`,
      weight: prior?.weight ?? 1,
      allowPostPenalty: prior?.allowPostPenalty ?? false,
      ...(d.note ? { note: d.note } : prior?.note ? { note: prior.note } : {}),
      ...(prior?.readings ? { readings: prior.readings } : {}),
      indicators,
      ...(columns.length ? { columns } : {}),
    };
  });
  const edition: TEdition = { ...structuredClone(base), parts };
  let check = checkEditionData(edition);
  // the draft's 工作日期限 and 监测 settings name items by code: those the new tree lacks are
  // dropped (and listed), not guessed
  const settings = !check.ok && check.errors.filter((i) => i.file === "edition.yaml" && /^(deadlines|monitoring)/.test(i.path));
  if (settings && settings.length) {
    const badDeadlines = new Set(settings.flatMap((i) => (/^deadlines\[(\d+)\]/.exec(i.path) ? [Number(/^deadlines\[(\d+)\]/.exec(i.path)![1])] : [])));
    for (const i of badDeadlines) {
      const d = edition.deadlines![i];
      unmapped.push({ table: "（版本设置）", row: 0, column: "工作日期限", text: d.item, reason: `导入后没有指标“${d.item}”（或其计分规则不再适用），该工作日期限设置已删除；如仍需要，请在编辑器中重新设置` });
    }
    if (badDeadlines.size) edition.deadlines = edition.deadlines!.filter((_, i) => !badDeadlines.has(i));
    if (settings.some((i) => i.path.startsWith("monitoring"))) {
      unmapped.push({ table: "（版本设置）", row: 0, column: "监测设置", text: "", reason: "导入后监测结果（在线监测、日常监察）原先写入的指标已不存在，监测设置已删除；如仍需要，请在编辑器中重新设置" });
      delete edition.monitoring;
    }
    check = checkEditionData(edition);
  }
  if (check.ok) return { ok: true, edition: check.edition, unmapped };
  return {
    ok: false,
    unmapped,
    errors: check.errors.map((i) => {
      const code = /“([^”]+)”（([^）]+)）/.exec(i.message)?.[2];
      const at = code ? (ctx.rowOf.get(code) ?? ctx.rowOf.get(`column:${code}`)) : undefined;
      return { table: at?.table ?? i.file, row: at?.row ?? 0, column: "", text: i.path, reason: i.message };
    }),
  };
}

export function formatDocxCell(c: DocxCell): string {
  return `${c.table}${c.row ? ` 第${c.row}行` : ""}${c.column ? `“${c.column}”列` : ""}${c.text ? `（${c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}）` : ""}：${c.reason}`;
}
