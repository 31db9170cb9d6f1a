"use client";
// 加重扣分 for one unit and part (applied after normalisation); the reason is required.
import { useId, useState, useTransition } from "react";
import { addPostPenaltyAction } from "@/app/review/[unitCode]/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { errorProps, FieldError, inputClass, NETWORK_ERROR, primaryButton, StatusMessage, type FieldErrors, type Status } from "./ui";

export function PostPenaltyForm({ editionId, unitCode, unitName, partCode, partName }: { editionId: number; unitCode: string; unitName: string; partCode: string; partName: string }) {
  const id = useId();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [confirm, setConfirm] = useState(false);
  const [pending, start] = useTransition();

  const check = () => {
    const fe: FieldErrors = {};
    if (!/^\d+(\.\d{1,2})?$/.test(points.trim()) || Number(points) <= 0 || Number(points) > 100) fe.points = "扣分应为 0～100 之间的数，最多两位小数";
    if (!reason.trim()) fe.reason = "请填写加重扣分理由";
    setErrors(fe);
    if (Object.keys(fe).length) setStatus({ tone: "error", text: "请检查标出的字段" });
    else setConfirm(true);
  };
  const save = () =>
    start(async () => {
      const r = await addPostPenaltyAction({ editionId, unitCode, partCode, points: points.trim(), reason: reason.trim() }).catch(() => null);
      setConfirm(false);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return setStatus({ tone: "error", text: r.error });
      }
      setPoints("");
      setReason("");
      setErrors({});
      setStatus({ tone: "ok", text: "已记录加重扣分" });
    });

  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-[10rem_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        check();
      }}
      aria-label={`${partName}加重扣分`}
    >
      <div>
        <label htmlFor={`${id}-points`} className="block font-medium">
          扣分（百分制）<span className="ml-1 text-red-700" aria-hidden="true">*</span>
        </label>
        <input id={`${id}-points`} inputMode="decimal" value={points} onChange={(e) => setPoints(e.target.value)} className={inputClass} {...errorProps(`${id}-points`, errors, "points")} />
        <FieldError id={`${id}-points`} message={errors.points} />
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block font-medium">
          理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
        </label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：部门网站长期未更新，被媒体曝光" className={inputClass} {...errorProps(`${id}-reason`, errors, "reason")} />
        <FieldError id={`${id}-reason`} message={errors.reason} />
      </div>
      <div className="flex items-end">
        <button type="submit" className={primaryButton} disabled={pending}>
          加重扣分…
        </button>
      </div>
      <div className="sm:col-span-3">
        <StatusMessage status={status} />
      </div>
      <ConfirmDialog open={confirm} title="确认加重扣分？" confirmLabel="确认扣分" danger pending={pending} onConfirm={save} onClose={() => setConfirm(false)}>
        <p>
          {unitName}“{partName}”折算为百分制后再扣 <strong>{points}</strong> 分。
        </p>
        <p className="mt-2 rounded bg-slate-100 p-2">理由：{reason}</p>
      </ConfirmDialog>
    </form>
  );
}
