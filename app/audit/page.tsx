import { AuditView } from "@/components/review/audit/AuditView";
import { ReviewNav } from "@/components/review/ReviewNav";
import { PageTitle } from "@/components/shell/PageTitle";
import { getAuditFilterOptions, listAudit, ZAuditQuery } from "@/lib/audit-view/query";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "审计日志" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("audit:read", { unit: null, from: "/audit" });
  const query = ZAuditQuery.parse(await searchParams);
  const [list, options] = await Promise.all([listAudit(query), getAuditFilterOptions()]);
  return (
    <section>
      <PageTitle title="审计日志" subtitle="对自评数据、得分、状态、延期和定稿的每一次修改：谁、何时、从哪里、改了什么、为什么。" />
      {can(user.roles, "review:read") ? <ReviewNav current="audit" /> : null}
      <AuditView query={query} options={options} rows={list.rows} total={list.total} page={list.page} pages={list.pages} adminLink={can(user.roles, "admin:editions")} />
    </section>
  );
}
