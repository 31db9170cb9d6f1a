// The draft editor's website 分解表 (columns) edits, validated by the same validator as
// `npm run rules:check`, with each finding placed on its column.
import { describe, expect, it } from "vitest";
import { addChildColumn, addSiblingColumn, addTopColumn, columnOfIssuePath, columnReferences, findColumn, moveColumn, removeColumn, updateColumn } from "@/lib/authoring/columns";
import { diffEditions } from "@/lib/authoring/diff";
import { checkEditionData } from "@/lib/authoring/schema";
import { placeIssue } from "@/components/editions/issue-paths";
import { findNode } from "@/lib/authoring/tree";
import { loadEditionOrThrow } from "@/lib/rules/load";
import type { TEdition } from "@/lib/rules/schema";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
const P2 = 1; // 政府网站建设部分 holds the 分解表
/** The validator's errors, each on the column it names ("code field: message"). */
const columnErrors = (e: TEdition) => {
  const c = checkEditionData(e);
  if (c.ok) return [];
  return c.errors.map((i) => {
    const at = /^part(\d+)\.yaml$/.exec(i.file) ? columnOfIssuePath(e, Number(/^part(\d+)/.exec(i.file)![1]) - 1, i.path) : null;
    return at ? `${at.code} ${at.field}: ${i.message}` : `${i.file} ${i.path}: ${i.message}`;
  });
};

describe("the 分解表 in the draft editor", () => {
  it("a column added after 人事任免: an error on it until it has a responsible unit, then valid and in the diff", () => {
    const added = addSiblingColumn(e2017, "zwgk.rsxx.rsrm");
    expect(added.code).toBe("zwgk.rsxx.new");
    const list = findColumn(added.edition, "zwgk.rsxx")!.children!.map((c) => c.code);
    expect(list.indexOf("zwgk.rsxx.new")).toBe(list.indexOf("zwgk.rsxx.rsrm") + 1);
    expect(columnErrors(added.edition)).toEqual([expect.stringMatching(/^zwgk\.rsxx\.new : 栏目“新栏目”.*没有责任单位/)]);
    const e = updateColumn(updateColumn(added.edition, added.code, { name: "事业单位招聘", content: "公开事业单位公开招聘信息。" }), added.code, {
      responsible: [{ unit: "市人社局", role: "lead", inferred: false }],
    });
    expect(columnErrors(e)).toEqual([]);
    expect(diffEditions(e2017, e).columnsAdded).toEqual(["事业单位招聘（zwgk.rsxx.new）"]);
  });

  it("a unit that is not in the edition is an error on that column's 责任单位", () => {
    const e = updateColumn(e2017, "sq.smgk", { responsible: [{ unit: "市不存在局", role: "lead", inferred: false }] });
    expect(columnErrors(e)).toEqual([expect.stringMatching(/^sq\.smgk responsible: 无法识别的单位“市不存在局”/), expect.stringMatching(/^sq\.smgk : .*没有责任单位/)]);
  });

  it("editing an inherited cell makes it the column's own: the inherited mark and the seed's 责任单位 text go", () => {
    const before = findColumn(e2017, "zwgk.rsxx.gwykl")!;
    expect(before).toMatchObject({ inheritedFrom: "zwgk.rsxx.rsrm", inherited: ["content", "responsible"] });
    const e = updateColumn(e2017, "zwgk.rsxx.gwykl", { responsible: [{ unit: "市人社局", role: "lead", inferred: false }] });
    const after = findColumn(e, "zwgk.rsxx.gwykl")!;
    expect(after).toMatchObject({ inheritedFrom: "zwgk.rsxx.rsrm", inherited: ["content"], content: before.content });
    expect(after.responsibleText).toBeUndefined();
    const own = findColumn(updateColumn(e, "zwgk.rsxx.gwykl", { content: "公开公务员考录信息。" }), "zwgk.rsxx.gwykl")!;
    expect(own.inherited).toBeUndefined();
    expect(own.inheritedFrom).toBeUndefined();
    expect(columnErrors(e)).toEqual([]);
    expect(diffEditions(e2017, e).columnsChanged).toEqual(["公务员考录（zwgk.rsxx.gwykl）"]);
  });

  it("a new code carries the items that assess the column (动态信息 names 政务信息)", () => {
    expect(columnReferences(e2017, "zwgk.zwxx")).toEqual(["动态信息"]);
    const e = updateColumn(e2017, "zwgk.zwxx", { code: "zwgk.zwyw" });
    expect(findNode(e, "p2.zwgk.dtxx")!.columns).toContain("zwgk.zwyw");
    expect(findNode(e, "p2.zwgk.dtxx")!.columns).not.toContain("zwgk.zwxx");
    expect(columnErrors(e)).toEqual([]);
  });

  it("removing a column an item assesses is flagged by the validator on that item", () => {
    const e = removeColumn(e2017, "zwgk.zwxx");
    expect(findColumn(e, "zwgk.zwxx")).toBeNull();
    expect(columnErrors(e)).toEqual([expect.stringMatching(/^part2\.yaml indicators.*columns\[0\]: .*不存在的网站栏目“zwgk\.zwxx”/)]);
    // in the editor it sits on the item, not in the 分解表
    const c = checkEditionData(e);
    if (!c.ok) expect(placeIssue(e, c.errors[0], "error")).toMatchObject({ node: "p2.zwgk.dtxx", field: "columns" });
    const noUnits = checkEditionData(addSiblingColumn(e2017, "sq.smgk").edition);
    if (!noUnits.ok) expect(placeIssue(e2017, noUnits.errors[0], "error")).toMatchObject({ node: null, field: "分解表" });
    expect(noUnits.ok).toBe(false);
  });

  it("a child turns a column into a heading (no content or units of its own); move and a new top-level column", () => {
    const child = addChildColumn(e2017, "sq.smgk");
    const heading = findColumn(child.edition, "sq.smgk")!;
    expect(heading.content).toBeUndefined();
    expect(heading.responsible).toBeUndefined();
    expect(heading.children!.map((c) => c.code)).toEqual([child.code]);
    const moved = moveColumn(e2017, "sq.sld", -1);
    expect(findColumn(moved, "sq")!.children!.map((c) => c.code).slice(0, 2)).toEqual(["sq.sld", "sq.smgk"]);
    expect(moveColumn(moved, "sq.sld", -1)).toEqual(moved); // already first
    const top = addTopColumn(e2017, P2);
    expect(top.edition.parts[P2].columns!.at(-1)!.code).toBe(top.code);
  });
});
