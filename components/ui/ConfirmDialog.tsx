"use client";
// The one modal confirmation, on the native <dialog>: focus moves into it (on the safe
// choice) and stays there, Esc cancels, and focus returns to what opened it. An optional
// reason field passes its text to onConfirm.
import { useEffect, useId, useRef, useState } from "react";
import { dangerButton, primaryButton, secondaryButton } from "./buttons";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel = "正在处理…",
  pending,
  danger = false,
  reasonLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending: boolean;
  danger?: boolean;
  /** when given, an optional reason field is shown and passed to onConfirm */
  reasonLabel?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const [reason, setReason] = useState("");
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      cancelRef.current?.focus(); // the safe choice has focus first
    } else if (!open && d.open) {
      d.close();
      (opener.current as HTMLElement | null)?.focus?.();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onClose();
      }}
      className="m-auto w-full max-w-lg rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      {/* no <form> here: the dialog is often rendered inside a feature's own form */}
      <div className="space-y-4 p-6">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          {title}
        </h2>
        <div id={`${id}-desc`} className="text-slate-700">
          {children}
        </div>
        {reasonLabel ? (
          <div>
            <label htmlFor={`${id}-reason`} className="block font-medium">
              {reasonLabel}
            </label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              maxLength={200}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
        ) : null}
        <div className="flex justify-end gap-3">
          <button ref={cancelRef} type="button" onClick={onClose} disabled={pending} className={secondaryButton}>
            取消
          </button>
          <button type="button" onClick={() => onConfirm(reason.trim())} disabled={pending} className={danger ? dangerButton : primaryButton}>
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
