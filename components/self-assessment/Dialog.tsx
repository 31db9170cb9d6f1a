"use client";
// A modal on the native <dialog>: focus moves into it and stays there; Esc closes it only
// when `onClose` is given (a conflict must be resolved, not dismissed).
import { useEffect, useId, useRef } from "react";

export function Dialog({
  open,
  title,
  children,
  onClose,
  initialFocus,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  onClose?: () => void;
  initialFocus?: React.RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      initialFocus?.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open, initialFocus]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
      className="m-auto w-full max-w-2xl rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-6">
        <h2 id={`${id}-title`} className="text-lg font-bold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
