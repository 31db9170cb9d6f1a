import Link from "next/link";
import { AdminTabs } from "@/components/admin/AdminTabs";
import { secondaryButton } from "@/components/admin/fields";
import { ImportUsersForm } from "@/components/admin/ImportUsersForm";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export const metadata = { title: "批量导入用户" };

export default async function ImportUsersPage() {
  await requirePage("admin:users", { from: "/admin/users/import" });
  return (
    <section>
      <PageTitle title="批量导入用户" subtitle="用 Excel 模板一次创建多个用户；初始密码只显示一次。" />
      <AdminTabs current="users" />
      <p className="mb-4">
        <Link href="/admin/users" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回用户列表
        </Link>
      </p>
      <ol className="mb-6 max-w-3xl list-decimal space-y-1 pl-6 text-slate-700">
        <li>下载模板，在“用户”工作表中从第 2 行起每行填写一个用户：用户名、姓名、角色、单位。</li>
        <li>角色填 {ROLES.map((r) => ROLE_LABELS[r]).join("、")}，多个角色用“、”或“,”分隔。</li>
        <li>填报员必须填写单位（名称、别名或代码均可）；其他角色的单位留空。</li>
        <li>上传后系统逐行检查：只要有一行有误，整个文件都不导入，并列出每处错误。</li>
      </ol>
      <p className="mb-6">
        {/* a plain link: the route answers with the file and Content-Disposition: attachment */}
        <a href="/admin/users/import/template" className={secondaryButton} download>
          下载导入模板（.xlsx）
        </a>
      </p>
      <ImportUsersForm />
    </section>
  );
}
