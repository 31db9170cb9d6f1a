import { describe, expect, test } from "vitest";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf({ type: "count", pointsPer: "0.5", cap: "4", itemLabel: "平台", verb: "建成" }, "4");

describe("count: 每建成1个平台得0.5分，本项最高4分", () => {
  test.each([
    ["none", { items: [] }, "0"],
    ["3 platforms", { items: ["甲", "乙", "丙"] }, "1.5"],
    ["duplicates and blanks count once", { items: ["甲", " 甲", "", "乙"] }, "1"],
    ["9 platforms capped at 4", { items: ["1", "2", "3", "4", "5", "6", "7", "8", "9"] }, "4"],
  ])("%s", (_label, value, expected) => expect(base(leaf, value)).toBe(expected));
  test("shape errors are Chinese", () => expect(check(leaf, { items: "甲" }).length).toBeGreaterThan(0));
  test.each([[{ items: ["甲", "乙"] }], [{ items: [] }]])("form and sheet round trip %j", (value) => {
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
  test("empty form: not entered for the unit, none for the reviewer", () => {
    expect(formRoundTrip(leaf, undefined).value).toBeUndefined();
    expect(formRoundTrip(leaf, undefined, "review").value).toEqual({ items: [] });
  });
});
