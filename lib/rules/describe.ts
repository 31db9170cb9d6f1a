// Plain-Chinese descriptions of rules, built only from their parameters, and a summary of
// an edition (used by the rules:check CLI and the indicator pages).
import { DEFAULT_READINGS, recordsReading, resolveReadingChoices } from "./readings";
import { isLeaf, walkColumns, walkIndicators } from "./resolve";
import type { TEdition, TIndicator, TPoints, TRule, TUnitGroup } from "./schema";
import { fmt, pts, sumPoints } from "./validate";

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
  switch (rule.type) {
    case "count":
      return `每${rule.verb ?? ""}1个${rule.itemLabel}得${n(rule.pointsPer)}分，本项最高${n(rule.cap)}分`;
    case "binary":
      return `${rule.yesLabel}的，得${n(rule.points)}分；否则不得分${rule.referenceLabel ? `（需提供${rule.referenceLabel}）` : ""}`;
    case "ratio":
      if (rule.saturateAt !== undefined) {
        return `按${rule.numeratorLabel}的比例计分，达到${rule.saturateAt}个即得满分${n(rule.points)}分，不足的按 ${n(rule.points)}分 × 实际数 ÷ ${rule.saturateAt} 计分`;
      }
      return `按比例计分：得分 = ${n(rule.points)}分 × ${rule.numeratorLabel} ÷ ${rule.denominatorLabel ?? "总数"}，全部达到即得满分${n(rule.points)}分`;
    case "deduction": {
      const start = pts(rule.start);
      const pools = rule.pools.map((pool) => {
        const kinds = pool.kinds.map((k) => {
          const base = `${k.name}每${k.eventUnit ?? "次"}扣${n(k.perEvent)}分`;
          return k.lateFix ? `${base}，另外${k.lateFix.name}（超过${k.lateFix.afterDays}天）的每次再扣${n(k.lateFix.points)}分` : base;
        });
        const cap = pts(pool.cap);
        const capNote = kinds.length > 1 || cap.compare(start) < 0 ? `（${kinds.length > 1 ? "以上合计" : "此项"}最多扣${fmt(cap)}分）` : "";
        return `${kinds.join("，")}${capNote}`;
      });
      const floor = pts(rule.floor);
      const end = floor.compare(0) === 0 ? "扣完为止" : `最低${fmt(floor)}分`;
      return `本项${fmt(start)}分，${pools.join("；")}，${end}`;
    }
    case "tiers": {
      const measure = rule.measure === "monthlyAverage" ? `${rule.measureLabel}的月平均值（全年按${rule.months ?? 12}个月计）` : rule.measureLabel;
      const tiers = rule.tiers.map((t) => `达到${n(t.min)}及以上得${n(t.points)}分`);
      const lowest = rule.tiers[rule.tiers.length - 1];
      return `按${measure}分档计分：${tiers.join("；")}；低于${n(lowest.min)}得${n(rule.otherwise)}分`;
    }
    case "choice": {
      const levels = rule.levels.map((l) => `${l.name}得${n(l.points)}分`).join("；");
      const combine = rule.combine === "highest" ? "同时有多项时按得分最高者计" : "同时有多项时按得分最低者计";
      return `按级别计分：${levels}；${combine}；${rule.noneLabel}得${n(rule.nonePoints)}分`;
    }
    case "rating":
      return `审核员在0–${n(rule.max)}分之间评分${rule.step !== undefined ? `（步长${n(rule.step)}分）` : ""}`;
    case "veto":
      return `单项否决：${rule.condition}的，本部分考核不合格（不论得分多少）`;
  }
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

