"use client";
// One item on the review screen: the unit's inputs and score beside the reviewed inputs and
// score, each with the engine's explanation; evidence; the round history; and the three
// decisions — 通过 (with method), 调整 (inputs or a score in range; reason and method
// required), 退回 (comment required, confirmed).
import Link from "next/link";
import { useEffect, useId, useState, useTransition } from "react";
import { describeValue } from "@/lib/audit-view/diff";
import { acceptItemAction, adjustItemAction, previewAdjustmentAction, returnItemAction, saveDeadlineRecordsAction } from "@/app/review/[unitCode]/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { DeadlineRecordsEditor, type RecordsDraft } from "./DeadlineRecordsEditor";
import { EvidenceSection } from "./EvidenceSection";
import { draftFromPayload, editorErrorKey, payloadFromDraft, RULE_TYPE_LABELS, type Draft } from "@/lib/review/fact-draft";
import { FactEditor } from "./FactEditor";
import { ItemTexts } from "@/components/ui/ItemTexts";
import { EVENT_LABELS, ITEM_STATUS_LABELS, type ReviewLeafView as LeafView, type PayloadView, type ReviewItemView } from "@/lib/review/view-types";
import { Badge, errorProps, FieldError, formatTime, inputClass, linkClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type FieldErrors, type Status } from "./ui";

const STATUS_TONE = { empty: "slate", draft: "slate", submitted: "amber", returned: "red", reviewed: "green" } as const;

type Mode = null | "accept" | "adjust" | "return";

