import { describe, expect, test } from "vitest";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf(
  {
    type: "choice",
    levels: [
      { code: "zz", name: "正职", points: "5" },
      { code: "fz", name: "副职", points: "3" },
    ],
    combine: "highest",
    noneLabel: "未开展访谈",
    nonePoints: "0",
  },
  "5",
);

describe("choice: levels, the highest counts", () => {
  test.each([
    ["none", { levels: [] }, "0"],
    ["副职", { levels: ["fz"] }, "3"],
    ["both → 正职", { levels: ["fz", "zz"] }, "5"],
  ])("%s", (_l, value, expected) => expect(base(leaf, value)).toBe(expected));
  test("unknown level", () => expect(check(leaf, { levels: ["xx"] })[0]).toMatch(/未知的级别 “xx”/));
  test.each([[{ levels: ["fz"] }], [{ levels: [] }]])("form and sheet round trip %j", (value) => {
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
});
