// The 2017 edition as data: totals, units, readings and rule parameters, checked against
// the data itself and, where the seed document is present, against the seed's text.
import path from "node:path";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { summariseEdition } from "@/lib/rules/describe";
import { DEFAULT_READINGS } from "@/lib/rules/readings";
import { loadEditionFromDir } from "@/lib/rules/load";
import { assessedUnits, buildUnitIndex, isLeaf, resolveUnitRef, walkColumns, walkIndicators } from "@/lib/rules/resolve";
import type { TEdition, TIndicator, TPart, TReading, TRule } from "@/lib/rules/schema";
import { breakdownRows, part1Rows, readSeed, repoRoot, SEED_MISSING, squash } from "./fixtures-rules/seed-table";

const DIR = path.join(repoRoot, "rules/sanming-2017");
const loaded = loadEditionFromDir(DIR);
if (!loaded.ok) throw new Error(`edition failed to load: ${JSON.stringify(loaded.errors, null, 2)}`);
const edition: TEdition = loaded.edition;
const index = buildUnitIndex(edition.units, edition.collectives);
const seed = readSeed();
const seedFlat = seed ? squash(seed) : "";
if (!seed) console.warn(SEED_MISSING);
/** Test name that says why it was skipped when the seed document is absent. */
const withSeed = (name: string) => (seed ? name : `${name} — skipped: ${SEED_MISSING}`);

const part = (code: string): TPart => {
  const p = edition.parts.find((x) => x.code === code);
  if (!p) throw new Error(`no part ${code}`);
  return p;
};
const allIndicators = () => edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].map((w) => ({ ...w, part: p })));
const ind = (code: string): TIndicator => {
  const hit = allIndicators().find((w) => w.node.code === code);
  if (!hit) throw new Error(`no indicator ${code}`);
  return hit.node;
};
const leavesOf = (p: TPart) => [...walkIndicators(p.indicators)].filter((w) => isLeaf(w.node));
const sum = (xs: (string | number)[]) => xs.reduce<Fraction>((a, x) => a.add(new Fraction(x)), new Fraction(0));
const ruleOf = <T extends TRule["type"]>(code: string, type: T): Extract<TRule, { type: T }> => {
  const r = ind(code).rule;
  if (!r || r.type !== type) throw new Error(`${code} is not a ${type} rule`);
  return r as Extract<TRule, { type: T }>;
};
const unitCode = (ref: string) => resolveUnitRef(index, ref)?.[0];

describe("sanming-2017 totals", () => {
  it("loads with exactly one warning: the 40-vs-50 mismatch, naming both numbers", () => {
    const xxh = ind("p1.xxh");
    const childSum = sum((xxh.children ?? []).map((c) => c.max));
    expect(childSum.toString()).toBe("50");
    expect(loaded.warnings).toHaveLength(1);
    const [w] = loaded.warnings;
    expect(w.file.endsWith("part1.yaml")).toBe(true);
    expect(w.path).toBe("indicators[0].max");
    expect(w.message).toContain(`${childSum.toString()} 分`);
    expect(w.message).toContain(`${new Fraction(xxh.max).toString()} 分`);
    expect(w.line).toBeGreaterThan(0);
  });

  it("part 1 is declared 70: the sum of its 一级 maxima; the 一级 headed 40 caps its children (R1)", () => {
    const p1 = part("p1");
    const declared = sum(p1.indicators.map((i) => i.max));
    expect(declared.toString()).toBe("70");
    expect(summariseEdition(edition).parts[0]).toMatchObject({ code: "p1", declaredMax: declared.toString() });
    // the node records R1, so the edition's readings.R1 decides how it adds up
    expect(ind("p1.xxh").aggregate).toBeUndefined();
    expect(ind("p1.xxh").readings?.map((r) => r.id)).toContain("R1");
    expect(edition.readings?.R1).toBe("cap");
    expect(p1.indicators.map((i) => `${i.name}${i.max}`)).toEqual(["信息化应用绩效40", "信息资源开发利用绩效15", "安全保障绩效15"]);
  });

  it("part 2 sums to 100 without bonuses, declared and leaf by leaf", () => {
    const p2 = part("p2");
    expect(sum(p2.indicators.map((i) => i.max)).toString()).toBe("100");
    expect(sum(leavesOf(p2).map((w) => w.node.max)).toString()).toBe("100");
    const bonuses = leavesOf(p2).flatMap((w) => w.node.modifiers ?? []).filter((m) => m.kind === "bonus");
    expect(bonuses.length).toBeGreaterThan(0); // bonuses exist but are not part of the 100
    expect(p2.indicators.map((i) => `${i.name}${i.max}`)).toEqual(["政务公开35", "解读回应15", "专题专栏5", "互动栏目25", "部门网站建设20"]);
  });

  it("every child's max is within its parent's, and sums match except where R1 applies", () => {
    for (const { node } of allIndicators()) {
      if (isLeaf(node)) continue;
      const children = node.children ?? [];
      for (const c of children) expect(new Fraction(c.max).compare(new Fraction(node.max))).toBeLessThanOrEqual(0);
      const s = sum(children.map((c) => c.max));
      if (node.code === "p1.xxh") expect(s.compare(new Fraction(node.max))).toBe(1);
      else expect(s.equals(new Fraction(node.max)), node.code).toBe(true);
    }
  });

  it("weights are both 1 (R15); only part 2 takes 加重扣分 after normalisation (R13)", () => {
    expect(edition.parts.map((p) => [p.code, String(p.weight), p.allowPostPenalty])).toEqual([
      ["p1", "1", false],
      ["p2", "1", true],
    ]);
  });
});

