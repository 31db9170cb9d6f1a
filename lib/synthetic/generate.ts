// Synthetic data at any scale, for benchmarks and load tests: the 2017 edition with N
// units (Sanming's own plus clones of its departments and counties, each clone inheriting
// the named responsibilities of the unit it copies) and a full year of realistic facts.
// Pure and deterministic (seeded PRNG): no database here.
import { compileEdition, type CompiledEdition, type TItemFact } from "../engine";
import { leafConcernsUnit } from "../engine/compile";
import { buildUnitIndex, resolveUnitRef } from "../rules/resolve";
import type { TColumn, TEdition, TIndicator, TResponsible, TUnit } from "../rules/schema";
import { ruleType } from "../rules/types";
import { monthsOfRule } from "../rules/types/tiers";

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

/**
 * The edition with `n` assessed units (the city aggregate not counted): Sanming's 44 plus
 * clones in Sanming's proportion of departments to counties (32 : 12).
 */
export function syntheticEdition(base: TEdition, n: number): TEdition {
  const originals = base.units.filter((u) => u.group !== "city");
  if (n <= originals.length) {
    const keep = new Set(originals.slice(0, n).map((u) => u.code));
    return { ...base, id: `${base.id}-synth-${n}`, units: base.units.filter((u) => u.group === "city" || keep.has(u.code)) };
  }
  const depts = originals.filter((u) => u.group === "department");
  const counties = originals.filter((u) => u.group === "county");
  const clonesOf = new Map<string, string[]>();
  const units: TUnit[] = [...base.units];
  for (let i = 0; units.length - 1 < n; i++) {
    // departments : counties = 32 : 12, as in Sanming
    const src = i % 11 < 8 ? depts[Math.floor(i / 11 * 8 + (i % 11)) % depts.length] : counties[(Math.floor(i / 11) * 3 + (i % 11) - 8) % counties.length];
    const k = (clonesOf.get(src.code)?.length ?? 0) + 1;
    const code = `${src.code}-s${k}`;
    units.push({ code, name: `${src.name}（模拟${k}）`, group: src.group, aliases: [] });
    clonesOf.set(src.code, [...(clonesOf.get(src.code) ?? []), code]);
  }
  const index = buildUnitIndex(base.units, base.collectives);
  const extend = (list: TResponsible[] | undefined): TResponsible[] | undefined => {
    if (!list) return list;
    const out = [...list];
    for (const r of list) {
      const codes = resolveUnitRef(index, r.unit);
      if (!codes || codes.length !== 1) continue; // collectives expand to clones by group already
      for (const clone of clonesOf.get(codes[0]) ?? []) out.push({ ...r, unit: clone });
    }
    return out;
  };
  const mapIndicators = (nodes: TIndicator[]): TIndicator[] => nodes.map((n) => ({ ...n, responsible: extend(n.responsible), children: n.children ? mapIndicators(n.children) : undefined }));
  const mapColumns = (nodes: TColumn[]): TColumn[] => nodes.map((c) => ({ ...c, responsible: extend(c.responsible), children: c.children ? mapColumns(c.children) : undefined }));
  return {
    ...base,
    id: `${base.id}-synth-${n}`,
    name: `${base.name}（模拟 ${n} 个单位）`,
    units,
    parts: base.parts.map((p) => ({ ...p, indicators: mapIndicators(p.indicators), columns: p.columns ? mapColumns(p.columns) : undefined })),
  };
}

const PLATFORM_WORDS = ["视频图像共享平台", "位置信息服务平台", "多卡融合平台", "物联网识别管控平台", "政务云平台", "灾备中心", "数据汇聚共享平台", "空间信息服务平台", "电子文件共享平台", "网格化服务管理平台", "12345政务服务平台", "统一身份认证平台", "安全监控平台"];

/** A value for a leaf, by rule type, with plausible distributions (most units do well). */
function valueFor(leaf: ReturnType<CompiledEdition["leafByCode"]["get"]> & object, r: ReturnType<typeof prng>): TItemFact["value"] {
  const rule = leaf.rule;
  switch (rule.type) {
    case "count":
      return { items: Array.from({ length: r.int(1, 9) }, (_, k) => `${r.pick(PLATFORM_WORDS)}${k + 1}号`) };
    case "binary":
      return { yes: r.chance(0.8), reference: "明政办〔2017〕" + r.int(10, 199) + "号", date: `2017-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}` };
    case "ratio":
      if (rule.saturateAt) return { numerator: r.int(Math.floor(rule.saturateAt * 0.6), rule.saturateAt + 5) };
      {
        const d = r.int(20, 120);
        return { numerator: r.int(Math.floor(d * 0.7), d), denominator: d };
      }
    case "deduction":
      return {
        events: rule.pools.flatMap((p) =>
          p.kinds.flatMap((k) =>
            Array.from({ length: r.chance(0.6) ? 0 : r.int(1, 3) }, () => {
              const month = String(r.int(1, 11)).padStart(2, "0");
              return {
                kind: k.code,
                count: r.int(1, 3),
                date: `2017-${month}-${String(r.int(1, 15)).padStart(2, "0")}`,
                ...(k.lateFix ? { fixedDate: r.chance(0.2) ? null : `2017-${month}-${String(r.int(16, 28)).padStart(2, "0")}` } : {}),
              };
            }),
          ),
        ),
      };
    case "tiers":
      return rule.measure === "monthlyAverage" ? { monthly: Array.from({ length: monthsOfRule(rule) }, () => r.int(3, 14)) } : { value: r.int(0, 3) };
    case "choice":
      return { levels: r.chance(0.15) ? [] : [r.pick(rule.levels).code] };
    case "rating":
      return undefined; // rated by reviewers
    case "veto":
      return { triggered: false };
    default:
      // a type that samples its own values (lib/rules/types/<type>: sample)
      return ruleType(rule).sample?.(rule, 0.5 + 0.5 * r.next(), r.next) as TItemFact["value"];
  }
}

/** A full year of self-assessed facts for every unit, and reviewed facts for a share of them. */
export function syntheticFacts(compiled: CompiledEdition, opts: { seed?: number; reviewShare?: number } = {}): TItemFact[] {
  const r = prng(opts.seed ?? 2017);
  const facts: TItemFact[] = [];
  for (const leaf of compiled.leafByCode.values()) {
    const owners = leaf.scope === "city" ? [compiled.city!.code] : compiled.units.map((u) => u.code).filter((u) => u !== compiled.city?.code && leafConcernsUnit(compiled, leaf, u));
    for (const unit of owners) {
      const preconditions = Object.fromEntries(leaf.preconditions.map((p) => [p.code, r.chance(0.9)]));
      const value = valueFor(leaf, r);
      if (leaf.rule.type === "rating") {
        const max = Number(leaf.max.valueOf());
        facts.push({ unit, item: leaf.code, source: "review", value: { score: String(Math.round(max * (0.6 + r.next() * 0.4) * 2) / 2) } });
        continue;
      }
      if (value === undefined) continue;
      const fact: TItemFact = { unit, item: leaf.code, source: "self", value, ...(leaf.preconditions.length ? { conditions: preconditions } : {}) };
      facts.push(fact);
      if (r.chance(opts.reviewShare ?? 0.1)) facts.push({ ...fact, source: "review", value: valueFor(leaf, r) });
    }
  }
  return facts;
}

export function syntheticDataset(base: TEdition, n: number, seed = 2017) {
  const edition = syntheticEdition(base, n);
  const compiled = compileEdition(edition);
  return { edition, compiled, facts: syntheticFacts(compiled, { seed }) };
}
