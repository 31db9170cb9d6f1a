"use client";
// Records of a working-day item (edition.yaml `deadlines`, e.g. 7日公示, 政策解读): each
// record's due date on the official holiday calendar beside it, on time or not. For a
// ratio item the numerator/denominator come from the records; for a rating the reviewer
// scores with the records in view. Headings and working days are the edition's data.
import { useId, useMemo } from "react";
import { checkRecords, summarise, type DeadlineRecord } from "@/lib/review/deadlines";
import type { ReviewLeafView as LeafView } from "@/lib/review/view-types";
import { Badge, errorProps, FieldError, secondaryButton, smallInput, type FieldErrors } from "./ui";

export type RecordsDraft = { records: DeadlineRecord[]; score: string };

export function DeadlineRecordsEditor({ leaf, draft, onChange, errors }: { leaf: LeafView; draft: RecordsDraft; onChange: (d: RecordsDraft) => void; errors: FieldErrors }) {
  const id = useId();
  const workdays = leaf.workdays ?? 0;
  const checked = useMemo(() => checkRecords(draft.records, workdays), [draft.records, workdays]);
  const sum = summarise(checked);
  const isRatio = leaf.rule.type === "ratio";
  const startLabel = leaf.deadline?.startLabel ?? "起始日期";
  const doneLabel = leaf.deadline?.doneLabel ?? "完成日期";
  const set = (i: number, patch: Partial<DeadlineRecord>) => onChange({ ...draft, records: draft.records.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const points = leaf.rule.type === "ratio" ? Number(leaf.rule.points) : 0;
  const calendarNote = `期限为起始日期之后第 ${workdays} 个工作日（起始日当天不计；按国务院公布的节假日和调休安排），当天完成算按期。`;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{calendarNote}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">工作日期限记录</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1">
                名称
              </th>
              <th scope="col" className="px-2 py-1">
                {startLabel}
              </th>
              <th scope="col" className="px-2 py-1">
                {doneLabel}（未完成留空）
              </th>
              <th scope="col" className="px-2 py-1">
                期限（{workdays} 个工作日）
              </th>
              <th scope="col" className="px-2 py-1">
                结论
              </th>
              <th scope="col" className="px-2 py-1">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {checked.map((c, i) => (
              <tr key={i} className="border-t border-slate-100 align-top" data-testid="deadline-record">
                <td className="px-2 py-1">
                  <label htmlFor={`${id}-n-${i}`} className="sr-only">
                    第 {i + 1} 条名称
                  </label>
                  <input id={`${id}-n-${i}`} value={c.name} onChange={(e) => set(i, { name: e.target.value })} className={`${smallInput} w-full`} {...errorProps(`${id}-n-${i}`, errors, `records.${i}.name`)} />
                  <FieldError id={`${id}-n-${i}`} message={errors[`records.${i}.name`]} />
                </td>
                <td className="px-2 py-1">
                  <label htmlFor={`${id}-s-${i}`} className="sr-only">
                    第 {i + 1} 条{startLabel}
                  </label>
                  <input id={`${id}-s-${i}`} type="date" value={c.start} onChange={(e) => set(i, { start: e.target.value })} className={smallInput} {...errorProps(`${id}-s-${i}`, errors, `records.${i}.start`)} />
                  <FieldError id={`${id}-s-${i}`} message={errors[`records.${i}.start`]} />
                </td>
                <td className="px-2 py-1">
                  <label htmlFor={`${id}-d-${i}`} className="sr-only">
                    第 {i + 1} 条{doneLabel}
                  </label>
                  <input id={`${id}-d-${i}`} type="date" value={c.done ?? ""} onChange={(e) => set(i, { done: e.target.value || null })} className={smallInput} {...errorProps(`${id}-d-${i}`, errors, `records.${i}.done`)} />
                  <FieldError id={`${id}-d-${i}`} message={errors[`records.${i}.done`]} />
                </td>
                <td className="px-2 py-1" data-testid="deadline-due">
                  {c.due ?? (c.calendarError ? <span className="text-red-800">{c.calendarError}</span> : <span className="text-slate-500">请先填写{startLabel}</span>)}
                </td>
                <td className="px-2 py-1">
                  <Badge tone={c.status === "按期" ? "green" : c.status === "无法判断" ? "slate" : "red"}>{c.status}</Badge>
                </td>
                <td className="px-2 py-1">
                  <button type="button" className="text-red-700 underline" onClick={() => onChange({ ...draft, records: draft.records.filter((_, j) => j !== i) })} aria-label={`删除第 ${i + 1} 条记录`}>
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldError id={`${id}-records`} message={errors["records"]} />
      <button type="button" className={secondaryButton} onClick={() => onChange({ ...draft, records: [...draft.records, { name: "", start: "", done: null }] })}>
        添加记录
      </button>
      <p aria-live="polite" className="font-medium" data-testid="deadline-summary">
        按期 {sum.onTime} 条 / 共 {sum.total} 条
        {sum.undetermined ? `（${sum.undetermined} 条无法计算期限）` : ""}
        {isRatio && sum.total > 0 && !sum.undetermined ? `；按比例得分 ${points} × ${sum.onTime} ÷ ${sum.total} ≈ ${((points * sum.onTime) / sum.total).toFixed(2)} 分（保存后以系统精确计算为准）` : ""}
      </p>
      {!isRatio ? (
        <div>
          <label htmlFor={`${id}-score`} className="block font-medium">
            评分（0～{leaf.max}，结合上述记录评定）<span className="ml-1 text-red-700" aria-hidden="true">*</span>
          </label>
          <input id={`${id}-score`} inputMode="decimal" value={draft.score} onChange={(e) => onChange({ ...draft, score: e.target.value })} className={`${smallInput} w-40`} {...errorProps(`${id}-score`, errors, "score")} />
          <FieldError id={`${id}-score`} message={errors["score"] ?? errors["value.score"]} />
        </div>
      ) : null}
    </div>
  );
}
