// Validates an edition folder without a database and prints a summary.
//   npm run rules:check -- rules/sanming-2017 [--json]
// Exit codes: 0 valid (warnings allowed), 1 validation errors, 2 bad usage.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { summariseEdition, type EditionSummary } from "../lib/rules/describe";
import { loadEditionFromDir, type LoadResult } from "../lib/rules/load";
import { checkPreviousAgainst } from "../lib/rules/previous";
import { READINGS, resolveReadingChoices, type ReadingDef } from "../lib/rules/readings";
import { formatIssue, type Issue } from "../lib/rules/validate";

const USAGE = `用法 Usage: npm run rules:check -- <规则版本目录 edition-dir> [--json]
  例 e.g.  npm run rules:check -- rules/sanming-2017
  --json   以 JSON 输出 / print the result as JSON
退出码 Exit: 0 通过（可有警告）, 1 校验错误, 2 用法错误`;

type Report = {
  ok: boolean;
  dir: string;
  summary: EditionSummary | null;
  /** reading options in force (edition.yaml over the registry defaults) */
  readings: { key: string; option: string; isDefault: boolean }[] | null;
  warnings: Issue[];
  errors: Issue[];
};

function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; json: boolean } {
  let json = false;
  const positional: string[] = [];
  for (const a of argv) {
    if (a === "--json") json = true;
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith("-")) usageError(`未知选项 Unknown option: ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 1) usageError("请指定且只指定一个规则版本目录 / Give exactly one edition folder.");
  const dir = positional[0];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) usageError(`不是目录 Not a directory: ${dir}`);
  return { dir, json };
}

const GROUPS: [keyof EditionSummary["units"], string][] = [
  ["department", "市直部门 departments"],
  ["county", "县（市、区） counties"],
  ["city", "全市汇总 city"],
];

function printText(r: Report) {
  const out: string[] = [];
  if (r.summary) {
    const s = r.summary;
    out.push(`规则版本 Edition: ${s.id} — ${s.name}（${s.year}）`, `目录 Folder: ${r.dir}`, "", "部分 Parts:");
    for (const p of s.parts) {
      out.push(`  ${p.code} ${p.name}: 声明满分 declared max ${p.declaredMax}，叶子分值合计 sum of leaf max ${p.sumOfLeafMax}，叶子指标 leaves ${p.leafCount}`);
    }
    out.push(`网站栏目 Website columns: ${s.columns.all}（叶子栏目 leaf columns ${s.columns.leaf}）`);
    out.push(`单位 Units: ${GROUPS.map(([g, name]) => `${name} ${s.units[g]}`).join("，")}`);
    if (r.readings) {
      out.push(`口径 Readings: ${r.readings.map((x) => `${x.key}=${x.option}${x.isDefault ? "" : "*"}`).join("  ")}`);
      if (r.readings.some((x) => !x.isDefault)) out.push("  （* 与默认口径不同 differs from the default）");
    }
  } else {
    out.push(`规则版本目录 Edition folder: ${r.dir}`);
  }
  const list = (title: string, issues: Issue[]) => {
    out.push("", `${title} (${issues.length})`);
    for (const i of issues) out.push(`  ${formatIssue(i)}`);
  };
  if (r.warnings.length > 0) list("警告 Warnings", r.warnings);
  if (r.errors.length > 0) list("错误 Errors", r.errors);
  out.push(
    "",
    r.ok
      ? `结果 Result: 通过 OK${r.warnings.length ? `（${r.warnings.length} 条警告 warnings）` : ""}`
      : `结果 Result: 未通过 FAILED（${r.errors.length} 个错误 errors）`,
  );
  process.stdout.write(`${out.join("\n")}\n`);
}

/** edition.yaml `previous`: checked against the sibling folder holding that edition, when there is one. */
function checkPrevious(dir: string, loaded: LoadResult): LoadResult {
  if (!loaded.ok || !loaded.edition.previous) return loaded;
  const want = loaded.edition.previous.edition;
  const file = path.join(dir, "edition.yaml");
  const parent = path.dirname(path.resolve(dir));
  for (const name of fs.readdirSync(parent)) {
    const other = path.join(parent, name);
    if (path.resolve(other) === path.resolve(dir) || !fs.existsSync(path.join(other, "edition.yaml"))) continue;
    let id: unknown;
    try {
      id = (parse(fs.readFileSync(path.join(other, "edition.yaml"), "utf8")) as { id?: unknown } | null)?.id;
    } catch {
      continue;
    }
    if (id !== want) continue;
    const prev = loadEditionFromDir(other);
    if (!prev.ok) return { ...loaded, warnings: [...loaded.warnings, { file, path: "previous.edition", message: `上年版本 ${want}（${other}）未通过校验，未核对沿用指标` }] };
    const errors = checkPreviousAgainst(loaded.edition, prev.edition, file);
    return errors.length ? { ok: false, errors, warnings: loaded.warnings } : loaded;
  }
  return { ...loaded, warnings: [...loaded.warnings, { file, path: "previous.edition", message: `同级目录中找不到上年版本 ${want}，未核对沿用指标` }] };
}

function main() {
  const { dir, json } = parseArgs(process.argv.slice(2));
  const loaded = checkPrevious(dir, loadEditionFromDir(dir));
  const choices = loaded.ok ? resolveReadingChoices(loaded.edition.readings) : null;
  const readings =
    choices && choices.ok
      ? Object.entries(choices.choices).map(([key, option]) => ({ key, option, isDefault: option === (READINGS[key as keyof typeof READINGS] as ReadingDef).default }))
      : null;
  const report: Report = loaded.ok
    ? { ok: true, dir, summary: summariseEdition(loaded.edition), readings, warnings: loaded.warnings, errors: [] }
    : { ok: false, dir, summary: null, readings: null, warnings: loaded.warnings, errors: loaded.errors };
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printText(report);
  process.exitCode = report.ok ? 0 : 1;
}

main();
