// The 内容保障分解表 as a column tree: one leaf per seed row, verbatim, with blank
// (merged) cells filled from the row above and blanks across a 二级 boundary inferred (R16).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEditionOrThrow } from "@/lib/rules/load";
import { buildUnitIndex, isLeaf, resolveResponsibleList, walkColumns } from "@/lib/rules/resolve";
import type { TColumn } from "@/lib/rules/schema";
import { breakdownRows, readSeed, repoRoot, SEED_MISSING, squash, type BreakdownRow } from "./fixtures-rules/seed-table";

const edition = loadEditionOrThrow(path.join(repoRoot, "rules/sanming-2017"));
const p2 = edition.parts.find((p) => p.code === "p2");
if (!p2?.columns) throw new Error("part 2 has no columns");
const walked = [...walkColumns(p2.columns)];
const leaves = walked.filter((w) => isLeaf(w.node));
const byCode = new Map(walked.map((w) => [w.node.code, w.node]));
const col = (code: string): TColumn => {
  const c = byCode.get(code);
  if (!c) throw new Error(`no column ${code}`);
  return c;
};
const index = buildUnitIndex(edition.units, edition.collectives);
const seed = readSeed();
if (!seed) console.warn(SEED_MISSING);
const withSeed = (name: string) => (seed ? name : `${name} — skipped: ${SEED_MISSING}`);

describe("column tree shape", () => {
  it("has the six 一级 columns in seed order", () => {
    expect(p2.columns?.map((c) => c.name)).toEqual(["市情", "政务公开", "解读回应", "办事服务", "互动交流", "部门网站建设"]);
  });

  it("column codes are unique and every leaf has content and at least one resolved unit", () => {
    expect(new Set(walked.map((w) => w.node.code)).size).toBe(walked.length);
    for (const { node } of leaves) {
      expect(node.content, node.code).toBeTruthy();
      expect(resolveResponsibleList(index, node.responsible).length, node.code).toBeGreaterThan(0);
    }
  });

  it("rows with a blank 三级 are leaves at 二级 (三明概况, 市领导, 重要会议, 政策解读…) and 部门网站建设 a leaf at 一级", () => {
    for (const code of ["sq.smgk", "sq.sld", "sq.szfjg", "zwgk.gsgg", "zwgk.zyhy", "jdhy.zcjd", "jdhy.xwfbh", "hdjl.zxft", "hdjl.zsk", "bmwz"]) {
      expect(isLeaf(col(code)), code).toBe(true);
    }
  });

  it("项目实施进展 keeps its four sub-rows as four leaves, one per responsible unit (R21)", () => {
    const node = col("zwgk.zdjsxm.xmssjz");
    expect(node.name).toBe("项目实施进展");
    expect(node.children?.map((c) => c.responsibleText)).toEqual(["市发改委", "市农业局", "市水利局", "市环保局"]);
    expect(node.children?.map((c) => c.content)).toEqual([
      "重点项目进展情况信息。",
      "异地扶贫搬迁项目、现代农业项目建设及审批等信息。",
      "重大水利工程项目建设及审批等信息。",
      "生态环保项目建设及审批等信息。",
    ]);
  });

  it("inheritedFrom always points at an earlier column whose cell was not itself blank", () => {
    const order = new Map(leaves.map((w, i) => [w.node.code, i]));
    for (const { node } of leaves) {
      if (!node.inheritedFrom) continue;
      const from = col(node.inheritedFrom);
      expect(order.get(from.code), node.code).toBeLessThan(order.get(node.code) ?? -1);
      for (const cell of node.inherited ?? []) expect(from.inherited ?? [], `${node.code} ← ${from.code}`).not.toContain(cell);
      if (node.inherited?.includes("content")) expect(node.content).toBe(from.content);
      if (node.inherited?.includes("responsible")) expect(node.responsible).toEqual(from.responsible);
    }
  });

  it("blank units across a 二级 boundary read 市直各部门, flagged inferred (R16)", () => {
    const inferred = leaves.filter((w) => w.node.responsible?.some((r) => r.inferred)).map((w) => w.node.name);
    expect(inferred).toEqual(["重要会议", "新闻发布会", "意见征集", "网上调查", "互动交流知识库"]);
    for (const { node } of leaves.filter((w) => w.node.responsible?.some((r) => r.inferred))) {
      expect(node.responsible?.map((r) => [r.unit, r.role, r.inferred])).toEqual([["市直各部门", "lead", true]]);
      expect(node.responsibleText).toBeUndefined(); // the seed cell is blank: nothing to quote
    }
  });
});

