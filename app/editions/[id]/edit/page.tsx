import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftEditor } from "@/components/editions/DraftEditor";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { ruleForms } from "@/lib/authoring/rule-forms";
import { getEditionRow, getPreviousItems } from "@/lib/authoring/store";

export const metadata = { title: "编辑考核版本" };
export const dynamic = "force-dynamic";

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  await requirePage("admin:editions", { from: `/editions/${raw}/edit` });
  const id = Number(raw);
  const row = Number.isInteger(id) && id > 0 ? await getEditionRow(id) : null;
  if (!row) notFound();
  if (row.status !== "draft") {
    return (
      <section>
        <PageTitle title={row.edition.name} />
        <p>
          该版本已发布，内容不能修改。如需更改，请在
          <Link href="/editions" className="underline">
            考核版本列表
          </Link>
          中复制为新年度或新建版本。
        </p>
      </section>
    );
  }
  return (
    <section>
      <PageTitle title={`编辑草稿：${row.edition.name}`} subtitle={`${row.key} · 第 ${row.version} 版 · 每处修改即时校验，有错误时不能保存；保存记入审计日志。`} />
      <DraftEditor id={id} revision={row.revision} edition={row.edition} ruleForms={ruleForms()} previous={await getPreviousItems(row)} />
    </section>
  );
}
