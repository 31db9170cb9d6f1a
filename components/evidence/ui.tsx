"use client";
// Small pieces shared by the evidence and offline-form panels: button styles, the status
// line, formatting in Asia/Shanghai, and a modal confirmation on the native <dialog>.
import { useEffect, useId, useRef } from "react";

export const primaryButton = "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60";
export const dangerButton = "rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-600 disabled:opacity-60";
export const inputClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";

export type Status = { tone: "ok" | "error"; text: string } | null;
export const NETWORK_ERROR = "网络连接失败，请检查网络后重试";

export function StatusLine({ status }: { status: Status }) {
  return (
    <div aria-live="polite" role="status" className={`min-h-6 ${status?.tone === "ok" ? "text-green-800" : "text-red-700"}`}>
      {status?.text}
    </div>
  );
}

const shanghai = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatShanghai(iso: string): string {
  return shanghai.format(new Date(iso));
}

export function formatBytes(n: number | null): string {
  if (n === null) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal(); // focus is trapped in the modal; Esc cancels; focus returns to the opener
      cancelRef.current?.focus();
    } else if (!open && d.open) d.close();
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
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
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
          <button type="button" onClick={onConfirm} disabled={pending} className={dangerButton}>
            {pending ? "正在处理…" : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
