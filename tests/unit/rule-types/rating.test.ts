import { describe, expect, test } from "vitest";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf({ type: "rating", max: "5", step: "0.5" }, "5");

describe("rating: a reviewer's score", () => {
  test.each([
    ["4.5", { score: "4.5" }, "4.5"],
    ["0", { score: 0 }, "0"],
  ])("%s", (_l, value, expected) => expect(base(leaf, value)).toBe(expected));
  test("above the max and off the step are refused", () => {
    expect(check(leaf, { score: "6" })).toEqual(["value.score: 评分 6 超过满分 5 分"]);
    expect(check(leaf, { score: "4.2" })).toEqual(["value.score: 评分应为 0.5 的整数倍"]);
  });
  test("the unit's form never sends a score; the reviewer's does", () => {
    expect(formRoundTrip(leaf, { score: "4" }).value).toBeUndefined();
    expect(formRoundTrip(leaf, { score: "4" }, "review").value).toEqual({ score: "4" });
    expect(formRoundTrip(leaf, undefined, "review").errors).toEqual({ "value.score": "请填写评分" });
  });
  test("sheet round trip", () => expect(sheetRoundTrip(leaf, { score: "4.5" })).toEqual({ score: "4.5" }));
});
