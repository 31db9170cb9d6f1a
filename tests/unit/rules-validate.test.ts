// One bad edition per kind of validation error (tests/unit/fixtures-rules/<kind>/), each
// checked for the file, path, line and Chinese message the loader reports.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listEditionDirs, loadEditionFromDir, loadEditionOrThrow, parseIssuePath } from "@/lib/rules/load";
import type { TEdition } from "@/lib/rules/schema";
import { formatIssue, validateEdition } from "@/lib/rules/validate";
import { repoRoot } from "./fixtures-rules/seed-table";
import { RULE_TYPES } from "@/lib/rules/types";

const FIX = path.join(repoRoot, "tests/unit/fixtures-rules");
const load = (kind: string) => loadEditionFromDir(path.join(FIX, kind));

describe("fixtures", () => {
  it("the good fixture loads with no errors and no warnings", () => {
    const r = load("good");
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });

  it("listEditionDirs finds every folder with an edition.yaml, sorted", () => {
    const dirs = listEditionDirs(FIX).map((d) => path.basename(d));
    expect(dirs).toContain("good");
    expect(dirs).not.toContain("common");
    expect(dirs).toEqual([...dirs].sort());
    expect(listEditionDirs(path.join(repoRoot, "rules")).map((d) => path.basename(d))).toContain("sanming-2017");
    expect(listEditionDirs(path.join(FIX, "does-not-exist"))).toEqual([]);
  });
});

// kind, path of the (first) error, the message it prints
const CASES: [string, string, string][] = [
  ["unknown-unit", "indicators[0].children[0].responsible[0].unit", "无法识别的单位“市不存在局”：units.yaml 中没有这个单位代码、名称、别名或集合名称（如 市直各部门）"],
  ["duplicate-code", "indicators[0].children[1].code", "指标代码“t1.a.1”重复（已在"],
  ["duplicate-column", "columns[0].children[1].code", "栏目代码“c.1”重复（已在"],
  ["count-cap", "indicators[0].children[0].rule.cap", "指标“甲一”（t1.a.1）：计数规则的上限 cap=5 超过本项分值 max=4"],
  ["binary-points", "indicators[0].children[0].rule.points", "指标“甲一”（t1.a.1）：二元规则的分值 points=3 应等于本项分值 max=4"],
  ["ratio-points", "indicators[0].children[0].rule.points", "指标“甲一”（t1.a.1）：比例规则的满分 points=5 应等于本项分值 max=4"],
  ["deduction-start", "indicators[0].children[0].rule.start", "指标“甲一”（t1.a.1）：扣分规则的起始分 start=5 应等于本项分值 max=4"],
  ["pool-cap", "indicators[0].children[0].rule.pools[0].cap", "指标“甲一”（t1.a.1）：扣分池“x”的上限 cap=6 超过起始分 start=4"],
  ["tiers-order", "indicators[0].children[0].rule.tiers[1].min", "指标“甲一”（t1.a.1）：档位应按门槛从高到低排列，第2档门槛 8 不低于第1档门槛 6"],
  ["tiers-max", "indicators[0].children[0].rule.tiers[0].points", "指标“甲一”（t1.a.1）：第1档的分值 5 超过本项分值 max=4"],
  ["choice-points", "indicators[0].children[0].rule.levels[0].points", "指标“甲一”（t1.a.1）：级别“正职领导”的分值 5 超过本项分值 max=4"],
  ["rating-max", "indicators[0].children[1].rule.max", "指标“甲二”（t1.a.2）：评分规则的上限 max=10 应等于本项分值 max=6"],
  ["child-max", "indicators[0].children[1].max", "子指标“甲二”（t1.a.2）的分值 12 超过上级指标“甲”（t1.a）的分值 10"],
  ["leaf-no-rule", "indicators[0].children[0]", "叶子指标“甲一”（t1.a.1）没有计分规则（rule）"],
  ["no-responsible", "indicators[0].children[0]", "叶子指标“甲一”（t1.a.1）没有任何责任单位（按 applicability: responsible 解析后为空）"],
  ["unknown-column", "indicators[0].children[1].columns[1]", "指标“甲二”（t1.a.2）引用了不存在的网站栏目“zz”（本部分的 columns 中没有这个代码）"],
  ["column-no-unit", "columns[0].children[0]", "栏目“栏目一”（c.1）没有责任单位"],
  ["schema-decimal", "indicators[0].children[0].rule.pointsPer", "小数请写成带引号的字符串（如 \"0.05\"），避免经过二进制浮点；整数可直接写（收到 0.5）"],
  ["schema-rule-type", "indicators[0].children[0].rule.type", `类型不正确：应为 ${Object.keys(RULE_TYPES).join("、")} 之一`] // every registered type (lib/rules/types/index.ts),
];

describe.each(CASES)("bad edition %s", (kind, issuePath, message) => {
  it(`fails at ${issuePath} with a clear message`, () => {
    const r = load(kind);
    if (r.ok) throw new Error(`${kind} should not load`);
    const first = r.errors[0];
    expect(first.file).toBe(path.join(FIX, kind, "part.yaml"));
    expect(first.path).toBe(issuePath);
    expect(first.message.startsWith(message), first.message).toBe(true);
    expect(first.line).toBeGreaterThan(0);
    // the line points into the part file at the offending node (or its nearest parent)
    expect(formatIssue(first)).toBe(`${first.file}:${first.line}  ${issuePath}  ${first.message}`);
  });
});

