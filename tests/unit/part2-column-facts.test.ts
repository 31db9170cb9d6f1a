// Part-2 concepts that the old fact shapes could not hold (issue #14 §3): 动态信息 counts
// per column per month, 重点信息公开 ratings per column, and a 专题专栏 department that is
// not involved but builds a 专题 anyway. Every expected score is computed by hand in the
// labels; each new reading option (R8.columns, R18.columns, R9.notInvolved) is scored both ways.
import { describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, validateItemFact, type EditionResult, type IndicatorResult, type TItemFact } from "../../lib/engine";
import { itemFields, payloadToRows, rowsToPayload, fieldsFromKeys } from "../../lib/offline-form/layout";
import { buildPayload, initialFormState } from "../../lib/assessment/form-state";
import { draftFromPayload, payloadFromDraft } from "../../lib/review/fact-draft";
import type { ReadingOverrides } from "../../lib/rules/readings";
import type { TColumn, TReading, TRule } from "../../lib/rules/schema";
import { ruleType } from "../../lib/rules/types";
import { edition, fact, leaf, part, responsible } from "../fixtures/engine/mini";

const rec = (id: string): TReading => ({ id, source: "原文", chosen: "所选口径", alternatives: ["另一口径"] });
const col = (code: string, name: string, ...units: string[]): TColumn => ({ code, name, responsible: responsible(...units) });

// columns: a (甲局, 乙局), b (甲局), c (乙局)
const columns: TColumn[] = [col("a", "政务信息", "d1", "d2"), col("b", "公示公告", "d1"), col("c", "重要会议", "d2")];
const postsRule: TRule = { type: "tiers", measure: "monthlyAverage", measureLabel: "发布信息条数", months: 3, tiers: [{ min: 8, points: 15 }, { min: 6, points: 12 }], otherwise: 10 };
const ratingRule: TRule = { type: "rating", max: 20 };
const ed = edition([
  part(
    "p",
    [
      leaf("posts", 15, postsRule, { applicability: "columns", columns: ["a", "b", "c"], readings: [rec("R8")] }),
      leaf("key", 20, ratingRule, { applicability: "columns", columns: ["a", "b", "c"], readings: [rec("R18")] }),
      leaf("topic", 5, { type: "binary", points: 5, yesLabel: "按要求提供专题内容" }, {
        applicability: "opt-in",
        responsible: responsible("市直各部门"),
        readings: [rec("R9")],
        modifiers: [{ code: "zd", kind: "bonus", name: "主动提供专题建设", points: 5 }],
      }),
      leaf("site", 20, ratingRule),
    ],
    { columns },
  ),
]);

// 专题专栏 alone with a 20-point rated item, so part scores are easy to follow
const edTopic = edition([part("p", [ed.parts[0].indicators[2], ed.parts[0].indicators[3]])]);

function run(facts: TItemFact[], readings?: ReadingOverrides, e = ed): EditionResult {
  return scoreEdition(e, { edition: "mini", facts }, { readings });
}
const runTopic = (facts: TItemFact[], readings?: ReadingOverrides) => run(facts, readings, edTopic);
function get(r: EditionResult, code: string, unit = "d1"): IndicatorResult {
  const c = r.scorecards.find((s) => s.unit.code === unit)!;
  for (const p of c.parts) for (const i of p.indicators) if (i.code === code) return i;
  throw new Error(`${unit}/${code} missing`);
}
const score = (r: EditionResult, code: string, unit = "d1") => {
  const i = get(r, code, unit);
  return i.kind === "item" && i.state !== "scored" ? i.state : (i.score?.exact ?? null);
};
const partScore = (r: EditionResult, unit = "d1") => r.scorecards.find((s) => s.unit.code === unit)!.parts[0].score?.exact;
const issues = (raw: unknown) => validateItemFact(compileEdition(ed), raw).errors.map((e) => e.message);

