// Issue #18 item 5: every printed step of an explanation must recompute to its printed
// result. Operands are exact (decimals or n/d); a result is "= x" when exact and "≈ x"
// when rounded to 2 places. Checked on every trace line of the 2017 regression corpus.
import { readFileSync } from "node:fs";
import path from "node:path";
import Fraction from "fraction.js";
import { beforeAll, describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, type CompiledEdition, type IndicatorResult } from "../../lib/engine";
import { toDisplay } from "../../lib/engine/exact";
import { loadEditionFromDir } from "../../lib/rules/load";

const dir = "tests/fixtures/corpus";
const files = Object.keys(JSON.parse(readFileSync(path.join(dir, "focus.json"), "utf8")) as Record<string, unknown>);

let compiled: CompiledEdition;
beforeAll(() => {
  const loaded = loadEditionFromDir("rules/sanming-2017");
  if (!loaded.ok) throw new Error("rules/sanming-2017 did not load");
  compiled = compileEdition(loaded.edition);
});

const NUM = String.raw`\d+(?:\.\d+)?(?:\/\d+)?`;

/** Evaluate "a × b ÷ c + (d − e)" exactly; labels between numbers (also "2周内") are ignored. */
function evaluate(expr: string): Fraction {
  const tokens = expr.replace(/（[^）]*）/g, " ").match(new RegExp(`(?<=^|[\\s(×÷+−])${NUM}(?=$|[\\s)×÷+−])|[×÷+−()]`, "g")) ?? [];
  let i = 0;
  const primary = (): Fraction => {
    const t = tokens[i++];
    if (t === "(") {
      const v = sumExpr();
      i++; // ")"
      return v;
    }
    if (t === "−") return primary().neg();
    if (t === undefined || !/\d/.test(t)) throw new Error(`unexpected ${t} in “${expr}”`);
    const [n, d] = t.split("/");
    return new Fraction(n).div(new Fraction(d ?? "1"));
  };
  const product = (): Fraction => {
    let v = primary();
    while (tokens[i] === "×" || tokens[i] === "÷") v = tokens[i++] === "×" ? v.mul(primary()) : v.div(primary());
    return v;
  };
  const sumExpr = (): Fraction => {
    let v = product();
    while (tokens[i] === "+" || tokens[i] === "−") v = tokens[i++] === "+" ? v.add(product()) : v.sub(product());
    return v;
  };
  const v = sumExpr();
  if (i !== tokens.length) throw new Error(`left over in “${expr}”: ${tokens.slice(i).join(" ")}`);
  return v;
}

type Step = { line: string; lhs: string; rel: "=" | "≈"; rhs: string };

/** Arithmetic steps of a trace line: "<expr with × ÷ + −> (=|≈) <number>". */
function steps(line: string): Step[] {
  const out: Step[] = [];
  let bare = line;
  while (/（[^（）]*）/.test(bare)) bare = bare.replace(/（[^（）]*）/g, " "); // notes, nested
  for (const seg of bare.split(/[；，：]/)) {
    const m = new RegExp(`^(.*[×÷+−].*?)\\s(=|≈)\\s(${NUM})`).exec(seg);
    if (m) out.push({ line, lhs: m[1], rel: m[2] as "=" | "≈", rhs: m[3] });
  }
  return out;
}

function traces(file: string): string[] {
  const input = JSON.parse(readFileSync(path.join(dir, `${file}.json`), "utf8"));
  const r = scoreEdition(compiled, input);
  const out: string[] = [];
  const walk = (i: IndicatorResult) => {
    out.push(...i.trace);
    if (i.kind === "node") i.children.forEach(walk);
  };
  for (const c of r.scorecards) {
    out.push(...c.trace);
    for (const p of c.parts) {
      out.push(...p.trace);
      p.indicators.forEach(walk);
    }
  }
  return [...new Set(out)];
}

describe("explanations recompute exactly (issue #18 item 5)", () => {
  test.each(files)("%s: every printed step adds up", (file) => {
    const all = traces(file).flatMap(steps);
    expect(all.length).toBeGreaterThan(0);
    const wrong = all.flatMap((s) => {
      const v = evaluate(s.lhs);
      const shown = toDisplay(v);
      const exact = v.equals(new Fraction(s.rhs));
      const ok = s.rel === "=" ? exact : !exact && shown === s.rhs;
      return ok ? [] : [`${s.line}  → ${v.toFraction()} (${shown})`];
    });
    expect(wrong).toEqual([]);
  });

  test("ratio steps print the exact share, never a rounded factor", () => {
    const all = files.flatMap(traces);
    expect(all.filter((l) => l.includes("÷")).length).toBeGreaterThan(0);
    expect(all.some((l) => /10 × 0\.875 = 8\.75/.test(l))).toBe(true);
  });
});
