// The demo edition's data as a plan: what each unit fills in, what reviewers return,
// adjust and record, and when. Pure and deterministic (seeded PRNG keyed by unit and item,
// so a unit's values do not depend on the order units are visited); lib/demo/apply.ts
// carries the plan out through the same library functions the UI uses.
import { itemsForUnit } from "../assessment/items";
import type { CompiledEdition, CompiledLeaf } from "../engine/compile";
import type { TDeductionEvent, TItemFact } from "../engine/facts";
import { walkIndicators } from "../rules/resolve";
import { ruleType } from "../rules/types";
import { VERIFICATION_METHODS } from "../rules/schema";
import { demoDataOf, type TDemoFile } from "./data";

export type DemoPayload = Omit<TItemFact, "unit" | "item" | "source">;
export type DemoMethod = (typeof VERIFICATION_METHODS)[number];

export type DemoFill = {
  /** the unit that saves the fact (a lead unit for city-level items) */
  unit: string;
  item: string;
  payload: DemoPayload;
  evidence: { title: string }[];
};
export type DemoReturn = { unit: string; item: string; comment: string; fixed?: DemoPayload };
export type DemoAdjust = { unit: string; item: string; method: DemoMethod; reason: string; payload: DemoPayload };
export type DemoMonitoring = { unit: string; item: string; method: DemoMethod; reason: string; events: TDeductionEvent[] };

export type DemoPlan = {
  fills: DemoFill[];
  /** units that submit, in order */
  submit: string[];
  /** returned before the deadline and fixed by the unit (fixed set), or still open */
  returns: DemoReturn[];
  /** reviewer ratings (rating items) and corrections */
  adjustments: DemoAdjust[];
  monitoring: DemoMonitoring[];
  penalties: { unit: string; part: string; points: string; reason: string }[];
  /** parts whose every unit is reviewed and that are finalised (none: every role has work to do) */
  finalise: string[];
  /** parts reviewed only for these units (the rest stay submitted: 暂定) */
  partial: { part: string; units: string[] }[];
  /** what the demo accounts find: their units' states (see the start output) */
  story: DemoStory;
};

export type DemoStory = {
  /** the county account's unit: submitted, items returned recently, to fix and resubmit */
  returned: string;
  /** the department account's unit: submitted, waiting for review */
  awaiting: string;
  /** a unit that has not started (no account: the admin can create one) */
  notStarted: string;
  /** every submitted unit still waiting for review */
  waiting: string[];
};

// ---- Deterministic randomness -----------------------------------------------------------

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for plausible demo values. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rngFor(seed: number, ...keys: string[]): () => number {
  return prng(hash(`${seed}|${keys.join("|")}`));
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** How diligent a unit is, 0.45..1: good units do well on most items. */
export function unitQuality(seed: number, unit: string): number {
  const r = rngFor(seed, "quality", unit);
  return 0.45 + 0.55 * Math.sqrt(r());
}

/** Events of a kind happen about `mean × (1 − quality)` times. */
function eventCount(r: () => number, q: number, mean: number): number {
  const lambda = mean * (1.15 - q) * 1.6;
  // Knuth's Poisson sampler: fine for small lambdas
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l && k < 50);
  return k - 1;
}

