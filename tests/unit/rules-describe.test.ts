// describeRule builds its Chinese sentence from the rule's parameters only: change a
// parameter and the sentence changes with it.
import path from "node:path";
import fc from "fast-check";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { describeRule, summariseEdition } from "@/lib/rules/describe";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { isLeaf, walkIndicators } from "@/lib/rules/resolve";
import type { TIndicator, TRule } from "@/lib/rules/schema";
import { repoRoot } from "./fixtures-rules/seed-table";

const leafWith = (rule: TRule, extra: Partial<TIndicator> = {}): TIndicator => ({ code: "x", name: "测试", max: 10, rule, ...extra });

describe("describeRule, one worked example per rule type", () => {
  it.each<[string, TIndicator, string]>([
    ["count", leafWith({ type: "count", verb: "建成", itemLabel: "平台", pointsPer: "0.5", cap: 4 }), "每建成1个平台得0.5分，本项最高4分。"],
    ["binary", leafWith({ type: "binary", points: 10, yesLabel: "正式印发实施方案", referenceLabel: "印发文号" }), "正式印发实施方案的，得10分；否则不得分（需提供印发文号）。"],
    [
      "ratio with saturation",
      leafWith({ type: "ratio", points: 5, numeratorLabel: "已覆盖的市级部门数", saturateAt: 30 }),
      "按已覆盖的市级部门数的比例计分，达到30个即得满分5分，不足的按 5分 × 实际数 ÷ 30 计分。",
    ],
    ["ratio over a denominator", leafWith({ type: "ratio", points: 10, numeratorLabel: "已完成部门数", denominatorLabel: "部门总数" }), "按比例计分：得分 = 10分 × 已完成部门数 ÷ 部门总数，全部达到即得满分10分。"],
    [
      "deduction",
      leafWith({ type: "deduction", start: 5, floor: 0, pools: [{ code: "p", cap: 5, kinds: [{ code: "k", name: "不符合的信息系统", perEvent: 1, eventUnit: "个" }] }] }),
      "本项5分，不符合的信息系统每个扣1分，扣完为止。",
    ],
    [
      "deduction with a shared pool",
      leafWith({
        type: "deduction",
        start: 2,
        floor: 0,
        pools: [{ code: "p", cap: 2, kinds: [{ code: "a", name: "会场问题", perEvent: "0.05" }, { code: "b", name: "纪律问题", perEvent: "0.05" }] }],
      }),
      "本项2分，会场问题每次扣0.05分，纪律问题每次扣0.05分（以上合计最多扣2分），扣完为止。",
    ],
    [
      "deduction with a late-fix charge and a floor",
      leafWith({
        type: "deduction",
        start: 4,
        floor: 1,
        pools: [{ code: "p", cap: 3, kinds: [{ code: "k", name: "漏洞通报", perEvent: 1, lateFix: { afterDays: 14, points: "0.5", name: "2周内未修复" } }] }],
      }),
      "本项4分，漏洞通报每次扣1分，另外2周内未修复（超过14天）的每次再扣0.5分（此项最多扣3分），最低1分。",
    ],
    [
      "tiers",
      leafWith({ type: "tiers", measure: "monthlyAverage", measureLabel: "发布信息条数", months: 12, tiers: [{ min: 8, points: 15 }, { min: 6, points: 12 }], otherwise: 10 }),
      "按发布信息条数的月平均值（全年按12个月计）分档计分：达到8及以上得15分；达到6及以上得12分；低于6得10分。",
    ],
    [
      "choice",
      leafWith({ type: "choice", levels: [{ code: "a", name: "正职领导", points: 8 }, { code: "b", name: "副职领导", points: 7 }], combine: "highest", noneLabel: "未开展访谈", nonePoints: 0 }),
      "按级别计分：正职领导得8分；副职领导得7分；同时有多项时按得分最高者计；未开展访谈得0分。",
    ],
    ["rating", leafWith({ type: "rating", max: 20 }), "审核员在0–20分之间评分。"],
    ["rating with a step", leafWith({ type: "rating", max: 5, step: "0.5" }), "审核员在0–5分之间评分（步长0.5分）。"],
    ["veto", leafWith({ type: "veto", condition: "发生重大泄密事件" }), "单项否决：发生重大泄密事件的，本部分考核不合格（不论得分多少）。"],
    [
      "preconditions and modifiers",
      leafWith(
        { type: "binary", points: 5, yesLabel: "按要求提供内容" },
        {
          preconditions: [{ code: "a", label: "提供网上调查一次以上" }],
          modifiers: [
            { code: "m", kind: "penalty", name: "配合不积极", points: 2 },
            { code: "n", kind: "bonus", name: "主动提供", points: 3 },
          ],
        },
      ),
      "按要求提供内容的，得5分；否则不得分。须满足：提供网上调查一次以上，否则本项得0分。另：配合不积极扣2分；主动提供加3分（加分在本项满分之外）。",
    ],
  ])("%s", (_name, leaf, expected) => {
    expect(describeRule(leaf)).toBe(expected);
  });

  // the same leaf recording R10 and R11, described under the edition's reading options
  const tagged = leafWith(
    { type: "binary", points: 5, yesLabel: "按要求提供内容" },
    {
      readings: ["R10", "R11"].map((id) => ({ id, source: "原文", chosen: "口径", alternatives: [] })),
      preconditions: [{ code: "a", label: "提供网上调查一次以上" }],
      modifiers: [
        { code: "m", kind: "penalty", name: "配合不积极", points: 2 },
        { code: "n", kind: "bonus", name: "主动提供", points: 3 },
      ],
    },
  );
  it.each<[string, Record<string, string> | undefined, string]>([
    ["defaults", undefined, "按要求提供内容的，得5分；否则不得分。须满足：提供网上调查一次以上，否则本项得0分。另：配合不积极扣2分；主动提供加3分（加分在本项满分之外）。"],
    [
      "R10 ignore, R11 per-occurrence, R11.bonus within-max",
      { R10: "ignore", R11: "per-occurrence", "R11.bonus": "within-max" },
      "按要求提供内容的，得5分；否则不得分。另：配合不积极每次扣2分；主动提供加3分（加分后以本项满分封顶）。",
    ],
  ])("reading options: %s", (_name, readings, expected) => {
    expect(describeRule(tagged, readings)).toBe(expected);
  });

  it("says so when a leaf has no rule", () => {
    expect(describeRule({ code: "x", name: "x", max: 1 })).toBe("未设置计分规则。");
  });
});

