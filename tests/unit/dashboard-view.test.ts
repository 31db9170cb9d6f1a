import { describe, expect, it } from "vitest";
import { fromExactString, toValue } from "@/lib/engine/exact";
import type { EditionResult, IndicatorResult, ItemResult, NodeResult, PartResult, Ranking, Scorecard } from "@/lib/engine/types";
import { parseDashboardQuery, dashboardHref } from "@/lib/dashboard/query";
import {
  buildCategoryComparison,
  buildDistribution,
  buildLostPoints,
  buildProgress,
  buildRankRows,
  buildCityCard,
  pointsLost,
  summariseCard,
  type TPartState,
} from "@/lib/dashboard/view";
import { attachmentHeader, resultsFileName, shanghaiDate } from "@/lib/dashboard/xlsx";

// A hand-built EditionResult: three departments, one county and the city, two parts.
const v = (s: string) => toValue(fromExactString(s));

function item(code: string, max: string, score: string | null, extra: Partial<ItemResult> = {}): ItemResult {
  const side = { state: score === null ? ("not-entered" as const) : ("scored" as const), score: score === null ? null : v(score), vetoed: false };
  return {
    kind: "item",
    code,
    name: `项${code}`,
    ruleType: "rating",
    max: v(max),
    scope: "unit",
    factUnit: "",
    pooled: false,
    state: side.state,
    score: side.score,
    bonus: v("0"),
    penalty: v("0"),
    source: "self",
    overridden: false,
    vetoed: false,
    self: side,
    reviewed: side,
    trace: [],
    readings: [],
    ...extra,
  };
}
const na = (code: string, max: string): ItemResult => ({ ...item(code, max, null), state: "not-applicable", self: { state: "not-applicable", score: null, vetoed: false }, reviewed: { state: "not-applicable", score: null, vetoed: false } });

function node(code: string, max: string, score: string, children: IndicatorResult[], maxAchievable = max): NodeResult {
  return {
    kind: "node",
    code,
    name: `类${code}`,
    max: v(max),
    aggregate: "cap",
    state: "scored",
    score: v(score),
    maxAchievable: v(maxAchievable),
    capped: false,
    self: { score: v(score), maxAchievable: v(maxAchievable) },
    completeness: { entered: children.length, applicable: children.length },
    children,
    trace: [],
    readings: [],
  };
}

function part(code: string, score: string | null, self: string | null, indicators: IndicatorResult[], extra: Partial<PartResult> = {}): PartResult {
  return {
    code,
    name: code === "p1" ? "综合应用部分" : "政府网站建设部分",
    weight: v("1"),
    status: score === null ? "not-assessed" : "scored",
    points: v("0"),
    declaredMax: v("100"),
    maxAchievable: v("100"),
    normalised: score === null ? null : v(score),
    postPenalties: [],
    score: score === null ? null : v(score),
    vetoReasons: [],
    self: { status: "scored", points: v("0"), maxAchievable: v("100"), score: self === null ? null : v(self) },
    completeness: { entered: 2, applicable: 2 },
    complete: true,
    indicators,
    trace: [],
    readings: [],
    ...extra,
  };
}

function card(code: string, group: Scorecard["unit"]["group"], parts: PartResult[], overall: string | null, selfOverall: string | null): Scorecard {
  return { unit: { code, name: `单位${code}`, group }, parts, overall: overall === null ? null : v(overall), self: { overall: selfOverall === null ? null : v(selfOverall) }, completeness: { entered: 4, applicable: 4 }, complete: true, trace: [] };
}

// p1: a (max 10), b (max 5); p2: c (max 20)
const cards: Scorecard[] = [
  card("d1", "department", [part("p1", "90", "95", [node("A", "15", "13", [item("a", "10", "8"), item("b", "5", "5")])]), part("p2", "80", "80", [item("c", "20", "16")])], "85", "87.5"),
  card("d2", "department", [part("p1", "60", "60", [node("A", "15", "9", [item("a", "10", "4"), item("b", "5", "5")])]), part("p2", "100", "100", [item("c", "20", "20")])], "80", "80"),
  // d3 lost 3 on b but got a 2-point bonus on c (score 22 = 20 within + 2 bonus): no loss on c
  card("d3", "department", [part("p1", "200/3", "70", [node("A", "15", "10", [item("a", "10", "8"), item("b", "5", "2", { self: { state: "scored", score: v("3"), vetoed: false } })])]), part("p2", "110", "100", [item("c", "20", "22", { bonus: v("2") })])], "1061/12", "85"),
  card("c1", "county", [part("p1", "50", "50", [node("A", "15", "5", [item("a", "10", "5"), na("b", "5")], "10")]), part("p2", null, null, [])], "50", "50"),
  card("city", "city", [part("p1", "75", "75", [node("A", "15", "12", [item("a", "10", "7"), item("b", "5", "5")])]), part("p2", null, null, [])], "75", "75"),
];
const entry = (rank: number, unit: string, score: string) => ({ rank, unit, name: `单位${unit}`, score: v(score), complete: true, vetoed: false });
const rankings: Ranking[] = [
  { scope: "p1", scopeName: "综合应用部分", group: "department", entries: [entry(1, "d1", "90"), entry(2, "d3", "200/3"), entry(3, "d2", "60")] },
  { scope: "overall", scopeName: "总分", group: "department", entries: [entry(1, "d3", "1061/12"), entry(2, "d1", "85"), entry(3, "d2", "80")] },
];
const result: EditionResult = { edition: { id: "t", name: "测试", year: 2017 }, scorecards: cards, rankings };
const parts: TPartState[] = [
  { partCode: "p1", partName: "综合应用部分", final: true, finalisedAt: "2018-02-09T09:00:00.000Z" },
  { partCode: "p2", partName: "政府网站建设部分", final: false, finalisedAt: null },
];

