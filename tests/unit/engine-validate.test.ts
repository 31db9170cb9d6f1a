// Input validation against an edition: errors are Chinese and name the JSON path.
import { describe, expect, test } from "vitest";
import { compileEdition, formatIssue, validateItemFact, validateScoringInput } from "../../lib/engine";
import { edition, leaf, part, responsible } from "../fixtures/engine/mini";

const compiled = compileEdition(
  edition([
    part(
      "p",
      [
        leaf("cnt", 4, { type: "count", pointsPer: 1, cap: 4, itemLabel: "平台" }, { name: "物联网服务" }),
        leaf("ded", 4, {
          type: "deduction",
          start: 4,
          floor: 0,
          pools: [
            { code: "ld", cap: 4, kinds: [{ code: "tb", name: "漏洞通报", perEvent: 1, lateFix: { afterDays: 14, points: 1, name: "未修复" } }] },
            { code: "wl", cap: 2, kinds: [{ code: "wgwl", name: "违规外联", perEvent: "0.2" }] },
          ],
        }),
        leaf("rat", 5, { type: "ratio", points: 5, numeratorLabel: "已完成", denominatorLabel: "总数" }),
        leaf("tier", 15, { type: "tiers", measure: "monthlyAverage", measureLabel: "条数", tiers: [{ min: 8, points: 15 }], otherwise: 10 }),
        leaf("ch", 8, { type: "choice", levels: [{ code: "zz", name: "正职", points: 8 }], combine: "highest", noneLabel: "无", nonePoints: 0 }, {
          modifiers: [{ code: "bonus", kind: "bonus", name: "奖励", points: 3 }],
          preconditions: [{ code: "ok", label: "条件" }],
        }),
        leaf("rt", 20, { type: "rating", max: 20, step: "0.5" }),
        leaf("town", 10, { type: "binary", points: 10, yesLabel: "已印发" }, { scope: "city", applicability: "responsible", responsible: responsible("d1") }),
        leaf("opt", 5, { type: "binary", points: 5, yesLabel: "提供" }, { applicability: "opt-in", responsible: responsible("市直各部门") }),
      ],
      { allowPostPenalty: true },
    ),
  ]),
);

function errorsOf(facts: unknown[], extra: Record<string, unknown> = {}): string[] {
  const v = validateScoringInput(compiled, { edition: "mini", facts, ...extra });
  return v.ok ? [] : v.errors.map(formatIssue);
}
const f = (over: Record<string, unknown>) => ({ unit: "d1", item: "cnt", source: "self", value: { items: [] }, ...over });

describe("unknown codes are errors, never ignored", () => {
  test.each([
    ["unknown unit", f({ unit: "nope" }), "facts[0].unit: 未知的单位代码 “nope”"],
    ["unit name instead of code", f({ unit: "甲局" }), "facts[0].unit: 未知的单位代码 “甲局”：“甲局”是单位名称，应填写代码 “d1”"],
    ["unknown item", f({ item: "zzz" }), "facts[0].item: 未知的指标代码 “zzz”"],
    ["item name instead of code", f({ item: "物联网服务" }), "应填写代码 “cnt”"],
    [
      "unknown deduction kind",
      f({ item: "ded", value: { events: [{ kind: "xyz" }] } }),
      "facts[0].value.events[0].kind: 未知的扣分类型 “xyz”，应为 tb（漏洞通报）、wgwl（违规外联）",
    ],
    ["unknown level", f({ item: "ch", value: { levels: ["boss"] }, conditions: { ok: true } }), "facts[0].value.levels[0]: 未知的级别 “boss”，应为 zz（正职）"],
    ["unknown modifier", f({ item: "ch", value: { levels: [] }, modifiers: [{ code: "xx", reason: "r" }] }), "facts[0].modifiers[0].code: 未知的加减分项 “xx”，应为 bonus（奖励）"],
    ["modifier twice", f({ item: "ch", value: { levels: [] }, modifiers: [{ code: "bonus", reason: "r" }, { code: "bonus", reason: "r" }] }), "facts[0].modifiers[1].code: 加减分项“奖励”已在 modifiers[0] 填写"],
    ["unknown precondition", f({ item: "ch", value: { levels: [] }, conditions: { nope: true } }), "facts[0].conditions.nope: 未知的前提条件 “nope”，应为 ok（条件）"],
    ["precondition on an item without any", f({ conditions: { a: true } }), "本项没有前提条件"],
  ])("%s", (_l, fact, message) => {
    expect(errorsOf([fact]).join("\n")).toContain(message);
  });
});

