// `npm run score -- --edition sanming-2017 --input <file.json|-> [--format json|table|explain] [--rules-dir rules]
//   [--reading R1=sum …]` (--reading overrides one reading option for this run; repeatable)
// Scores an input file against an edition and prints scorecards and rankings.
// `--json-schema` prints the JSON Schema of the input (docs/scoring-input.schema.json).
// Exit codes: 0 ok; 2 bad arguments or bad input (messages name the JSON path); 1 rules
// could not be loaded or an unexpected error. No stack traces.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadEditionFromDir } from "../lib/rules/load";
import { parseReadingFlag } from "../lib/rules/readings";
import { formatIssue as formatRuleIssue } from "../lib/rules/validate";
import { compileEdition, explainScorecard, formatIssue, formatRankingTable, scoreEdition, validateScoringInput } from "../lib/engine";
import { scoringInputJsonSchemaText } from "../lib/engine/input-schema";
import type { EditionResult, Scorecard } from "../lib/engine";

const USAGE = `用法：npm run score -- --edition <版本> --input <文件.json|-> [--format json|table|explain] [--rules-dir rules] [--verbose]
                          [--reading 口径=选项 …]（本次改用另一口径，可重复，例如 --reading R1=sum）
      npm run score -- --json-schema`;

class UsageError extends Error {}

type Args = {
  edition?: string;
  input?: string;
  format: "json" | "table" | "explain";
  rulesDir: string;
  jsonSchema: boolean;
  verbose: boolean;
  /** --reading R1=sum, repeatable */
  readings: Record<string, string>;
};

function parseArgs(argv: string[]): Args {
  const args: Args = { format: "json", rulesDir: "rules", jsonSchema: false, verbose: false, readings: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const next = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`参数 ${flag} 缺少取值`);
      return v;
    };
    switch (flag) {
      case "--edition":
        args.edition = next();
        break;
      case "--input":
        args.input = next();
        break;
      case "--format": {
        const f = next();
        if (f !== "json" && f !== "table" && f !== "explain") throw new UsageError(`--format 应为 json、table 或 explain，而不是 “${f}”`);
        args.format = f;
        break;
      }
      case "--rules-dir":
        args.rulesDir = next();
        break;
      case "--reading": {
        const r = parseReadingFlag(next());
        if ("error" in r) throw new UsageError(r.error);
        if (r.key in args.readings && args.readings[r.key] !== r.option) {
          throw new UsageError(`口径 ${r.key} 指定了两次（${args.readings[r.key]}、${r.option}）`);
        }
        args.readings[r.key] = r.option;
        break;
      }
      case "--json-schema":
        args.jsonSchema = true;
        break;
      case "--verbose":
        args.verbose = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new UsageError(`未知参数 “${a}”`);
    }
  }
  if (!args.jsonSchema) {
    if (!args.edition) throw new UsageError(`缺少 --edition（例如 --edition sanming-2017）`);
    if (!args.input) throw new UsageError(`缺少 --input（JSON 文件路径，或 - 表示从标准输入读取）`);
  }
  return args;
}

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `找不到输入文件 “${file}”` : `无法读取输入 “${file}”（${code ?? "未知错误"}）`);
  }
}

/** JSON.parse with a Chinese message that gives the line and column of the first error. */
function parseJson(text: string, name: string): unknown {
  const clean = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(clean);
  } catch (e) {
    const pos = jsonErrorOffset(clean);
    const before = clean.slice(0, pos).split("\n");
    const where = `（第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列）`;
    throw new InputError([`${name}: 不是合法的 JSON${where}：${(e as Error).message.split("\n")[0]}`]);
  }
}

