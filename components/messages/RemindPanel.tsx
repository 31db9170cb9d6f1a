"use client";
// 催报: the units that have not submitted are listed first; one button, one confirmation.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { sendReminderAction } from "@/app/review/remind/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { inputClass, NETWORK_ERROR, primaryButton, StatusMessage, type Status } from "@/components/review/ui";

type Unit = { unitCode: string; unitName: string; groupLabel: string; fillers: number };

export function RemindPanel({ editionId, units }: { editionId: number; units: Unit[] }) {
  const id = useId();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();
  const noAccount = units.filter((u) => u.fillers === 0);

  const send = () =>
    start(async () => {
      const r = await sendReminderAction({ editionId, unitCodes: units.map((u) => u.unitCode), note: note.trim() || undefined }).catch(() => null);
      setConfirm(false);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) return setStatus({ tone: "error", text: r.error });
      setStatus({ tone: "ok", text: `已向 ${r.data.units} 个单位发送催报（${r.data.messages} 条消息）${r.data.skipped.length ? `；${r.data.skipped.length} 个单位已在此期间提交，未发送` : ""}。` });
      router.refresh();
    });

  if (units.length === 0)
    return (
      <div className="space-y-3">
        <StatusMessage status={status} />
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-600" data-testid="remind-empty">
          所有单位都已提交自评，无需催报。
        </p>
      </div>
    );
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">尚未提交的单位（{units.length} 个）</h2>
      <table className="w-full max-w-3xl border-collapse bg-white text-left" data-testid="remind-units">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="px-3 py-2">单位</th>
            <th scope="col" className="px-3 py-2">分组</th>
            <th scope="col" className="px-3 py-2">填报员账号</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unitCode} className="border-b border-slate-100">
              <td className="px-3 py-2">{u.unitName}</td>
              <td className="px-3 py-2">{u.groupLabel}</td>
              <td className="px-3 py-2 tabular-nums">{u.fillers > 0 ? `${u.fillers} 个` : <span className="text-amber-800">无账号（收不到消息）</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="max-w-3xl">
        <label htmlFor={`${id}-note`} className="block font-medium">
          附言（可选）
        </label>
        <textarea id={`${id}-note`} className={inputClass} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="button" className={primaryButton} disabled={pending} onClick={() => setConfirm(true)}>
        向以上 {units.length} 个单位发送催报…
      </button>
      <StatusMessage status={status} />
      <ConfirmDialog open={confirm} title="确认发送催报？" confirmLabel="发送催报" pending={pending} onConfirm={send} onClose={() => setConfirm(false)}>
        <p>
          将向 {units.length} 个尚未提交的单位的填报员发送催报消息{noAccount.length ? `（其中 ${noAccount.length} 个单位没有填报员账号，收不到消息）` : ""}。发送记录将写入审计日志。
        </p>
      </ConfirmDialog>
    </div>
  );
}