describe("value shape must match the rule type", () => {
  test("a binary value on a count item names the expected shape", () => {
    const e = errorsOf([f({ value: { yes: true } })]);
    expect(e).toContain(`facts[0].value: 指标“物联网服务”（cnt）为计数型，value 应为 { "items": ["名称", …] }`);
    expect(e).toContain("facts[0].value: 出现未知字段：“yes”");
    expect(e).toContain("facts[0].value.items: 缺少必填字段（应为数组）");
  });
  test.each([
    ["2017-02-30 is not a date", f({ item: "ded", value: { events: [{ kind: "wgwl", date: "2017-02-30" }] } }), "facts[0].value.events[0].date: 不是有效的日历日期"],
    ["date format", f({ item: "ded", value: { events: [{ kind: "wgwl", date: "2017/3/1" }] } }), "facts[0].value.events[0].date: 日期格式应为 YYYY-MM-DD"],
    ["count ≥ 1", f({ item: "ded", value: { events: [{ kind: "wgwl", count: 0 }] } }), "facts[0].value.events[0].count: 次数至少为 1"],
    ["fixedDate on a kind without lateFix", f({ item: "ded", value: { events: [{ kind: "wgwl", date: "2017-03-01", fixedDate: "2017-03-02" }] } }), "不涉及整改期限"],
    ["fixed before notice", f({ item: "ded", value: { events: [{ kind: "tb", date: "2017-03-10", fixedDate: "2017-03-02" }] } }), "facts[0].value.events[0].fixedDate: 整改日期 2017-03-02 早于通报日期 2017-03-10"],
    ["fixedDate needs date", f({ item: "ded", value: { events: [{ kind: "tb", fixedDate: "2017-03-02" }] } }), "facts[0].value.events[0].date: 填写了整改日期时须填写通报日期"],
    ["numerator > denominator", f({ item: "rat", value: { numerator: 10, denominator: 9 } }), "facts[0].value.numerator: 分子 10 大于分母 9"],
    ["denominator required without saturateAt", f({ item: "rat", value: { numerator: 3 } }), "facts[0].value.denominator: 缺少必填字段"],
    ["list must match numerator", f({ item: "rat", value: { numerator: 3, denominator: 9, list: ["a", "b"] } }), "清单中有 2 个不同名称，与分子 3 不一致"],
    ["12 months", f({ item: "tier", value: { monthly: [8, 8] } }), "facts[0].value.monthly: 应有 12 个月的数据（未填的月份写 null），实际 2 个"],
    ["negative month", f({ item: "tier", value: { monthly: [-1, ...Array(11).fill(8)] } }), "facts[0].value.monthly[0]"],
    ["rating above max", f({ item: "rt", value: { score: "20.5" } }), "facts[0].value.score: 评分 20.5 超过满分 20 分"],
    ["rating step", f({ item: "rt", value: { score: "10.3" } }), "facts[0].value.score: 评分应为 0.5 的整数倍"],
    ["rating as a word", f({ item: "rt", value: { score: "十分" } }), "facts[0].value.score"],
    ["numerator not an integer", f({ item: "rat", value: { numerator: 2.5, denominator: 9 } }), "facts[0].value.numerator: 应为整数"],
  ])("%s", (_l, fact, message) => {
    expect(errorsOf([fact]).join("\n")).toContain(message);
  });
  test("numbers may be strings or JSON numbers", () => {
    expect(errorsOf([f({ item: "rt", value: { score: "15.5" } }), f({ item: "rt", source: "review", value: { score: 15.5 } })])).toEqual([]);
  });
});