/** Offset of the first syntax error in JSON text (Node 20's messages do not always give it). */
function jsonErrorOffset(t: string): number {
  let i = 0;
  const ws = () => {
    while (i < t.length && " \t\r\n".includes(t[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === "{") {
      i++;
      ws();
      if (t[i] === "}") return void i++;
      for (;;) {
        ws();
        if (t[i] !== '"') fail();
        string();
        ws();
        if (t[i] !== ":") fail();
        i++;
        value();
        ws();
        if (t[i] === ",") i++;
        else if (t[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (t[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (t[i] === ",") i++;
        else if (t[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(t.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  const string = () => {
    i++;
    while (i < t.length && t[i] !== '"') {
      if (t[i] === "\\") i++;
      else if (t.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= t.length) fail();
    i++;
  };
  try {
    value();
    ws();
    if (i < t.length) fail();
  } catch (pos) {
    if (typeof pos === "number") return pos;
    throw pos;
  }
  return t.length;
}

class InputError extends Error {
  constructor(public readonly lines: string[]) {
    super(lines.join("\n"));
  }
}


const GROUP = { department: "市直部门", county: "县（市、区）", city: "全市" } as const;

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFFF]/.test(ch) ? 2 : 1;
  return w;
}
function pad(s: string, w: number, right = false): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function summaryTable(result: EditionResult): string {
  const parts = result.scorecards[0]?.parts.map((p) => p.name) ?? [];
  const header = ["单位", "类别", ...parts, "总分", "完成度"];
  const rows = result.scorecards.map((c: Scorecard) => [
    c.unit.name,
    GROUP[c.unit.group],
    ...c.parts.map((p) => (p.status === "not-assessed" ? "—" : p.status === "vetoed" ? "0（否决）" : (p.score?.display ?? "—"))),
    c.overall?.display ?? "—",
    `${c.completeness.entered}/${c.completeness.applicable}${c.complete ? "" : " 未完成"}`,
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((cell, i) => pad(cell, widths[i], i >= 2 && i < r.length - 1)).join("  ");
  return [`${result.edition.name}（${result.edition.id}）`, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2).filter((a) => a !== "--"));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`错误：${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.jsonSchema) {
    process.stdout.write(scoringInputJsonSchemaText());
    return 0;
  }

  const dir = path.resolve(args.rulesDir, args.edition!);
  const loaded = loadEditionFromDir(dir);
  if (!loaded.ok) {
    process.stderr.write(`无法加载规则版本 “${args.edition}”（${dir}）：\n${loaded.errors.map((e) => `  ${formatRuleIssue(e)}`).join("\n")}\n`);
    return 1;
  }
  if (args.verbose) for (const w of loaded.warnings) process.stderr.write(`规则提示：${formatRuleIssue(w)}\n`);
  const compiled = compileEdition(loaded.edition, { readings: args.readings });
  for (const k of compiled.overriddenReadings) {
    const key = k as keyof typeof compiled.readings;
    process.stderr.write(`口径：本次按 ${k} = ${compiled.readings[key]} 计算（规则版本为 ${compiled.editionReadings[key]}）\n`);
  }

  let raw: unknown;
  try {
    raw = parseJson(readInput(args.input!), args.input === "-" ? "标准输入" : args.input!);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`错误：${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`${e.lines.join("\n")}\n`);
      return 2;
    }
    throw e;
  }
  const v = validateScoringInput(compiled, raw);
  for (const w of v.warnings) process.stderr.write(`提示：${formatIssue(w)}\n`);
  if (!v.ok) {
    process.stderr.write(`评分输入有 ${v.errors.length} 处错误：\n${v.errors.map((e) => `  ${formatIssue(e)}`).join("\n")}\n`);
    return 2;
  }
  const result = scoreEdition(compiled, v.input, { validated: true });
  if (args.format === "json") {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (args.format === "table") {
    process.stdout.write(`${summaryTable(result)}\n\n${formatRankingTable(result.rankings)}`);
  } else {
    process.stdout.write(`${result.scorecards.map((c) => explainScorecard(c)).join("\n\n")}\n\n${formatRankingTable(result.rankings)}`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`内部错误：${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 1;
}
