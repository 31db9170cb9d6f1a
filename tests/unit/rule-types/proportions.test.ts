// proportions: Σ points × min(1, numerator ÷ denominator), one term per labelled share
// (服务覆盖度 of the 2018 edition). Scores, checks, the form codec (Chinese field errors),
// the generic form inputs, the offline sheet, the parameter checks and the 2018 item itself.
import { describe, expect, test } from "vitest";
import { compileEdition, scoreItem } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { ZRule, type TRule } from "@/lib/rules/schema";
import { RULE_TYPES, ruleType } from "@/lib/rules/types";
import { validateEdition } from "@/lib/rules/validate";
import { draftFromPayload, payloadFromDraft } from "@/lib/review/fact-draft";
import { parseExact, toExactString } from "@/lib/engine/exact";
import type { CompiledLeaf } from "@/lib/engine/compile";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const raw = {
  type: "proportions",
  shares: [
    { code: "qlsx", label: "行政权力事项", numeratorLabel: "已发布办事指南的行政权力事项数", denominatorLabel: "纳入本级行政权力清单的事项总数", points: "2.5" },
    { code: "ggfw", label: "公共服务事项", numeratorLabel: "已发布办事指南的公共服务事项数", denominatorLabel: "纳入本级公共服务清单的服务事项总数", points: "2.5" },
  ],
};
const leaf = leafOf(raw, "5");
/** the base score, exact (a terminating decimal or n/d) */
function exact(l: CompiledLeaf, value: unknown): string {
  const m = ruleType(l.rule);
  const r = m.evaluate(l, l.rule, m.valueSchema(l.rule).schema.parse(value));
  return "notEntered" in r ? "not-entered" : toExactString(r.base);
}
const v = (a: [number, number], b: [number, number]) => ({ shares: { qlsx: { numerator: a[0], denominator: a[1] }, ggfw: { numerator: b[0], denominator: b[1] } } });

