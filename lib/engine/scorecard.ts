// Score → scorecards: items (self and reviewed), node aggregation with caps (R1),
// normalisation per part (R13), post penalties, veto, overall (R15).
import type { TUnit } from "../rules/schema";
import { type CompiledEdition, type CompiledIndicator, type CompiledLeaf, type CompiledNode, type CompiledPart, leafConcernsUnit } from "./compile";
import { READINGS, keysOfReading, type ReadingDef } from "../rules/readings";
import { type Exact, type ExactValue, HUNDRED, ZERO, add, div, fmt, min, mul, parseExact, roundExact, sub, sum, toValue } from "./exact";
import { equals, operand } from "./explain";
import { evaluateLeaf, type LeafOutcome, normalise, type PooledFact } from "./evaluate";
import type { TItemFact, TPostPenalty } from "./facts";
import type { Completeness, IndicatorResult, ItemResult, ItemSide, ItemState, NodeResult, PartResult, PartStatus, ReadingRef, Scorecard } from "./types";

export type FactEntry = { self?: TItemFact; review?: TItemFact };

export type FactIndex = {
  /** unit → item → facts */
  byUnit: Map<string, Map<string, FactEntry>>;
  /** item → unit → facts (for pooling) */
  byItem: Map<string, Map<string, FactEntry>>;
};

export function indexFacts(facts: TItemFact[]): FactIndex {
  const byUnit = new Map<string, Map<string, FactEntry>>();
  const byItem = new Map<string, Map<string, FactEntry>>();
  for (const f of facts) {
    let items = byUnit.get(f.unit);
    if (!items) byUnit.set(f.unit, (items = new Map()));
    let entry = items.get(f.item);
    if (!entry) {
      items.set(f.item, (entry = {}));
      let units = byItem.get(f.item);
      if (!units) byItem.set(f.item, (units = new Map()));
      units.set(f.unit, entry);
    }
    entry[f.source] = f;
  }
  return { byUnit, byItem };
}

const ZERO_VALUE: ExactValue = toValue(ZERO);

/**
 * The reading notes shown beside a result. Where this run overrides one of the reading's
 * options (`--reading`), the note says which option was used instead of the edition's.
 */
export function readingRefs(compiled: CompiledEdition, leafOrNode: { readings: { id: string; chosen: string }[] }): ReadingRef[] {
  return leafOrNode.readings.map((r) => {
    const keys = compiled.overriddenReadings.length > 0 ? keysOfReading(r.id).filter((k) => compiled.overriddenReadings.includes(k)) : [];
    if (keys.length === 0) return { id: r.id, chosen: r.chosen };
    const k = keys[0];
    const def: ReadingDef = READINGS[k];
    const option = compiled.readings[k];
    const notes = keys.map((key) => `${key} = ${compiled.readings[key]}：${(READINGS[key] as ReadingDef).options[compiled.readings[key]].zh}`).join("；");
    return {
      id: r.id,
      chosen: `本次计算改用口径 ${notes}（规则版本采用：${r.chosen}）`,
      override: { key: k, option, editionOption: compiled.editionReadings[k] ?? def.default },
    };
  });
}

/** Per-run caches: constant values per leaf, shared results of city-scope items. */
export type ScoringContext = {
  compiled: CompiledEdition;
  facts: FactIndex;
  cityItems: Map<string, ItemEval>;
  naItems: Map<string, ItemEval>;
  leafConst: Map<string, { max: ExactValue; readings: ReadingRef[] }>;
  penalties: Map<string, TPostPenalty[]>;
};

export function createContext(compiled: CompiledEdition, facts: TItemFact[], penalties: TPostPenalty[] = []): ScoringContext {
  const byUnitPart = new Map<string, TPostPenalty[]>();
  for (const p of penalties) {
    const key = `${p.unit}\u0000${p.part}`;
    const list = byUnitPart.get(key) ?? [];
    list.push(p);
    byUnitPart.set(key, list);
  }
  return { compiled, facts: indexFacts(facts), cityItems: new Map(), naItems: new Map(), leafConst: new Map(), penalties: byUnitPart };
}

