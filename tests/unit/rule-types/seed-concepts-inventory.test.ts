// Issue #14 §3 (a) and (b) on the real sanming-2017 leaves: 高清视频会议室配备 entered as an
// inventory (rooms per county; reading R4.rooms per county or pooled) and 信用数据报送覆盖 with
// how many of the edition's counties are covered (k of 12; reading R5.counties). Scores are
// computed by hand in each row's label.
import { describe, expect, test } from "vitest";
import { compileEdition, validateItemFact } from "@/lib/engine";
import type { CompiledLeaf } from "@/lib/engine/compile";
import { evaluateLeaf, type PooledFact } from "@/lib/engine/evaluate";
import { fmt } from "@/lib/engine/exact";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { ruleType } from "@/lib/rules/types";
import { formRoundTrip, sheetRoundTrip } from "./helpers";

const edition = loadEditionOrThrow("rules/sanming-2017");
const compiled = compileEdition(edition);
const pooledRooms = compileEdition(edition, { readings: { "R4.rooms": "pooled" } });
const coverageUnder = (o: string) => compileEdition(edition, { readings: { "R5.counties": o } });

const HYSPB = "p1.xxh.sphy.hyspb";
const BSFG = "p1.xxh.xypt.bsfg";
const leafIn = (c: typeof compiled, code: string) => c.leafByCode.get(code)!;

/** the item score of one fact (and pooled facts) on a leaf, or its state when not scored */
function score(leaf: CompiledLeaf, fact: Record<string, unknown>, pooled?: PooledFact[], ownLabel = "全市"): string {
  const o = evaluateLeaf(leaf, fact as never, { pooled, ownLabel });
  return o.state === "scored" ? fmt(o.score) : o.state;
}
/** the exact item score as a fraction ("14/3"), or its state */
function exact(leaf: CompiledLeaf, fact: Record<string, unknown>): string {
  const o = evaluateLeaf(leaf, fact as never, {});
  return o.state === "scored" ? o.score.toFraction() : o.state;
}
const rooms = (entries: [string, number][]) => ({ value: { events: [], inventory: entries.map(([unit, count]) => ({ unit, count })) } });

