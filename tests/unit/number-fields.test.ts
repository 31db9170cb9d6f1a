// Issue #18 items 11 and 12: number fields read full-width digits, refuse fractional counts
// and absurd values with a message naming the field (which month); the engine's validator
// (every API and import path) refuses them too, and event dates outside the assessment year.
import { describe, expect, test } from "vitest";
import { buildPayload, initialFormState, normaliseNumber } from "../../lib/assessment/form-state";
import type { ItemView as LeafView } from "../../lib/assessment/item-view";
import { draftFromPayload, payloadFromDraft } from "../../lib/review/fact-draft";
import { compileEdition, validateItemFact } from "../../lib/engine";
import { loadEditionOrThrow } from "../../lib/rules/load";

const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const rawRule = (code: string) => compiled.leafByCode.get(code)!.source.rule!;
const dtxx = { code: "p2.zwgk.dtxx", rule: rawRule("p2.zwgk.dtxx"), modifiers: [], preconditions: [] } as unknown as LeafView;

function monthlyForm(values: string[]) {
  const s = initialFormState(dtxx, null);
  return buildPayload(dtxx, { ...s, value: { type: "tiers", mode: "monthly", monthly: values } });
}

describe("unit form: number fields", () => {
  test("full-width digits are read as ASCII: １２ → 12", () => {
    expect(normaliseNumber("１２")).toBe("12");
    expect(normaliseNumber(" ８．５ ")).toBe("8.5");
    const { payload, errors } = monthlyForm(["１２", ...Array(11).fill("8")]);
    expect(errors).toEqual({});
    expect((payload.value as { monthly: string[] }).monthly[0]).toBe("12");
  });
  test("a fractional count names its month; an absurd value too; each problem once", () => {
    const { errors } = monthlyForm(["8", "8", "8", "8.5", ...Array(7).fill("8"), "99999999999999999999"]);
    expect(errors).toEqual({
      "value.monthly.3": "4月发布信息条数应为整数，不能有小数",
      "value.monthly.11": "12月发布信息条数数值过大（最多 100000）",
    });
  });
});

describe("reviewer's draft: the same rules", () => {
  const r = rawRule("p2.zwgk.dtxx");
  test("full-width digits accepted, 8.5 posts refused with the month", () => {
    const d = draftFromPayload(r, { value: { monthly: Array(12).fill("8") } }, []);
    const monthly = ["１２", "8.5", ...Array(10).fill("8")];
    const out = payloadFromDraft(r, { ...d, value: { type: "tiers", mode: "monthly", monthly } }, "15");
    expect(out.errors).toEqual({ "value.monthly.1": "2月发布信息条数应为整数，不能有小数" });
    expect((out.payload.value as { monthly: string[] }).monthly[0]).toBe("12");
  });
});

describe("server: the engine's validator refuses what the forms refuse", () => {
  const check = (item: string, value: unknown) => validateItemFact(compiled, { unit: "dept-szb", item, source: "self", value }, "fact").errors.map((e) => `${e.path}: ${e.message}`);
  test("8.5 posts in a month, and 99999999999999999999", () => {
    expect(check("p2.zwgk.dtxx", { monthly: ["8.5", ...Array(11).fill("8")] })).toContain("fact.value.monthly[0]: 应为整数（条数不能有小数）");
    expect(check("p2.zwgk.dtxx", { monthly: [...Array(11).fill("8"), "99999999999999999999"] })).toContain("fact.value.monthly[11]: 数值过大（最多 100000）");
  });
  test("an event dated 2019-03-01 in the 2017 edition is refused with the allowed range", () => {
    const errs = check("p1.aq.xtaq.ld", { events: [{ kind: "tb", date: "2019-03-01" }] });
    expect(errs).toContain("fact.value.events[0].date: 日期 2019-03-01 不在考核年度内，应在 2017-01-01 至 2017-12-31 之间");
    expect(check("p1.aq.xtaq.ld", { events: [{ kind: "tb", date: "2017-12-20", fixedDate: "2018-01-05" }] })).toEqual([]);
  });
});

describe("duplicate names are not dropped silently (issue #18 item 12)", () => {
  test("the explanation says which names counted once", async () => {
    const { scoreItem } = await import("../../lib/engine");
    const r = scoreItem(compiled, { unit: "dept-szb", item: "p1.xxh.ggpt.wlw", facts: [{ unit: "city", item: "p1.xxh.ggpt.wlw", source: "self", value: { items: ["多卡融合平台", "多卡融合平台 ", "位置信息服务平台"] } }] });
    expect(r.trace.join("\n")).toContain("重复填写的名称只计一次：多卡融合平台");
  });
});
