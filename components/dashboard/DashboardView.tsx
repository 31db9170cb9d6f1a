"use client";
// 排名看板's page, drawn from one compact view (./dashboard-view.ts): the header and filters,
// the city card, the sortable ranking table and the four figures with their data tables.
// A client component so that the page's markup is not sent a second time as RSC flight
// data (issue #17): the server sends the values once, as these props, and the HTML.
import Link from "next/link";
import { useMemo } from "react";
import { PrintHeader } from "@/components/scorecard/PrintHeader";
import { PageTitle } from "@/components/shell/PageTitle";
import { DemoBadge, FinalBadge } from "./Badges";
import { ChartFigure } from "./ChartFigure";
import { DistributionChart, LostPointsChart, ProgressChart, RankingBarChart } from "./charts";
import type { TDashView, TTab } from "./dashboard-view";
import { shownNumber } from "./rank-rows";
import { RankingTable } from "./RankingTable";
import "./tables.css";

function Tabs({ label, items }: { label: string; items: TTab[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-slate-700">{`${label}：`}</span>
      <ul className="flex flex-wrap gap-1 rounded-lg bg-slate-200 p-1">
        {items.map(([href, text, current, testId]) => (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              data-testid={testId}
              className={`block rounded-md px-3 py-1.5 text-base font-medium ${current ? "bg-white text-brand-800 shadow-sm" : "text-slate-700 hover:bg-white/60"}`}
            >
              {text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EditionPicker({ picker }: { picker: NonNullable<TDashView["picker"]> }) {
  return (
    <form method="get" action="/dashboard" className="flex max-w-full flex-wrap items-center gap-2">
      <label htmlFor="edition" className="text-sm font-medium text-slate-700">
        考核年度
      </label>
      <select id="edition" name="edition" defaultValue={picker.selected} className="w-full min-w-0 max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 sm:w-auto">
        {picker.options.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      {picker.hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="rounded-md border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
        切换
      </button>
    </form>
  );
}

/** The city aggregate (全市) at the top: its own scorecard (R14). */
function CityCard({ city }: { city: NonNullable<TDashView["city"]> }) {
  return (
    <section aria-labelledby="city-card-title" data-testid="city-card" className="rounded-lg border-l-4 border-brand-700 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="city-card-title" className="text-xl font-bold">
          {`${city.name}（汇总）`}
          <span className="ml-2 text-base font-normal text-slate-600">全市统一考核项和各单位汇总扣分</span>
        </h2>
        <Link href={city.href} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          查看全市记分卡 →
        </Link>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-md bg-brand-50 p-3">
          <dt className="text-sm text-slate-700">总分</dt>
          <dd className="text-3xl font-bold tabular-nums text-brand-800" data-testid="city-overall">
            {city.overall}
            <span className="ml-1 text-base font-normal">分</span>
          </dd>
          <dd className="text-sm text-slate-700">{`自评 ${city.self}，差值 ${city.diff}`}</dd>
        </div>
        {city.parts.map(([code, name, final, score, points, max, self, diff, completeness]) => (
          <div key={code} className="rounded-md bg-slate-50 p-3">
            <dt className="flex items-center justify-between gap-2 text-sm text-slate-700">
              {name}
              <FinalBadge final={final} />
            </dt>
            <dd className="text-2xl font-bold tabular-nums">
              {score}
              <span className="ml-1 text-base font-normal">分</span>
            </dd>
            <dd className="text-sm text-slate-700">{`得分 ${points}/${max}，自评 ${self}（${diff}），完成度 ${completeness}`}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Figures({ v }: { v: TDashView }) {
  const { rows, groupLabel, scopeName, edition } = v;
  const bins = useMemo(() => v.distribution.map(([label, units]) => ({ label, count: units.length, units: units.map((i) => rows[i]?.[2] ?? "").join("、") })), [v.distribution, rows]);
  const lost = useMemo(
    () =>
      v.lost.map(([code, name, path, lostLabel, averageLabel, losing, units, maxLabel]) => ({
        code,
        label: name,
        path,
        lost: shownNumber(lostLabel) ?? 0,
        lostLabel,
        averageLabel,
        losing,
        units,
        maxLabel,
      })),
    [v.lost],
  );
  const [none, draft, submitted, reviewed] = v.progressLabels;
  return (
    <div className="print-stack mt-8 grid grid-cols-1 gap-6 lg:grid-cols-2">
      <ChartFigure
        id="chart-ranking"
        title={`${groupLabel}${scopeName}排名`}
        unit="分"
        description="深色为审核后得分，浅色为自评得分；点击条形查看该单位的记分卡。"
        className="lg:col-span-2"
        table={<p className="text-slate-700">本图的数据即上方的排名表（可按列排序，单位名称链接到记分卡）。</p>}
      >
        <RankingBarChart scopeName={scopeName} rows={rows} edition={edition} />
      </ChartFigure>

      <ChartFigure
        id="chart-distribution"
        title="得分分布"
        unit="分（纵轴为单位数）"
        description="每档含下限、不含上限。"
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">得分区间（分）</th>
                <th scope="col">单位数</th>
                <th scope="col">单位</th>
              </tr>
            </thead>
            <tbody>
              {bins.map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td>{b.count}</td>
                  <td>{b.units || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <DistributionChart data={bins} />
      </ChartFigure>

      <ChartFigure
        id="chart-lost"
        title="失分最多的指标"
        unit="分"
        description={`${groupLabel}各单位在该指标上的失分合计（满分 − 得分，不含加分）；点击条形查看指标说明。`}
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">失分合计（分）</th>
                <th scope="col">失分单位</th>
                <th scope="col">平均（分）</th>
              </tr>
            </thead>
            <tbody>
              {lost.map((l) => (
                <tr key={l.code}>
                  <td>
                    <Link href={`/indicators#${encodeURIComponent(l.code)}`}>{l.path}</Link>
                  </td>
                  <td>{l.lostLabel}</td>
                  <td>{`${l.losing}/${l.units}`}</td>
                  <td>{l.averageLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        {lost.length ? <LostPointsChart data={lost} /> : <p className="text-slate-600">暂无失分。</p>}
      </ChartFigure>

      <ChartFigure
        id="chart-progress"
        title="填报与审核进度"
        unit="个单位"
        description="按单位自评提交状态统计；退回修改的指标数见数据表。"
        className="lg:col-span-2"
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">分组</th>
                {v.progressLabels.map((s) => (
                  <th key={s} scope="col">
                    {s}
                  </th>
                ))}
                <th scope="col">合计</th>
                <th scope="col">退回待改的指标</th>
              </tr>
            </thead>
            <tbody>
              {v.progress.map((p) => (
                <tr key={p[0]}>
                  {p.map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <ProgressChart
          labels={{ none, draft, submitted, reviewed }}
          data={v.progress.map(([label, n, d, s, r]) => ({ label, none: n, draft: d, submitted: s, reviewed: r }))}
        />
      </ChartFigure>
    </div>
  );
}

export function DashboardView({ v }: { v: TDashView }) {
  return (
    <section data-testid="dashboard">
      <PrintHeader title={v.printTitle} edition={v.editionName} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={v.title} subtitle={v.subtitle} />
        <div className="flex flex-wrap items-center gap-2">
          {v.demo ? <DemoBadge /> : null}
          {v.parts.map(([name, final]) => (
            <FinalBadge key={name} final={final} label={name} />
          ))}
          <Link href="/dashboard/history" data-testid="history-link" className="no-print rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            历年对比
          </Link>
          <a href={v.exportHref} data-testid="export-results" className="no-print rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            导出 Excel（全部结果）
          </a>
        </div>
      </div>

      <div className="no-print mb-6 flex flex-wrap items-center gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <Tabs label="单位分组" items={v.groupTabs} />
        <Tabs label="考核部分" items={v.partTabs} />
        {v.picker ? <EditionPicker picker={v.picker} /> : null}
      </div>

      {v.empty ? (
        <p role="status" className="mb-6 rounded-lg border border-slate-300 bg-white p-4 text-slate-700">
          本年度尚无任何单位填报数据：下面的排名和图表在各单位填报后出现。
        </p>
      ) : null}

      {v.city ? <CityCard city={v.city} /> : null}

      <h2 className="mt-8 mb-2 text-xl font-bold">
        {`${v.groupLabel} · ${v.scopeName}排名`}
        <span className="ml-2 text-base font-normal text-slate-600">{`（${v.rows.length} 个单位，百分制，单位：分）`}</span>
      </h2>
      {v.provisional ? (
        <p role="note" data-testid="provisional-note" className="mb-3 rounded-md border border-dashed border-orange-700 bg-orange-50 px-3 py-2 text-orange-950">
          <strong>暂定结果：</strong>
          {`${v.provisional}的审核尚未完成并定稿，得分和排名可能变化。`}
        </p>
      ) : null}
      {v.rows.length ? (
        <>
          <RankingTable rows={v.rows} edition={v.edition} scopeName={v.scopeName} groupLabel={v.groupLabel} />
          <p className="mt-2 text-sm text-slate-600">
            自评得分与差值只比较单位自评过的项目（同一批项目，按其满分折算百分制）；由审核员直接评分的项（如重点信息公开、政策解读）不计入。同分同名次。
          </p>
        </>
      ) : (
        <p className="rounded-lg border border-slate-300 bg-white p-4 text-slate-700">该分组在此部分暂无可排名的单位。</p>
      )}

      {v.rows.length ? <Figures v={v} /> : null}
    </section>
  );
}
