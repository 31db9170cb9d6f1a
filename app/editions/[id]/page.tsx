import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/editions/DiffView";
import { DeleteDraftButton, PublishButton } from "@/components/editions/EditionActions";
import { DocxImportForm } from "@/components/editions/DocxImportForm";
import { XlsxImportForm } from "@/components/editions/XlsxImportForm";
import { YamlImportForm } from "@/components/editions/YamlImportForm";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { diffEditions } from "@/lib/authoring/diff";
import { EDITION_STATUS_LABELS } from "@/lib/authoring/schema";
import { countItems, getEditionRow, listEditionSummaries } from "@/lib/authoring/store";
import { exportEditionYaml } from "@/lib/authoring/yaml";

export const metadata = { title: "考核版本" };
export const dynamic = "force-dynamic";

export default async function EditionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const user = await requirePage("editions:read", { from: `/editions/${raw}` });
  const id = Number(raw);
  const row = Number.isInteger(id) && id > 0 ? await getEditionRow(id) : null;
  if (!row) notFound();
  const summary = (await listEditionSummaries()).find((e) => e.id === id)!;
  const source = row.sourceEditionId ? await getEditionRow(row.sourceEditionId) : null;
  const canEdit = can(user.roles, "admin:editions");
  const isDraft = row.status === "draft";
  const counts = countItems(row.edition);
  return (
    <section>
      <PageTitle title={row.edition.name} subtitle={`${row.key} · 第 ${row.version} 版 · ${row.year} 年度 · ${EDITION_STATUS_LABELS[summary.status]}`} />
      <p className="mb-4">
        <Link href="/editions" className="underline">
          ← 返回考核版本列表
        </Link>
      </p>
      <dl className="mb-6 grid grid-cols-2 gap-2 rounded-lg bg-white p-4 sm:grid-cols-4">
        <div>
          <dt className="text-sm text-slate-600">状态</dt>
          <dd data-testid="edition-status">{EDITION_STATUS_LABELS[summary.status]}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">单位</dt>
          <dd>{row.edition.units.length}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">指标（末级）</dt>
          <dd>
            {counts.items}（{counts.leaves}）
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">已录入事实</dt>
          <dd>{summary.facts}</dd>
        </div>
      </dl>
      {isDraft && canEdit ? (
        <div className="mb-6 flex flex-wrap items-start gap-3">
          <Link href={`/editions/${id}/edit`} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600">
            编辑草稿
          </Link>
          <PublishButton id={id} revision={row.revision} name={row.edition.name} />
          <DeleteDraftButton id={id} revision={row.revision} />
        </div>
      ) : null}
      {source ? (
        <p className="mb-6">
          <Link href={`/editions/${id}/preview`} className="underline">
            试算：用“{source.edition.name}”的数据按本版本计分
          </Link>
        </p>
      ) : null}
      <section className="mb-8" aria-labelledby="exports">
        <h2 id="exports" className="mb-2 text-xl font-bold">
          导出
        </h2>
        <ul className="flex flex-wrap gap-4">
          <li>
            <a href={`/api/editions/${id}/xlsx`} className="underline">
              Excel 表格（.xlsx）
            </a>
          </li>
          {Object.keys(exportEditionYaml(row.edition)).map((f) => (
            <li key={f}>
              <a href={`/api/editions/${id}/yaml/${f}`} className="underline">
                {f}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {isDraft && canEdit ? (
        <section className="mb-8" aria-labelledby="import">
          <h2 id="import" className="mb-2 text-xl font-bold">
            从 Excel 导入
          </h2>
          <XlsxImportForm id={id} revision={row.revision} />
        </section>
      ) : null}
      {isDraft && canEdit ? (
        <section className="mb-8" aria-labelledby="import-docx">
          <h2 id="import-docx" className="mb-2 text-xl font-bold">
            从 Word 导入
          </h2>
          <DocxImportForm id={id} revision={row.revision} />
        </section>
      ) : null}
      {isDraft && canEdit ? (
        <section className="mb-8" aria-labelledby="import-yaml">
          <h2 id="import-yaml" className="mb-2 text-xl font-bold">
            从 YAML 导入
          </h2>
          <YamlImportForm id={id} revision={row.revision} />
        </section>
      ) : null}
      {source ? (
        <section aria-labelledby="diff">
          <h2 id="diff" className="mb-2 text-xl font-bold">
            与来源版本的差异（{source.edition.name} 第 {source.version} 版）
          </h2>
          <DiffView diff={diffEditions(source.edition, row.edition)} sourceName={source.edition.name} />
        </section>
      ) : null}
    </section>
  );
}
