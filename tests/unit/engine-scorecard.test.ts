// Scorecards: states, scopes (city / unit / rollup), self vs reviewed, normalisation (R13),
// post penalties, veto, completeness, overall (R15) and rankings.
import { describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, ScoringInputError, type EditionResult, type IndicatorResult, type ItemResult, type TItemFact } from "../../lib/engine";
import type { TIndicator } from "../../lib/rules/schema";
import { edition, fact, leaf, node, part, responsible } from "../fixtures/engine/mini";

const deduction = { type: "deduction" as const, start: 4, floor: 0, pools: [{ code: "p", cap: 4, kinds: [{ code: "e", name: "事件", perEvent: "0.5" }] }] };

function build(opts: { rollup?: boolean; weight2?: number } = {}) {
  const p1 = part("p1", [
    node("a", 10, [
      leaf("a.city", 6, { type: "binary", points: 6, yesLabel: "已完成" }, { scope: "city", applicability: "responsible", responsible: responsible("d1", "d2") }),
      leaf("a.vc", 4, deduction, { scope: "unit", rollupToCity: opts.rollup ?? true, applicability: "responsible", responsible: responsible("c1", "c2", "d1") }),
    ]),
    leaf("b", 5, { type: "rating", max: 5 }, { applicability: "responsible", responsible: responsible("d1") }),
  ]);
  const p2 = part(
    "p2",
    [
      leaf("x", 10, { type: "rating", max: 10 }),
      leaf("opt", 5, { type: "binary", points: 5, yesLabel: "按要求提供" }, {
        applicability: "opt-in",
        responsible: responsible("市直各部门"),
        modifiers: [{ code: "zd", kind: "bonus", name: "主动提供", points: 5 }],
      }),
      leaf("veto", 0, { type: "veto", condition: "泄密" }, { allowNotApplicable: false }),
    ],
    { allowPostPenalty: true, weight: opts.weight2 ?? 1 },
  );
  return compileEdition(edition([p1, p2]));
}

function card(r: EditionResult, unit: string) {
  const c = r.scorecards.find((s) => s.unit.code === unit);
  if (!c) throw new Error(unit);
  return c;
}
function find(items: IndicatorResult[], code: string): IndicatorResult | undefined {
  for (const i of items) {
    if (i.code === code) return i;
    if (i.kind === "node") {
      const f = find(i.children, code);
      if (f) return f;
    }
  }
  return undefined;
}
function item(r: EditionResult, unit: string, code: string): ItemResult {
  for (const p of card(r, unit).parts) {
    const f = find(p.indicators, code);
    if (f && f.kind === "item") return f;
  }
  throw new Error(`${unit} ${code}`);
}
const partOf = (r: EditionResult, unit: string, code: string) => card(r, unit).parts.find((p) => p.code === code)!;
const run = (facts: TItemFact[], opts: Parameters<typeof build>[0] = {}, penalties?: Parameters<typeof scoreEdition>[1]["penalties"]) =>
  scoreEdition(build(opts), { edition: "mini", facts, penalties });

describe("states: scored, not-entered (not 0), not-applicable", () => {
  const r = run([fact("d1", "b", { score: 3 })]);
  test("an item without a fact is not-entered, counts 0, and the card is incomplete", () => {
    const x = item(r, "d1", "x");
    expect(x.state).toBe("not-entered");
    expect(x.score).toBeNull();
    expect(partOf(r, "d1", "p2").completeness).toEqual({ entered: 0, applicable: 2 });
    expect(card(r, "d1").complete).toBe(false);
  });
  test("a unit not assessed on a leaf sees it as not-applicable", () => {
    expect(item(r, "d2", "b").state).toBe("not-applicable");
    expect(item(r, "c1", "a.city").state).toBe("not-applicable");
  });
  test("a part without applicable items is not-assessed (not 0) and the unit is not ranked in it", () => {
    const p = partOf(r, "c1", "p2");
    expect(p.status).toBe("not-assessed");
    expect(p.score).toBeNull();
    const ranking = r.rankings.find((k) => k.scope === "p2" && k.group === "county");
    expect(ranking).toBeUndefined();
  });
});