function leafConst(ctx: ScoringContext, leaf: CompiledLeaf) {
  let c = ctx.leafConst.get(leaf.code);
  if (!c) {
    const readings = readingRefs(ctx.compiled, leaf);
    c = { max: toValue(leaf.max), readings };
    ctx.leafConst.set(leaf.code, c);
  }
  return c;
}

export type ItemEval = { result: ItemResult; self: LeafOutcome; eff: LeafOutcome };

function side(o: LeafOutcome): ItemSide {
  return { state: o.state, score: o.state === "scored" ? toValue(o.score) : null, vetoed: o.vetoed };
}
function traceOf(o: LeafOutcome, prefix: string[], extra: string[]): string[] {
  return prefix.length + extra.length > 0 ? [...prefix, ...o.trace, ...extra] : o.trace;
}

/**
 * Score one leaf for one scorecard from its facts: self side from the self fact, reviewed
 * side from the review fact where present (else the self fact); override replaces the score.
 */
export function evaluateItemFacts(
  ctx: ScoringContext,
  leaf: CompiledLeaf,
  factUnit: string,
  entry: FactEntry | undefined,
  pooled?: { unitName: string; entry: FactEntry }[],
  prefix: string[] = [],
): ItemEval {
  const c = leafConst(ctx, leaf);
  const ownLabel = ctx.compiled.unitByCode.get(factUnit)?.name ?? factUnit;
  const selfPooled: PooledFact[] | undefined = pooled?.map((p) => ({ unitName: p.unitName, fact: p.entry.self }));
  const self = evaluateLeaf(leaf, entry?.self, { pooled: selfPooled, ownLabel });
  const hasReview = entry?.review !== undefined || (pooled?.some((p) => p.entry.review !== undefined) ?? false);
  let eff = self;
  if (hasReview) {
    const effPooled: PooledFact[] | undefined = pooled?.map((p) => ({ unitName: p.unitName, fact: p.entry.review ?? p.entry.self }));
    eff = evaluateLeaf(leaf, entry?.review ?? entry?.self, { pooled: effPooled, ownLabel });
  }
  const anyFact = entry?.self !== undefined || entry?.review !== undefined || (pooled?.length ?? 0) > 0;
  const source: ItemResult["source"] = !anyFact ? "none" : hasReview ? "review" : "self";
  const sourceLine = source === "review" ? ["依据：审核数据"] : source === "self" ? ["依据：自评数据"] : [];
  const selfSide = side(self);
  const effSide = eff === self ? selfSide : side(eff);
  const trace = traceOf(eff, prefix, sourceLine);
  if (eff !== self) selfSide.trace = traceOf(self, prefix, ["依据：自评数据"]);
  const result: ItemResult = {
    kind: "item",
    code: leaf.code,
    name: leaf.name,
    ruleType: leaf.rule.type,
    max: c.max,
    scope: leaf.scope,
    factUnit,
    pooled: pooled !== undefined,
    state: eff.state,
    score: effSide.score,
    bonus: eff.bonus.compare(ZERO) === 0 ? ZERO_VALUE : toValue(eff.bonus),
    penalty: eff.penalty.compare(ZERO) === 0 ? ZERO_VALUE : toValue(eff.penalty),
    source,
    overridden: eff.overridden,
    vetoed: eff.vetoed,
    vetoReason: eff.vetoReason,
    naReason: eff.naReason,
    self: selfSide,
    reviewed: effSide,
    trace,
    readings: c.readings,
  };
  return { result, self, eff };
}

