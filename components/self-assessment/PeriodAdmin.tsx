"use client";
// 填报期限 (admin): open the current edition for self-assessment, change its deadline, and
// grant one unit an extension with a reason. Times are Beijing time (datetime-local).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { grantExtensionAction, savePeriodAction } from "@/app/admin/periods/actions";
import { described, FieldError } from "./fields";
import { inputClass, primaryButton } from "./ui";

type PeriodProps = { opensAt: string; deadline: string; remindWorkdays: number; opensAtText: string; deadlineText: string; state: "not-open" | "open" | "closed" } | null;
type ExtensionRow = { unitCode: string; unitName: string; untilText: string; reason: string; grantedBy: string | null; grantedAtText: string; active: boolean };
type UnitOption = { code: string; name: string; group: "department" | "county" | "city" };
type Status = { tone: "ok" | "error"; text: string } | null;

const STATE_TEXT = { "not-open": "尚未开始", open: "填报中", closed: "已截止" } as const;
const NETWORK_ERROR = "网络异常，尚未保存，请重试";

function StatusLine({ status }: { status: Status }) {
  return (
    <p role="status" aria-live="polite" className={`min-h-6 ${status?.tone === "ok" ? "text-green-800" : "text-red-700"}`}>
      {status?.text}
    </p>
  );
}

export function PeriodAdmin({ editionId, period, units, extensions }: { editionId: number; period: PeriodProps; units: UnitOption[]; extensions: ExtensionRow[] }) {
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline">
          ← 返回管理
        </Link>
      </p>
      <PeriodForm editionId={editionId} period={period} />
      <ExtensionForm editionId={editionId} units={units} disabled={!period} />
      <ExtensionList extensions={extensions} />
    </div>
  );
}

function PeriodForm({ editionId, period }: { editionId: number; period: PeriodProps }) {
  const router = useRouter();
  const [opensAt, setOpensAt] = useState(period?.opensAt ?? "");
  const [deadline, setDeadline] = useState(period?.deadline ?? "");
  const [remindWorkdays, setRemindWorkdays] = useState(String(period?.remindWorkdays ?? 3));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setStatus(null);
    try {
      const res = await savePeriodAction({ editionId, opensAt, deadline, remindWorkdays: remindWorkdays.trim() === "" ? Number.NaN : Number(remindWorkdays) });
      if (res.ok) {
        setErrors({});
        setStatus({ tone: "ok", text: period ? "已保存填报期限" : "已开放自评填报" });
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setStatus({ tone: "error", text: res.error });
      }
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="period-form-title" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="period-form-title" className="text-lg font-semibold">
        自评填报期限
      </h2>
      <p className="mt-1 text-slate-700" data-testid="period-current">
        {period ? `当前：${period.opensAtText} 至 ${period.deadlineText}（${STATE_TEXT[period.state]}）` : "本年度尚未开放自评填报。"}
      </p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={described("opensAt", errors.opensAt).id} className="block font-medium">
              开始时间（北京时间）
            </label>
            <input {...described("opensAt", errors.opensAt)} type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} className={inputClass} />
            <FieldError k="opensAt" message={errors.opensAt} />
          </div>
          <div>
            <label htmlFor={described("deadline", errors.deadline).id} className="block font-medium">
              截止时间（北京时间）
            </label>
            <input {...described("deadline", errors.deadline)} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} className={inputClass} />
            <FieldError k="deadline" message={errors.deadline} />
          </div>
          <div>
            <label htmlFor={described("remindWorkdays", errors.remindWorkdays).id} className="block font-medium">
              截止前提醒（工作日）
            </label>
            <input {...described("remindWorkdays", errors.remindWorkdays)} type="number" min={0} max={30} step={1} inputMode="numeric" value={remindWorkdays} onChange={(e) => setRemindWorkdays(e.target.value)} className={inputClass} />
            <FieldError k="remindWorkdays" message={errors.remindWorkdays} />
          </div>
        </div>
        <StatusLine status={status} />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "正在保存…" : period ? "保存期限" : "开放填报"}
        </button>
      </form>
    </section>
  );
}

function ExtensionForm({ editionId, units, disabled }: { editionId: number; units: UnitOption[]; disabled: boolean }) {
  const router = useRouter();
  const [unitCode, setUnitCode] = useState("");
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setStatus(null);
    try {
      const res = await grantExtensionAction({ editionId, unitCode, until, reason });
      if (res.ok) {
        setErrors({});
        setReason("");
        setStatus({ tone: "ok", text: `已批准${res.data.unitName}延期` });
        router.refresh();
      } else {
        setErrors(res.fieldErrors ?? {});
        setStatus({ tone: "error", text: res.error });
      }
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  const groups = [
    { label: "市直部门", units: units.filter((u) => u.group === "department") },
    { label: "县（市、区）", units: units.filter((u) => u.group === "county") },
  ];
  return (
    <section aria-labelledby="ext-form-title" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="ext-form-title" className="text-lg font-semibold">
        单位延期
      </h2>
      <p className="mt-1 text-slate-700">截止后仍需补报的单位，可单独延期到指定时间；须写明理由，记入审计日志。</p>
      {disabled ? <p className="mt-2 text-amber-800">请先开放自评填报，再批准延期。</p> : null}
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <fieldset disabled={disabled} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor={described("unitCode", errors.unitCode).id} className="block font-medium">
                单位
              </label>
              <select {...described("unitCode", errors.unitCode)} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} className={inputClass}>
                <option value="">请选择单位…</option>
                {groups.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.units.map((u) => (
                      <option key={u.code} value={u.code}>
                        {u.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <FieldError k="unitCode" message={errors.unitCode} />
            </div>
            <div>
              <label htmlFor={described("until", errors.until).id} className="block font-medium">
                延期至（北京时间）
              </label>
              <input {...described("until", errors.until)} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} className={inputClass} />
              <FieldError k="until" message={errors.until} />
            </div>
          </div>
          <div>
            <label htmlFor={described("reason", errors.reason).id} className="block font-medium">
              延期理由（必填）
            </label>
            <textarea {...described("reason", errors.reason)} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
            <FieldError k="reason" message={errors.reason} />
          </div>
          <StatusLine status={status} />
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "正在保存…" : "批准延期"}
          </button>
        </fieldset>
      </form>
    </section>
  );
}

function ExtensionList({ extensions }: { extensions: ExtensionRow[] }) {
  return (
    <section aria-labelledby="ext-list-title" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="ext-list-title" className="text-lg font-semibold">
        已批准的延期
      </h2>
      {extensions.length === 0 ? (
        <p className="mt-2 text-slate-600">暂无延期。</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left" data-testid="extension-list">
            <thead className="border-b border-slate-300 text-sm text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  单位
                </th>
                <th scope="col" className="px-3 py-2">
                  延期至
                </th>
                <th scope="col" className="px-3 py-2">
                  理由
                </th>
                <th scope="col" className="px-3 py-2">
                  批准人
                </th>
                <th scope="col" className="px-3 py-2">
                  批准时间
                </th>
              </tr>
            </thead>
            <tbody>
              {extensions.map((e) => (
                <tr key={e.unitCode} className="border-b border-slate-100 align-top">
                  <td className="px-3 py-2">{e.unitName}</td>
                  <td className="px-3 py-2">
                    {e.untilText}
                    {e.active ? null : <span className="ml-2 text-sm text-slate-500">（已失效）</span>}
                  </td>
                  <td className="px-3 py-2">{e.reason}</td>
                  <td className="px-3 py-2">{e.grantedBy ?? "—"}</td>
                  <td className="px-3 py-2">{e.grantedAtText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
