// Edition-level data beside the rules (edition.yaml): working-day deadline items, which
// item and kind each monitoring finding writes to, and the monitoring import's sheets.
// Read here, so lib/review names no item or kind of any edition; checked on load, so a
// reference to a missing item or a wrong rule type is a rules error, not a runtime one.
import { walkIndicators } from "./resolve";
import type { FindingTarget, TDeadlineItem, TEdition, TFindingSheet, TIndicator, TRule } from "./schema";
import { EVENT_TARGETS, FINDING_TARGETS } from "./schema";
import type { Issue } from "./validate";

function leafRules(edition: TEdition): Map<string, { node: TIndicator; rule: TRule }> {
  const out = new Map<string, { node: TIndicator; rule: TRule }>();
  for (const part of edition.parts) for (const { node } of walkIndicators(part.indicators)) if (node.rule) out.set(node.code, { node, rule: node.rule });
  return out;
}

/** The working-day deadline declared for an item, or null. */
export function deadlineOf(edition: Pick<TEdition, "deadlines">, itemCode: string): TDeadlineItem | null {
  return edition.deadlines?.find((d) => d.item === itemCode) ?? null;
}

/** The item (and kind) a monitoring finding writes to, or null when the edition has none. */
export function findingTarget(edition: Pick<TEdition, "monitoring">, key: FindingTarget): { item: string; kind?: string } | null {
  return edition.monitoring?.targets[key] ?? null;
}

export function findingSheets(edition: Pick<TEdition, "monitoring">): TFindingSheet[] {
  return edition.monitoring?.sheets ?? [];
}

/** The sheet-help placeholders, computed from the rules (so a number is stated once). */
export type HelpValues = { perEvent?: string; lateFix?: { afterDays: number; points: string; name: string }; levels?: string[]; months?: number };

export const HELP_PLACEHOLDERS = ["perEvent", "lateFix.afterDays", "lateFix.points", "lateFix.name", "levels", "months"] as const;

/** Fill a sheet's help text; a placeholder without a value stays visible as "?" (the loader refuses that). */
export function renderHelp(help: string, v: HelpValues): string {
  const value = (key: string): string | undefined => {
    switch (key) {
      case "perEvent":
        return v.perEvent;
      case "lateFix.afterDays":
        return v.lateFix ? String(v.lateFix.afterDays) : undefined;
      case "lateFix.points":
        return v.lateFix?.points;
      case "lateFix.name":
        return v.lateFix?.name;
      case "levels":
        return v.levels?.join(" / ");
      case "months":
        return v.months ? `1–${v.months} 月` : undefined;
    }
    return undefined;
  };
  return help.replace(/\{([A-Za-z.]+)\}/g, (_, k: string) => value(k) ?? "?");
}

/** Placeholder values of a finding type's sheet, from the raw rules (a loaded edition). */
export function helpValuesFromRules(edition: TEdition, finding: TFindingSheet["finding"]): HelpValues {
  const rules = leafRules(edition);
  const rule = (key: FindingTarget) => {
    const t = findingTarget(edition, key);
    return t ? rules.get(t.item)?.rule : undefined;
  };
  if (finding === "vulnerability") {
    const r = rule("vulnerability");
    const kind = r?.type === "deduction" ? r.pools.flatMap((p) => p.kinds).find((k) => k.code === findingTarget(edition, "vulnerability")?.kind) : undefined;
    return kind ? { perEvent: String(kind.perEvent), ...(kind.lateFix ? { lateFix: { afterDays: kind.lateFix.afterDays, points: String(kind.lateFix.points), name: kind.lateFix.name } } : {}) } : {};
  }
  if (finding === "website") {
    const r = rule("website");
    return r?.type === "choice" ? { levels: r.levels.map((l) => l.name) } : {};
  }
  if (finding === "posts") {
    const r = rule("posts");
    return r?.type === "tiers" ? { months: r.months ?? 12 } : {};
  }
  return {};
}

/** Cross-checks of deadlines and monitoring against the edition's rules. */
export function checkEditionData(edition: TEdition, file: string): Issue[] {
  const issues: Issue[] = [];
  const rules = leafRules(edition);
  const err = (path: string, message: string) => issues.push({ file, path, message });

  (edition.deadlines ?? []).forEach((d, i) => {
    const leaf = rules.get(d.item);
    if (!leaf) return err(`deadlines[${i}].item`, `没有指标 ${d.item}`);
    if (leaf.rule.type !== "ratio" && leaf.rule.type !== "rating") err(`deadlines[${i}].item`, `“${leaf.node.name}”按${leaf.rule.type}计分；工作日期限记录只能用于按比例（ratio）或评分（rating）的指标`);
    if (edition.deadlines!.findIndex((x) => x.item === d.item) !== i) err(`deadlines[${i}].item`, `指标 ${d.item} 重复`);
  });

  const m = edition.monitoring;
  if (!m) return issues;
  for (const key of FINDING_TARGETS) {
    const t = m.targets[key];
    if (!t) continue;
    const path = `monitoring.targets.${key}`;
    const leaf = rules.get(t.item);
    if (!leaf) {
      err(`${path}.item`, `没有指标 ${t.item}`);
      continue;
    }
    const r = leaf.rule;
    if (EVENT_TARGETS.includes(key)) {
      if (r.type !== "deduction") err(`${path}.item`, `“${leaf.node.name}”不是按事件扣分（deduction）的指标`);
      else if (!t.kind) err(`${path}.kind`, "请填写扣分类型（kind）");
      else if (!r.pools.some((p) => p.kinds.some((k) => k.code === t.kind))) err(`${path}.kind`, `“${leaf.node.name}”没有扣分类型 ${t.kind}`);
    } else if (key === "website" && r.type !== "choice") err(`${path}.item`, `“${leaf.node.name}”不是按级别（choice）计分的指标`);
    else if (key === "posts" && !(r.type === "tiers" && r.measure === "monthlyAverage")) err(`${path}.item`, `“${leaf.node.name}”不是按月均分档（tiers, monthlyAverage）的指标`);
  }
  const names = new Set<string>();
  m.sheets.forEach((s, i) => {
    if (names.has(s.name)) err(`monitoring.sheets[${i}].name`, `工作表名“${s.name}”重复`);
    names.add(s.name);
    if (["填写说明", "单位列表"].includes(s.name)) err(`monitoring.sheets[${i}].name`, `工作表名“${s.name}”已被模板占用`);
    const bad = [...s.help.matchAll(/\{([^}]*)\}/g)].map((x) => x[1]).filter((k) => !(HELP_PLACEHOLDERS as readonly string[]).includes(k));
    if (bad.length) err(`monitoring.sheets[${i}].help`, `未知的占位符 {${bad.join("}、{")}}；可用：{${HELP_PLACEHOLDERS.join("}、{")}}`);
    else if (renderHelp(s.help, helpValuesFromRules(edition, s.finding)).includes("?") && !s.help.includes("?")) err(`monitoring.sheets[${i}].help`, "占位符在规则中没有对应的数据（例如没有 lateFix 的扣分类型）");
  });
  return issues;
}