describe("差值 compares like with like (issue #18 item 6)", () => {
  // a: the unit self-assessed 8, review lowered it to 7; r: a rating only the reviewer scores (18 of 20).
  const reviewerOnly = item("r", "20", "18", { self: { state: "not-entered", score: null, vetoed: false }, source: "review" });
  const lowered = item("a", "10", "7", { self: { state: "scored", score: v("8"), vetoed: false }, source: "review" });
  // engine's part: 100 × 25 ÷ 30 = 83.33 after review; self 100 × 8 ÷ 30 = 26.67 (r counted as 0)
  const p = part("p1", "250/3", "80/3", [node("A", "30", "25", [lowered, reviewerOnly])]);
  const cardD = card("d9", "department", [p], "250/3", "80/3");
  const res: EditionResult = { edition: { id: "t", name: "测试", year: 2017 }, scorecards: [cardD], rankings: [
    { scope: "p1", scopeName: "综合应用部分", group: "department", entries: [entry(1, "d9", "250/3")] },
    { scope: "overall", scopeName: "总分", group: "department", entries: [entry(1, "d9", "250/3")] },
  ] };

  it("leaves out items only the reviewer scored: self 8/10 = 80, reviewed 7/10 = 70, 差值 −10 (not +56.67)", () => {
    for (const scope of ["p1", "overall"]) {
      const [row] = buildRankRows(res, parts, "department", scope);
      expect([row.score.display, row.self?.display, row.diff?.display]).toEqual(["83.33", "80", "-10"]);
    }
    const sum = summariseCard(cardD, parts);
    expect([sum.parts[0].self?.display, sum.parts[0].diff?.display, sum.selfOverall?.display, sum.diff?.display]).toEqual(["80", "-10", "80", "-10"]);
  });

  it("a part with no self-assessed item has no 自评得分 and no 差值", () => {
    const only = part("p1", "90", "0", [node("A", "20", "18", [reviewerOnly])]);
    const [row] = buildRankRows({ ...res, scorecards: [card("d9", "department", [only], "90", "0")] }, parts, "department", "p1");
    expect([row.self, row.diff]).toEqual([null, null]);
  });
});

describe("ranking rows", () => {
  it("keep the engine's ranks and add self scores, the exact difference and the part's status", () => {
    const rows = buildRankRows(result, parts, "department", "p1");
    expect(rows.map((r) => [r.rank, r.unit, r.score.display, r.self?.display, r.diff?.display, r.final])).toEqual([
      [1, "d1", "90", "86.67", "0", true],
      [2, "d3", "66.67", "73.33", "-6.67", true],
      [3, "d2", "60", "60", "0", true],
    ]);
    // like with like over a and b: 100 × (10 − 11) ÷ 15 = −20/3 exactly, not a difference of rounded numbers
    expect(rows[1].diff?.exact).toBe("-20/3");
  });

  it("overall rows are 暂定 while any part the unit takes part in is not final", () => {
    const rows = buildRankRows(result, parts, "department", "overall");
    expect(rows.map((r) => [r.unit, r.score.display, r.diff?.display, r.final])).toEqual([
      ["d3", "88.42", "-3.33", false],
      ["d1", "85", "0", false],
      ["d2", "80", "0", false],
    ]);
  });

  it("a scope with no ranking gives no rows; the city card is separate", () => {
    expect(buildRankRows(result, parts, "county", "p1")).toEqual([]);
    const city = buildCityCard(result, parts)!;
    expect(city.unit.code).toBe("city");
    expect(city.overall?.display).toBe("75");
    expect(city.parts.find((p) => p.code === "p1")?.final).toBe(true);
  });
});

