// 历年对比: a unit's overall score and rank in every edition (the table is the data; the line
// chart draws the same numbers), and its item scores followed along 沿用上年指标.
import { tableClass } from "@/components/dashboard/ChartFigure";
import type { TUnitHistory } from "@/lib/dashboard/history";
import { HistoryChart } from "./HistoryChart";

const STATUS_TEXT = { "no-results": "无结果", absent: "未参加考核" } as const;

export function UnitHistory({ history, headingLevel = 2, showCodes = false, heading = "历年对比" }: { history: TUnitHistory; headingLevel?: 2 | 3; showCodes?: boolean; heading?: string }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  if (history.kind !== "ok") {
    return (
      <section id="history" aria-labelledby="history-title" className="mt-8">
        <H id="history-title" className="mb-2 text-xl font-bold">
          {heading}
        </H>
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700">没有找到该单位的考核记录。</p>
      </section>
    );
  }
  const { rows, items, unit } = history;
  const scored = rows.filter((r) => r.status === "ok");
  const maxRank = Math.max(1, ...scored.map((r) => r.rankOf ?? 1));
  return (
    <section id="history" aria-labelledby="history-title" className="mt-8 min-w-0" data-testid="unit-history">
      <H id="history-title" className="mb-1 text-xl font-bold">
        {heading}
      </H>
      <p className="mb-3 text-sm text-slate-600">
        {unit.name}在各考核年度的总分与组内排名{history.formerNames.length ? `（曾用名：${history.formerNames.join("、")}）` : ""}。各年度指标不同，指标按“沿用上年指标”对应。
      </p>
      {history.single ? (
        <p className="mb-3 rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700" data-testid="history-single">
          该单位只参加了一个年度的考核，暂无可对比的其他年度。
        </p>
      ) : null}
      {!history.single && scored.length >= 2 ? (
        <div className="mb-3 rounded-lg border border-slate-200 bg-white p-2">
          <HistoryChart data={scored.map((r) => ({ label: String(r.year), score: r.scoreValue, rank: r.rank }))} maxRank={maxRank} />
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={`${tableClass} [&_thead_th]:whitespace-nowrap`} data-testid="history-table">
          <caption className="sr-only">{unit.name}历年总分与排名</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">单位名称</th>
              <th scope="col" className="text-right">
                总分
              </th>
              <th scope="col" className="text-right">
                组内排名
              </th>
              <th scope="col">各部分得分</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.editionId} data-testid="history-row" data-year={r.year}>
                <th scope="row" className="font-medium">
                  {r.year}
                  <span className="block text-xs font-normal text-slate-600">{r.editionName}</span>
                </th>
                <td>{r.unitName ?? "—"}</td>
                {r.status === "ok" ? (
                  <>
                    <td className="whitespace-nowrap text-right tabular-nums" data-testid="history-score">
                      {r.score ?? "—"}
                    </td>
                    <td className="whitespace-nowrap text-right tabular-nums" data-testid="history-rank">
                      {r.rank !== null ? `${r.rank} / ${r.rankOf}` : "—"}
                    </td>
                    <td className="text-xs">
                      {r.parts.map((p) => (
                        <span key={p.code} className="block">
                          {p.name} {p.score ?? "不参与"}
                        </span>
                      ))}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="text-slate-600" data-testid="history-status">
                    {STATUS_TEXT[r.status]}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length && !history.single ? (
        <details className="mt-3 rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer font-medium text-brand-700">各指标历年得分（按沿用上年指标对应）</summary>
          <div className="mt-2 overflow-x-auto">
            <table className={tableClass} data-testid="history-items">
              <caption className="sr-only">各指标历年得分</caption>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  {rows.map((r) => (
                    <th key={r.editionId} scope="col" className="text-right">
                      {r.year}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((it) => (
                  <tr key={it.code}>
                    <th scope="row" className="font-normal">
                      {it.name}
                    </th>
                    {it.cells.map((c, i) => (
                      <td key={rows[i].editionId} className="text-right tabular-nums">
                        {c.score ?? <span className="text-slate-600">{c.note ?? "—"}</span>}
                        {showCodes && c.code && c.code !== it.code ? <span className="block text-xs text-slate-600">原 {c.code}</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
