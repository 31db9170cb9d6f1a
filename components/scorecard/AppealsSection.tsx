"use client";
// 申诉 on a unit's scorecard: the window (from the office's publication), the unit's appeals
// with the reviewer's answers, and — for the unit's 填报员, while the window is open — a form
// to appeal one item with a reason and a link to evidence.
import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { fileAppealAction } from "@/app/scorecards/[unitCode]/actions";
import { errorProps, FieldError, formatTime, inputClass, NETWORK_ERROR, primaryButton, StatusMessage, type FieldErrors, type Status } from "@/components/review/ui";
import type { TAppealView, TPublicationView } from "@/lib/results/appeals";

const STATUS_LABELS: Record<TAppealView["status"], string> = { pending: "待处理", accepted: "申诉成立", rejected: "申诉驳回" };
const STATUS_TONE: Record<TAppealView["status"], string> = { pending: "bg-amber-100 text-amber-900", accepted: "bg-green-100 text-green-900", rejected: "bg-slate-200 text-slate-800" };

export function AppealList({ appeals, showUnit = false }: { appeals: TAppealView[]; showUnit?: boolean }) {
  if (appeals.length === 0) return <p className="text-slate-600">暂无申诉。</p>;
  return (
    <ol className="space-y-3" aria-label="申诉记录">
      {appeals.map((a) => (
        <li key={a.id} className="rounded border border-slate-200 p-3" data-testid={`appeal-${a.id}`}>
          <p className="font-medium">
            <span className={`mr-2 inline-block rounded px-2 py-0.5 text-sm ${STATUS_TONE[a.status]}`}>{STATUS_LABELS[a.status]}</span>
            {showUnit ? `${a.unitName} · ` : ""}
            {a.itemName}
          </p>
          <p className="text-sm text-slate-700">
            {formatTime(a.filedAt)} 提出申诉：{a.reason}
          </p>
          {a.evidence.length ? (
            <p className="text-sm">
              佐证材料：
              {a.evidence.map((e) =>
                e.url ? (
                  <a key={e.id} href={e.url} target="_blank" rel="noopener noreferrer" className="mr-2 text-brand-700 underline">
                    {e.title}
                  </a>
                ) : (
                  <span key={e.id} className="mr-2">
                    {e.title}
                  </span>
                ),
              )}
            </p>
          ) : null}
          <p className="text-sm text-slate-700">
            申诉时得分 {a.scoreBefore ?? "未计分"} / {a.max} 分
            {a.status === "accepted" ? (
              <>
                ，调整后得分 <strong data-testid="appeal-score-after">{a.scoreAfter ?? "未计分"}</strong> / {a.max} 分
              </>
            ) : null}
          </p>
          {a.decidedAt ? (
            <p className="text-sm text-slate-800">
              {formatTime(a.decidedAt)} 审核答复：{a.decisionReason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function AppealsSection({
  editionId,
  unitCode,
  publication,
  appeals,
  items,
  canFile,
  canDecide,
}: {
  editionId: number;
  unitCode: string;
  publication: TPublicationView;
  appeals: TAppealView[];
  items: { code: string; name: string }[];
  canFile: boolean;
  canDecide: boolean;
}) {
  const id = useId();
  const [itemCode, setItemCode] = useState("");
  const [reason, setReason] = useState("");
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, start] = useTransition();
  const open = Boolean(publication?.windowOpen);

  function submit() {
    const e: FieldErrors = {};
    if (!itemCode) e.itemCode = "请选择申诉的指标";
    if (!reason.trim()) e.reason = "请填写申诉理由";
    setErrors(e);
    if (Object.keys(e).length) return setStatus({ tone: "error", text: Object.values(e)[0] });
    start(async () => {
      const r = await fileAppealAction({ editionId, unitCode, itemCode, reason, evidenceUrl: url, evidenceTitle: title }).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return setStatus({ tone: "error", text: r.error });
      }
      setReason("");
      setUrl("");
      setTitle("");
      setItemCode("");
      setStatus({ tone: "ok", text: "申诉已提交，审核员答复后可在此查看" });
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="no-print mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="appeals">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        结果申诉
      </h2>
      {publication?.published ? (
        <p className="text-slate-700" data-testid="appeal-window">
          考核结果于 {formatTime(publication.publishedAt)} 公布，申诉期 {publication.appealWorkdays} 个工作日，截至 {formatTime(publication.appealDeadline)}
          {open ? "。" : "，申诉期已结束，考核结果已生效。"}
        </p>
      ) : (
        <p className="text-slate-700">考核结果尚未公布申诉期。</p>
      )}
      {canDecide ? (
        <p>
          <Link href="/review/appeals" className="text-brand-700 underline">
            前往处理申诉
          </Link>
        </p>
      ) : null}
      {canFile && open ? (
        <form
          noValidate
          className="space-y-3 rounded border border-slate-200 p-3"
          aria-label="提出申诉"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <h3 className="font-semibold">提出申诉</h3>
          <div>
            <label htmlFor={`${id}-item`} className="block font-medium">
              申诉的指标<span className="ml-1 text-red-700" aria-hidden="true">*</span>
            </label>
            <select id={`${id}-item`} value={itemCode} onChange={(e) => setItemCode(e.target.value)} className={inputClass} {...errorProps(`${id}-item`, errors, "itemCode")}>
              <option value="">请选择</option>
              {items.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-item`} message={errors.itemCode} />
          </div>
          <div>
            <label htmlFor={`${id}-reason`} className="block font-medium">
              申诉理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
            </label>
            <textarea id={`${id}-reason`} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...errorProps(`${id}-reason`, errors, "reason")} />
            <FieldError id={`${id}-reason`} message={errors.reason} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor={`${id}-url`} className="block font-medium">
                佐证材料链接（可选）
              </label>
              <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" className={inputClass} {...errorProps(`${id}-url`, errors, "evidenceUrl")} />
              <FieldError id={`${id}-url`} message={errors.evidenceUrl} />
            </div>
            <div>
              <label htmlFor={`${id}-etitle`} className="block font-medium">
                佐证材料标题（可选）
              </label>
              <input id={`${id}-etitle`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} className={inputClass} {...errorProps(`${id}-etitle`, errors, "evidenceTitle")} />
              <FieldError id={`${id}-etitle`} message={errors.evidenceTitle} />
            </div>
          </div>
          <button type="submit" className={primaryButton} disabled={pending}>
            {pending ? "正在提交…" : "提交申诉"}
          </button>
          <StatusMessage status={status} />
        </form>
      ) : null}
      <h3 className="font-semibold">申诉记录</h3>
      <AppealList appeals={appeals} />
    </section>
  );
}
