// scripts/score.ts end to end: output, exit codes, messages without stack traces.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { scoringInputJsonSchemaText } from "../../lib/engine/input-schema";

const tsx = path.resolve("node_modules/.bin/tsx");
function score(args: string[], stdin?: string) {
  const r = spawnSync(tsx, ["scripts/score.ts", ...args], { input: stdin, encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const dir = mkdtempSync(path.join(tmpdir(), "score-cli-"));
function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe("npm run score", () => {
  test("scores the example input as JSON", () => {
    const r = score(["--edition", "sanming-2017", "--input", "tests/fixtures/scoring-input.example.json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.edition.id).toBe("sanming-2017");
    expect(out.scorecards.length).toBeGreaterThan(40);
    expect(out.rankings.length).toBeGreaterThan(0);
  });
  test("reads stdin with --input - and prints a table", () => {
    const r = score(["--edition", "sanming-2017", "--input", "-", "--format", "table"], readFileSync("tests/fixtures/scoring-input.example.json", "utf8"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("排名：市直部门 · 综合应用部分");
    expect(r.stdout).toContain("全市");
  });
  test("bad input → exit 2, the JSON path and what was expected, no stack trace", () => {
    const bad = file(
      "bad.json",
      JSON.stringify({ edition: "sanming-2017", facts: [{ unit: "county-meilie", item: "p1.xxh.sphy.tsdm", source: "self", value: { events: [{ kind: "xyz" }] } }] }),
    );
    const r = score(["--edition", "sanming-2017", "--input", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("facts[0].value.events[0].kind: 未知的扣分类型 “xyz”，应为 qxcd（缺席或迟到）");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });
  test("malformed JSON → exit 2 with line and column", () => {
    const r = score(["--edition", "sanming-2017", "--input", file("broken.json", '{\n  "edition": "sanming-2017",\n  "facts": [,]\n}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("不是合法的 JSON（第 3 行第 13 列）");
  });
  test.each([
    [["--input", "x.json"], "缺少 --edition"],
    [["--edition", "sanming-2017"], "缺少 --input"],
    [["--edition", "sanming-2017", "--input", "nope.json"], "找不到输入文件 “nope.json”"],
    [["--edition", "sanming-2017", "--input", "x", "--format", "xml"], "--format 应为 json、table 或 explain"],
    [["--bogus"], "未知参数 “--bogus”"],
  ])("usage errors → exit 2: %j", (args, message) => {
    const r = score(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
  test("an unknown edition → exit 1 with the loader's message", () => {
    const r = score(["--edition", "sanming-1999", "--input", "tests/fixtures/scoring-input.example.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("无法加载规则版本 “sanming-1999”");
  });
});

describe("npm run score -- --reading", () => {
  // 全市's 信息化应用绩效 children: 15 + 10 + 7.35 + 221/24 = 4987/120 (41.56); the rest of part 1 is 20.15
  const city = (out: string) => {
    const r = JSON.parse(out);
    const card = r.scorecards.find((c: { unit: { code: string } }) => c.unit.code === "city");
    return { xxh: card.parts[0].indicators[0].score.exact, part1: card.parts[0].score.exact, readings: r.readings };
  };
  test.each([
    [[], "40", "1203/14"], // min(41.56, 40) = 40; (40 + 20.15) ÷ 70 × 100 = 85.93
    [["--reading", "R1=sum"], "4987/120", "7405/96"], // 41.56; (41.56 + 20.15) ÷ 80 × 100 = 77.14
    [["--reading=R1=rescale"], "4987/150", "16019/210"], // 41.56 × 40 ÷ 50 = 33.25; (33.25 + 20.15) ÷ 70 × 100 = 76.28
  ])("07-city.json %j → 信息化应用绩效 %s, part 1 %s", (flags, xxh, part1) => {
    const r = score(["--edition", "sanming-2017", "--input", "tests/fixtures/corpus/07-city.json", ...flags]);
    expect(r.code).toBe(0);
    const c = city(r.stdout);
    expect([c.xxh, c.part1]).toEqual([xxh, part1]);
    expect(c.readings.find((x: { key: string }) => x.key === "R1").overridden).toBe(flags.length > 0);
    if (flags.length > 0) expect(r.stderr).toContain("口径：本次按 R1 = ");
  });
  test("repeatable: two readings in one run", () => {
    const r = score(["--edition", "sanming-2017", "--input", "tests/fixtures/corpus/07-city.json", "--reading", "R1=sum", "--reading", "R15=none"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(city(r.stdout).xxh).toBe("4987/120");
    expect(out.scorecards.every((c: { overall: unknown }) => c.overall === null)).toBe(true);
  });
  test.each([
    [["--reading", "R99=sum"], "未知的口径 “R99”，可用的口径：R1、R4.rollup、R6"],
    [["--reading", "R1=capped"], "口径 R1 没有选项 “capped”，可选：cap（"],
    [["--reading", "R1"], "--reading 应写成 口径=选项，例如 R1=sum"],
    [["--reading", "R1=sum", "--reading", "R1=cap"], "口径 R1 指定了两次"],
  ])("bad --reading → exit 2: %j", (flags, message) => {
    const r = score(["--edition", "sanming-2017", "--input", "tests/fixtures/corpus/07-city.json", ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });
});

describe("docs/scoring-input.schema.json is generated from the zod schema", () => {
  test("the committed file matches (regenerate: npm run -s score -- --json-schema > docs/scoring-input.schema.json)", () => {
    expect(readFileSync("docs/scoring-input.schema.json", "utf8")).toBe(scoringInputJsonSchemaText());
  });
  test("--json-schema prints it", () => {
    expect(score(["--json-schema"]).stdout).toBe(scoringInputJsonSchemaText());
  });
});
