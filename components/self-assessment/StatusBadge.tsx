import { STATUS_LABELS, type ItemStatus } from "./types";

const TONES: Record<ItemStatus, string> = {
  empty: "bg-slate-100 text-slate-700 ring-slate-300",
  draft: "bg-amber-50 text-amber-900 ring-amber-300",
  submitted: "bg-sky-50 text-sky-900 ring-sky-300",
  returned: "bg-red-50 text-red-800 ring-red-300",
  reviewed: "bg-green-50 text-green-800 ring-green-300",
};

export function StatusBadge({ status, notApplicable, ratedByReviewer = false }: { status: ItemStatus; notApplicable: boolean; ratedByReviewer?: boolean }) {
  if (ratedByReviewer && (status === "empty" || status === "draft")) {
    return <span className="inline-block rounded bg-slate-50 px-2 py-0.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300">待审核员评分</span>;
  }
  // an item marked 不适用 (or an opt-in item not joined) reads 不适用 until it is submitted
  const showNa = notApplicable && (status === "empty" || status === "draft");
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`inline-block rounded px-2 py-0.5 text-sm ring-1 ring-inset ${showNa ? "bg-violet-50 text-violet-800 ring-violet-300" : TONES[status]}`}>
        {showNa ? "不适用" : STATUS_LABELS[status]}
      </span>
      {notApplicable && !showNa ? <span className="inline-block rounded bg-violet-50 px-2 py-0.5 text-sm text-violet-800 ring-1 ring-inset ring-violet-300">不适用</span> : null}
    </span>
  );
}
