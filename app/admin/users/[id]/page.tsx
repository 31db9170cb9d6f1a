import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { UserAccountActions } from "@/components/admin/UserAccountActions";
import { UserForm } from "@/components/admin/UserForm";
import { PageTitle } from "@/components/shell/PageTitle";
import { listUnitOptions } from "@/lib/admin/units";
import { getUser } from "@/lib/admin/users";
import { requirePage } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata = { title: "用户详情" };

const ZParams = z.object({ id: z.coerce.number().int().positive() });
const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = await params;
  const me = await requirePage("admin:users", { from: `/admin/users/${encodeURIComponent(raw.id)}` });
  const parsed = ZParams.safeParse(raw);
  if (!parsed.success) notFound();
  const user = await getUser(parsed.data.id);
  if (!user) notFound();
  const units = await listUnitOptions({ keep: user.unitCode });
  const isSelf = user.id === me.id;
  return (
    <section>
      <PageTitle title={`用户：${user.displayName}`} subtitle={`${user.username} · ${user.roles.map((r) => ROLE_LABELS[r]).join("、")}${user.unitName ? ` · ${user.unitName}` : ""}`} />
      <AdminTabs current="users" />
      <p className="mb-4">
        <Link href="/admin/users" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回用户列表
        </Link>
      </p>
      <dl className="mb-8 grid max-w-xl grid-cols-[8rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">状态</dt>
        <dd>{user.disabled ? "已停用" : user.mustChangePassword ? "正常（待修改初始密码）" : "正常"}</dd>
        <dt className="text-slate-600">最近登录</dt>
        <dd>{user.lastLoginAt ? dateTime.format(user.lastLoginAt) : "从未登录"}</dd>
        <dt className="text-slate-600">创建时间</dt>
        <dd>{dateTime.format(user.createdAt)}</dd>
      </dl>
      <div className="grid gap-10 lg:grid-cols-2">
        <section aria-labelledby="edit-user">
          <h2 id="edit-user" className="mb-4 text-xl font-bold">
            修改信息
          </h2>
          <UserForm
            mode="edit"
            units={units}
            isSelf={isSelf}
            user={{ id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, unitCode: user.unitCode, email: user.email }}
          />
        </section>
        <section aria-labelledby="account-actions">
          <h2 id="account-actions" className="mb-4 text-xl font-bold">
            账号操作
          </h2>
          <UserAccountActions isSelf={isSelf} user={{ id: user.id, username: user.username, displayName: user.displayName, disabled: user.disabled }} />
        </section>
      </div>
    </section>
  );
}
