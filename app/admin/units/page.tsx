import { AdminTabs } from "@/components/admin/AdminTabs";
import { UnitCreateForm } from "@/components/admin/UnitForms";
import { UnitTables } from "@/components/admin/UnitTables";
import { PageTitle } from "@/components/shell/PageTitle";
import { getCoverageYear, listUnitsByGroup } from "@/lib/admin/units";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "单位管理" };

export default async function UnitsPage() {
  const user = await requirePage("admin:units", { from: "/admin/units" });
  const [groups, year] = await Promise.all([listUnitsByGroup(), getCoverageYear()]);
  return (
    <section>
      <PageTitle title="单位管理" subtitle="单位不会被删除：停用后历史数据仍然保留；更名会保留原名称和更名记录。" />
      <AdminTabs current="units" user={user} />
      <section aria-labelledby="add-unit" className="mb-8">
        <h2 id="add-unit" className="mb-2 text-xl font-bold">
          添加单位
        </h2>
        <UnitCreateForm />
      </section>
      <UnitTables groups={groups} year={year} />
    </section>
  );
}
