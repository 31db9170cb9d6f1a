// Word (.docx) renderings of the official documents, with the `docx` package: 方正小标宋-like
// title (fonts fall back to what the reader has: SimSun/宋体, FangSong/仿宋), 文号, body
// paragraphs, tables. Layout only: the content comes from ./data.ts.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { BulletinData, NoticeData } from "./data";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const BODY_FONT = { ascii: "FangSong", eastAsia: "仿宋", hAnsi: "FangSong" };
const TITLE_FONT = { ascii: "SimSun", eastAsia: "宋体", hAnsi: "SimSun" };
const SIZE = 32; // 三号 (16 pt), in half-points
const TABLE_SIZE = 24; // 小四

const run = (text: string, opts: { bold?: boolean; size?: number; font?: typeof BODY_FONT } = {}) => new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE, font: opts.font ?? BODY_FONT });
const para = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; bold?: boolean } = {}) =>
  new Paragraph({ children: [run(text, { bold: opts.bold })], alignment: opts.align, indent: opts.indent ? { firstLine: 640 } : undefined, spacing: { line: 560 } });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(text, { bold: true, font: { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" } })], spacing: { before: 240, after: 120 } });

function cell(text: string, header = false) {
  return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { bold: header, size: TABLE_SIZE })] })] });
}
const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
function table(head: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

function header(title: string, docNo: string, final: boolean): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`数字办${docNo}`, {})], spacing: { after: 240 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(title, { size: 44, font: TITLE_FONT, bold: true })], spacing: { after: 240 } }),
    ...(final ? [] : [new Paragraph({ alignment: AlignmentType.CENTER, children: [run("（暂定结果，未定稿）", { size: 28 })] })]),
  ];
}

const signature = (date: string) => [
  new Paragraph({ alignment: AlignmentType.RIGHT, children: [run("电子政务绩效考核办公室")], spacing: { before: 480 } }),
  new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(date)] }),
];

export async function bulletinDocx(d: BulletinData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [...header(d.title, d.docNo, d.final), para("各县（市、区）人民政府，市直各单位：", {}), para(d.summary, { indent: true })];
  d.groups.forEach((g, i) => {
    children.push(heading(`${["一", "二", "三", "四"][i] ?? i + 1}、${g.label}考核排名`));
    children.push(table(["名次", "单位", ...d.partNames, "总分"], g.rows.map((r) => [String(r.rank), r.name + (r.vetoed ? "（一票否决）" : ""), ...r.parts, r.total])));
  });
  if (d.readings.length) {
    children.push(heading("说明"));
    children.push(para("本次考核对评分细则中表述不够明确之处，按以下口径执行：", { indent: true }));
    for (const r of d.readings) children.push(para(`${r.id}：${r.chosen}`, { indent: true }));
  }
  children.push(...signature(d.date));
  return Packer.toBuffer(new Document({ creator: "电子政务绩效考核平台", title: d.title, sections: [{ children }] }));
}

export async function noticeDocx(d: NoticeData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [...header(d.title, d.docNo, d.final), para(`${d.unit.name}：`)];
  children.push(
    para(
      `${d.total !== null ? `本单位总分 ${d.total} 分${d.rank ? `，在本组排名第 ${d.rank.replace(" / ", " 名（共 ")} 个单位）` : ""}。` : ""}以下 ${d.items.length} 项指标未得满分，现将扣分原因和整改要求通知如下，请逐项整改。`,
      { indent: true },
    ),
  );
  if (d.items.length === 0) children.push(para("本单位各项指标均得满分。", { indent: true }));
  d.items.forEach((it, i) => {
    children.push(heading(`${i + 1}. ${it.name}（得 ${it.score} 分 / 满分 ${it.max} 分，扣 ${it.lost} 分）`));
    children.push(para(`所属指标：${it.path}`, { indent: true }));
    children.push(para("扣分原因：", { indent: true, bold: true }));
    for (const w of it.why) children.push(para(w, { indent: true }));
    children.push(para(`整改要求：${it.fix}`, { indent: true }));
  });
  children.push(...signature(d.date));
  return Packer.toBuffer(new Document({ creator: "电子政务绩效考核平台", title: d.title, sections: [{ children }] }));
}
