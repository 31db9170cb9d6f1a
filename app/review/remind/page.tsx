import { RemindPanel } from "@/components/messages/RemindPanel";
import { ReviewNav } from "@/components/review/ReviewNav";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { listUnitsToRemind } from "@/lib/messages";
import { GROUP_LABELS } from "@/lib/dashboard/view";

export const metadata = { title: "催报" };

export default async function Page() {
  await requirePage("messages:remind", { unit: null, from: "/review/remind" });
  const data = await listUnitsToRemind();
  return (
    <section>
      <PageTitle title="催报" subtitle="向所有尚未提交自评的单位发送提醒，消息进入各单位填报员的消息中心。" />
      <ReviewNav current="remind" />
      {data ? (
        <RemindPanel editionId={data.editionId} units={data.units.map((u) => ({ ...u, groupLabel: GROUP_LABELS[u.group] }))} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>
      )}
    </section>
  );
}
