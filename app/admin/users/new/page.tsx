import Link from "next/link";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { UserForm } from "@/components/admin/UserForm";
import { PageTitle } from "@/components/shell/PageTitle";
import { listUnitOptions } from "@/lib/admin/units";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "新建用户" };

export default async function NewUserPage() {
  await requirePage("admin:users", { from: "/admin/users/new" });
  const units = await listUnitOptions();
  return (
    <section>
      <PageTitle title="新建用户" subtitle="系统生成初始密码并只显示一次；用户首次登录须修改密码。" />
      <AdminTabs current="users" />
      <p className="mb-4">
        <Link href="/admin/users" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回用户列表
        </Link>
      </p>
      <UserForm mode="create" units={units} />
    </section>
  );
}
