import { AdminTabs } from "@/components/admin/AdminTabs";
import { PeriodAdmin } from "@/components/self-assessment/PeriodAdmin";
import { PageTitle } from "@/components/shell/PageTitle";
import { getAssessmentContext } from "@/lib/assessment/context";
import { formatShanghai } from "@/lib/assessment/locks";
import { getPeriod, listExtensions, toShanghaiLocal } from "@/lib/assessment/periods";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "填报期限" };

export default async function Page() {
  const user = await requirePage("admin:editions", { from: "/admin/periods" });
  const ctx = await getAssessmentContext();
  if (!ctx) {
    return (
      <section>
        <PageTitle title="填报期限" />
        <AdminTabs current="periods" user={user} />
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700">尚未导入考核年度的指标体系，无法开放填报。</p>
      </section>
    );
  }
  const [period, extensions] = await Promise.all([getPeriod(ctx.id), listExtensions(ctx.id)]);
  const now = new Date();
  return (
    <section>
      <PageTitle title="填报期限" subtitle={`${ctx.name}（第 ${ctx.version} 版）· 时间均为北京时间`} />
      <AdminTabs current="periods" user={user} />
      <PeriodAdmin
        editionId={ctx.id}
        period={
          period
            ? {
                opensAt: toShanghaiLocal(period.opensAt),
                deadline: toShanghaiLocal(period.deadline),
                remindWorkdays: period.remindWorkdays,
                opensAtText: formatShanghai(period.opensAt),
                deadlineText: formatShanghai(period.deadline),
                state: now < period.opensAt ? "not-open" : now > period.deadline ? "closed" : "open",
              }
            : null
        }
        units={ctx.compiled.units.filter((u) => u.group !== "city").map((u) => ({ code: u.code, name: u.name, group: u.group }))}
        extensions={extensions.map((e) => ({
          unitCode: e.unitCode,
          unitName: e.unitName,
          untilText: formatShanghai(e.until),
          reason: e.reason,
          grantedBy: e.grantedBy,
          grantedAtText: formatShanghai(e.grantedAt),
          active: period ? e.until > period.deadline && e.until > now : false,
        }))}
      />
    </section>
  );
}
