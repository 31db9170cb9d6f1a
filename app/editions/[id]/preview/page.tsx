import Link from "next/link";
import { notFound } from "next/navigation";
import { ComparisonTable } from "@/components/editions/ComparisonTable";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { loadEditionFacts } from "@/lib/authoring/facts";
import { previewDraft } from "@/lib/authoring/preview";
import { getEditionRow } from "@/lib/authoring/store";

export const metadata = { title: "试算" };
export const dynamic = "force-dynamic";

const STATUS = { mapped: "有对应数据", "no-facts": "上年无数据", new: "新增指标，无对应数据", incompatible: "上年数据与新规则不符，未计入" } as const;

export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  await requirePage("editions:read", { from: `/editions/${raw}/preview` });
  const id = Number(raw);
  const row = Number.isInteger(id) && id > 0 ? await getEditionRow(id) : null;
  if (!row) notFound();
  const source = row.sourceEditionId ? await getEditionRow(row.sourceEditionId) : null;
  if (!source) {
    return (
      <section>
        <PageTitle title="试算" />
        <p>该版本不是从其他版本复制而来，没有可用于试算的上年数据。</p>
      </section>
    );
  }
  const input = await loadEditionFacts(source.id, source.key);
  const p = previewDraft(source.edition, row.edition, input);
  const unmapped = p.items.filter((i) => i.status !== "mapped");
  const recoded = p.items.filter((i) => i.from && i.from !== i.code);
  const partly = p.items.filter((i) => i.status === "mapped" && i.dropped > 0);
  return (
    <section>
      <PageTitle title={`试算：${row.edition.name}`} subtitle={`用“${source.edition.name}”已录入的数据（按各指标的“沿用上年指标”对应，未指定的按指标代码）按本版本计分，与原版本得分、排名比较。`} />
      <p className="mb-4">
        <Link href={`/editions/${id}`} className="underline">
          ← 返回版本
        </Link>
      </p>
      {input.facts.length === 0 ? <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-3">来源版本尚无录入数据，试算结果均为空。</p> : null}
      <p className="mb-4" data-testid="preview-counts">
        已对应 {p.mappedFacts} 条数据；{p.droppedFacts} 条数据在本版本中没有对应指标或与新规则不符，未计入。
      </p>
      <ComparisonTable rows={p.units} beforeLabel="原版本" afterLabel="本版本" caption="各单位总分与排名（分组排名）" />
      {recoded.length ? (
        <section className="mt-8" aria-labelledby="recoded">
          <h2 id="recoded" className="mb-2 text-xl font-bold">
            沿用上年指标（代码不同，{recoded.length}）
          </h2>
          <ul className="ml-6 list-disc" data-testid="recoded-items">
            {recoded.map((i) => (
              <li key={i.code}>
                {i.name}（{i.code}）沿用上年 {i.from}：{STATUS[i.status]}
                {i.facts ? `，${i.facts} 条` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="mt-8" aria-labelledby="unmapped">
        <h2 id="unmapped" className="mb-2 text-xl font-bold">
          没有对应数据的指标（{unmapped.length}）
        </h2>
        {unmapped.length === 0 ? (
          <p>所有末级指标都有对应的上年数据。</p>
        ) : (
          <ul className="ml-6 list-disc" data-testid="unmapped-items">
            {unmapped.map((i) => (
              <li key={i.code}>
                {i.name}（{i.code}
                {i.from && i.from !== i.code ? `，沿用上年 ${i.from}` : ""}）：{STATUS[i.status]}
                {i.reason ? `（${i.dropped} 条，如：${i.reason}）` : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {partly.length > 0 || p.removed.length > 0 ? (
        <section className="mt-8" aria-labelledby="dropped">
          <h2 id="dropped" className="mb-2 text-xl font-bold">
            部分数据未计入
          </h2>
          <ul className="ml-6 list-disc" data-testid="dropped-items">
            {partly.map((i) => (
              <li key={i.code}>
                {i.name}（{i.code}）：计入 {i.facts} 条，未计入 {i.dropped} 条，如：{i.reason}
              </li>
            ))}
            {p.removed.map((i) => (
              <li key={i.code}>
                {i.name}（{i.code}）：本版本已删除该指标，{i.facts} 条数据未计入
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
