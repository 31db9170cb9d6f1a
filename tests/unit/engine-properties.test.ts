// Property tests (fast-check): bounds, monotonicity, caps, ranking, determinism.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compileEdition, fromExactString, scoreEdition, scoreItem, type IndicatorResult, type TItemFact } from "../../lib/engine";
import type { TIndicator, TRule } from "../../lib/rules/schema";
import { edition, fact, leaf, oneLeafEdition, part, UNITS } from "../fixtures/engine/mini";

const ex = (s: string) => fromExactString(s);
const decimal = (maxHundredths: number) => fc.integer({ min: 0, max: maxHundredths }).map((n) => (n / 100).toFixed(2));
const RUNS = { numRuns: 200 };

// A rule of any scoring type with a value that fits it, plus the leaf max.
const arbRuleAndValue: fc.Arbitrary<{ rule: TRule; max: string; value: TItemFact["value"] }> = fc.oneof(
  fc.record({ per: decimal(300), cap: fc.integer({ min: 0, max: 20 }), n: fc.integer({ min: 0, max: 30 }), max: fc.integer({ min: 0, max: 20 }) }).map(({ per, cap, n, max }) => ({
    rule: { type: "count", pointsPer: per, cap, itemLabel: "平台" } as TRule,
    max: String(max),
    value: { items: Array.from({ length: n }, (_, i) => `p${i}`) },
  })),
  fc.record({ pts: fc.integer({ min: 0, max: 20 }), yes: fc.boolean(), max: fc.integer({ min: 0, max: 20 }) }).map(({ pts, yes, max }) => ({
    rule: { type: "binary", points: pts, yesLabel: "是" } as TRule,
    max: String(max),
    value: { yes },
  })),
  fc.record({ pts: fc.integer({ min: 0, max: 20 }), den: fc.integer({ min: 1, max: 50 }), frac: fc.double({ min: 0, max: 1, noNaN: true }), max: fc.integer({ min: 0, max: 20 }) }).map(({ pts, den, frac, max }) => ({
    rule: { type: "ratio", points: pts, numeratorLabel: "n", denominatorLabel: "d" } as TRule,
    max: String(max),
    value: { numerator: Math.floor(frac * den), denominator: den },
  })),
  fc
    .record({
      start: fc.integer({ min: 0, max: 10 }),
      floor: fc.integer({ min: 0, max: 3 }),
      caps: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 3 }),
      per: decimal(200),
      events: fc.array(fc.record({ pool: fc.nat(2), count: fc.integer({ min: 1, max: 20 }) }), { maxLength: 6 }),
      max: fc.integer({ min: 0, max: 10 }),
    })
    .map(({ start, floor, caps, per, events, max }) => ({
      rule: { type: "deduction", start, floor, pools: caps.map((cap, i) => ({ code: `p${i}`, cap, kinds: [{ code: `k${i}`, name: `类${i}`, perEvent: per }] })) } as TRule,
      max: String(max),
      value: { events: events.map((e) => ({ kind: `k${e.pool % caps.length}`, count: e.count })) },
    })),
  fc.record({ avg: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 12, maxLength: 12 }), max: fc.integer({ min: 0, max: 20 }) }).map(({ avg, max }) => ({
    rule: { type: "tiers", measure: "monthlyAverage", measureLabel: "条数", tiers: [{ min: 8, points: 15 }, { min: 6, points: 12 }], otherwise: 10 } as TRule,
    max: String(max),
    value: { monthly: avg },
  })),
  fc.record({ pick: fc.subarray(["a", "b", "c"]), combine: fc.constantFrom("highest" as const, "lowest" as const), max: fc.integer({ min: 0, max: 20 }) }).map(({ pick, combine, max }) => ({
    rule: { type: "choice", levels: [{ code: "a", name: "A", points: 8 }, { code: "b", name: "B", points: 7 }, { code: "c", name: "C", points: 0 }], combine, noneLabel: "无", nonePoints: 20 } as TRule,
    max: String(max),
    value: { levels: pick },
  })),
);

