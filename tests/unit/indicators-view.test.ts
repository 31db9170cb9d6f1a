// The 指标体系 view model: everything the page shows comes from the edition's data: rules
// in plain Chinese, units with roles, the scoring-item ↔ website-column links, anchors.
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndicatorsView, columnAnchor, type TColumnView, type TIndicatorView, type TIndicatorsView } from "@/lib/indicators/view";
import { describeRule } from "@/lib/rules/describe";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { assessedUnits, buildUnitIndex, isLeaf, leafColumnsUnder, walkColumns, walkIndicators } from "@/lib/rules/resolve";
import type { TEdition } from "@/lib/rules/schema";

let edition: TEdition;
let view: TIndicatorsView;
beforeAll(() => {
  edition = loadEditionOrThrow("rules/sanming-2017");
  view = buildIndicatorsView(edition);
});

const flat = (ns: TIndicatorView[]): TIndicatorView[] => ns.flatMap((n) => [n, ...flat(n.children)]);
const flatCols = (ns: TColumnView[]): TColumnView[] => ns.flatMap((n) => [n, ...flatCols(n.children)]);
const allNodes = () => view.parts.flatMap((p) => flat(p.indicators));
const allColumns = () => view.parts.flatMap((p) => flatCols(p.columns));
const node = (name: string) => {
  const found = allNodes().filter((n) => n.name === name);
  if (found.length !== 1) throw new Error(`${name}: ${found.length}`);
  return found[0];
};
const column = (name: string) => allColumns().find((c) => c.name === name)!;

