// Issue #14 §1: the unit's item page and the reviewer's item card are built from one item
// view. Before, the unit's page showed no 考核方式 for the part-1 items that inherit it
// from their 二级 (the reviewer's card did). Pure: no database.
import { beforeAll, describe, expect, it } from "vitest";
import { leafView as unitLeafView } from "@/app/self-assessment/view";
import { compileEdition, type CompiledEdition } from "@/lib/engine";
import { leafMethods } from "@/lib/assessment/submit-summary";
import type { UnitItem } from "@/lib/assessment/items";
import { loadEditionOrThrow } from "@/lib/rules/load";

let compiled: CompiledEdition;
beforeAll(() => {
  compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
});

describe("item view: 考核方式 inherited from the 二级", () => {
  it("the unit's page shows the methods of every leaf, its own or its nearest ancestor's", () => {
    const expected = leafMethods(compiled.edition);
    const inheriting = [...compiled.leafByCode.values()].filter((l) => !l.source.methods?.length && (expected.get(l.code) ?? []).length > 0);
    expect(inheriting.length).toBeGreaterThanOrEqual(10);
    for (const leaf of compiled.leafByCode.values()) {
      const view = unitLeafView(compiled, { leaf } as UnitItem);
      expect(view.methods, leaf.code).toEqual(expected.get(leaf.code));
    }
  });
});
