"use client";
// A modal confirmation on the native <dialog>: focus moves into it (on the safe choice),
// Esc cancels, and focus returns to what opened it.
import { useEffect, useId, useRef } from "react";
import { dangerButton, primaryButton, secondaryButton } from "./ui";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  danger = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pending: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      cancelRef.current?.focus();
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
      <div className="space-y-4 p-6">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          {title}
        </h2>
        <div id={`${id}-desc`} className="text-slate-700">
          {children}
        </div>
        <div className="flex justify-end gap-3">
          <button ref={cancelRef} type="button" onClick={onClose} disabled={pending} className={secondaryButton}>
            取消
          </button>
          <button type="button" onClick={onConfirm} disabled={pending} className={danger ? dangerButton : primaryButton}>
            {pending ? "正在处理…" : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
