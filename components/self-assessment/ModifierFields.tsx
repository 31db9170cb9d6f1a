"use client";
// The 加分 / 减分项 of the item form. Each is ticked with its reason; a repeatable one (the
// edition's reading R11 per-occurrence: a penalty charged once per occurrence) offers
// "再添加一次", each occurrence with its own reason and a button to remove it.
import { useEffect, useRef } from "react";
import { modifierErrorKey, type FormState } from "@/lib/assessment/form-state";
import type { ItemView } from "@/lib/assessment/item-view";
import { addOccurrence, removeOccurrence, setOccurrenceReason } from "@/lib/rules/types/modifiers";
import { described, FieldError, fieldId, type ErrorLookup } from "./fields";
import { inputClass, secondaryButton } from "./ui";

/** The field key of occurrence `n`'s reason (the first keeps the key of a non-repeatable one). */
export function modifierReasonKey(code: string, n = 0): string {
  return n === 0 ? `modifier-${code}-reason` : `modifier-${code}-reason-${n + 1}`;
}

type Props = { leaf: ItemView; form: FormState; change: (next: FormState) => void; err: ErrorLookup };

export function ModifierFields({ leaf, form, change, err }: Props) {
  // after 再添加一次 / 删除, keyboard focus moves to the field that follows
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const setFocus = (id: string) => {
    focusNext.current = id;
  };

  return (
    <section className="rounded-md border border-slate-200 bg-white p-4">
      <fieldset>
        <legend className="font-semibold">加分 / 减分项</legend>
        <div className="mt-2 space-y-3">
          {leaf.modifiers.map((m) => {
            const st = form.modifiers[m.code] ?? { on: false, reason: "" };
            const sign = m.kind === "bonus" ? "加" : "扣";
            const checkbox = (
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={st.on} onChange={(e) => change({ ...form, modifiers: { ...form.modifiers, [m.code]: { ...st, on: e.target.checked } } })} />
                {m.name}（{m.repeatable ? "每次" : ""}
                {sign} {String(m.points)} 分）
              </label>
            );
            if (!m.repeatable) {
              const message = st.on ? err(modifierErrorKey(leaf, form, m.code)) : undefined;
              const reasonProps = described(modifierReasonKey(m.code), message);
              return (
                <div key={m.code}>
                  {checkbox}
                  {st.on ? (
                    <div className="ml-6 mt-1">
                      <label htmlFor={reasonProps.id} className="block text-sm font-medium">
                        理由（必填）
                      </label>
                      <textarea
                        {...reasonProps}
                        rows={2}
                        value={st.reason}
                        onChange={(e) => change({ ...form, modifiers: { ...form.modifiers, [m.code]: { ...st, reason: e.target.value } } })}
                        className={inputClass}
                      />
                      <FieldError k={modifierReasonKey(m.code)} message={message} />
                    </div>
                  ) : null}
                </div>
              );
            }
            const reasons = st.on ? [st.reason, ...(st.more ?? [])] : [];
            const hintId = `${fieldId(modifierReasonKey(m.code))}-hint`;
            return (
              <div key={m.code} role="group" aria-label={m.name} data-testid={`modifier-${m.code}`}>
                {checkbox}
                {st.on ? (
                  <div className="ml-6 mt-1 space-y-2">
                    <p id={hintId} className="text-sm text-slate-600">
                      本项按每次出现分别{sign}分：每出现一次记一次，各写明理由。已记 {reasons.length} 次。
                    </p>
                    {reasons.map((reason, n) => {
                      const key = modifierReasonKey(m.code, n);
                      const message = err(modifierErrorKey(leaf, form, m.code, n));
                      const props = described(key, message, hintId);
                      return (
                        <div key={n}>
                          <label htmlFor={props.id} className="block text-sm font-medium">
                            第 {n + 1} 次 理由（必填）
                          </label>
                          <div className="flex items-start gap-2">
                            <textarea {...props} rows={2} value={reason} onChange={(e) => change({ ...form, modifiers: setOccurrenceReason(form.modifiers, m.code, n, e.target.value) })} className={inputClass} />
                            {n > 0 ? (
                              <button
                                type="button"
                                className={secondaryButton}
                                onClick={() => {
                                  change({ ...form, modifiers: removeOccurrence(form.modifiers, m.code, n) });
                                  setFocus(fieldId(modifierReasonKey(m.code, n - 1)));
                                }}
                              >
                                删除第 {n + 1} 次
                              </button>
                            ) : null}
                          </div>
                          <FieldError k={key} message={message} />
                        </div>
                      );
                    })}
                    <button
                      type="button"
                      className={secondaryButton}
                      onClick={() => {
                        change({ ...form, modifiers: addOccurrence(form.modifiers, m.code) });
                        setFocus(fieldId(modifierReasonKey(m.code, reasons.length)));
                      }}
                    >
                      再添加一次“{m.name}”
                    </button>
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </section>
  );
}
