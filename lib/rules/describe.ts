// Plain-Chinese descriptions of rules, built only from their parameters, and a summary of
// an edition (used by the rules:check CLI and the indicator pages).
import { DEFAULT_READINGS, recordsReading, resolveReadingChoices } from "./readings";
import { isLeaf, walkColumns, walkIndicators } from "./resolve";
import type { TEdition, TIndicator, TPoints, TRule, TUnitGroup } from "./schema";
import { fmt, pts, sumPoints } from "./validate";
import { ruleType } from "./types";

const n = (p: TPoints) => fmt(pts(p));

/**
 * One sentence (or a few) describing how a leaf scores: its rule, preconditions and modifiers.
 * `readings` (the edition's reading options, `edition.readings`) adjusts the sentences the
 * tagged options R9.bonus / R10 / R11 / R11.bonus change; without it, the defaults.
 */
export function describeRule(leaf: TIndicator, readings?: TEdition["readings"]): string {
  const r = resolveReadingChoices(readings);
  const choices = r.ok ? r.choices : DEFAULT_READINGS;
  const tagged = (id: string) => recordsReading(leaf, id);
  const sentences: string[] = [];
  sentences.push(leaf.rule ? describeRuleBody(leaf.rule) : "未设置计分规则");
  if (leaf.preconditions?.length && !(tagged("R10") && choices.R10 === "ignore")) {
    sentences.push(`须满足：${leaf.preconditions.map((p) => p.label).join("、")}，否则本项得0分`);
  }
  const mods = leaf.modifiers ?? [];
  if (mods.length > 0) {
    const perOccurrence = tagged("R11") && choices.R11 === "per-occurrence";
    const parts = mods.map((m) => (m.kind === "bonus" ? `${m.name}加${n(m.points)}分` : `${m.name}${perOccurrence ? "每次" : ""}扣${n(m.points)}分`));
    const withinMax = (tagged("R9") && choices["R9.bonus"] === "within-max") || (tagged("R11") && choices["R11.bonus"] === "within-max");
    const bonusNote = mods.some((m) => m.kind === "bonus") ? (withinMax ? "（加分后以本项满分封顶）" : "（加分在本项满分之外）") : "";
    sentences.push(`另：${parts.join("；")}${bonusNote}`);
  }
  return sentences.map((s) => `${s}。`).join("");
}

export function describeRuleBody(rule: TRule): string {
  return ruleType(rule).describeRule(rule);
}

export type PartSummary = { code: string; name: string; declaredMax: string; sumOfLeafMax: string; leafCount: number };
export type EditionSummary = {
  id: string;
  name: string;
  year: number;
  parts: PartSummary[];
  columns: { all: number; leaf: number };
  units: Record<TUnitGroup, number>;
};

export function summariseEdition(edition: TEdition): EditionSummary {
  const parts = edition.parts.map((part): PartSummary => {
    const leaves = [...walkIndicators(part.indicators)].filter((w) => isLeaf(w.node)).map((w) => w.node);
    return {
      code: part.code,
      name: part.name,
      declaredMax: fmt(sumPoints(part.indicators.map((i) => i.max))),
      sumOfLeafMax: fmt(sumPoints(leaves.map((l) => l.max))),
      leafCount: leaves.length,
    };
  });
  const columns = edition.parts.flatMap((p) => [...walkColumns(p.columns ?? [])].map((w) => w.node));
  const units: Record<TUnitGroup, number> = { department: 0, county: 0, city: 0 };
  for (const u of edition.units) units[u.group] += 1;
  return {
    id: edition.id,
    name: edition.name,
    year: edition.year,
    parts,
    columns: { all: columns.length, leaf: columns.filter(isLeaf).length },
    units,
  };
}

