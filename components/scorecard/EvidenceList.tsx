// A unit's evidence entries (optionally one item's). Link entries created as demo data
// point back here: they are placeholders and say so.
import Link from "next/link";
import { DemoBadge } from "@/components/dashboard/Badges";
import { shanghaiDay } from "@/components/dashboard/format";
import { PageTitle } from "@/components/shell/PageTitle";
import type { getUnitEvidence } from "@/lib/dashboard/data";

export function EvidenceList({ data }: { data: NonNullable<Awaited<ReturnType<typeof getUnitEvidence>>> }) {
  const base = `/scorecards/${encodeURIComponent(data.unit.code)}/evidence`;
  return (
    <section>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle title={`${data.unit.name} · 佐证材料`} subtitle={data.itemName ? `指标：${data.itemName}` : `${data.meta.edition.name}：本单位全部佐证材料`} />
        {data.meta.demo ? <DemoBadge /> : null}
      </div>
      {data.itemCode ? (
        <p className="mb-4">
          <Link href={base} className="text-brand-700 underline-offset-2 hover:underline">
            查看本单位全部佐证材料
          </Link>
        </p>
      ) : null}
      {data.evidence.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-white p-6 text-slate-700">暂无佐证材料。</p>
      ) : (
        <ul className="space-y-3">
          {data.evidence.map((e) => (
            <li key={e.id} id={`ev-${e.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm target:border-amber-500 target:bg-amber-50">
              <p className="text-lg font-semibold">{e.title}</p>
              <p className="text-sm text-slate-700">
                指标：
                <Link href={`/indicators#${encodeURIComponent(e.itemCode)}`} className="text-brand-700 underline">
                  {e.itemName}
                </Link>
                {e.coversFrom ? `　覆盖期间：${e.coversFrom} 至 ${e.coversTo ?? ""}` : ""}　提交：{shanghaiDay(e.uploadedAt)}
              </p>
              {e.placeholder ? (
                <p className="mt-2 rounded-md border border-dashed border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">演示数据的占位材料：实际使用时这里是单位上传的文件或填写的网页链接。</p>
              ) : e.href ? (
                <p className="mt-2">
                  <a href={e.href} className="font-medium text-brand-700 underline" rel="noopener noreferrer">
                    {e.kind === "file" ? `打开文件 ${e.fileName ?? ""}` : `打开链接 ${e.href}`}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
