// The draft editor's unit edits, validated by the same validator as `npm run rules:check`.
import { describe, expect, it } from "vitest";
import { diffEditions } from "@/lib/authoring/diff";
import { checkEditionData } from "@/lib/authoring/schema";
import { addSibling, findNode, updateNode } from "@/lib/authoring/tree";
import { addUnit, removeUnit, updateUnit } from "@/lib/authoring/units";
import { loadEditionOrThrow } from "@/lib/rules/load";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
const errors = (e: typeof e2017) => {
  const c = checkEditionData(e);
  return c.ok ? [] : c.errors.map((i) => `${i.file} ${i.path}: ${i.message}`);
};

describe("units in the draft editor", () => {
  it("a department added after the last department, named, made lead of a new item: valid, and in the diff", () => {
    const { edition: withUnit, code } = addUnit(e2017, "department");
    expect(code).toBe("dept-new");
    const i = withUnit.units.findIndex((u) => u.code === code);
    expect(withUnit.units[i - 1].group).toBe("department");
    expect(withUnit.units[i + 1].group).not.toBe("department");
    let e = updateUnit(updateUnit(withUnit, i, { code: "dept-dsjj" }), i, { name: "市大数据局", aliases: ["大数据局"] });
    const added = addSibling(e, "p1.xxh.ggpt.wlw");
    e = updateNode(added.edition, added.code, (n) => ({ ...n, name: "物联网感知平台", responsible: [{ unit: "大数据局", role: "lead", inferred: false }, { unit: "市数字办", role: "cooperate", inferred: false }] }));
    expect(errors(e)).toEqual([]);
    const d = diffEditions(e2017, e);
    expect(d.unitsAdded).toEqual(["市大数据局（dept-dsjj）"]);
    expect(d.added.map((x) => x.name)).toEqual(["物联网感知平台"]);
  });

  it("a county unit is added among the counties", () => {
    const { edition, code } = addUnit(e2017, "county");
    const i = edition.units.findIndex((u) => u.code === code);
    expect(edition.units[i]).toMatchObject({ code: "county-new", group: "county" });
    expect(edition.units[i - 1].group).toBe("county");
  });

  it("a blank name, a duplicate code and a name another unit uses are refused next to the unit", () => {
    const { edition } = addUnit(e2017, "department");
    const i = edition.units.findIndex((u) => u.code === "dept-new");
    expect(errors(updateUnit(edition, i, { name: " " }))).toEqual([`units.yaml units[${i}].name: 请填写单位 dept-new 的名称`]);
    expect(errors(updateUnit(edition, i, { code: "dept-szb" })).join("\n")).toContain("单位代码“dept-szb”重复");
    expect(errors(updateUnit(edition, i, { name: "市财政局" })).join("\n")).toMatch(/名称或别名“市财政局”同时指向单位/);
  });

  it("a rename carries the items that named the unit by its old name", () => {
    const i = e2017.units.findIndex((u) => u.name === "市数字办");
    const renamed = updateUnit(e2017, i, { name: "市大数据中心" });
    expect(errors(renamed)).toEqual([]);
    const wlw = findNode(renamed, "p1.xxh.ggpt.wlw")!;
    const before = findNode(e2017, "p1.xxh.ggpt.wlw")!;
    expect(before.responsible?.some((r) => r.unit === "市数字办")).toBe(true);
    expect(wlw.responsible?.some((r) => r.unit === "市大数据中心")).toBe(true);
    expect(diffEditions(e2017, renamed).unitsRenamed).toEqual(["市数字办 → 市大数据中心（dept-szb）"]);
  });

  it("a name passed through on the way (another unit's) does not take that unit's items along", () => {
    const { edition } = addUnit(e2017, "department");
    const i = edition.units.findIndex((u) => u.code === "dept-new");
    const typed = updateUnit(updateUnit(edition, i, { name: "市数字办" }), i, { name: "市大数据局" });
    expect(findNode(typed, "p1.xxh.ggpt.wlw")!.responsible).toEqual(findNode(e2017, "p1.xxh.ggpt.wlw")!.responsible);
    expect(errors(typed)).toEqual([]);
  });

  it("removing a unit items still name is flagged by the validator on those items", () => {
    const i = e2017.units.findIndex((u) => u.name === "市数字办");
    const out = errors(removeUnit(e2017, i));
    expect(out.some((m) => /responsible\[\d+\]\.unit: 无法识别的单位“市数字办”/.test(m))).toBe(true);
    // items it led alone are left with nobody
    expect(out.some((m) => /“云计算服务”（p1\.xxh\.ggpt\.yjs）没有任何责任单位/.test(m))).toBe(true);
  });
});
