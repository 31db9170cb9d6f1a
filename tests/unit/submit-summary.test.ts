import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { leafMethods, summariseSubmit, type SummaryItemInput } from "@/lib/assessment/submit-summary";
import { loadEditionFromDir } from "@/lib/rules/load";

const item = (code: string, over: Partial<SummaryItemInput> = {}): SummaryItemInput => ({
  code,
  name: code,
  pathNames: ["一级", code],
  counted: true,
  state: "entered",
  missing: false,
  evidenceCount: 0,
  methods: ["自评上报"],
  ...over,
});

type Row = [label: string, items: SummaryItemInput[], evidenceMethods: string[], expected: { filled: number; na: number; missing: string[]; noEvidence: string[] }];

describe("summariseSubmit: what the 提交 confirmation lists", () => {
  const rows: Row[] = [
    ["nothing to fill in", [], ["自评上报"], { filled: 0, na: 0, missing: [], noEvidence: [] }],
    [
      "filled with evidence is only counted",
      [item("a", { evidenceCount: 2 })],
      ["自评上报"],
      { filled: 1, na: 0, missing: [], noEvidence: [] },
    ],
    ["filled without evidence where the method asks for it is listed", [item("a")], ["自评上报"], { filled: 1, na: 0, missing: [], noEvidence: ["a"] }],
    [
      "a method that does not ask for evidence lists nothing",
      [item("a", { methods: ["网上核查", "在线监测"] })],
      ["自评上报"],
      { filled: 1, na: 0, missing: [], noEvidence: [] },
    ],
    [
      "any one of several methods asking is enough",
      [item("a", { methods: ["网上核查", "自评上报"] })],
      ["自评上报"],
      { filled: 1, na: 0, missing: [], noEvidence: ["a"] },
    ],
    ["an edition with no evidenceMethods asks for none", [item("a")], [], { filled: 1, na: 0, missing: [], noEvidence: [] }],
    ["an item without methods asks for none", [item("a", { methods: [] })], ["自评上报"], { filled: 1, na: 0, missing: [], noEvidence: [] }],
    [
      "不适用 counts apart and needs no evidence",
      [item("a", { state: "not-applicable" })],
      ["自评上报"],
      { filled: 0, na: 1, missing: [], noEvidence: [] },
    ],
    [
      "missing is listed once, not again as lacking evidence",
      [item("a", { state: "not-entered", missing: true })],
      ["自评上报"],
      { filled: 0, na: 0, missing: ["a"], noEvidence: [] },
    ],
    [
      "not entered in a finalised part: neither filled nor missing",
      [item("a", { state: "not-entered", missing: false })],
      ["自评上报"],
      { filled: 0, na: 0, missing: [], noEvidence: [] },
    ],
    [
      "items the unit does not fill in (reviewer-rated, kept by the lead unit) are left out",
      [item("a", { counted: false }), item("b", { counted: false, state: "not-entered" })],
      ["自评上报"],
      { filled: 0, na: 0, missing: [], noEvidence: [] },
    ],
    [
      "a mixed form keeps edition order",
      [
        item("a", { evidenceCount: 1 }),
        item("b"),
        item("c", { state: "not-applicable" }),
        item("d", { state: "not-entered", missing: true }),
        item("e", { methods: ["日常监察"] }),
        item("f"),
      ],
      ["自评上报"],
      { filled: 4, na: 1, missing: ["d"], noEvidence: ["b", "f"] },
    ],
  ];
  it.each(rows)("%s", (_label, items, evidenceMethods, expected) => {
    const s = summariseSubmit(items, evidenceMethods);
    expect({ filled: s.filled, na: s.notApplicable, missing: s.missing.map((m) => m.code), noEvidence: s.withoutEvidence.map((m) => m.code) }).toEqual(expected);
  });

  it("links carry the item's code and path", () => {
    const s = summariseSubmit([item("p1.x.y", { pathNames: ["信息化应用绩效", "网站", "栏目"] })], ["自评上报"]);
    expect(s.withoutEvidence).toEqual([{ code: "p1.x.y", name: "p1.x.y", pathNames: ["信息化应用绩效", "网站", "栏目"] }]);
  });
});

describe("leafMethods: a leaf's 考核方式, inherited from its 二级", () => {
  it("uses the leaf's own, else the nearest ancestor's, else none", () => {
    const leaf = (code: string, methods?: ("自评上报" | "网上核查" | "现场检查")[]) => ({ code, name: code, max: 1, methods, rule: { type: "scale", max: 1 } });
    const edition = {
      parts: [
        {
          indicators: [
            { code: "a", name: "a", max: 2, methods: ["网上核查"], children: [{ code: "a.b", name: "a.b", max: 2, methods: ["自评上报", "现场检查"], children: [leaf("a.b.c"), leaf("a.b.d", ["网上核查"])] }, leaf("a.e")] },
            leaf("z"),
          ],
        },
      ],
    } as unknown as Parameters<typeof leafMethods>[0];
    const m = leafMethods(edition);
    expect(Object.fromEntries(m)).toEqual({ "a.b.c": ["自评上报", "现场检查"], "a.b.d": ["网上核查"], "a.e": ["网上核查"], z: [] });
  });

  it("sanming-2017: evidenceMethods is data, part 1's leaves inherit 自评上报 from their 二级, part 2 asks for none", () => {
    const res = loadEditionFromDir("rules/sanming-2017");
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    expect(res.edition.evidenceMethods).toEqual(["自评上报"]);
    const m = leafMethods(res.edition);
    const p1 = [...m].filter(([code]) => code.startsWith("p1."));
    const p2 = [...m].filter(([code]) => code.startsWith("p2."));
    expect(p1.length).toBeGreaterThan(5);
    expect(p1.every(([, methods]) => methods.includes("自评上报"))).toBe(true);
    expect(p2.every(([, methods]) => methods.length === 0)).toBe(true);
  });
});

describe("evidenceMethods in edition.yaml is checked on load", () => {
  it("an unknown 考核方式 is a Chinese error with file, path and line, not a crash", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "evidence-methods-"));
    try {
      cpSync("rules/sanming-2017", dir, { recursive: true });
      const file = path.join(dir, "edition.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("evidenceMethods: [自评上报]", "evidenceMethods: [自评]"));
      const res = loadEditionFromDir(dir);
      if (res.ok) throw new Error("an unknown method was accepted");
      expect(res.errors).toEqual([expect.objectContaining({ path: "evidenceMethods[0]", line: expect.any(Number), message: expect.stringContaining("自评上报") })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
