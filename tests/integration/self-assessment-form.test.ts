// The item form's state → payload conversion (components/self-assessment/form-state.ts),
// checked against the real sanming-2017 leaves and the engine: what the form sends is what
// the engine accepts, and errors are keyed by the same paths the server uses. Pure: no
// database.
import { beforeAll, describe, expect, it } from "vitest";
import { buildPayload, describePayload, initialFormState, type FormState, type ValueState } from "@/lib/assessment/form-state";
import { buildItemView, type ItemView as LeafView } from "@/lib/assessment/item-view";
import { compileEdition, scoreItem, validateItemFact, type CompiledEdition } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";

let compiled: CompiledEdition;

beforeAll(() => {
  compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
});

function leaf(code: string): LeafView {
  const l = compiled.leafByCode.get(code);
  if (!l) throw new Error(`no leaf ${code}`);
  return buildItemView(compiled, l);
}

function withValue(code: string, value: Partial<ValueState>): { view: LeafView; state: FormState } {
  const view = leaf(code);
  const s = initialFormState(view, null);
  return { view, state: { ...s, value: { ...s.value, ...value } as ValueState } };
}

/** Score a payload as the server would (the fact is validated first). */
function score(code: string, unit: string, payload: object) {
  const l = compiled.leafByCode.get(code)!;
  const factUnit = l.scope === "city" ? "city" : unit;
  const fact = { ...payload, unit: factUnit, item: code, source: "self" as const };
  const v = validateItemFact(compiled, fact);
  expect(v.errors).toEqual([]);
  return scoreItem(compiled, { unit, item: code, facts: [fact] });
}

