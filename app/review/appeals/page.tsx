import { AppealsAdmin } from "@/components/review/AppealsAdmin";
import { ReviewNav } from "@/components/review/ReviewNav";
import { PageTitle } from "@/components/shell/PageTitle";
import { getAssessmentContext } from "@/lib/assessment/context";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getPublication, listAppeals } from "@/lib/results/appeals";

export const metadata = { title: "结果公布与申诉" };

export default async function Page() {
  const user = await requirePage("review:read", { unit: null, from: "/review/appeals" });
  const ctx = await getAssessmentContext();
  return (
    <section>
      <PageTitle title="结果公布与申诉" subtitle={ctx ? `${ctx.name}：向各单位公布考核结果，在申诉期内处理单位的申诉。` : undefined} />
      <ReviewNav current="appeals" />
      {ctx ? (
        <AppealsAdmin editionId={ctx.id} publication={await getPublication(ctx.id)} appeals={await listAppeals(ctx.id)} canWrite={can(user.roles, "review:write")} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8">尚未导入考核年度的指标体系。</p>
      )}
    </section>
  );
}
