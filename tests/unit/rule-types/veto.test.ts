import { describe, expect, test } from "vitest";
import { ruleType } from "@/lib/rules/types";
import { formRoundTrip, leafOf, sheetRoundTrip } from "./helpers";

const leaf = leafOf({ type: "veto", condition: "发生重大网络安全事件" }, "0");

describe("veto: 单项否决", () => {
  test("triggered vetoes the part", () => {
    const r = ruleType(leaf.rule).evaluate(leaf, leaf.rule, { triggered: true, reason: "6月数据泄露" });
    expect(r).toMatchObject({ vetoed: true, vetoReason: "发生重大网络安全事件（6月数据泄露）" });
  });
  test("not triggered", () => {
    const r = ruleType(leaf.rule).evaluate(leaf, leaf.rule, { triggered: false });
    expect("vetoed" in r && r.vetoed).toBeFalsy();
  });
  test.each([[{ triggered: true, reason: "说明" }], [{ triggered: false }]])("form and sheet round trip %j", (value) => {
    expect(formRoundTrip(leaf, value).value).toEqual(value);
    expect(sheetRoundTrip(leaf, value)).toEqual(value);
  });
});