describe.skipIf(!seed)(withSeed("column tree against the seed's 分解表"), () => {
  const rows: BreakdownRow[] = seed ? breakdownRows(seed) : [];

  it("has exactly one leaf column per data row of the seed's table (counted by parsing the seed)", () => {
    expect(rows.length).toBe(111);
    expect(leaves.length).toBe(rows.length);
  });

  it("walks the seed row by row: names, content and units verbatim, blanks filled the way R16 says", () => {
    let l1 = "";
    let l2 = "";
    let l3 = "";
    let lastContentFrom = "";
    let lastUnitsFrom = "";
    rows.forEach((row, i) => {
      const leaf = leaves[i].node;
      const ancestors = leaves[i].path.map((p) => p.name);
      const [n1, n2, n3] = [squash(row.l1), squash(row.l2), squash(row.l3)];
      const newGroup = (n1 !== "" && n1 !== l1) || (n2 !== "" && n2 !== l2);
      if (n1) l1 = n1;
      if (n1 && !n2 && !n3) l2 = "";
      if (n2) l2 = n2;
      if (n3 || n2 || n1) l3 = n3;
      // position in the tree
      expect(ancestors[0] ?? leaf.name, `row ${i + 1}`).toBe(l1);
      // a 三级 with sub-rows (项目实施进展) becomes a parent: its own row is the first sub-row leaf
      if (n3) expect([ancestors[1], ancestors[2] ?? leaf.name], `row ${i + 1}`).toEqual([l2, n3]);
      else if (n2) expect(leaf.name, `row ${i + 1}`).toBe(n2);
      else if (!n1) expect(ancestors[ancestors.length - 1], `row ${i + 1} (sub-row)`).toBe(l3);
      // content: the row's own cell, or the nearest non-blank cell above in the same 二级
      if (row.content) {
        expect(squash(leaf.content ?? ""), `row ${i + 1} content`).toBe(squash(row.content));
        expect(leaf.inherited ?? [], `row ${i + 1}`).not.toContain("content");
        lastContentFrom = leaf.code;
      } else {
        expect(newGroup, `row ${i + 1}: a blank content cell never crosses a 二级`).toBe(false);
        expect(leaf.inherited, `row ${i + 1}`).toContain("content");
        expect(leaf.inheritedFrom, `row ${i + 1}`).toBe(lastContentFrom);
      }
      // units: the row's own cell; or inherited within a 二级; or 市直各部门 inferred across one
      if (row.units) {
        expect(squash(leaf.responsibleText ?? ""), `row ${i + 1} units`).toBe(squash(row.units));
        expect(leaf.responsible?.some((r) => r.inferred)).toBe(false);
        lastUnitsFrom = leaf.code;
      } else if (newGroup) {
        expect(leaf.responsible?.map((r) => [r.unit, r.inferred]), `row ${i + 1}`).toEqual([["市直各部门", true]]);
        lastUnitsFrom = leaf.code;
      } else {
        expect(leaf.inherited, `row ${i + 1}`).toContain("responsible");
        expect(leaf.inheritedFrom, `row ${i + 1}`).toBe(lastUnitsFrom);
        expect(leaf.responsible).toEqual(col(lastUnitsFrom).responsible);
      }
    });
  });

  // Spot checks against literal seed text (copied from the seed, not from the YAML).
  it.each([
    ["sq.smgk", "三明概况", "发布自然、地理、人文、历史、年度经济发展状况、行政区划设置。", "市方志委", undefined],
    ["zwgk.zwxx.xjdt", "县级动态", "县级工作动态、通讯报道。", "各县（市、区）政府办", undefined],
    ["zwgk.rsxx.zcps", "职称评审", "公开我市招考招聘、人事任免、奖励表彰、教育培训和职称评审等人事类信息。", "市人社局\n市直各部门", "zwgk.rsxx.rsrm"],
    ["zwgk.rsxx.gwykl", "公务员考录", "公开我市招考招聘、人事任免、奖励表彰、教育培训和职称评审等人事类信息。", "市政府办\n市人社局", "zwgk.rsxx.rsrm"],
    ["zwgk.yjgl.yjxx", "预警信息", "公共事件预警信息。", "市气象局、水利局、国土局", undefined],
    ["zwgk.tjxx.tjnj", "统计年鉴", "通过文字、图表等方式，及时公开本地区年度、季度、月份统计数据和解读信息。", "市统计局", "zwgk.tjxx.tjgb"],
    ["zwgk.ghjh.gzjh", "工作计划", "公开年度工作计划及实施进展情况（含工作总结）。", "市直各部门", "zwgk.ghjh.ghxx"],
    ["zwgk.ggzypz.lyxx", "履约信息", "公开本市在“公共资源交易网”上发布的工程招投标等公共资源交易公告。", "市行政服务中心管委会", "zwgk.ggzypz.gcztb"],
    ["zwgk.czzj.yjssg", "财政预决算及三公经费", "公开本级政府及部门2016年财政决算、2017年财政预算、“三公”经费信息公开情况。", "市财政局\n市直各单位", undefined],
    ["zwgk.shjz.jzjz", "减灾救灾", "公开减灾救灾信息，定期发布本地区核定灾情、救灾工作进展、救灾资金物资调拨使用等情况。", "市民政局", "zwgk.shjz.yljz"],
    ["zwgk.hjbh.hhbh", "河湖保护", "公开全面深化河长制工作实施方案、管理保护目标以及河湖保护情况。", "市水利局（牵头）、环保局、住建局、农业局、发改委、经信委、财政局、国土局、交通运输局、林业局、卫计委", undefined],
    ["zwgk.ylws.jgcx", "价格查询公示", "公开本市医疗机构常规医疗服务价格、常用药品和主要医用耗材价格信息。", "市财政局\n（医保局）", undefined],
    ["bsfw.qzqd.xzxk", "行政许可", "及时向社会公开各级政府及其部门权责清单，以及权责事项取消、下放、承接情况。\n各级各部门的权责清单（包括投资核准事项清单、国家职业资格目录清单、政府定价或指导价经营服务性收费清单、中介服务事项清单、工商登记前置审批事项目录和企业设立后的经营许可清单等），除涉密事项外要及时向社会公开。", "市编办\n市直各单位", "bsfw.qzqd.xzql"],
    ["bsfw.wsbsdt.zxbl", "在线办理深度", "根据《“互联网+政务服务”技术体系建设指南》，考核已经实现全程网办的事项数量。", "市行政服务中心管委会（牵头）\n市直各部门", "bsfw.wsbsdt.fwyd"],
    ["hdjl.myzj.wsdc", "网上调查", "为促进工作透明，主动开展网上调查、百姓关注活动，广泛征求群众意见，并对群众反馈意见进行分析和反馈。", undefined, "hdjl.myzj.yjzj"],
    ["bmwz", "部门网站建设", "规范网站页面展示（网站名称、域名规范化，网站链接、网页设计，信息内容完善等），本单位及下属单位网站在国务院办公厅、省政府办公厅、市政府办公室组织的网站抽查通报情况；被网络安全监管相关部门通报批评、在专项检查中被发现重大安全问题情况。", "市直各部门", undefined],
  ])("%s %s", (code, name, content, units, inheritedFrom) => {
    const c = col(code);
    expect(c.name).toBe(name);
    expect(c.content).toBe(content);
    expect(c.responsibleText).toBe(units);
    expect(c.inheritedFrom).toBe(inheritedFrom);
    // the literal is seed text, whitespace aside
    if (seed) {
      expect(squash(seed).includes(squash(content))).toBe(true);
      if (units) expect(squash(seed).includes(squash(units))).toBe(true);
    }
  });

  it("roles: （牵头） marks the lead and the rest cooperate; a plain list is all leads (R20)", () => {
    expect(col("zwgk.hjbh.hhbh").responsible?.map((r) => r.role)).toEqual(["lead", ...Array(10).fill("cooperate")]);
    expect(col("bsfw.wsbsdt.fwyd").responsible?.map((r) => [r.unit, r.role])).toEqual([
      ["市行政服务中心管委会", "lead"],
      ["市直各部门", "cooperate"],
    ]);
    expect(col("zwgk.hjbh.ysyjc").responsible?.map((r) => r.role)).toEqual(["lead", "lead", "lead", "lead"]);
  });
});
