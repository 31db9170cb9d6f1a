// scripts/rules-check.ts end to end: exit codes and output, text and --json.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./fixtures-rules/seed-table";

const TSX = path.join(repoRoot, "node_modules/.bin/tsx");
const run = (...args: string[]) => {
  const r = spawnSync(TSX, ["scripts/rules-check.ts", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("npm run rules:check", () => {
  it("exits 0 on the real edition and prints the summary and the 40-vs-50 warning", () => {
    const r = run("rules/sanming-2017");
    expect(r.code).toBe(0);
    expect(r.out).toContain("p1 综合应用部分: 声明满分 declared max 70，叶子分值合计 sum of leaf max 80，叶子指标 leaves 23");
    expect(r.out).toContain("p2 政府网站建设部分: 声明满分 declared max 100，叶子分值合计 sum of leaf max 100，叶子指标 leaves 10");
    expect(r.out).toContain("网站栏目 Website columns: 140（叶子栏目 leaf columns 111）");
    expect(r.out).toContain("市直部门 departments 32，县（市、区） counties 12，全市汇总 city 1");
    expect(r.out).toMatch(/rules\/sanming-2017\/part1\.yaml:\d+ {2}indicators\[0\]\.max {2}.*50 分.*40 分/);
    expect(r.out).toContain("结果 Result: 通过 OK（1 条警告 warnings）");
  });

  it("--json prints the same report as JSON", () => {
    const r = run("rules/sanming-2017", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: true, dir: "rules/sanming-2017", errors: [] });
    expect(report.summary.parts.map((p: { declaredMax: string }) => p.declaredMax)).toEqual(["70", "100"]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ file: "rules/sanming-2017/part1.yaml", path: "indicators[0].max" });
  });

  it("exits 1 on a bad edition and lists file, path and reason", () => {
    const dir = "tests/unit/fixtures-rules/count-cap";
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/tests\/unit\/fixtures-rules\/count-cap\/part\.yaml:\d+ {2}indicators\[0\]\.children\[0\]\.rule\.cap {2}指标“甲一”（t1\.a\.1）：计数规则的上限 cap=5 超过本项分值 max=4/);
    expect(r.out).toContain("结果 Result: 未通过 FAILED（1 个错误 errors）");
    const json = run(dir, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, summary: null, errors: [{ path: "indicators[0].children[0].rule.cap" }] });
  });

  it("lists the readings in force and reports an unknown reading option with its line", () => {
    const ok = run("rules/sanming-2017");
    expect(ok.out).toContain("口径 Readings: R1=cap  R4.rollup=pool  R6=exact");
    const bad = run("tests/unit/fixtures-rules/reading-option");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/reading-option\/edition\.yaml:11 {2}readings\.R1 {2}口径 R1 没有选项 “capped”，可选：cap/);
    expect(bad.out).toContain("未知的口径 “R42”");
  });

  it.each([[[]], [["--nope", "rules/sanming-2017"]], [["rules/sanming-2017", "rules/sanming-2017"]], [["rules/not-there"]]])("exits 2 on bad usage %j", (args) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain("用法 Usage");
  });
});
