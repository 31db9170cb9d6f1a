// 我的填报: the unit's items grouped by the indicator tree, each with its status, score,
// role and lock; the period with a live countdown, progress, and 提交自评.
import Link from "next/link";
import { Countdown } from "./Countdown";
import { scoreText } from "./ScorePanel";
import { StatusBadge } from "./StatusBadge";
import type { SubmitSummary } from "@/lib/assessment/submit-summary";
import { SubmitPanel } from "./SubmitPanel";
import { ROLE_LABELS, type ItemRow, type LockView, type PeriodInfo } from "./types";

type Entry = { kind: "row"; row: ItemRow } | { kind: "group"; group: Group };
type Group = { name: string; entries: Entry[] };

/** Nest rows by their path (part → 一级 → 二级); the last path element is the leaf itself. */
function groupRows(rows: ItemRow[]): Group {
  const root: Group = { name: "", entries: [] };
  for (const row of rows) {
    let g = root;
    for (const name of row.path.slice(0, -1)) {
      const last = g.entries[g.entries.length - 1];
      if (last?.kind === "group" && last.group.name === name) g = last.group;
      else {
        const next: Group = { name, entries: [] };
        g.entries.push({ kind: "group", group: next });
        g = next;
      }
    }
    g.entries.push({ kind: "row", row });
  }
  return root;
}

