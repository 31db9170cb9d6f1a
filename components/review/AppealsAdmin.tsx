"use client";
// 结果公布与申诉 for reviewers: the per-edition switch that publishes provisional results to
// the units (and opens the appeal window of N working days), and each appeal with its answer:
// 申诉成立 (the item's score set, with 核查方式 and reason: an ordinary audited adjustment)
// or 驳回 (reason).
import { useId, useState, useTransition } from "react";
import { decideAppealAction, publishResultsAction } from "@/app/review/appeals/actions";
import { AppealList } from "@/components/scorecard/AppealsSection";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import type { TAppealView, TPublicationView } from "@/lib/results/appeals";
import { VERIFICATION_METHOD_LIST } from "@/lib/review/view-types";
import { errorProps, FieldError, formatTime, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type FieldErrors, type Status } from "./ui";

function PublishPanel({ editionId, publication }: { editionId: number; publication: TPublicationView }) {
  const id = useId();
  const [days, setDays] = useState(String(publication?.appealWorkdays ?? 5));
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirm, setConfirm] = useState<boolean | null>(null);
  const [pending, start] = useTransition();
  const published = Boolean(publication?.published);

  function run(publish: boolean) {
    start(async () => {
      const r = await publishResultsAction({ editionId, published: publish, appealWorkdays: Number(days) }).catch(() => null);
      setConfirm(null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return setStatus({ tone: "error", text: r.error });
      }
      setErrors({});
      setStatus({ tone: "ok", text: publish ? "已公布考核结果，申诉期已开始" : "已撤回公布" });
    });
  }

  return (
    <section aria-labelledby={`${id}-t`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="publish-panel">
      <h2 id={`${id}-t`} className="text-lg font-semibold">
        结果公布
      </h2>
      {published && publication ? (
        <p data-testid="publication-state">
          已于 {formatTime(publication.publishedAt)} 公布（定稿前为暂定结果），申诉期 {publication.appealWorkdays} 个工作日，截至 {formatTime(publication.appealDeadline)}
          {publication.windowOpen ? "。" : "，已结束。"}
        </p>
      ) : (
        <p data-testid="publication-state">尚未向各单位公布考核结果：填报员看不到本单位记分卡（定稿后自动可见）。</p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-days`} className="block font-medium">
            申诉期（公布后的工作日数）
          </label>
          <input id={`${id}-days`} type="number" min={1} max={30} value={days} onChange={(e) => setDays(e.target.value)} className={`${inputClass} w-32`} {...errorProps(`${id}-days`, errors, "appealWorkdays")} />
          <FieldError id={`${id}-days`} message={errors.appealWorkdays} />
        </div>
        <button type="button" className={primaryButton} disabled={pending} onClick={() => setConfirm(true)}>
          {published ? "更新申诉期" : "公布考核结果"}
        </button>
        {published ? (
          <button type="button" className={secondaryButton} disabled={pending} onClick={() => setConfirm(false)}>
            撤回公布
          </button>
        ) : null}
      </div>
      <StatusMessage status={status} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? "向各单位公布考核结果？" : "撤回公布？"}
        confirmLabel={confirm ? "确认公布" : "确认撤回"}
        danger={confirm === false}
        pending={pending}
        onConfirm={() => run(Boolean(confirm))}
        onClose={() => setConfirm(null)}
      >
        {confirm ? <p>各单位填报员将看到本单位记分卡（含审核调整及理由），并可在 {days} 个工作日内（按国家法定节假日和调休计算）提出申诉。</p> : <p>撤回后，未定稿的结果对各单位不可见，也不能再申诉。</p>}
      </ConfirmDialog>
    </section>
  );
}

function DecideForm({ appeal, onDone }: { appeal: TAppealView; onDone: (text: string) => void }) {
  const id = useId();
  const [score, setScore] = useState(appeal.scoreBefore && /^\d/.test(appeal.scoreBefore) ? appeal.scoreBefore : "");
  const [method, setMethod] = useState("网上核查");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();

  function run(decision: "accept" | "reject") {
    const e: FieldErrors = {};
    if (!reason.trim()) e.reason = decision === "accept" ? "请填写处理理由" : "请填写驳回理由";
    if (decision === "accept" && !score.trim()) e.score = "请填写调整后的得分";
    setErrors(e);
    if (Object.keys(e).length) return setStatus({ tone: "error", text: Object.values(e)[0] });
    start(async () => {
      const r = await decideAppealAction(decision === "accept" ? { appealId: appeal.id, decision, method, score, reason } : { appealId: appeal.id, decision, reason }).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return setStatus({ tone: "error", text: r.error });
      }
      // the form goes away with the answered appeal: the page announces the result
      onDone(decision === "accept" ? `${appeal.unitName}“${appeal.itemName}”：申诉成立，得分调整为 ${r.data.scoreAfter ?? "—"}` : `${appeal.unitName}“${appeal.itemName}”：已驳回申诉`);
    });
  }

  return (
    <form noValidate aria-label={`处理申诉：${appeal.unitName} ${appeal.itemName}`} className="mt-2 space-y-3 rounded border border-slate-200 bg-slate-50 p-3" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-score`} className="block font-medium">
            调整后得分（满分 {appeal.max}）
          </label>
          <input id={`${id}-score`} inputMode="decimal" value={score} onChange={(e) => setScore(e.target.value)} className={inputClass} {...errorProps(`${id}-score`, errors, "score")} />
          <FieldError id={`${id}-score`} message={errors.score} />
        </div>
        <div>
          <label htmlFor={`${id}-method`} className="block font-medium">
            核查方式
          </label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value)} className={inputClass} {...errorProps(`${id}-method`, errors, "method")}>
            {VERIFICATION_METHOD_LIST.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-method`} message={errors.method} />
        </div>
        <div>
          <label htmlFor={`${id}-reason`} className="block font-medium">
            处理理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
          </label>
          <textarea id={`${id}-reason`} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...errorProps(`${id}-reason`, errors, "reason")} />
          <FieldError id={`${id}-reason`} message={errors.reason} />
        </div>
      </div>
      <div className="flex gap-3">
        <button type="button" className={primaryButton} disabled={pending} onClick={() => run("accept")}>
          申诉成立并调整得分
        </button>
        <button type="button" className={secondaryButton} disabled={pending} onClick={() => run("reject")}>
          驳回申诉
        </button>
      </div>
      <StatusMessage status={status} />
    </form>
  );
}

export function AppealsAdmin({ editionId, publication, appeals, canWrite }: { editionId: number; publication: TPublicationView; appeals: TAppealView[]; canWrite: boolean }) {
  const [done, setDone] = useState<Status>(null);
  const pending = appeals.filter((a) => a.status === "pending");
  const answered = appeals.filter((a) => a.status !== "pending");
  return (
    <div className="space-y-6">
      {canWrite ? <PublishPanel editionId={editionId} publication={publication} /> : null}
      <section aria-labelledby="pending-appeals" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="pending-appeals" className="text-lg font-semibold">
          待处理的申诉（{pending.length}）
        </h2>
        <div data-testid="appeal-result">
          <StatusMessage status={done} />
        </div>
        {pending.length === 0 ? <p className="text-slate-600">暂无待处理的申诉。</p> : null}
        {pending.map((a) => (
          <div key={a.id} className="border-t border-slate-100 pt-3">
            <AppealList appeals={[a]} showUnit />
            {canWrite ? <DecideForm appeal={a} onDone={(text) => setDone({ tone: "ok", text })} /> : null}
          </div>
        ))}
      </section>
      <section aria-labelledby="done-appeals" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="done-appeals" className="text-lg font-semibold">
          已处理的申诉（{answered.length}）
        </h2>
        <AppealList appeals={answered} showUnit />
      </section>
    </div>
  );
}
