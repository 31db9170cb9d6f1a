import { GoToUnit } from "@/components/self-assessment/GoToUnit";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "自评填报" };

/** A 填报员 fills in for their own unit: send them to it. */
export default async function Page() {
  const user = await requirePage("self:write", { from: "/self-assessment" });
  return (
    <section>
      <PageTitle title="自评填报" />
      {user.unitCode ? (
        <GoToUnit href={`/self-assessment/${encodeURIComponent(user.unitCode)}`} unitName={user.unitName ?? "本单位"} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700">您的账号尚未关联单位，无法填报。请联系管理员为账号设置所属单位。</p>
      )}
    </section>
  );
}
