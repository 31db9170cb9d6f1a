import { describe, expect, test } from "vitest";
import { base, check, formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf(
  {
    type: "deduction",
    start: "5",
    pools: [
      {
        code: "aq",
        cap: "5",
        kinds: [
          { code: "tb", name: "漏洞通报", perEvent: "1", lateFix: { afterDays: 14, points: "1", name: "逾期整改" } },
          { code: "wg", name: "违规外联", perEvent: "0.5" },
        ],
      },
    ],
  },
  "5",
);

describe("deduction: start − Σ per event, pool capped, floor 0", () => {
  test.each([
    ["no events", { events: [] }, "5"],
    ["2 × 违规外联", { events: [{ kind: "wg", count: 2 }] }, "4"],
    ["漏洞 fixed in 10 days", { events: [{ kind: "tb", date: "2017-03-01", fixedDate: "2017-03-11" }] }, "4"],
    ["漏洞 never fixed: +1", { events: [{ kind: "tb", date: "2017-03-01", fixedDate: null }] }, "3"],
    ["beyond the cap: floor", { events: [{ kind: "wg", count: 20 }] }, "0"],
  ])("%s", (_l, value, expected) => expect(base(leaf, value)).toBe(expected));
  test("unknown kind and a fix before the notice are refused", () => {
    expect(check(leaf, { events: [{ kind: "xx" }] })[0]).toMatch(/未知的扣分类型 “xx”/);
    expect(check(leaf, { events: [{ kind: "tb", date: "2017-03-10", fixedDate: "2017-03-01" }] })).toEqual(["value.events[0].fixedDate: 整改日期 2017-03-01 早于通报日期 2017-03-10"]);
  });
  test("form and sheet round trip", () => {
    const value = { events: [{ kind: "tb", count: 1, date: "2017-03-01", fixedDate: "2017-03-20", note: "两台服务器" }, { kind: "wg", count: 2 }] };
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
  test("a count of 1.5 is a field error naming the row", () => {
    const { errors } = formRoundTrip(leaf, { events: [{ kind: "wg", count: "1.5" }] });
    expect(errors["value.events.0.count"]).toBe("第 1 条次数应为整数，不能有小数");
  });
});
