// One ranked unit as the browser gets it, once, for both the sortable ranking table and the
// ranking bar chart: a tuple of the engine's already formatted values, not an object per
// component, so 100 units cost one short array each in the RSC payload (issue #17: the
// rows used to be serialised twice, as the table's and the chart's props). The numbers to
// sort by and to draw are read back from the displayed values (2 places, as shown), not
// sent a second time with 15 digits; ties keep the engine's rank order.
import { scorecardHref } from "@/lib/dashboard/hrefs";

export type TRankRow = [
  rank: number,
  unit: string,
  name: string,
  score: string,
  self: string,
  /** signed difference ("+1.5", "−2", "0", "—") */
  diff: string,
  /** 加重扣分 included in the score, or null */
  postPenalty: string | null,
  /** "entered/applicable" */
  completeness: string,
  /** 1 complete, 2 vetoed (否决), 4 final (定稿) */
  flags: number,
];

export const COMPLETE = 1;
export const VETOED = 2;
export const FINAL = 4;

/** A displayed value as a number ("−2.5" → −2.5, "+1" → 1); "—" (no value) → null. */
export function shownNumber(s: string): number | null {
  const n = Number(s.replace("−", "-").replace("+", ""));
  return s === "" || Number.isNaN(n) ? null : n;
}

/** The row as the table and the chart read it. */
export function rankRow(r: TRankRow, edition: number | undefined) {
  const [rank, unit, name, score, self, diff, postPenalty, completeness, flags] = r;
  const [entered, applicable] = completeness.split("/").map(Number);
  const diffValue = shownNumber(diff);
  return {
    rank,
    unit,
    name,
    href: scorecardHref(unit, edition),
    score,
    self,
    diff,
    /** −1 review lowered the score, 1 raised it, 0 unchanged */
    diffSign: diffValue === null ? 0 : Math.sign(diffValue),
    postPenalty,
    completeness,
    complete: (flags & COMPLETE) !== 0,
    vetoed: (flags & VETOED) !== 0,
    final: (flags & FINAL) !== 0,
    sort: { score: shownNumber(score) ?? 0, self: shownNumber(self), diff: diffValue, completeness: applicable ? entered / applicable : 0 },
  };
}
