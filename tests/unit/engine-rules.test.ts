// Table tests per rule type, labelled with the seed's words and the hand arithmetic.
import { describe, expect, test } from "vitest";
import { compileEdition, scoreItem, type TItemFact } from "../../lib/engine";
import type { TIndicator, TRule } from "../../lib/rules/schema";
import { fact, leaf, oneLeafEdition } from "../fixtures/engine/mini";

function scoreLeaf(def: TIndicator, value: TItemFact["value"], extra: Partial<TItemFact> = {}) {
  const compiled = compileEdition(oneLeafEdition(def));
  return scoreItem(compiled, { unit: "d1", item: def.code, facts: [fact("d1", def.code, value, extra)] });
}

const count = (pointsPer: string | number, cap: number): TRule => ({ type: "count", pointsPer, cap, itemLabel: "平台" });
const names = (n: number) => Array.from({ length: n }, (_, i) => `平台${i + 1}`);

describe("count: 1个平台得1分 / 0.5分，本项最高分", () => {
  const iot = leaf("iot", 4, count(1, 4), { name: "物联网服务" });
  const net = leaf("net", 4, count("0.5", 4), { name: "基础网络服务" });
  test.each([
    ["物联网 0 个平台 → 0", iot, 0, "0"],
    ["物联网 3 个 × 1 = 3", iot, 3, "3"],
    ["物联网 4 个 × 1 = 4（恰好到上限）", iot, 4, "4"],
    ["物联网 5 个 × 1 = 5，超过上限 4 → 4", iot, 5, "4"],
    ["基础网络 7 个 × 0.5 = 3.5", net, 7, "3.5"],
    ["基础网络 8 个 × 0.5 = 4（恰好到上限）", net, 8, "4"],
    ["基础网络 9 个 × 0.5 = 4.5 → 4", net, 9, "4"],
  ])("%s", (_label, def, n, exact) => {
    const r = scoreLeaf(def, { items: names(n) });
    expect(r.state).toBe("scored");
    expect(r.score?.exact).toBe(exact);
  });
  test("duplicate and blank names count once / not at all: [A, A, ' ', ''] → 1 平台", () => {
    expect(scoreLeaf(iot, { items: ["A", "A", " ", ""] }).score?.exact).toBe("1");
  });
  test("trace says the cap bit", () => {
    const r = scoreLeaf(iot, { items: names(5) });
    expect(r.trace.join("\n")).toContain("合计 5 分，超过本项上限 4 分，按 4 分计");
  });
});

describe("binary: 正式印发实施方案的，得10分；未制定的，不得分", () => {
  const dc = leaf("dc", 10, { type: "binary", points: 10, yesLabel: "已印发实施方案" });
  test.each([
    ["已印发 → 10", true, "10"],
    ["未制定 → 0", false, "0"],
  ])("%s", (_l, yes, exact) => {
    expect(scoreLeaf(dc, { yes, reference: "明政办〔2017〕1号" }).score?.exact).toBe(exact);
  });
});

describe("ratio: 5 × min(1, 覆盖部门数 ÷ 30)（不少于30个）; 10 × 完成数 ÷ 总数", () => {
  const cover = leaf("cover", 5, { type: "ratio", points: 5, numeratorLabel: "覆盖部门数", saturateAt: 30 });
  const catalog = leaf("catalog", 10, { type: "ratio", points: 10, numeratorLabel: "已完成部门数", denominatorLabel: "主要组成部门数" });
  test.each([
    ["0 个部门 → 0", cover, { numerator: 0 }, "0", "0"],
    ["15 ÷ 30 × 5 = 2.5", cover, { numerator: 15 }, "2.5", "2.5"],
    ["29 ÷ 30 × 5 = 29/6 ≈ 4.83", cover, { numerator: 29 }, "29/6", "4.83"],
    ["30 ÷ 30 × 5 = 5（恰好达到）", cover, { numerator: 30 }, "5", "5"],
    ["35 个，超过 30 按 1 计 → 5", cover, { numerator: 35 }, "5", "5"],
    ["7 ÷ 9 × 10 = 70/9 ≈ 7.78", catalog, { numerator: 7, denominator: 9 }, "70/9", "7.78"],
    ["9 ÷ 9 × 10 = 10", catalog, { numerator: 9, denominator: 9 }, "10", "10"],
    ["0 ÷ 9 × 10 = 0", catalog, { numerator: 0, denominator: 9 }, "0", "0"],
  ])("%s", (_l, def, value, exact, display) => {
    const r = scoreLeaf(def, value);
    expect(r.score).toEqual({ exact, display });
  });
});