function PeriodBox({ period, lock }: { period: PeriodInfo; lock: LockView }) {
  return (
    <section aria-labelledby="period-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="period-title" className="font-semibold">
        填报期限
      </h2>
      <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">开始时间</dt>
        <dd>{period.opensAtText}（北京时间）</dd>
        <dt className="text-slate-600">截止时间</dt>
        <dd data-testid="deadline">
          {period.deadlineText}（北京时间）
          {period.extension ? null : (
            <span className="ml-3">
              <Countdown deadline={period.deadline} />
            </span>
          )}
        </dd>
        {period.extension ? (
          <>
            <dt className="text-slate-600">本单位延期至</dt>
            <dd>
              {period.extension.untilText}（北京时间）
              <span className="ml-3">
                <Countdown deadline={period.deadline} />
              </span>
              <span className="block text-sm text-slate-600">延期理由：{period.extension.reason}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {lock.editable ? null : <LockNotice message={lock.message} />}
    </section>
  );
}

export function LockNotice({ message }: { message: string }) {
  return (
    <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" data-testid="lock-reason">
      <span className="font-semibold">表单只读：</span>
      {message}
    </p>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span id="progress-label" className="font-medium">
          填报进度
        </span>
        <span data-testid="progress-text">
          已填写或不适用 {done} / {total} 项
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} / ${total} 项（${pct}%）`}
        className="mt-1 h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

type Line = { kind: "heading"; name: string; depth: number } | { kind: "row"; row: ItemRow };

/** A group's rows and subgroups in order, subgroups as heading lines (one table per top-level group). */
function flatten(group: Group, depth: number, out: Line[] = []): Line[] {
  for (const e of group.entries) {
    if (e.kind === "row") out.push({ kind: "row", row: e.row });
    else {
      out.push({ kind: "heading", name: e.group.name, depth });
      flatten(e.group, depth + 1, out);
    }
  }
  return out;
}

function RowsTable({ lines, unitCode }: { lines: Line[]; unitCode: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left">
        <thead className="border-b border-slate-300 text-sm text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              指标
            </th>
            <th scope="col" className="w-16 px-3 py-2">
              角色
            </th>
            <th scope="col" className="w-36 px-3 py-2">
              状态
            </th>
            <th scope="col" className="w-28 px-3 py-2">
              得分
            </th>
            <th scope="col" className="w-16 px-3 py-2">
              佐证
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) =>
            l.kind === "heading" ? (
              <tr key={`h-${i}`} className="border-b border-slate-200 bg-slate-50">
                <th scope="colgroup" colSpan={5} className={`px-3 py-2 text-left ${l.depth === 1 ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`} style={{ paddingLeft: `${0.75 + (l.depth - 1) * 1}rem` }}>
                  {l.name}
                </th>
              </tr>
            ) : (
              <ItemLine key={l.row.code} r={l.row} unitCode={unitCode} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ItemLine({ r, unitCode }: { r: ItemRow; unitCode: string }) {
  return (
    <tr className="border-b border-slate-100 align-top" data-testid={`item-row-${r.code}`}>
      <td className="px-3 py-2">
        <Link href={`/self-assessment/${encodeURIComponent(unitCode)}/${encodeURIComponent(r.code)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {r.name}
        </Link>
        {!r.lock.editable && r.counted === false && !r.ratedByReviewer ? <span className="block text-sm text-slate-600">{r.lock.message}</span> : null}
        {r.status === "returned" && r.returnComment ? <span className="mt-1 block rounded bg-red-50 px-2 py-1 text-sm text-red-800">审核意见：{r.returnComment}</span> : null}
      </td>
      <td className="px-3 py-2">{ROLE_LABELS[r.role]}</td>
      <td className="px-3 py-2">
        <StatusBadge status={r.status} notApplicable={r.notApplicable} ratedByReviewer={r.ratedByReviewer} />
      </td>
      <td className="px-3 py-2 tabular-nums">{scoreText(r.score)}</td>
      <td className="px-3 py-2 tabular-nums">{r.evidenceCount > 0 ? `${r.evidenceCount} 份` : "—"}</td>
    </tr>
  );
}

/** A top-level group (a part): its heading and one table; subgroups are heading rows inside it. */
function GroupView({ group, unitCode }: { group: Group; unitCode: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="item-group">
      <h2 className="text-xl font-bold">{group.name}</h2>
      <div className="mt-2">
        <RowsTable lines={flatten(group, 1)} unitCode={unitCode} />
      </div>
    </section>
  );
}

export function UnitOverview({
  editionId,
  editionName,
  unit,
  period,
  lock,
  returned,
  rows,
  submitSummary,
  canSubmit,
}: {
  editionId: number;
  editionName: string;
  unit: { code: string; name: string };
  period: PeriodInfo;
  lock: LockView;
  returned: number;
  rows: ItemRow[];
  submitSummary: SubmitSummary;
  canSubmit: boolean;
}) {
  const counted = rows.filter((r) => r.counted);
  const done = counted.filter((r) => !r.missing).length;
  const tree = groupRows(rows);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <PeriodBox period={period} lock={lock} />
        <section aria-label="进度与提交" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <Progress done={done} total={counted.length} />
          {returned > 0 ? (
            <p className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800">审核员退回了 {returned} 项，请按审核意见修改后重新提交。</p>
          ) : null}
          {canSubmit ? <SubmitPanel editionId={editionId} unitCode={unit.code} editable={lock.editable} summary={submitSummary} /> : null}
        </section>
      </div>
      <p className="text-sm text-slate-600">
        {editionName} · 共 {rows.length} 项指标，其中本单位填报 {counted.length} 项
        {rows.length > counted.length ? `；另有 ${rows.length - counted.length} 项由审核员评分或由牵头单位填报，可查看` : ""}。
      </p>
      {tree.entries.map((e, i) => (e.kind === "group" ? <GroupView key={e.group.name + i} group={e.group} unitCode={unit.code} /> : null))}
      <p>
        <Link href={`/scorecards/${encodeURIComponent(unit.code)}/evidence`} className="text-brand-700 underline underline-offset-2">
          查看本单位全部佐证材料
        </Link>
        <span aria-hidden="true"> · </span>
        <Link href={`/scorecards/${encodeURIComponent(unit.code)}`} className="text-brand-700 underline underline-offset-2">
          本单位考核结果与申诉
        </Link>
      </p>
    </div>
  );
}
