// Children-sum-vs-max warnings of the 指标体系 page: computed from the edition's data with
// exact decimals, not copied from the validator's output.
import { describe, expect, it } from "vitest";
import { computeIndicatorWarnings } from "@/lib/indicators/warnings";
import { buildIndicatorsView } from "@/lib/indicators/view";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TEdition, TIndicator, TPoints } from "@/lib/rules/schema";

const leaf = (code: string, max: TPoints): TIndicator => ({ code, name: code, max, rule: { type: "rating", max } });

function editionWith(node: TIndicator): TEdition {
  return {
    id: "t",
    name: "测试",
    year: 2017,
    overall: "weighted-mean",
    units: [{ code: "d1", name: "市甲局", group: "department", aliases: [] }],
    collectives: [],
    parts: [{ code: "p", name: "部分", weight: 1, allowPostPenalty: false, indicators: [node] }],
  };
}

describe("computeIndicatorWarnings on sanming-2017", () => {
  const edition = loadEditionOrThrow("rules/sanming-2017");

  it("reports 信息化应用绩效: declared 40, children sum to 50, capped (R1)", () => {
    const warnings = computeIndicatorWarnings(edition);
    const xxh = edition.parts[0].indicators.find((n) => n.name === "信息化应用绩效");
    expect(xxh).toBeDefined();
    const w = warnings.find((x) => x.code === xxh!.code);
    expect(w).toMatchObject({ kind: "children-exceed", declared: "40", childrenSum: "50", aggregate: "cap" });
    expect(w!.message).toBe("子指标分值合计50分，超过本项声明的最高分40分；得分按40分封顶。");
    expect(w!.readingIds).toContain("R1");
  });

  it("reports nothing else: every other node's children add up to its max", () => {
    expect(computeIndicatorWarnings(edition).map((w) => w.name)).toEqual(["信息化应用绩效"]);
  });

  it("follows the data: raise a child's max and the sum in the warning follows", () => {
    const copy: TEdition = structuredClone(edition);
    const xxh = copy.parts[0].indicators[0];
    xxh.children![0].max = 25; // 公共平台 20 → 25
    const w = computeIndicatorWarnings(copy).find((x) => x.code === xxh.code);
    expect(w?.childrenSum).toBe("55");
  });

  it("is shown on the node of the page's view", () => {
    const view = buildIndicatorsView(edition);
    const top = view.parts[0].indicators.find((n) => n.name === "信息化应用绩效");
    expect(top?.warning?.childrenSum).toBe("50");
    expect(view.parts[0].indicators.filter((n) => n.warning).length).toBe(1);
  });
});

describe("computeIndicatorWarnings, worked examples", () => {
  it.each<[string, TIndicator, string | null]>([
    ["0.1 + 0.2 = 0.3 exactly: no warning", { code: "a", name: "甲", max: "0.3", children: [leaf("a.1", "0.1"), leaf("a.2", "0.2")] }, null],
    ["children short of the max", { code: "a", name: "甲", max: "0.4", children: [leaf("a.1", "0.1"), leaf("a.2", "0.2")] }, "子指标分值合计0.3分，低于本项声明的最高分0.4分，本项不可能得满分。"],
    ["children over the max, no aggregate: capped (the engine's default)", { code: "a", name: "甲", max: 1, children: [leaf("a.1", "0.55"), leaf("a.2", "0.55")] }, "子指标分值合计1.1分，超过本项声明的最高分1分；得分按1分封顶。"],
    [
      "children over the max, aggregate sum",
      { code: "a", name: "甲", max: 1, aggregate: "sum", children: [leaf("a.1", 1), leaf("a.2", 1)] },
      "子指标分值合计2分，超过本项声明的最高分1分；按子指标合计计分，声明的1分仅作标注。",
    ],
  ])("%s", (_label, node, message) => {
    const warnings = computeIndicatorWarnings(editionWith(node));
    expect(warnings[0]?.message ?? null).toBe(message);
  });

  it("checks nested nodes too: the top adds up, its child does not", () => {
    const node: TIndicator = { code: "a", name: "甲", max: 2, children: [{ code: "a.b", name: "乙", max: 2, children: [leaf("a.b.1", 1)] }] };
    const warnings = computeIndicatorWarnings(editionWith(node));
    expect(warnings.map((w) => [w.code, w.kind])).toEqual([["a.b", "children-short"]]);
  });
});