/** A day of the assessment year, in months fromMonth..toMonth. */
function dayIn(year: number, r: () => number, fromMonth = 1, toMonth = 12): string {
  const m = int(r, fromMonth, toMonth);
  const d = int(r, 1, 28);
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

// ---- Values per item: the edition's demo file where it has them, else by rule type ---------------

/** What the generator needs besides the leaves: the edition's year, its demo file, each indicator's ancestors. */
export type DemoContext = { year: number; data: TDemoFile; ancestors: Map<string, string[]> };

export function demoContext(compiled: CompiledEdition): DemoContext {
  const ancestors = new Map<string, string[]>();
  for (const part of compiled.edition.parts) for (const { node, path } of walkIndicators(part.indicators)) ancestors.set(node.code, path.map((p) => p.code));
  return { year: compiled.year, data: demoDataOf(compiled), ancestors };
}

/** The demo file's event notes for a leaf: its own, else its nearest ancestor's. */
function eventNotesFor(dc: DemoContext, leaf: CompiledLeaf) {
  for (const code of [leaf.code, ...[...(dc.ancestors.get(leaf.code) ?? [])].reverse()]) if (dc.data.eventNotes[code]) return dc.data.eventNotes[code];
  return undefined;
}

function deductionEvents(dc: DemoContext, leaf: CompiledLeaf, r: () => number, q: number): TDeductionEvent[] {
  if (leaf.rule.type !== "deduction") return [];
  const events: TDeductionEvent[] = [];
  const kinds = leaf.rule.pools.flatMap((p) => p.kinds);
  const notes = eventNotesFor(dc, leaf);
  for (const k of kinds) {
    // per-event points decide how common an event is: 0.05-point absences are common, 1-point notices rare
    const per = Number(k.perEvent.valueOf());
    const mean = per <= 0.05 ? 4 : per <= 0.1 ? 2 : per <= 0.2 ? 1.6 : per <= 0.5 ? 0.6 : 0.7;
    const n = eventCount(r, q, mean);
    if (n === 0) continue;
    if (k.lateFix) {
      for (let i = 0; i < n; i++) {
        const date = dayIn(dc.year, r, 1, 11);
        const late = r() < 0.35;
        const fixedDate = late ? (r() < 0.4 ? null : addDays(date, int(r, k.lateFix.afterDays + 1, k.lateFix.afterDays + 30))) : addDays(date, int(r, 2, k.lateFix.afterDays));
        events.push({ kind: k.code, date, fixedDate, note: notes ? pick(r, notes.notes) : k.name });
      }
    } else if (notes?.perLine) {
      // one line per occasion (a meeting), the way a unit keeps its log
      let left = n;
      while (left > 0) {
        const c = Math.min(left, int(r, 1, 3));
        events.push({ kind: k.code, count: c, date: dayIn(dc.year, r), note: pick(r, notes.notes) });
        left -= c;
      }
    } else {
      events.push({ kind: k.code, count: n, date: dayIn(dc.year, r), note: notes ? pick(r, notes.notes) : k.name });
    }
  }
  return events;
}

function monthly(r: () => number, q: number, months: number): number[] {
  // monthly posts around 2..12 a month; better units post more
  const mean = 1.5 + 9.5 * q + (r() - 0.5) * 4;
  return Array.from({ length: months }, () => Math.max(0, Math.round(mean + (r() - 0.5) * 6)));
}

type ChoiceRule = Extract<CompiledLeaf["rule"], { type: "choice" }>;

/**
 * Levels of a choice item. Where the worst level counts (通报: no level is best), most
 * units have none and a few the mildest; where the best counts (访谈), better units reach
 * higher levels and some none.
 */
function choiceLevels(rule: ChoiceRule, r: () => number, q: number): string[] {
  const sorted = [...rule.levels].sort((a, b) => b.points.compare(a.points));
  if (rule.combine === "lowest") {
    const x = r();
    return x < 0.72 + 0.2 * q ? [] : x < 0.97 ? [sorted[0].code] : [(sorted[1] ?? sorted[0]).code];
  }
  const x = r() * (0.6 + 0.4 * q);
  const n = sorted.length;
  // thresholds from 0.62 (the best level) down to 0.15 (the lowest)
  const at = sorted.findIndex((_, i) => x > (n === 1 ? 0.15 : 0.15 + (0.47 * (n - 1 - i)) / (n - 1)));
  return at < 0 ? [] : [sorted[at].code];
}

/** Bonus/penalty entries a unit claims: the demo file's chance and reasons, else rarely, named after the entry. */
function claimedModifiers(dc: DemoContext, leaf: CompiledLeaf, r: () => number): { code: string; reason: string }[] {
  const out: { code: string; reason: string }[] = [];
  for (const m of leaf.modifiers.values()) {
    const spec = dc.data.modifiers[leaf.code]?.[m.code];
    const chance = spec?.chance ?? (m.kind === "bonus" ? 0.25 : 0.05);
    if (r() < chance) out.push({ code: m.code, reason: spec ? pick(r, spec.reasons) : m.name });
  }
  return out;
}

/** The unit's self-assessment of one item, or null when it leaves an opt-in item alone (R9). */
export function selfPayload(leaf: CompiledLeaf, unit: string, seed: number, q: number, dc: DemoContext): DemoPayload | null {
  const r = rngFor(seed, "self", unit, leaf.code);
  const rule = leaf.rule;
  if (leaf.applicability === "opt-in" && r() > 0.45) return null;
  const city = dc.data.cityFacts[leaf.code];
  if (leaf.scope === "city" && city) return city as DemoPayload;
  const preconditions = (ok: number) => (leaf.preconditions.length ? { conditions: Object.fromEntries(leaf.preconditions.map((p) => [p.code, r() < ok])) } : {});
  const withModifiers = (payload: DemoPayload, positive: boolean): DemoPayload => {
    if (!positive || leaf.modifiers.size === 0) return payload;
    const mods = claimedModifiers(dc, leaf, r);
    return mods.length ? { ...payload, modifiers: mods } : payload;
  };
  switch (rule.type) {
    case "count": {
      const n = Math.max(0, Math.round((Number(rule.cap.valueOf()) / Number(rule.pointsPer.valueOf())) * (0.5 + 0.6 * q)));
      return { value: { items: Array.from({ length: n }, (_, i) => `${rule.itemLabel}${i + 1}`) } };
    }
    case "binary": {
      // a unit that opted in has mostly built what it opted in for
      const optIn = leaf.applicability === "opt-in";
      const yes = r() < (optIn ? 0.9 : 0.45 + 0.55 * q);
      return withModifiers({ value: { yes }, ...(optIn ? {} : preconditions(0.9)) }, yes);
    }
    case "ratio": {
      const target = rule.saturateAt ?? int(r, 20, 40);
      const num = Math.min(target, Math.round(target * (0.55 + 0.45 * q)));
      return rule.saturateAt ? { value: { numerator: num }, ...preconditions(0.9) } : { value: { numerator: num, denominator: target }, ...preconditions(0.9) };
    }
    case "deduction":
      return { value: { events: deductionEvents(dc, leaf, r, q) } };
    case "tiers":
      if (rule.measure === "monthlyAverage") return { value: { monthly: monthly(r, q, rule.months) } };
      return { value: { value: Math.max(0, Math.round(3 * q + (r() - 0.4) * 2)) }, ...preconditions(0.88) };
    case "choice": {
      const levels = choiceLevels(rule, r, q);
      return withModifiers({ value: { levels } }, rule.combine === "highest" && levels.length > 0);
    }
    case "rating":
      // rated by reviewers: the unit only adds a note and evidence
      return { note: "相关栏目内容已按要求保障更新，佐证材料见附件" };
    case "veto":
      return { value: { triggered: false } };
    default: {
      // a type that samples its own values (lib/rules/types/<type>: sample)
      const value = ruleType(rule).sample?.(rule, q, r);
      return value === undefined ? null : { value, ...preconditions(0.9) };
    }
  }
}

/** A reviewer's rating within 0..max in steps of 0.5. */
function rating(leaf: CompiledLeaf, unit: string, seed: number, q: number): string {
  const r = rngFor(seed, "rating", unit, leaf.code);
  const max = Number(leaf.max.valueOf());
  const v = Math.round(max * Math.min(1, 0.55 + 0.42 * q + (r() - 0.5) * 0.12) * 2) / 2;
  return String(Math.max(0, Math.min(max, v)));
}

function evidenceTitles(leaf: CompiledLeaf, payload: DemoPayload, year: number): { title: string }[] {
  if (payload.notApplicable) return [];
  const name = leaf.name;
  switch (leaf.rule.type) {
    case "count":
      return [{ title: `${name}：平台建设与应用情况说明` }, { title: `${name}：平台清单及上线证明` }];
    case "binary":
      return [{ title: `${name}：${(payload.value as { reference?: string } | undefined)?.reference ?? "证明材料"}` }];
    case "deduction":
      return [{ title: `${name}：${year}年度事项记录与整改台账` }];
    case "tiers":
      return [{ title: `${name}：${year}年各月发布统计截图` }];
    default:
      return [{ title: `${name}：佐证材料` }];
  }
}

// ---- The plan ---------------------------------------------------------------------------------

/**
 * What every unit of the edition fills in and what reviewers do with it: values from the
 * rules (and the edition's demo file, edition.yaml `demo:`), the reviewers' story from the
 * demo file's `review`, or a generic one when the edition has none. Nothing is finalised;
 * about a third of the units still wait for review.
 */
export function buildDemoPlan(compiled: CompiledEdition, seed = compiled.year): DemoPlan {
  const dc = demoContext(compiled);
  const fills: DemoFill[] = [];
  const submit: string[] = [];
  const assessed = compiled.units.filter((u) => u.group !== "city" && itemsForUnit(compiled, u.code).length > 0);
  const quality = new Map(assessed.map((u) => [u.code, unitQuality(seed, u.code)]));
  // the demo accounts' units (lib/auth/demo-users.ts), named in the demo file; else the first of the group
  const named = (name: string | undefined, group: string) => (assessed.find((u) => u.name === name) ?? assessed.find((u) => u.group === group))!.code;
  const returnedUnit = named(dc.data.accounts?.returned, "county");
  const awaitingUnit = named(dc.data.accounts?.awaiting, "department");

  // city-level facts first, each saved once by one of its lead units (the department account's when it leads)
  const leadFor = (leaf: CompiledLeaf): string | undefined => {
    const leads = [...leaf.assessed.entries()].filter(([, role]) => role === "lead").map(([u]) => u);
    return leads.find((u) => u === awaitingUnit) ?? leads[0];
  };
  const cityLeads = new Set(compiled.parts.flatMap((p) => p.leaves.filter((l) => l.scope === "city").map((l) => leadFor(l))));
  // not started: a department that keeps no city-level facts, the one with the fewest items
  const notStarted = assessed
    .filter((u) => u.group === "department" && u.code !== awaitingUnit && !cityLeads.has(u.code))
    .map((u, i) => ({ code: u.code, n: itemsForUnit(compiled, u.code).length, i }))
    .sort((a, b) => a.n - b.n || b.i - a.i)[0]?.code ?? "";
  for (const part of compiled.parts) {
    for (const leaf of part.leaves) {
      if (leaf.scope !== "city" || !compiled.city) continue;
      const lead = leadFor(leaf);
      if (!lead) continue;
      const payload = selfPayload(leaf, compiled.city.code, seed, 0.85, dc);
      if (!payload) continue;
      fills.push({ unit: lead, item: leaf.code, payload, evidence: evidenceTitles(leaf, payload, dc.year) });
    }
  }
  for (const u of assessed) {
    if (u.code === notStarted) continue;
    const items = itemsForUnit(compiled, u.code).filter((i) => i.editable && i.leaf.scope !== "city");
    if (items.length === 0 && !fills.some((f) => f.unit === u.code)) continue;
    for (const it of items) {
      const payload = selfPayload(it.leaf, u.code, seed, quality.get(u.code)!, dc);
      if (!payload) continue;
      fills.push({ unit: u.code, item: it.leaf.code, payload, evidence: evidenceTitles(it.leaf, payload, dc.year) });
    }
    submit.push(u.code);
  }

  const fillOf = (unit: string, item: string) => fills.find((f) => f.unit === unit && f.item === item);
  const inGroup = (group: string | undefined) => assessed.filter((u) => !group || u.group === group).map((u) => u.code);
  const r = rngFor(seed, "review");
  const story = dc.data.review ?? genericReview(compiled, fills, returnedUnit);
  const levelsOf = (f: DemoFill | undefined) => (f?.payload.value as { levels?: string[] } | undefined)?.levels;
  /** Units of a group that filled the item (a city-level item: its lead unit), first one or all by chance. */
  const choose = (item: string, spec: { group?: string; pick?: "one" | "all"; share?: number }, also: (u: string) => boolean = () => true): string[] => {
    const leaf = compiled.leafByCode.get(item);
    if (leaf?.scope === "city") {
      const lead = leadFor(leaf);
      return lead && fillOf(lead, item) ? [lead] : [];
    }
    const candidates = inGroup(spec.group).filter((u) => fillOf(u, item) && also(u));
    if (spec.pick === "all") return candidates.filter(() => r() < (spec.share ?? 1));
    const hit = candidates.find(() => r() < (spec.share ?? 1));
    return hit ? [hit] : [];
  };

  // returned earlier and corrected by the unit; two of the county account's items returned just now
  const returns: DemoReturn[] = [];
  for (const fr of story.fixedReturns) {
    const unit = inGroup(fr.group).find((u) => u !== returnedUnit && fillOf(u, fr.item) && (!fr.whenLevel || levelsOf(fillOf(u, fr.item))?.includes(fr.whenLevel)));
    if (!unit) continue;
    const f = fillOf(unit, fr.item)!;
    const months = (f.payload.value as { monthly?: number[] } | undefined)?.monthly;
    const fixed = fr.fix && months ? { ...f.payload, value: { monthly: months.map((m, i) => (i === fr.fix!.month - 1 ? Math.max(0, m - fr.fix!.minus) : m)) } } : f.payload;
    returns.push({ unit, item: fr.item, comment: fr.comment, fixed });
  }
  const open = story.openComments;
  const openItems = fills
    .filter((f) => f.unit === returnedUnit && compiled.leafByCode.get(f.item)?.scope !== "city" && compiled.leafByCode.get(f.item)?.rule.type !== "rating")
    .sort((a, b) => Number(!(a.item in open)) - Number(!(b.item in open)))
    .slice(0, 2);
  for (const f of openItems) returns.push({ unit: returnedUnit, item: f.item, comment: open[f.item] ?? "请补充佐证材料后重新提交" });

  // monitoring findings (在线监测 / 日常监察) and corrections after checks
  const monitoring: DemoMonitoring[] = [];
  for (const m of story.monitoring) {
    for (const unit of choose(m.item, m)) {
      const e = m.event;
      const notes = e.notesFrom ? dc.data.eventNotes[e.notesFrom]?.notes : undefined;
      const count = Array.isArray(e.count) ? int(r, e.count[0], e.count[1]) : e.count;
      const date = e.date ?? dayIn(dc.year, r, e.months?.[0] ?? 1, e.months?.[1] ?? 12);
      const note = notes ? pick(r, notes) : e.note;
      monitoring.push({
        unit,
        item: m.item,
        method: m.method,
        reason: m.reason,
        events: [{ kind: e.kind, ...(count !== undefined ? { count } : {}), date, ...(e.fixedDate !== undefined ? { fixedDate: e.fixedDate } : {}), ...(note ? { note } : {}) }],
      });
    }
  }
  const adjustments: DemoAdjust[] = [];
  for (const a of story.adjustments) {
    const when = (u: string) => (!a.whenNoLevel || (levelsOf(fillOf(u, a.item)) ?? ["x"]).length === 0) && (a.chance === undefined || r() < a.chance);
    for (const unit of choose(a.item, a, when)) {
      const base = fillOf(unit, a.item)!.payload;
      const payload = a.addEvents ? { value: { events: [...((base.value as { events?: TDeductionEvent[] } | undefined)?.events ?? []), ...a.addEvents] } } : (a.payload as DemoPayload);
      adjustments.push({ unit, item: a.item, method: a.method, reason: a.reason, payload });
    }
  }
  // ratings of rating items for every assessed unit (the reviewers' 日常监测 over the year)
  for (const f of fills) {
    const leaf = compiled.leafByCode.get(f.item)!;
    if (leaf.rule.type !== "rating") continue;
    adjustments.push({ unit: f.unit, item: f.item, method: "网上核查", reason: "年度日常监测评分", payload: { value: { score: rating(leaf, f.unit, seed, quality.get(f.unit) ?? 0.8) } } });
  }

  const penalties: DemoPlan["penalties"] = [];
  for (const p of story.penalties) {
    if (!compiled.partByCode.get(p.part)?.allowPostPenalty) continue;
    const unit = inGroup(p.group).find(() => r() < p.chance);
    if (unit) penalties.push({ unit, part: p.part, points: p.points, reason: p.reason });
  }

  // nothing finalised, so every role has work to do; about a third of the units (and the
  // department account's) still wait for review, the rest are reviewed (results 暂定)
  const finalise: string[] = [];
  const reviewedUnits = submit.filter((u, i) => u === returnedUnit || (u !== awaitingUnit && i % 3 !== 2));
  const partial = compiled.parts.map((p) => ({ part: p.code, units: reviewedUnits }));
  const waiting = submit.filter((u) => !reviewedUnits.includes(u));
  return { fills, submit, returns, adjustments, monitoring, penalties, finalise, partial, story: { returned: returnedUnit, awaiting: awaitingUnit, notStarted, waiting } };
}

type ReviewStory = NonNullable<TDemoFile["review"]>;

/**
 * The reviewers' story of an edition without a demo file, from its rules: a county's
 * monthly item returned and corrected, a deduction finding for some counties, a correction
 * of a per-unit deduction item.
 */
function genericReview(compiled: CompiledEdition, fills: DemoFill[], returnedUnit: string): ReviewStory {
  const perUnit = compiled.parts.flatMap((p) => p.leaves).filter((l) => l.scope !== "city");
  const filledByCounty = (l: CompiledLeaf) => fills.some((f) => f.item === l.code && f.unit !== returnedUnit && compiled.unitByCode.get(f.unit)?.group === "county");
  const monthlyLeaf = perUnit.find((l) => l.rule.type === "tiers" && l.rule.measure === "monthlyAverage" && filledByCounty(l));
  const deduction = perUnit.find((l) => l.rule.type === "deduction" && filledByCounty(l));
  const kind = deduction?.rule.type === "deduction" ? deduction.rule.pools[0].kinds.find((k) => !k.lateFix) : undefined;
  return {
    fixedReturns: monthlyLeaf ? [{ item: monthlyLeaf.code, group: "county", comment: `5月份${monthlyLeaf.rule.type === "tiers" ? monthlyLeaf.rule.measureLabel : monthlyLeaf.name}与实际记录不符，请核对后重新填报`, fix: { month: 5, minus: 2 } }] : [],
    openComments: {},
    monitoring: deduction && kind ? [{ item: deduction.code, group: "county", pick: "all", share: 0.5, method: "在线监测", reason: `${deduction.name}监测记录核对`, event: { kind: kind.code, count: [1, 3], months: [9, 12], note: kind.name } }] : [],
    adjustments: [],
    penalties: [],
  };
}
