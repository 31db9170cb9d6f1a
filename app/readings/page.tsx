import { ComparisonTable } from "@/components/editions/ComparisonTable";
import { ReadingChart } from "@/components/editions/ReadingChart";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { loadEditionFacts } from "@/lib/authoring/facts";
import { readingSensitivity } from "@/lib/authoring/preview";
import { getCurrentEdition } from "@/lib/editions";

export const metadata = { title: "口径敏感性" };
export const dynamic = "force-dynamic";

export default async function ReadingsPage() {
  await requirePage("dashboard:read", { from: "/readings" });
  const edition = await getCurrentEdition();
  if (!edition) {
    return (
      <section>
        <PageTitle title="口径敏感性" />
        <p>尚未导入考核版本。</p>
      </section>
    );
  }
  const input = await loadEditionFacts(edition.id, edition.key);
  const effects = readingSensitivity(edition.edition, input);
  const label = (e: (typeof effects)[number]) => `${e.key}=${e.option}`;
  return (
    <section>
      <PageTitle
        title="口径敏感性"
        subtitle={`${edition.name}（第 ${edition.version} 版）：若某一口径改用备选方案（其余口径不变），哪些单位的总分和排名会变化。用于发布结果前判断哪些歧义影响排名。`}
      />
      {input.facts.length === 0 ? <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-3">尚无录入数据，所有口径的影响均为零。</p> : null}
      <ReadingChart data={effects.map((e) => ({ label: label(e), totals: e.changed.filter((u) => u.delta !== "0.00").length, ranks: e.changed.filter((u) => (u.rankChange ?? 0) !== 0).length }))} />
      <div className="mt-8 grid gap-8">
        {effects.map((e) => (
          <section key={label(e)} aria-labelledby={`r-${label(e)}`} data-reading={label(e)}>
            <h2 id={`r-${label(e)}`} className="text-lg font-bold">
              {e.key}：{e.question}
            </h2>
            <p className="mb-2 text-slate-700">备选方案：{e.optionText}</p>
            {e.changed.length === 0 ? (
              <p className="text-slate-600">没有单位的总分或排名因此变化。</p>
            ) : (
              <ComparisonTable rows={e.changed} beforeLabel="现行口径" afterLabel="备选口径" caption={`${e.changed.length} 个单位受影响`} />
            )}
          </section>
        ))}
      </div>
    </section>
  );
}