describe("bounds", () => {
  test("every item scores within [0, max] without bonuses", () => {
    fc.assert(
      fc.property(arbRuleAndValue, ({ rule, max, value }) => {
        const def = leaf("x", max, rule);
        const r = scoreItem(compileEdition(oneLeafEdition(def)), { unit: "d1", item: "x", facts: [fact("d1", "x", value)] });
        expect(r.state).toBe("scored");
        const s = ex(r.score!.exact);
        expect(s.compare(0)).toBeGreaterThanOrEqual(0);
        expect(s.compare(ex(max))).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });
  test("with modifiers: 0 ≤ score ≤ max + Σ bonuses", () => {
    fc.assert(
      fc.property(arbRuleAndValue, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.boolean(), ({ rule, max, value }, bonus, penalty, useB, useP) => {
        const def = leaf("x", max, rule, {
          modifiers: [
            { code: "b", kind: "bonus", name: "奖励", points: bonus },
            { code: "p", kind: "penalty", name: "扣分", points: penalty },
          ],
        });
        const modifiers = [...(useB ? [{ code: "b", reason: "r" }] : []), ...(useP ? [{ code: "p", reason: "r" }] : [])];
        const r = scoreItem(compileEdition(oneLeafEdition(def)), { unit: "d1", item: "x", facts: [fact("d1", "x", value, { modifiers })] });
        const s = ex(r.score!.exact);
        expect(s.compare(0)).toBeGreaterThanOrEqual(0);
        expect(s.compare(ex(max).add(useB ? bonus : 0))).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe("monotonicity", () => {
  test("more platforms never lower a count score", () => {
    fc.assert(
      fc.property(decimal(300), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 }), (per, cap, n, k) => {
        const c = compileEdition(oneLeafEdition(leaf("x", 10, { type: "count", pointsPer: per, cap, itemLabel: "平台" })));
        const s = (m: number) => ex(scoreItem(c, { unit: "d1", item: "x", facts: [fact("d1", "x", { items: Array.from({ length: m }, (_, i) => `p${i}`) })] }).score!.exact);
        expect(s(n + k).compare(s(n))).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
  test("more deduction events never raise a score (late fixes included)", () => {
    const rule: TRule = {
      type: "deduction",
      start: 4,
      floor: 0,
      pools: [
        { code: "a", cap: 4, kinds: [{ code: "tb", name: "通报", perEvent: 1, lateFix: { afterDays: 14, points: 1, name: "未修复" } }] },
        { code: "b", cap: 2, kinds: [{ code: "wl", name: "外联", perEvent: "0.2" }, { code: "x", name: "其他", perEvent: "0.05" }] },
      ],
    };
    const c = compileEdition(oneLeafEdition(leaf("x", 4, rule)));
    const arbEvent = fc.record({
      kind: fc.constantFrom("tb", "wl", "x"),
      count: fc.integer({ min: 1, max: 5 }),
      fixDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    }).map((e) => ({
      kind: e.kind,
      count: e.count,
      ...(e.kind === "tb" ? { date: "2017-03-01", fixedDate: e.fixDays === undefined ? null : new Date(Date.UTC(2017, 2, 1 + e.fixDays)).toISOString().slice(0, 10) } : {}),
    }));
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 8 }), fc.array(arbEvent, { minLength: 1, maxLength: 4 }), (base, more) => {
        const s = (events: object[]) => ex(scoreItem(c, { unit: "d1", item: "x", facts: [fact("d1", "x", { events } as TItemFact["value"])] }).score!.exact);
        expect(s([...base, ...more]).compare(s(base))).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

// Random indicator trees of rating leaves.
type Tree = { max: number; score?: number; aggregate?: "cap" | "sum"; children?: Tree[] };
const arbTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 1, max: 20 }).chain((max) => fc.integer({ min: 0, max }).map((score) => ({ max, score }))),
    fc.record({ max: fc.integer({ min: 1, max: 40 }), aggregate: fc.constantFrom("cap" as const, "sum" as const), children: fc.array(tie("tree"), { minLength: 1, maxLength: 4 }) }),
  ),
})).tree;

function toIndicator(t: Tree, code: string): TIndicator {
  if (!t.children) return leaf(code, t.max, { type: "rating", max: t.max });
  return { code, name: code, max: t.max, aggregate: t.aggregate, children: t.children.map((c, i) => toIndicator(c, `${code}.${i}`)) };
}
function leafFacts(t: Tree, code: string): TItemFact[] {
  if (!t.children) return [fact("d1", code, { score: t.score! })];
  return t.children.flatMap((c, i) => leafFacts(c, `${code}.${i}`));
}

describe("aggregation", () => {
  test("each node = min(max, Σ children) for cap, Σ children for sum; part = 100 × points ÷ max achievable", () => {
    fc.assert(
      fc.property(fc.array(arbTree, { minLength: 1, maxLength: 3 }), (trees) => {
        const inds = trees.map((t, i) => toIndicator(t, `t${i}`));
        const r = scoreEdition(compileEdition(edition([part("p", inds)])), { edition: "mini", facts: trees.flatMap((t, i) => leafFacts(t, `t${i}`)) });
        const p = r.scorecards.find((c) => c.unit.code === "d1")!.parts[0];
        const check = (n: IndicatorResult) => {
          if (n.kind !== "node") return;
          n.children.forEach(check);
          const sum = n.children.reduce((acc, c) => acc.add(ex(c.score!.exact)), ex("0"));
          const maxSum = n.children.reduce((acc, c) => acc.add(ex(c.kind === "node" ? c.maxAchievable.exact : c.max.exact)), ex("0"));
          const expected = n.aggregate === "cap" && sum.compare(ex(n.max.exact)) > 0 ? ex(n.max.exact) : sum;
          expect(ex(n.score.exact).equals(expected)).toBe(true);
          const expectedMax = n.aggregate === "cap" && maxSum.compare(ex(n.max.exact)) > 0 ? ex(n.max.exact) : maxSum;
          expect(ex(n.maxAchievable.exact).equals(expectedMax)).toBe(true);
        };
        p.indicators.forEach(check);
        expect(ex(p.normalised!.exact).equals(ex(p.points.exact).mul(100).div(ex(p.maxAchievable.exact)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("ranking", () => {
  const departments = UNITS.filter((u) => u.group === "department").map((u) => u.code);
  const c = compileEdition(edition([part("p", [leaf("x", 20, { type: "rating", max: 20, step: "0.5" })])]));
  const arbScores = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: departments.length, maxLength: departments.length });
  test("a permutation of the assessed units; competition ranks; independent of input order; deterministic", () => {
    fc.assert(
      fc.property(arbScores, fc.integer(), (scores, seed) => {
        const facts = departments.map((u, i) => fact(u, "x", { score: (scores[i] / 2).toFixed(1) }));
        const shuffled = fc.sample(fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }), { numRuns: 1, seed })[0];
        const a = scoreEdition(c, { edition: "mini", facts });
        const b = scoreEdition(c, { edition: "mini", facts: shuffled });
        expect(b).toEqual(a);
        expect(scoreEdition(c, { edition: "mini", facts })).toEqual(a);
        const entries = a.rankings.find((k) => k.scope === "p" && k.group === "department")!.entries;
        expect(entries.map((e) => e.unit).sort()).toEqual([...departments].sort());
        for (const e of entries) {
          const better = entries.filter((o) => ex(o.score.exact).compare(ex(e.score.exact)) > 0).length;
          expect(e.rank).toBe(better + 1);
        }
      }),
      RUNS,
    );
  });
});