function structuralNA(ctx: ScoringContext, leaf: CompiledLeaf): ItemEval {
  let e = ctx.naItems.get(leaf.code);
  if (!e) {
    const c = leafConst(ctx, leaf);
    const reason = "非本单位考核项";
    const o: LeafOutcome = {
      state: "not-applicable",
      base: null,
      bonus: ZERO,
      penalty: ZERO,
      within: ZERO,
      score: ZERO,
      vetoed: false,
      overridden: false,
      naReason: reason,
      trace: [`本单位不是此项的考核对象，不适用`],
    };
    const s: ItemSide = { state: o.state, score: null, vetoed: false };
    e = {
      self: o,
      eff: o,
      result: {
        kind: "item",
        code: leaf.code,
        name: leaf.name,
        ruleType: leaf.rule.type,
        max: c.max,
        scope: leaf.scope,
        factUnit: "",
        pooled: false,
        state: o.state,
        score: null,
        bonus: ZERO_VALUE,
        penalty: ZERO_VALUE,
        source: "none",
        overridden: false,
        vetoed: false,
        naReason: reason,
        self: s,
        reviewed: s,
        trace: o.trace,
        readings: c.readings,
      },
    };
    ctx.naItems.set(leaf.code, e);
  }
  return e;
}

/** The item result of a leaf as it appears on a unit's scorecard. */
export function itemForUnit(ctx: ScoringContext, leaf: CompiledLeaf, unit: TUnit): ItemEval {
  const { compiled } = ctx;
  if (!leafConcernsUnit(compiled, leaf, unit.code)) return structuralNA(ctx, leaf);
  const city = compiled.city;
  if (leaf.scope === "city" && city) {
    let e = ctx.cityItems.get(leaf.code);
    if (!e) {
      e = evaluateItemFacts(ctx, leaf, city.code, ctx.facts.byUnit.get(city.code)?.get(leaf.code), undefined, [
        `全市统一考核项：按${city.name}填报的数据计分，各考核单位得分相同`,
      ]);
      ctx.cityItems.set(leaf.code, e);
    }
    return e;
  }
  const entry = ctx.facts.byUnit.get(unit.code)?.get(leaf.code);
  if (city && unit.code === city.code && leaf.rollupToCity && leaf.rule.type === "deduction") {
    const pooled: { unitName: string; entry: FactEntry }[] = [];
    const byUnit = ctx.facts.byItem.get(leaf.code);
    if (byUnit) {
      for (const u of compiled.units) {
        if (u.code === city.code) continue;
        const e = byUnit.get(u.code);
        if (e) pooled.push({ unitName: u.name, entry: e });
      }
    }
    return evaluateItemFacts(ctx, leaf, unit.code, entry, pooled, [`汇总项：全市扣分包含各单位的扣分事项（“从所属设区市中扣相应分数”）`]);
  }
  return evaluateItemFacts(ctx, leaf, unit.code, entry);
}

// ---- Aggregation ---------------------------------------------------------------------

type Agg = {
  state: ItemState;
  within: Exact; // capped part of the score
  bonus: Exact; // bonuses, outside every cap
  maxAch: Exact; // R13 denominator contribution
  entered: number;
  applicable: number;
  vetoReasons: string[];
};

function aggOfItem(leaf: CompiledLeaf, o: LeafOutcome): Agg {
  const applicable = o.state === "not-applicable" ? 0 : 1;
  return {
    state: o.state,
    within: o.within,
    bonus: o.bonus,
    maxAch: applicable && !o.outOfDenominator ? leaf.max : ZERO,
    entered: o.state === "scored" ? 1 : 0,
    applicable,
    vetoReasons: o.vetoed ? [`${leaf.name}：${o.vetoReason ?? "触发否决"}`] : [],
  };
}