describe("动态信息: monthly counts per column (tiers)", () => {
  // 甲局: 政务信息 5, 5, 5 and 公示公告 4, 3, 2 → month totals 9, 8, 7 = 24 ÷ 3 = 8 → 15
  const perColumn = { columns: [{ column: "a", monthly: [5, 5, 5] }, { column: "b", monthly: [4, 3, 2] }] };
  test("R8.columns = total: the columns add up month by month: 24 ÷ 3 = 8 → 15", () => {
    const r = run([fact("d1", "posts", perColumn)]);
    expect(score(r, "posts")).toBe("15");
    expect(get(r, "posts").trace.join("\n")).toContain("各月合计：1月 9、2月 8、3月 7");
  });
  test("the same as one monthly total 9, 8, 7 (the old shape)", () => {
    expect(score(run([fact("d1", "posts", { monthly: [9, 8, 7] })]), "posts")).toBe("15");
  });
  test("R8.columns = per-column: (15 ÷ 3 + 9 ÷ 3) ÷ 2 = 4 → below 6 → 10", () => {
    const r = run([fact("d1", "posts", perColumn)], { "R8.columns": "per-column" });
    expect(score(r, "posts")).toBe("10");
    expect(get(r, "posts").trace.join("\n")).toContain("口径 R8.columns = per-column");
  });
  test("a month missing in one column → not entered, naming the column and month", () => {
    const r = run([fact("d1", "posts", { columns: [{ column: "a", monthly: [5, null, 5] }] })]);
    expect(score(r, "posts")).toBe("not-entered");
    expect(get(r, "posts").trace.join("\n")).toContain("“政务信息”2月");
  });
  test("refused: an unknown column, a column twice, the wrong number of months — in Chinese", () => {
    expect(issues({ unit: "d1", item: "posts", source: "self", value: { columns: [{ column: "zz", monthly: [1, 1, 1] }] } })).toEqual([
      "“zz”不是本项考核的栏目，应为 a（政务信息）、b（公示公告）、c（重要会议）",
    ]);
    expect(issues({ unit: "d1", item: "posts", source: "self", value: { columns: [{ column: "a", monthly: [1, 1, 1] }, { column: "a", monthly: [1, 1, 1] }] } })).toEqual([
      "栏目“政务信息”填写了两次，每个栏目只填一行",
    ]);
    expect(issues({ unit: "d1", item: "posts", source: "self", value: { columns: [{ column: "a", monthly: [1, 1] }] } })).toEqual([
      "栏目“政务信息”应有 3 个月的数据（未填的月份写 null），实际 2 个",
    ]);
    expect(issues({ unit: "d1", item: "posts", source: "self", value: { columns: [] } })).toContain("请至少填写一个栏目");
  });
  test("the form offers the unit's columns and sends what was typed (full-width digits read as digits)", () => {
    const form = initialFormState({ rule: postsRule, preconditions: [], modifiers: [], columns: [{ code: "a", name: "政务信息" }, { code: "b", name: "公示公告" }] }, { value: perColumn });
    expect(form.value).toMatchObject({ mode: "columns", columns: [{ column: "a", name: "政务信息", monthly: ["5", "5", "5"] }, { column: "b" }] });
    const v = form.value as Extract<typeof form.value, { type: "tiers"; mode: "columns" }>;
    v.columns[1].monthly[0] = "４";
    const out = buildPayload({ rule: postsRule, preconditions: [], modifiers: [] }, form);
    expect(out.errors).toEqual({});
    expect(out.payload.value).toEqual({ columns: [{ column: "a", monthly: ["5", "5", "5"] }, { column: "b", monthly: ["4", "3", "2"] }] });
    v.columns[0].monthly[2] = "2.5";
    expect(buildPayload({ rule: postsRule, preconditions: [], modifiers: [] }, form).errors).toEqual({ "value.columns.0.monthly.2": "政务信息3月发布信息条数应为整数，不能有小数" });
  });
  test("the offline sheet keeps a stored per-column value, also from an uploaded sheet's keys", () => {
    const l = compileEdition(ed).leafByCode.get("posts")!;
    const payload = { value: { columns: [{ column: "a", monthly: ["5", "5", "5"] }, { column: "b", monthly: ["4", null, "2"] }] } };
    const fields = itemFields(l, payload);
    expect(fields.filter((f) => f.key.startsWith("column:")).map((f) => f.label).slice(0, 2)).toEqual(["政务信息 1月发布信息条数", "政务信息 2月发布信息条数"]);
    const rows = payloadToRows(l, payload);
    expect(rowsToPayload(l, fields, rows).payload?.value).toEqual(payload.value);
    const rebuilt = fieldsFromKeys(l, fields.map((f) => f.key));
    expect(rebuilt.unknown).toEqual([]);
    expect(rowsToPayload(l, rebuilt.fields, rows).payload?.value).toEqual(payload.value);
  });
});

