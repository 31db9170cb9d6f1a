import Link from "next/link";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { secondaryButton, primaryButton } from "@/components/admin/fields";
import { Pager, UserSearchForm, UserTable } from "@/components/admin/UserList";
import { PageTitle } from "@/components/shell/PageTitle";
import { ZUserListQuery } from "@/lib/admin/schemas";
import { listUnitOptions } from "@/lib/admin/units";
import { listUsers } from "@/lib/admin/users";
import { requirePage } from "@/lib/auth/guard";

export const metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("admin:users", { from: "/admin/users" });
  const raw = await searchParams;
  const query = ZUserListQuery.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [{ users, total, page, pages }, units] = await Promise.all([listUsers(query), listUnitOptions({ includeInactive: true })]);
  return (
    <section>
      <PageTitle title="用户管理" subtitle="账号不会被删除：停用后历史记录仍然保留。" />
      <AdminTabs current="users" />
      <div className="mb-4 flex flex-wrap gap-3">
        <Link href="/admin/users/new" className={primaryButton}>
          新建用户
        </Link>
        <Link href="/admin/users/import" className={secondaryButton}>
          批量导入
        </Link>
      </div>
      <UserSearchForm query={query} units={units} />
      <div className="mt-6">
        <UserTable users={users} total={total} />
        {total > 0 ? <Pager query={query} page={page} pages={pages} total={total} /> : null}
      </div>
    </section>
  );
}