describe("every leaf is scoreable", () => {
  it("has a rule, a scope and at least one resolved, assessed unit", () => {
    for (const p of edition.parts) {
      for (const { node, path: ancestors } of leavesOf(p)) {
        expect(node.rule, node.code).toBeDefined();
        expect(node.scope, node.code).toBeDefined();
        expect(assessedUnits(edition, p, node, ancestors, index).length, node.code).toBeGreaterThan(0);
      }
    }
  });

  it("every responsible reference, in indicators and columns, names a known unit or collective", () => {
    const refs = [
      ...allIndicators().flatMap((w) => w.node.responsible ?? []),
      ...edition.parts.flatMap((p) => [...walkColumns(p.columns ?? [])].flatMap((w) => w.node.responsible ?? [])),
    ];
    expect(refs.length).toBeGreaterThan(100);
    for (const r of refs) expect(resolveUnitRef(index, r.unit), r.unit).not.toBeNull();
  });
});

describe("units", () => {
  const byGroup = (g: string) => edition.units.filter((u) => u.group === g);

  it("has the 12 counties, one 全市 aggregate, and ASCII codes that are unique", () => {
    expect(byGroup("county").map((u) => u.name)).toEqual(["梅列区", "三元区", "永安市", "明溪县", "清流县", "宁化县", "大田县", "尤溪县", "沙县", "将乐县", "泰宁县", "建宁县"]);
    expect(byGroup("city")).toEqual([{ code: "city", name: "全市", group: "city", aliases: [] }]);
    const codes = edition.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of byGroup("department")) expect(u.code).toMatch(/^dept-[a-z]+$/);
    for (const u of byGroup("county")) expect(u.code).toMatch(/^county-[a-z]+$/);
    expect(unitCode("市数字办")).toBe("dept-szb");
    expect(unitCode("公安局")).toBe("dept-gaj");
  });

  it.each([
    [["交通局", "交通运输局", "市交通局", "市交通运输局"]],
    [["编办", "市编办", "市委编办"]],
    [["财政局（医保局）", "市财政局（医保局）", "市财政局", "财政局", "市财政局\n\n（医保局）"]],
    [["水利局", "市水利局"]],
    [["数字办", "市数字办"]],
  ])("merges the aliases %j into one unit", (names) => {
    const codes = new Set(names.map(unitCode));
    expect(codes.size).toBe(1);
    expect([...codes][0]).toMatch(/^dept-/);
  });

  it.each([
    ["市直各部门", "department"],
    ["市直各单位", "department"],
    ["各有关部门", "department"],
    ["各相关部门", "department"],
    ["各部门", "department"],
    ["各县（市、区）政府", "county"],
    ["各县（市、区）政府办", "county"],
    ["各县（市、区）", "county"],
  ])("collective %s expands to every unit of group %s", (name, group) => {
    expect(resolveUnitRef(index, name)?.sort()).toEqual(byGroup(group).map((u) => u.code).sort());
  });

  it.each(["市综治办", "市人行", "市国资委", "市保密局", "市委编办", "市方志委", "市人防办", "市行政服务中心管委会"])("%s is a department", (name) => {
    const code = unitCode(name);
    expect(edition.units.find((u) => u.code === code)?.group).toBe("department");
  });

  it.skipIf(!seed)(withSeed("every unit named in the seed's 责任单位 cells resolves (parsed from the seed)"), () => {
    if (!seed) return;
    // part 1 cells are prose: drop the connecting words, keep the names
    const prose = /数字办牵头汇总|配合报送相关平台建设情况|负责日常检查监督|负责落实|牵头|配合报送|配合|报送|^由|[①②③④⑤⑥]由?/g;
    const p1Names = part1Rows(seed).flatMap((r) =>
      splitUnitsCell(r.units.replace(/\n\s*\n?政府/g, "政府")) // "各县（市、区）\n\n政府" wraps one name
        .map((s) => s.replace(prose, ""))
        .filter(Boolean),
    );
    const p2Names = breakdownRows(seed).flatMap((r) => splitUnitsCell(r.units).map((s) => s.replace(/（牵头）$/, "")));
    const names = [...new Set([...p1Names, ...p2Names])];
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => resolveUnitRef(index, n) === null)).toEqual([]);
    // and every department in units.yaml is named in the seed by itself, not only through a collective
    const collectives = new Set(edition.collectives.map((c) => c.name));
    const namedDirectly = new Set(names.filter((n) => !collectives.has(n)).flatMap((n) => resolveUnitRef(index, n) ?? []));
    for (const u of byGroup("department")) expect(namedDirectly.has(u.code), u.name).toBe(true);
  });
});

