import { ReviewNav } from "@/components/review/ReviewNav";
import { QueueView } from "@/components/review/QueueView";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getReviewQueue, ZQueueQuery } from "@/lib/review/queue";

export const metadata = { title: "审核" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("review:read", { unit: null, from: "/review" });
  const query = ZQueueQuery.parse(await searchParams);
  const queue = await getReviewQueue(query);
  return (
    <section>
      <PageTitle title="审核" subtitle={queue ? `${queue.editionName}：核查各单位自评，通过、调整或退回，录入监测发现。` : undefined} />
      <ReviewNav current="queue" />
      {queue ? <QueueView queue={queue} query={query} canWrite={can(user.roles, "review:write")} /> : <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>}
    </section>
  );
}