describe("重点信息公开: a rating per column (rating)", () => {
  // 甲局 keeps 政务信息 and 公示公告: rated 18 and 15
  const perColumn = { columns: [{ column: "a", score: "18" }, { column: "b", score: "15" }] };
  test("R18.columns = mean: (18 + 15) ÷ 2 = 16.5", () => {
    const r = run([fact("d1", "key", perColumn, { source: "review" })]);
    expect(score(r, "key")).toBe("16.5");
  });
  test("R18.columns = lowest: 15", () => {
    expect(score(run([fact("d1", "key", perColumn, { source: "review" })], { "R18.columns": "lowest" }), "key")).toBe("15");
  });
  test("three columns 20, 20, 19 → 59/3 exactly (19.67 shown)", () => {
    const r = run([fact("d2", "key", { columns: [{ column: "a", score: 20 }, { column: "b", score: 20 }, { column: "c", score: 19 }] }, { source: "review" })]);
    expect(score(r, "key", "d2")).toBe("59/3");
  });
  test("one score for all columns still scores as before", () => {
    expect(score(run([fact("d1", "key", { score: 17 }, { source: "review" })]), "key")).toBe("17");
  });
  test("refused: a column score above the item's max, an unknown column — in Chinese", () => {
    expect(issues({ unit: "d1", item: "key", source: "review", value: { columns: [{ column: "a", score: "21" }] } })).toEqual(["栏目“政务信息”的评分 21 超过满分 20 分"]);
    expect(issues({ unit: "d1", item: "key", source: "review", value: { columns: [{ column: "q", score: "1" }] } })[0]).toMatch(/^“q”不是本项考核的栏目/);
  });
  test("the reviewer's editor: per-column rows from the unit's columns, blanks left out", () => {
    const d = draftFromPayload(ratingRule, { value: perColumn }, [], [{ code: "a", name: "政务信息" }, { code: "b", name: "公示公告" }]);
    expect(d.value).toMatchObject({ mode: "columns", columns: [{ name: "政务信息", score: "18" }, { name: "公示公告", score: "15" }] });
    const v = d.value as Extract<typeof d.value, { type: "rating"; mode: "columns" }>;
    v.columns[1].score = "";
    expect(payloadFromDraft(ratingRule, d, "20").payload.value).toEqual({ columns: [{ column: "a", score: "18" }] });
    v.columns[0].score = "";
    expect(payloadFromDraft(ratingRule, d, "20").errors).toMatchObject({ "value.columns": "请至少为一个栏目评分" });
    v.columns[0].score = "十";
    expect(payloadFromDraft(ratingRule, d, "20").errors).toMatchObject({ "value.columns.0.score": "栏目“政务信息”的评分应为不小于 0 的数" });
  });
  test("the offline sheet round trip of per-column ratings", () => {
    const l = compileEdition(ed).leafByCode.get("key")!;
    const payload = { value: perColumn };
    const fields = itemFields(l, payload);
    expect(fields.filter((f) => f.key.startsWith("column:")).map((f) => f.label)).toEqual(["政务信息 评分（0～20）", "公示公告 评分（0～20）"]);
    expect(rowsToPayload(l, fieldsFromKeys(l, fields.map((f) => f.key)).fields, payloadToRows(l, payload)).payload?.value).toEqual(perColumn);
  });
});

