import "server-only";
// The content of the official documents, from the engine's results: 考核结果通报 (summary,
// rankings per group, each unit's total, notes on readings) and one unit's 扣分说明/整改通知
// (every item below full marks, why — the engine's explanation — and what to fix). The
// Word and print renderings (./docx.ts, app/documents) only lay this out.
import { UserError } from "../auth/guard";
import { getEditionResults, type EditionResults } from "../results/score";
import { partStates } from "../dashboard/data";
import { buildRankRows, GROUPS, GROUP_LABELS, OVERALL, pointsLost, walkItems } from "../dashboard/view";
import { shanghaiDate } from "../dashboard/xlsx";
import { div, fromExactString, isZero, sum, toDisplay } from "../engine/exact";
import { isLeaf, walkIndicators } from "../rules/resolve";
import type { TEdition } from "../rules/schema";

export type BulletinRow = { rank: number; name: string; total: string; exact: string; parts: string[]; vetoed: boolean };
export type BulletinData = {
  title: string;
  docNo: string;
  date: string;
  /** false: some part is not 定稿 and the document says 暂定 */
  final: boolean;
  partNames: string[];
  summary: string;
  groups: { label: string; rows: BulletinRow[] }[];
  readings: { id: string; chosen: string }[];
};

const cnDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/** "2017年度三明市电子政务绩效考核" stays as it is; a name without 考核 gets it. */
const assessment = (name: string) => (name.endsWith("考核") ? name : `${name}考核`);

async function results(editionId?: number): Promise<EditionResults> {
  const res = await getEditionResults(editionId);
  if (!res) throw new UserError("尚未导入考核年度", 404);
  return res;
}

/**
 * Who leads a group, in the summary paragraph: the first place, or everyone tied there
 * (a tie is never reported as one unit's first place).
 */
export function leaders(rows: readonly { rank: number; name: string; total: string }[]): string {
  const top = rows.filter((r) => r.rank === rows[0]?.rank);
  if (top.length === 0) return "";
  if (top.length === 1) return `第一名${top[0].name}（${top[0].total} 分）`;
  if (top.length === rows.length) return `各单位得分相同（均为 ${top[0].total} 分）`;
  if (top.length <= 3) return `${top.map((r) => r.name).join("、")}并列第一名（${top[0].total} 分）`;
  return `${top.length} 个单位并列第一名（${top[0].total} 分）`;
}

export async function getBulletinData(editionId?: number, now = new Date()): Promise<BulletinData> {
  const res = await results(editionId);
  const { ctx } = res;
  const parts = partStates(res);
  const final = parts.length > 0 && parts.every((p) => p.final);
  const partCodes = ctx.compiled.parts.map((p) => p.code);
  const groups = GROUPS.map((g) => {
    const overall = buildRankRows(res.result, parts, g, OVERALL);
    const byPart = partCodes.map((code) => new Map(buildRankRows(res.result, parts, g, code).map((r) => [r.unit, r.score.display])));
    return {
      label: GROUP_LABELS[g],
      rows: overall.map((r) => ({ rank: r.rank, name: r.name, total: r.score.display, exact: r.score.exact, parts: byPart.map((m) => m.get(r.unit) ?? "—"), vetoed: r.vetoed })),
    };
  }).filter((g) => g.rows.length > 0);
  const sentences = groups.map((g) => {
    const avg = div(sum(g.rows.map((r) => fromExactString(r.exact))), g.rows.length);
    return `${g.label}共 ${g.rows.length} 个单位参加考核，平均得分 ${toDisplay(avg)} 分，${leaders(g.rows)}`;
  });
  const readings = new Map<string, string>();
  for (const leaf of ctx.compiled.leafByCode.values()) for (const r of leaf.readings) if (!readings.has(r.id)) readings.set(r.id, r.chosen);
  for (const p of ctx.edition.parts) for (const r of p.readings ?? []) if (!readings.has(r.id)) readings.set(r.id, r.chosen);
  const date = shanghaiDate(now);
  return {
    title: `关于${assessment(ctx.name)}结果的通报`,
    docNo: `〔${ctx.year}〕　号`,
    date: cnDate(date),
    final,
    partNames: ctx.compiled.parts.map((p) => p.name),
    summary: `根据${assessment(ctx.name)}指标，经单位自评、网上核查、现场检查和在线监测，${final ? "考核结果已定稿" : "部分考核结果尚未定稿，以下为暂定结果"}。${sentences.join("；")}。现将考核结果通报如下。`,
    groups,
    readings: [...readings].map(([id, chosen]) => ({ id, chosen })).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true })),
  };
}

/**
 * What a unit is told to fix, per leaf: the leaf's 考核要求 (or 考核内容), else its nearest
 * ancestor's (part 1 states them on the 二级), else the leaf's own scoring line.
 */
function fixTexts(edition: Pick<TEdition, "parts">): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of edition.parts) {
    for (const { node, path } of walkIndicators(part.indicators)) {
      if (!isLeaf(node)) continue;
      const chain = [node, ...[...path].reverse()];
      const req = chain.map((n) => n.text?.requirement?.trim()).find(Boolean);
      const content = chain.map((n) => n.text?.content?.trim()).find(Boolean);
      const scoring = node.text?.scoring?.trim();
      out.set(
        node.code,
        req ? `按考核要求整改：${req}` : content ? `对照考核内容整改：${content}` : scoring ? `对照评分标准整改：${scoring}` : "请对照指标要求逐项整改，并保留佐证材料。",
      );
    }
  }
  return out;
}

export type NoticeItem = { path: string; name: string; score: string; max: string; lost: string; why: string[]; fix: string };
export type NoticeData = {
  title: string;
  docNo: string;
  date: string;
  final: boolean;
  unit: { code: string; name: string };
  total: string | null;
  rank: string | null;
  items: NoticeItem[];
};

export async function getNoticeData(unitCode: string, editionId?: number, now = new Date()): Promise<NoticeData> {
  const res = await results(editionId);
  const { ctx } = res;
  const card = res.result.scorecards.find((c) => c.unit.code === unitCode);
  if (!card || card.unit.group === "city") throw new UserError("找不到该单位的考核结果", 404);
  const parts = partStates(res);
  const fixes = fixTexts(ctx.edition);
  const items: NoticeItem[] = [];
  for (const part of card.parts) {
    if (part.status === "not-assessed") continue;
    for (const { item, path } of walkItems(part.indicators)) {
      const lost = pointsLost(item);
      if (!lost || isZero(lost)) continue;
      items.push({
        path: [part.name, ...path.slice(0, -1)].join(" › "),
        name: item.name,
        score: item.score?.display ?? "—",
        max: item.max.display,
        lost: toDisplay(lost),
        why: item.trace.length ? item.trace : ["（无计算说明）"],
        fix: fixes.get(item.code) ?? "请对照指标要求逐项整改，并保留佐证材料。",
      });
    }
  }
  const overall = buildRankRows(res.result, parts, card.unit.group as "department" | "county", OVERALL);
  const mine = overall.find((r) => r.unit === unitCode);
  return {
    title: `${card.unit.name}${ctx.name}扣分说明及整改通知`,
    docNo: `〔${ctx.year}〕　号`,
    date: cnDate(shanghaiDate(now)),
    final: parts.every((p) => p.final),
    unit: { code: card.unit.code, name: card.unit.name },
    total: mine?.score.display ?? null,
    rank: mine ? `${mine.rank} / ${overall.length}` : null,
    items,
  };
}
