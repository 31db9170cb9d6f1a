// Excel exports of the engine's results (exceljs): the full results table (every unit ×
// every leaf item, self and reviewed, part totals, overall, ranks) with the seed's header
// layout (部分 → 一级 → 二级 → 指标 → 自评/审核), and one unit's scorecard. Numbers are the
// engine's exact values written as numbers with the 0.00 format; ranks are the engine's.
import ExcelJS from "exceljs";
import type { CompiledEdition, CompiledIndicator } from "../engine/compile";
import { fromExactString } from "../engine/exact";
import type { ExactValue } from "../engine/exact";
import type { EditionResult, ItemResult, Scorecard } from "../engine/types";
import { fitRowHeights, heightFor, setupPrint } from "../xlsx-print";
import type { TScorecardView } from "./scorecard";
import { compareSelfOverall, compareSelfPart, GROUP_LABELS, OVERALL, ranksOf, walkItems, type TPartState } from "./view";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NUM = "0.00";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD6E4F5" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF94A3B8" } },
  left: { style: "thin", color: { argb: "FF94A3B8" } },
  bottom: { style: "thin", color: { argb: "FF94A3B8" } },
  right: { style: "thin", color: { argb: "FF94A3B8" } },
};

export const toNumber = (v: ExactValue | null | undefined): number | null => (v ? Number(fromExactString(v.exact).valueOf()) : null);

/** Today in Shanghai, YYYY-MM-DD (file names). */
export function shanghaiDate(d = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}
function shanghaiDateTime(d: Date): string {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short", hour12: false }).format(d);
}

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987 / 6266. */
export function attachmentHeader(asciiName: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

export function resultsFileName(edition: { key: string; name: string }, date: string) {
  return { name: `${edition.name}-结果-${date}.xlsx`, ascii: `${edition.key}-results-${date}.xlsx` };
}
export function scorecardFileName(edition: { key: string; name: string }, unit: { code: string; name: string }, date: string) {
  return { name: `${edition.name}-${unit.name}记分卡-${date}.xlsx`, ascii: `${edition.key}-${unit.code}-scorecard-${date}.xlsx` };
}

function styleHeaderCell(cell: ExcelJS.Cell) {
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  cell.border = THIN;
}

function mergeLabel(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number, label: string) {
  if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
  const cell = ws.getCell(r1, c1);
  cell.value = label;
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) styleHeaderCell(ws.getCell(r, c));
}

function depthOf(nodes: CompiledIndicator[]): number {
  return Math.max(0, ...nodes.map((n) => (n.kind === "leaf" ? 1 : 1 + depthOf(n.children))));
}

const itemValue = (i: ItemResult | undefined, side: "self" | "reviewed"): number | string | null => {
  if (!i) return null;
  const s = i[side];
  if (s.state === "not-applicable") return null;
  if (s.state === "not-entered") return "未填报";
  return toNumber(s.score);
};

export type ResultsWorkbookInput = {
  result: EditionResult;
  compiled: CompiledEdition;
  parts: TPartState[];
  edition: { name: string; version: number };
  demo: boolean;
  generatedAt: Date;
};

/** Column layout of the results table, shared by the writer and the tests. */
export function resultsColumns(compiled: CompiledEdition) {
  const fixed = ["单位代码", "单位", "分组"];
  const parts = compiled.parts.map((p) => ({ code: p.code, name: p.name, leaves: p.leaves.map((l) => l.code), totals: ["自评得分", "审核得分（折算百分制）", "加重扣分", "本部分得分", "组内排名"] }));
  const overall = ["总分（自评）", "总分", "组内排名", "完成度", "结果状态"];
  return { fixed, parts, overall };
}

