// 审核队列: units by submission status, group and part, with how long each has waited.
// Filters and sorting live in the URL, so a view can be bookmarked and shared.
import Link from "next/link";
import { formatWaiting, type QueueRow, type QueueState, type ReviewQueue, type TQueueQuery } from "@/lib/review/queue";
import { GROUP_LABELS } from "@/lib/review/view-types";
import { BulkQueueBar } from "./BulkReview";
import { Badge, formatTime, inputClass, linkClass, primaryButton, secondaryButton } from "./ui";

const DEFAULTS: TQueueQuery = { status: "all", group: "all", part: "", q: "", sort: "waiting", dir: "desc" };

function href(query: TQueueQuery, patch: Partial<TQueueQuery>): string {
  const next = { ...query, ...patch };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) if (v !== DEFAULTS[k as keyof TQueueQuery] && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `/review?${s}` : "/review";
}

const STATUS_TABS = [
  { key: "all", label: "全部" },
  { key: "submitted", label: "已提交（待审核）" },
  { key: "returned", label: "已退回（待单位修改）" },
  { key: "none", label: "未提交" },
  { key: "reviewed", label: "已审核" },
] as const;

const STATE_TONE = { submitted: "amber", returned: "red", none: "slate", reviewed: "green" } as const;

const STATE_LABELS: Record<QueueState, string> = { none: "未提交", submitted: "已提交（待审核）", returned: "已退回（待单位修改）", reviewed: "已审核" };

