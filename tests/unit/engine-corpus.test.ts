// Regression corpus: realistic inputs re-scored on every run; any difference fails.
// Expected files were checked by hand against the seed's arithmetic (tests/fixtures/corpus/README.md).
// After a deliberate change: UPDATE_CORPUS=1 npx vitest run --project unit tests/unit/engine-corpus.test.ts,
// then re-check the diff by hand before committing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, type CompiledEdition, type EditionResult, type IndicatorResult, type Scorecard } from "../../lib/engine";
import { loadEditionFromDir } from "../../lib/rules/load";

const dir = "tests/fixtures/corpus";
const focus = JSON.parse(readFileSync(path.join(dir, "focus.json"), "utf8")) as Record<string, { units: string[]; rankings?: string[] }>;

let compiled: CompiledEdition;
beforeAll(() => {
  const loaded = loadEditionFromDir("rules/sanming-2017");
  if (!loaded.ok) throw new Error("rules/sanming-2017 did not load");
  compiled = compileEdition(loaded.edition);
});

type Value = { exact: string; display: string } | null;
const v = (x: Value) => (x ? `${x.exact} (${x.display})` : null);

/** The numbers of a scorecard, without the trace wording. */
function condense(card: Scorecard) {
  const items: Record<string, unknown> = {};
  const nodes: Record<string, unknown> = {};
  const walk = (i: IndicatorResult) => {
    if (i.state === "not-applicable") return;
    if (i.kind === "node") {
      nodes[i.code] = `${v(i.score)} / ${i.maxAchievable.exact}${i.capped ? " capped" : ""}`;
      i.children.forEach(walk);
    } else {
      const self = i.self.state !== i.state || i.self.score?.exact !== i.score?.exact ? ` | self ${i.self.state === "scored" ? v(i.self.score) : i.self.state}` : "";
      items[i.code] = `${i.state === "scored" ? v(i.score) : i.state}${i.overridden ? " overridden" : ""}${self}`;
    }
  };
  return {
    unit: card.unit.code,
    overall: v(card.overall),
    selfOverall: v(card.self.overall),
    complete: card.complete,
    completeness: `${card.completeness.entered}/${card.completeness.applicable}`,
    parts: card.parts.map((p) => {
      p.indicators.forEach(walk);
      return {
        code: p.code,
        status: p.status,
        points: v(p.points),
        maxAchievable: p.maxAchievable.exact,
        normalised: v(p.normalised),
        score: v(p.score),
        self: v(p.self.score),
        completeness: `${p.completeness.entered}/${p.completeness.applicable}`,
      };
    }),
    nodes,
    items,
  };
}

function condenseResult(file: string, r: EditionResult) {
  const f = focus[file];
  return {
    scorecards: f.units.map((u) => condense(r.scorecards.find((c) => c.unit.code === u)!)),
    rankings: Object.fromEntries(
      (f.rankings ?? []).map((key) => {
        const [group, scope] = key.split(":");
        const ranking = r.rankings.find((k) => k.group === group && k.scope === scope);
        return [key, ranking?.entries.map((e) => `${e.rank} ${e.unit} ${e.score.exact}`) ?? []];
      }),
    ),
  };
}

describe("regression corpus (sanming-2017)", () => {
  test("has at least 10 cases", () => {
    expect(Object.keys(focus).length).toBeGreaterThanOrEqual(10);
  });
  test.each(Object.keys(focus))("%s", (file) => {
    const input = JSON.parse(readFileSync(path.join(dir, `${file}.json`), "utf8"));
    const actual = condenseResult(file, scoreEdition(compiled, input));
    const expectedPath = path.join(dir, "expected", `${file}.json`);
    if (process.env.UPDATE_CORPUS === "1" || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      if (process.env.UPDATE_CORPUS !== "1") throw new Error(`wrote ${expectedPath}: check it by hand, then re-run`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
  });
});
