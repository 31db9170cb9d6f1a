// 历年对比's pure part: following a unit whose code changed through its alias history, and
// the empty state of a unit assessed in one edition only. (Scores across the real 2017 and
// 2018 editions: tests/integration/history.test.ts.)
import { describe, expect, it } from "vitest";
import { buildUnitHistory, followUnit, type THistoryEditionInput } from "@/lib/dashboard/history";
import { scoreEdition } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TEdition } from "@/lib/rules/schema";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
// 2018 as if 机构改革 had also given 市卫健委 a new code; it lists 市卫计委 among its aliases
const e2018: TEdition = structuredClone(loadEditionOrThrow("rules/sanming-2018"));
e2018.units = e2018.units.map((u) => (u.code === "dept-wjw" ? { ...u, code: "dept-wsjk" } : u));

const dtxx = (unit: string, perMonth: number) => ({ unit, item: "p2.zwgk.dtxx", source: "review" as const, value: { monthly: Array(12).fill(perMonth) } });
const input = (e: TEdition, id: number, facts: ReturnType<typeof dtxx>[] | null): THistoryEditionInput => ({
  id,
  key: e.id,
  version: 1,
  year: e.year,
  name: e.name,
  edition: e,
  result: facts ? scoreEdition(e, { edition: e.id, facts }) : null,
});

describe("历年对比: following a unit", () => {
  it("finds a re-coded unit in the earlier edition by the old name it keeps as an alias", () => {
    const wsjk = e2018.units.find((u) => u.code === "dept-wsjk")!;
    expect(followUnit(wsjk, e2017)?.code).toBe("dept-wjw");
    // a unit whose names match nothing of the other edition is not followed
    expect(followUnit({ code: "dept-new", name: "市新设局", group: "department", aliases: [] }, e2017)).toBeNull();
  });

  it("shows both years under the new code, each with the name of its time", () => {
    const h = buildUnitHistory("dept-wsjk", [input(e2018, 2, [dtxx("dept-wsjk", 10)]), input(e2017, 1, [dtxx("dept-wjw", 8)])]);
    if (h.kind !== "ok") throw new Error(h.kind);
    // 2017: 15 of p2's 95 → 300/19 = 15.789…; p1 nothing → 0; (0 + 300/19) / 2 = 150/19 = 7.894… → 7.89
    // 2018: 15 → p2 300/19; p1 0; 0.6 × 300/19 = 180/19 = 9.473… → 9.47
    expect(h.rows.map((r) => [r.year, r.unitCode, r.unitName, r.score])).toEqual([
      [2017, "dept-wjw", "市卫计委", "7.89"],
      [2018, "dept-wsjk", "市卫健委", "9.47"],
    ]);
    expect(h.formerNames).toEqual(["市卫计委"]);
    expect(h.single).toBe(false);
  });

  it("a unit of one edition only: the empty state, and an unknown unit", () => {
    const h = buildUnitHistory("dept-cgj", [input(e2017, 1, []), input(e2018, 2, null)]);
    if (h.kind !== "ok") throw new Error(h.kind);
    expect(h.single).toBe(true);
    expect(h.rows.map((r) => [r.year, r.status])).toEqual([
      [2017, "absent"],
      [2018, "no-results"],
    ]);
    expect(buildUnitHistory("dept-none", [input(e2017, 1, null)]).kind).toBe("unknown-unit");
  });
});
