// 排名看板: rankings per unit group, per part and overall, with the city aggregate on top,
// charts with data tables, and the export. Server component: the data is the engine's
// (lib/dashboard/data.ts), formatted here into one compact view (./dashboard-view.ts) that
// the client component ./DashboardView.tsx draws, so the browser gets each value once as
// flight data and once as HTML, not the page's element tree twice (issue #17).
import { PageTitle } from "@/components/shell/PageTitle";
import type { TDashboard } from "@/lib/dashboard/data";
import { dashView } from "./dashboard-view";
import { DashboardView } from "./DashboardView";

export function Dashboard({ data }: { data: TDashboard }) {
  if (data.kind === "no-edition") {
    return (
      <section>
        <PageTitle title="排名看板" />
        <p className="rounded-lg border border-slate-300 bg-white p-6 text-slate-700">尚未导入考核年度的指标体系，暂无考核结果。</p>
      </section>
    );
  }
  return <DashboardView v={dashView(data)} />;
}
