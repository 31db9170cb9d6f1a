// Per part: finalised or not, who still waits for review, who never submitted, and the
// history of finalisations and reopenings. The action column is passed in (finalise for
// reviewers, reopen for admins).
import Link from "next/link";
import type { FinalisePartView } from "@/lib/review/queue";
import { Badge, formatTime, linkClass } from "./ui";

export function FinaliseOverview({ parts, action, unitLinks, showPending = true }: { parts: FinalisePartView[]; action: (p: FinalisePartView) => React.ReactNode; unitLinks: boolean; showPending?: boolean }) {
  return (
    <div className="space-y-6">
      {parts.map((p) => (
        <section key={p.code} aria-labelledby={`fin-${p.code}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`finalise-${p.code}`}>
          <h2 id={`fin-${p.code}`} className="flex flex-wrap items-center gap-2 text-xl font-bold">
            {p.name}
            {p.final ? <Badge tone="green">已定稿</Badge> : <Badge tone="amber">未定稿</Badge>}
          </h2>
          {p.final ? (
            <p>
              {p.final.by ?? "审核员"}于 {formatTime(p.final.at)} 定稿。
            </p>
          ) : !showPending ? null : (
            <>
              <div>
                <h3 className="font-semibold">未审核完的单位（{p.unreviewed.length}）</h3>
                {p.unreviewed.length ? (
                  <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {p.unreviewed.map((u) => (
                      <li key={u.code}>
                        {unitLinks && u.code !== "city" ? (
                          <Link href={`/review/${u.code}`} className={linkClass}>
                            {u.name}
                          </Link>
                        ) : (
                          u.name
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-600">所有已填报的单位都已审核完。</p>
                )}
              </div>
              {p.notSubmitted.length ? (
                <p className="text-sm text-slate-600">
                  尚未提交自评的单位（{p.notSubmitted.length}）：{p.notSubmitted.map((u) => u.name).join("、")}。其未提交的草稿将在定稿时按保存的内容确认；没有数据的指标按“未填写”计。
                </p>
              ) : null}
            </>
          )}
          {action(p)}
          {p.history.length ? (
            <details>
              <summary className="cursor-pointer text-brand-700">定稿记录（{p.history.length}）</summary>
              <ol className="mt-2 space-y-1 text-sm">
                {p.history.map((h, i) => (
                  <li key={i}>
                    {formatTime(h.finalisedAt)} 由 {h.finalisedBy ?? "审核员"} 定稿
                    {h.reopenedAt ? `；${formatTime(h.reopenedAt)} 由 ${h.reopenedBy ?? "管理员"} 重新开放，理由：${h.reason ?? ""}` : ""}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </section>
      ))}
    </div>
  );
}
