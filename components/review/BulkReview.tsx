"use client";
// Bulk review (issue #19 §4): tick many items (or, in the queue, many units) → 通过 with one
// 核查方式, or 退回 with one comment, after one confirmation. Plain checkboxes and buttons,
// so it works from the keyboard (Tab, Space, Enter); the result is announced in a live region.
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { bulkReviewItemsAction } from "@/app/review/[unitCode]/actions";
import { bulkReviewUnitsAction } from "@/app/review/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { VERIFICATION_METHOD_LIST } from "@/lib/review/view-types";
import { errorProps, FieldError, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type FieldErrors, type Status } from "./ui";

type Decision = "accept" | "return";
type Outcome = { ok: true; data: { decided: number } } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** The decision half: which decision, its method or comment, one confirmation, the status line. */
function DecisionControls({ count, noun, onRun }: { count: number; noun: string; onRun: (d: { decision: Decision; method?: string; comment?: string }) => Promise<Outcome> }) {
  const id = useId();
  const [method, setMethod] = useState("网上核查");
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [confirm, setConfirm] = useState<Decision | null>(null);
  const [pending, start] = useTransition();

  function ask(decision: Decision) {
    const e: FieldErrors = {};
    if (count === 0) e.selection = `请先勾选${noun}`;
    if (decision === "accept" && !method) e.method = "请选择核查方式";
    if (decision === "return" && !comment.trim()) e.comment = "批量退回须填写退回意见";
    setErrors(e);
    if (Object.keys(e).length) return setStatus({ tone: "error", text: Object.values(e)[0] });
    setStatus(null);
    setConfirm(decision);
  }

  function run() {
    const decision = confirm!;
    start(async () => {
      const r = await onRun(decision === "accept" ? { decision, method, comment: comment.trim() || undefined } : { decision, comment: comment.trim() }).catch(() => null);
      setConfirm(null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        return setStatus({ tone: "error", text: r.error });
      }
      setComment("");
      setStatus({ tone: "ok", text: `已${decision === "accept" ? "通过" : "退回"} ${r.data.decided} 项指标` });
    });
  }

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-method`} className="block font-medium">
            核查方式（通过时）
          </label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value)} className={inputClass} {...errorProps(`${id}-method`, errors, "method")}>
            <option value="">请选择</option>
            {VERIFICATION_METHOD_LIST.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-method`} message={errors.method} />
        </div>
        <div>
          <label htmlFor={`${id}-comment`} className="block font-medium">
            意见（退回时必填）
          </label>
          <textarea id={`${id}-comment`} value={comment} maxLength={2000} rows={2} onChange={(e) => setComment(e.target.value)} className={inputClass} {...errorProps(`${id}-comment`, errors, "comment")} />
          <FieldError id={`${id}-comment`} message={errors.comment} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <span aria-live="polite" data-testid="bulk-count">
          已选 {count} {noun === "指标" ? "项" : "个单位"}
        </span>
        <button type="button" className={primaryButton} disabled={pending} onClick={() => ask("accept")}>
          批量通过
        </button>
        <button type="button" className={secondaryButton} disabled={pending} onClick={() => ask("return")}>
          批量退回
        </button>
      </div>
      <StatusMessage status={status} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === "accept" ? `通过所选 ${count} ${noun === "指标" ? "项指标" : "个单位的待审指标"}？` : `退回所选 ${count} ${noun === "指标" ? "项指标" : "个单位的待审指标"}？`}
        confirmLabel={confirm === "accept" ? "确认批量通过" : "确认批量退回"}
        danger={confirm === "return"}
        pending={pending}
        onConfirm={run}
        onClose={() => setConfirm(null)}
      >
        {confirm === "accept" ? <p>核查方式：{method}。每项指标各记一条审计记录；任何一项不能通过时，整批都不保存。</p> : <p>退回意见：{comment}。每项指标各记一条审计记录；任何一项不能退回时，整批都不保存。</p>}
      </ConfirmDialog>
    </div>
  );
}

/** A "select all" box that shows the mixed state when some are ticked. */
function SelectAll({ total, checked, onChange, label }: { total: number; checked: number; onChange: (all: boolean) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = checked > 0 && checked < total;
  }, [checked, total]);
  return (
    <label className="inline-flex items-center gap-2 font-medium">
      <input ref={ref} type="checkbox" className="h-4 w-4" checked={total > 0 && checked === total} disabled={total === 0} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export type BulkItem = { code: string; label: string };

/** On a unit's review page: the items waiting for review, ticked and decided together. */
export function BulkItemsPanel({ editionId, unitCode, items }: { editionId: number; unitCode: string; items: BulkItem[] }) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const codes = items.map((i) => i.code);
  // items decided elsewhere drop out of the selection
  const selected = codes.filter((c) => picked.has(c));
  return (
    <section aria-labelledby="bulk-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="bulk-panel">
      <h2 id="bulk-title" className="mb-2 font-semibold">
        批量审核（待审核 {items.length} 项）
      </h2>
      <div className="space-y-3">
        {items.length === 0 ? (
          <p className="text-slate-600">没有等待审核的指标。</p>
        ) : (
          <fieldset>
            <legend className="sr-only">选择要批量处理的指标</legend>
            <SelectAll total={items.length} checked={selected.length} label="全选" onChange={(all) => setPicked(all ? new Set(codes) : new Set())} />
            <ul className="mt-2 grid gap-1 sm:grid-cols-2">
              {items.map((i) => (
                <li key={i.code}>
                  <label className="inline-flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-1 h-4 w-4"
                      name="bulk-item"
                      value={i.code}
                      checked={picked.has(i.code)}
                      onChange={(e) =>
                        setPicked((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(i.code);
                          else next.delete(i.code);
                          return next;
                        })
                      }
                    />
                    <span>{i.label}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {/* stays mounted when the last items are decided, so its result is still announced */}
        <DecisionControls
            count={selected.length}
            noun="指标"
            onRun={async (d) => {
              const r = await bulkReviewItemsAction({ editionId, unitCode, itemCodes: selected, ...d });
              if (r.ok) setPicked(new Set());
              return r;
            }}
          />
      </div>
    </section>
  );
}

/** In the queue: the unit checkboxes live in the table (form attribute = formId); this bar decides them. */
export function BulkQueueBar({ editionId, formId, total }: { editionId: number; formId: string; total: number }) {
  const [count, setCount] = useState(0);
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${formId}"][name="unit"]`)];
  useEffect(() => {
    const update = () => setCount(boxes().filter((b) => b.checked).length);
    update();
    document.addEventListener("change", update);
    return () => document.removeEventListener("change", update);
  });
  return (
    <form id={formId} aria-label="批量审核所选单位" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => e.preventDefault()} data-testid="bulk-queue">
      <h2 className="font-semibold">批量审核：勾选下表中的单位，一次处理其全部待审核指标</h2>
      <SelectAll
        total={total}
        checked={count}
        label="全选可审核的单位"
        onChange={(all) => {
          for (const b of boxes()) b.checked = all;
          setCount(all ? boxes().length : 0);
        }}
      />
      <DecisionControls
        count={count}
        noun="单位"
        onRun={async (d) => {
          const unitCodes = boxes()
            .filter((b) => b.checked)
            .map((b) => b.value);
          const r = await bulkReviewUnitsAction({ editionId, unitCodes, ...d });
          if (r.ok) for (const b of boxes()) b.checked = false;
          setCount(0);
          return r;
        }}
      />
    </form>
  );
}
