import { describe, expect, test } from "vitest";
import Fraction from "fraction.js";
import { fromExactString, mul, parseExact, sub, ONE, toDisplay, toExactString, toValue } from "../../lib/engine/exact";

describe("exact arithmetic (R6)", () => {
  test("7 × 0.05 = 0.35 exactly (缺席和迟到每次扣0.05分)", () => {
    expect(toExactString(mul(parseExact("0.05"), 7))).toBe("0.35");
    expect(mul(parseExact(0.05), 7).equals(parseExact("0.35"))).toBe(true);
  });
  test("1 − 19 × 0.05 = 0.05 exactly", () => {
    expect(toExactString(sub(ONE, mul(parseExact("0.05"), 19)))).toBe("0.05");
  });
  test("JSON numbers are read through their decimal string: 0.1 + 0.2 = 0.3", () => {
    expect(toExactString(parseExact(0.1).add(parseExact(0.2)))).toBe("0.3");
  });
  test.each([
    ["0.05", "0.05"],
    ["4", "4"],
    ["12.50", "12.5"],
    ["1e-3", "0.001"],
    ["2.5E2", "250"],
    ["-0.2", "-0.2"],
  ])("parse %s → %s", (input, exact) => {
    expect(toExactString(parseExact(input))).toBe(exact);
  });
  test.each(["abc", "1..2", "", "0x10", "1/3", "NaN"])("rejects %j", (input) => {
    expect(() => parseExact(input)).toThrow();
  });
  test("rejects non-finite numbers", () => {
    expect(() => parseExact(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe("exact strings: terminating decimal, else n/d", () => {
  test.each([
    [new Fraction(61, 3), "61/3"],
    [new Fraction(7, 20), "0.35"],
    [new Fraction(1, 8), "0.125"],
    [new Fraction(-1, 3), "-1/3"],
    [new Fraction(0), "0"],
    [new Fraction(3850, 45), "770/9"],
  ])("%s → %s", (f, s) => {
    expect(toExactString(f)).toBe(s);
    expect(fromExactString(s).equals(f)).toBe(true);
  });
});

describe("display: 2 places, half up (ties away from zero)", () => {
  test.each([
    ["61/3", "20.33", "61 ÷ 3 = 20.333…"],
    ["0.005", "0.01", "tie rounds up"],
    ["0.004", "0", "below half rounds down"],
    ["2/3", "0.67", "0.666…"],
    ["85.555", "85.56", "tie at the third place"],
    ["85.5549", "85.55", "not a tie"],
    ["100", "100", "integers stay short"],
    ["38.5", "38.5", "trailing zeros dropped"],
    ["-0.005", "-0.01", "negative tie goes away from zero"],
    ["-0.004", "0", "no negative zero"],
    ["-2/3", "-0.67", "negative repeating"],
    ["0.995", "1", "carry into the integer part"],
  ])("%s → %s (%s)", (exact, display) => {
    expect(toDisplay(fromExactString(exact))).toBe(display);
  });
  test("fixed places keep zeros", () => {
    expect(toDisplay(parseExact("85.5"), 2, true)).toBe("85.50");
  });
  test("toValue gives both forms", () => {
    expect(toValue(new Fraction(770, 9))).toEqual({ exact: "770/9", display: "85.56" });
  });
});