describe("(a) 高清视频会议室配备: rooms per county", () => {
  const leaf = leafIn(compiled, HYSPB);
  test("the rule reads 3 per county and the counties from units.yaml", () => {
    const kind = leaf.rule.type === "deduction" ? leaf.rule.pools[0].kinds[0] : undefined;
    expect(kind?.inventory?.required).toBe(3);
    expect(kind?.inventory?.units).toEqual(edition.units.filter((u) => u.group === "county").map((u) => u.name));
  });

  test.each([
    ["3, 3, 2, 1 rooms: missing 0+0+1+2 = 3 → 1 − 0.15", [["梅列区", 3], ["三元区", 3], ["永安市", 2], ["明溪县", 1]], "0.85", "0.85"],
    ["4, 3, 2, 1: per county 0+0+1+2 = 3 → 0.85; pooled 12 − 10 = 2 → 0.9", [["梅列区", 4], ["三元区", 3], ["永安市", 2], ["明溪县", 1]], "0.85", "0.9"],
    ["5, 1: per county 2 → 0.9; pooled 6 − 6 = 0 → 1", [["梅列区", 5], ["三元区", 1]], "0.9", "1"],
    ["every county has 3 → 1 under both", [["梅列区", 3], ["三元区", 3]], "1", "1"],
    ["all 12 counties without a room: 36 missing → 1.8, capped at 1 → 0", edition.units.filter((u) => u.group === "county").map((u) => [u.name, 0]), "0", "0"],
  ] as [string, [string, number][], string, string][])("the city's inventory, %s", (_l, entries, perCounty, pooled) => {
    expect(score(leaf, rooms(entries))).toBe(perCounty);
    expect(score(leafIn(pooledRooms, HYSPB), rooms(entries))).toBe(pooled);
  });

  test("a county enters its own rooms (no name): 1 of 3 → 1 − 2 × 0.05 = 0.9", () => {
    expect(score(leaf, { value: { events: [], inventory: [{ count: 1 }] } }, undefined, "明溪县")).toBe("0.9");
  });

  test("the city card pools the counties' own inventories: 4, 2, 0 → per county 1 + 3 = 4 → 0.8; pooled 9 − 6 = 3 → 0.85", () => {
    const pooled: PooledFact[] = [
      { unitName: "梅列区", fact: { value: { events: [], inventory: [{ count: 4 }] } } as never },
      { unitName: "三元区", fact: { value: { events: [], inventory: [{ count: 2 }] } } as never },
      { unitName: "永安市", fact: { value: { events: [], inventory: [{ count: 0 }] } } as never },
    ];
    expect(score(leaf, { value: { events: [] } }, pooled)).toBe("0.8");
    expect(score(leafIn(pooledRooms, HYSPB), { value: { events: [] } }, pooled)).toBe("0.85");
    const trace = evaluateLeaf(leaf, { value: { events: [] } } as never, { pooled, ownLabel: "全市" }).trace.join("\n");
    expect(trace).toContain("梅列区 4 个、三元区 2 个（缺 1）、永安市 0 个（缺 3）");
  });

  test("a county listed by the city and by itself counts once, by its own fact", () => {
    const pooled: PooledFact[] = [{ unitName: "梅列区", fact: { value: { events: [], inventory: [{ count: 3 }] } } as never }];
    const o = evaluateLeaf(leaf, rooms([["梅列区", 1]]) as never, { pooled, ownLabel: "全市" });
    expect(fmt(o.score)).toBe("1");
    expect(o.trace.join("\n")).toContain("按本单位填报计");
  });

  test("inventory shortfall and recorded events of the same kind add up: 2 + 1 missing → 0.85", () => {
    expect(score(leaf, { value: { events: [{ kind: "qshys", count: 1 }], inventory: [{ unit: "梅列区", count: 1 }] } })).toBe("0.85");
  });

  test("today's facts score as before: 2 missing rooms as events → 0.9; none → 1", () => {
    expect(score(leaf, { value: { events: [{ kind: "qshys", count: 2 }] } })).toBe("0.9");
    expect(score(leafIn(pooledRooms, HYSPB), { value: { events: [{ kind: "qshys", count: 2 }] } })).toBe("0.9");
    expect(score(leaf, { value: { events: [] } })).toBe("1");
  });

  test.each([
    ["a name that is not a county", rooms([["市数字办", 2]]).value, /“市数字办”不是本考核年度的县（市、区），应为 梅列区、/],
    ["a county twice", rooms([["梅列区", 2], ["梅列区", 3]]).value, /“梅列区”重复填写，每个单位只填一行/],
    ["a negative number", { events: [], inventory: [{ unit: "梅列区", count: -1 }] }, /应为非负整数/],
  ])("refuses %s with a Chinese message", (_l, value, message) => {
    const r = validateItemFact(compiled, { unit: "city", item: HYSPB, source: "self", value }, "fact");
    expect(r.errors.map((e) => e.message).join("\n")).toMatch(message);
  });

  test("an inventory on a deduction item without one is refused", () => {
    const r = validateItemFact(compiled, { unit: "county-mingxi", item: "p1.xxh.sphy.hystj", source: "self", value: { events: [], inventory: [{ count: 1 }] } }, "fact");
    expect(r.errors.map((e) => e.message)).toContain("本项没有配备清单，不应填写配备数量（inventory）");
  });

  test("form and offline sheet round trip", () => {
    const v = { events: [{ kind: "qshys", count: 1 }], inventory: [{ unit: "梅列区", count: 2 }, { count: 1 }] };
    expect(formRoundTrip(leaf, v).value).toEqual(v);
    expect(sheetRoundTrip(leaf, v)).toEqual(v);
    expect(sheetRoundTrip(leaf, rooms([["梅列区", 0]]).value)).toEqual(rooms([["梅列区", 0]]).value);
  });

  test("the form refuses a number that is not a whole number, in Chinese, and keeps an inventory-only fact", () => {
    const rule = leaf.source.rule!;
    const m = ruleType(rule);
    const draft = m.form.initial(rule, undefined);
    const errors: Record<string, string> = {};
    m.form.build(rule, { ...draft, inventory: [{ id: "a", unit: "梅列区", count: "2.5" }, { id: "b", unit: "三元区", count: "" }] } as never, errors, { role: "self" });
    expect(errors).toEqual({ "value.inventory.0.count": "梅列区已配备的高清视频会议室数量应为整数，不能有小数", "value.inventory.1.count": "请填写三元区已配备的高清视频会议室数量" });
    const ok: Record<string, string> = {};
    expect(m.form.build(rule, { ...draft, inventory: [{ id: "a", unit: "", count: "２" }] } as never, ok, { role: "self" })).toEqual({ events: [], inventory: [{ count: 2 }] });
  });
});