describe("失分最多的指标", () => {
  it("orders items by Σ(max − score) over the group's units, bonuses not counted as recovering points", () => {
    const lost = buildLostPoints(result, { group: "department" });
    // a: (10−8)+(10−4)+(10−8) = 10; b: 0+0+3 = 3; c: 4+0+0 (d3's 22 includes a 2-point bonus → within 20 → 0)
    expect(lost.map((l) => [l.code, l.lost.display, l.losing, l.units])).toEqual([
      ["a", "10", 3, 3],
      ["c", "4", 1, 3],
      ["b", "3", 1, 3],
    ]);
    expect(lost[0].average.display).toBe("3.33");
    expect(lost[0].path).toEqual(["类A", "项a"]);
  });

  it("is limited to a part when asked, leaves out the city, not-applicable items, and items nobody lost points on", () => {
    expect(buildLostPoints(result, { group: "department", scope: "p2" }).map((l) => l.code)).toEqual(["c"]);
    // county: only a is applicable (b is 不适用), lost 5
    expect(buildLostPoints(result, { group: "county" }).map((l) => [l.code, l.lost.display])).toEqual([["a", "5"]]);
    // all groups together, city excluded: a = 10 + 5
    expect(buildLostPoints(result).find((l) => l.code === "a")?.lost.display).toBe("15");
    expect(buildLostPoints(result, { limit: 1 })).toHaveLength(1);
  });

  it("ties are listed by item code", () => {
    const tie: EditionResult = { ...result, scorecards: [card("d9", "department", [part("p1", "1", "1", [item("z", "4", "2"), item("m", "4", "2")])], "1", "1")] };
    expect(buildLostPoints(tie).map((l) => l.code)).toEqual(["m", "z"]);
  });

  it("pointsLost: not-entered items have no loss (null), never negative", () => {
    expect(pointsLost(item("x", "5", null))).toBeNull();
    expect(pointsLost(item("x", "5", "6", { bonus: v("0") }))?.toString()).toBe("0");
  });
});

describe("distribution", () => {
  it("bins of 10 points, lower bound included, from the lowest to the highest bin", () => {
    const bins = buildDistribution([
      { name: "甲", score: v("90") },
      { name: "乙", score: v("89.99") },
      { name: "丙", score: v("100") },
      { name: "丁", score: v("71") },
    ]);
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ["70–80", 1],
      ["80–90", 1],
      ["90–100", 1],
      ["100–110", 1],
    ]);
    expect(bins[1].units).toEqual(["乙"]);
    expect(buildDistribution([])).toEqual([]);
  });
});

describe("category comparison", () => {
  it("compares each applicable 一级 indicator with the mean of the group's units it applies to", () => {
    const cats = buildCategoryComparison(result, "d1");
    expect(cats.map((c) => [c.code, c.score.display, c.groupAverage?.display, c.groupUnits])).toEqual([
      ["A", "13", "10.67", 3],
      ["c", "16", "19.33", 3],
    ]);
    expect(buildCategoryComparison(result, "nobody")).toEqual([]);
  });
});

describe("progress", () => {
  it("counts submission statuses per group; units without a submission are 未开始", () => {
    const units = [
      { code: "d1", group: "department" },
      { code: "d2", group: "department" },
      { code: "d3", group: "department" },
      { code: "c1", group: "county" },
      { code: "city", group: "city" },
    ];
    const rows = buildProgress(units, [
      { unitCode: "d1", status: "reviewed" },
      { unitCode: "d2", status: "submitted" },
      { unitCode: "c1", status: "draft" },
    ], [{ unitCode: "d2", count: 2 }]);
    expect(rows).toEqual([
      { group: "department", label: "市直部门", total: 3, returnedItems: 2, none: 1, draft: 0, submitted: 1, reviewed: 1 },
      { group: "county", label: "县（市、区）", total: 1, returnedItems: 0, none: 0, draft: 1, submitted: 0, reviewed: 0 },
    ]);
  });
});

describe("query and file names", () => {
  it.each([
    [{}, { edition: undefined, group: "department", part: "overall" }],
    [{ group: "county", part: "p2", edition: "3" }, { edition: 3, group: "county", part: "p2" }],
    [{ group: "nonsense", part: "<script>", edition: "-1" }, { edition: undefined, group: "department", part: "overall" }],
    [{ group: ["county", "department"] }, { edition: undefined, group: "county", part: "overall" }],
  ])("parses %j leniently", (raw, expected) => {
    expect(parseDashboardQuery(raw as Record<string, string>)).toEqual(expected);
  });

  it("builds dashboard links without default params", () => {
    expect(dashboardHref({ group: "department", part: "overall" })).toBe("/dashboard");
    expect(dashboardHref({ group: "county", part: "p1", edition: 2 })).toBe("/dashboard?edition=2&part=p1&group=county");
  });

  it("names the export after the edition and the Shanghai date, with an RFC 5987 filename*", () => {
    const date = shanghaiDate(new Date("2026-11-25T17:30:00Z")); // 01:30 on the 26th in Shanghai
    expect(date).toBe("2026-11-26");
    const names = resultsFileName({ key: "sanming-2017", name: "2017年度三明市电子政务绩效考核" }, date);
    expect(names.name).toBe("2017年度三明市电子政务绩效考核-结果-2026-11-26.xlsx");
    const header = attachmentHeader(names.ascii, names.name);
    expect(header).toBe(`attachment; filename="sanming-2017-results-2026-11-26.xlsx"; filename*=UTF-8''${encodeURIComponent(names.name)}`);
    expect(attachmentHeader("a\"b.xlsx", "x(1)'*.xlsx")).toBe(`attachment; filename="a_b.xlsx"; filename*=UTF-8''x%281%29%27%2A.xlsx`);
  });
});