export async function buildResultsWorkbook(input: ResultsWorkbookInput): Promise<Buffer> {
  const { result, compiled, parts } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  wb.created = input.generatedAt;
  const ws = wb.addWorksheet("考核结果", { views: [] });
  const layout = resultsColumns(compiled);
  const depth = Math.max(...compiled.parts.map((p) => depthOf(p.indicators)));
  const sideRow = depth + 2; // row 1: part; rows 2..depth+1: 一级…指标; then 自评/审核
  const headerRows = sideRow;

  // fixed columns
  layout.fixed.forEach((label, i) => mergeLabel(ws, 1, i + 1, headerRows, i + 1, label));
  let col = layout.fixed.length + 1;
  const leafCol = new Map<string, number>();
  const partTotalCol = new Map<string, number>();
  for (const part of compiled.parts) {
    const start = col;
    const place = (n: CompiledIndicator, level: number) => {
      if (n.kind === "leaf") {
        mergeLabel(ws, level + 1, col, depth + 1, col + 1, `${n.name}（${n.max.valueOf()}）`);
        mergeLabel(ws, sideRow, col, sideRow, col, "自评");
        mergeLabel(ws, sideRow, col + 1, sideRow, col + 1, "审核");
        leafCol.set(n.code, col);
        col += 2;
        return;
      }
      const from = col;
      for (const c of n.children) place(c, level + 1);
      mergeLabel(ws, level + 1, from, level + 1, col - 1, `${n.name}（${n.max.valueOf()}）`);
    };
    for (const top of part.indicators) place(top, 1);
    partTotalCol.set(part.code, col);
    for (const label of layout.parts.find((p) => p.code === part.code)!.totals) {
      mergeLabel(ws, 2, col, headerRows, col, label);
      col++;
    }
    mergeLabel(ws, 1, start, 1, col - 1, `${part.name}（标称 ${part.declaredMax.valueOf()} 分，折算百分制）`);
  }
  const overallCol = col;
  layout.overall.forEach((label, i) => mergeLabel(ws, 2, overallCol + i, headerRows, overallCol + i, label));
  mergeLabel(ws, 1, overallCol, 1, overallCol + layout.overall.length - 1, "总分（各部分加权平均）");
  const lastCol = overallCol + layout.overall.length - 1;

  // rows: departments, then counties, each in overall rank order; 全市 last
  const rankOrder = (group: "department" | "county") => {
    const ranking = result.rankings.find((r) => r.group === group && r.scope === OVERALL);
    const order = new Map(ranking?.entries.map((e, i) => [e.unit, i]) ?? []);
    return result.scorecards.filter((c) => c.unit.group === group).sort((a, b) => (order.get(a.unit.code) ?? 1e9) - (order.get(b.unit.code) ?? 1e9) || a.unit.code.localeCompare(b.unit.code));
  };
  const cards: Scorecard[] = [...rankOrder("department"), ...rankOrder("county"), ...result.scorecards.filter((c) => c.unit.group === "city")];
  let row = headerRows + 1;
  for (const card of cards) {
    const ranks = ranksOf(result, card.unit.code);
    const r = ws.getRow(row);
    r.getCell(1).value = card.unit.code;
    r.getCell(2).value = card.unit.name;
    r.getCell(3).value = GROUP_LABELS[card.unit.group];
    for (const part of card.parts) {
      const items = new Map(walkItems(part.indicators).map((x) => [x.item.code, x.item]));
      for (const [code, c] of leafCol) {
        if (compiled.leafByCode.get(code)?.partCode !== part.code) continue;
        r.getCell(c).value = itemValue(items.get(code), "self");
        r.getCell(c + 1).value = itemValue(items.get(code), "reviewed");
      }
      const t = partTotalCol.get(part.code)!;
      if (part.status !== "not-assessed") {
        const penalty = part.postPenalties.reduce((acc, p) => acc + (toNumber(p.points) ?? 0), 0);
        r.getCell(t).value = toNumber(part.self.score);
        r.getCell(t + 1).value = toNumber(part.normalised);
        r.getCell(t + 2).value = penalty || null;
        r.getCell(t + 3).value = toNumber(part.score);
        r.getCell(t + 4).value = ranks[part.code]?.rank ?? null;
      } else {
        r.getCell(t).value = "不参与";
      }
    }
    const assessed = card.parts.filter((p) => p.status !== "not-assessed");
    r.getCell(overallCol).value = toNumber(card.self.overall);
    r.getCell(overallCol + 1).value = toNumber(card.overall);
    r.getCell(overallCol + 2).value = ranks[OVERALL]?.rank ?? null;
    r.getCell(overallCol + 3).value = `${card.completeness.entered}/${card.completeness.applicable}`;
    r.getCell(overallCol + 4).value = assessed.length && assessed.every((p) => parts.find((x) => x.partCode === p.code)?.final) ? "定稿" : "暂定";
    for (let c = 1; c <= lastCol; c++) {
      const cell = r.getCell(c);
      cell.border = THIN;
      if (typeof cell.value === "number") cell.numFmt = NUM;
    }
    // ranks are integers
    for (const t of partTotalCol.values()) r.getCell(t + 4).numFmt = "0";
    r.getCell(overallCol + 2).numFmt = "0";
    row++;
  }
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 20;
  ws.getColumn(3).width = 12;
  for (let c = 4; c <= lastCol; c++) ws.getColumn(c).width = 8;
  for (let r = 2; r <= depth + 1; r++) ws.getRow(r).height = 48;
  ws.views = [{ state: "frozen", xSplit: 3, ySplit: headerRows, topLeftCell: ws.getCell(headerRows + 1, 4).address, activeCell: "A1" }];
  ws.autoFilter = { from: { row: headerRows, column: 1 }, to: { row: Math.max(headerRows, row - 1), column: lastCol } };
  // Eighty-odd columns on one A4 page would print at a sixth of their size: four pages
  // across, each with the header rows and the unit columns, so every page reads on its own.
  setupPrint(ws, { landscape: true, titleRows: `1:${headerRows}`, titleCols: "A:C", pagesWide: 4, lastCol, lastRow: row - 1, headerRight: `${input.edition.name}　导出时间：${shanghaiDateTime(input.generatedAt)}` });

  // 排名: one block per group and scope, in the engine's order
  const rk = wb.addWorksheet("排名");
  rk.columns = [{ width: 8 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 10 }];
  let rr = 1;
  for (const ranking of result.rankings) {
    const title = rk.getCell(rr, 1);
    title.value = `${GROUP_LABELS[ranking.group]} · ${ranking.scopeName}`;
    title.font = { bold: true, size: 13 };
    rr++;
    ["排名", "单位", "得分", "自评得分", "差值", "完成度", "状态"].forEach((h, i) => {
      const c = rk.getCell(rr, i + 1);
      c.value = h;
      styleHeaderCell(c);
    });
    rr++;
    for (const e of ranking.entries) {
      const card = result.scorecards.find((c) => c.unit.code === e.unit)!;
      const part = ranking.scope === OVERALL ? null : card.parts.find((p) => p.code === ranking.scope)!;
      const cmp = part ? compareSelfPart(part) : compareSelfOverall(card);
      const self = cmp.self;
      const completeness = part ? part.completeness : card.completeness;
      const final = part ? parts.find((p) => p.partCode === part.code)?.final : card.parts.filter((p) => p.status !== "not-assessed").every((p) => parts.find((x) => x.partCode === p.code)?.final);
      const diff = toNumber(cmp.diff);
      const values = [e.rank, e.name, toNumber(e.score), toNumber(self), diff, `${completeness.entered}/${completeness.applicable}`, final ? "定稿" : "暂定"];
      values.forEach((v, i) => {
        const c = rk.getCell(rr, i + 1);
        c.value = v;
        c.border = THIN;
        if (i >= 2 && i <= 4 && typeof v === "number") c.numFmt = NUM;
      });
      rr++;
    }
    rr++;
  }
  setupPrint(rk, { landscape: false, lastCol: 7, lastRow: rr - 1, headerRight: input.edition.name });

  // 说明
  const info = wb.addWorksheet("说明");
  info.columns = [{ width: 18 }, { width: 90 }];
  const lines: [string, string][] = [
    ["考核年度", `${input.edition.name}（规则第 ${input.edition.version} 版）`],
    ["导出时间", shanghaiDateTime(input.generatedAt)],
    ...parts.map((p): [string, string] => [p.partName, p.final ? `定稿（${p.finalisedAt ? shanghaiDateTime(new Date(p.finalisedAt)) : ""}）` : "暂定：审核尚未完成，结果可能变化"]),
    ["计分口径", "各部分按适用项满分折算为百分制（R13），总分为单位参与的各部分百分制得分的加权平均（R15）；同分同名次。"],
    ["数值", "按精确值计算和排名，表中显示保留两位小数；“—”或空白表示该单位不适用此项，“未填报”表示尚无数据（按 0 分计入）。"],
  ];
  if (input.demo) lines.unshift(["演示数据", "本表数据为系统生成的演示数据，不是真实考核结果。"]);
  lines.forEach(([k, v], i) => {
    info.getCell(i + 1, 1).value = k;
    info.getCell(i + 1, 1).font = { bold: true };
    info.getCell(i + 1, 2).value = v;
    info.getCell(i + 1, 2).alignment = { wrapText: true, vertical: "top" };
  });
  fitRowHeights(info, 1, lines.length, 2);
  setupPrint(info, { landscape: false, lastCol: 2, lastRow: lines.length, headerRight: input.edition.name });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One unit's scorecard: summary, then every indicator with its explanation. */
export async function buildScorecardWorkbook(input: { view: TScorecardView; edition: { name: string }; demo: boolean; generatedAt: Date }): Promise<Buffer> {
  const { view } = input;
  const s = view.summary;
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  wb.created = input.generatedAt;
  const ws = wb.addWorksheet("记分卡");
  ws.columns = [{ width: 22 }, { width: 40 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 8 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 70 }];
  ws.getCell("A1").value = `${input.edition.name} · ${s.unit.name}记分卡${input.demo ? "（演示数据）" : ""}`;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.mergeCells("A1:L1");
  ws.getCell("A2").value = `分组：${GROUP_LABELS[s.unit.group]}　导出时间：${shanghaiDateTime(input.generatedAt)}`;
  ws.mergeCells("A2:L2");

  const sumHeader = ["部分", "得分", "自评得分", "差值", "得分合计", "可得满分", "组内排名", "完成度", "状态"];
  sumHeader.forEach((h, i) => styleHeaderCell(Object.assign(ws.getCell(4, i + 1), { value: h })));
  let r = 5;
  const writeSummary = (label: string, score: ExactValue | null, self: ExactValue | null, diff: ExactValue | null, points: ExactValue | null, max: ExactValue | null, rank: string, completeness: string, status: string) => {
    const values = [label, toNumber(score), toNumber(self), toNumber(diff), toNumber(points), toNumber(max), rank, completeness, status];
    values.forEach((v, i) => {
      const c = ws.getCell(r, i + 1);
      c.value = v;
      c.border = THIN;
      if (typeof v === "number") c.numFmt = NUM;
    });
    r++;
  };
  for (const p of s.parts) {
    if (p.status === "not-assessed") continue;
    const rank = view.ranks[p.code];
    writeSummary(p.name, p.score, p.self, p.diff, p.points, p.maxAchievable, rank ? `${rank.rank}/${rank.of}` : "", `${p.completeness.entered}/${p.completeness.applicable}`, p.final ? "定稿" : "暂定");
  }
  const orank = view.ranks[OVERALL];
  writeSummary("总分", s.overall, s.selfOverall, s.diff, null, null, orank ? `${orank.rank}/${orank.of}` : "", `${s.completeness.entered}/${s.completeness.applicable}`, s.final ? "定稿" : "暂定");

  r += 1;
  const head = r;
  ["指标代码", "指标", "满分", "自评得分", "审核得分", "差值", "失分", "加分", "减分", "状态", "依据", "计分说明"].forEach((h, i) => styleHeaderCell(Object.assign(ws.getCell(head, i + 1), { value: h })));
  r++;
  for (const row of view.rows) {
    const values = [
      row.code,
      `${"　".repeat(row.depth)}${row.name}`,
      toNumber(row.max),
      toNumber(row.self),
      toNumber(row.score),
      toNumber(row.diff),
      toNumber(row.lost),
      row.bonus && row.bonus.exact !== "0" ? toNumber(row.bonus) : null,
      row.penalty && row.penalty.exact !== "0" ? toNumber(row.penalty) : null,
      row.stateLabel,
      row.source === "review" ? (row.overridden ? "审核核定" : "审核数据") : row.source === "self" ? "自评数据" : "",
      [...row.trace, ...row.events.map((e) => `事项：${e.date ?? ""} ${e.name} ${e.count}${e.unit}${e.note ? `（${e.note}）` : ""}`)].join("\n"),
    ];
    values.forEach((v, i) => {
      const c = ws.getCell(r, i + 1);
      c.value = v;
      c.border = THIN;
      c.alignment = { vertical: "top", wrapText: i === 1 || i === 11 };
      if (typeof v === "number") c.numFmt = NUM;
      if (row.kind === "node") c.font = { bold: true };
    });
    r++;
  }
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: head, topLeftCell: ws.getCell(head + 1, 3).address, activeCell: "A1" }];
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: r - 1, column: 12 } };
  fitRowHeights(ws, head + 1, r - 1, 12);
  ws.getRow(head).height = heightFor(1);
  setupPrint(ws, { landscape: true, titleRows: `${head}:${head}`, lastCol: 12, lastRow: r - 1, headerRight: `${input.edition.name} · ${s.unit.name}　导出时间：${shanghaiDateTime(input.generatedAt)}` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
