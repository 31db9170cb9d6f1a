// 试算 and 口径敏感性 on a tiny edition whose numbers are computed by hand.
import { describe, expect, it } from "vitest";
import { diffEditions } from "@/lib/authoring/diff";
import { previewDraft, readingSensitivity } from "@/lib/authoring/preview";
import { checkEditionData } from "@/lib/authoring/schema";
import type { TEdition } from "@/lib/rules/schema";

// 信息化 is declared 40 but its children add up to 50 (reading R1, like the seed).
const raw = {
  id: "tiny-2017",
  name: "小版本",
  year: 2017,
  readings: { R1: "cap" },
  parts: [
    {
      code: "p1",
      name: "综合",
      indicators: [
        {
          code: "xxh",
          name: "信息化",
          max: 40,
          readings: [{ id: "R1", source: "40 对 50", chosen: "上限" }],
          children: [
            { code: "xxh.a", name: "甲", max: 30, rule: { type: "rating", max: 30 }, responsible: [{ unit: "市直各部门", role: "lead" }] },
            { code: "xxh.b", name: "乙", max: 20, rule: { type: "rating", max: 20 }, responsible: [{ unit: "市直各部门", role: "lead" }] },
          ],
        },
      ],
    },
  ],
  units: [
    { code: "d-a", name: "甲局", group: "department" },
    { code: "d-b", name: "乙局", group: "department" },
  ],
  collectives: [{ name: "市直各部门", group: "department" }],
};
const checked = checkEditionData(raw);
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const edition = checked.edition;

const fact = (unit: string, item: string, score: string) => ({ unit, item, source: "review" as const, value: { score } });
// 甲局 30 + 20 = 50, 乙局 30 + 5 = 35
const input = { edition: "tiny-2017", facts: [fact("d-a", "xxh.a", "30"), fact("d-a", "xxh.b", "20"), fact("d-b", "xxh.a", "30"), fact("d-b", "xxh.b", "5")] };

describe("口径敏感性 (what-if on readings)", () => {
  it("R1 = sum changes 乙局's total from 87.5 to 70 (hand-computed), ranks unchanged", () => {
    // cap: 甲 min(50,40)=40 → 100 × 40/40 = 100; 乙 min(35,40) = 35 → 87.5
    // sum: 甲 50 → 100 × 50/50 = 100; 乙 35 → 100 × 35/50 = 70
    const effects = readingSensitivity(edition, input);
    const sum = effects.find((e) => e.key === "R1" && e.option === "sum")!;
    expect(sum.changed).toEqual([
      { unit: "d-b", name: "乙局", group: "department", before: { score: "87.5", rank: 2 }, after: { score: "70", rank: 2 }, delta: "-17.50", rankChange: 0 },
    ]);
    // a reading that does not touch this edition changes nobody
    expect(effects.find((e) => e.key === "R11")?.changed ?? []).toEqual([]);
  });
});

describe("试算 and diff of a draft", () => {
  it("scores last year's facts under the draft by item code; new and incompatible items are flagged", () => {
    const draft: TEdition = structuredClone({ ...edition, id: "tiny-2018", year: 2018 });
    const xxh = draft.parts[0].indicators[0];
    xxh.children![1] = { ...xxh.children![1], max: 10, rule: { type: "rating", max: 10 } }; // 乙 20 → 10
    xxh.children!.push({ code: "xxh.c", name: "丙", max: 10, rule: { type: "binary", points: 10, yesLabel: "已完成" }, responsible: [{ unit: "市直各部门", role: "lead", inferred: false }] });
    expect(checkEditionData(draft).ok).toBe(true);
    const p = previewDraft(edition, draft, input);
    // 甲局's 乙 score 20 is above the new max 10: that fact does not map; 乙局's 5 does
    expect(p.items).toEqual([
      { code: "xxh.a", name: "甲", from: "xxh.a", status: "mapped", facts: 2, dropped: 0 },
      { code: "xxh.b", name: "乙", from: "xxh.b", status: "mapped", facts: 1, dropped: 1, reason: expect.stringContaining("10") },
      { code: "xxh.c", name: "丙", from: null, status: "new", facts: 0, dropped: 0 },
    ]);
    expect(p.removed).toEqual([]);
    expect(p.droppedFacts).toBe(1);
    expect(p.units.map((u) => [u.unit, u.before?.score]).sort()).toEqual([["d-a", "100"], ["d-b", "87.5"]]);
    expect(p.units.every((u) => u.after !== null || u.before !== null)).toBe(true);
    const d = diffEditions(edition, draft);
    expect(d.added.map((x) => x.code)).toEqual(["xxh.c"]);
    expect(d.changed).toEqual([{ code: "xxh.b", name: "乙", part: "综合", changes: ["分值：20 → 10", "计分规则参数 max：20 → 10"] }]);
    expect(d.edition).toEqual(["年度：2017 → 2018"]);
  });
});

