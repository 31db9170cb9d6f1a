import Link from "next/link";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { FinaliseOverview } from "@/components/review/FinaliseOverview";
import { ReopenPanel } from "@/components/review/ReopenPanel";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { getFinaliseOverview } from "@/lib/review/queue";

export const metadata = { title: "重新开放定稿" };

// Admins only (admin:editions): reviewers finalise on /review/finalise, which admins cannot see.
export default async function Page() {
  const user = await requirePage("admin:editions", { unit: null, from: "/review/reopen" });
  const data = await getFinaliseOverview();
  return (
    <section>
      <PageTitle title="重新开放定稿" subtitle="已定稿的部分只能由管理员说明理由后重新开放；每次重新开放都记入审计日志。" />
      <AdminTabs current="reopen" user={user} />
      <p className="mb-4">
        <Link href="/audit?action=results&order=asc" className="text-brand-700 underline-offset-2 hover:underline">
          查看定稿与重新开放的审计日志
        </Link>
      </p>
      {data ? (
        <FinaliseOverview parts={data.parts} unitLinks={false} showPending={false} action={(p) => <ReopenPanel editionId={data.editionId} partCode={p.code} partName={p.name} final={Boolean(p.final)} />} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>
      )}
    </section>
  );
}
