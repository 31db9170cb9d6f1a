// 历年对比 from 排名看板: pick a unit (a plain GET form, works without JavaScript), see its
// scores and ranks across editions.
import Link from "next/link";
import { PageTitle } from "@/components/shell/PageTitle";
import type { TUnitHistory } from "@/lib/dashboard/history";
import { GROUP_LABELS } from "@/lib/dashboard/view";
import { UnitHistory } from "./UnitHistory";

type Unit = { code: string; name: string; group: string };

export function HistoryPage({ units, chosen, history, showCodes }: { units: Unit[]; chosen: string | null; history: TUnitHistory | null; showCodes: boolean }) {
  const groups = [...new Set(units.map((u) => u.group))];
  const current = units.find((u) => u.code === chosen);
  return (
    <section className="min-w-0">
      <PageTitle title="历年对比" subtitle="一个单位在各考核年度的总分与组内排名；单位更名后按曾用名连续对比，指标按“沿用上年指标”对应。" />
      <p className="mb-4">
        <Link href="/dashboard" className="underline">
          ← 返回排名看板
        </Link>
      </p>
      {units.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-white p-6 text-slate-700">尚未导入考核年度的指标体系，暂无考核结果。</p>
      ) : (
        <form method="get" action="/dashboard/history" className="mb-4 flex max-w-full flex-wrap items-center gap-2">
          <label htmlFor="history-unit" className="text-sm font-medium text-slate-700">
            单位
          </label>
          <select id="history-unit" name="unit" defaultValue={chosen ?? undefined} className="w-full min-w-0 max-w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 sm:w-auto">
            {groups.map((g) => (
              <optgroup key={g} label={GROUP_LABELS[g as keyof typeof GROUP_LABELS] ?? g}>
                {units
                  .filter((u) => u.group === g)
                  .map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <button type="submit" className="rounded-md border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
            查看
          </button>
        </form>
      )}
      {history && current ? (
        <>
          <p className="mb-2">
            <Link href={`/scorecards/${encodeURIComponent(current.code)}`} className="underline">
              查看{current.name}记分卡
            </Link>
          </p>
          <UnitHistory history={history} showCodes={showCodes} heading={`${current.name} · 历年总分与排名`} />
        </>
      ) : null}
    </section>
  );
}
