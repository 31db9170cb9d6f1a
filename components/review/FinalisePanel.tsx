"use client";
// 定稿 one part: lists the units still unreviewed; with "其余按提交内容确认" their submitted
// items are accepted as they are. Confirmed in a dialog: afterwards nothing in the part
// changes until an admin reopens it.
import { useId, useState, useTransition } from "react";
import { finalisePartAction } from "@/app/review/finalise/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { NETWORK_ERROR, primaryButton, StatusMessage, type Status } from "./ui";

export function FinalisePanel({ editionId, partCode, partName, unreviewed, final }: { editionId: number; partCode: string; partName: string; unreviewed: string[]; final: boolean }) {
  const id = useId();
  const [acceptRemaining, setAcceptRemaining] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();
  const blocked = unreviewed.length > 0 && !acceptRemaining;

  const finalise = () =>
    start(async () => {
      const r = await finalisePartAction({ editionId, partCode, acceptRemaining }).catch(() => null);
      setConfirm(false);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) return setStatus({ tone: "error", text: r.error });
      setStatus({ tone: "ok", text: `“${partName}”已定稿${r.data.acceptedAsSubmitted ? `，${r.data.acceptedAsSubmitted} 个单位按提交内容确认` : ""}。` });
    });

  // stays mounted once the part is final, so the outcome stays on screen (and announced)
  if (final)
    return (
      <div className="space-y-1">
        <p className="text-sm text-slate-600">如需修改，请联系管理员在“重新开放定稿”页面说明理由后重新开放。</p>
        <StatusMessage status={status} />
      </div>
    );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (blocked) {
          setStatus({ tone: "error", text: `还有 ${unreviewed.length} 个单位未审核完。请先审核，或勾选“其余按提交内容确认”。` });
          return;
        }
        setConfirm(true);
      }}
    >
      {unreviewed.length > 0 ? (
        <label className="flex items-start gap-2">
          <input id={`${id}-rest`} type="checkbox" className="mt-1" checked={acceptRemaining} onChange={(e) => setAcceptRemaining(e.target.checked)} />
          <span>
            其余按提交内容确认
            <span className="block text-sm text-slate-600">上面 {unreviewed.length} 个单位尚未审核的指标，将按其提交（或保存）的内容计分，并记入审核记录。</span>
          </span>
        </label>
      ) : null}
      <button type="submit" className={primaryButton} disabled={pending}>
        定稿“{partName}”…
      </button>
      <StatusMessage status={status} />
      <ConfirmDialog open={confirm} title={`确认定稿“${partName}”？`} confirmLabel="确认定稿" pending={pending} onConfirm={finalise} onClose={() => setConfirm(false)}>
        <p>定稿后本部分的自评、审核数据和加重扣分都不能再修改，只有管理员可以说明理由后重新开放。</p>
        {acceptRemaining && unreviewed.length ? <p className="mt-2">{unreviewed.length} 个未审核完的单位将按提交内容确认：{unreviewed.slice(0, 10).join("、")}{unreviewed.length > 10 ? "等" : ""}。</p> : null}
      </ConfirmDialog>
    </form>
  );
}
