import { describe, expect, it } from "vitest";
import { itemsForUnit } from "@/lib/assessment/items";
import { compileEdition, scoreEdition, validateItemFact, type TItemFact } from "@/lib/engine";
import { buildDemoPlan, prng } from "@/lib/demo/generate";
import { loadEditionOrThrow } from "@/lib/rules/load";

// The demo data plan for sanming-2017 (what lib/demo/apply.ts loads through the workflow).
const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const plan = buildDemoPlan(compiled);
const factUnit = (unit: string, item: string) => (compiled.leafByCode.get(item)!.scope === "city" ? "city" : unit);

describe("demo plan", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(buildDemoPlan(compiled)).toEqual(plan);
    expect(buildDemoPlan(compiled, 7).fills.map((f) => f.payload)).not.toEqual(plan.fills.map((f) => f.payload));
    const a = prng(42);
    const b = prng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("fills every item each unit must fill in (but the one not started), once, city-level items once for the city", () => {
    const seen = new Set(plan.fills.map((f) => `${factUnit(f.unit, f.item)}|${f.item}`));
    expect(seen.size).toBe(plan.fills.length);
    expect(plan.fills.some((f) => f.unit === plan.story.notStarted)).toBe(false);
    for (const u of compiled.units.filter((x) => x.group !== "city" && x.code !== plan.story.notStarted)) {
      for (const it of itemsForUnit(compiled, u.code).filter((i) => i.editable)) {
        // opt-in items (专题专栏) are left alone by units not involved (R9)
        if (it.leaf.applicability === "opt-in") continue;
        expect(seen.has(`${it.factUnit}|${it.leaf.code}`), `${u.code} ${it.leaf.code}`).toBe(true);
      }
    }
    expect(plan.submit).toHaveLength(compiled.units.filter((u) => u.group !== "city").length - 1);
    expect(plan.submit).not.toContain(plan.story.notStarted);
  });

  it("every value passes the engine's validation, self and review", () => {
    const errors: string[] = [];
    const check = (unit: string, item: string, source: "self" | "review", payload: object) => {
      const r = validateItemFact(compiled, { ...payload, unit: factUnit(unit, item), item, source } as TItemFact, "fact");
      for (const e of r.errors) errors.push(`${unit} ${item} ${source}: ${e.path} ${e.message}`);
    };
    for (const f of plan.fills) check(f.unit, f.item, "self", f.payload);
    for (const a of plan.adjustments) check(a.unit, a.item, "review", a.payload);
    for (const m of plan.monitoring) check(m.unit, m.item, "review", { value: { events: m.events } });
    for (const r of plan.returns) if (r.fixed) check(r.unit, r.item, "self", r.fixed);
    expect(errors).toEqual([]);
  });

  it("gives every demo account something to do: 三元区 has returned items, 市数字办 waits for review, one department has not started, nothing final", () => {
    const name = (code: string) => compiled.unitByCode.get(code)!.name;
    expect(name(plan.story.returned)).toBe("三元区");
    expect(name(plan.story.awaiting)).toBe("市数字办");
    expect(compiled.unitByCode.get(plan.story.notStarted)?.group).toBe("department");
    expect(plan.returns.filter((r) => r.fixed).length).toBeGreaterThanOrEqual(1);
    const open = plan.returns.filter((r) => !r.fixed);
    expect(open).toHaveLength(2);
    expect(open.every((r) => r.unit === plan.story.returned)).toBe(true);
    expect(plan.monitoring.length).toBeGreaterThan(0);
    expect(plan.adjustments.filter((a) => a.reason !== "年度日常监测评分").length).toBeGreaterThanOrEqual(2);
    expect(plan.finalise).toEqual([]);
    for (const p of plan.partial) {
      expect(p.units.length).toBeGreaterThan(plan.submit.length / 2);
      expect(p.units).toContain(plan.story.returned);
      expect(p.units).not.toContain(plan.story.awaiting);
    }
    expect(plan.story.waiting).toContain(plan.story.awaiting);
    expect(plan.story.waiting).not.toContain(plan.story.returned);
  });

  it("scores plausibly: every department and county complete, scores spread over more than one tier", () => {
    const facts: TItemFact[] = [
      ...plan.fills.map((f) => ({ ...f.payload, unit: factUnit(f.unit, f.item), item: f.item, source: "self" as const })),
      ...plan.adjustments.map((a) => ({ ...a.payload, unit: factUnit(a.unit, a.item), item: a.item, source: "review" as const })),
    ];
    const res = scoreEdition(compiled, { edition: compiled.id, facts });
    const assessed = res.scorecards.filter((c) => c.unit.group !== "city" && c.unit.code !== plan.story.notStarted);
    expect(assessed.every((c) => c.complete)).toBe(true);
    const overall = assessed.map((c) => Number(c.overall!.display));
    expect(Math.min(...overall)).toBeGreaterThan(60);
    expect(Math.max(...overall)).toBeLessThanOrEqual(105);
    expect(new Set(overall.map((x) => Math.floor(x / 5))).size).toBeGreaterThan(2);
  });
});

describe("demo data of an edition", () => {
  it("comes from the edition's demo file (rules/sanming-2017/demo.yaml): the city's facts, the reviewers' story", () => {
    const demo = compiled.edition.demo as { cityFacts: Record<string, unknown>; review: { monitoring: { item: string }[] } };
    const cityFill = plan.fills.find((f) => f.item in demo.cityFacts)!;
    expect(cityFill.payload).toEqual(demo.cityFacts[cityFill.item]);
    expect(new Set(plan.monitoring.map((m) => m.item))).toEqual(new Set(demo.review.monitoring.map((m) => m.item)));
  });

  it("is generated from the rules alone for an edition without a demo file: valid values, complete scorecards, work for every account", () => {
    const bare = compileEdition({ ...compiled.edition, demo: undefined });
    const p = buildDemoPlan(bare);
    const facts: TItemFact[] = [
      ...p.fills.map((f) => ({ ...f.payload, unit: bare.leafByCode.get(f.item)!.scope === "city" ? "city" : f.unit, item: f.item, source: "self" as const })),
      ...p.adjustments.map((a) => ({ ...a.payload, unit: bare.leafByCode.get(a.item)!.scope === "city" ? "city" : a.unit, item: a.item, source: "review" as const })),
    ];
    const errors = facts.flatMap((f) => validateItemFact(bare, f, "fact").errors.map((e) => `${f.unit} ${f.item}: ${e.path} ${e.message}`));
    expect(errors).toEqual([]);
    const res = scoreEdition(bare, { edition: bare.id, facts });
    expect(res.scorecards.filter((c) => c.unit.group !== "city" && c.unit.code !== p.story.notStarted).every((c) => c.complete)).toBe(true);
    expect(p.returns.filter((r) => !r.fixed)).toHaveLength(2);
    expect(p.returns.some((r) => r.fixed)).toBe(true);
    expect(p.monitoring.length).toBeGreaterThan(0);
  });
});
