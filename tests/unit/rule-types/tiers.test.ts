import { describe, expect, test } from "vitest";
import { base, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const tiers = [
  { min: "30", points: "15" },
  { min: "20", points: "10" },
  { min: "10", points: "5" },
];
const monthly = leafOf({ type: "tiers", measure: "monthlyAverage", measureLabel: "发布信息条数", tiers, otherwise: "0" }, "15");
const plain = leafOf({ type: "tiers", measure: "value", measureLabel: "访问量", tiers, otherwise: "0" }, "15");
const m = (n: string) => Array(12).fill(n);

describe("tiers: the first tier the measure reaches", () => {
  test.each([
    ["monthly average 30 → 15", monthly, { monthly: m("30") }, "15"],
    ["monthly average 29.5 → 10", monthly, { monthly: [...Array(6).fill("30"), ...Array(6).fill("29")] }, "10"],
    ["below the lowest → otherwise", monthly, { monthly: m("9") }, "0"],
    ["a month missing → not entered", monthly, { monthly: [...m("30").slice(1), null] }, "not-entered"],
    ["value 20 → 10", plain, { value: "20" }, "10"],
  ])("%s", (_l, leaf, value, expected) => expect(base(leaf, value)).toBe(expected));
  test.each([
    [monthly, { monthly: m("8") }],
    [plain, { value: "12.5" }],
  ])("form and sheet round trip %#", (leaf, value) => {
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
});