// ---- readings -----------------------------------------------------------------------

function allReadings(): { at: string; reading: TReading }[] {
  return [
    ...edition.parts.flatMap((p) => (p.readings ?? []).map((reading) => ({ at: p.code, reading }))),
    ...allIndicators().flatMap((w) => (w.node.readings ?? []).map((reading) => ({ at: w.node.code, reading }))),
  ];
}
const readingIdsAt = (code: string) => {
  const p = edition.parts.find((x) => x.code === code);
  return (p ? p.readings ?? [] : ind(code).readings ?? []).map((r) => r.id);
};

describe("readings (domain.md R1–R16, plus the ones this edition adds)", () => {
  it("records every one of R1–R16 somewhere, each with a chosen reading and alternatives", () => {
    const ids = new Set(allReadings().map((r) => r.reading.id));
    for (let i = 1; i <= 16; i++) expect(ids.has(`R${i}`), `R${i}`).toBe(true);
    for (const { at, reading } of allReadings()) {
      expect(reading.id, at).toMatch(/^R\d+$/);
      expect(reading.chosen.length, `${at} ${reading.id}`).toBeGreaterThan(5);
      expect(reading.alternatives.length, `${at} ${reading.id}`).toBeGreaterThan(0);
    }
  });

  it.each([
    ["p1.xxh", "R1"],
    ["p1.xxh.ggpt", "R2"],
    ["p1.xxh.ggpt", "R3"],
    ["p1.xxh.sphy", "R4"],
    ["p1.xxh.sphy.hczx", "R4"],
    ["p1.xxh.xypt.bsfg", "R5"],
    ["p1.xxh.xypt.gs7r", "R5"],
    ["p1.zy.mlbz", "R5"],
    ["p1", "R6"],
    ["p2", "R6"],
    ["p1.aq.dbbh", "R7"],
    ["p1.aq.xtaq.ld", "R7"],
    ["p1.aq.xtaq.wgwl", "R7"],
    ["p2.zwgk.dtxx", "R8"],
    ["p2.ztzl", "R9"],
    ["p2.hdlm.dczj.cn", "R10"],
    ["p2.hdlm.zxft", "R11"],
    ["p2.hdlm.zsk", "R12"],
    ["p2.bmwz", "R12"],
    ["p2", "R13"],
    ["p1", "R14"],
    ["p1", "R15"],
    ["p2", "R15"],
    ["p2", "R16"],
    ["p2.zwgk.dtxx", "R17"],
    ["p2.zwgk.zdxx", "R18"],
    ["p2.zwgk.zdxx", "R19"],
    ["p2", "R21"],
    ["p1.aq.yjcz", "R22"],
    ["p1.aq.xtaq.ld", "R23"],
  ])("%s carries %s", (code, id) => {
    expect(readingIdsAt(code)).toContain(id);
  });

  it.skipIf(!seed)(withSeed("every reading quotes the seed verbatim (fragments joined by ……, editor's notes in 【】)"), () => {
    for (const { at, reading } of allReadings()) {
      const fragments = reading.source.replace(/【[^】]*】/g, "……").split("……").map(squash).filter(Boolean);
      expect(fragments.length, `${at} ${reading.id}`).toBeGreaterThan(0);
      for (const f of fragments) expect(seedFlat.includes(f), `${at} ${reading.id}: ${f}`).toBe(true);
    }
  });
});