describe("deduction: 每次扣分，分项上限，扣完为止", () => {
  const rollcall = leaf("rollcall", 1, {
    type: "deduction",
    start: 1,
    floor: 0,
    pools: [{ code: "p", cap: 1, kinds: [{ code: "qxcd", name: "缺席/迟到", perEvent: "0.05" }] }],
  });
  test.each([
    ["无缺席 → 1", 0, "1"],
    ["缺席/迟到 7 次 × 0.05 = 0.35；1 − 0.35 = 0.65", 7, "0.65"],
    ["19 次 × 0.05 = 0.95；1 − 0.95 = 0.05", 19, "0.05"],
    ["20 次 × 0.05 = 1，恰好扣完 → 0", 20, "0"],
    ["25 次 × 0.05 = 1.25，超过上限 1 → 0", 25, "0"],
  ])("%s", (_l, n, exact) => {
    const r = scoreLeaf(rollcall, { events: n ? [{ kind: "qxcd", count: n }] : [] });
    expect(r.score?.exact).toBe(exact);
  });
  test("7 separate events equal one event with count 7, and the trace reads like the seed", () => {
    const separate = scoreLeaf(rollcall, { events: Array.from({ length: 7 }, () => ({ kind: "qxcd" })) });
    expect(separate.score?.exact).toBe("0.65");
    expect(separate.trace.join("；")).toContain("缺席/迟到 7 次 × 0.05 = 0.35；1 − 0.35 = 0.65；本项满分 1 分，得 0.65 分");
  });

  const vuln = leaf("vuln", 4, {
    type: "deduction",
    start: 4,
    floor: 0,
    pools: [
      {
        code: "ld",
        cap: 4,
        kinds: [{ code: "tb", name: "漏洞被通报", perEvent: 1, lateFix: { afterDays: 14, points: 1, name: "2周内未修复反馈" } }],
      },
    ],
  });
  test.each([
    ["通报 1 次，第 10 天修复 → 4 − 1 = 3", [{ kind: "tb", date: "2017-03-01", fixedDate: "2017-03-11" }], "3"],
    ["通报 1 次，第 14 天修复（2周内，含本数）→ 3", [{ kind: "tb", date: "2017-03-01", fixedDate: "2017-03-15" }], "3"],
    ["通报 1 次，第 15 天修复 → 4 − 1 − 1 = 2", [{ kind: "tb", date: "2017-03-01", fixedDate: "2017-03-16" }], "2"],
    ["通报 1 次，未修复（null）→ 2", [{ kind: "tb", date: "2017-03-01", fixedDate: null }], "2"],
    ["通报 1 次，未填修复日期 → 2", [{ kind: "tb", date: "2017-03-01" }], "2"],
    ["跨月：2月28日通报、3月15日修复（15天）→ 2", [{ kind: "tb", date: "2017-02-28", fixedDate: "2017-03-15" }], "2"],
    ["通报 3 次均未修复：3 + 3 = 6，超过上限 4 → 0", [{ kind: "tb", count: 3, date: "2017-05-01" }], "0"],
  ])("%s", (_l, events, exact) => {
    expect(scoreLeaf(vuln, { events }).score?.exact).toBe(exact);
  });

  const grading = leaf("grading", 5, {
    type: "deduction",
    start: 5,
    floor: 0,
    pools: [{ code: "p", cap: 5, kinds: [{ code: "x", name: "不符合的信息系统", perEvent: 1 }] }],
  });
  test.each([
    ["等级保护 0 个不符合 → 5", 0, "5"],
    ["2 个不符合 → 3", 2, "3"],
    ["5 个不符合 → 0（直至5分扣完）", 5, "0"],
    ["6 个不符合 → 0（不为负）", 6, "0"],
  ])("%s", (_l, n, exact) => {
    expect(scoreLeaf(grading, { events: n ? [{ kind: "x", count: n }] : [] }).score?.exact).toBe(exact);
  });

  test("floor above 0: start 5, floor 1, 10 events × 1 → 1", () => {
    const floored = leaf("f", 5, { type: "deduction", start: 5, floor: 1, pools: [{ code: "p", cap: 10, kinds: [{ code: "x", name: "事件", perEvent: 1 }] }] });
    const r = scoreLeaf(floored, { events: [{ kind: "x", count: 10 }] });
    expect(r.score?.exact).toBe("1");
    expect(r.trace.join("\n")).toContain("低于最低分 1 分");
  });

  test("two kinds share one pool: 会场 30 次 + 纪律 15 次 = 45 × 0.05 = 2.25 → 扣 2 → 0", () => {
    const order = leaf("order", 2, {
      type: "deduction",
      start: 2,
      floor: 0,
      pools: [{ code: "p", cap: 2, kinds: [{ code: "hc", name: "会场问题", perEvent: "0.05" }, { code: "jl", name: "纪律问题", perEvent: "0.05" }] }],
    });
    expect(scoreLeaf(order, { events: [{ kind: "hc", count: 30 }, { kind: "jl", count: 15 }] }).score?.exact).toBe("0");
    expect(scoreLeaf(order, { events: [{ kind: "hc", count: 3 }, { kind: "jl", count: 4 }] }).score?.exact).toBe("1.65");
  });
});

