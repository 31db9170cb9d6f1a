// Every unit's scorecard, by group, with its overall score.
import Link from "next/link";
import { DemoBadge } from "@/components/dashboard/Badges";
import { score } from "@/components/dashboard/format";
import { PageTitle } from "@/components/shell/PageTitle";
import type { listScorecardUnits } from "@/lib/dashboard/data";
import { scorecardHref } from "@/lib/dashboard/query";
import { GROUP_LABELS } from "@/lib/dashboard/view";

export function ScorecardIndex({ data, edition }: { data: Awaited<ReturnType<typeof listScorecardUnits>>; edition?: number }) {
  if (!data) {
    return (
      <section>
        <PageTitle title="记分卡" />
        <p className="rounded-lg border border-slate-300 bg-white p-6 text-slate-700">尚未导入考核年度的指标体系。</p>
      </section>
    );
  }
  const groups = (["city", "department", "county"] as const).map((g) => ({ group: g, units: data.units.filter((u) => u.group === g) })).filter((g) => g.units.length);
  return (
    <section>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title="记分卡" subtitle={`${data.meta.edition.name}：选择单位查看各项得分、扣分原因和佐证材料。`} />
        {data.meta.demo ? <DemoBadge /> : null}
      </div>
      {groups.map((g) => (
        <section key={g.group} aria-labelledby={`g-${g.group}`} className="mb-6">
          <h2 id={`g-${g.group}`} className="mb-2 text-xl font-bold">
            {GROUP_LABELS[g.group]}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
            {g.units.map((u) => (
              <li key={u.code}>
                <Link href={scorecardHref(u.code, edition)} className="flex items-center justify-between rounded-md border border-slate-200 bg-white px-3 py-2 hover:border-brand-600 hover:bg-brand-50">
                  <span className="font-medium text-brand-800">{u.name}</span>
                  <span className="tabular-nums text-slate-700">{score(u.overall)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
