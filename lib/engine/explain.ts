// Render scorecards and rankings as readable Chinese text (CLI tables, exports).
// The trace lines themselves are built with the numbers in evaluate.ts/scorecard.ts.
import { type Exact, toDisplay, toExactString } from "./exact";
import type { IndicatorResult, PartResult, Ranking, Scorecard } from "./types";

/**
 * A number used as an operand in a printed step: exact (a terminating decimal, or n/d),
 * never rounded, so the step recomputes to its printed result.
 */
export function operand(x: Exact): string {
  return toExactString(x);
}

/** The result of a printed step: "= 8.75" when the 2-place display is exact, else "≈ 4.59". */
export function equals(x: Exact): string {
  const shown = toDisplay(x);
  return toExactString(x) === shown ? `= ${shown}` : `≈ ${shown}`;
}

/**
 * A share numerator ÷ denominator as an operand: the decimal when it terminates
 * (21/24 → 0.875), else the user's own fraction (1102/1200), never a rounded factor.
 */
export function shareOperand(share: Exact, numerator: number | string, denominator: number | string): string {
  const exact = toExactString(share);
  return exact.includes("/") ? `${numerator}/${denominator}` : exact;
}

const STATE_LABEL = { scored: "", "not-entered": "未填报", "not-applicable": "不适用" } as const;
const STATUS_LABEL = { scored: "", vetoed: "否决", "not-assessed": "不参与" } as const;
const GROUP_LABEL = { department: "市直部门", county: "县（市、区）", city: "全市" } as const;

function itemLine(r: IndicatorResult): string {
  if (r.kind === "item") {
    const score = r.state === "scored" ? `${r.score!.display} / ${r.max.display}` : `${STATE_LABEL[r.state]}（满分 ${r.max.display}）`;
    const flags = [r.overridden ? "审核核定" : r.source === "review" ? "审核" : "", r.vetoed ? "否决" : ""].filter(Boolean).join("，");
    return `${r.name}：${score}${flags ? `［${flags}］` : ""}`;
  }
  const score = r.state === "not-applicable" ? "不适用" : `${r.score.display} / ${r.max.display}`;
  return `${r.name}：${score}${r.capped ? "（封顶）" : ""}`;
}

function renderIndicator(r: IndicatorResult, depth: number, withTrace: boolean, out: string[]): void {
  const pad = "  ".repeat(depth);
  out.push(`${pad}${itemLine(r)}`);
  if (withTrace && r.state !== "not-applicable") {
    for (const t of r.trace) out.push(`${pad}    · ${t}`);
    for (const rd of r.readings) out.push(`${pad}    · 口径 ${rd.id}：${rd.chosen}`);
  }
  if (r.kind === "node") for (const c of r.children) renderIndicator(c, depth + 1, withTrace, out);
}

function partHeader(p: PartResult): string {
  if (p.status === "not-assessed") return `【${p.name}】不参与`;
  const score = p.score?.display ?? "—";
  const status = STATUS_LABEL[p.status] ? `［${STATUS_LABEL[p.status]}］` : "";
  const done = p.complete ? "" : `，完成度 ${p.completeness.entered}/${p.completeness.applicable}`;
  return `【${p.name}】${score} 分${status}（得分 ${p.points.display} / 可得 ${p.maxAchievable.display}${done}）`;
}

/** A scorecard as indented text; with traces, every number shows how it was computed. */
export function explainScorecard(card: Scorecard, options: { traces?: boolean } = {}): string {
  const withTrace = options.traces ?? true;
  const out: string[] = [];
  const overall = card.overall ? `${card.overall.display} 分` : "不参与";
  out.push(`${card.unit.name}（${card.unit.code}，${GROUP_LABEL[card.unit.group]}）总分：${overall}${card.complete ? "" : "（评分尚不完整）"}`);
  if (withTrace) for (const t of card.trace) out.push(`    · ${t}`);
  for (const p of card.parts) {
    out.push(partHeader(p));
    if (p.status === "not-assessed") continue;
    if (withTrace) {
      for (const t of p.trace) out.push(`    · ${t}`);
      for (const rd of p.readings) out.push(`    · 口径 ${rd.id}：${rd.chosen}`);
    }
    for (const i of p.indicators) renderIndicator(i, 1, withTrace, out);
  }
  return out.join("\n");
}

function padEnd(s: string, width: number): string {
  // CJK characters take two columns in a terminal
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFFF]/.test(ch) ? 2 : 1;
  return s + " ".repeat(Math.max(0, width - w));
}

/** Rankings as aligned text tables. */
export function formatRankingTable(rankings: Ranking[]): string {
  const out: string[] = [];
  for (const r of rankings) {
    out.push(`排名：${GROUP_LABEL[r.group]} · ${r.scopeName}`);
    for (const e of r.entries) {
      const flags = [e.vetoed ? "否决" : "", e.complete ? "" : "未完成"].filter(Boolean).join("，");
      out.push(`  ${String(e.rank).padStart(3)}  ${padEnd(e.name, 24)} ${e.score.display.padStart(8)}${flags ? `  ［${flags}］` : ""}`);
    }
    out.push("");
  }
  return out.join("\n");
}