// ---- texts and parameters against the seed --------------------------------------------

describe("part 1 against the seed", () => {
  it.skipIf(!seed)(withSeed("every text field and 责任单位 cell is verbatim seed text"), () => {
    let checked = 0;
    for (const { node } of allIndicators()) {
      for (const [k, v] of Object.entries(node.text ?? {})) {
        expect(seedFlat.includes(squash(v ?? "")), `${node.code}.text.${k}`).toBe(true);
        checked++;
      }
      if (node.responsibleText) expect(seedFlat.includes(squash(node.responsibleText)), `${node.code}.responsibleText`).toBe(true);
    }
    expect(checked).toBeGreaterThan(60);
  });

  it.skipIf(!seed)(withSeed("each 二级 of 附件1 is an indicator with its seed name and max, under the right 一级"), () => {
    if (!seed) return;
    const rows = part1Rows(seed);
    let l1 = "";
    const p1 = part("p1");
    for (const r of rows) {
      const m = /^(.*?)[（(](\d+)[）)]$/.exec(squash(r.l2));
      if (!m) throw new Error(`no max in ${r.l2}`);
      const [, name, max] = m;
      // the third 二级 under 安全保障 has a blank 一级 cell: it continues the 一级 above (R22)
      if (r.l1) l1 = squash(r.l1).replace(/[（(]\d+[）)]$/, "");
      const parent = p1.indicators.find((i) => i.name === l1);
      const hit = parent?.children?.find((c) => c.name === name);
      expect(hit, `${l1} / ${name}`).toBeDefined();
      expect(String(hit?.max)).toBe(max);
      expect(squash(hit?.responsibleText ?? "")).toBe(squash(r.units));
    }
    expect(rows).toHaveLength(p1.indicators.reduce((n, i) => n + (i.children?.length ?? 0), 0));
  });

  it("公共平台建设情况: six count leaves whose parameters are the numbers in their seed sentence; ①–⑥ in order (R3)", () => {
    const ggpt = ind("p1.xxh.ggpt");
    const leaves = ggpt.children ?? [];
    expect(leaves.map((l) => l.name)).toEqual(["物联网服务", "基础网络服务", "云计算服务", "信息资源服务", "应用系统服务", "安全保障服务"]);
    leaves.forEach((leaf, i) => {
      const rule = ruleOf(leaf.code, "count");
      // "1.物联网服务，4分；1个平台得1分。" / "6.安全保障服务：2分，1个平台0.5分。"
      const m = /[，：](\d+)分[；，]1个平台[，得]*(\d+(?:\.\d+)?)分/.exec(leaf.text?.scoring ?? "");
      expect(m, leaf.code).not.toBeNull();
      expect(String(rule.cap)).toBe(m?.[1]);
      expect(String(leaf.max)).toBe(m?.[1]);
      expect(String(rule.pointsPer)).toBe(m?.[2]);
      expect(leaf.responsibleText?.startsWith("①②③④⑤⑥"[i])).toBe(true);
      expect(leaf.responsible?.[0]).toMatchObject({ unit: "市数字办", role: "lead" });
      const listed = (leaf.responsibleText ?? "").slice(2).replace(/(配合)?报送$/, "").split("、").filter((n) => n !== "数字办");
      expect(leaf.responsible?.slice(1).map((r) => [r.unit, r.role])).toEqual(listed.map((n) => [n, "cooperate"]));
      expect(leaf.scope).toBe("city");
    });
    expect(sum(leaves.map((l) => l.max)).toString()).toBe(String(ggpt.max));
  });

  it("视频会议: six deduction leaves, per unit, rolled up to the city; numbers from each seed sentence", () => {
    const leaves = ind("p1.xxh.sphy").children ?? [];
    expect(leaves).toHaveLength(6);
    for (const leaf of leaves) {
      const rule = ruleOf(leaf.code, "deduction");
      const text = leaf.text?.scoring ?? "";
      const total = /总分(\d+)分/.exec(text)?.[1];
      expect(String(leaf.max)).toBe(total);
      expect(String(rule.start)).toBe(total);
      expect(rule.pools).toHaveLength(1);
      expect(String(rule.pools[0].cap)).toBe(total);
      const perEventInText = [...text.matchAll(/扣(\d+(?:\.\d+)?)分/g)].map((m) => m[1]);
      expect(rule.pools[0].kinds.map((k) => String(k.perEvent))).toEqual(perEventInText);
      expect(leaf.scope).toBe("unit");
      expect(leaf.rollupToCity).toBe(true);
    }
    // sub-item 2: two kinds of event share one pool of 2 (R4)
    expect(ruleOf("p1.xxh.sphy.hczx", "deduction").pools[0].kinds.map((k) => k.name)).toEqual(["会场/秩序问题", "参会人员纪律问题"]);
    const units = assessedUnits(edition, part("p1"), leaves[0], [ind("p1.xxh"), ind("p1.xxh.sphy")], index).map((r) => r.unit);
    expect(units.sort()).toEqual(["dept-szb", "dept-zfb", ...edition.units.filter((u) => u.group === "county").map((u) => u.code)].sort());
  });

  it("公共信用信息平台: two ratio leaves of 5 (coverage saturates at the seed's 30, counties a precondition)", () => {
    const cov = ruleOf("p1.xxh.xypt.bsfg", "ratio");
    expect(String(cov.points)).toBe("5");
    expect(`不少于${cov.saturateAt}个市级部门`).toSatisfy((s: string) => (ind("p1.xxh.xypt.bsfg").text?.scoring ?? "").includes(s));
    expect(ind("p1.xxh.xypt.bsfg").preconditions?.map((p) => p.label)).toEqual(["覆盖所辖县（市、区）"]);
    const pub = ruleOf("p1.xxh.xypt.gs7r", "ratio");
    expect(String(pub.points)).toBe("5");
    expect(pub.saturateAt).toBeUndefined();
    expect(pub.numeratorLabel).toContain("7个工作日内");
    expect(pub.denominatorLabel).toBeDefined();
    expect(ind("p1.xxh.xypt").responsible?.map((r) => [r.unit, r.role])).toEqual([
      ["市发改委", "lead"],
      ["市人行", "lead"],
      ["各有关部门", "cooperate"],
    ]);
  });

  it("信息资源: 政务数据汇聚 = binary 3 + binary 2; 目录编制 = ratio 10", () => {
    expect([ruleOf("p1.zy.sjhj.jsfa", "binary").points, ruleOf("p1.zy.sjhj.xmzb", "binary").points].map(String)).toEqual(["3", "2"]);
    expect(ruleOf("p1.zy.sjhj.xmzb", "binary").yesLabel).toContain("招标");
    expect(String(ruleOf("p1.zy.mlbz", "ratio").points)).toBe("10");
    expect(ruleOf("p1.xxh.sjzx", "binary").points).toBe(10);
  });

  it("安全保障: 等级保护, 漏洞 (with the 2-week late fix), 违规外联, 应急处置", () => {
    const dbbh = ruleOf("p1.aq.dbbh", "deduction");
    expect([dbbh.start, dbbh.floor, dbbh.pools[0].kinds[0].perEvent].map(String)).toEqual(["5", "0", "1"]);
    const ld = ruleOf("p1.aq.xtaq.ld", "deduction");
    expect(ld.pools).toHaveLength(1);
    expect(String(ld.pools[0].cap)).toBe("4");
    expect(ld.pools[0].kinds[0]).toMatchObject({ perEvent: 1, lateFix: { afterDays: 14, points: 1, name: "2周内未修复反馈" } });
    const wgwl = ruleOf("p1.aq.xtaq.wgwl", "deduction");
    expect([wgwl.start, wgwl.pools[0].cap, wgwl.pools[0].kinds[0].perEvent].map(String)).toEqual(["2", "2", "0.2"]);
    for (const code of ["p1.aq.xtaq.ld", "p1.aq.xtaq.wgwl"]) expect([ind(code).scope, ind(code).rollupToCity]).toEqual(["unit", true]);
    expect(ruleOf("p1.aq.yjcz.pt", "binary").points).toBe(2);
    const sjcz = ruleOf("p1.aq.yjcz.sjcz", "deduction");
    expect([sjcz.start, sjcz.pools[0].kinds[0].perEvent].map(String)).toEqual(["2", "1"]);
    // the row whose 一级 cell is blank belongs to 安全保障绩效 (R22)
    expect(part("p1").indicators.find((i) => i.code === "p1.aq")?.children?.map((c) => c.code)).toContain("p1.aq.yjcz");
  });

  it("verification methods come from each 考核办法/考核方法 sentence", () => {
    for (const c of ind("p1.xxh").children ?? []) expect(c.methods?.length, c.code).toBeGreaterThan(0);
    expect(ind("p1.xxh.ggpt").methods).toEqual(["自评上报", "网上核查"]);
    expect(ind("p1.xxh.sphy").methods).toEqual(["自评上报", "在线监测", "现场检查"]);
  });
});

