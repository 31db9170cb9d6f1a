// 排名看板: rankings per unit group, per part and overall, with the city aggregate on top,
// charts with data tables, and the export. Server component: the data is the engine's
// (lib/dashboard/data.ts); only the sortable table and the charts run in the browser.
import Link from "next/link";
import { PrintHeader } from "@/components/scorecard/PrintHeader";
import { PageTitle } from "@/components/shell/PageTitle";
import type { TDashboard } from "@/lib/dashboard/data";
import { dashboardHref } from "@/lib/dashboard/query";
import { GROUP_LABELS, GROUPS, num, PROGRESS_LABELS, PROGRESS_STATES } from "@/lib/dashboard/view";
import { DemoBadge, FinalBadge } from "./Badges";
import { ChartFigure, tableClass } from "./ChartFigure";
import { DistributionChart, LostPointsChart, ProgressChart, RankingBarChart } from "./charts";
import { CityCard } from "./CityCard";
import { completeness, score, shanghaiTime, signed } from "./format";
import { COMPLETE, FINAL, VETOED, type TRankRow } from "./rank-rows";
import { RankingTable } from "./RankingTable";

type Ok = Extract<TDashboard, { kind: "ok" }>;

function Tabs({ label, items }: { label: string; items: { href: string; label: string; current: boolean; testId?: string }[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-slate-700">{label}：</span>
      <ul className="flex flex-wrap gap-1 rounded-lg bg-slate-200 p-1">
        {items.map((i) => (
          <li key={i.href}>
            <Link
              href={i.href}
              aria-current={i.current ? "page" : undefined}
              data-testid={i.testId}
              className={`block rounded-md px-3 py-1.5 text-base font-medium ${i.current ? "bg-white text-brand-800 shadow-sm" : "text-slate-700 hover:bg-white/60"}`}
            >
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EditionPicker({ data }: { data: Ok }) {
  if (data.editions.length < 2) return null;
  return (
    <form method="get" action="/dashboard" className="flex max-w-full flex-wrap items-center gap-2">
      <label htmlFor="edition" className="text-sm font-medium text-slate-700">
        考核年度
      </label>
      <select id="edition" name="edition" defaultValue={String(data.meta.edition.id)} className="w-full min-w-0 max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 sm:w-auto">
        {data.editions.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}（第 {e.version} 版{e.current ? "" : "，历史"}）
          </option>
        ))}
      </select>
      {data.query.part !== "overall" ? <input type="hidden" name="part" value={data.query.part} /> : null}
      {data.query.group !== "department" ? <input type="hidden" name="group" value={data.query.group} /> : null}
      <button type="submit" className="rounded-md border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
        切换
      </button>
    </form>
  );
}

export function Dashboard({ data }: { data: TDashboard }) {
  if (data.kind === "no-edition") {
    return (
      <section>
        <PageTitle title="排名看板" />
        <p className="rounded-lg border border-slate-300 bg-white p-6 text-slate-700">尚未导入考核年度的指标体系，暂无考核结果。</p>
      </section>
    );
  }
  const { meta, query, rows } = data;
  const edition = query.edition;
  const scope = data.scopes.find((s) => s.code === query.part)!;
  const groupLabel = GROUP_LABELS[query.group];
  const partStates = query.part === "overall" ? meta.parts : meta.parts.filter((p) => p.partCode === query.part);
  const provisional = partStates.some((p) => !p.final);
  const exportHref = `/api/exports/results${edition ? `?edition=${edition}` : ""}`;
  // one compact row per unit, sent once for the table and the chart (./rank-rows.ts)
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
    num(r.score)!,
    num(r.self),
    num(r.diff),
  ]);

  return (
    <section data-testid="dashboard">
      <PrintHeader title={`排名看板 · ${groupLabel} · ${scope.name}`} edition={meta.edition.name} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title="排名看板" subtitle={`${meta.edition.name}（规则第 ${meta.edition.version} 版）· 数据更新于 ${shanghaiTime(meta.computedAt)}`} />
        <div className="flex flex-wrap items-center gap-2">
          {meta.demo ? <DemoBadge /> : null}
          {meta.parts.map((p) => (
            <FinalBadge key={p.partCode} final={p.final} label={p.partName} />
          ))}
          <Link href="/dashboard/history" data-testid="history-link" className="no-print rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            历年对比
          </Link>
          <a href={exportHref} data-testid="export-results" className="no-print rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            导出 Excel（全部结果）
          </a>
        </div>
      </div>

      <div className="no-print mb-6 flex flex-wrap items-center gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <Tabs label="单位分组" items={GROUPS.map((g) => ({ href: dashboardHref({ ...query, group: g }), label: GROUP_LABELS[g], current: g === query.group, testId: `group-${g}` }))} />
        <Tabs label="考核部分" items={data.scopes.map((s) => ({ href: dashboardHref({ ...query, part: s.code }), label: s.name, current: s.code === query.part, testId: `part-${s.code}` }))} />
        <EditionPicker data={data} />
      </div>

      {meta.empty ? (
        <p role="status" className="mb-6 rounded-lg border border-slate-300 bg-white p-4 text-slate-700">
          本年度尚无任何单位填报数据：下面的排名和图表在各单位填报后出现。
        </p>
      ) : null}

      {data.city ? <CityCard card={data.city} edition={edition} /> : null}

      <h2 className="mt-8 mb-2 text-xl font-bold">
        {groupLabel} · {scope.name}排名
        <span className="ml-2 text-base font-normal text-slate-600">（{rows.length} 个单位，百分制，单位：分）</span>
      </h2>
      {provisional ? (
        <p role="note" data-testid="provisional-note" className="mb-3 rounded-md border border-dashed border-orange-700 bg-orange-50 px-3 py-2 text-orange-950">
          <strong>暂定结果：</strong>
          {partStates
            .filter((p) => !p.final)
            .map((p) => p.partName)
            .join("、")}
          的审核尚未完成并定稿，得分和排名可能变化。
        </p>
      ) : null}
      {rows.length ? (
        <>
          <RankingTable rows={rankRows} edition={edition} scopeName={scope.name} groupLabel={groupLabel} />
          <p className="mt-2 text-sm text-slate-600">
            自评得分与差值只比较单位自评过的项目（同一批项目，按其满分折算百分制）；由审核员直接评分的项（如重点信息公开、政策解读）不计入。同分同名次。
          </p>

        </>
      ) : (
        <p className="rounded-lg border border-slate-300 bg-white p-4 text-slate-700">该分组在此部分暂无可排名的单位。</p>
      )}

      {rows.length ? (
        <div className="print-stack mt-8 grid grid-cols-1 gap-6 lg:grid-cols-2">
          <ChartFigure
            id="chart-ranking"
            title={`${groupLabel}${scope.name}排名`}
            unit="分"
            description="深色为审核后得分，浅色为自评得分；点击条形查看该单位的记分卡。"
            className="lg:col-span-2"
            table={<p className="text-slate-700">本图的数据即上方的排名表（可按列排序，单位名称链接到记分卡）。</p>}
          >
            <RankingBarChart scopeName={scope.name} rows={rankRows} edition={edition} />
          </ChartFigure>

          <ChartFigure
            id="chart-distribution"
            title="得分分布"
            unit="分（纵轴为单位数）"
            description="每档含下限、不含上限。"
            table={
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th scope="col">得分区间（分）</th>
                    <th scope="col">单位数</th>
                    <th scope="col">单位</th>
                  </tr>
                </thead>
                <tbody>
                  {data.distribution.map((b) => (
                    <tr key={b.label}>
                      <td>{b.label}</td>
                      <td>{b.count}</td>
                      <td>{b.units.join("、") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          >
            <DistributionChart data={data.distribution.map((b) => ({ label: b.label, count: b.count, units: b.units.join("、") }))} />
          </ChartFigure>

          <ChartFigure
            id="chart-lost"
            title="失分最多的指标"
            unit="分"
            description={`${groupLabel}各单位在该指标上的失分合计（满分 − 得分，不含加分）；点击条形查看指标说明。`}
            table={
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th scope="col">指标</th>
                    <th scope="col">失分合计（分）</th>
                    <th scope="col">失分单位</th>
                    <th scope="col">平均（分）</th>
                  </tr>
                </thead>
                <tbody>
                  {data.lost.map((l) => (
                    <tr key={l.code}>
                      <td>
                        <Link href={`/indicators#${encodeURIComponent(l.code)}`} className="text-brand-700 underline">
                          {l.path.join(" › ")}
                        </Link>
                      </td>
                      <td>{l.lost.display}</td>
                      <td>
                        {l.losing}/{l.units}
                      </td>
                      <td>{l.average.display}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          >
            {data.lost.length ? (
              <LostPointsChart
                data={data.lost.map((l) => ({
                  code: l.code,
                  label: l.name,
                  path: l.path.join(" › "),
                  lost: num(l.lost)!,
                  lostLabel: l.lost.display,
                  averageLabel: l.average.display,
                  losing: l.losing,
                  units: l.units,
                  maxLabel: l.max.display,
                }))}
              />
            ) : (
              <p className="text-slate-600">暂无失分。</p>
            )}
          </ChartFigure>

          <ChartFigure
            id="chart-progress"
            title="填报与审核进度"
            unit="个单位"
            description="按单位自评提交状态统计；退回修改的指标数见数据表。"
            className="lg:col-span-2"
            table={
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th scope="col">分组</th>
                    {PROGRESS_STATES.map((s) => (
                      <th key={s} scope="col">
                        {PROGRESS_LABELS[s]}
                      </th>
                    ))}
                    <th scope="col">合计</th>
                    <th scope="col">退回待改的指标</th>
                  </tr>
                </thead>
                <tbody>
                  {data.progress.map((p) => (
                    <tr key={p.group}>
                      <td>{p.label}</td>
                      {PROGRESS_STATES.map((s) => (
                        <td key={s}>{p[s]}</td>
                      ))}
                      <td>{p.total}</td>
                      <td>{p.returnedItems}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          >
            <ProgressChart labels={PROGRESS_LABELS} data={data.progress.map((p) => ({ label: p.label, none: p.none, draft: p.draft, submitted: p.submitted, reviewed: p.reviewed }))} />
          </ChartFigure>
        </div>
      ) : null}
    </section>
  );
}
