import { describe, expect, test } from "vitest";
import { base, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf({ type: "binary", points: "10", yesLabel: "已正式印发实施方案", referenceLabel: "印发文号" });

describe("binary: 10 or 0", () => {
  test.each([
    ["yes", { yes: true, reference: "明政〔2017〕1号" }, "10"],
    ["no", { yes: false }, "0"],
  ])("%s", (_l, value, expected) => expect(base(leaf, value)).toBe(expected));
  test.each([[{ yes: true, reference: "明政〔2017〕1号", date: "2017-03-01" }], [{ yes: false }]])("form and sheet round trip %j", (value) => {
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
  test("a bad date is a field error", () => {
    const errors: Record<string, string> = {};
    const out = formRoundTrip(leaf, { yes: true, date: "2017/3/1" });
    Object.assign(errors, out.errors);
    expect(errors["value.date"]).toBe("日期格式应为 YYYY-MM-DD");
  });
});