function SortHeader({ query, sort, label, className = "" }: { query: TQueueQuery; sort: TQueueQuery["sort"]; label: string; className?: string }) {
  const active = query.sort === sort;
  const nextDir = active && query.dir === "desc" ? "asc" : "desc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 ${className}`}>
      <Link href={href(query, { sort, dir: nextDir })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true" className="text-slate-400">
          {active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{active ? `（当前按此列${query.dir === "asc" ? "升序" : "降序"}，点击切换）` : "（点击按此列排序）"}</span>
      </Link>
    </th>
  );
}

function Progress({ row }: { row: QueueRow }) {
  const c = row.items;
  return (
    <span className="text-sm text-slate-700">
      待审 <strong className={c.submitted ? "text-amber-800" : ""}>{c.submitted}</strong> · 退回 <strong className={c.returned ? "text-red-800" : ""}>{c.returned}</strong> · 已审 {c.reviewed}/{c.total}
      {c.empty + c.draft > 0 ? <span className="text-slate-500">（未填/草稿 {c.empty + c.draft}）</span> : null}
    </span>
  );
}

const BULK_FORM = "bulk-queue-form";

export function QueueView({ queue, query, canWrite = false }: { queue: ReviewQueue; query: TQueueQuery; canWrite?: boolean }) {
  const decidable = queue.rows.filter((r) => r.items.submitted > 0).length;
  const filtered = query.group !== "all" || query.part !== "" || query.q !== "";
  return (
    <div className="space-y-5">
      <ul className="flex flex-wrap gap-2" aria-label="按状态筛选">
        {STATUS_TABS.map((t) => {
          const active = query.status === t.key;
          return (
            <li key={t.key}>
              <Link
                href={href(query, { status: t.key })}
                aria-current={active ? "true" : undefined}
                className={`block rounded-full border px-4 py-1.5 ${active ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white hover:border-brand-600"}`}
              >
                {t.label} <span data-testid={`count-${t.key}`}>{queue.counts[t.key]}</span>
              </Link>
            </li>
          );
        })}
      </ul>

      <form method="get" action="/review" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4" role="search" aria-label="筛选单位">
        {query.status !== "all" ? <input type="hidden" name="status" value={query.status} /> : null}
        {query.sort !== "waiting" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "desc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div>
          <label htmlFor="q-group" className="block font-medium">
            单位组
          </label>
          <select id="q-group" name="group" defaultValue={query.group} className={inputClass}>
            <option value="all">全部</option>
            <option value="department">{GROUP_LABELS.department}</option>
            <option value="county">{GROUP_LABELS.county}</option>
          </select>
        </div>
        <div>
          <label htmlFor="q-part" className="block font-medium">
            考核部分
          </label>
          <select id="q-part" name="part" defaultValue={query.part} className={inputClass}>
            <option value="">全部</option>
            {queue.parts.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="q-text" className="block font-medium">
            单位名称
          </label>
          <input id="q-text" name="q" defaultValue={query.q} placeholder="如：三元区" className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={primaryButton}>
            筛选
          </button>
          {filtered ? (
            <Link href={href(query, { group: "all", part: "", q: "" })} className={secondaryButton}>
              清除筛选
            </Link>
          ) : null}
        </div>
      </form>

      {queue.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-700" data-testid="queue-empty">
          {query.status === "submitted" && !filtered ? (
            <p className="text-lg">目前没有等待审核的单位。单位提交自评后会出现在这里。</p>
          ) : query.status === "reviewed" && !filtered ? (
            <p className="text-lg">还没有审核完成的单位。</p>
          ) : (
            <p className="text-lg">没有符合条件的单位。</p>
          )}
          {filtered ? (
            <p className="mt-2">
              可以
              <Link href={href(query, { group: "all", part: "", q: "" })} className={linkClass}>
                清除筛选
              </Link>
              后再看。
            </p>
          ) : null}
        </div>
      ) : (
        <div className="space-y-3">
        {canWrite ? <BulkQueueBar editionId={queue.editionId} formId={BULK_FORM} total={decidable} /> : null}
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">审核队列，共 {queue.rows.length} 个单位</caption>
            <thead className="bg-slate-100 text-sm text-slate-700">
              <tr>
                {canWrite ? (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">选择</span>
                  </th>
                ) : null}
                <SortHeader query={query} sort="unit" label="单位" />
                <SortHeader query={query} sort="group" label="单位组" />
                <SortHeader query={query} sort="status" label="状态" />
                <th scope="col" className="px-3 py-2">
                  提交时间
                </th>
                <SortHeader query={query} sort="waiting" label="已等待" />
                <SortHeader query={query} sort="open" label="指标进度" />
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.unitCode} className="border-t border-slate-100" data-testid={`queue-row-${r.unitCode}`}>
                  {canWrite ? (
                    <td className="px-3 py-2">
                      {r.items.submitted > 0 ? <input type="checkbox" form={BULK_FORM} name="unit" value={r.unitCode} className="h-4 w-4" aria-label={`选择${r.unitName}（待审 ${r.items.submitted} 项）`} /> : null}
                    </td>
                  ) : null}
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/review/${r.unitCode}`} className={linkClass}>
                      {r.unitName}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{GROUP_LABELS[r.group]}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATE_TONE[r.state]}>{STATE_LABELS[r.state]}</Badge>
                    {r.round > 1 ? <span className="ml-1 text-sm text-slate-600">第 {r.round} 轮</span> : null}
                  </td>
                  <td className="px-3 py-2 text-sm">{r.submittedAt ? formatTime(r.submittedAt) : "—"}</td>
                  <td className="px-3 py-2">
                    {r.waitingMs !== null ? (
                      <span className={r.waitingMs > 3 * 86_400_000 ? "font-medium text-red-800" : ""}>{formatWaiting(r.waitingMs)}</span>
                    ) : r.state === "returned" ? (
                      <span className="text-sm text-slate-600">等待单位修改</span>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Progress row={r} />
                    {r.adjusted > 0 ? <span className="ml-1 text-sm text-slate-600">· 审核数据 {r.adjusted}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/review/${r.unitCode}`} className={linkClass} aria-label={`审核${r.unitName}`}>
                      {r.state === "submitted" ? "审核" : "查看"}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </div>
      )}
      <p className="text-sm text-slate-600">等待时间从单位最近一次提交起算，截至 {formatTime(queue.now)}；有退回指标的单位等待的是单位修改后重新提交，不计等待审核时间。</p>
    </div>
  );
}