describe("专题专栏: not involved, but built a 专题 anyway (binary notInvolved + bonus)", () => {
  const site = fact("d1", "site", { score: 20 }, { source: "review" });
  const built = fact("d1", "topic", { notInvolved: true, reference: "“乡村振兴”专题" }, { modifiers: [{ code: "zd", reason: "主动建设乡村振兴专题" }] });
  test("R9.notInvolved = bonus-only: the bonus counts, the 5 stays out of the denominator: (20 + 5) ÷ 20 = 125", () => {
    const r = runTopic([site, built]);
    expect(score(r, "topic")).toBe("5");
    expect(partScore(r)).toBe("125");
    expect(get(r, "topic").trace.join("\n")).toContain("基础分不适用，不计入折算基数，只计加分");
  });
  test("R9.notInvolved = zero-base: 0 + 5 with the 5 in the denominator: (20 + 5) ÷ 25 = 100", () => {
    const r = runTopic([site, built], { "R9.notInvolved": "zero-base" });
    expect(score(r, "topic")).toBe("5");
    expect(partScore(r)).toBe("100");
  });
  test("compare: not involved and nothing built → 不适用 (20 ÷ 20 = 100); involved and built → 5 + 5 (30 ÷ 25 = 120)", () => {
    expect(partScore(runTopic([site]))).toBe("100");
    expect(partScore(runTopic([site, fact("d1", "topic", { yes: true }, { modifiers: [{ code: "zd", reason: "主动建设" }] })]))).toBe("120");
  });
  test("not involved without a bonus is simply 不适用", () => {
    const r = runTopic([site, fact("d1", "topic", { notInvolved: true })]);
    expect(score(r, "topic")).toBe("not-applicable");
    expect(partScore(r)).toBe("100");
  });
  test("不适用 together with the bonus is still refused with a clear error", () => {
    expect(issues({ unit: "d1", item: "topic", source: "self", notApplicable: { reason: "未涉及" }, modifiers: [{ code: "zd", reason: "主动建设" }] })).toEqual([
      "标记为不适用时不能同时申报加分“主动提供专题建设”：主动建设专题的部门请取消“不适用”，按实际情况填写本项",
    ]);
  });
  test("notInvolved is refused where the item is neither opt-in nor has a bonus", () => {
    expect(issues({ unit: "d1", item: "site", source: "review", value: { notInvolved: true } })[0]).toMatch(/评分型/);
    const ed2 = edition([part("p", [leaf("x", 4, { type: "binary", points: 4, yesLabel: "已反馈" })])]);
    expect(validateItemFact(compileEdition(ed2), { unit: "d1", item: "x", source: "self", value: { notInvolved: true } }).errors.map((e) => e.message)).toEqual([
      "“未涉及（仅申报加分）”只用于可申报参与且设有加分的指标；本项请填写“是”或“否”",
    ]);
  });
  test("the form and the sheet carry it", () => {
    const formLeaf = { rule: ed.parts[0].indicators[2].rule!, preconditions: [], modifiers: [{ code: "zd", name: "主动提供专题建设", kind: "bonus" as const }] };
    const form = initialFormState(formLeaf, { value: { notInvolved: true }, modifiers: [{ code: "zd", reason: "主动建设" }] });
    expect(form.value).toMatchObject({ notInvolved: true });
    expect(buildPayload(formLeaf, form).payload).toEqual({ value: { notInvolved: true }, modifiers: [{ code: "zd", reason: "主动建设" }] });
    const l = compileEdition(ed).leafByCode.get("topic")!;
    const payload = { value: { notInvolved: true, reference: "乡村振兴专题" } };
    const fields = itemFields(l, payload);
    expect(fields.map((f) => f.key)).toContain("notInvolved");
    expect(rowsToPayload(l, fields, payloadToRows(l, payload)).payload?.value).toEqual(payload.value);
    expect(ruleType("binary").describeValue(ed.parts[0].indicators[2].rule as never, { notInvolved: true })).toEqual(["按要求提供专题内容：未涉及（仅申报加分）"]);
  });
});

describe("the months of the assessment year are the edition's data", () => {
  test("rules:check refuses a monthly rule without months", async () => {
    const { validateEdition } = await import("../../lib/rules/validate");
    const { months: _m, ...noMonths } = postsRule as Extract<TRule, { type: "tiers" }>;
    const bad = edition([part("p", [leaf("posts", 15, noMonths as TRule)])]);
    expect(validateEdition(bad).errors.map((e) => e.message)).toContain("指标“posts”（posts）：按月均分档的规则须写明考核年度的月数 months（例如 12）");
    expect(validateEdition(ed).errors).toEqual([]);
  });
  test("firstMonth labels the months: a year from December, 3 months → 12月, 1月, 2月", () => {
    const rule: TRule = { ...(postsRule as Extract<TRule, { type: "tiers" }>), firstMonth: 12 };
    const e = edition([part("p", [leaf("posts", 15, rule)])]);
    const r = scoreEdition(e, { edition: "mini", facts: [fact("d1", "posts", { monthly: [9, 8, 7] })] });
    const item = r.scorecards.find((c) => c.unit.code === "d1")!.parts[0].indicators[0];
    expect(item.trace.join("\n")).toContain("12月 9、1月 8、2月 7");
    expect(ruleType("tiers").describeRule(rule as never)).toContain("全年按3个月计，自12月起");
  });
});
