// A unit's scorecard: totals per part and overall with ranks, its 一级 indicators against
// its group, and every item with score, max, deductions and their events, bonuses and
// penalties, the engine's explanation, evidence and review history. Prints as an A4 report.
import "./print.css";
import Link from "next/link";
import { DemoBadge, FinalBadge } from "@/components/dashboard/Badges";
import { ChartFigure, tableClass } from "@/components/dashboard/ChartFigure";
import { CategoryChart } from "@/components/dashboard/charts";
import { completeness, DASH, score, shanghaiDay, shanghaiTime, signed } from "@/components/dashboard/format";
import type { TScorecardPage } from "@/lib/dashboard/data";
import { dashboardHref } from "@/lib/dashboard/query";
import type { TScorecardRow } from "@/lib/dashboard/scorecard";
import { GROUP_LABELS, num, OVERALL } from "@/lib/dashboard/view";
import { PrintButton } from "./PrintButton";
import { PrintHeader } from "./PrintHeader";

function Rank({ rank }: { rank?: { rank: number; of: number } }) {
  if (!rank) return null;
  return (
    <span className="text-sm text-slate-700">
      组内第 <strong className="text-base text-slate-900">{rank.rank}</strong> 名 / 共 {rank.of} 个
    </span>
  );
}

function ItemDetails({ row, showCodes }: { row: TScorecardRow; showCodes: boolean }) {
  return (
    <div className="space-y-2 text-sm">
      {row.returnComment ? (
        <p className="rounded border border-orange-600 bg-orange-50 px-2 py-1 text-orange-950">
          <strong>已退回修改：</strong>
          {row.returnComment}
        </p>
      ) : null}
      <ul className="list-disc space-y-0.5 pl-5 text-slate-800" aria-label="计分说明">
        {row.trace.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
      {row.selfTrace ? (
        <details className="text-slate-700">
          <summary className="cursor-pointer text-brand-700">自评时的计分</summary>
          <ul className="list-disc pl-5">
            {row.selfTrace.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {row.events.length ? (
        <table className="w-full border-collapse text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-1.5 [&_td]:py-0.5 [&_th]:px-1.5 [&_th]:text-left [&_th]:font-medium">
          <caption className="text-left font-medium text-slate-800">扣分事项（{row.events[0].source === "review" ? "审核数据" : "自评数据"}）</caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">事项</th>
              <th scope="col">数量</th>
              <th scope="col">每次扣分</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {row.events.map((e, i) => (
              <tr key={i}>
                <td className="whitespace-nowrap">{e.date ?? DASH}</td>
                <td>{e.name}</td>
                <td className="whitespace-nowrap">
                  {e.count} {e.unit}
                </td>
                <td>{e.perEvent}</td>
                <td>
                  {e.note ?? ""}
                  {e.lateFix ? (e.fixedDate ? `（${e.fixedDate} 整改）` : "（未整改）") : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {row.modifiers.length ? (
        <ul className="space-y-0.5">
          {row.modifiers.map((m, i) => (
            <li key={i} className={m.kind === "bonus" ? "text-emerald-800" : "text-red-800"}>
              {m.kind === "bonus" ? "加分" : "减分"}：{m.name} {m.kind === "bonus" ? "+" : "−"}
              {m.points}（{m.reason}）
            </li>
          ))}
        </ul>
      ) : null}
      {row.evidence.length ? (
        <div>
          <span className="font-medium text-slate-800">佐证材料：</span>
          <ul className="inline">
            {row.evidence.map((e) => (
              <li key={e.id} className="mr-3 inline">
                {e.href ? (
                  <a href={e.href} className="text-brand-700 underline">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : row.kind === "item" && !row.pooled ? (
        <p className="text-slate-600">佐证材料：无</p>
      ) : null}
      {row.reviews.length ? (
        <ol className="space-y-0.5 text-slate-700" aria-label="审核记录">
          {row.reviews.map((r, i) => (
            <li key={i}>
              {shanghaiDay(r.at)} {r.label}
              {r.method ? `（${r.method}）` : ""}
              {r.comment ? `：${r.comment}` : ""}
            </li>
          ))}
        </ol>
      ) : null}
      {row.readings.length ? (
        showCodes ? (
          <p className="text-xs text-slate-600">口径：{row.readings.map((r) => r.id).join("、")}（见指标体系页）</p>
        ) : (
          <p className="text-xs text-slate-600">计分口径说明见指标体系页</p>
        )
      ) : null}
    </div>
  );
}

function PartTable({ rows, partName, showCodes }: { rows: TScorecardRow[]; partName: string; showCodes: boolean }) {
  return (
    <table data-testid="scorecard-items" className="w-full min-w-[48rem] table-fixed border-collapse bg-white text-base">
      <caption className="sr-only">{partName}各项得分</caption>
      <colgroup>
        <col className="w-[20%]" />
        <col className="w-[6%]" />
        <col className="w-[8%]" />
        <col className="w-[9%]" />
        <col className="w-[7%]" />
        <col className="w-[6%]" />
        <col />
      </colgroup>
      <thead>
        <tr className="bg-slate-100 text-left">
          <th scope="col" className="px-2 py-2">
            指标
          </th>
          <th scope="col" className="px-2 py-2 text-right">
            满分
          </th>
          <th scope="col" className="px-2 py-2 text-right">
            自评得分
          </th>
          <th scope="col" className="px-2 py-2 text-right">
            得分（审核后）
          </th>
          <th scope="col" className="px-2 py-2 text-right">
            差值
          </th>
          <th scope="col" className="px-2 py-2 text-right">
            失分
          </th>
          <th scope="col" className="px-2 py-2">
            计分说明、扣分事项与佐证
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} id={`item-${r.code}`} data-item={r.code} className={`border-t border-slate-200 align-top ${r.kind === "node" ? "bg-slate-50" : ""}`}>
            <th scope="row" className="px-2 py-2 text-left font-normal" style={{ paddingLeft: `${0.5 + r.depth * 1.1}rem` }}>
              <Link href={`/indicators#${encodeURIComponent(r.code)}`} className={`${r.kind === "node" ? "font-bold" : "font-medium"} text-brand-700 underline-offset-2 hover:underline`}>
                {r.name}
              </Link>
              {showCodes ? <span className="block text-xs text-slate-600">{r.code}</span> : null}
              {r.state !== "scored" ? <span className="mt-0.5 inline-block rounded bg-slate-200 px-1.5 text-sm text-slate-800">{r.stateLabel}</span> : null}
              {r.source === "review" ? <span className="mt-0.5 ml-1 inline-block rounded bg-brand-100 px-1.5 text-sm text-brand-800">{r.overridden ? "审核核定" : "审核数据"}</span> : null}
              {r.scope === "city" ? <span className="mt-0.5 ml-1 inline-block rounded border border-slate-400 px-1.5 text-sm text-slate-700">全市统一</span> : null}
              {r.capped ? <span className="mt-0.5 ml-1 inline-block rounded bg-slate-200 px-1.5 text-sm text-slate-800">封顶</span> : null}
            </th>
            <td className="px-2 py-2 text-right tabular-nums">{r.max.display}</td>
            <td className="px-2 py-2 text-right tabular-nums text-slate-700">{score(r.self)}</td>
            <td className="px-2 py-2 text-right font-semibold tabular-nums" data-col="score">
              {score(r.score)}
              {r.bonus && r.bonus.exact !== "0" ? <span className="block text-xs font-normal text-emerald-800">含加分 +{r.bonus.display}</span> : null}
              {r.penalty && r.penalty.exact !== "0" ? <span className="block text-xs font-normal text-red-800">减分 −{r.penalty.display}</span> : null}
            </td>
            <td className="px-2 py-2 text-right tabular-nums">{r.diff ? signed(r.diff) : DASH}</td>
            <td className={`px-2 py-2 text-right tabular-nums ${r.lost && r.lost.exact !== "0" ? "text-red-800" : ""}`}>{r.lost ? r.lost.display : DASH}</td>
            <td className="px-2 py-2">
              <ItemDetails row={r} showCodes={showCodes} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `showCodes`: item codes and reading ids, for reviewers; leaders see names only. */
/** forUnit: the unit's own 填报员 read it (no ranking board or export: those are not theirs). */
export function Scorecard({ page, edition, showCodes = false, forUnit = false }: { page: TScorecardPage; edition?: number; showCodes?: boolean; forUnit?: boolean }) {
  const { meta, view } = page;
  const s = view.summary;
  const groupLabel = GROUP_LABELS[s.unit.group];
  const parts = s.parts.filter((p) => p.status !== "not-assessed");
  const exportHref = `/api/exports/scorecards/${encodeURIComponent(s.unit.code)}${edition ? `?edition=${edition}` : ""}`;
  const back = dashboardHref({ edition, group: s.unit.group === "county" ? "county" : "department" });
  return (
    <article data-testid="scorecard" data-unit={s.unit.code}>
      <PrintHeader title={`${s.unit.name}记分卡`} edition={meta.edition.name} />
      {forUnit ? null : (
        <nav aria-label="位置" className="no-print mb-2 text-sm text-slate-700">
          <Link href={back} className="text-brand-700 underline underline-offset-2">
            排名看板
          </Link>
          <span aria-hidden="true"> › </span>
          <span>{s.unit.name}</span>
        </nav>
      )}
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{s.unit.name}记分卡</h1>
          <p className="mt-1 text-slate-600">
            {meta.edition.name} · {groupLabel} · 数据更新于 {shanghaiTime(meta.computedAt)}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {meta.demo ? <DemoBadge /> : null}
          <FinalBadge final={s.final} label="结果" />
          <span className="no-print flex flex-wrap gap-2">
            <PrintButton />
            <Link href={`/scorecards/${encodeURIComponent(s.unit.code)}/evidence`} className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">
              全部佐证材料
            </Link>
            {forUnit ? null : (
              <a href={exportHref} data-testid="export-scorecard" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
                导出 Excel
              </a>
            )}
          </span>
        </div>
      </div>

      <section aria-labelledby="totals" className="avoid-break mb-6">
        <h2 id="totals" className="sr-only">
          得分汇总
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="rounded-lg border-l-4 border-brand-700 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-700">总分（各部分百分制加权平均）</dt>
            <dd className="text-3xl font-bold tabular-nums text-brand-800" data-testid="overall-score">
              {score(s.overall)}
              <span className="ml-1 text-base font-normal">分</span>
            </dd>
            <dd>
              <Rank rank={view.ranks[OVERALL]} />
            </dd>
            <dd className="text-sm text-slate-700">
              自评 {score(s.selfOverall)}，差值 {signed(s.diff)}，完成度 {completeness(s.completeness)}
            </dd>
          </div>
          {parts.map((p) => (
            <div key={p.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-part={p.code}>
              <dt className="flex items-center justify-between gap-2 text-sm text-slate-700">
                {p.name}
                <FinalBadge final={p.final} />
              </dt>
              <dd className="text-2xl font-bold tabular-nums" data-testid={`part-score-${p.code}`}>
                {score(p.score)}
                <span className="ml-1 text-base font-normal">分</span>
                {p.status === "vetoed" ? <span className="ml-2 rounded bg-red-700 px-1.5 text-sm text-white">单项否决</span> : null}
              </dd>
              <dd>
                <Rank rank={view.ranks[p.code]} />
              </dd>
              <dd className="text-sm text-slate-700">
                得分 {p.points.display} / 可得满分 {p.maxAchievable.display}（标称 {p.declaredMax.display}），自评 {score(p.self)}（{signed(p.diff)}），完成度 {completeness(p.completeness)}
              </dd>
              {p.postPenalties.map((x, i) => (
                <dd key={i} className="text-sm text-red-800">
                  加重扣分 −{x.points.display}：{x.reason}
                </dd>
              ))}
            </div>
          ))}
        </dl>
        {s.trace.length ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700" aria-label="总分计算">
            {s.trace.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        ) : null}
      </section>

      {view.categories.length ? (
        <ChartFigure
          id="chart-categories"
          title={`一级指标得分与${groupLabel}平均`}
          unit="分"
          description="各一级指标的得分（含加分），与同组中适用该指标的单位的平均分比较。"
          className="mb-6"
          table={
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col">部分</th>
                  <th scope="col">一级指标</th>
                  <th scope="col">满分</th>
                  <th scope="col">本单位可得满分</th>
                  <th scope="col">本单位（分）</th>
                  <th scope="col">{groupLabel}平均（分）</th>
                </tr>
              </thead>
              <tbody>
                {view.categories.map((c) => (
                  <tr key={c.code}>
                    <td>{c.partName}</td>
                    <td>
                      <Link href={`/indicators#${encodeURIComponent(c.code)}`} className="text-brand-700 underline">
                        {c.name}
                      </Link>
                    </td>
                    <td>{c.max.display}</td>
                    <td>{c.maxAchievable.display}</td>
                    <td>{c.score.display}</td>
                    <td>{c.groupAverage?.display ?? DASH}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <CategoryChart
            unitName={s.unit.name}
            groupLabel={groupLabel}
            data={view.categories.map((c) => ({
              code: c.code,
              label: c.name,
              part: c.partName,
              score: num(c.score),
              scoreLabel: c.score.display,
              average: num(c.groupAverage),
              averageLabel: c.groupAverage?.display ?? DASH,
              maxLabel: c.maxAchievable.display,
              groupUnits: c.groupUnits,
            }))}
          />
        </ChartFigure>
      ) : null}

      {parts.map((p) => (
        <section key={p.code} aria-labelledby={`part-${p.code}`} className="mb-8">
          <h2 id={`part-${p.code}`} className="mb-2 flex flex-wrap items-center gap-3 text-xl font-bold">
            {p.name}
            <FinalBadge final={p.final} />
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 shadow-sm">
            <PartTable rows={view.rows.filter((r) => r.partCode === p.code)} partName={p.name} showCodes={showCodes} />
          </div>
        </section>
      ))}
      <p className="text-sm text-slate-600">
        分数按精确值计算，显示保留两位小数；“全市统一”项按全市填报的数据计分，各责任单位得分相同。{meta.demo ? "本页为演示数据。" : ""}
      </p>
    </article>
  );
}
