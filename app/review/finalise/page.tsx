import { FinaliseOverview } from "@/components/review/FinaliseOverview";
import { FinalisePanel } from "@/components/review/FinalisePanel";
import { ReviewNav } from "@/components/review/ReviewNav";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { getFinaliseOverview } from "@/lib/review/queue";

export const metadata = { title: "定稿" };

export default async function Page() {
  await requirePage("review:write", { unit: null, from: "/review/finalise" });
  const data = await getFinaliseOverview();
  return (
    <section>
      <PageTitle title="定稿" subtitle="逐部分确认考核结果。定稿后不能再修改，只有管理员可以说明理由后重新开放。" />
      <ReviewNav current="finalise" />
      {data ? (
        <FinaliseOverview
          parts={data.parts}
          unitLinks
          action={(p) => <FinalisePanel editionId={data.editionId} partCode={p.code} partName={p.name} unreviewed={p.unreviewed.map((u) => u.name)} final={Boolean(p.final)} />}
        />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>
      )}
    </section>
  );
}
