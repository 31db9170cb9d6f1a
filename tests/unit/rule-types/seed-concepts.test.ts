// Issue #14 §3: concepts of the seed that the 2017 edition must let units enter, checked on
// the real sanming-2017 leaves: engine values computed by hand, the form and the offline
// sheet round trip.
import { describe, expect, test } from "vitest";
import { buildPayload, initialFormState } from "@/lib/assessment/form-state";
import { compileEdition, validateItemFact } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { base, formRoundTrip, sheetRoundTrip } from "./helpers";

const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));

describe("(e) 部门网站建设: 被网络安全监管相关部门通报批评、在专项检查中被发现重大安全问题", () => {
  const bmwz = [...compiled.leafByCode.values()].find((l) => l.name === "部门网站建设" && l.rule.type === "choice")!;
  const level = bmwz.rule.type === "choice" ? bmwz.rule.levels.find((l) => l.name.startsWith("被网络安全监管相关部门通报批评"))! : undefined;
  test("the level exists", () => expect(level?.code).toBe("wlaq"));
  test.each([
    ["only the security notice → 0", ["wlaq"], "0"],
    ["with a 市政府办 notice: the most severe (0) counts", ["shi", "wlaq"], "0"],
    ["no notice → 20 (unchanged)", [], "20"],
    ["市政府办 only → 10 (unchanged)", ["shi"], "10"],
  ])("%s", (_l, levels, expected) => expect(base(bmwz, { levels })).toBe(expected));
  test("form and offline sheet round trip", () => {
    expect(formRoundTrip(bmwz, { levels: ["wlaq"] }).value).toEqual({ levels: ["wlaq"] });
    expect(sheetRoundTrip(bmwz, { levels: ["wlaq"] })).toEqual({ levels: ["wlaq"] });
  });
});

describe("(f) 专题专栏: 不适用 and a bonus together contradict each other", () => {
  const ztzl = [...compiled.leafByCode.values()].find((l) => l.name === "专题专栏")!;
  const bonus = [...ztzl.modifiers.values()].find((m) => m.kind === "bonus")!;
  test("the engine refuses the fact with a Chinese message, never drops the bonus", () => {
    const r = validateItemFact(compiled, { unit: "dept-szb", item: ztzl.code, source: "self", notApplicable: { reason: "未涉及专题" }, modifiers: [{ code: bonus.code, reason: "自建专题" }] }, "fact");
    expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toContain(
      `fact.notApplicable: 标记为不适用时不能同时申报加分“${bonus.name}”：主动建设专题的部门请取消“不适用”，按实际情况填写本项`,
    );
  });
  test("the form refuses it too, instead of silently sending only 不适用", () => {
    const src = ztzl.source;
    const formLeaf = { rule: src.rule!, preconditions: src.preconditions ?? [], modifiers: src.modifiers ?? [] };
    const s = initialFormState(formLeaf, null);
    const { errors } = buildPayload(formLeaf, { ...s, na: true, naReason: "未涉及专题", modifiers: { [bonus.code]: { on: true, reason: "自建专题" } } });
    expect(errors["notApplicable.reason"]).toMatch(/不能同时申报加分/);
  });
});