describe("part 2 scoring table", () => {
  const p2 = part("p2");
  const columnCodes = new Set([...walkColumns(p2.columns ?? [])].map((w) => w.node.code));
  const columnByName = (name: string) => [...walkColumns(p2.columns ?? [])].find((w) => w.node.name === name)?.node.code;

  it("each scoring leaf names existing columns and is assessed by column (or all departments / opt-in)", () => {
    for (const { node } of leavesOf(p2)) {
      for (const c of node.columns ?? []) expect(columnCodes.has(c), `${node.code} → ${c}`).toBe(true);
      expect(["columns", "all-departments", "opt-in"]).toContain(node.applicability);
    }
  });

  it("动态信息 reads 政务要闻 as 政务信息 (R17) and the other five columns by name", () => {
    expect(ind("p2.zwgk.dtxx").columns).toEqual(["政务信息", "公示公告", "重要会议", "工作报告", "规划计划", "应急管理"].map(columnByName));
    expect(columnByName("政务要闻")).toBeUndefined();
    const r = ruleOf("p2.zwgk.dtxx", "tiers");
    expect(r.measure).toBe("monthlyAverage");
    expect(r.tiers.map((t) => [String(t.min), String(t.points)])).toEqual([["8", "15"], ["6", "12"]]);
    expect(String(r.otherwise)).toBe("10");
  });

  it("重点信息公开 maps 权力清单 → 权责清单, 卫生和食品药品安全 → 医疗卫生 + 食品药品安全; 社会组织和中介机构 has no column", () => {
    const cols = ind("p2.zwgk.zdxx").columns ?? [];
    expect(cols).toEqual(
      ["财政资金", "重大建设项目", "公共资源配置", "国有企业", "环境保护", "医疗卫生", "食品药品安全", "扶贫", "社会救助", "住房信息", "权责清单"].map(columnByName),
    );
    expect(columnByName("社会组织和中介机构")).toBeUndefined();
    expect(ruleOf("p2.zwgk.zdxx", "rating").max).toBe(20);
  });

  it("专题专栏: binary 5 + bonus 5, opt-in (R9)", () => {
    const z = ind("p2.ztzl");
    expect(ruleOf("p2.ztzl", "binary").points).toBe(5);
    expect(z.modifiers).toEqual([{ code: "zdtg", kind: "bonus", name: "主动提供专题建设", points: 5 }]);
    expect([z.applicability, z.allowNotApplicable]).toEqual(["opt-in", true]);
  });

  it("调查征集 = tiers 6 (adoptions 2→6, 1→5, else 3) behind two preconditions (R10) + binary 4", () => {
    const r = ruleOf("p2.hdlm.dczj.cn", "tiers");
    expect(r.tiers.map((t) => [t.min, t.points])).toEqual([[2, 6], [1, 5]]);
    expect(r.otherwise).toBe(3);
    expect(ind("p2.hdlm.dczj.cn").preconditions?.map((p) => p.label)).toEqual(["提供网上调查一次以上", "提供意见征集一次以上"]);
    expect(ruleOf("p2.hdlm.dczj.fk", "binary").points).toBe(4);
    expect(ind("p2.hdlm.dczj.cn").columns).toEqual([columnByName("民意征集")]);
  });

  it("在线访谈: highest of 正职8/副职7/其他6, none 0, −2 and +3 modifiers (R11)", () => {
    const r = ruleOf("p2.hdlm.zxft", "choice");
    expect(r.levels.map((l) => `${l.name}${l.points}`)).toEqual(["正职领导8", "副职领导7", "其他人员6"]);
    expect([r.combine, r.nonePoints]).toEqual(["highest", 0]);
    expect(ind("p2.hdlm.zxft").modifiers?.map((m) => `${m.kind}${m.points}`)).toEqual(["penalty2", "bonus3"]);
  });

  it("互动交流知识库 7/0 and 部门网站建设: worst 通报 level governs, all departments (R12)", () => {
    expect(ruleOf("p2.hdlm.zsk", "binary").points).toBe(7);
    const r = ruleOf("p2.bmwz", "choice");
    expect(r.levels.map((l) => `${l.name}${l.points}`)).toEqual(["被国务院办公厅通报0", "被省政府办公厅通报0", "被市政府办通报10", "被网络安全监管相关部门通报批评、在专项检查中被发现重大安全问题0"]);
    expect([r.combine, r.noneLabel, r.nonePoints]).toEqual(["lowest", "未被通报", 20]);
    expect(ind("p2.bmwz").applicability).toBe("all-departments");
  });

  it.skipIf(!seed)(withSeed("每个评分项的文字 is verbatim seed text"), () => {
    for (const { node } of [...walkIndicators(p2.indicators)]) {
      for (const [k, v] of Object.entries(node.text ?? {})) expect(seedFlat.includes(squash(v ?? "")), `${node.code}.text.${k}`).toBe(true);
    }
    expect(seedFlat.includes(squash(p2.note ?? ""))).toBe(true);
  });
});

/** Split a 责任单位 cell on newlines and on 、，。 outside full-width brackets. */
function splitUnitsCell(cell: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of cell) {
    if (ch === "（") depth++;
    if (ch === "）") depth--;
    if ("\n、，,。".includes(ch) && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  // "市财政局\n\n（医保局）": a bracket on its own line belongs to the name above
  const merged: string[] = [];
  for (const s of out.filter(Boolean)) {
    if (s.startsWith("（") && merged.length > 0) merged[merged.length - 1] += s;
    else merged.push(s);
  }
  return merged;
}

describe("sanming-2017 reading options", () => {
  it("edition.yaml names every reading option, each the registry default (the readings chosen for 2017)", () => {
    expect(edition.readings).toEqual(DEFAULT_READINGS);
  });
});
