// The engine's score for the item and how it was computed (trace lines built by the
// engine, not here).
import type { ScoreView } from "./types";

export function scoreText(s: ScoreView): string {
  if (s.state === "not-applicable") return "不适用";
  return `${s.score ?? "—"} / ${s.max}`;
}

export function ScorePanel({ score, pending, stale }: { score: ScoreView; pending: boolean; stale: boolean }) {
  return (
    <aside aria-labelledby="score-title" className="h-fit rounded-lg border border-brand-100 bg-white p-4 shadow-sm lg:sticky lg:top-4">
      <h2 id="score-title" className="text-lg font-semibold">
        当前得分
      </h2>
      <p className="mt-2 text-3xl font-bold text-brand-800" data-testid="item-score" aria-live="polite">
        {scoreText(score)}
        {score.state === "scored" && score.bonus !== "0" ? <span className="ml-2 text-base font-normal text-green-800">（含加分 {score.bonus}）</span> : null}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        {score.state === "not-entered" ? "尚未填写完整，暂不计分" : score.state === "not-applicable" ? `不计入折算基数${score.naReason ? `：${score.naReason}` : ""}` : score.reviewed ? "已按审核数据计分" : "按本单位自评数据计分"}
        {pending ? "（正在计算…）" : ""}
      </p>
      {stale ? <p className="mt-1 text-sm text-red-700">填写内容有误，得分按上次有效的填写显示；请先更正标出的字段。</p> : null}
      <h3 className="mt-4 font-semibold">计分说明</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-slate-800" data-testid="score-trace">
        {score.trace.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </aside>
  );
}
