// 排名看板 as the browser gets it: one compact, already formatted object, the props of the
// client component that draws the whole page (./DashboardView.tsx). Issue #17: as a server
// component tree, every figure's data table, the city card and the page's markup went out
// twice, as HTML and again as RSC flight data; now the flight data is this object only
// (the ranking rows once, as tuples; the distribution names its units by row index) and
// the markup lives in the client bundle. Every value is the engine's `display` string.
import type { TDashboard } from "@/lib/dashboard/data";
import { dashboardHref, scorecardHref } from "@/lib/dashboard/query";
import { GROUP_LABELS, GROUPS, PROGRESS_LABELS, PROGRESS_STATES } from "@/lib/dashboard/view";
import { completeness, score, shanghaiTime, signed } from "./format";
import { COMPLETE, FINAL, VETOED, type TRankRow } from "./rank-rows";

/** href, label, current, test id */
export type TTab = [href: string, label: string, current: boolean, testId: string];

export type TCityPart = [code: string, name: string, final: boolean, score: string, points: string, max: string, self: string, diff: string, completeness: string];

export type TDashView = {
  title: string;
  subtitle: string;
  printTitle: string;
  editionName: string;
  demo: boolean;
  /** the edition's parts: name, 定稿 */
  parts: [name: string, final: boolean][];
  exportHref: string;
  groupTabs: TTab[];
  partTabs: TTab[];
  /** the edition picker (two or more editions): options, the selected id, the hidden filters */
  picker: { options: [id: number, label: string][]; selected: string; hidden: [name: string, value: string][] } | null;
  empty: boolean;
  city: { name: string; href: string; overall: string; self: string; diff: string; parts: TCityPart[] } | null;
  groupLabel: string;
  scopeName: string;
  edition?: number;
  /** the parts not yet 定稿 behind this ranking, joined with 、; null when all are */
  provisional: string | null;
  rows: TRankRow[];
  /** score bins: label, the units in it as indexes into rows */
  distribution: [label: string, units: number[]][];
  lost: [code: string, name: string, path: string, lost: string, average: string, losing: number, units: number, max: string][];
  progressLabels: string[];
  /** group label, then the counts per PROGRESS_STATES, total, returned items */
  progress: [label: string, none: number, draft: number, submitted: number, reviewed: number, total: number, returned: number][];
};

export function dashView(data: Extract<TDashboard, { kind: "ok" }>): TDashView {
  const { meta, query, rows } = data;
  const scope = data.scopes.find((s) => s.code === query.part)!;
  const groupLabel = GROUP_LABELS[query.group];
  const partStates = query.part === "overall" ? meta.parts : meta.parts.filter((p) => p.partCode === query.part);
  const notFinal = partStates.filter((p) => !p.final);
  const rankRows: TRankRow[] = rows.map((r) => [
    r.rank,
    r.unit,
    r.name,
    r.score.display,
    score(r.self),
    signed(r.diff),
    r.postPenalty?.display ?? null,
    completeness(r.completeness),
    (r.complete ? COMPLETE : 0) | (r.vetoed ? VETOED : 0) | (r.final ? FINAL : 0),
  ]);
  const indexOf = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!indexOf.has(r.name)) indexOf.set(r.name, i);
  });
  const city = data.city;
  return {
    title: "排名看板",
    subtitle: `${meta.edition.name}（规则第 ${meta.edition.version} 版）· 数据更新于 ${shanghaiTime(meta.computedAt)}`,
    printTitle: `排名看板 · ${groupLabel} · ${scope.name}`,
    editionName: meta.edition.name,
    demo: meta.demo,
    parts: meta.parts.map((p) => [p.partName, p.final]),
    exportHref: `/api/exports/results${query.edition ? `?edition=${query.edition}` : ""}`,
    groupTabs: GROUPS.map((g) => [dashboardHref({ ...query, group: g }), GROUP_LABELS[g], g === query.group, `group-${g}`]),
    partTabs: data.scopes.map((s) => [dashboardHref({ ...query, part: s.code }), s.name, s.code === query.part, `part-${s.code}`]),
    picker:
      data.editions.length < 2
        ? null
        : {
            options: data.editions.map((e) => [e.id, `${e.name}（第 ${e.version} 版${e.current ? "" : "，历史"}）`]),
            selected: String(meta.edition.id),
            hidden: [...(query.part !== "overall" ? [["part", query.part] as [string, string]] : []), ...(query.group !== "department" ? [["group", query.group] as [string, string]] : [])],
          },
    empty: meta.empty,
    city: city
      ? {
          name: city.unit.name,
          href: scorecardHref(city.unit.code, query.edition),
          overall: score(city.overall),
          self: score(city.selfOverall),
          diff: signed(city.diff),
          parts: city.parts
            .filter((p) => p.status !== "not-assessed")
            .map((p) => [p.code, p.name, p.final, score(p.score), p.points.display, p.maxAchievable.display, score(p.self), signed(p.diff), completeness(p.completeness)]),
        }
      : null,
    groupLabel,
    scopeName: scope.name,
    edition: query.edition,
    provisional: notFinal.length ? notFinal.map((p) => p.partName).join("、") : null,
    rows: rankRows,
    distribution: data.distribution.map((b) => [b.label, b.units.map((n) => indexOf.get(n) ?? -1)]),
    lost: data.lost.map((l) => [l.code, l.name, l.path.join(" › "), l.lost.display, l.average.display, l.losing, l.units, l.max.display]),
    progressLabels: PROGRESS_STATES.map((s) => PROGRESS_LABELS[s]),
    progress: data.progress.map((p) => [p.label, p.none, p.draft, p.submitted, p.reviewed, p.total, p.returnedItems]),
  };
}
