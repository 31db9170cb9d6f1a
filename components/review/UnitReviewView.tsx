// The review screen of one unit: its submission, every item it is assessed on (grouped by
// part, with a table of contents), 加重扣分 per part, and links to its audit trail.
import Link from "next/link";
import { BulkItemsPanel } from "./BulkReview";
import { ItemReviewCard } from "./ItemReviewCard";
import { PostPenaltyForm } from "./PostPenaltyForm";
import { EVENT_LABELS, GROUP_LABELS, ITEM_STATUS_LABELS, SUBMISSION_LABELS, type UnitReviewView as View } from "@/lib/review/view-types";
import { Badge, formatTime, linkClass } from "./ui";

export function UnitReviewView({ view, canWrite, waiting }: { view: View; canWrite: boolean; waiting: string | null }) {
  const { unit, submission } = view;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <Badge tone={submission.state === "submitted" ? "amber" : submission.state === "reviewed" ? "green" : "slate"}>{SUBMISSION_LABELS[submission.state]}</Badge>
        <span>{GROUP_LABELS[unit.group]}</span>
        {submission.round > 0 ? <span>第 {submission.round} 轮提交于 {formatTime(submission.submittedAt)}</span> : <span className="text-slate-600">尚未提交自评（可录入监测发现和审核数据）</span>}
        {waiting ? <span className="font-medium text-amber-900">已等待 {waiting}</span> : null}
        {submission.reviewedAt && submission.state === "reviewed" ? <span>审核完成于 {formatTime(submission.reviewedAt)}</span> : null}
        <span className="ml-auto flex gap-4">
          <Link href={`/audit?unit=${encodeURIComponent(unit.code)}&order=asc`} className={linkClass}>
            本单位审计日志
          </Link>
          <Link href="/review" className={linkClass}>
            返回审核队列
          </Link>
        </span>
      </div>

      {view.unitEvents.length ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium">提交记录（{view.unitEvents.length}）</summary>
          <ol className="mt-2 space-y-1 text-sm">
            {view.unitEvents.map((e) => (
              <li key={e.id}>
                第 {e.round} 轮 · {formatTime(e.at)} · {EVENT_LABELS[e.action] ?? e.action}
                {e.actor ? ` · ${e.actor}` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {canWrite ? (
        <BulkItemsPanel
          editionId={view.editionId}
          unitCode={unit.code}
          items={view.items
            .filter((i) => i.status === "submitted" && !view.parts.find((p) => p.code === i.leaf.partCode)?.final)
            .map((i) => ({ code: i.leaf.code, label: i.leaf.pathNames.slice(-2).join(" · ") }))}
        />
      ) : null}

      <nav aria-label="本单位的考核指标" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">指标目录</h2>
        <ol className="grid gap-1 text-sm sm:grid-cols-2">
          {view.items.map((i) => (
            <li key={i.leaf.code}>
              <a href={`#item-${i.leaf.code}`} className={linkClass}>
                {i.leaf.pathNames.slice(-2).join(" · ")}
              </a>{" "}
              <span className="text-slate-600">
                {ITEM_STATUS_LABELS[i.status]}
                {i.review ? " · 已调整" : ""}
              </span>
            </li>
          ))}
        </ol>
      </nav>

      {view.parts
        .filter((p) => p.assessed)
        .map((p) => {
          const items = view.items.filter((i) => i.leaf.partCode === p.code);
          const penalties = view.penalties.filter((x) => x.partCode === p.code && !x.revoked);
          return (
            <section key={p.code} aria-labelledby={`part-${p.code}`} className="space-y-4">
              <h2 id={`part-${p.code}`} className="text-xl font-bold">
                {p.name}
                {p.final ? (
                  <span className="ml-2 align-middle">
                    <Badge tone="green">已定稿</Badge>
                  </span>
                ) : null}
              </h2>
              {items.length === 0 ? <p className="text-slate-600">该单位在本部分没有需要填报的指标。</p> : null}
              {items.map((i) => (
                <ItemReviewCard key={i.leaf.code} item={i} editionId={view.editionId} unitCode={unit.code} canWrite={canWrite} partFinal={p.final} />
              ))}
              {p.allowPostPenalty ? (
                <div className="rounded-lg border border-slate-200 bg-white p-4">
                  <h3 className="font-semibold">加重扣分（{p.name}）</h3>
                  <p className="text-sm text-slate-600">部门网站未更新、上报信息失实、泄密、被媒体曝光等对政府形象造成不良影响的，折算为百分制后再扣分。</p>
                  {penalties.length ? (
                    <ul className="my-2 space-y-1">
                      {penalties.map((x) => (
                        <li key={x.id}>
                          −{x.points} 分：{x.reason}
                          <span className="text-sm text-slate-600">
                            （{x.createdBy ?? "审核员"}，{formatTime(x.createdAt)}）
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="my-2 text-slate-600">暂无加重扣分。</p>
                  )}
                  {canWrite && !p.final ? <PostPenaltyForm editionId={view.editionId} unitCode={unit.code} unitName={unit.name} partCode={p.code} partName={p.name} /> : null}
                </div>
              ) : null}
            </section>
          );
        })}
    </div>
  );
}