function aggNode(node: CompiledNode, children: Agg[], roundEachStep: boolean): Agg & { raw: Exact; capped: boolean } {
  let raw = ZERO;
  let bonus = ZERO;
  let maxSum = ZERO;
  let entered = 0;
  let applicable = 0;
  let vetoReasons: string[] = [];
  for (const c of children) {
    if (c.within.n !== 0n) raw = raw.add(c.within);
    if (c.bonus.n !== 0n) bonus = bonus.add(c.bonus);
    if (c.maxAch.n !== 0n) maxSum = maxSum.add(c.maxAch);
    entered += c.entered;
    applicable += c.applicable;
    if (c.vetoReasons.length > 0) vetoReasons = [...vetoReasons, ...c.vetoReasons];
  }
  const capApplies = node.aggregate === "cap";
  const capped = capApplies && raw.compare(node.max) > 0;
  let within = capped ? node.max : raw;
  let maxAch = capApplies ? min(node.max, maxSum) : maxSum;
  if (node.aggregate === "rescale" && node.childrenDeclaredMax.compare(ZERO) > 0) {
    // R1 rescale: every child scaled by declared ÷ Σ children's declared max (40/50)
    const factor = div(node.max, node.childrenDeclaredMax);
    within = mul(raw, factor);
    maxAch = mul(maxSum, factor);
    if (roundEachStep) within = roundExact(within);
  }
  const state: ItemState = applicable === 0 ? "not-applicable" : entered === 0 ? "not-entered" : "scored";
  return { state, within, bonus, maxAch, entered, applicable, vetoReasons, raw, capped };
}

type Built = { result: IndicatorResult; eff: Agg; self: Agg };

function buildIndicator(ctx: ScoringContext, ind: CompiledIndicator, unit: TUnit): Built {
  if (ind.kind === "leaf") {
    const e = itemForUnit(ctx, ind, unit);
    return { result: e.result, eff: aggOfItem(ind, e.eff), self: aggOfItem(ind, e.self) };
  }
  const built = ind.children.map((c) => buildIndicator(ctx, c, unit));
  const roundEachStep = ctx.compiled.readings.R6 === "round-each-step";
  const eff = aggNode(ind, built.map((b) => b.eff), roundEachStep);
  const self = aggNode(ind, built.map((b) => b.self), roundEachStep);
  const score = add(eff.within, eff.bonus);
  const readings = readingRefs(ctx.compiled, ind);
  const trace: string[] = [];
  if (eff.state === "not-applicable") {
    trace.push(`本项下各项均不适用`);
  } else {
    if (ind.aggregate === "cap") {
      if (eff.capped) trace.push(`合计 ${fmt(eff.raw)} 分，超过本项上限 ${fmt(ind.max)} 分，按 ${fmt(ind.max)} 分计`);
      else trace.push(`各项合计 ${fmt(eff.raw)} 分（本项上限 ${fmt(ind.max)} 分）`);
    } else if (ind.aggregate === "rescale") {
      trace.push(`各项合计 ${fmt(eff.raw)} 分，按 ${fmt(ind.max)}/${fmt(ind.childrenDeclaredMax)} 等比例折算：${fmt(eff.raw)} × ${fmt(ind.max)} ÷ ${fmt(ind.childrenDeclaredMax)} = ${fmt(eff.within)}（口径 R1 = rescale）`);
    } else {
      trace.push(`各项合计 ${fmt(eff.raw)} 分（累加计分，不以标称 ${fmt(ind.max)} 分封顶）`);
    }
    if (eff.bonus.compare(ZERO) > 0) trace.push(`另有加分 ${fmt(eff.bonus)} 分，不受上限限制，本项得 ${fmt(score)} 分`);
    if (!ind.childrenDeclaredMax.equals(ind.max)) {
      trace.push(`注：下级分值合计 ${fmt(ind.childrenDeclaredMax)} 分，与本项标称 ${fmt(ind.max)} 分不一致`);
    }
    const na = built.filter((b) => b.eff.state === "not-applicable").length;
    if (na > 0) trace.push(`${na} 个下级项不适用，可得满分为 ${fmt(eff.maxAch)} 分`);
    if (eff.entered < eff.applicable) trace.push(`已填报 ${eff.entered}/${eff.applicable} 项，未填报项按 0 分计入`);
  }
  const result: NodeResult = {
    kind: "node",
    code: ind.code,
    name: ind.name,
    max: toValue(ind.max),
    aggregate: ind.aggregate,
    state: eff.state,
    score: toValue(score),
    maxAchievable: toValue(eff.maxAch),
    capped: eff.capped,
    self: { score: toValue(add(self.within, self.bonus)), maxAchievable: toValue(self.maxAch) },
    completeness: { entered: eff.entered, applicable: eff.applicable },
    children: built.map((b) => b.result),
    trace,
    readings,
  };
  return { result, eff, self };
}