describe("scopes (R14)", () => {
  test("city-scope item: one fact under city, every assessed unit's card and the city card show it", () => {
    const r = run([fact("city", "a.city", { yes: true })]);
    for (const u of ["d1", "d2", "city"]) expect(item(r, u, "a.city").score?.exact).toBe("6");
    expect(partOf(r, "d3", "p1").status).toBe("not-assessed"); // d3 has no item in p1 at all
  });
  test("rollupToCity: county events reach the county's card and the city's (4 − 0.5 × 7 = 0.5)", () => {
    const facts = [
      fact("c1", "a.vc", { events: [{ kind: "e", count: 3 }] }),
      fact("c2", "a.vc", { events: [{ kind: "e", count: 2 }] }),
      fact("d1", "a.vc", { events: [{ kind: "e" }] }),
      fact("city", "a.vc", { events: [{ kind: "e" }] }),
    ];
    const r = run(facts);
    expect(item(r, "c1", "a.vc").score?.exact).toBe("2.5");
    expect(item(r, "c2", "a.vc").score?.exact).toBe("3");
    const cityItem = item(r, "city", "a.vc");
    expect(cityItem.pooled).toBe(true);
    expect(cityItem.score?.exact).toBe("0.5");
    expect(cityItem.trace.join("\n")).toContain("甲县 3 次");
    // R4 other way: no rollup → the city card uses only its own event
    const r2 = run(facts.slice(0, 3), { rollup: false });
    expect(item(r2, "city", "a.vc").state).toBe("not-applicable"); // the city is not assessed on a per-unit leaf without rollup
    expect(() => run(facts, { rollup: false })).toThrow(/不是指标“a.vc”（a.vc）的考核对象/);
    expect(item(r2, "c1", "a.vc").score?.exact).toBe("2.5");
  });
  test("the city card's pooled item is not-entered while no unit has entered anything", () => {
    expect(item(run([]), "city", "a.vc").state).toBe("not-entered");
  });
});

describe("self vs reviewed", () => {
  test("a review fact replaces the self fact item by item; both scores are reported", () => {
    const r = run([
      fact("d1", "x", { score: 9 }),
      fact("d1", "x", { score: 7 }, { source: "review" }),
      fact("d1", "b", { score: 4 }),
    ]);
    const x = item(r, "d1", "x");
    expect(x.self.score?.exact).toBe("9");
    expect(x.reviewed.score?.exact).toBe("7");
    expect(x.score?.exact).toBe("7");
    expect(x.source).toBe("review");
    expect(item(r, "d1", "b").source).toBe("self");
    const p2 = partOf(r, "d1", "p2");
    expect(p2.self.score?.exact).toBe("90");
    expect(p2.score?.exact).toBe("70");
  });
  test("a reviewer can mark an item not applicable when the rule allows it", () => {
    const r = run([fact("d1", "opt", { yes: true }), fact("d1", "opt", undefined, { source: "review", notApplicable: { reason: "本年度未涉及专题" } })]);
    expect(item(r, "d1", "opt").state).toBe("not-applicable");
    expect(item(r, "d1", "opt").self.state).toBe("scored");
  });
});

describe("normalisation (R13), opt-in (R9), post penalties, veto", () => {
  test("100 × points ÷ max achievable over applicable items: opt-in without a fact is left out", () => {
    const r = run([fact("d2", "x", { score: 8 }), fact("d2", "veto", { triggered: false })]);
    const p = partOf(r, "d2", "p2");
    expect(item(r, "d2", "opt").state).toBe("not-applicable");
    expect(p.maxAchievable.exact).toBe("10");
    expect(p.score?.exact).toBe("80");
    expect(p.trace).toContain("折算：8 ÷ 10 × 100 = 80");
  });
  test("opt-in with a fact counts; the bonus is on top and the part may exceed 100", () => {
    const r = run([
      fact("d2", "x", { score: 10 }),
      fact("d2", "opt", { yes: true }, { modifiers: [{ code: "zd", reason: "主动提供专题" }] }),
      fact("d2", "veto", { triggered: false }),
    ]);
    const p = partOf(r, "d2", "p2");
    expect(p.points.exact).toBe("20");
    expect(p.maxAchievable.exact).toBe("15");
    expect(p.score).toEqual({ exact: "400/3", display: "133.33" });
  });
  test("加重扣分 applies after normalisation", () => {
    const r = run([fact("d2", "x", { score: 8 }), fact("d2", "veto", { triggered: false })], {}, [
      { unit: "d2", part: "p2", points: "5", reason: "网站信息失实被媒体曝光", source: "review" },
    ]);
    const p = partOf(r, "d2", "p2");
    expect(p.normalised?.exact).toBe("80");
    expect(p.score?.exact).toBe("75");
    expect(p.trace.join("\n")).toContain("加重扣分：网站信息失实被媒体曝光，80 − 5 = 75");
  });
  test("加重扣分 is refused on a part that does not allow it", () => {
    expect(() => run([], {}, [{ unit: "d1", part: "p1", points: 1, reason: "x", source: "review" }])).toThrow(ScoringInputError);
  });
  test("veto triggered: the part is 否决, scores 0 and says why", () => {
    const r = run([fact("d3", "x", { score: 10 }), fact("d3", "veto", { triggered: true, reason: "网站泄密" })]);
    const p = partOf(r, "d3", "p2");
    expect(p.status).toBe("vetoed");
    expect(p.score?.exact).toBe("0");
    expect(p.vetoReasons.join()).toContain("网站泄密");
    const ranking = r.rankings.find((k) => k.scope === "p2" && k.group === "department")!;
    expect(ranking.entries.find((e) => e.unit === "d3")?.vetoed).toBe(true);
  });
});

