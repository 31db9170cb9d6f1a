import Link from "next/link";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "管理" };

const SECTIONS = [
  { href: "/admin/users", label: "用户管理", action: "admin:users", description: "查找、新建、批量导入用户；修改角色和单位；停用账号或重置密码。" },
  { href: "/admin/units", label: "单位管理", action: "admin:units", description: "按市直部门、县（市、区）、全市查看单位；添加单位、更名（保留更名记录）、停用或启用。" },
  { href: "/admin/periods", label: "填报期限", action: "admin:editions", description: "设置自评填报的开始与截止时间；为个别单位批准延期并说明理由。" },
  { href: "/admin/calendar", label: "节假日日历", action: "admin:editions", description: "内置日历尚未收录的年份，录入当年的法定节假日和调休上班日，供申诉期、填报提醒等按工作日计算。" },
  { href: "/review/reopen", label: "重新开放定稿", action: "admin:editions", description: "已定稿的考核部分需要更正时，说明理由后重新开放；每次都记入审计日志。" },
] as const;

export default async function AdminHomePage() {
  const user = await requirePage("admin:users", { from: "/admin" });
  return (
    <section>
      <PageTitle title="管理" subtitle="管理用户、单位与填报期限，重新开放定稿。所有修改都记入审计日志。" />
      <AdminTabs current="home" user={user} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.filter((s) => can(user.roles, s.action)).map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow">
              <span className="text-lg font-semibold text-brand-700">{s.label}</span>
              <span className="mt-2 block text-slate-600">{s.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