describe("where facts may go", () => {
  test.each([
    ["city-scope item under a department", f({ item: "town", value: { yes: true } }), "facts[0].unit: 指标“town”（town）为全市统一考核项，事实应填在全市单位 “city” 下"],
    ["unit not assessed on the item", f({ unit: "c1" }), "facts[0].unit: 单位“甲县”（c1）不是指标“物联网服务”（cnt）的考核对象"],
    ["notApplicable not allowed", f({ value: undefined, notApplicable: { reason: "无" } }), "facts[0].notApplicable: 指标“物联网服务”（cnt）不允许标记为不适用"],
    ["notApplicable needs a reason", f({ item: "opt", value: undefined, notApplicable: { reason: " " } }), "facts[0].notApplicable.reason: 请填写理由"],
    ["notApplicable and a value", f({ item: "opt", value: { yes: true }, notApplicable: { reason: "未涉及" } }), "标记为不适用时不应再填写 value"],
    ["override on a self fact", f({ item: "rt", value: { score: 5 }, override: { score: 5, reason: "r" } }), `facts[0].override: 只有审核数据（source: "review"）可以核定分数`],
    ["override above max + bonus", f({ item: "ch", source: "review", value: { levels: [] }, override: { score: "11.5", reason: "r" } }), "facts[0].override.score: 核定分数 11.5 超出允许范围 0～11 分"],
    ["override below 0", f({ item: "rt", source: "review", override: { score: "-1", reason: "r" } }), "超出允许范围 0～20 分"],
    ["unknown field", f({ vaule: 1 }), "facts[0]: 出现未知字段：“vaule”"],
    ["bad source", f({ source: "boss" }), `facts[0].source: 应为以下之一："self"、"review"`],
  ])("%s", (_l, fact, message) => {
    expect(errorsOf([fact]).join("\n")).toContain(message);
  });
  test("override within max + bonus is fine (8 + 3 = 11)", () => {
    expect(errorsOf([f({ item: "ch", source: "review", value: undefined, override: { score: 11, reason: "r" } })])).toEqual([]);
  });
  test("opt-in items may be marked not applicable", () => {
    expect(errorsOf([f({ item: "opt", value: undefined, notApplicable: { reason: "未涉及专题" } })])).toEqual([]);
  });
  test("duplicates (same unit, item, source) are an error", () => {
    expect(errorsOf([f({}), f({})])).toContain("facts[1]: 与 facts[0] 重复：同一单位、指标和来源（self）只能有一条事实");
  });
});

describe("the input as a whole", () => {
  test("wrong edition", () => {
    const v = validateScoringInput(compiled, { edition: "sanming-2018", facts: [] });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.errors.map(formatIssue)).toContain("edition: 输入针对规则版本 “sanming-2018”，而当前规则版本为 “mini”");
  });
  test.each([
    [[], "输入应为 JSON 对象"],
    [{ edition: "mini" }, "facts: 缺少必填字段 facts（数组）"],
    [{ edition: "mini", facts: {} }, "facts: 应为数组"],
    [{ edition: "mini", facts: [], extra: 1 }, "extra: 出现未知字段"],
  ])("%j", (input, message) => {
    const v = validateScoringInput(compiled, input);
    expect(!v.ok && v.errors.map(formatIssue).join("\n")).toContain(message);
  });
  test.each([
    [{ unit: "d1", part: "zz", points: 1, reason: "r", source: "review" }, "penalties[0].part: 未知的考核部分 “zz”，应为 p"],
    [{ unit: "d1", part: "p", points: 0, reason: "r", source: "review" }, "penalties[0].points: 扣分应大于 0"],
    [{ unit: "d1", part: "p", points: 1, reason: "", source: "review" }, "penalties[0].reason: 请填写理由"],
    [{ unit: "d1", part: "p", points: 1, reason: "r", source: "self" }, "penalties[0].source"],
  ])("penalty %j", (penalty, message) => {
    expect(errorsOf([], { penalties: [penalty] }).join("\n")).toContain(message);
  });
  test("warnings for duplicate names do not block", () => {
    const v = validateScoringInput(compiled, { edition: "mini", facts: [f({ value: { items: ["A", "A"] } })] });
    expect(v.ok).toBe(true);
    expect(v.warnings.map(formatIssue)).toContain("facts[0].value.items[1]: “A”重复，只计一次");
  });
  test("validateItemFact works on one fact for the UI", () => {
    const r = validateItemFact(compiled, { unit: "d1", item: "rt", source: "self", value: { score: 30 } }, "fact");
    expect(r.errors.map(formatIssue)).toEqual(["fact.value.score: 评分 30 超过满分 20 分"]);
  });
});
