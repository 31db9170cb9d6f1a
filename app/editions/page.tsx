import { EditionTable } from "@/components/editions/EditionTable";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { listEditionSummaries } from "@/lib/authoring/store";

export const metadata = { title: "考核版本" };
export const dynamic = "force-dynamic";

export default async function EditionsPage() {
  const user = await requirePage("editions:read", { from: "/editions" });
  const editions = await listEditionSummaries();
  const canEdit = can(user.roles, "admin:editions");
  return (
    <section>
      <PageTitle title="考核版本" subtitle={canEdit ? "每年的考核指标体系：复制上一年度为草稿，修改、试算后发布。已发布的版本不能修改。" : "各年度考核指标体系（只读）。"} />
      <EditionTable editions={editions} canEdit={canEdit} />
    </section>
  );
}