describe("(b) 信用数据报送覆盖: k of the edition's 12 counties", () => {
  const leaf = leafIn(compiled, BSFG);
  const fact = (numerator: number, covered?: number, conditions?: Record<string, boolean>) => ({ value: { numerator, ...(covered !== undefined ? { covered } : {}) }, ...(conditions ? { conditions } : {}) });

  test("the number of counties comes from units.yaml", () => {
    expect(leaf.rule.type === "ratio" ? leaf.rule.coverage?.total : undefined).toBe(edition.units.filter((u) => u.group === "county").length);
  });

  test.each([
    // [label, numerator, covered, precondition (default), pooled, product]
    ["28 departments, 12 of 12 counties: 5 × 28/30 = 14/3; pooled 5 × 40/42 = 100/21; product 5 × 28/30 × 1", 28, 12, "14/3", "100/21", "14/3"],
    ["28 departments, 10 of 12: precondition unmet → 0; pooled 5 × 38/42 = 95/21; product 5 × 28/30 × 10/12 = 35/9", 28, 10, "0", "95/21", "35/9"],
    ["35 departments (30 counted), 6 of 12: 0; pooled 5 × 36/42 = 30/7; product 5 × 1 × 1/2 = 2.5", 35, 6, "0", "30/7", "5/2"],
    ["30 departments, 12 of 12: full marks under all three", 30, 12, "5", "5", "5"],
    ["0 departments, 0 counties: 0 under all three", 0, 0, "0", "0", "0"],
  ])("%s", (_l, numerator, covered, precondition, pooled, product) => {
    expect(exact(leaf, fact(numerator, covered))).toBe(precondition);
    expect(exact(leafIn(coverageUnder("pooled"), BSFG), fact(numerator, covered))).toBe(pooled);
    expect(exact(leafIn(coverageUnder("product"), BSFG), fact(numerator, covered))).toBe(product);
  });

  test("the covered count answers the precondition 覆盖所辖县 (an answer given beside it is superseded)", () => {
    const o = evaluateLeaf(leaf, fact(28, 11, { fgxq: true }) as never, {});
    expect(o.score.toFraction()).toBe("0");
    expect(o.trace.join("\n")).toContain("报送数据已覆盖的县（市、区）数 11 / 12：未全部覆盖");
    const pooled = evaluateLeaf(leafIn(coverageUnder("pooled"), BSFG), fact(28, 11, { fgxq: false }) as never, {});
    expect(pooled.score.toFraction()).toBe("65/14"); // 5 × 39/42 = 65/14: the precondition is replaced, not applied
  });

  test("today's facts score as before: yes/no precondition and departments only", () => {
    expect(exact(leaf, fact(28, undefined, { fgxq: true }))).toBe("14/3");
    expect(exact(leaf, fact(28, undefined, { fgxq: false }))).toBe("0");
    expect(exact(leaf, fact(28))).toBe("not-entered");
    expect(exact(leafIn(coverageUnder("pooled"), BSFG), fact(28, undefined, { fgxq: true }))).toBe("14/3");
  });

  test("more counties than the edition has is refused in Chinese", () => {
    const r = validateItemFact(compiled, { unit: "city", item: BSFG, source: "self", value: { numerator: 28, covered: 13 } }, "fact");
    expect(r.errors.map((e) => e.message)).toContain("报送数据已覆盖的县（市、区）数 13 大于本考核年度的县（市、区）总数 12");
  });

  test("a covered count on a ratio item without coverage is refused", () => {
    const r = validateItemFact(compiled, { unit: "city", item: "p1.xxh.xypt.gs7r", source: "self", value: { numerator: 2, denominator: 3, covered: 1 } }, "fact");
    expect(r.errors.map((e) => e.message)).toContain("本项不填写已覆盖单位数（covered）");
  });

  test("form and offline sheet round trip; the form's Chinese error", () => {
    expect(formRoundTrip(leaf, { numerator: 28, covered: 10 }).value).toEqual({ numerator: 28, covered: 10 });
    expect(sheetRoundTrip(leaf, { numerator: 28, covered: 10 })).toEqual({ numerator: 28, covered: 10 });
    const rule = leaf.source.rule!;
    const m = ruleType(rule);
    const errors: Record<string, string> = {};
    m.form.build(rule, { ...m.form.initial(rule, undefined), numerator: "28", covered: "十" } as never, errors, { role: "self" });
    expect(errors["value.covered"]).toBe("报送数据已覆盖的县（市、区）数：请输入非负整数");
  });
});
