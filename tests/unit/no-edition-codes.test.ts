// Issue 14 §2: everything edition-specific lives in rules/. Every code an edition declares
// (indicator/item codes, deduction pool and kind codes, choice level codes, bonus/penalty
// codes, precondition codes, website column codes) is collected from every edition's part
// files; none may appear in a string literal (or template text, or JSX text) in lib/, app/ or
// components/ — as the whole literal or as a token in it ("p1.xxh.sphy." used as a prefix).
// Part codes (p1, p2) and unit codes are not checked: they are too short to tell apart from
// ordinary identifiers, and units are named by the demo accounts on purpose.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["lib", "app", "components"];
const SKIPPED_DIRS = new Set(["generated", "node_modules"]);

type Declared = { code: string; edition: string; where: string };

/** Every `code:` value under the parts' indicators and columns (not the part's own code). */
function declaredCodes(): Declared[] {
  const out: Declared[] = [];
  const rulesDir = path.join(root, "rules");
  for (const edition of fs.readdirSync(rulesDir)) {
    const manifestPath = path.join(rulesDir, edition, "edition.yaml");
    if (!fs.existsSync(manifestPath)) continue;
    const manifest = parse(fs.readFileSync(manifestPath, "utf8")) as { parts?: string[] };
    for (const file of manifest.parts ?? []) {
      const part = parse(fs.readFileSync(path.join(rulesDir, edition, file), "utf8")) as Record<string, unknown>;
      const walk = (node: unknown, where: string) => {
        if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
        else if (node && typeof node === "object") {
          for (const [k, v] of Object.entries(node)) {
            if (k === "code" && typeof v === "string") out.push({ code: v, edition, where: `${file} ${where}` });
            else walk(v, `${where}.${k}`);
          }
        }
      };
      walk(part.indicators, "indicators");
      walk(part.columns, "columns");
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The text of every string literal and template chunk of a file, with its line. */
function literals(file: string): { text: string; line: number }[] {
  const text = fs.readFileSync(file, "utf8");
  const out: { text: string; line: number }[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push({ text: n.text, line: lineOf(n.getStart(sf)) });
    else if (ts.isTemplateExpression(n)) {
      out.push({ text: n.head.text, line: lineOf(n.getStart(sf)) });
      for (const s of n.templateSpans) out.push({ text: s.literal.text, line: lineOf(s.literal.getStart(sf)) });
    } else if (ts.isJsxText(n)) out.push({ text: n.text, line: lineOf(n.getStart(sf)) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The code-like tokens of a literal: "p1.xxh.sphy." → "p1.xxh.sphy"; "kind tb" → "kind", "tb". */
function tokens(literal: string): string[] {
  return literal.match(/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*/g) ?? [];
}

describe("no edition code outside rules/", () => {
  const declared = declaredCodes();

  it("finds the editions' codes (sanity: the 2017 items, kinds and columns are collected)", () => {
    const codes = new Set(declared.map((d) => d.code));
    expect(declared.length).toBeGreaterThan(100);
    expect(codes.has("p1.aq.xtaq.ld")).toBe(true);
  });

  it("lib/, app/ and components/ name no item, kind, level, modifier or column code of any edition", () => {
    const byCode = new Map<string, Declared>();
    for (const d of declared) if (!byCode.has(d.code)) byCode.set(d.code, d);
    const found: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(path.join(root, dir))) {
        for (const lit of literals(file)) {
          for (const code of tokens(lit.text)) {
            const d = byCode.get(code);
            if (d) found.push(`${path.relative(root, file)}:${lit.line} "${code}" (${d.edition} ${d.where})`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