describe("试算 with 沿用上年指标 (previous.items)", () => {
  // the draft re-codes 乙 (xxh.b → xxh.y) and says 甲 continues nothing of last year
  const draft: TEdition = structuredClone({ ...edition, id: "tiny-2018", year: 2018, previous: { edition: "tiny-2017", items: { "xxh.y": "xxh.b", "xxh.a": null } } });
  draft.parts[0].indicators[0].children![1].code = "xxh.y";

  it("maps a re-coded item's facts through the mapping and shows an item with none as such", () => {
    expect(checkEditionData(draft).ok).toBe(true);
    const p = previewDraft(edition, draft, input);
    expect(p.items).toEqual([
      { code: "xxh.a", name: "甲", from: null, status: "new", facts: 0, dropped: 0 },
      { code: "xxh.y", name: "乙", from: "xxh.b", status: "mapped", facts: 2, dropped: 0 },
    ]);
    expect(p.mappedFacts).toBe(2);
    expect(p.droppedFacts).toBe(2);
    // under the draft only 乙 counts: 甲局 min(20, 40) = 20 of 40 applicable → 100 × 20/40 = 50; 乙局 5 → 12.5
    expect(p.units.map((u) => [u.unit, u.after?.score, u.after?.rank])).toEqual([
      ["d-a", "50", 1],
      ["d-b", "12.5", 2],
    ]);
  });

  it("without the mapping the re-coded item has no facts (codes differ) and 甲 maps by code", () => {
    const byCode = { ...structuredClone(draft), previous: undefined };
    const p = previewDraft(edition, byCode, input);
    expect(p.items.map((i) => [i.code, i.status, i.from])).toEqual([
      ["xxh.a", "mapped", "xxh.a"],
      ["xxh.y", "new", null],
    ]);
  });

  it("refuses a mapping key that is not an item of the edition, and one source item continued twice", () => {
    const bad = structuredClone(draft);
    bad.previous = { edition: "tiny-2017", items: { "xxh.zz": "xxh.b", "xxh.y": "xxh.b", "xxh.a": "xxh.b" } };
    const r = checkEditionData(bad);
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.errors.map((e) => `${e.path} ${e.message}`);
    expect(messages).toEqual([
      "previous.items.xxh.zz 本版本没有指标“xxh.zz”，不能为它指定沿用的上年指标",
      "previous.items.xxh.y 上年指标“xxh.b”已由“xxh.zz”沿用，一个上年指标只能对应本版本的一个指标",
      "previous.items.xxh.a 上年指标“xxh.b”已由“xxh.zz”沿用，一个上年指标只能对应本版本的一个指标",
    ]);
  });
});

describe("试算 of a copy for a later year", () => {
  // a deduction item whose events are dated in the source year (as every real 2017 fact is)
  const withDeduction = structuredClone(raw);
  withDeduction.parts[0].indicators.push({
    code: "aq",
    name: "安全",
    max: 10,
    rule: { type: "deduction", start: 10, pools: [{ code: "tb", cap: 10, kinds: [{ code: "tb", name: "通报", perEvent: 2 }] }] },
    responsible: [{ unit: "市直各部门", role: "lead" }],
  } as never);
  const c = checkEditionData(withDeduction);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  const src = c.edition;
  const events = (date: string) => ({ unit: "d-a", item: "aq", source: "review" as const, value: { events: [{ kind: "tb", date }] } });

  it("keeps facts dated in the source year: they are last year's facts, not the draft year's", () => {
    const draft: TEdition = { ...structuredClone(src), id: "tiny-2019", year: 2019 };
    const p = previewDraft(src, draft, { edition: "tiny-2017", facts: [...input.facts, events("2017-05-13")] });
    expect(p.droppedFacts).toBe(0);
    expect(p.items.find((i) => i.code === "aq")).toEqual({ code: "aq", name: "安全", from: "aq", status: "mapped", facts: 1, dropped: 0 });
    // 甲局: 安全 10 − 2 = 8 under both; its total is unchanged
    expect(p.units.find((u) => u.unit === "d-a")?.delta).toBe("0.00");
  });

  it("a fact the draft's rule cannot read is dropped, with the engine's reason on its item", () => {
    const draft: TEdition = { ...structuredClone(src), id: "tiny-2019", year: 2019 };
    const aq = draft.parts[0].indicators.find((n) => n.code === "aq")!;
    aq.rule = { type: "deduction", start: 10, floor: 0, pools: [{ code: "tb", cap: 10, kinds: [{ code: "yz", name: "约谈", perEvent: 2 }] }] };
    const p = previewDraft(src, draft, { edition: "tiny-2017", facts: [events("2017-05-13")] });
    expect(p.items.find((i) => i.code === "aq")).toMatchObject({ status: "incompatible", facts: 0, dropped: 1, reason: expect.stringContaining("tb") });
  });

  it("facts of an item the draft removed are counted against that item", () => {
    const draft: TEdition = { ...structuredClone(src), id: "tiny-2019", year: 2019 };
    draft.parts[0].indicators = draft.parts[0].indicators.filter((n) => n.code !== "aq");
    const p = previewDraft(src, draft, { edition: "tiny-2017", facts: [...input.facts, events("2017-05-13")] });
    expect(p.removed).toEqual([{ code: "aq", name: "安全", facts: 1 }]);
    expect(p.droppedFacts).toBe(1);
  });
});
