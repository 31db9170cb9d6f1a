import { notFound } from "next/navigation";
import { OfflineFormPanel } from "@/components/offline-form/OfflineFormPanel";
import { UnitOverview } from "@/components/self-assessment/UnitOverview";
import { PageTitle } from "@/components/shell/PageTitle";
import { getUnitScope } from "@/lib/admin/coverage";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { loadUnitPage } from "../data";

export const metadata = { title: "我的填报" };

export default async function Page({ params }: { params: Promise<{ unitCode: string }> }) {
  const unitCode = decodeURIComponent((await params).unitCode);
  const user = await requirePage("self:read", { unit: unitCode, from: `/self-assessment/${unitCode}` });
  const data = await loadUnitPage(unitCode);
  if (data.kind === "unknown-unit") {
    // a unit added in 单位管理 that the edition's indicators do not assign: say so instead of 404
    const scope = await getUnitScope(unitCode);
    if (scope.kind !== "outside") notFound();
    return <Empty title={`我的填报 · ${scope.unit.name}`} text={scope.message} testId="outside-edition" />;
  }
  if (data.kind === "no-edition") return <Empty title="我的填报" text="尚未导入考核年度的指标体系，暂无可填报的指标。" />;
  const title = `我的填报 · ${data.unit.name}`;
  if (!data.period) return <Empty title={title} text={data.lock.editable ? "自评填报尚未开放。" : data.lock.message} />;
  if (data.rows.length === 0) {
    const scope = await getUnitScope(unitCode);
    return <Empty title={title} text={scope.kind === "outside" ? scope.message : `本单位在${data.edition.name}中没有需要填报的指标。`} testId="outside-edition" />;
  }
  return (
    <section>
      <PageTitle title={title} subtitle={data.edition.name} />
      <UnitOverview
        editionId={data.edition.id}
        editionName={data.edition.name}
        unit={data.unit}
        period={data.period}
        lock={data.lock}
        returned={data.returned}
        rows={data.rows}
        submitSummary={data.submitSummary}
        canSubmit={can(user.roles, "self:write")}
      />
      <div className="mt-8">
        <OfflineFormPanel editionId={data.edition.id} unitCode={unitCode} canEdit={data.lock.editable && can(user.roles, "self:write")} />
      </div>
    </section>
  );
}

function Empty({ title, text, testId = "empty-state" }: { title: string; text: string; testId?: string }) {
  return (
    <section>
      <PageTitle title={title} />
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg text-slate-700" data-testid={testId}>
        {text}
      </p>
    </section>
  );
}