function PayloadSummary({ leaf, payload }: { leaf: LeafView; payload: PayloadView }) {
  const lines: [string, string][] = [];
  if (payload.notApplicable) lines.push(["不适用", payload.notApplicable.reason]);
  else if (payload.value !== undefined) lines.push(["填报值", describeValue(leaf.rule, payload.value, (c) => leaf.columns.find((x) => x.code === c)?.name ?? c)]);
  else lines.push(["填报值", "未填写"]);
  for (const p of leaf.preconditions) if (payload.conditions && p.code in payload.conditions) lines.push([p.label, payload.conditions[p.code] ? "满足" : "不满足"]);
  for (const m of payload.modifiers ?? []) lines.push([leaf.modifiers.find((x) => x.code === m.code)?.name ?? m.code, m.reason]);
  if (payload.override) lines.push(["核定得分", `${payload.override.score} 分（${payload.override.reason}）`]);
  if (payload.note) lines.push(["备注", payload.note]);
  return (
    <dl className="space-y-1 text-sm">
      {lines.map(([k, v], i) => (
        <div key={i} className="grid grid-cols-[5.5rem_1fr] gap-2">
          <dt className="text-slate-600">{k}</dt>
          <dd className="whitespace-pre-wrap break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Trace({ lines, label }: { lines: string[]; label: string }) {
  if (!lines.length) return null;
  return (
    <div className="mt-2">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <ol className="list-inside list-decimal text-sm text-slate-700">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ol>
    </div>
  );
}

function ScoreLine({ score, max, state }: { score: string | null; max: string; state: string }) {
  if (state === "not-applicable") return <p className="text-lg font-semibold text-slate-600">不适用</p>;
  if (score === null) return <p className="text-lg font-semibold text-slate-600">未计分（未填写）</p>;
  return (
    <p className="text-lg font-semibold">
      {score} <span className="text-base font-normal text-slate-600">/ {max} 分</span>
    </p>
  );
}

function defaultMethod(leaf: LeafView): string {
  return leaf.methods.find((m) => m !== "自评上报") ?? leaf.methods[0] ?? "网上核查";
}

function MethodSelect({ id, leaf, value, onChange, errors }: { id: string; leaf: LeafView; value: string; onChange: (v: string) => void; errors: FieldErrors }) {
  const others = ["自评上报", "网上核查", "现场检查", "在线监测", "日常监察"].filter((m) => !(leaf.methods as string[]).includes(m));
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        核查方式<span className="ml-1 text-red-700" aria-hidden="true">*</span>
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass} required {...errorProps(id, errors, "method")}>
        <option value="">请选择</option>
        {leaf.methods.length ? (
          <optgroup label="本项考核办法">
            {leaf.methods.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </optgroup>
        ) : null}
        {others.length ? (
          <optgroup label="其他">
            {others.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      <FieldError id={id} message={errors.method} />
    </div>
  );
}

type Preview = { state: "idle" | "pending" } | { state: "invalid" } | { state: "scored"; score: string | null; itemState: string; trace: string[] };

const PREVIEW_DELAY_MS = 400;

/** The engine's score for the draft, recomputed a moment after each change (advisory: saving checks again). */
function useAdjustmentPreview(active: boolean, ref: { editionId: number; unitCode: string; itemCode: string }, leaf: LeafView, draft: Draft): Preview {
  const [preview, setPreview] = useState<Preview>({ state: "idle" });
  const { editionId, unitCode, itemCode } = ref;
  useEffect(() => {
    if (!active) return;
    let current = true;
    const { payload, errors } = payloadFromDraft(leaf.rule, draft, leaf.overrideMax, "（预览）");
    const timer = setTimeout(() => {
      if (Object.keys(errors).length) return setPreview({ state: "invalid" });
      setPreview({ state: "pending" });
      void previewAdjustmentAction({ editionId, unitCode, itemCode, payload: payload as Record<string, unknown> })
        .catch(() => null)
        .then((r) => {
          if (!current) return;
          if (!r || !r.ok || !r.data.ok) return setPreview({ state: "invalid" });
          setPreview({ state: "scored", score: r.data.score, itemState: r.data.state, trace: r.data.trace });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [active, editionId, unitCode, itemCode, leaf, draft]);
  return preview;
}

function AdjustmentPreviewPanel({ preview, max }: { preview: Preview; max: string }) {
  return (
    <section aria-label="调整后得分预览" aria-live="polite" className="rounded-md border border-brand-200 bg-brand-50 p-3" data-testid="adjust-preview">
      <p className="font-semibold">
        保存后本项得分（预览）：
        {preview.state === "scored" ? (
          <span data-testid="adjust-preview-score">{preview.itemState === "not-applicable" ? "不适用" : preview.score === null ? "未计分" : `${preview.score} / ${max}`}</span>
        ) : preview.state === "invalid" ? (
          <span className="text-amber-800">数据有误，暂无法计算（保存时会标出）</span>
        ) : (
          <span className="text-slate-600">正在计算…</span>
        )}
      </p>
      {preview.state === "scored" ? <Trace lines={preview.trace} label="计分说明" /> : null}
    </section>
  );
}

export function ItemReviewCard({ item, editionId, unitCode, canWrite, partFinal }: { item: ReviewItemView; editionId: number; unitCode: string; canWrite: boolean; partFinal: boolean }) {
  const id = useId();
  const { leaf, result } = item;
  const [mode, setMode] = useState<Mode>(null);
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  const [method, setMethod] = useState(defaultMethod(leaf));
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [confirmReturn, setConfirmReturn] = useState(false);
  const basePayload = item.review?.payload ?? item.self?.payload ?? null;
  const [draft, setDraft] = useState<Draft>(() => draftFromPayload(leaf.rule, basePayload, leaf.modifiers, leaf.columns));
  const [useRecords, setUseRecords] = useState(leaf.workdays !== null);
  const [records, setRecords] = useState<RecordsDraft>(() => ({
    records: item.records,
    score: leaf.rule.type === "rating" ? String((basePayload?.value as { score?: string } | undefined)?.score ?? "") : "",
  }));

  const ref = { editionId, unitCode, itemCode: leaf.code };
  const preview = useAdjustmentPreview(mode === "adjust" && !(useRecords && leaf.workdays !== null), ref, leaf, draft);
  const canDecide = canWrite && !partFinal;
  const submitted = item.status === "submitted" || item.status === "returned" || item.status === "reviewed";
  const selfTrace = result.self.trace ?? (result.source === "self" ? result.trace : []);
  const open = (m: Mode) => {
    setMode(mode === m ? null : m);
    setErrors({});
    setStatus(null);
  };
  const done = (text: string) => {
    setMode(null);
    setErrors({});
    setComment("");
    setReason("");
    setStatus({ tone: "ok", text });
  };
  const fail = (r: { error: string; fieldErrors?: Record<string, string> }) => {
    const fe: FieldErrors = {};
    for (const [k, v] of Object.entries(r.fieldErrors ?? {})) fe[editorErrorKey(k.replace(/^payload\./, ""), draft)] = v;
    setErrors(fe);
    setStatus({ tone: "error", text: r.error });
  };

  const accept = () => {
    if (!method) return fail({ error: "请选择核查方式", fieldErrors: { method: "请选择核查方式" } });
    start(async () => {
      const r = await acceptItemAction({ ...ref, method, comment: comment.trim() || undefined }).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (r.ok) done("已通过");
      else fail(r);
    });
  };

  const sendReturn = () => {
    start(async () => {
      const r = await returnItemAction({ ...ref, comment: comment.trim() }).catch(() => null);
      setConfirmReturn(false);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (r.ok) done("已退回，单位修改后可重新提交");
      else fail(r);
    });
  };

  const adjust = () => {
    const fe: FieldErrors = {};
    if (!method) fe.method = "请选择核查方式";
    if (!reason.trim()) fe.reason = "请填写调整理由";
    if (useRecords && leaf.workdays !== null) {
      records.records.forEach((r, i) => {
        if (!r.name.trim()) fe[`records.${i}.name`] = "请填写名称";
        if (!r.start) fe[`records.${i}.start`] = "请填写日期";
      });
      if (leaf.rule.type === "ratio" && records.records.length === 0) fe.records = "请至少录入一条记录";
      if (leaf.rule.type === "rating" && !records.score.trim()) fe.score = "请填写评分";
      if (Object.keys(fe).length) return fail({ error: "请检查标出的字段", fieldErrors: fe });
      start(async () => {
        const r = await saveDeadlineRecordsAction({ ...ref, records: records.records.map((x) => ({ ...x, name: x.name.trim() })), score: records.score.trim() || undefined, method, reason: reason.trim() }).catch(() => null);
        if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
        if (r.ok) done(`已保存调整：审核后得分 ${r.data.result.score?.display ?? "—"} 分`);
        else fail(r);
      });
      return;
    }
    const { payload, errors: pe } = payloadFromDraft(leaf.rule, draft, leaf.overrideMax, reason);
    Object.assign(fe, pe);
    if (Object.keys(fe).length) return fail({ error: "请检查标出的字段", fieldErrors: fe });
    start(async () => {
      const r = await adjustItemAction({ ...ref, method, reason: reason.trim(), payload }).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (r.ok) done(`已保存调整：审核后得分 ${r.data.result.score?.display ?? "—"} 分`);
      else fail(r);
    });
  };

  return (
    <article id={`item-${leaf.code}`} aria-labelledby={`${id}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`item-${leaf.code}`}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-sm text-slate-600">{leaf.pathNames.slice(0, -1).join(" › ")}</p>
          <h3 id={`${id}-title`} className="text-lg font-bold">
            {leaf.name}
            <span className="ml-2 text-sm font-normal text-slate-600">
              {leaf.code} · 满分 {leaf.max} · {RULE_TYPE_LABELS[leaf.rule.type]}
              {leaf.cityLevel ? " · 全市统一考核项" : ""}
              {item.role === "cooperate" ? " · 本单位配合" : ""}
            </span>
          </h3>
          {leaf.methods.length > 0 ? (
            <p className="text-sm text-slate-600" data-testid="item-methods">
              考核办法：{leaf.methods.join("、")}
            </p>
          ) : null}
        </div>
        <Badge tone={STATUS_TONE[item.status]}>{ITEM_STATUS_LABELS[item.status]}</Badge>
      </header>

      {item.status === "returned" && item.self?.returnComment ? (
        <p className="mt-2 rounded bg-red-50 px-3 py-2 text-red-900">退回意见：{item.self.returnComment}</p>
      ) : null}

      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <section aria-label="单位自评" className="rounded-md bg-slate-50 p-3">
          <h4 className="font-semibold">单位自评</h4>
          <ScoreLine score={result.self.score?.display ?? null} max={result.max.display} state={result.self.state} />
          {item.self ? (
            <>
              <PayloadSummary leaf={leaf} payload={item.self.payload} />
              <p className="mt-1 text-sm text-slate-500">
                {item.self.updatedBy ? `${item.self.updatedBy} ` : ""}保存于 {formatTime(item.self.updatedAt)}
              </p>
            </>
          ) : (
            <p className="text-slate-600">单位未填写此项。</p>
          )}
          <Trace lines={selfTrace} label="计分说明" />
        </section>
        <section aria-label="审核后" className={`rounded-md p-3 ${result.source === "review" ? "bg-brand-50" : "bg-slate-50"}`}>
          <h4 className="font-semibold">审核后{result.overridden ? "（核定得分）" : ""}</h4>
          <ScoreLine score={result.score?.display ?? null} max={result.max.display} state={result.state} />
          {item.review ? (
            <>
              <PayloadSummary leaf={leaf} payload={item.review.payload} />
              <p className="mt-1 text-sm text-slate-500">审核数据保存于 {formatTime(item.review.updatedAt)}</p>
              <Trace lines={result.trace} label="计分说明" />
            </>
          ) : (
            <p className="text-slate-600">未调整：按单位自评计分。</p>
          )}
        </section>
      </div>

      <EvidenceSection editionId={editionId} unitCode={unitCode} itemCode={leaf.code} evidence={item.evidence} />

      {item.evidenceMissing ? (
        <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="evidence-missing">
          本项考核办法（{leaf.methods.join("、")}）要求佐证材料，单位尚未上传。
        </p>
      ) : null}

      <section aria-label="计分规则" className="mt-2 text-sm text-slate-700">
        <p data-testid="rule-description">
          <span className="font-medium">计分规则：</span>
          {leaf.description}
        </p>
        <details className="mt-1">
          <summary className="cursor-pointer text-brand-700">考核原文与口径说明</summary>
          <div className="whitespace-pre-wrap">
            <ItemTexts leaf={leaf} />
          </div>
        </details>
      </section>

      <details className="mt-2" open={item.events.length > 0 && item.events.length <= 3}>
        <summary className="cursor-pointer text-brand-700">审核记录（{item.events.length}）</summary>
        {item.events.length ? (
          <ol className="mt-2 space-y-1 text-sm" data-testid="item-history">
            {item.events.map((e) => (
              <li key={e.id}>
                <span className="text-slate-600">第 {e.round} 轮 · {formatTime(e.at)}</span> <strong>{EVENT_LABELS[e.action] ?? e.action}</strong>
                {e.method ? `（${e.method}）` : ""}
                {e.actor ? ` · ${e.actor}` : ""}
                {e.comment ? `：${e.comment}` : ""}
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-slate-600">暂无审核记录。</p>
        )}
      </details>
      <Link href={`/audit?unit=${encodeURIComponent(unitCode)}&item=${encodeURIComponent(leaf.code)}&order=asc`} className={`${linkClass} mt-1 inline-block text-sm`}>
        查看本项审计日志
      </Link>

      {canDecide ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <div className="flex flex-wrap gap-2" role="group" aria-label={`${leaf.name}的审核操作`}>
            <button type="button" className={mode === "accept" ? primaryButton : secondaryButton} aria-expanded={mode === "accept"} disabled={!submitted || item.status === "reviewed"} onClick={() => open("accept")} title={!submitted ? "单位尚未提交此项" : undefined}>
              通过
            </button>
            <button type="button" className={mode === "adjust" ? primaryButton : secondaryButton} aria-expanded={mode === "adjust"} onClick={() => open("adjust")}>
              调整
            </button>
            <button type="button" className={mode === "return" ? primaryButton : secondaryButton} aria-expanded={mode === "return"} disabled={!submitted || item.status === "returned"} onClick={() => open("return")}>
              退回
            </button>
          </div>

          {mode === "accept" ? (
            <form
              noValidate
              className="mt-3 grid gap-3 sm:grid-cols-[14rem_1fr_auto]"
              onSubmit={(e) => {
                e.preventDefault();
                accept();
              }}
            >
              <MethodSelect id={`${id}-accept-method`} leaf={leaf} value={method} onChange={setMethod} errors={errors} />
              <div>
                <label htmlFor={`${id}-accept-comment`} className="block font-medium">
                  意见（可选）
                </label>
                <input id={`${id}-accept-comment`} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />
              </div>
              <div className="flex items-end">
                <button type="submit" className={primaryButton} disabled={pending}>
                  {pending ? "正在保存…" : "确认通过"}
                </button>
              </div>
            </form>
          ) : null}

          {mode === "return" ? (
            <form
              noValidate
              className="mt-3 space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                if (!comment.trim()) return fail({ error: "请填写退回意见", fieldErrors: { comment: "请填写退回意见" } });
                setErrors({});
                setStatus(null);
                setConfirmReturn(true);
              }}
            >
              <div>
                <label htmlFor={`${id}-return-comment`} className="block font-medium">
                  退回意见<span className="ml-1 text-red-700" aria-hidden="true">*</span>
                </label>
                <textarea id={`${id}-return-comment`} autoFocus rows={3} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} required {...errorProps(`${id}-return-comment`, errors, "comment", `${id}-return-hint`)} />
                <p id={`${id}-return-hint`} className="mt-1 text-sm text-slate-600">
                  单位将看到这条意见，修改此项后重新提交。
                </p>
                <FieldError id={`${id}-return-comment`} message={errors.comment} />
              </div>
              <button type="submit" className={primaryButton} disabled={pending}>
                退回…
              </button>
              <ConfirmDialog open={confirmReturn} title={`退回“${leaf.name}”？`} confirmLabel="确认退回" danger pending={pending} onConfirm={sendReturn} onClose={() => setConfirmReturn(false)}>
                <p>退回后该单位可以修改此项并重新提交，其余各项保持锁定。</p>
                <p className="mt-2 rounded bg-slate-100 p-2">意见：{comment}</p>
              </ConfirmDialog>
            </form>
          ) : null}

          {mode === "adjust" ? (
            <form
              noValidate
              className="mt-3 space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                adjust();
              }}
            >
              {leaf.workdays !== null ? (
                <div className="flex flex-wrap gap-4" role="radiogroup" aria-label="调整方式">
                  <label className="flex items-center gap-2">
                    <input type="radio" name={`${id}-mode`} checked={useRecords} onChange={() => setUseRecords(true)} />
                    按记录逐条核对期限（{leaf.workdays} 个工作日）
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" name={`${id}-mode`} checked={!useRecords} onChange={() => setUseRecords(false)} />
                    直接编辑数值或核定得分
                  </label>
                </div>
              ) : null}
              {useRecords && leaf.workdays !== null ? (
                <DeadlineRecordsEditor leaf={leaf} draft={records} onChange={setRecords} errors={errors} />
              ) : (
                <FactEditor id={`${id}-fact`} leaf={leaf} draft={draft} onChange={setDraft} errors={errors} />
              )}
              <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
                <MethodSelect id={`${id}-adjust-method`} leaf={leaf} value={method} onChange={setMethod} errors={errors} />
                <div>
                  <label htmlFor={`${id}-adjust-reason`} className="block font-medium">
                    调整理由<span className="ml-1 text-red-700" aria-hidden="true">*</span>
                  </label>
                  <textarea id={`${id}-adjust-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} required {...errorProps(`${id}-adjust-reason`, errors, "reason")} />
                  <FieldError id={`${id}-adjust-reason`} message={errors.reason} />
                </div>
              </div>
              {!(useRecords && leaf.workdays !== null) ? <AdjustmentPreviewPanel preview={preview} max={result.max.display} /> : null}
              {errors._ ? <p className="text-red-700">{errors._}</p> : null}
              <div className="flex gap-2">
                <button type="submit" className={primaryButton} disabled={pending}>
                  {pending ? "正在保存…" : "保存调整"}
                </button>
                <button type="button" className={secondaryButton} onClick={() => setMode(null)}>
                  取消
                </button>
              </div>
            </form>
          ) : null}
        </div>
      ) : partFinal ? (
        <p className="mt-3 text-sm text-slate-600">本部分已定稿，如需修改须由管理员重新开放。</p>
      ) : null}
      <StatusMessage status={status} />
    </article>
  );
}
