// 排名看板 sends each ranked unit once, as a compact tuple shared by the sortable table and
// the bar chart (components/dashboard/rank-rows.ts): what both show must come out of it
// unchanged — the link, the review's direction, the flags and the values to sort by, read
// back from the displayed values.
import { describe, expect, it } from "vitest";
import { COMPLETE, FINAL, rankRow, shownNumber, VETOED, type TRankRow } from "../../components/dashboard/rank-rows";

describe("compact ranking rows", () => {
  it("gives the table and chart the row: link with the edition, flags, sort values", () => {
    const t: TRankRow = [3, "county-sanyuan", "三元区", "87.5", "90", "−2.5", "1", "19/22", COMPLETE | FINAL];
    expect(rankRow(t, 7)).toEqual({
      rank: 3,
      unit: "county-sanyuan",
      name: "三元区",
      href: "/scorecards/county-sanyuan?edition=7",
      score: "87.5",
      self: "90",
      diff: "−2.5",
      diffSign: -1,
      postPenalty: "1",
      completeness: "19/22",
      complete: true,
      vetoed: false,
      final: true,
      sort: { score: 87.5, self: 90, diff: -2.5, completeness: 19 / 22 },
    });
  });

  it("treats a zero or missing difference as unchanged and an empty unit as 0 % complete", () => {
    const zero = rankRow([1, "a b", "甲", "80", "—", "0", null, "0/0", VETOED], undefined);
    expect(zero).toMatchObject({ href: "/scorecards/a%20b", diffSign: 0, complete: false, vetoed: true, final: false, sort: { self: null, diff: 0, completeness: 0 } });
    expect(rankRow([1, "x", "乙", "80", "—", "—", null, "1/2", 0], undefined)).toMatchObject({ diffSign: 0, sort: { diff: null } });
    expect(rankRow([1, "x", "乙", "80", "79", "+1", null, "1/2", 0], undefined).diffSign).toBe(1);
  });

  it("reads displayed values back as numbers: signs, the minus sign, no value", () => {
    expect([shownNumber("91.96"), shownNumber("+3.85"), shownNumber("−1.54"), shownNumber("-0.5"), shownNumber("0"), shownNumber("—"), shownNumber("")]).toEqual([91.96, 3.85, -1.54, -0.5, 0, null, null]);
  });
});
