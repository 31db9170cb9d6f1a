// The modifiers' form codec (lib/rules/types/modifiers.ts) and the two forms on top of it:
// under R11 per-occurrence (rules/sanming-2018) 访谈配合不积极 is entered once per occurrence,
// each with its reason, and each is charged; under R11 once (sanming-2017) it stays one tick.
import { describe, expect, test } from "vitest";
import { buildPayload, initialFormState, modifierAt, modifierErrorKey } from "@/lib/assessment/form-state";
import { buildItemView } from "@/lib/assessment/item-view";
import { compileEdition, scoreItem, validateItemFact, type CompiledEdition } from "@/lib/engine";
import { draftFromPayload, editorErrorKey, payloadFromDraft } from "@/lib/review/fact-draft";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { itemFields, payloadToRows, rowsToPayload } from "@/lib/offline-form/layout";
import { addOccurrence, buildModifiers, modifierEntries, modifierIndex, modifiersDraft, removeOccurrence, setOccurrenceReason } from "@/lib/rules/types/modifiers";

const e2018 = compileEdition(loadEditionOrThrow("rules/sanming-2018"));
const e2017 = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const ZXFT = "p2.hdlm.zxft";
const view = (c: CompiledEdition) => buildItemView(c, c.leafByCode.get(ZXFT)!);

const defs = [
  { code: "pen", name: "配合不积极", kind: "penalty" as const, repeatable: true },
  { code: "bon", name: "奖励", kind: "bonus" as const, repeatable: false },
];

describe("the codec", () => {
  test.each([
    ["nothing stored", undefined, { pen: { on: false, reason: "" }, bon: { on: false, reason: "" } }],
    ["one of each", [{ code: "bon", reason: "b" }, { code: "pen", reason: "p1" }], { pen: { on: true, reason: "p1" }, bon: { on: true, reason: "b" } }],
    ["a repeatable one twice: both kept", [{ code: "pen", reason: "p1" }, { code: "pen", reason: "p2" }], { pen: { on: true, reason: "p1", more: ["p2"] }, bon: { on: false, reason: "" } }],
    ["a once-only one twice: the first kept", [{ code: "bon", reason: "b1" }, { code: "bon", reason: "b2" }], { pen: { on: false, reason: "" }, bon: { on: true, reason: "b1" } }],
  ])("stored → draft: %s", (_l, stored, expected) => expect(modifiersDraft(defs, stored)).toEqual(expected));

  test("draft → payload keeps the leaf's order, one entry per occurrence, reasons trimmed", () => {
    let d = modifiersDraft(defs, undefined);
    d = { ...d, bon: { on: true, reason: " b " }, pen: { on: true, reason: "p1" } };
    d = addOccurrence(d, "pen");
    d = setOccurrenceReason(d, "pen", 1, "p2");
    d = addOccurrence(d, "pen");
    expect(buildModifiers(d)).toEqual({
      modifiers: [
        { code: "pen", reason: "p1" },
        { code: "pen", reason: "p2" },
        { code: "pen", reason: "" },
        { code: "bon", reason: "b" },
      ],
      missingReason: [{ code: "pen", n: 2, reason: "" }],
    });
    expect(modifierIndex(d, "bon")).toBe(3);
    expect(modifierIndex(d, "pen", 2)).toBe(2);
    expect(modifierEntries(removeOccurrence(d, "pen", 1)).map((e) => e.reason)).toEqual(["p1", "", " b "]);
    // removing the first moves the next one up; removing the only one unticks it
    expect(removeOccurrence(d, "pen", 0).pen).toEqual({ on: true, reason: "p2", more: [""] });
    expect(removeOccurrence({ pen: { on: true, reason: "p" } }, "pen", 0).pen).toEqual({ on: false, reason: "" });
  });

  test("an unticked modifier sends nothing, its reasons kept for a re-tick", () => {
    const d = { pen: { on: false, reason: "p1", more: ["p2"] }, bon: { on: false, reason: "" } };
    expect(buildModifiers(d)).toEqual({ missingReason: [] });
    expect(modifierIndex(d, "pen")).toBe(-1);
  });
});

describe("the item view says which modifier repeats (reading R11)", () => {
  test("2018 (per-occurrence): the penalty repeats, the bonus does not", () => {
    expect(view(e2018).modifiers.map((m) => [m.code, m.repeatable])).toEqual([
      ["pjbjj", true],
      ["sjft", false],
    ]);
  });
  test("2017 (once): nothing repeats", () => {
    expect(view(e2017).modifiers.every((m) => !m.repeatable)).toBe(true);
  });
});