// ---- Parts and scorecards ------------------------------------------------------------

export type PartInternal = {
  status: PartStatus;
  score: Exact | null;
  complete: boolean;
  vetoed: boolean;
  /** R15 raw-sum: the part's raw points less 加重扣分 (0 when vetoed) */
  rawScore: Exact | null;
  /** the same for the self side */
  selfRawScore: Exact | null;
};

type PartSide = { status: PartStatus; points: Exact; maxAch: Exact; normalised: Exact | null; entered: number; applicable: number; vetoReasons: string[] };

/** R13.cap and R6 applied to a normalised part score; trace lines only when they change it. */
function finishNormalised(ctx: ScoringContext, normalised: Exact, trace?: string[]): Exact {
  let n = normalised;
  if (ctx.compiled.readings["R13.cap"] === "cap-100" && n.compare(HUNDRED) > 0) {
    trace?.push(`折算分 ${fmt(n)} 超过 100 分，按 100 分计（口径 R13.cap = cap-100）`);
    n = HUNDRED;
  }
  if (ctx.compiled.readings.R6 !== "exact") {
    const r = roundExact(n);
    if (!r.equals(n)) trace?.push(`折算分四舍五入到 2 位小数：${fmt(r)}（口径 R6 = ${ctx.compiled.readings.R6}）`);
    n = r;
  }
  return n;
}

function partSide(aggs: Agg[]): PartSide {
  const points = sum(aggs.map((a) => add(a.within, a.bonus)));
  const maxAch = sum(aggs.map((a) => a.maxAch));
  const entered = aggs.reduce((a, c) => a + c.entered, 0);
  const applicable = aggs.reduce((a, c) => a + c.applicable, 0);
  const vetoReasons = aggs.flatMap((a) => a.vetoReasons);
  if (applicable === 0 || maxAch.compare(ZERO) === 0) {
    return { status: "not-assessed", points, maxAch, normalised: null, entered, applicable, vetoReasons };
  }
  if (vetoReasons.length > 0) return { status: "vetoed", points, maxAch, normalised: ZERO, entered, applicable, vetoReasons };
  return { status: "scored", points, maxAch, normalised: mul(div(points, maxAch), HUNDRED), entered, applicable, vetoReasons };
}

