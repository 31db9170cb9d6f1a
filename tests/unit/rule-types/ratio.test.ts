import { describe, expect, test } from "vitest";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const share = leafOf({ type: "ratio", points: "5", numeratorLabel: "接入部门数", denominatorLabel: "部门总数" }, "5");
const saturate = leafOf({ type: "ratio", points: "5", numeratorLabel: "上线事项数", saturateAt: 30 }, "5");

describe("ratio: points × min(1, n ÷ target)", () => {
  test.each([
    ["21 of 24 (4.375, shown to 2 places)", share, { numerator: 21, denominator: 24 }, "4.38"],
    ["all", share, { numerator: 24, denominator: 24 }, "5"],
    ["15 of at least 30", saturate, { numerator: 15 }, "2.5"],
    ["40 of at least 30 → 1", saturate, { numerator: 40 }, "5"],
  ])("%s", (_l, leaf, value, expected) => expect(base(leaf, value)).toBe(expected));
  test("numerator above the denominator is refused", () => {
    expect(check(share, { numerator: 25, denominator: 24 })).toEqual(["value.numerator: 分子 25 大于分母 24"]);
  });
  test("form and sheet round trip", () => {
    const value = { numerator: 2, denominator: 3, list: ["甲", "乙"] };
    expect(formRoundTrip(share, value).value).toEqual(value);
    expect(sheetRoundTrip(share, value)).toEqual(value);
  });
});
