// 沿用上年指标 in the draft editor and in the rules: what each item continues, set per item,
// kept when an item is re-coded; rules/sanming-2018's mapping against 2017.
import { describe, expect, it } from "vitest";
import { continuedOf, recodeContinued, setContinued } from "@/lib/authoring/previous";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { checkPreviousAgainst, continuedItems, itemCodes } from "@/lib/rules/previous";
import type { TEdition } from "@/lib/rules/schema";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
const e2018 = loadEditionOrThrow("rules/sanming-2018");

describe("rules/sanming-2018 continues rules/sanming-2017", () => {
  it("names only 2017 items, and maps every re-coded item", () => {
    expect(checkPreviousAgainst(e2018, e2017, "edition.yaml")).toEqual([]);
    const map = continuedItems(e2018, e2017);
    expect(map.get("p1.xxh.xyxx.gjfg")).toBe("p1.xxh.xypt.bsfg");
    expect(map.get("p2.zwgk.zdly")).toBe("p2.zwgk.zdxx");
    expect(map.get("p2.zwgk.dtxx")).toBe("p2.zwgk.dtxx"); // same code
    expect(map.get("p1.aq.wzaq")).toBeNull(); // new in 2018
    // every 2017 item is continued by at most one 2018 item; the only ones left are the removed 数据中心整合
    const continued = new Set([...map.values()].filter(Boolean));
    expect(itemCodes(e2017).filter((c) => !continued.has(c))).toEqual(["p1.xxh.sjzx"]);
  });

  it("a wrong target is reported against the previous edition", () => {
    const bad: TEdition = { ...e2018, previous: { edition: "sanming-2017", items: { "p2.zwgk.zdly": "p2.zwgk.nope" } } };
    expect(checkPreviousAgainst(bad, e2017, "edition.yaml").map((i) => i.message)).toEqual(["上年版本 sanming-2017 没有指标“p2.zwgk.nope”"]);
  });
});

describe("沿用上年指标 in the editor", () => {
  const draft: TEdition = { ...e2017, id: "x-2018", year: 2018, previous: { edition: "sanming-2017" } };
  const codes = new Set(itemCodes(e2017));

  it("defaults to the same code; set to another item, to none, and back", () => {
    expect(continuedOf(draft, "p2.zwgk.zdxx")).toEqual({ kind: "same" });
    const a = setContinued(draft, "p2.zwgk.zdxx", { kind: "item", code: "p2.zwgk.dtxx" });
    expect(a.previous).toEqual({ edition: "sanming-2017", items: { "p2.zwgk.zdxx": "p2.zwgk.dtxx" } });
    const b = setContinued(a, "p2.zwgk.zdxx", { kind: "none" });
    expect(continuedOf(b, "p2.zwgk.zdxx")).toEqual({ kind: "none" });
    expect(setContinued(b, "p2.zwgk.zdxx", { kind: "same" }).previous).toEqual({ edition: "sanming-2017" });
  });

  it("re-coding an item keeps what it continued, keystroke by keystroke", () => {
    let e = recodeContinued(draft, "p2.zwgk.zdxx", "p2.zwgk.zd", codes);
    e = recodeContinued(e, "p2.zwgk.zd", "p2.zwgk.zdly", codes);
    expect(e.previous?.items).toEqual({ "p2.zwgk.zdly": "p2.zwgk.zdxx" });
    // typed back to its old code: the explicit mapping disappears (same code again)
    expect(recodeContinued(e, "p2.zwgk.zdly", "p2.zwgk.zdxx", codes).previous).toEqual({ edition: "sanming-2017" });
    // a new item (no code of last year) stays new
    expect(recodeContinued(draft, "p9.new", "p9.newer", codes).previous).toEqual({ edition: "sanming-2017" });
  });
});