describe("tiers: 月均发布8条及以上得15分；6条及以上得12分；4条以下得10分 (R8 fall-through)", () => {
  const dyn = leaf("dyn", 15, {
    type: "tiers",
    measure: "monthlyAverage",
    measureLabel: "发布条数",
    months: 12,
    tiers: [
      { min: 8, points: 15 },
      { min: 6, points: 12 },
    ],
    otherwise: 10,
  });
  const months = (avg: number) => Array.from({ length: 12 }, () => avg);
  test.each([
    ["月均 9 → 15", months(9), "15"],
    ["月均 8（恰好，含本数）→ 15", months(8), "15"],
    ["月均 95/12 ≈ 7.92（差一条）→ 12", [...months(8).slice(0, 11), 7], "12"],
    ["月均 7 → 12", months(7), "12"],
    ["月均 6（恰好）→ 12", months(6), "12"],
    ["月均 71/12 ≈ 5.92 → 10", [...months(6).slice(0, 11), 5], "10"],
    ["月均 5（原文未规定的 4–5 条）→ 10", months(5), "10"],
    ["月均 4 → 10", months(4), "10"],
    ["月均 0 → 10", months(0), "10"],
    ["uneven months: (10+6)×6 ÷ 12 = 8 → 15", [10, 6, 10, 6, 10, 6, 10, 6, 10, 6, 10, 6], "15"],
    ["count strings: 12 × 7 ÷ 12 = 7 → 12", Array.from({ length: 12 }, () => "7"), "12"],
  ])("%s", (_l, monthly, exact) => {
    expect(scoreLeaf(dyn, { monthly }).score?.exact).toBe(exact);
  });
  test("a month not entered (null) → not-entered, not 10", () => {
    const r = scoreLeaf(dyn, { monthly: [...months(8).slice(0, 11), null] });
    expect(r.state).toBe("not-entered");
    expect(r.score).toBeNull();
    expect(r.trace.join()).toContain("第 12 月");
  });
  const adopted = leaf("adopted", 6, {
    type: "tiers",
    measure: "value",
    measureLabel: "被采纳次数",
    tiers: [
      { min: 2, points: 6 },
      { min: 1, points: 5 },
    ],
    otherwise: 3,
  });
  test.each([
    ["被采纳 3 次 → 6", 3, "6"],
    ["被采纳2次及以上 → 6", 2, "6"],
    ["1次得5分", 1, "5"],
    ["未采纳得3分", 0, "3"],
  ])("%s", (_l, value, exact) => {
    expect(scoreLeaf(adopted, { value }).score?.exact).toBe(exact);
  });
});

describe("choice: 正职8/副职7/其他6 (highest); 通报级别 (lowest)", () => {
  const interview = leaf("iv", 8, {
    type: "choice",
    levels: [
      { code: "zz", name: "正职领导", points: 8 },
      { code: "fz", name: "副职领导", points: 7 },
      { code: "qt", name: "其他人员", points: 6 },
    ],
    combine: "highest",
    noneLabel: "未开展在线访谈",
    nonePoints: 0,
  });
  const site = leaf("site", 20, {
    type: "choice",
    levels: [
      { code: "gwy", name: "国务院办公厅通报", points: 0 },
      { code: "shi", name: "市政府办通报", points: 10 },
    ],
    combine: "lowest",
    noneLabel: "未被通报",
    nonePoints: 20,
  });
  test.each([
    ["正职领导 → 8", interview, ["zz"], "8"],
    ["副职 + 其他人员，取最高 → 7", interview, ["fz", "qt"], "7"],
    ["未开展访谈 → 0", interview, [], "0"],
    ["未被通报 → 20", site, [], "20"],
    ["被市政府办通报 → 10", site, ["shi"], "10"],
    ["被市政府办通报两次，不累加 → 10", site, ["shi", "shi"], "10"],
    ["市政府办 + 国务院办公厅，取最严重 → 0", site, ["shi", "gwy"], "0"],
  ])("%s", (_l, def, levels, exact) => {
    expect(scoreLeaf(def, { levels }).score?.exact).toBe(exact);
  });
});