describe("item form → payload", () => {
  it("an untouched form sends no value (the item stays 未填写)", () => {
    for (const code of ["p1.xxh.sphy.tsdm", "p1.xxh.ggpt.wlw", "p1.xxh.sjzx", "p1.zy.mlbz", "p2.zwgk.dtxx", "p2.hdlm.zxft", "p2.zwgk.zdxx"]) {
      const view = leaf(code);
      expect(buildPayload(view, initialFormState(view, null)), code).toEqual({ payload: {}, errors: {} });
    }
  });

  it("7 roll-call absences in one row → 0.65 of 1, explained with 7 and 0.05", () => {
    const { view, state } = withValue("p1.xxh.sphy.tsdm", { events: [{ id: "a", kind: "qxcd", count: "7", date: "", fixedDate: "", note: "" }] });
    const { payload, errors } = buildPayload(view, state);
    expect(errors).toEqual({});
    expect(payload).toEqual({ value: { events: [{ kind: "qxcd", count: 7 }] } });
    const r = score("p1.xxh.sphy.tsdm", "county-sanyuan", payload);
    expect(r.score?.display).toBe("0.65");
    expect(r.trace.join("\n")).toMatch(/7.*0\.05/);
  });

  it("5 IoT platforms by name (blank rows and repeats not counted) → 4 of 4, the cap explained", () => {
    const names = ["视频共享平台", "位置服务平台", "多卡融合平台", "识别管控平台", "环境监测平台", "", "视频共享平台 "];
    const { view, state } = withValue("p1.xxh.ggpt.wlw", { rows: names.map((name, i) => ({ id: String(i), name })) });
    const { payload } = buildPayload(view, state);
    expect((payload.value as { items: string[] }).items).toHaveLength(6);
    const r = score("p1.xxh.ggpt.wlw", "dept-szb", payload);
    expect(r.score?.display).toBe("4");
    expect(r.trace.join("\n")).toContain("5 个");
    expect(r.trace.join("\n")).toMatch(/超过本项上限 4 分/);
  });

  it.each<[string, string, Partial<ValueState>, Record<string, string>]>([
    ["deduction without a kind", "p1.xxh.sphy.tsdm", { events: [{ id: "a", kind: "", count: "", date: "", fixedDate: "", note: "" }] }, { "value.events.0.kind": "请选择扣分类型" }],
    ["deduction count 0", "p1.xxh.sphy.tsdm", { events: [{ id: "a", kind: "qxcd", count: "0", date: "", fixedDate: "", note: "" }] }, { "value.events.0.count": "第 1 条次数应不小于 1" }],
    [
      "a fix before its notice",
      "p1.aq.xtaq.ld",
      { events: [{ id: "a", kind: "tb", count: "", date: "2017-05-10", fixedDate: "2017-05-01", note: "" }] },
      { "value.events.0.fixedDate": "整改日期不能早于通报日期" },
    ],
    ["ratio with letters", "p1.zy.mlbz", { numerator: "十", denominator: "20" }, { "value.numerator": "已完成信息资源目录登记发布的本级政府主要组成部门数：请输入非负整数" }],
    ["ratio above its total", "p1.zy.mlbz", { numerator: "30", denominator: "20" }, { "value.numerator": "不能大于总数" }],
    ["ratio without a total", "p1.zy.mlbz", { numerator: "3", denominator: "" }, { "value.denominator": "请填写总数" }],
    ["a month that is not a number", "p2.zwgk.dtxx", { monthly: ["8", "x", "", "", "", "", "", "", "", "", "", ""] }, { "value.monthly.1": "2月发布信息条数请输入非负整数" }],
  ])("%s: the error sits at its field", (_label, code, value, expected) => {
    const { view, state } = withValue(code, value);
    expect(buildPayload(view, state).errors).toEqual(expected);
  });

  it("不适用 needs a reason and sends nothing else", () => {
    const view = leaf("p2.ztzl");
    const s = { ...initialFormState(view, null), na: true, naReason: " " };
    expect(buildPayload(view, s).errors).toEqual({ "notApplicable.reason": "请填写不适用的理由" });
    const ok = buildPayload(view, { ...s, naReason: "本年度未牵头专题", note: "见说明" });
    expect(ok).toEqual({ payload: { notApplicable: { reason: "本年度未牵头专题" }, note: "见说明" }, errors: {} });
    expect(score("p2.ztzl", "dept-szb", ok.payload).state).toBe("not-applicable");
  });

  it("a claimed modifier needs its reason, keyed by its place among the claimed ones", () => {
    const view = leaf("p2.hdlm.zxft");
    const codes = view.modifiers.map((m) => m.code);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const s = initialFormState(view, null);
    const state: FormState = {
      ...s,
      value: { type: "choice", levels: [], none: true },
      modifiers: { ...s.modifiers, [codes[1]]: { on: true, reason: "" } },
    };
    expect(buildPayload(view, state).errors).toEqual({ "modifiers.0.reason": "请填写理由" });
  });

  it("preconditions are sent once the item is answered; an unticked one means not met", () => {
    const view = leaf("p1.xxh.xypt.bsfg");
    expect(view.preconditions.length).toBeGreaterThan(0);
    const s = initialFormState(view, null);
    const answered = { ...s, value: { type: "ratio", numerator: "12", denominator: "", list: [] } as ValueState };
    const { payload } = buildPayload(view, answered);
    expect(payload.conditions).toEqual(Object.fromEntries(view.preconditions.map((c) => [c.code, false])));
    const r = score("p1.xxh.xypt.bsfg", "dept-szb", payload);
    expect(r.score?.display).toBe("0");
    expect(r.trace.join("\n")).toMatch(/前提条件未满足/);
  });

  it("a stored payload reads back into the form and out again unchanged", () => {
    const cases: [string, object][] = [
      ["p1.xxh.sphy.tsdm", { value: { events: [{ kind: "qxcd", count: 7, date: "2017-03-02", note: "迟到" }] } }],
      ["p1.aq.xtaq.ld", { value: { events: [{ kind: "tb", date: "2017-05-01", fixedDate: "2017-05-20" }] } }],
      ["p1.xxh.ggpt.wlw", { value: { items: ["甲", "乙"] } }],
      ["p1.xxh.ggpt.wlw", { value: { items: [] } }],
      ["p1.xxh.sjzx", { value: { yes: true, reference: "明政〔2017〕1号", date: "2017-06-01" } }],
      ["p1.zy.mlbz", { value: { numerator: 3, denominator: 20, list: ["a", "b", "c"] } }],
      ["p2.zwgk.dtxx", { value: { monthly: ["8", "9", null, "7", "6", "5", "4", "3", "2", "1", "0", "12"] } }],
      ["p2.hdlm.zxft", { value: { levels: [] }, note: "无访谈" }],
      ["p1.xxh.sphy.hyspb", { value: { events: [] } }],
    ];
    for (const [code, payload] of cases) {
      const view = leaf(code);
      expect(buildPayload(view, initialFormState(view, payload)), code).toEqual({ payload, errors: {} });
    }
  });

  it("describes another version in plain Chinese for the conflict dialog", () => {
    const view = leaf("p1.xxh.sphy.tsdm");
    expect(describePayload(view, { value: { events: [{ kind: "qxcd", count: 7 }] }, note: "3月会议" })).toEqual(["缺席或迟到，7 次", "备注：3月会议"]);
    expect(describePayload(leaf("p1.xxh.ggpt.wlw"), { value: { items: ["甲", "乙"] } })).toEqual(["平台 2 个：甲、乙"]);
  });
});
