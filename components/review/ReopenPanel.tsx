"use client";
// 重新开放 a finalised part (admin only), with a reason that goes into the audit trail.
import { useId, useState, useTransition } from "react";
import { reopenPartAction } from "@/app/review/reopen/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { errorProps, FieldError, inputClass, NETWORK_ERROR, dangerButton, StatusMessage, type Status } from "./ui";

export function ReopenPanel({ editionId, partCode, partName, final }: { editionId: number; partCode: string; partName: string; final: boolean }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();

  const reopen = () =>
    start(async () => {
      const r = await reopenPartAction({ editionId, partCode, reason: reason.trim() }).catch(() => null);
      setConfirm(false);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setError(r.fieldErrors?.reason);
        return setStatus({ tone: "error", text: r.error });
      }
      setReason("");
      setStatus({ tone: "ok", text: `“${partName}”已重新开放，审核员可以继续修改。` });
    });

  // stays mounted once the part is reopened, so the outcome stays on screen (and announced)
  if (!final)
    return (
      <div className="space-y-1">
        <p className="text-slate-600">本部分尚未定稿，无需重新开放。</p>
        <StatusMessage status={status} />
      </div>
    );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) {
          setError("请填写重新开放的理由");
          return;
        }
        setError(undefined);
        setConfirm(true);
      }}
    >
      <div>
        <label htmlFor={`${id}-reason`} className="block font-medium">
          重新开放的理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
        </label>
        <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...errorProps(`${id}-reason`, { reason: error ?? "" }, error ? "reason" : "_")} />
        <FieldError id={`${id}-reason`} message={error} />
      </div>
      <button type="submit" className={dangerButton} disabled={pending}>
        重新开放“{partName}”…
      </button>
      <StatusMessage status={status} />
      <ConfirmDialog open={confirm} title={`重新开放“${partName}”？`} confirmLabel="确认重新开放" danger pending={pending} onConfirm={reopen} onClose={() => setConfirm(false)}>
        <p>重新开放后，本部分的审核数据可以再次修改，排名看板将不再显示为定稿结果。</p>
        <p className="mt-2 rounded bg-slate-100 p-2">理由：{reason}</p>
      </ConfirmDialog>
    </form>
  );
}
