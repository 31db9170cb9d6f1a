// Filtering the 指标体系 view: to one unit (exactly the leaves assessedUnits gives it, plus
// their ancestors) and by keyword (name, text, column names, unit names), with counts.
import { beforeAll, describe, expect, it } from "vitest";
import { filterIndicatorsView, unitNamedBy, type TFilteredIndicators } from "@/lib/indicators/filter";
import { parseIndicatorsQuery } from "@/lib/indicators/query";
import { foldText, splitHighlights } from "@/lib/indicators/search";
import { buildIndicatorsView, type TColumnView, type TIndicatorView, type TIndicatorsView } from "@/lib/indicators/view";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { assessedUnits, buildUnitIndex, isLeaf, walkColumns, walkIndicators } from "@/lib/rules/resolve";
import type { TEdition } from "@/lib/rules/schema";

let edition: TEdition;
let view: TIndicatorsView;
beforeAll(() => {
  edition = loadEditionOrThrow("rules/sanming-2017");
  view = buildIndicatorsView(edition);
});

const flat = (ns: TIndicatorView[]): TIndicatorView[] => ns.flatMap((n) => [n, ...flat(n.children)]);
const flatCols = (ns: TColumnView[]): TColumnView[] => ns.flatMap((n) => [n, ...flat2(n)]);
const flat2 = (n: TColumnView): TColumnView[] => flatCols(n.children);
const shownLeaves = (r: TFilteredIndicators) => r.parts.flatMap((p) => flat(p.indicators)).filter((n) => n.leaf).map((n) => n.code);
const shownNodes = (r: TFilteredIndicators) => r.parts.flatMap((p) => flat(p.indicators));
const shownColumns = (r: TFilteredIndicators) => r.parts.flatMap((p) => flatCols(p.columns));

/** The expected set, straight from the rules: leaves whose assessedUnits include the unit. */
function expectedLeaves(unitCode: string): { leaves: string[]; lead: number; cooperate: number } {
  const index = buildUnitIndex(edition.units, edition.collectives);
  const leaves: string[] = [];
  let lead = 0;
  let cooperate = 0;
  for (const part of edition.parts) {
    for (const { node, path } of walkIndicators(part.indicators)) {
      if (!isLeaf(node)) continue;
      const r = assessedUnits(edition, part, node, path, index).find((x) => x.unit === unitCode);
      if (!r) continue;
      leaves.push(node.code);
      if (r.role === "lead") lead += 1;
      else cooperate += 1;
    }
  }
  return { leaves, lead, cooperate };
}