describe("other findings", () => {
  it("a YAML syntax error names the file and the line", () => {
    const r = load("yaml-syntax");
    if (r.ok) throw new Error("should not load");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: path.join(FIX, "yaml-syntax", "part.yaml"), path: "", line: 8 });
    expect(r.errors[0].message).toMatch(/^YAML 语法错误（第8行第1列）：Missing closing "quote/);
  });

  it("children summing above the declared max is a warning naming both numbers, not an error", () => {
    const r = load("sum-over");
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ path: "indicators[0].max", line: 30 });
    expect(r.warnings[0].message).toBe("指标“甲”（t1.a）的子指标分值合计 10 分，超过其声明的最高分 8 分；得分按 8 分封顶（aggregate: cap）");
  });

  it("a missing file is an error, not an exception", () => {
    const r = loadEditionFromDir(path.join(FIX, "common"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toContain("找不到或无法读取文件");
    expect(() => loadEditionOrThrow(path.join(FIX, "count-cap"))).toThrow(/计数规则的上限 cap=5 超过本项分值 max=4/);
  });

  it("parseIssuePath splits dotted paths with indices", () => {
    expect(parseIssuePath("indicators[0].children[2].rule.pointsPer")).toEqual(["indicators", 0, "children", 2, "rule", "pointsPer"]);
  });
});

describe("validateEdition on in-memory editions", () => {
  const base = (): TEdition => {
    const r = load("good");
    if (!r.ok) throw new Error("good fixture must load");
    return structuredClone(r.edition);
  };

  it("compares decimals exactly: 0.1 + 0.2 children fit a 0.3 parent (floating point would say 0.30000000000000004)", () => {
    const e = base();
    const parent = e.parts[0].indicators[0];
    parent.max = "0.3";
    const [a, b] = parent.children ?? [];
    Object.assign(a, { max: "0.1", rule: { type: "count", pointsPer: "0.05", cap: "0.1", itemLabel: "平台" } });
    Object.assign(b, { max: "0.2", rule: { type: "rating", max: "0.2" } });
    expect(validateEdition(e)).toEqual({ errors: [], warnings: [] });
  });

  it("an alias pointing at two units is an error", () => {
    const e = base();
    e.units[1].aliases = ["数字办"];
    const { errors } = validateEdition(e);
    expect(errors.map((x) => [x.file, x.path, x.message])).toEqual([
      ["units.yaml", "units[1].aliases[0]", "名称或别名“数字办”同时指向单位 dept-szb 和 dept-gaj，无法确定指哪个单位"],
    ]);
  });

  it("inheritedFrom must name an existing column", () => {
    const e = base();
    const c2 = e.parts[0].columns?.[0].children?.[1];
    if (!c2) throw new Error("fixture shape");
    c2.inheritedFrom = "nope";
    expect(validateEdition(e).errors.map((x) => x.message)).toEqual(["栏目“栏目二”（c.2）的 inheritedFrom 引用了不存在的栏目“nope”"]);
  });

  it("a rule on an indicator that has children is an error", () => {
    const e = base();
    e.parts[0].indicators[0].rule = { type: "rating", max: 10 };
    expect(validateEdition(e).errors.map((x) => x.path)).toEqual(["indicators[0].rule"]);
  });

  it("rollupToCity needs per-unit facts", () => {
    const e = base();
    const leaf = e.parts[0].indicators[0].children?.[0];
    if (!leaf) throw new Error("fixture shape");
    leaf.rollupToCity = true;
    expect(validateEdition(e).errors.map((x) => x.path)).toEqual(["indicators[0].children[0].rollupToCity"]);
  });
});

describe("reading options in edition.yaml", () => {
  it("an unknown option or reading names the file, the key, the line and the valid choices", () => {
    const r = load("reading-option");
    if (r.ok) throw new Error("reading-option should not load");
    const file = path.join(FIX, "reading-option", "edition.yaml");
    expect(r.errors.map((e) => [e.file, e.path, e.line])).toEqual([
      [file, "readings.R1", 11],
      [file, "readings.R42", 12],
    ]);
    expect(r.errors[0].message).toBe(
      "口径 R1 没有选项 “capped”，可选：cap（声明分值为上限：得分 = min(下级合计, 声明分值)）、sum（以下级合计为准：得分 = 下级合计，声明分值只作显示）、rescale（下级按 声明分值 ÷ 下级分值合计 等比例折算：得分 = 下级合计 × 40 ÷ 50）",
    );
    expect(r.errors[1].message).toMatch(/^未知的口径 “R42”，可用的口径：R1、R4.rollup、R6、/);
  });
  it("a tagged option no indicator records is a warning", () => {
    const good = loadEditionOrThrow(path.join(FIX, "good"));
    const checked = validateEdition({ ...good, readings: { R11: "per-occurrence" } });
    expect(checked.errors).toEqual([]);
    expect(checked.warnings.map((w) => [w.path, w.message])).toEqual([
      ["readings.R11", "口径 R11 = per-occurrence 只作用于记录了口径 R11 的指标（readings 中 id: R11），本版本没有这样的指标，此设置不起作用"],
    ]);
  });
});
