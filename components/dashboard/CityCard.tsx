// The city aggregate (全市) at the top of the dashboard: its own scorecard (R14).
import Link from "next/link";
import { scorecardHref } from "@/lib/dashboard/query";
import type { TCardSummary } from "@/lib/dashboard/view";
import { FinalBadge } from "./Badges";
import { completeness, score, signed } from "./format";

export function CityCard({ card, edition }: { card: TCardSummary; edition?: number }) {
  const parts = card.parts.filter((p) => p.status !== "not-assessed");
  return (
    <section aria-labelledby="city-card-title" data-testid="city-card" className="rounded-lg border-l-4 border-brand-700 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="city-card-title" className="text-xl font-bold">
          {card.unit.name}（汇总）
          <span className="ml-2 text-base font-normal text-slate-600">全市统一考核项和各单位汇总扣分</span>
        </h2>
        <Link href={scorecardHref(card.unit.code, edition)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          查看全市记分卡 →
        </Link>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-md bg-brand-50 p-3">
          <dt className="text-sm text-slate-700">总分</dt>
          <dd className="text-3xl font-bold tabular-nums text-brand-800" data-testid="city-overall">
            {score(card.overall)}
            <span className="ml-1 text-base font-normal">分</span>
          </dd>
          <dd className="text-sm text-slate-700">
            自评 {score(card.selfOverall)}，差值 {signed(card.diff)}
          </dd>
        </div>
        {parts.map((p) => (
          <div key={p.code} className="rounded-md bg-slate-50 p-3">
            <dt className="flex items-center justify-between gap-2 text-sm text-slate-700">
              {p.name}
              <FinalBadge final={p.final} />
            </dt>
            <dd className="text-2xl font-bold tabular-nums">
              {score(p.score)}
              <span className="ml-1 text-base font-normal">分</span>
            </dd>
            <dd className="text-sm text-slate-700">
              得分 {p.points.display}/{p.maxAchievable.display}，自评 {score(p.self)}（{signed(p.diff)}），完成度 {completeness(p.completeness)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
