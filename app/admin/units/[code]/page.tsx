import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { UnitActiveToggle, UnitRenameForm } from "@/components/admin/UnitForms";
import { UnitRenameHistory } from "@/components/admin/UnitTables";
import { PageTitle } from "@/components/shell/PageTitle";
import { UNIT_GROUP_LABELS } from "@/lib/admin/constants";
import { ZUnitCode } from "@/lib/admin/schemas";
import { getCoverageYear, getUnit } from "@/lib/admin/units";
import { outsideEditionWarning } from "@/lib/admin/coverage";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "单位详情" };

export default async function UnitPage({ params }: { params: Promise<{ code: string }> }) {
  const raw = await params;
  await requirePage("admin:units", { from: `/admin/units/${encodeURIComponent(raw.code)}` });
  const code = ZUnitCode.safeParse(raw.code);
  if (!code.success) notFound();
  const unit = await getUnit(code.data);
  if (!unit) notFound();
  const year = unit.inEdition ? null : await getCoverageYear();
  return (
    <section>
      <PageTitle title={`单位：${unit.name}`} subtitle={`${UNIT_GROUP_LABELS[unit.group]} · 代码 ${unit.code} · ${unit.active ? "启用" : "已停用"}`} />
      <AdminTabs current="units" />
      {year !== null ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" data-testid="outside-edition">
          {outsideEditionWarning(year)}：该单位的填报员没有可填报的指标，排名看板和记分卡中也没有该单位。
        </p>
      ) : null}
      <p className="mb-4">
        <Link href="/admin/units" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回单位列表
        </Link>
      </p>
      <dl className="mb-8 grid max-w-xl grid-cols-[8rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">别名</dt>
        <dd>{unit.aliases.join("、") || "—"}</dd>
        <dt className="text-slate-600">用户</dt>
        <dd>
          <Link href={`/admin/users?unit=${encodeURIComponent(unit.code)}`} className="text-brand-700 underline-offset-2 hover:underline">
            {unit.userCount} 个用户
          </Link>
        </dd>
      </dl>
      <div className="grid gap-10 lg:grid-cols-2">
        <section aria-labelledby="rename-unit">
          <h2 id="rename-unit" className="mb-4 text-xl font-bold">
            更名
          </h2>
          <UnitRenameForm code={unit.code} name={unit.name} />
        </section>
        <section aria-labelledby="unit-status">
          <h2 id="unit-status" className="mb-4 text-xl font-bold">
            停用与启用
          </h2>
          <UnitActiveToggle code={unit.code} name={unit.name} active={unit.active} userCount={unit.userCount} />
        </section>
      </div>
      <section aria-labelledby="rename-history" className="mt-10">
        <h2 id="rename-history" className="mb-4 text-xl font-bold">
          更名记录
        </h2>
        <UnitRenameHistory history={unit.history} />
      </section>
    </section>
  );
}