// random decimals as the YAML writes them ("3.50" is allowed and reads as 3.5)
const decimal = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.boolean()).map(([i, f, pad]) => (f === 0 ? `${i}` : `${i}.${pad ? String(f).padStart(2, "0") : f}`));
const canon = (s: string | number) => new Fraction(s).toString();

describe("describeRule derives every number from the parameters (property)", () => {
  it("count", () => {
    fc.assert(
      fc.property(decimal, decimal, (per, cap) => {
        const text = describeRule(leafWith({ type: "count", itemLabel: "平台", pointsPer: per, cap }));
        expect(text).toBe(`每1个平台得${canon(per)}分，本项最高${canon(cap)}分。`);
      }),
    );
  });

  it("deduction", () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, fc.integer({ min: 1, max: 60 }), (start, per, late, days) => {
        const text = describeRule(
          leafWith({ type: "deduction", start, floor: 0, pools: [{ code: "p", cap: start, kinds: [{ code: "k", name: "通报", perEvent: per, lateFix: { afterDays: days, points: late, name: "逾期" } }] }] }),
        );
        expect(text).toBe(`本项${canon(start)}分，通报每次扣${canon(per)}分，另外逾期（超过${days}天）的每次再扣${canon(late)}分，扣完为止。`);
      }),
    );
  });

  it("tiers", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, decimal), { minLength: 1, maxLength: 4 }), decimal, (tiers, otherwise) => {
        const text = describeRule(leafWith({ type: "tiers", measure: "value", measureLabel: "次数", tiers: tiers.map(([min, points]) => ({ min, points })), otherwise }));
        const body = tiers.map(([min, points]) => `达到${canon(min)}及以上得${canon(points)}分`).join("；");
        expect(text).toBe(`按次数分档计分：${body}；低于${canon(tiers[tiers.length - 1][0])}得${canon(otherwise)}分。`);
      }),
    );
  });

  it("choice, ratio, binary, rating", () => {
    fc.assert(
      fc.property(decimal, decimal, fc.integer({ min: 1, max: 500 }), (a, b, n) => {
        expect(describeRule(leafWith({ type: "choice", levels: [{ code: "a", name: "甲", points: a }], combine: "lowest", noneLabel: "无", nonePoints: b }))).toBe(
          `按级别计分：甲得${canon(a)}分；同时有多项时按得分最低者计；无得${canon(b)}分。`,
        );
        expect(describeRule(leafWith({ type: "ratio", points: a, numeratorLabel: "数", saturateAt: n }))).toContain(`达到${n}个即得满分${canon(a)}分`);
        expect(describeRule(leafWith({ type: "binary", points: a, yesLabel: "完成" }))).toBe(`完成的，得${canon(a)}分；否则不得分。`);
        expect(describeRule(leafWith({ type: "rating", max: b }))).toBe(`审核员在0–${canon(b)}分之间评分。`);
      }),
    );
  });
});

