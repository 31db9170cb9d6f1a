// Every reading of domain.md, both ways, by building variant rule data.
// Readings with an engine switch (lib/rules/readings.ts) are also tested option by option in
// tests/unit/engine-reading-options.test.ts.
import { describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, type EditionResult, type IndicatorResult, type TItemFact } from "../../lib/engine";
import type { TEdition, TIndicator, TRule } from "../../lib/rules/schema";
import { edition, fact, leaf, node, part, responsible, UNITS } from "../fixtures/engine/mini";

function run(ed: TEdition, facts: TItemFact[]): EditionResult {
  return scoreEdition(compileEdition(ed), { edition: "mini", facts });
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
function get(r: EditionResult, unit: string, code: string): IndicatorResult {
  const card = r.scorecards.find((c) => c.unit.code === unit)!;
  for (const p of card.parts) {
    const f = find(p.indicators, code);
    if (f) return f;
  }
  throw new Error(`${unit}/${code} not on the card`);
}
const score = (r: EditionResult, unit: string, code: string) => get(r, unit, code).score?.exact ?? null;
const partScore = (r: EditionResult, unit: string, p = "p") => r.scorecards.find((c) => c.unit.code === unit)!.parts.find((x) => x.code === p)!;
const rating = (max: number): TRule => ({ type: "rating", max });
const platforms = (n: number) => ({ items: Array.from({ length: n }, (_, i) => `平台${i + 1}`) });

describe("R1 信息化应用绩效 headed 40, children add to 50", () => {
  const tree = (aggregate: "cap" | "sum") =>
    edition([
      part("p", [
        node("xxh", 40, [leaf("a", 20, rating(20)), leaf("b", 10, rating(10)), leaf("c", 10, rating(10)), leaf("d", 10, rating(10))], { aggregate }),
        leaf("e", 15, rating(15)),
        leaf("f", 15, rating(15)),
      ]),
    ]);
  const full = ["a", "b", "c", "d", "e", "f"].map((c) => fact("d1", c, { score: { a: 20, e: 15, f: 15 }[c] ?? 10 }));
  test("chosen (cap): min(50, 40) = 40; part max 70 → 100", () => {
    const r = run(tree("cap"), full);
    expect(score(r, "d1", "xxh")).toBe("40");
    expect(partScore(r, "d1").maxAchievable.exact).toBe("70");
    expect(partScore(r, "d1").score?.exact).toBe("100");
    expect(get(r, "d1", "xxh").trace).toContain("合计 50 分，超过本项上限 40 分，按 40 分计");
  });
  test("alternative (sum): 50 counts; part max 80 → 100", () => {
    const r = run(tree("sum"), full);
    expect(score(r, "d1", "xxh")).toBe("50");
    expect(partScore(r, "d1").maxAchievable.exact).toBe("80");
  });
  test("with 35 of 50 the cap does not bite: 35 + 15 + 15 = 65 of 70 → 92.86", () => {
    const r = run(tree("cap"), full.map((f) => (f.item === "a" ? fact("d1", "a", { score: 5 }) : f)));
    expect(score(r, "d1", "xxh")).toBe("35");
    expect(partScore(r, "d1").score?.display).toBe("92.86");
  });
});

describe("R2 以上如分项合计如超出本分项最高分值，则按最高分值计算", () => {
  const cat = (code: string, max: number, per: string | number, cap: number) => leaf(code, max, { type: "count", pointsPer: per, cap, itemLabel: "平台" });
  const chosen = edition([part("p", [node("pt", 20, [cat("iot", 4, 1, 4), cat("cloud", 3, 1, 3)], { aggregate: "cap" })])]);
  // alternative: categories uncapped (cap and max raised), only the 二级 total is capped at 20
  const alt = edition([part("p", [node("pt", 7, [cat("iot", 20, 1, 20), cat("cloud", 20, 1, 20)], { aggregate: "cap" })])]);
  test("chosen: each category capped at its own max: 物联网 6 个 → 4, 云计算 0 → 0; 二级 4", () => {
    const r = run(chosen, [fact("d1", "iot", platforms(6)), fact("d1", "cloud", platforms(0))]);
    expect(score(r, "d1", "iot")).toBe("4");
    expect(score(r, "d1", "pt")).toBe("4");
  });
  test("alternative: only the total is capped: 6 + 0 = 6 (under the total cap 7)", () => {
    const r = run(alt, [fact("d1", "iot", platforms(6)), fact("d1", "cloud", platforms(0))]);
    expect(score(r, "d1", "iot")).toBe("6");
    expect(score(r, "d1", "pt")).toBe("6");
    expect(partScore(r, "d1").maxAchievable.exact).toBe("7");
  });
});

describe("R3 ①–⑥ markers map to the six platform categories in order", () => {
  const cityLeaf = (code: string, units: string[]) => leaf(code, 4, { type: "count", pointsPer: 1, cap: 4, itemLabel: "平台" }, { scope: "city", applicability: "responsible", responsible: responsible(...units) });
  test("chosen: a cooperating unit named under ① sees only ①'s category on its card", () => {
    const ed = edition([part("p", [node("pt", 8, [cityLeaf("iot", ["d1", "d2"]), cityLeaf("net", ["d1"])])])]);
    const r = run(ed, [fact("city", "iot", platforms(2)), fact("city", "net", platforms(3))]);
    expect(score(r, "d2", "iot")).toBe("2");
    expect(get(r, "d2", "net").state).toBe("not-applicable");
  });
  test("alternative: markers name cooperators of the whole 二级 → they see every category", () => {
    const noResp = (code: string) => leaf(code, 4, { type: "count", pointsPer: 1, cap: 4, itemLabel: "平台" }, { scope: "city", applicability: "responsible" });
    const ed = edition([part("p", [node("pt", 8, [noResp("iot"), noResp("net")], { responsible: responsible("d1", "d2") })])]);
    const r = run(ed, [fact("city", "iot", platforms(2)), fact("city", "net", platforms(3))]);
    expect(score(r, "d2", "net")).toBe("3");
  });
});

describe("R4 视频会议 counting and 从所属设区市中扣相应分数", () => {
  const vc = (rollupToCity: boolean) =>
    edition([
      part("p", [
        leaf("rooms", 1, { type: "deduction", start: 1, floor: 0, pools: [{ code: "p", cap: 1, kinds: [{ code: "miss", name: "缺少的高清视频会议室", perEvent: "0.05", eventUnit: "个" }] }] }, {
          applicability: "responsible",
          responsible: responsible("各县（市、区）"),
          rollupToCity,
        }),
      ]),
    ]);
  // county by county, no offsetting: 甲县 has 1 of 3 rooms (2 missing), 乙县 has 4 (none missing)
  const facts = [fact("c1", "rooms", { events: [{ kind: "miss", count: 2 }] }), fact("c2", "rooms", { events: [] })];
  test("chosen: county events count on the county's card and on 全市 (1 − 2 × 0.05 = 0.9 both)", () => {
    const r = run(vc(true), facts);
    expect(score(r, "c1", "rooms")).toBe("0.9");
    expect(score(r, "city", "rooms")).toBe("0.9");
    expect(get(r, "city", "rooms").trace).toContain("缺少的高清视频会议室：甲县 2 个");
  });
  test("alternative (only the county): the city card does not pool", () => {
    const r = run(vc(false), facts);
    expect(score(r, "c1", "rooms")).toBe("0.9");
    expect(partScore(r, "city").status).toBe("not-assessed");
  });
  test("shared pool vs one pool per kind (seen when a pool cap is below the start)", () => {
    const kinds = [{ code: "hc", name: "会场问题", perEvent: "0.05" }, { code: "jl", name: "纪律问题", perEvent: "0.05" }];
    const shared = leaf("o", 4, { type: "deduction", start: 4, floor: 0, pools: [{ code: "p", cap: 2, kinds }] });
    const split = leaf("o", 4, { type: "deduction", start: 4, floor: 0, pools: [{ code: "a", cap: 2, kinds: [kinds[0]] }, { code: "b", cap: 2, kinds: [kinds[1]] }] });
    const events = { events: [{ kind: "hc", count: 30 }, { kind: "jl", count: 30 }] };
    expect(score(run(edition([part("p", [shared])]), [fact("d1", "o", events)]), "d1", "o")).toBe("2"); // 4 − min(2, 1.5 + 1.5)
    expect(score(run(edition([part("p", [split])]), [fact("d1", "o", events)]), "d1", "o")).toBe("1"); // 4 − min(2, 1.5) − min(2, 1.5)
  });
});

describe("R5 proportional items", () => {
  const cover = (r: Partial<TRule & { type: "ratio" }>, extra: Partial<TIndicator> = {}) =>
    edition([part("p", [leaf("cover", 5, { type: "ratio", points: 5, numeratorLabel: "覆盖部门数", ...r } as TRule, extra)])]);
  test("chosen: 5 × min(1, 24 ÷ 30) = 4 (不少于30个)", () => {
    expect(score(run(cover({ saturateAt: 30 }), [fact("d1", "cover", { numerator: 24 })]), "d1", "cover")).toBe("4");
  });
  test("alternative: share of all departments 24 ÷ 40 × 5 = 3", () => {
    expect(score(run(cover({ denominatorLabel: "市级部门总数" }), [fact("d1", "cover", { numerator: 24, denominator: 40 })]), "d1", "cover")).toBe("3");
  });
  test("counties as a precondition: not covered → 0; without the precondition → 4", () => {
    const withPre = cover({ saturateAt: 30 }, { preconditions: [{ code: "xq", label: "覆盖所辖县（市、区）" }] });
    expect(score(run(withPre, [fact("d1", "cover", { numerator: 24 }, { conditions: { xq: false } })]), "d1", "cover")).toBe("0");
    expect(score(run(withPre, [fact("d1", "cover", { numerator: 24 }, { conditions: { xq: true } })]), "d1", "cover")).toBe("4");
  });
});

describe("R6 exact values; rounding only for display; ranks compare exact values", () => {
  test("two units that both display 66.67 are ranked by their exact values", () => {
    // d1: 2/3 × 100 = 66.666…; d2: 200.01/3 ≈ 66.67 (display equal, exact larger)
    const ed = edition([part("p", [leaf("x", 300, rating(300))])]);
    const r = run(ed, [fact("d1", "x", { score: 200 }), fact("d2", "x", { score: "200.01" }), fact("d3", "x", { score: 200 })]);
    const entries = r.rankings.find((k) => k.scope === "p")!.entries;
    expect(entries.map((e) => [e.unit, e.rank, e.score.display])).toEqual([
      ["d2", 1, "66.67"],
      ["d1", 2, "66.67"],
      ["d3", 2, "66.67"],
    ]);
    expect(entries[1].score.exact).toBe("200/3");
  });
  // The alternatives (round after every step, round after normalising) are reading options:
  // tests/unit/engine-reading-options.test.ts "R6".
});

describe("R7 等级保护 / 漏洞 / 违规外联", () => {
  const chosen = leaf("ld", 4, {
    type: "deduction",
    start: 4,
    floor: 0,
    pools: [{ code: "ld", cap: 4, kinds: [{ code: "tb", name: "漏洞通报", perEvent: 1, lateFix: { afterDays: 14, points: 1, name: "2周内未修复反馈" } }] }],
  });
  const alt = leaf("ld", 4, { type: "deduction", start: 4, floor: 0, pools: [{ code: "ld", cap: 4, kinds: [{ code: "tb", name: "漏洞通报（未修复不另扣）", perEvent: 1 }] }] });
  const unfixed = { events: [{ kind: "tb", date: "2017-04-01", fixedDate: null }] };
  test("chosen: one unfixed notice charges twice: 4 − 1 − 1 = 2", () => {
    expect(score(run(edition([part("p", [chosen])]), [fact("d1", "ld", unfixed)]), "d1", "ld")).toBe("2");
  });
  test("alternative: 未修复的只扣1分，不与通报扣分叠加 → 3", () => {
    expect(score(run(edition([part("p", [alt])]), [fact("d1", "ld", { events: [{ kind: "tb" }] })]), "d1", "ld")).toBe("3");
  });
  test("both charges share the pool: 3 unfixed notices = 6 → capped at 4 → 0", () => {
    expect(score(run(edition([part("p", [chosen])]), [fact("d1", "ld", { events: [{ kind: "tb", count: 3, date: "2017-04-01" }] })]), "d1", "ld")).toBe("0");
  });
});

describe("R8 月均发布8条及以上得15分；发布6条及以上得12分；发布4条以下得10分", () => {
  const tiers = (t: { min: number; points: number }[], otherwise: number) =>
    edition([part("p", [leaf("dyn", 15, { type: "tiers", measure: "monthlyAverage", measureLabel: "条数", tiers: t, otherwise })])]);
  const avg = (n: number) => fact("d1", "dyn", { monthly: Array(12).fill(n) });
  const chosen = tiers([{ min: 8, points: 15 }, { min: 6, points: 12 }], 10);
  const altZero = tiers([{ min: 8, points: 15 }, { min: 6, points: 12 }, { min: 4, points: 0 }], 10);
  const altTwelve = tiers([{ min: 8, points: 15 }, { min: 4, points: 12 }], 10);
  test.each([
    [5, "10", "0", "12"],
    [4, "10", "0", "12"],
    [3, "10", "10", "10"],
    [6, "12", "12", "12"],
  ])("月均 %s: chosen (fall-through) %s, alt 4–5 → 0: %s, alt 4–5 → 12: %s", (n, a, b, c) => {
    expect(score(run(chosen, [avg(n)]), "d1", "dyn")).toBe(a);
    expect(score(run(altZero, [avg(n)]), "d1", "dyn")).toBe(b);
    expect(score(run(altTwelve, [avg(n)]), "d1", "dyn")).toBe(c);
  });
});

describe("R9 专题专栏: not involved → not applicable; +5 on top", () => {
  const topic = (applicability: TIndicator["applicability"]) =>
    edition([
      part("p", [
        leaf("site", 20, rating(20)),
        leaf("topic", 5, { type: "binary", points: 5, yesLabel: "按要求提供" }, {
          applicability,
          responsible: responsible("市直各部门"),
          modifiers: [{ code: "zd", kind: "bonus", name: "主动提供专题建设", points: 5 }],
        }),
      ]),
    ]);
  const base = [fact("d1", "site", { score: 20 })];
  test("chosen (opt-in): no fact → 不适用, left out of the denominator → 20 ÷ 20 = 100", () => {
    const r = run(topic("opt-in"), base);
    expect(get(r, "d1", "topic").state).toBe("not-applicable");
    expect(partScore(r, "d1").score?.exact).toBe("100");
  });
  test("alternative (未涉及的部门得0分): responsible → not entered counts 0 → 20 ÷ 25 = 80", () => {
    const r = run(topic("responsible"), base);
    expect(get(r, "d1", "topic").state).toBe("not-entered");
    expect(partScore(r, "d1").score?.exact).toBe("80");
  });
  test("chosen: the +5 is on top: 5 + 5 = 10 of 5", () => {
    const r = run(topic("opt-in"), [...base, fact("d1", "topic", { yes: true }, { modifiers: [{ code: "zd", reason: "主动提供" }] })]);
    expect(score(r, "d1", "topic")).toBe("10");
    expect(partScore(r, "d1").score?.exact).toBe("120");
  });
  test("alternative (奖励计入5分上限): the bonus as a leaf under a 5-point cap → 5", () => {
    const capped = edition([
      part("p", [node("topic", 5, [leaf("t1", 5, { type: "binary", points: 5, yesLabel: "按要求提供" }), leaf("t2", 5, { type: "binary", points: 5, yesLabel: "主动提供" })], { aggregate: "cap" })]),
    ]);
    const r = run(capped, [fact("d1", "t1", { yes: true }), fact("d1", "t2", { yes: true })]);
    expect(score(r, "d1", "topic")).toBe("5");
  });
});

describe("R10 调查征集: 6 points need a survey and a solicitation; feedback earns 4 regardless", () => {
  const adopted = (pre: boolean): TIndicator =>
    leaf("cn", 6, { type: "tiers", measure: "value", measureLabel: "采纳次数", tiers: [{ min: 2, points: 6 }, { min: 1, points: 5 }], otherwise: 3 }, pre ? { preconditions: [{ code: "dc", label: "网上调查、意见征集各一次以上" }] } : {});
  const fb = (pre: boolean): TIndicator => leaf("fk", 4, { type: "binary", points: 4, yesLabel: "分析反馈" }, pre ? { preconditions: [{ code: "dc", label: "网上调查、意见征集各一次以上" }] } : {});
  const facts = (met: boolean, pre2 = false) => [
    fact("d1", "cn", { value: 2 }, { conditions: { dc: met } }),
    fact("d1", "fk", { yes: true }, pre2 ? { conditions: { dc: met } } : {}),
  ];
  test("chosen: unmet → 采纳 0, 反馈 4", () => {
    const r = run(edition([part("p", [node("dczj", 10, [adopted(true), fb(false)])])]), facts(false));
    expect(score(r, "d1", "cn")).toBe("0");
    expect(score(r, "d1", "dczj")).toBe("4");
  });
  test("alternative: no precondition → 采纳 2 次 = 6, total 10", () => {
    const r = run(edition([part("p", [node("dczj", 10, [adopted(false), fb(false)])])]), [fact("d1", "cn", { value: 2 }), fact("d1", "fk", { yes: true })]);
    expect(score(r, "d1", "dczj")).toBe("10");
  });
  test("alternative: unmet → the whole 10 is 0", () => {
    const r = run(edition([part("p", [node("dczj", 10, [adopted(true), fb(true)])])]), facts(false, true));
    expect(score(r, "d1", "dczj")).toBe("0");
  });
});

describe("R11 在线访谈: highest level; −2 once; +3 not capped at 8", () => {
  const levels = [
    { code: "zz", name: "正职领导", points: 8 },
    { code: "fz", name: "副职领导", points: 7 },
    { code: "qt", name: "其他人员", points: 6 },
  ];
  const iv = (combine: "highest" | "lowest") =>
    edition([
      part("p", [
        leaf("iv", 8, { type: "choice", levels, combine, noneLabel: "未开展", nonePoints: 0 }, {
          modifiers: [
            { code: "bj", kind: "penalty", name: "配合不积极", points: 2 },
            { code: "jl", kind: "bonus", name: "接受上级访谈", points: 3 },
          ],
        }),
      ]),
    ]);
  test("chosen: 正职 + 其他人员 → 8; + 3 = 11 (over 8)", () => {
    const r = run(iv("highest"), [fact("d1", "iv", { levels: ["qt", "zz"] }, { modifiers: [{ code: "jl", reason: "省网访谈" }] })]);
    expect(score(r, "d1", "iv")).toBe("11");
  });
  test("contrast (lowest level counts) → 6 + 3 = 9", () => {
    const r = run(iv("lowest"), [fact("d1", "iv", { levels: ["qt", "zz"] }, { modifiers: [{ code: "jl", reason: "省网访谈" }] })]);
    expect(score(r, "d1", "iv")).toBe("9");
  });
  test("−2 applies once (a second entry is refused)", () => {
    const mods = [{ code: "bj", reason: "a" }, { code: "bj", reason: "b" }];
    expect(() => run(iv("highest"), [fact("d1", "iv", { levels: ["zz"] }, { modifiers: mods })])).toThrow(/每项只计一次/);
  });
  test("alternative (奖励后总分以8分封顶): the bonus as a leaf under an 8-point cap → 8", () => {
    const capped = edition([
      part("p", [node("iv", 8, [leaf("lv", 8, { type: "choice", levels, combine: "highest", noneLabel: "未开展", nonePoints: 0 }), leaf("jl", 3, { type: "binary", points: 3, yesLabel: "接受上级访谈" })], { aggregate: "cap" })]),
    ]);
    expect(score(run(capped, [fact("d1", "lv", { levels: ["fz"] }), fact("d1", "jl", { yes: true })]), "d1", "iv")).toBe("8");
  });
});

describe("R12 知识库 7/0; 部门网站: the worst 通报 level governs, repeats do not stack", () => {
  test("chosen 知识库 binary: no middle score; alternative rating 0–7 allows 3.5", () => {
    const bin = edition([part("p", [leaf("zsk", 7, { type: "binary", points: 7, yesLabel: "形成长期有效的问题解答" })])]);
    const rat = edition([part("p", [leaf("zsk", 7, { type: "rating", max: 7, step: "0.5" })])]);
    expect(score(run(bin, [fact("d1", "zsk", { yes: false })]), "d1", "zsk")).toBe("0");
    expect(score(run(rat, [fact("d1", "zsk", { score: "3.5" })]), "d1", "zsk")).toBe("3.5");
  });
  const levels = [
    { code: "gwy", name: "国务院办公厅通报", points: 0 },
    { code: "shi", name: "市政府办通报", points: 10 },
  ];
  test("chosen: 市 twice → 10", () => {
    const ed = edition([part("p", [leaf("web", 20, { type: "choice", levels, combine: "lowest", noneLabel: "未被通报", nonePoints: 20 })])]);
    expect(score(run(ed, [fact("d1", "web", { levels: ["shi", "shi"] })]), "d1", "web")).toBe("10");
  });
  test("alternative (每次通报分别扣分并累加): 市 twice → 20 − 10 − 10 = 0", () => {
    const ed = edition([
      part("p", [leaf("web", 20, { type: "deduction", start: 20, floor: 0, pools: [{ code: "p", cap: 20, kinds: [{ code: "shi", name: "市政府办通报", perEvent: 10 }, { code: "gwy", name: "国务院办公厅通报", perEvent: 20 }] }] })]),
    ]);
    expect(score(run(ed, [fact("d1", "web", { events: [{ kind: "shi", count: 2 }] })]), "d1", "web")).toBe("0");
  });
});

describe("R13 直接折算成百分制: denominator = applicable items' base max", () => {
  const ed = (applicability: TIndicator["applicability"]) =>
    edition([part("p", [leaf("a", 15, rating(15)), leaf("b", 20, rating(20), { applicability, responsible: responsible("d2"), columns: undefined })])]);
  test("chosen: d1 is not responsible for b → 12 ÷ 15 × 100 = 80", () => {
    const r = run(ed("responsible"), [fact("d1", "a", { score: 12 })]);
    expect(partScore(r, "d1").score?.exact).toBe("80");
    expect(partScore(r, "d1").trace).toContain("折算：12 ÷ 15 × 100 = 80");
  });
  test("contrast: b assessed on every department → 12 ÷ 35 × 100 = 34.29", () => {
    const r = run(ed("all-departments"), [fact("d1", "a", { score: 12 })]);
    expect(partScore(r, "d1").score?.display).toBe("34.29");
  });
  // Alternatives "超过100分按100分计" and "加重扣分在折算前扣除" are reading options R13.cap and
  // R13.penalty: tests/unit/engine-reading-options.test.ts "R13".
});

describe("R14 city-level vs per-unit items", () => {
  const ed = (scope: "city" | "unit") => edition([part("p", [leaf("dc", 10, { type: "binary", points: 10, yesLabel: "已印发" }, { scope, applicability: "responsible", responsible: responsible("d1", "d2") })])]);
  test("chosen for 数据中心整合 (city): one fact, every responsible unit shows 10", () => {
    const r = run(ed("city"), [fact("city", "dc", { yes: true })]);
    expect([score(r, "d1", "dc"), score(r, "d2", "dc"), score(r, "city", "dc")]).toEqual(["10", "10", "10"]);
  });
  test("alternative (per unit): each unit its own fact", () => {
    const r = run(ed("unit"), [fact("d1", "dc", { yes: true }), fact("d2", "dc", { yes: false })]);
    expect([score(r, "d1", "dc"), score(r, "d2", "dc")]).toEqual(["10", "0"]);
  });
});

describe("R15 overall = weighted mean of the normalised part scores", () => {
  const ed = (w2: number) => edition([part("p", [leaf("a", 10, rating(10))]), part("q", [leaf("b", 10, rating(10))], { weight: w2 })]);
  const facts = [fact("d1", "a", { score: 9 }), fact("d1", "b", { score: 6 })];
  test("weights 1 : 1 → (90 + 60) ÷ 2 = 75", () => {
    expect(run(ed(1), facts).scorecards.find((c) => c.unit.code === "d1")!.overall?.exact).toBe("75");
  });
  test("weights 1 : 2 → (90 + 120) ÷ 3 = 70", () => {
    expect(run(ed(2), facts).scorecards.find((c) => c.unit.code === "d1")!.overall?.exact).toBe("70");
  });
});

describe("R16 several units on a column; blank cells across a 二级 boundary", () => {
  const withColumns = (responsibleCol: { unit: string; role: "lead"; inferred: boolean }[] | undefined) =>
    edition([
      part(
        "p",
        [leaf("meet", 15, rating(15), { applicability: "columns", columns: ["zyhy"] })],
        { columns: [{ code: "zyhy", name: "重要会议", responsible: responsibleCol }] },
      ),
    ]);
  test("chosen: blank read as 市直各部门 (inferred) → every department is assessed", () => {
    const r = run(withColumns([{ unit: "市直各部门", role: "lead", inferred: true }]), []);
    for (const d of UNITS.filter((u) => u.group === "department")) expect(get(r, d.code, "meet").state).toBe("not-entered");
  });
  test("several units on one column: each is responsible", () => {
    const r = run(withColumns(responsible("d1", "d2")), []);
    expect(get(r, "d1", "meet").state).toBe("not-entered");
    expect(get(r, "d2", "meet").state).toBe("not-entered");
    expect(partScore(r, "d3").status).toBe("not-assessed");
  });
  test("alternative (空白即无人负责): nobody is assessed on the item", () => {
    const r = run(withColumns(undefined), []);
    for (const u of UNITS) expect(partScore(r, u.code).status).toBe("not-assessed");
  });
});
