// 试算: last year's facts scored under a draft. Facts map by item (沿用上年指标: the draft's
// `previous.items`, else the same code; lib/rules/previous.ts) and unit code; a fact the
// draft's rule cannot read (its rule type or levels changed) does not map, and each item
// says how many of its facts were left out and why (the engine's first message).
// Last year's facts are checked as of last year: an event dated 2017 is in the assessment
// year of a 2017 fact, whatever year the draft is for.
// Each unit's overall score and rank under the source edition and under the draft, and
// for every draft leaf whether it has mapped facts. 口径敏感性 (what-if): the same facts
// under each alternative reading option, and which units' total and rank move.
import { compileEdition, scoreEdition, scoreReadingAlternatives, validateItemFact, READINGS, type EditionResult, type TItemFact, type TScoringInput } from "../engine";
import { fromExactString, sub, toDisplay } from "../engine/exact";
import { continuedItems } from "../rules/previous";
import { walkIndicators } from "../rules/resolve";
import type { TEdition } from "../rules/schema";

export type UnitComparison = {
  unit: string;
  name: string;
  group: "department" | "county";
  before: { score: string; rank: number } | null;
  after: { score: string; rank: number } | null;
  /** after − before, display string ("+1.25"), null when either side is missing */
  delta: string | null;
  rankChange: number | null;
};

/** A draft leaf and the source item it continues (`from`, null when none). */
export type ItemMapping = {
  code: string;
  name: string;
  from: string | null;
  status: "mapped" | "no-facts" | "new" | "incompatible";
  /** facts scored under the draft */
  facts: number;
  /** facts of this item the draft's rule refused, and the first reason (the engine's message) */
  dropped: number;
  reason?: string;
};

/** Source items the draft no longer has, with how many facts they held. */
export type RemovedItem = { code: string; name: string; facts: number };

export type Preview = { units: UnitComparison[]; items: ItemMapping[]; removed: RemovedItem[]; mappedFacts: number; droppedFacts: number };

/** A score's display string (2 places, half up) from the engine's exact value. */
const display = (v: { display: string }) => v.display;

function overall(result: EditionResult): Map<string, { score: string; exact: string; rank: number; name: string; group: "department" | "county" }> {
  const out = new Map();
  for (const r of result.rankings) {
    if (r.scope !== "overall") continue;
    for (const e of r.entries) out.set(e.unit, { score: display(e.score), exact: e.score.exact, rank: e.rank, name: e.name, group: r.group });
  }
  return out;
}

export function compareResults(before: EditionResult, after: EditionResult): UnitComparison[] {
  const a = overall(before);
  const b = overall(after);
  const codes = [...new Set([...a.keys(), ...b.keys()])];
  return codes
    .map((unit): UnitComparison => {
      const x = a.get(unit);
      const y = b.get(unit);
      let delta: string | null = null;
      if (x && y) {
        const d = sub(fromExactString(y.exact), fromExactString(x.exact));
        const r = toDisplay(d, 2, true);
        delta = d.compare(0) > 0 && r !== "0.00" ? `+${r}` : r === "-0.00" ? "0.00" : r;
      }
      return {
        unit,
        name: (y ?? x)!.name,
        group: (y ?? x)!.group,
        before: x ? { score: x.score, rank: x.rank } : null,
        after: y ? { score: y.score, rank: y.rank } : null,
        delta,
        rankChange: x && y ? x.rank - y.rank : null,
      };
    })
    .sort((p, q) => (p.group === q.group ? (p.after?.rank ?? p.before?.rank ?? 0) - (q.after?.rank ?? q.before?.rank ?? 0) : p.group === "department" ? -1 : 1));
}

export function previewDraft(source: TEdition, draft: TEdition, input: TScoringInput): Preview {
  // the facts are the source year's: dates are checked against that year, not the draft's
  const compiled = compileEdition({ ...draft, year: source.year });
  const sourceNodes = new Map(source.parts.flatMap((p) => [...walkIndicators(p.indicators)].map(({ node }) => [node.code, node.name] as const)));
  const from = continuedItems(draft, source);
  // source item → the draft leaves that continue it
  const into = new Map<string, string[]>();
  for (const [code, src] of from) if (src && compiled.leafByCode.has(code)) into.set(src, [...(into.get(src) ?? []), code]);
  const kept: TItemFact[] = [];
  const count = new Map<string, { ok: number; bad: number; reason?: string }>();
  const removed = new Map<string, number>();
  let mapped = 0;
  for (const f of input.facts) {
    const targets = into.get(f.item);
    if (!targets) {
      removed.set(f.item, (removed.get(f.item) ?? 0) + 1);
      continue;
    }
    let ok = false;
    for (const item of targets) {
      const c = count.get(item) ?? { ok: 0, bad: 0 };
      const r = validateItemFact(compiled, { ...f, item });
      if (r.fact && r.errors.length === 0) {
        kept.push(r.fact);
        c.ok++;
        ok = true;
      } else {
        c.bad++;
        c.reason ??= r.errors[0]?.message;
      }
      count.set(item, c);
    }
    if (ok) mapped++;
  }
  const parts = new Set(draft.parts.map((p) => p.code));
  const penalties = (input.penalties ?? []).filter((p) => compiled.unitByCode.has(p.unit) && parts.has(p.part));
  const before = scoreEdition(source, input);
  const after = scoreEdition(compiled, { edition: draft.id, facts: kept, penalties });
  const items: ItemMapping[] = [];
  for (const p of draft.parts) {
    for (const { node } of walkIndicators(p.indicators)) {
      if (node.children?.length) continue;
      const c = count.get(node.code);
      const src = from.get(node.code) ?? null;
      const status = c?.ok ? "mapped" : c?.bad ? "incompatible" : src ? "no-facts" : "new";
      items.push({ code: node.code, name: node.name, from: src, status, facts: c?.ok ?? 0, dropped: c?.bad ?? 0, ...(c?.reason ? { reason: c.reason } : {}) });
    }
  }
  const gone = [...removed].map(([code, facts]): RemovedItem => ({ code, name: sourceNodes.get(code) ?? code, facts }));
  return { units: compareResults(before, after), items, removed: gone, mappedFacts: kept.length, droppedFacts: input.facts.length - mapped };
}

export type ReadingEffect = {
  key: string;
  question: string;
  option: string;
  optionText: string;
  /** units whose total or rank changes */
  changed: UnitComparison[];
};

/** 口径敏感性: per alternative reading option, the units whose overall score or rank changes. */
export function readingSensitivity(edition: TEdition, input: TScoringInput): ReadingEffect[] {
  const compiled = compileEdition(edition);
  const base = scoreEdition(compiled, input);
  return scoreReadingAlternatives(compiled, input).map((alt) => {
    const def = READINGS[alt.key] as { question: { zh: string }; options: Record<string, { zh: string }> };
    return {
      key: alt.key,
      question: def.question.zh,
      option: alt.option,
      optionText: def.options[alt.option].zh,
      changed: compareResults(base, alt.result).filter((u) => (u.delta !== null && u.delta !== "0.00") || (u.rankChange ?? 0) !== 0 || !u.before !== !u.after),
    };
  });
}