describe("proportions: Σ points × min(1, numerator ÷ denominator)", () => {
  test.each([
    ["96/120 and 27/36: 2.5 × 0.8 + 2.5 × 0.75 = 3.875", v([96, 120], [27, 36]), "3.875"],
    ["all published", v([120, 120], [36, 36]), "5"],
    ["none published", v([0, 120], [0, 36]), "0"],
    ["1/3 and 2/3 stay exact: 2.5/3 + 5/3 = 2.5", v([1, 3], [2, 3]), "2.5"],
    ["1/3 and none: 5/6, not 0.83", v([1, 3], [0, 5]), "5/6"],
  ])("%s", (_l, value, expected) => {
    expect(exact(leaf, value)).toBe(expected);
  });

  test("the trace shows each share and the sum, in Chinese", () => {
    const m = ruleType(leaf.rule);
    const r = m.evaluate(leaf, leaf.rule, v([96, 120], [27, 36]));
    expect("lines" in r && r.lines).toEqual([
      "行政权力事项：已发布办事指南的行政权力事项数 96 ÷ 纳入本级行政权力清单的事项总数 120 = 0.8；2.5 × 0.8 = 2",
      "公共服务事项：已发布办事指南的公共服务事项数 27 ÷ 纳入本级公共服务清单的服务事项总数 36 = 0.75；2.5 × 0.75 ≈ 1.88",
      "合计：2 + 1.875 ≈ 3.88",
    ]);
  });

  test("a share not entered leaves the item not entered", () => {
    expect(base(leaf, { shares: { qlsx: { numerator: 1, denominator: 2 } } })).toBe("not-entered");
  });

  test("checks: numerator above its denominator, an unknown share, a missing share", () => {
    expect(check(leaf, v([121, 120], [1, 1]))).toEqual(["value.shares.qlsx.numerator: 行政权力事项：已发布办事指南的行政权力事项数 121 大于纳入本级行政权力清单的事项总数 120"]);
    expect(check(leaf, { shares: { ...v([1, 2], [1, 2]).shares, xx: { numerator: 1, denominator: 2 } } })[0]).toMatch(/^value\.shares\.xx: 本项没有代码为“xx”的占比/);
    expect(check(leaf, { shares: { qlsx: { numerator: 1, denominator: 2 } } })).toEqual(["value.shares.ggfw: 缺少“公共服务事项”的已发布办事指南的公共服务事项数和纳入本级公共服务清单的服务事项总数"]);
    expect(check(leaf, v([1, 0], [1, 2])).length).toBeGreaterThan(0); // a denominator of 0 is refused by the shape
  });

  test("the form: round trip, generic inputs under each share's label, Chinese field errors", () => {
    const value = v([96, 120], [27, 36]);
    expect(formRoundTrip(leaf, value)).toEqual({ value, errors: {} });
    expect(formRoundTrip(leaf, undefined)).toEqual({ value: undefined, errors: {} });
    const rule = leaf.source.rule!;
    const m = ruleType(rule);
    const draft = m.form.initial(rule, undefined);
    expect(draft.type).toBe("proportions");
    expect(m.form.inputs!(rule, draft).map((i: { label: string; group?: string; errorKey: string }) => `${i.group}/${i.label}/${i.errorKey}`)).toEqual([
      "行政权力事项/已发布办事指南的行政权力事项数/value.shares.qlsx.numerator",
      "行政权力事项/纳入本级行政权力清单的事项总数/value.shares.qlsx.denominator",
      "公共服务事项/已发布办事指南的公共服务事项数/value.shares.ggfw.numerator",
      "公共服务事项/纳入本级公共服务清单的服务事项总数/value.shares.ggfw.denominator",
    ]);
    const errors: Record<string, string> = {};
    // full-width digits are read; a decimal, a blank and a numerator above its denominator are not
    const out = m.form.build(rule, { type: "proportions", fields: { "qlsx.numerator": "９６", "qlsx.denominator": "120", "ggfw.numerator": "2.5", "ggfw.denominator": "" } }, errors, { role: "self" });
    expect(out).toEqual({ shares: { qlsx: { numerator: 96, denominator: 120 } } });
    expect(errors).toEqual({
      "value.shares.ggfw.numerator": "已发布办事指南的公共服务事项数：应为整数，不能有小数",
      "value.shares.ggfw.denominator": "请填写公共服务事项的纳入本级公共服务清单的服务事项总数",
    });
    const over: Record<string, string> = {};
    m.form.build(rule, { type: "proportions", fields: { "qlsx.numerator": "5", "qlsx.denominator": "4", "ggfw.numerator": "0", "ggfw.denominator": "0" } }, over, { role: "self" });
    expect(over).toEqual({ "value.shares.qlsx.numerator": "不能大于纳入本级行政权力清单的事项总数（4）", "value.shares.ggfw.denominator": "纳入本级公共服务清单的服务事项总数：应不小于 1" });
  });

  test("the reviewer's editor: payload → draft → payload, errors under the generic inputs' keys", () => {
    const rule = leaf.source.rule!;
    const d = draftFromPayload(rule, { value: v([96, 120], [27, 36]) }, []);
    expect(payloadFromDraft(rule, d, "5")).toEqual({ payload: { value: v([96, 120], [27, 36]) }, errors: {} });
    const blank = { ...d, value: { type: "proportions" as const, fields: { ...(d.value as { fields: Record<string, string> }).fields, "ggfw.numerator": "" } } };
    expect(payloadFromDraft(rule, blank, "5").errors).toEqual({ "value.shares.ggfw.numerator": "请填写公共服务事项的已发布办事指南的公共服务事项数" });
  });

  test("the offline sheet round trip", () => {
    expect(sheetRoundTrip(leaf, v([96, 120], [27, 36]))).toEqual(v([96, 120], [27, 36]));
  });

  test("plain Chinese", () => {
    const rule = ZRule.parse(raw) as TRule;
    expect(ruleType(rule).describeRule(rule)).toBe(
      "行政权力事项按已发布办事指南的行政权力事项数占纳入本级行政权力清单的事项总数的比例计分，满分2.5分（2.5分 × 已发布办事指南的行政权力事项数 ÷ 纳入本级行政权力清单的事项总数）；公共服务事项按已发布办事指南的公共服务事项数占纳入本级公共服务清单的服务事项总数的比例计分，满分2.5分（2.5分 × 已发布办事指南的公共服务事项数 ÷ 纳入本级公共服务清单的服务事项总数）；各项相加，全部达到即得满分5分",
    );
    expect(ruleType(rule).describeValue(rule, v([96, 120], [27, 36]))).toEqual(["行政权力事项：已发布办事指南的行政权力事项数 96，纳入本级行政权力清单的事项总数 120", "公共服务事项：已发布办事指南的公共服务事项数 27，纳入本级公共服务清单的服务事项总数 36"]);
  });

  test("parameter checks (rules:check): the shares' points add up to the item's max, codes unique", () => {
    const rule = ZRule.parse({ ...raw, shares: [raw.shares[0], { ...raw.shares[1], code: "qlsx", points: "3" }] }) as TRule;
    const errors: string[] = [];
    ruleType(rule).checkParams!(rule, { max: parseExact(5), label: "“服务覆盖度”", path: "rule", error: (p: string, m: string) => errors.push(`${p}: ${m}`), warn: () => {} });
    expect(errors).toEqual(["rule.shares[1].code: 指标“服务覆盖度”：占比代码“qlsx”重复", "rule.shares: 指标“服务覆盖度”：各项占比的分值之和 5.5 应等于本项分值 max=5"]);
  });

  test("it is registered: its key is its type, and it is in the edition format's rule union", () => {
    expect(RULE_TYPES.proportions.type).toBe("proportions");
    expect(ZRule.safeParse(raw).success).toBe(true);
    expect(ZRule.safeParse({ type: "proportions", shares: [] }).success).toBe(false);
  });
});

describe("rules/sanming-2018 p2.bsfw.fwfgd 服务覆盖度 (proportions, new in 2018)", () => {
  const edition = loadEditionOrThrow("rules/sanming-2018");
  const compiled = compileEdition(edition);
  const XZFW = "dept-xzfwzx"; // 市行政服务中心管委会, the column's lead unit (R24)
  const score = (value: unknown) => scoreItem(compiled, { unit: XZFW, item: "p2.bsfw.fwfgd", facts: [{ unit: XZFW, item: "p2.bsfw.fwfgd", source: "self", value }] });

  test("validates, and only the lead unit of the column is assessed on it (R24)", () => {
    expect(validateEdition(edition).errors).toEqual([]);
    const leaf = compiled.leafByCode.get("p2.bsfw.fwfgd")!;
    expect(leaf.rule.type).toBe("proportions");
    expect([...leaf.assessed.keys()]).toEqual([XZFW]);
  });

  test("scores as computed by hand: 2.5 × 96/120 + 2.5 × 27/36 = 2 + 1.875 = 3.875 of 5", () => {
    const r = score(v([96, 120], [27, 36]));
    expect(r.score).toEqual({ exact: "3.875", display: "3.88" });
    expect(r.trace.join("\n")).toContain("合计：2 + 1.875 ≈ 3.88");
  });

  test("2.5 × 100/300 + 2.5 × 50/60 = 5/6 + 25/12 = 35/12 of 5 (kept exact)", () => {
    expect(score(v([100, 300], [50, 60])).score).toEqual({ exact: "35/12", display: "2.92" });
  });
});
