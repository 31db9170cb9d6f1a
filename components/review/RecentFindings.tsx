"use client";
// The latest monitoring records and 加重扣分, newest first; a record entered by mistake can
// be 撤销 with a reason (audited; its events or penalty no longer count).
import { Fragment, useId, useState, useTransition } from "react";
import { undoFindingAction } from "@/app/review/monitoring/actions";
import type { RecentFinding } from "@/lib/review/import";
import { errorProps, FieldError, formatTime, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type Status } from "./ui";

export function RecentFindings({ rows, editionId }: { rows: RecentFinding[]; editionId: number }) {
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  return (
    <section aria-labelledby="recent-title" className="space-y-2">
      <h2 id="recent-title" className="text-xl font-bold">
        最近录入
      </h2>
      <StatusMessage status={status} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">还没有录入任何监测发现。</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="recent-findings">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  时间
                </th>
                <th scope="col" className="px-3 py-2">
                  单位
                </th>
                <th scope="col" className="px-3 py-2">
                  指标
                </th>
                <th scope="col" className="px-3 py-2">
                  内容
                </th>
                <th scope="col" className="px-3 py-2">
                  录入人
                </th>
                <th scope="col" className="px-3 py-2">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <tr className={`border-t border-slate-100 ${r.undone ? "text-slate-500" : ""}`} data-finding={r.id}>
                    <td className="whitespace-nowrap px-3 py-2">{formatTime(r.at)}</td>
                    <td className="px-3 py-2">{r.unitName}</td>
                    <td className="px-3 py-2">{r.itemName}</td>
                    <td className="px-3 py-2">
                      <span className={r.undone ? "line-through" : ""}>{r.reason}</span>
                      {r.undone ? (
                        <p className="text-slate-700">
                          已撤销（{formatTime(r.undone.at)}{r.undone.actor ? `，${r.undone.actor}` : ""}）：{r.undone.reason}
                        </p>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{r.actor}</td>
                    <td className="px-3 py-2">
                      {!r.undone && r.unitCode ? (
                        <button type="button" className="text-red-700 underline" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                          撤销<span className="sr-only">（{r.unitName} · {r.itemName}）</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {open === r.id && r.unitCode ? (
                    <tr>
                      <td colSpan={6} className="bg-red-50 px-3 py-3">
                        <UndoForm
                          row={r}
                          unitCode={r.unitCode}
                          editionId={editionId}
                          onCancel={() => setOpen(null)}
                          onDone={(s) => {
                            setStatus(s);
                            if (s?.tone === "ok") setOpen(null);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UndoForm({ row, unitCode, editionId, onCancel, onDone }: { row: RecentFinding; unitCode: string; editionId: number; onCancel: () => void; onDone: (s: Status) => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const submit = () => {
    if (!reason.trim()) return setErrors({ reason: "请填写撤销理由" });
    start(async () => {
      const r = await undoFindingAction({ editionId, id: row.id, unitCode, reason: reason.trim() }).catch(() => null);
      if (!r) return onDone({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return onDone({ tone: "error", text: r.error });
      }
      onDone({ tone: "ok", text: `已撤销：${row.unitName} · ${row.itemName}` });
    });
  };
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p>撤销后，这条录入的扣分事项（或加重扣分）不再计分；撤销会记入审计日志。</p>
      <label htmlFor={`${id}-reason`} className="block font-medium">
        撤销理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
      </label>
      <textarea id={`${id}-reason`} rows={2} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...errorProps(`${id}-reason`, errors, "reason")} />
      <FieldError id={`${id}-reason`} message={errors.reason} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "正在撤销…" : "确认撤销"}
        </button>
        <button type="button" className={secondaryButton} onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