describe("rating: 审核员在 0..满分 内评分", () => {
  const r20 = leaf("key", 20, { type: "rating", max: 20, step: "0.5" });
  test.each([
    ["0", "0"],
    ["15.5", "15.5"],
    [20, "20"],
  ])("评分 %s", (score, exact) => {
    expect(scoreLeaf(r20, { score }).score?.exact).toBe(exact);
  });
});

describe("modifiers: 配合不积极扣2分；奖励3分（在满分之外）", () => {
  const interview = leaf("iv", 8, {
    type: "choice",
    levels: [
      { code: "zz", name: "正职领导", points: 8 },
      { code: "fz", name: "副职领导", points: 7 },
    ],
    combine: "highest",
    noneLabel: "未开展在线访谈",
    nonePoints: 0,
  }, {
    modifiers: [
      { code: "neg", kind: "penalty", name: "访谈配合不积极", points: 2 },
      { code: "bonus", kind: "bonus", name: "接受上级媒体访谈", points: 3 },
    ],
  });
  const mods = (...codes: string[]) => codes.map((code) => ({ code, reason: "核查记录" }));
  test.each([
    ["副职 7 + 奖励 3 = 10（可超过满分 8）", ["fz"], ["bonus"], "10"],
    ["正职 8 − 2 = 6", ["zz"], ["neg"], "6"],
    ["正职 8 − 2 + 3 = 9", ["zz"], ["neg", "bonus"], "9"],
    ["未访谈 0 − 2 → 0（不为负），再 + 3 = 3", [], ["neg", "bonus"], "3"],
  ])("%s", (_l, levels, codes, exact) => {
    const r = scoreLeaf(interview, { levels }, { modifiers: mods(...codes) });
    expect(r.score?.exact).toBe(exact);
  });
});

describe("preconditions: 提供网上调查、意见征集各一次以上 (R10)", () => {
  const adopted = leaf(
    "adopted",
    6,
    { type: "tiers", measure: "value", measureLabel: "被采纳次数", tiers: [{ min: 2, points: 6 }, { min: 1, points: 5 }], otherwise: 3 },
    { preconditions: [{ code: "survey", label: "网上调查一次以上" }, { code: "solicit", label: "意见征集一次以上" }] },
  );
  test("both met: 采纳 2 次 → 6", () => {
    expect(scoreLeaf(adopted, { value: 2 }, { conditions: { survey: true, solicit: true } }).score?.exact).toBe("6");
  });
  test("one unmet → 0 with the reason", () => {
    const r = scoreLeaf(adopted, { value: 2 }, { conditions: { survey: true, solicit: false } });
    expect(r.score?.exact).toBe("0");
    expect(r.trace.join()).toContain("前提条件未满足：意见征集一次以上");
  });
  test("a condition not filled in → not-entered", () => {
    expect(scoreLeaf(adopted, { value: 2 }, { conditions: { survey: true } }).state).toBe("not-entered");
  });
});

describe("override: 审核员核定分数", () => {
  const r20 = leaf("key", 20, { type: "rating", max: 20 });
  test("review override replaces the computed score; self score is kept", () => {
    const compiled = compileEdition(oneLeafEdition(r20));
    const r = scoreItem(compiled, {
      unit: "d1",
      item: "key",
      facts: [
        fact("d1", "key", { score: 18 }),
        fact("d1", "key", { score: 18 }, { source: "review", override: { score: "12.5", reason: "抽查发现栏目更新不及时" } }),
      ],
    });
    expect(r.score?.exact).toBe("12.5");
    expect(r.self.score?.exact).toBe("18");
    expect(r.overridden).toBe(true);
    expect(r.source).toBe("review");
    expect(r.trace.join()).toContain("审核核定：12.5 分（理由：抽查发现栏目更新不及时；按规则计算为 18 分）");
  });
});
