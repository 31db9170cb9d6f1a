import { ImportPanel } from "@/components/review/ImportPanel";
import { MonitoringForms } from "@/components/review/MonitoringForms";
import { RecentFindings } from "@/components/review/RecentFindings";
import { ReviewNav } from "@/components/review/ReviewNav";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { getMonitoringOptions, listRecentFindings } from "@/lib/review/import";

export const metadata = { title: "监测录入" };

export default async function Page() {
  await requirePage("review:write", { unit: null, from: "/review/monitoring" });
  const [options, recent] = await Promise.all([getMonitoringOptions(), listRecentFindings()]);
  return (
    <section>
      <PageTitle title="监测录入" subtitle="在线监测、日常监察和现场检查发现的扣分事项，可为任何单位录入，无论其是否已提交自评。" />
      <ReviewNav current="monitoring" />
      {options ? (
        <div className="space-y-8">
          <MonitoringForms options={options} />
          <section aria-labelledby="import-title" className="space-y-2">
            <h2 id="import-title" className="text-xl font-bold">
              批量导入
            </h2>
            <ImportPanel />
          </section>
          <RecentFindings rows={recent} editionId={options.editionId} />
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>
      )}
    </section>
  );
}