function buildPart(ctx: ScoringContext, part: CompiledPart, unit: TUnit): { result: PartResult; internal: PartInternal; selfScore: Exact | null } {
  const weight = toValue(part.weight);
  if (!part.units.has(unit.code)) {
    const result: PartResult = {
      code: part.code,
      name: part.name,
      weight,
      status: "not-assessed",
      points: ZERO_VALUE,
      declaredMax: toValue(part.declaredMax),
      maxAchievable: ZERO_VALUE,
      normalised: null,
      postPenalties: [],
      score: null,
      vetoReasons: [],
      self: { status: "not-assessed", points: ZERO_VALUE, maxAchievable: ZERO_VALUE, score: null },
      completeness: { entered: 0, applicable: 0 },
      complete: true,
      indicators: [],
      trace: [`本单位不参与“${part.name}”的考核`],
      readings: [],
    };
    return { result, internal: { status: "not-assessed", score: null, complete: true, vetoed: false, rawScore: null, selfRawScore: null }, selfScore: null };
  }
  const built = part.indicators.map((i) => buildIndicator(ctx, i, unit));
  const eff = partSide(built.map((b) => b.eff));
  const self = partSide(built.map((b) => b.self));
  if (self.normalised && self.status === "scored") self.normalised = finishNormalised(ctx, self.normalised);
  const trace: string[] = [];
  const penalties = eff.status === "scored" ? (ctx.penalties.get(`${unit.code}\u0000${part.code}`) ?? []) : [];
  const readings = ctx.compiled.readings;
  let score: Exact | null = eff.normalised;
  let rawScore: Exact | null = eff.status === "not-assessed" ? null : eff.status === "vetoed" ? ZERO : eff.points;
  if (eff.status === "not-assessed") {
    trace.push(`本单位在“${part.name}”中没有适用的考核项，不参与本部分评分`);
  } else {
    trace.push(`得分合计 ${fmt(eff.points)} 分；适用项可得满分 ${fmt(eff.maxAch)} 分（本部分标称 ${fmt(part.declaredMax)} 分）`);
    if (eff.status === "vetoed") {
      trace.push(`单项否决：${eff.vetoReasons.join("；")}，本部分计 0 分`);
    } else if (readings["R13.penalty"] === "before" && penalties.length > 0) {
      // 加重扣分 from the raw points, then normalise (R13.penalty = before)
      let pts = eff.points;
      for (const p of penalties) {
        const amount = parseExact(p.points);
        const next = sub(pts, amount);
        trace.push(`加重扣分（折算前扣除，口径 R13.penalty = before）：${p.reason}，${operand(pts)} − ${operand(amount)} ${equals(next)}`);
        pts = next;
      }
      rawScore = pts;
      const n = normalise(pts, eff.maxAch);
      trace.push(`折算：${operand(pts)} ÷ ${operand(eff.maxAch)} × 100 ${equals(n)}`);
      let s = finishNormalised(ctx, n, trace);
      eff.normalised = finishNormalised(ctx, eff.normalised!);
      if (readings.E4 === "floor-0" && s.compare(ZERO) < 0) {
        trace.push(`低于 0 分，按 0 分计（口径 E4 = floor-0）`);
        s = ZERO;
      }
      score = s;
      trace.push(`本部分得分 ${fmt(s)} 分`);
    } else {
      trace.push(`折算：${operand(eff.points)} ÷ ${operand(eff.maxAch)} × 100 ${equals(eff.normalised!)}`);
      eff.normalised = finishNormalised(ctx, eff.normalised!, trace);
      let s = eff.normalised;
      let raw = eff.points;
      for (const p of penalties) {
        const pts = parseExact(p.points);
        const next = sub(s, pts);
        trace.push(`加重扣分：${p.reason}，${operand(s)} − ${operand(pts)} ${equals(next)}`);
        s = next;
        raw = sub(raw, pts);
      }
      if (readings.E4 === "floor-0" && s.compare(ZERO) < 0) {
        trace.push(`低于 0 分，按 0 分计（口径 E4 = floor-0）`);
        s = ZERO;
      }
      score = s;
      rawScore = raw;
      if (penalties.length > 0) trace.push(`本部分得分 ${fmt(s)} 分`);
    }
    if (eff.entered < eff.applicable) {
      trace.push(`完成度 ${eff.entered}/${eff.applicable}：尚有 ${eff.applicable - eff.entered} 项未填报，按 0 分计入，评分尚不完整`);
    }
  }
  const complete = eff.entered >= eff.applicable;
  const result: PartResult = {
    code: part.code,
    name: part.name,
    weight,
    status: eff.status,
    points: toValue(eff.points),
    declaredMax: toValue(part.declaredMax),
    maxAchievable: toValue(eff.maxAch),
    normalised: eff.normalised ? toValue(eff.normalised) : null,
    postPenalties: penalties.map((p) => ({ points: toValue(parseExact(p.points)), reason: p.reason })),
    score: score ? toValue(score) : null,
    vetoReasons: eff.vetoReasons,
    self: { status: self.status, points: toValue(self.points), maxAchievable: toValue(self.maxAch), score: self.normalised ? toValue(self.normalised) : null },
    completeness: { entered: eff.entered, applicable: eff.applicable },
    complete,
    indicators: built.map((b) => b.result),
    trace,
    readings: readingRefs(ctx.compiled, part),
  };
  const selfRawScore = self.status === "not-assessed" ? null : self.status === "vetoed" ? ZERO : self.points;
  return {
    result,
    internal: { status: eff.status, score, complete, vetoed: eff.status === "vetoed", rawScore, selfRawScore },
    selfScore: self.normalised,
  };
}

export type CardInternal = { overall: Exact | null; parts: Map<string, PartInternal>; complete: boolean };