describe("the 填报 form under R11 per-occurrence (2018 在线访谈)", () => {
  const leaf = view(e2018);
  const fill = () => {
    let s = initialFormState(leaf, null);
    s = { ...s, value: { type: "choice", levels: ["zz"], none: false }, modifiers: { ...s.modifiers, pjbjj: { on: true, reason: "3月访谈未按时提供材料" } } };
    return { ...s, modifiers: setOccurrenceReason(addOccurrence(s.modifiers, "pjbjj"), "pjbjj", 1, "9月访谈嘉宾临时取消") };
  };

  test("two occurrences are two entries, both charged: 8 − 2 − 2 = 4", () => {
    const { payload, errors } = buildPayload(leaf, fill());
    expect(errors).toEqual({});
    expect(payload.modifiers).toEqual([
      { code: "pjbjj", reason: "3月访谈未按时提供材料" },
      { code: "pjbjj", reason: "9月访谈嘉宾临时取消" },
    ]);
    const fact = { ...payload, unit: "dept-cgj", item: ZXFT, source: "self" as const };
    expect(validateItemFact(e2018, fact).errors).toEqual([]);
    expect(scoreItem(e2018, { unit: "dept-cgj", item: ZXFT, facts: [fact] }).score?.display).toBe("4");
    // and back: the stored payload reopens with both occurrences
    expect(initialFormState(leaf, payload).modifiers.pjbjj).toEqual({ on: true, reason: "3月访谈未按时提供材料", more: ["9月访谈嘉宾临时取消"] });
  });

  test("an occurrence without a reason is an error on that occurrence's field", () => {
    const s = fill();
    const blank = { ...s, modifiers: setOccurrenceReason(s.modifiers, "pjbjj", 1, "  ") };
    expect(buildPayload(leaf, blank).errors).toEqual({ "modifiers.1.reason": "请填写理由" });
    expect(modifierErrorKey(leaf, blank, "pjbjj", 1)).toBe("modifiers.1.reason");
    expect(modifierAt(leaf, blank, 1)).toEqual({ code: "pjbjj", n: 1 });
  });

  test("the reviewer's editor keeps both occurrences and keys the second one's error", () => {
    const payload = buildPayload(leaf, fill()).payload;
    const d = draftFromPayload(leaf.rule, payload, leaf.modifiers);
    expect(payloadFromDraft(leaf.rule, d, "10").payload.modifiers).toEqual(payload.modifiers);
    const blank = { ...d, modifiers: setOccurrenceReason(d.modifiers, "pjbjj", 1, "") };
    expect(payloadFromDraft(leaf.rule, blank, "10").errors).toEqual({ "modifiers.pjbjj.1": "请填写理由" });
    expect(editorErrorKey("modifiers.1.reason", d)).toBe("modifiers.pjbjj.1");
    expect(editorErrorKey("modifiers.0.reason", d)).toBe("modifiers.pjbjj");
  });
});

describe("under R11 once (2017 在线访谈) the form stays one tick per modifier", () => {
  const leaf = view(e2017);
  test("a payload with the penalty twice reopens as one occurrence, and the engine refuses two", () => {
    const code = leaf.modifiers.find((m) => m.kind === "penalty")!.code;
    const twice = [
      { code, reason: "a" },
      { code, reason: "b" },
    ];
    expect(initialFormState(leaf, { value: { levels: [] }, modifiers: twice }).modifiers[code]).toEqual({ on: true, reason: "a" });
    const fact = { value: { levels: [] }, modifiers: twice, unit: "dept-szb", item: ZXFT, source: "self" as const };
    expect(validateItemFact(e2017, fact).errors.map((e) => e.message).join()).toMatch(/每项只计一次/);
  });
});

describe("the offline sheet under R11 per-occurrence: one line per occurrence in the reason cell", () => {
  const leaf = e2018.leafByCode.get(ZXFT)!;
  const twice = {
    value: { levels: ["zz"] },
    modifiers: [
      { code: "pjbjj", reason: "3月访谈未按时提供材料" },
      { code: "pjbjj", reason: "9月访谈嘉宾临时取消" },
      { code: "sjft", reason: "参加新闻发布会" },
    ],
  };
  test("two occurrences are two lines and read back as two entries", () => {
    const fields = itemFields(leaf, twice);
    expect(fields.find((f) => f.key === "mod.pjbjj.reason")?.label).toMatch(/每出现一次写一行/);
    const rows = payloadToRows(leaf, twice);
    expect(rows.get("mod.pjbjj.reason")?.G).toBe("3月访谈未按时提供材料\n9月访谈嘉宾临时取消");
    const back = rowsToPayload(leaf, fields, rows);
    expect(back.errors).toEqual([]);
    expect(back.payload?.modifiers).toEqual(twice.modifiers);
  });
  test("under R11 once (2017) a multi-line reason stays one entry", () => {
    const l17 = e2017.leafByCode.get(ZXFT)!;
    const code = [...l17.modifiers.values()].find((m) => m.kind === "penalty")!.code;
    const once = { value: { levels: [] }, modifiers: [{ code, reason: "第一行\n第二行" }] };
    const back = rowsToPayload(l17, itemFields(l17, once), payloadToRows(l17, once));
    expect(back.payload?.modifiers).toEqual(once.modifiers);
  });
});