describe("buildIndicatorsView on sanming-2017", () => {
  it("has both parts with their declared totals", () => {
    expect(view.parts.map((p) => [p.ordinal, p.name, p.max])).toEqual([
      [1, "综合应用部分", "70"],
      [2, "政府网站建设部分", "100"],
    ]);
    expect(view.parts[1].columns.length).toBeGreaterThan(0);
  });

  it("every leaf's rule is describeRule of the data, and every leaf has one", () => {
    for (const part of edition.parts) {
      for (const { node: leaf } of walkIndicators(part.indicators)) {
        if (!isLeaf(leaf)) continue;
        const v = allNodes().find((n) => n.code === leaf.code)!;
        expect(v.rule, leaf.code).toBe(describeRule(leaf));
        expect(v.ruleType).toBe(leaf.rule?.type);
      }
    }
  });

  it("a count rule's sentence carries its pointsPer and cap", () => {
    const src = [...walkIndicators(edition.parts[0].indicators)].find((w) => w.node.name === "基础网络服务")!.node;
    if (src.rule?.type !== "count") throw new Error("基础网络服务 should be a count rule");
    expect(node("基础网络服务").rule).toContain(`得${src.rule.pointsPer}分`);
    expect(node("基础网络服务").rule).toContain(`最高${src.rule.cap}分`);
  });

  it("anchors are unique: indicator codes, and columns under their own prefix", () => {
    const ids = [...allNodes().map((n) => n.code), ...allColumns().map((c) => c.anchor)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(column("市级动态").anchor).toBe(columnAnchor("zwgk.zwxx.sjdt"));
  });

  it("each leaf's assessed units are assessedUnits, and its chips name exactly those units", () => {
    const index = buildUnitIndex(edition.units, edition.collectives);
    for (const part of edition.parts) {
      for (const { node: leaf, path } of walkIndicators(part.indicators)) {
        if (!isLeaf(leaf)) continue;
        const v = allNodes().find((n) => n.code === leaf.code)!;
        const expected = Object.fromEntries(assessedUnits(edition, part, leaf, path, index).map((r) => [r.unit, r.role]));
        expect(v.assessed, leaf.code).toEqual(expected);
        const named = v.units.flatMap((c) => c.units.map((u) => [u, c.role]));
        expect(Object.fromEntries(named), leaf.code).toEqual(expected);
        // leads come first
        const roles = v.units.map((c) => c.role);
        expect(roles, leaf.code).toEqual([...roles].sort((a, b) => (a === b ? 0 : a === "lead" ? -1 : 1)));
      }
    }
  });

  it("names units canonically and groups whole groups", () => {
    const wlw = node("物联网服务");
    expect(wlw.units.find((c) => c.role === "lead")?.label).toBe("市数字办");
    expect(wlw.units.map((c) => c.label)).toContain("市交通运输局"); // the seed says 交通局
    const sphy = node("会前调试点名");
    expect(sphy.units.map((c) => c.label)).toContain("各县（市、区）（全部12个）");
    expect(sphy.unitsSource).toBe("沿用上级指标“视频会议”的责任单位");
    const ld = node("信息系统漏洞");
    expect(ld.units.find((c) => c.role === "lead")?.label).toBe("市公安局");
    expect(ld.units.filter((c) => c.role === "cooperate").map((c) => c.label)).toEqual(["其余市直部门（31个）", "各县（市、区）（全部12个）"]);
  });

  it("flags inferred units (推定) where the data marks them", () => {
    const xwfbh = node("新闻发布会");
    expect(xwfbh.units.every((c) => c.inferred)).toBe(true);
    const col = column("重要会议");
    expect(col.units).toEqual([expect.objectContaining({ label: "市直各部门", role: "lead", inferred: true })]);
    expect(column("市级动态").units[0].inferred).toBe(false);
  });

  it("marks inherited column cells (（同上）) from the data", () => {
    for (const part of edition.parts) {
      for (const { node: c } of walkColumns(part.columns ?? [])) {
        const v = allColumns().find((x) => x.code === c.code)!;
        expect(v.contentInherited, c.code).toBe(c.inherited?.includes("content") ?? false);
        expect(v.unitsInherited, c.code).toBe(c.inherited?.includes("responsible") ?? false);
      }
    }
    expect(column("公务员考录")).toMatchObject({ contentInherited: true, unitsInherited: true, inheritedFromName: "人事任免" });
  });

  it("links scoring items and columns both ways", () => {
    const p2 = edition.parts[1];
    const leaves = [...walkIndicators(p2.indicators)].filter((w) => isLeaf(w.node)).map((w) => w.node);
    for (const leaf of leaves) {
      const v = allNodes().find((n) => n.code === leaf.code)!;
      expect(v.columns.map((c) => c.code)).toEqual(leaf.columns ?? []);
      for (const ref of leaf.columns ?? []) {
        for (const lc of leafColumnsUnder(p2, ref)) {
          expect(allColumns().find((c) => c.code === lc.code)!.assessedBy.map((a) => a.code), `${leaf.code} → ${lc.code}`).toContain(leaf.code);
        }
      }
    }
    for (const c of allColumns()) {
      for (const a of c.assessedBy) {
        const leaf = leaves.find((l) => l.code === a.code)!;
        const covered = (leaf.columns ?? []).some((ref) => [...walkColumns(p2.columns ?? [])].some((w) => w.node.code === ref && [...walkColumns([w.node])].some((u) => u.node.code === c.code)));
        expect(covered, `${c.code} ← ${a.code}`).toBe(true);
      }
    }
    expect(column("互动交流知识库").assessedBy.map((a) => a.name)).toEqual(["互动交流知识库"]);
    expect(node("动态信息").columns.map((c) => c.name)).toContain("政务信息");
  });

  it("keeps the assessment text, methods and readings of each node", () => {
    const sjzx = node("数据中心整合");
    expect(sjzx.text.map((t) => t.label)).toEqual(["考核内容", "考核要求", "分值计算"]);
    expect(sjzx.methods).toEqual(["自评上报", "现场检查"]);
    expect(node("动态信息").readings.map((r) => r.id)).toEqual(["R8", "R17"]);
    const r8 = node("动态信息").readings[0];
    expect(r8.source).toContain("4条以下得10分");
    expect(r8.alternatives.length).toBeGreaterThan(0);
  });
});
