import Link from "next/link";
import type { EditionSummary } from "@/lib/authoring/store";
import { EDITION_STATUS_LABELS } from "@/lib/authoring/schema";
import { CopyEditionButton, NewVersionButton } from "./EditionActions";

const STATUS_STYLE: Record<EditionSummary["status"], string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-sky-100 text-sky-900",
  active: "bg-emerald-100 text-emerald-900",
  final: "bg-slate-200 text-slate-900",
};

export function EditionTable({ editions, canEdit }: { editions: EditionSummary[]; canEdit: boolean }) {
  if (editions.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-lg">尚未导入任何考核版本。</p>;
  return (
    <table className="w-full border-collapse bg-white text-left">
      <caption className="sr-only">考核版本列表</caption>
      <thead className="bg-slate-100">
        <tr>
          <th className="p-2">年度</th>
          <th className="p-2">版本</th>
          <th className="p-2">状态</th>
          <th className="p-2 text-right">单位数</th>
          <th className="p-2 text-right">指标数（末级）</th>
          <th className="p-2 text-right">已录入事实</th>
          <th className="p-2">操作</th>
        </tr>
      </thead>
      <tbody>
        {editions.map((e) => (
          <tr key={e.id} className="border-t border-slate-200" data-edition={e.key} data-version={e.version}>
            <td className="p-2">{e.year}</td>
            <td className="p-2">
              <Link href={`/editions/${e.id}`} className="font-medium text-brand-800 underline">
                {e.name}
              </Link>
              <div className="text-sm text-slate-600">
                {e.key} · 第 {e.version} 版{e.current ? " · 当前使用" : ""}
              </div>
            </td>
            <td className="p-2">
              <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[e.status]}`}>{EDITION_STATUS_LABELS[e.status]}</span>
            </td>
            <td className="p-2 text-right">{e.units}</td>
            <td className="p-2 text-right">
              {e.items}（{e.leaves}）
            </td>
            <td className="p-2 text-right">{e.facts}</td>
            <td className="p-2">
              <div className="flex flex-wrap gap-2">
                {e.status === "draft" && canEdit ? (
                  <Link href={`/editions/${e.id}/edit`} className="underline">
                    编辑
                  </Link>
                ) : null}
                {canEdit ? <CopyEditionButton source={{ id: e.id, name: e.name, year: e.year, key: e.key }} /> : null}
                {canEdit && e.status !== "draft" && e.facts > 0 ? <NewVersionButton editionId={e.id} /> : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
