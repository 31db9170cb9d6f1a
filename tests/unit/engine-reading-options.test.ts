// Every reading option of lib/rules/readings.ts: the same facts scored under each option,
// with expected values computed by hand in the labels. Options reach the engine only
// through the compiled edition: from edition data (`readings:`) or a run's overrides.
import { describe, expect, test } from "vitest";
import {
  compileEdition,
  EditionCompileError,
  scoreEdition,
  scoreReadingAlternatives,
  type EditionResult,
  type IndicatorResult,
  type TItemFact,
  type TPostPenalty,
} from "../../lib/engine";
import { DEFAULT_READINGS, READING_KEYS, READINGS, readingAlternatives, type ReadingOverrides } from "../../lib/rules/readings";
import type { TEdition, TIndicator, TReading, TRule } from "../../lib/rules/schema";
import { edition, fact, leaf, node, part, responsible } from "../fixtures/engine/mini";

const rec = (id: string): TReading => ({ id, source: "原文", chosen: "所选口径", alternatives: ["另一口径"] });
const rating = (max: number): TRule => ({ type: "rating", max });

function run(ed: TEdition, facts: TItemFact[], readings?: ReadingOverrides, penalties?: TPostPenalty[]): EditionResult {
  return scoreEdition(ed, { edition: "mini", facts, penalties }, { readings });
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
const card = (r: EditionResult, unit = "d1") => r.scorecards.find((c) => c.unit.code === unit)!;
function get(r: EditionResult, code: string, unit = "d1"): IndicatorResult {
  for (const p of card(r, unit).parts) {
    const f = find(p.indicators, code);
    if (f) return f;
  }
  throw new Error(`${unit}/${code} not on the card`);
}
const item = (r: EditionResult, code: string, unit = "d1") => {
  const i = get(r, code, unit);
  return i.kind === "item" && i.state !== "scored" ? i.state : (i.score?.exact ?? null);
};
const partOf = (r: EditionResult, code = "p", unit = "d1") => card(r, unit).parts.find((p) => p.code === code)!;

describe("the registry", () => {
  test("every reading has a default among its options, and descriptions in both languages", () => {
    for (const k of READING_KEYS) {
      const def = READINGS[k];
      expect(Object.keys(def.options)).toContain(def.default);
      expect(Object.keys(def.options).length).toBeGreaterThanOrEqual(2);
      for (const o of Object.values(def.options)) expect(o.zh.length * o.en.length).toBeGreaterThan(0);
    }
  });
  test("readingAlternatives lists one override per non-default option (for a what-if page)", () => {
    const alts = readingAlternatives();
    const expected = READING_KEYS.reduce((n, k) => n + Object.keys(READINGS[k].options).length - 1, 0);
    expect(alts).toHaveLength(expected);
    expect(alts).toContainEqual({ key: "R1", option: "rescale", overrides: { R1: "rescale" } });
  });
  test("an unknown reading or option is refused with the valid ones named", () => {
    const ed = edition([part("p", [leaf("a", 10, rating(10))])]);
    expect(() => compileEdition(ed, { readings: { R99: "x" } })).toThrow(EditionCompileError);
    expect(() => compileEdition(ed, { readings: { R99: "x" } })).toThrow(/未知的口径 “R99”/);
    expect(() => compileEdition(ed, { readings: { R1: "capped" } })).toThrow(/口径 R1 没有选项 “capped”，可选：cap/);
    expect(() => compileEdition({ ...ed, readings: { R15: "median" } })).toThrow(/口径 R15 没有选项 “median”/);
  });
  test("the result lists the options in force, marking this run's overrides", () => {
    const ed = { ...edition([part("p", [leaf("a", 10, rating(10))])]), readings: { R6: "round-part" } };
    const r = run(ed, [fact("d1", "a", { score: 5 })], { R1: "sum" });
    const byKey = new Map(r.readings!.map((x) => [x.key, x]));
    expect(byKey.get("R1")).toMatchObject({ option: "sum", editionOption: "cap", overridden: true });
    expect(byKey.get("R6")).toMatchObject({ option: "round-part", editionOption: "round-part", overridden: false });
    expect(byKey.get("R15")).toMatchObject({ option: "weighted-mean", overridden: false });
    expect(r.readings).toHaveLength(READING_KEYS.length);
  });
});

describe("R1: a node declared 40 over children worth 50 (the node records R1)", () => {
  // children a 20, b 10, c 10, d 10 under xxh (40); e 15 and f 15 beside it; a scores 15 → Σ children 45
  const ed = (extra: Partial<TIndicator> = { readings: [rec("R1")] }) =>
    edition([
      part("p", [
        node("xxh", 40, [leaf("a", 20, rating(20)), leaf("b", 10, rating(10)), leaf("c", 10, rating(10)), leaf("d", 10, rating(10))], extra),
        leaf("e", 15, rating(15)),
        leaf("f", 15, rating(15)),
      ]),
    ]);
  const facts = [fact("d1", "a", { score: 15 }), ...["b", "c", "d"].map((c) => fact("d1", c, { score: 10 })), fact("d1", "e", { score: 15 }), fact("d1", "f", { score: 15 })];
  test.each([
    ["cap", "40", "70", "100"], // min(45, 40) = 40; (40 + 30) ÷ 70 = 100
    ["sum", "45", "80", "93.75"], // 45; (45 + 30) ÷ 80 = 93.75
    ["rescale", "36", "70", "660/7"], // 45 × 40 ÷ 50 = 36; (36 + 30) ÷ 70 × 100 = 94.29
  ])("R1 = %s: node %s, part max %s, part score %s", (option, nodeScore, maxAch, partScore) => {
    const r = run(ed(), facts, { R1: option });
    expect(item(r, "xxh")).toBe(nodeScore);
    expect(partOf(r).maxAchievable.exact).toBe(maxAch);
    expect(partOf(r).score?.exact).toBe(partScore);
  });
  test("rescale explains the factor", () => {
    expect(get(run(ed(), facts, { R1: "rescale" }), "xxh").trace).toContain("各项合计 45 分，按 40/50 等比例折算：45 × 40 ÷ 50 = 36（口径 R1 = rescale）");
  });
  test("a node that does not record R1 keeps its own aggregate (cap)", () => {
    expect(item(run(ed({}), facts, { R1: "sum" }), "xxh")).toBe("40");
  });
  test("aggregate: rescale can be written on any node as data", () => {
    expect(item(run(ed({ aggregate: "rescale" }), facts), "xxh")).toBe("36");
  });
  test("the edition's own choice in data is the default; the reading note says when a run overrides it", () => {
    const data = { ...ed(), readings: { R1: "sum" } };
    expect(item(run(data, facts), "xxh")).toBe("45");
    const r = run(data, facts, { R1: "cap" });
    expect(item(r, "xxh")).toBe("40");
    const note = get(r, "xxh").readings[0];
    expect(note.override).toEqual({ key: "R1", option: "cap", editionOption: "sum" });
    expect(note.chosen).toContain("本次计算改用口径 R1 = cap");
  });
});

describe("R4.rollup: county events on the 全市 card (the node above records R4)", () => {
  // 甲县 misses 2 rooms: 1 − 2 × 0.05 = 0.9 on its own card
  const ed = edition([
    part("p", [
      node(
        "sphy",
        1,
        [
          leaf("rooms", 1, { type: "deduction", start: 1, floor: 0, pools: [{ code: "p", cap: 1, kinds: [{ code: "miss", name: "缺少的高清视频会议室", perEvent: "0.05", eventUnit: "个" }] }] }, {
            applicability: "responsible",
            responsible: responsible("各县（市、区）"),
            rollupToCity: true,
          }),
        ],
        { readings: [rec("R4")] },
      ),
    ]),
  ]);
  const facts = [fact("c1", "rooms", { events: [{ kind: "miss", count: 2 }] }), fact("c2", "rooms", { events: [] })];
  test.each([
    ["pool", "0.9", "scored"], // 全市 pools 甲县's 2 events: 0.9
    ["unit-only", "0.9", "not-assessed"], // 全市 has nothing to score
  ])("R4.rollup = %s: 甲县 %s, 全市 part %s", (option, county, cityStatus) => {
    const r = run(ed, facts, { "R4.rollup": option });
    expect(item(r, "rooms", "c1")).toBe(county);
    expect(partOf(r, "p", "city").status).toBe(cityStatus);
  });
});

describe("R6: when to round", () => {
  // ratio 5 × 29/30 = 29/6 (4.8333…) and a rating 7: points 71/6 of 15
  const ed = edition([part("p", [leaf("r", 5, { type: "ratio", points: 5, numeratorLabel: "已完成", denominatorLabel: "总数" }), leaf("x", 10, rating(10))])]);
  const facts = [fact("d1", "r", { numerator: 29, denominator: 30 }), fact("d1", "x", { score: 7 })];
  test.each([
    ["exact", "29/6", "710/9"], // 71/6 ÷ 15 × 100 = 78.888…
    ["round-each-step", "4.83", "78.87"], // 4.83 + 7 = 11.83; 11.83 ÷ 15 × 100 = 78.8666… → 78.87
    ["round-part", "29/6", "78.89"], // 78.888… → 78.89
  ])("R6 = %s: item %s, part %s", (option, itemScore, partScore) => {
    const r = run(ed, facts, { R6: option });
    expect(item(r, "r")).toBe(itemScore);
    expect(partOf(r).score?.exact).toBe(partScore);
    expect(card(r).overall?.exact).toBe(partScore);
  });
  test.each([
    ["exact", [1, 2, 2]], // d2 200.01/3 > d1 = d3 200/3
    ["round-part", [1, 1, 1]], // all 66.67 once rounded: a three-way tie
  ])("R6 = %s: ranks %j", (option, ranks) => {
    const e3 = edition([part("p", [leaf("x", 300, rating(300))])]);
    const r = run(e3, [fact("d1", "x", { score: 200 }), fact("d2", "x", { score: "200.01" }), fact("d3", "x", { score: 200 })], { R6: option });
    expect(r.rankings.find((k) => k.scope === "p")!.entries.map((e) => e.rank)).toEqual(ranks);
  });
});

describe("R9: 专题专栏 (opt-in item recording R9, bonus +5)", () => {
  const ed = edition([
    part("p", [
      leaf("site", 20, rating(20)),
      leaf("topic", 5, { type: "binary", points: 5, yesLabel: "按要求提供" }, {
        applicability: "opt-in",
        responsible: responsible("市直各部门"),
        readings: [rec("R9")],
        modifiers: [{ code: "zd", kind: "bonus", name: "主动提供专题建设", points: 5 }],
      }),
    ]),
  ]);
  const site = fact("d1", "site", { score: 20 });
  test.each([
    ["not-applicable", "not-applicable", "100"], // 20 ÷ 20
    ["zero", "0", "80"], // 20 ÷ 25
  ])("R9.optIn = %s: no fact → topic %s, part %s", (option, topic, partScore) => {
    const r = run(ed, [site], { "R9.optIn": option });
    expect(item(r, "topic")).toBe(topic);
    expect(partOf(r).score?.exact).toBe(partScore);
  });
  test.each([
    ["outside-max", "10", "120"], // 5 + 5; (20 + 10) ÷ 25
    ["within-max", "5", "100"], // min(10, 5); (20 + 5) ÷ 25
  ])("R9.bonus = %s: provided + bonus → topic %s, part %s", (option, topic, partScore) => {
    const r = run(ed, [site, fact("d1", "topic", { yes: true }, { modifiers: [{ code: "zd", reason: "主动建设" }] })], { "R9.bonus": option });
    expect(item(r, "topic")).toBe(topic);
    expect(partOf(r).score?.exact).toBe(partScore);
  });
});

describe("R10: 调查征集 precondition (the leaf records R10)", () => {
  const ed = edition([
    part("p", [
      leaf("cn", 6, { type: "tiers", measure: "value", measureLabel: "采纳次数", tiers: [{ min: 2, points: 6 }, { min: 1, points: 5 }], otherwise: 3 }, {
        preconditions: [{ code: "dc", label: "网上调查、意见征集各一次以上" }],
        readings: [rec("R10")],
      }),
    ]),
  ]);
  test.each([
    ["zero", "0"], // unmet → 0
    ["ignore", "6"], // adopted twice → 6
  ])("R10 = %s: adopted twice, precondition unmet → %s", (option, expected) => {
    expect(item(run(ed, [fact("d1", "cn", { value: 2 }, { conditions: { dc: false } })], { R10: option }), "cn")).toBe(expected);
  });
});

describe("R11: 在线访谈 (the leaf records R11): 配合不积极 −2, bonus +3", () => {
  const levels = [
    { code: "zz", name: "正职领导", points: 8 },
    { code: "fz", name: "副职领导", points: 7 },
  ];
  const ed = edition([
    part("p", [
      leaf("iv", 8, { type: "choice", levels, combine: "highest", noneLabel: "未开展", nonePoints: 0 }, {
        readings: [rec("R11")],
        modifiers: [
          { code: "bj", kind: "penalty", name: "配合不积极", points: 2 },
          { code: "jl", kind: "bonus", name: "接受上级访谈", points: 3 },
        ],
      }),
    ]),
  ]);
  const twice = fact("d1", "iv", { levels: ["zz"] }, { modifiers: [{ code: "bj", reason: "3月访谈" }, { code: "bj", reason: "9月访谈" }] });
  test("R11 = once: a second 配合不积极 is refused", () => {
    expect(() => run(ed, [twice], { R11: "once" })).toThrow(/每项只计一次/);
  });
  test.each([
    ["once", "6"], // 8 − 2
    ["per-occurrence", "6"], // 8 − 2 (one occurrence)
  ])("R11 = %s: one occurrence → %s", (option, expected) => {
    expect(item(run(ed, [fact("d1", "iv", { levels: ["zz"] }, { modifiers: [{ code: "bj", reason: "3月" }] })], { R11: option }), "iv")).toBe(expected);
  });
  test("R11 = per-occurrence: two occurrences → 8 − 2 − 2 = 4", () => {
    expect(item(run(ed, [twice], { R11: "per-occurrence" }), "iv")).toBe("4");
  });
  test("R11 = per-occurrence still refuses a repeated bonus", () => {
    const f = fact("d1", "iv", { levels: ["zz"] }, { modifiers: [{ code: "jl", reason: "a" }, { code: "jl", reason: "b" }] });
    expect(() => run(ed, [f], { R11: "per-occurrence" })).toThrow(/每项只计一次/);
  });
  test.each([
    ["outside-max", "10"], // 7 + 3
    ["within-max", "8"], // min(10, 8)
  ])("R11.bonus = %s: 副职 + bonus → %s", (option, expected) => {
    expect(item(run(ed, [fact("d1", "iv", { levels: ["fz"] }, { modifiers: [{ code: "jl", reason: "省网访谈" }] })], { "R11.bonus": option }), "iv")).toBe(expected);
  });
});

describe("R13: normalisation cap and 加重扣分", () => {
  const withBonus = edition([
    part("p", [leaf("site", 20, rating(20)), leaf("t", 5, { type: "binary", points: 5, yesLabel: "提供" }, { modifiers: [{ code: "b", kind: "bonus", name: "奖励", points: 5 }] })]),
  ]);
  const bonusFacts = [fact("d1", "site", { score: 20 }), fact("d1", "t", { yes: true }, { modifiers: [{ code: "b", reason: "主动" }] })];
  test.each([
    ["uncapped", "120"], // (20 + 10) ÷ 25 × 100
    ["cap-100", "100"],
  ])("R13.cap = %s: 30 of 25 → %s", (option, expected) => {
    expect(partOf(run(withBonus, bonusFacts, { "R13.cap": option })).score?.exact).toBe(expected);
  });

  const ed = edition([part("p", [leaf("a", 20, rating(20))], { allowPostPenalty: true })]);
  const pen = (points: string): TPostPenalty[] => [{ unit: "d1", part: "p", points, reason: "网站未更新被曝光", source: "review" }];
  test.each([
    ["after", "70"], // 15 ÷ 20 × 100 = 75; 75 − 5 = 70
    ["before", "50"], // (15 − 5) ÷ 20 × 100 = 50
  ])("R13.penalty = %s: 15 of 20, 加重扣分 5 → %s", (option, expected) => {
    const r = run(ed, [fact("d1", "a", { score: 15 })], { "R13.penalty": option }, pen("5"));
    expect(partOf(r).score?.exact).toBe(expected);
  });
  test("R13.penalty = before explains the order", () => {
    const r = run(ed, [fact("d1", "a", { score: 15 })], { "R13.penalty": "before" }, pen("5"));
    expect(partOf(r).trace).toContain("加重扣分（折算前扣除，口径 R13.penalty = before）：网站未更新被曝光，15 − 5 = 10");
    expect(partOf(r).trace).toContain("折算：10 ÷ 20 × 100 = 50");
  });
  test.each([
    ["no-floor", "-5"], // 75 − 80
    ["floor-0", "0"],
  ])("E4 = %s: 加重扣分 80 on 75 → %s", (option, expected) => {
    expect(partOf(run(ed, [fact("d1", "a", { score: 15 })], { E4: option }, pen("80"))).score?.exact).toBe(expected);
  });
});

describe("R15: how the parts combine", () => {
  // part p: 9 of 10 → 90 (weight 1); part q: 6 of 10 → 60 (weight 2)
  const ed = edition([part("p", [leaf("a", 10, rating(10))]), part("q", [leaf("b", 10, rating(10))], { weight: 2 })]);
  const facts = [fact("d1", "a", { score: 9 }), fact("d1", "b", { score: 6 })];
  test.each([
    ["weighted-mean", "70"], // (90 × 1 + 60 × 2) ÷ 3
    ["weighted-sum", "210"], // 90 × 1 + 60 × 2
    ["raw-sum", "15"], // 9 + 6
    ["none", null],
  ])("R15 = %s → overall %s", (option, expected) => {
    const r = run(ed, facts, { R15: option });
    expect(card(r).overall?.exact ?? null).toBe(expected);
    expect(card(r).self.overall?.exact ?? null).toBe(expected);
    expect(r.rankings.some((k) => k.scope === "overall")).toBe(expected !== null);
  });
});

describe("E1: penalty and bonus on one item", () => {
  const ed = edition([
    part("p", [
      leaf("iv", 8, { type: "choice", levels: [{ code: "zz", name: "正职领导", points: 8 }], combine: "highest", noneLabel: "未开展", nonePoints: 0 }, {
        modifiers: [
          { code: "bj", kind: "penalty", name: "配合不积极", points: 2 },
          { code: "jl", kind: "bonus", name: "接受上级访谈", points: 3 },
        ],
      }),
    ]),
  ]);
  const both = [{ code: "bj", reason: "配合差" }, { code: "jl", reason: "省网访谈" }];
  test.each([
    ["penalty-first", [], "3"], // 0 − 2 → 0; + 3
    ["net", [], "1"], // 0 − 2 + 3
    ["penalty-first", ["zz"], "9"], // 8 − 2 + 3
    ["net", ["zz"], "9"],
  ])("E1 = %s, levels %j → %s", (option, levels, expected) => {
    expect(item(run(ed, [fact("d1", "iv", { levels }, { modifiers: both })], { E1: option }), "iv")).toBe(expected);
  });
});

describe("E2 / E7: preconditions", () => {
  const ed = edition([
    part("p", [
      leaf("fk", 4, { type: "binary", points: 4, yesLabel: "分析反馈" }, {
        preconditions: [{ code: "dc", label: "网上调查一次以上" }],
        modifiers: [{ code: "b", kind: "bonus", name: "奖励", points: 3 }],
      }),
    ]),
  ]);
  test.each([
    ["not-entered", "not-entered"],
    ["unmet", "0"],
  ])("E2 = %s: precondition not answered → %s", (option, expected) => {
    expect(item(run(ed, [fact("d1", "fk", { yes: true })], { E2: option }), "fk")).toBe(expected);
  });
  test.each([
    ["apply", "3"], // base 0 + bonus 3
    ["void", "0"],
  ])("E7 = %s: precondition unmet, bonus 3 → %s", (option, expected) => {
    expect(item(run(ed, [fact("d1", "fk", { yes: true }, { conditions: { dc: false }, modifiers: [{ code: "b", reason: "另行获得" }] })], { E7: option }), "fk")).toBe(expected);
  });
});

describe("scoreReadingAlternatives (for a what-if page)", () => {
  test("one result per alternative option, each differing only by its override", () => {
    const ed = edition([part("p", [leaf("a", 10, rating(10))]), part("q", [leaf("b", 10, rating(10))], { weight: 2 })]);
    const facts = [fact("d1", "a", { score: 9 }), fact("d1", "b", { score: 6 })];
    const alts = scoreReadingAlternatives(ed, { edition: "mini", facts }, ["R15"]);
    expect(alts.map((a) => [a.option, card(a.result).overall?.exact ?? null])).toEqual([
      ["weighted-sum", "210"],
      ["raw-sum", "15"],
      ["none", null],
    ]);
    expect(alts[0].result.readings!.filter((r) => r.overridden).map((r) => r.key)).toEqual(["R15"]);
  });
});

describe("defaults", () => {
  test("no readings in the data and none overridden = the registry defaults", () => {
    const c = compileEdition(edition([part("p", [leaf("a", 10, rating(10))])]));
    expect(c.readings).toEqual(DEFAULT_READINGS);
    expect(c.overriddenReadings).toEqual([]);
  });
  test("scoring a compiled edition with overrides keeps the compiled edition untouched", () => {
    const c = compileEdition(edition([part("p", [leaf("a", 10, rating(10))]), part("q", [leaf("b", 10, rating(10))])]));
    const facts = [fact("d1", "a", { score: 9 }), fact("d1", "b", { score: 6 })];
    expect(card(scoreEdition(c, { edition: "mini", facts }, { readings: { R15: "raw-sum" } })).overall?.exact).toBe("15");
    expect(card(scoreEdition(c, { edition: "mini", facts })).overall?.exact).toBe("75");
  });
});

describe("reading options reach the engine only through the compiled edition", () => {
  test("no engine file but compile.ts resolves options; none reads the registry's defaults or the environment", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const files = readdirSync("lib/engine").filter((f) => f.endsWith(".ts"));
    for (const f of files) {
      const src = readFileSync(`lib/engine/${f}`, "utf8");
      if (f !== "compile.ts") expect(src, f).not.toMatch(/resolveReadingChoices\(|DEFAULT_READINGS/);
      expect(src, f).not.toMatch(/process\.env/);
    }
    // evaluate.ts takes its options from the compiled leaf only
    expect(readFileSync("lib/engine/evaluate.ts", "utf8")).not.toMatch(/rules\/readings/);
  });
});