function weightedMean(entries: { score: Exact; weight: Exact }[]): Exact | null {
  const totalWeight = sum(entries.map((e) => e.weight));
  if (entries.length === 0 || totalWeight.compare(ZERO) === 0) return null;
  return div(sum(entries.map((e) => mul(e.score, e.weight))), totalWeight);
}

/** R15: how the parts a unit takes part in combine; R6 rounds the result unless exact. */
function combineParts(ctx: ScoringContext, entries: { score: Exact; raw: Exact; weight: Exact }[]): Exact | null {
  const how = ctx.compiled.readings.R15;
  let out: Exact | null;
  if (how === "none" || entries.length === 0) out = null;
  else if (how === "weighted-sum") out = sum(entries.map((e) => mul(e.score, e.weight)));
  else if (how === "raw-sum") out = sum(entries.map((e) => e.raw));
  else out = weightedMean(entries);
  return out !== null && ctx.compiled.readings.R6 !== "exact" ? roundExact(out) : out;
}

export function buildScorecard(ctx: ScoringContext, unit: TUnit): { card: Scorecard; internal: CardInternal } {
  const parts = ctx.compiled.parts.map((p) => ({ part: p, ...buildPart(ctx, p, unit) }));
  const taking = parts.filter((p) => p.internal.status !== "not-assessed" && p.internal.score !== null);
  const overall = combineParts(ctx, taking.map((p) => ({ score: p.internal.score!, raw: p.internal.rawScore ?? ZERO, weight: p.part.weight })));
  const selfTaking = parts.filter((p) => p.selfScore !== null && p.result.self.status !== "not-assessed");
  const selfOverall = combineParts(
    ctx,
    selfTaking.map((p) => ({ score: p.result.self.status === "vetoed" ? ZERO : p.selfScore!, raw: p.internal.selfRawScore ?? ZERO, weight: p.part.weight })),
  );
  const trace: string[] = [];
  const how = ctx.compiled.readings.R15;
  if (how !== "weighted-mean" && taking.length > 0) {
    if (how === "none") trace.push(`按口径 R15 = none：只按部分排名，不计总分`);
    else if (how === "weighted-sum") {
      trace.push(`总分 = ${taking.map((p) => `${fmt(p.internal.score!)} × ${fmt(p.part.weight)}`).join(" + ")} = ${fmt(overall!)}（各部分折算分乘权重后相加，口径 R15 = weighted-sum）`);
    } else {
      trace.push(`总分 = ${taking.map((p) => fmt(p.internal.rawScore ?? ZERO)).join(" + ")} = ${fmt(overall!)}（各部分原始得分直接相加，口径 R15 = raw-sum）`);
    }
  } else if (overall === null) {
    trace.push(`本单位不参与任何部分的考核`);
  } else {
    const terms = taking.map((p) => `${operand(p.internal.score!)} × ${operand(p.part.weight)}`).join(" + ");
    const tw = sum(taking.map((p) => p.part.weight));
    trace.push(
      taking.length === 1
        ? `总分 = “${taking[0].part.name}”得分 ${fmt(overall)}`
        : `总分 = (${terms}) ÷ ${operand(tw)} ${equals(overall)}（各部分折算分按权重平均）`,
    );
  }
  const completeness: Completeness = {
    entered: parts.reduce((a, p) => a + p.result.completeness.entered, 0),
    applicable: parts.reduce((a, p) => a + p.result.completeness.applicable, 0),
  };
  const complete = completeness.entered >= completeness.applicable;
  if (!complete) trace.push(`评分尚不完整：已填报 ${completeness.entered}/${completeness.applicable} 项`);
  const card: Scorecard = {
    unit: { code: unit.code, name: unit.name, group: unit.group },
    parts: parts.map((p) => p.result),
    overall: overall ? toValue(overall) : null,
    self: { overall: selfOverall ? toValue(selfOverall) : null },
    completeness,
    complete,
    trace,
  };
  return { card, internal: { overall, parts: new Map(parts.map((p) => [p.part.code, p.internal])), complete } };
}