describe("unit filter", () => {
  it("without a filter shows every leaf of both parts", () => {
    const r = filterIndicatorsView(view, { unit: null, q: null });
    const all = edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].filter((w) => isLeaf(w.node)).map((w) => w.node.code));
    expect(shownLeaves(r)).toEqual(all);
    expect(r.parts.map((p) => p.code)).toEqual(["p1", "p2"]);
    expect(r.filtered).toBe(false);
  });

  it("gives every department and county exactly its assessed leaves, with roles counted", () => {
    for (const unit of edition.units.filter((u) => u.group !== "city")) {
      const r = filterIndicatorsView(view, { unit: unit.code, q: null });
      const expected = expectedLeaves(unit.code);
      expect(shownLeaves(r), unit.name).toEqual(expected.leaves);
      expect(r.counts.leaves, unit.name).toBe(expected.leaves.length);
      expect([r.counts.lead, r.counts.cooperate], unit.name).toEqual([expected.lead, expected.cooperate]);
      expect(Object.keys(r.relation).sort(), unit.name).toEqual([...expected.leaves].sort());
    }
  });

  it("市数字办 leads 公共平台 items and cooperates on 信用信息 items", () => {
    const szb = edition.units.find((u) => u.name === "市数字办")!;
    const r = filterIndicatorsView(view, { unit: szb.code, q: null });
    const byName = (name: string) => shownNodes(r).find((n) => n.name === name)!.code;
    expect(r.relation[byName("基础网络服务")]).toBe("lead");
    expect(r.relation[byName("信用数据报送覆盖")]).toBe("cooperate");
  });

  it("keeps every shown leaf's ancestors and drops inner nodes with no shown leaf", () => {
    const sanyuan = edition.units.find((u) => u.name === "三元区")!;
    const r = filterIndicatorsView(view, { unit: sanyuan.code, q: null });
    for (const p of r.parts) {
      const check = (n: TIndicatorView) => {
        if (!n.leaf) {
          expect(n.children.length, n.code).toBeGreaterThan(0);
          n.children.forEach(check);
        }
      };
      p.indicators.forEach(check);
    }
    expect(shownNodes(r).map((n) => n.name)).toContain("视频会议");
    expect(shownNodes(r).map((n) => n.name)).not.toContain("公共平台建设情况");
  });

  it("shows only the website columns the unit is responsible for", () => {
    const tjj = edition.units.find((u) => u.name === "市统计局")!;
    const r = filterIndicatorsView(view, { unit: tjj.code, q: null });
    const leafCols = shownColumns(r).filter((c) => c.leaf);
    expect(leafCols.length).toBeGreaterThan(0);
    for (const c of leafCols) expect(c.responsibleUnits, c.code).toContain(tjj.code);
    expect(leafCols.map((c) => c.name)).toContain("统计年鉴");
  });

  it("全市 shows its scorecard: city-level items and the per-unit items pooled into the city", () => {
    const city = edition.units.find((u) => u.group === "city")!;
    const r = filterIndicatorsView(view, { unit: city.code, q: null });
    const expected = edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].filter((w) => isLeaf(w.node) && (w.node.scope === "city" || w.node.rollupToCity)).map((w) => w.node.code));
    expect(shownLeaves(r)).toEqual(expected);
  });

  it("an unknown unit code filters nothing out", () => {
    const r = filterIndicatorsView(view, { unit: "no-such-unit", q: null });
    expect(r.unit).toBeNull();
    expect(shownLeaves(r).length).toBe(view.parts.reduce((n, p) => n + p.leafCount, 0));
  });
});