describe("node caps (R1) and overall (R15)", () => {
  test("node score = min(max, Σ children); the trace says the cap bit", () => {
    const tight: TIndicator = node("n", 5, [leaf("n1", 4, { type: "rating", max: 4 }), leaf("n2", 4, { type: "rating", max: 4 })]);
    const c = compileEdition(edition([part("p", [tight])]));
    const r = scoreEdition(c, { edition: "mini", facts: [fact("d1", "n1", { score: 4 }), fact("d1", "n2", { score: 3 })] });
    const n = partOf(r, "d1", "p").indicators[0];
    expect(n.kind === "node" && n.score.exact).toBe("5");
    expect(n.trace[0]).toBe("合计 7 分，超过本项上限 5 分，按 5 分计");
    expect(partOf(r, "d1", "p").maxAchievable.exact).toBe("5");
  });
  test("overall = weighted mean of the part scores the unit takes part in", () => {
    const facts = [fact("d1", "b", { score: 5 }), fact("city", "a.city", { yes: true }), fact("d1", "a.vc", { events: [] }), fact("d1", "x", { score: 5 }), fact("d1", "veto", { triggered: false })];
    // p1: (6 + 4 + 5) ÷ (min(10, 10) + 5) = 15/15 → 100; p2: 5/10 → 50
    const even = run(facts);
    expect(card(even, "d1").overall?.exact).toBe("75");
    const weighted = run(facts, { weight2: 3 });
    expect(card(weighted, "d1").overall?.exact).toBe("62.5"); // (100 × 1 + 50 × 3) ÷ 4
    expect(card(weighted, "d1").trace[0]).toBe("总分 = (100 × 1 + 50 × 3) ÷ 4 = 62.5（各部分折算分按权重平均）");
    // a county takes part in p1 only: overall = its p1 score
    expect(card(even, "c1").overall).toEqual(partOf(even, "c1", "p1").score);
  });
});

describe("rankings", () => {
  const facts = [
    fact("d1", "x", { score: 8 }),
    fact("d2", "x", { score: 9 }),
    fact("d3", "x", { score: 8 }),
    fact("d1", "veto", { triggered: false }),
    fact("d2", "veto", { triggered: false }),
    fact("d3", "veto", { triggered: false }),
  ];
  test("competition ranking 1, 2, 2 with ties listed by unit code", () => {
    const r = run(facts);
    const p2 = r.rankings.find((k) => k.scope === "p2" && k.group === "department")!;
    expect(p2.entries.map((e) => [e.unit, e.rank])).toEqual([
      ["d2", 1],
      ["d1", 2],
      ["d3", 2],
    ]);
  });
  test("independent of input order", () => {
    const a = run(facts);
    const b = run([...facts].reverse());
    expect(b.rankings).toEqual(a.rankings);
  });
  test("the city is not ranked; departments and counties are ranked apart", () => {
    const r = run(facts);
    expect(r.rankings.every((k) => k.group !== ("city" as string))).toBe(true);
    expect(r.rankings.some((k) => k.group === "county" && k.scope === "p1")).toBe(true);
  });
});
