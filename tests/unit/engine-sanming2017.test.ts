// Acceptance examples on the real 2017 edition. Leaf codes are found by name, not hard-coded.
import { beforeAll, describe, expect, test } from "vitest";
import { compileEdition, scoreEdition, scoreItem, type CompiledEdition, type CompiledLeaf, type TItemFact } from "../../lib/engine";
import { loadEditionFromDir } from "../../lib/rules/load";

let compiled: CompiledEdition;
beforeAll(() => {
  const loaded = loadEditionFromDir("rules/sanming-2017");
  if (!loaded.ok) throw new Error(`rules/sanming-2017 did not load: ${JSON.stringify(loaded.errors)}`);
  compiled = compileEdition(loaded.edition);
});

function leafNamed(pattern: RegExp): CompiledLeaf {
  const found = [...compiled.leafByCode.values()].filter((l) => pattern.test(l.name));
  if (found.length !== 1) throw new Error(`expected one leaf matching ${pattern}, found ${found.map((l) => l.name).join(", ") || "none"}`);
  return found[0];
}
function unitNamed(name: string): string {
  const u = compiled.units.find((x) => x.name === name);
  if (!u) throw new Error(name);
  return u.code;
}

describe("sanming-2017 acceptance", () => {
  test("a county with 7 roll-call absences: sub-item 1 − 7 × 0.05 = 0.65 of 1, on its card and on 全市", () => {
    const rollcall = leafNamed(/调试点名/);
    expect(rollcall.rule.type).toBe("deduction");
    if (rollcall.rule.type !== "deduction") return;
    const kind = rollcall.rule.pools[0].kinds[0].code;
    const county = unitNamed("梅列区");
    const facts: TItemFact[] = [{ unit: county, item: rollcall.code, source: "self", value: { events: [{ kind, count: 7 }] } }];
    const r = scoreItem(compiled, { unit: county, item: rollcall.code, facts });
    expect(r.max.exact).toBe("1");
    expect(r.score).toEqual({ exact: "0.65", display: "0.65" });
    expect(r.trace.join("；")).toContain("7 次 × 0.05 = 0.35；1 − 0.35 = 0.65；本项满分 1 分，得 0.65 分");
    const city = scoreItem(compiled, { unit: "city", item: rollcall.code, facts });
    expect(city.score?.exact).toBe("0.65"); // 从所属设区市中扣相应分数
  });

  test("5 IoT platforms listed: 5 × 1 = 5, capped at 4 on the lead department's card", () => {
    const iot = leafNamed(/^物联网服务$/);
    const lead = unitNamed("市数字办");
    // city-level item (R14): the fact is entered once under the city and shows on the responsible units' cards
    const factUnit = iot.scope === "city" ? "city" : lead;
    const facts: TItemFact[] = [
      { unit: factUnit, item: iot.code, source: "self", value: { items: ["物联网识别管控平台", "多卡融合平台", "视频图像共享平台", "视频能力服务平台", "位置信息服务平台"] } },
    ];
    const r = scoreItem(compiled, { unit: lead, item: iot.code, facts });
    expect(r.score?.exact).toBe("4");
    expect(r.trace.join("\n")).toContain("合计 5 分，超过本项上限 4 分，按 4 分计");
    const result = scoreEdition(compiled, { edition: compiled.id, facts });
    const card = result.scorecards.find((c) => c.unit.code === lead)!;
    const p1 = card.parts.find((p) => p.indicators.some((i) => JSON.stringify(i).includes(iot.code)))!;
    expect(JSON.stringify(p1.indicators)).toContain(`"code":"${iot.code}"`);
  });

  test("every unit gets a scorecard, 全市 included; the city is not ranked", () => {
    const r = scoreEdition(compiled, { edition: compiled.id, facts: [] });
    expect(r.scorecards).toHaveLength(compiled.units.length);
    expect(r.scorecards.some((c) => c.unit.group === "city")).toBe(true);
    expect(r.rankings.flatMap((k) => k.entries).some((e) => e.unit === "city")).toBe(false);
  });

  test("R1 on the real data: 信息化应用绩效 caps at 40 and part 1 of 全市 is out of 70", () => {
    const r = scoreEdition(compiled, { edition: compiled.id, facts: [] });
    const city = r.scorecards.find((c) => c.unit.group === "city")!;
    expect(city.parts[0].maxAchievable.exact).toBe("70");
    expect(city.parts[0].declaredMax.exact).toBe("70");
  });
});
