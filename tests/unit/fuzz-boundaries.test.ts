// Property tests on the zod boundaries: whatever arrives, the validators answer with
// issues (path + Chinese message) and never throw.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { compileEdition, validateItemFact, validateScoringInput, type CompiledEdition } from "@/lib/engine";
import { ZNewPassword } from "@/lib/auth/password";
import { loadEditionOrThrow } from "@/lib/rules/load";

let compiled: CompiledEdition;
beforeAll(() => {
  compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
});

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom("１２", "٣", "\u200b", "\u0000", "\u0007", "2017-02-30", "2017-13-01", "NaN", "Infinity", "-0", "1e309", "县".repeat(10_000), "__proto__", "constructor"),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), fc.double(), fc.integer(), nasty, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(nasty, tie("value"), { maxKeys: 4 })),
})).value;

describe("scoring input boundary", () => {
  it("never throws on arbitrary JSON and names a path for every issue", () => {
    fc.assert(
      fc.property(anyJson, (raw) => {
        const r = validateScoringInput(compiled, raw);
        if (!r.ok) for (const e of r.errors) expect(typeof e.path === "string" && e.message.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary facts for real items, and refuses nasty values", () => {
    const items = [...compiled.leafByCode.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...items), anyJson, fc.option(anyJson), (item, value, conditions) => {
        const r = validateItemFact(compiled, { unit: "county-sanyuan", item, source: "self", value, conditions }, "fact");
        expect(Array.isArray(r.errors)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ["full-width digits as a count", { events: [{ kind: "qxcd", count: "１２" }] }],
    ["a date that does not exist", { events: [{ kind: "qxcd", count: 1, date: "2017-02-30" }] }],
    ["a zero-width character in a kind code", { events: [{ kind: "qx\u200bcd", count: 1 }] }],
    ["a negative count", { events: [{ kind: "qxcd", count: -3 }] }],
  ])("refuses %s with a Chinese message", (_label, value) => {
    const r = validateItemFact(compiled, { unit: "county-sanyuan", item: "p1.xxh.sphy.tsdm", source: "self", value }, "fact");
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("password policy boundary", () => {
  it("never throws and accepts only 10–128 chars with letters and digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (p) => {
        const r = ZNewPassword("someone").safeParse(p);
        if (r.success) expect(p.length >= 10 && p.length <= 128 && /[A-Za-z]/.test(p) && /\d/.test(p)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
