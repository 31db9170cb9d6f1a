// Issue #14 §1: the unit's item page and the reviewer's item card are built from one item
// view. Before, the unit's page showed no 考核方式 for the part-1 items that inherit it
// from their 二级 (the reviewer's card did). Pure: no database.
import { beforeAll, describe, expect, it } from "vitest";
import { leafView as unitLeafView } from "@/app/self-assessment/view";
import { compileEdition, scoreItem, type CompiledEdition } from "@/lib/engine";
import { asksEvidence, leafMethods } from "@/lib/assessment/submit-summary";
import { buildReviewItemView, buildReviewLeafView, itemMethods } from "@/lib/assessment/item-view";
import { itemsForUnit, type UnitItem } from "@/lib/assessment/items";
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

describe("the reviewer's card is built from the same item view", () => {
  it("every shared field (考核方式 included) is the unit page's, plus the reviewer's own parts", () => {
    for (const leaf of compiled.leafByCode.values()) {
      const unit = unitLeafView(compiled, { leaf } as UnitItem);
      const review = buildReviewLeafView(compiled, leaf);
      const { overrideMax, workdays, deadline, ...shared } = review;
      expect(shared, leaf.code).toEqual(unit);
      expect(Number(overrideMax)).toBeGreaterThanOrEqual(Number(unit.max));
      expect(deadline === null, leaf.code).toBe(workdays === null);
    }
  });

  it("checks evidence as the 提交 summary does: entered, 考核方式 asks for it (自评上报), none uploaded", () => {
    const item = itemsForUnit(compiled, "county-mingxi").find((i) => i.editable && i.leaf.rule.type === "deduction" && asksEvidence(itemMethods(compiled, i.leaf.code), compiled.edition.evidenceMethods ?? []))!;
    expect(item).toBeDefined();
    const build = (payload: object | null, evidence: number) => {
      const facts = payload ? [{ ...payload, unit: item.factUnit, item: item.leaf.code, source: "self" as const }] : [];
      return buildReviewItemView(compiled, {
        leaf: item.leaf,
        role: item.role,
        factUnit: item.factUnit,
        self: payload ? { payload, status: "submitted", version: 1, returnComment: null, updatedAt: new Date(0), updatedBy: null } : null,
        review: null,
        result: scoreItem(compiled, { unit: "county-mingxi", item: item.leaf.code, facts }),
        events: [],
        evidence: Array.from({ length: evidence }, (_, i) => ({ id: String(i), name: "佐证", previewable: null })),
        records: [],
      });
    };
    const entered = build({ value: { events: [] } }, 0);
    expect(entered.leaf.methods).toContain("自评上报");
    expect(entered.status).toBe("submitted");
    expect(entered.evidenceMissing).toBe(true);
    expect(build({ value: { events: [] } }, 1).evidenceMissing).toBe(false);
    expect(build(null, 0).evidenceMissing).toBe(false); // not entered: the unit has nothing to prove yet
  });
});