describe("the real edition", () => {
  const edition = loadEditionOrThrow(path.join(repoRoot, "rules/sanming-2017"));
  const leaves = edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].filter((w) => isLeaf(w.node)).map((w) => w.node));
  const byCode = (code: string) => leaves.find((l) => l.code === code) as TIndicator;

  it("describes every leaf, and each description contains the leaf's own numbers", () => {
    for (const leaf of leaves) {
      const text = describeRule(leaf);
      expect(text, leaf.code).not.toContain("未设置");
      const r = leaf.rule as TRule;
      const nums: (string | number)[] =
        r.type === "count" ? [r.pointsPer, r.cap]
        : r.type === "binary" || r.type === "ratio" ? [r.points]
        : r.type === "deduction" ? [r.start, ...r.pools.flatMap((p) => p.kinds.map((k) => k.perEvent))]
        : r.type === "tiers" ? [...r.tiers.flatMap((t) => [t.min, t.points]), r.otherwise]
        : r.type === "choice" ? [...r.levels.map((l) => l.points), r.nonePoints]
        : r.type === "rating" ? [r.max]
        : [];
      for (const n of nums) expect(text, leaf.code).toContain(canon(n));
    }
  });

  it.each([
    ["p1.xxh.ggpt.jcwl", "每建成1个平台得0.5分，本项最高4分。"],
    ["p1.xxh.xypt.bsfg", "按报送数据已覆盖的市级部门数的比例计分，达到30个即得满分5分，不足的按 5分 × 实际数 ÷ 30 计分；可另填报送数据已覆盖的县（市、区）数，按口径 R5.counties 计分。须满足：覆盖所辖县（市、区），否则本项得0分。"],
    ["p1.aq.dbbh", "本项5分，不符合等级保护要求的信息系统每个扣1分，扣完为止。"],
    ["p1.aq.xtaq.ld", "本项4分，漏洞被省网络与信息安全信息通报中心通报每次扣1分，另外2周内未修复反馈（超过14天）的每次再扣1分，扣完为止。"],
    ["p2.zwgk.zdxx", "审核员在0–20分之间评分。"],
    ["p2.bmwz", "按级别计分：被国务院办公厅通报得0分；被省政府办公厅通报得0分；被市政府办通报得10分；被网络安全监管相关部门通报批评、在专项检查中被发现重大安全问题得0分；同时有多项时按得分最低者计；未被通报得20分。"],
  ])("%s", (code, expected) => {
    expect(describeRule(byCode(code))).toBe(expected);
  });

  it("summariseEdition counts parts, columns and units", () => {
    expect(summariseEdition(edition)).toEqual({
      id: "sanming-2017",
      name: "2017年度三明市电子政务绩效考核",
      year: 2017,
      parts: [
        { code: "p1", name: "综合应用部分", declaredMax: "70", sumOfLeafMax: "80", leafCount: 23 },
        { code: "p2", name: "政府网站建设部分", declaredMax: "100", sumOfLeafMax: "100", leafCount: 10 },
      ],
      columns: { all: 140, leaf: 111 },
      units: { department: 32, county: 12, city: 1 },
    });
  });
});