describe("keyword search", () => {
  it.each<[string, string, string]>([
    ["a leaf's name", "漏洞", "信息系统漏洞"],
    ["assessment text", "闽发改高技", "公共平台建设情况"],
    ["a column name a scoring item assesses", "互动交流知识库", "互动交流知识库"],
    ["a unit name in a responsible cell", "市保密局", "信息系统安全等级保护"],
    ["a unit alias (交通局 → 市交通运输局)", "交通局", "物联网服务"],
    ["full-width and half-width brackets alike", "各县(市、区)", "视频会议"],
  ])("finds by %s", (_label, q, name) => {
    const r = filterIndicatorsView(view, { unit: null, q });
    expect(shownNodes(r).map((n) => n.name)).toContain(name);
    expect(r.counts.indicatorMatches + r.counts.columnMatches).toBeGreaterThan(0);
  });

  it("counts the nodes whose own fields match, and keeps their context", () => {
    const r = filterIndicatorsView(view, { unit: null, q: "漏洞" });
    const matched = shownNodes(r).filter((n) => r.matched.includes(n.code));
    expect(r.counts.indicatorMatches).toBe(matched.length);
    expect(matched.map((n) => n.name)).toEqual(["政务信息系统安全和政务信息网安全管理", "信息系统漏洞"]);
    // the matching 二级 brings its other child along
    expect(shownLeaves(r).length).toBe(2);
  });

  it("a matching inner node shows all its leaves", () => {
    const r = filterIndicatorsView(view, { unit: null, q: "视频会议" });
    const sphy = shownNodes(r).find((n) => n.name === "视频会议")!;
    expect(sphy.children.length).toBe(6);
  });

  it("searches the column tree: names, content and units", () => {
    const r = filterIndicatorsView(view, { unit: null, q: "统计年鉴" });
    expect(shownColumns(r).filter((c) => c.leaf).map((c) => c.name)).toEqual(["统计年鉴"]);
    expect(r.counts.columnMatches).toBe(1);
    expect(r.counts.indicatorMatches).toBe(0);
    const byContent = filterIndicatorsView(view, { unit: null, q: "棚户区" });
    expect(byContent.counts.columnMatches).toBe(1);
  });

  it("a unit's name expands to its aliases and is offered as a unit filter", () => {
    const r = filterIndicatorsView(view, { unit: null, q: "交通局" });
    expect(r.qUnit?.name).toBe("市交通运输局");
    expect(r.terms).toEqual(expect.arrayContaining(["交通局", "市交通运输局", "交通运输局"]));
    expect(unitNamedBy(view, "漏洞")).toBeNull();
  });

  it("nothing matching → no parts (the page's empty state)", () => {
    const r = filterIndicatorsView(view, { unit: null, q: "没有这个关键词" });
    expect(r.parts).toEqual([]);
    expect(r.counts).toMatchObject({ indicatorMatches: 0, columnMatches: 0, leaves: 0 });
  });

  it("combines with the unit filter: only the unit's leaves that match", () => {
    const sanyuan = edition.units.find((u) => u.name === "三元区")!;
    const r = filterIndicatorsView(view, { unit: sanyuan.code, q: "月均" });
    expect(shownLeaves(r).map((c) => shownNodes(r).find((n) => n.code === c)!.name)).toEqual(["动态信息"]);
    // 漏洞 matches a 二级 of two leaves, and 三元区 is assessed on both
    expect(filterIndicatorsView(view, { unit: sanyuan.code, q: "漏洞" }).counts.leaves).toBe(2);
    const none = filterIndicatorsView(view, { unit: sanyuan.code, q: "数据中心" });
    expect(none.parts).toEqual([]);
  });

  it("every column code in the column tree is reachable from search by its name", () => {
    for (const part of edition.parts) {
      for (const { node } of walkColumns(part.columns ?? [])) {
        const r = filterIndicatorsView(view, { unit: null, q: node.name });
        expect(shownColumns(r).map((c) => c.code), node.code).toContain(node.code);
      }
    }
  });
});

describe("highlighting", () => {
  it.each<[string, string[], { text: string; hit: boolean }[]]>([
    ["信息系统漏洞", ["漏洞"], [{ text: "信息系统", hit: false }, { text: "漏洞", hit: true }]],
    ["漏洞与漏洞", ["漏洞"], [{ text: "漏洞", hit: true }, { text: "与", hit: false }, { text: "漏洞", hit: true }]],
    ["市交通运输局", ["交通局", "市交通运输局"], [{ text: "市交通运输局", hit: true }]],
    ["各县（市、区）", ["(市、区)"], [{ text: "各县", hit: false }, { text: "（市、区）", hit: true }]],
    ["ABC abc", ["abc"], [{ text: "ABC", hit: true }, { text: " ", hit: false }, { text: "abc", hit: true }]],
    ["无匹配", ["漏洞"], [{ text: "无匹配", hit: false }]],
  ])("%s with %j", (text, terms, segments) => {
    expect(splitHighlights(text, terms)).toEqual(segments);
    expect(splitHighlights(text, terms).map((s) => s.text).join("")).toBe(text);
  });

  it("folding keeps length (positions stay valid)", () => {
    for (const s of ["（市、区）", "(市、区)", "ABC", "市数字办"]) expect(foldText(s).length).toBe(s.length);
  });
});

describe("URL search params", () => {
  it.each<[Record<string, string | string[] | undefined>, { unit?: string; q?: string }]>([
    [{}, {}],
    [{ unit: "dept-szb", q: " 漏洞 " }, { unit: "dept-szb", q: "漏洞" }],
    [{ unit: "" }, { unit: "" }],
    [{ unit: ["county-sanyuan", "x"] }, { unit: "county-sanyuan" }],
    [{ q: "长".repeat(101) }, {}],
  ])("%j", (raw, expected) => {
    const parsed = parseIndicatorsQuery(raw);
    expect({ unit: parsed.unit, q: parsed.q }).toEqual({ unit: expected.unit, q: expected.q });
  });
});
