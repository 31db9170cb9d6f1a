// Form pieces of the review pages: a labelled field with its error beside it (announced
// via aria-invalid/aria-describedby), buttons, badges, the status line each form reports into.
import type { ReactNode } from "react";

export type FieldErrors = Record<string, string>;
export type Status = { tone: "ok" | "error"; text: string } | null;

export const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 disabled:text-slate-500";
export const smallInput = "rounded-md border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600";
import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/buttons";
export { dangerButton, primaryButton, secondaryButton };
export const linkClass = "text-brand-700 underline-offset-2 hover:underline";

export const NETWORK_ERROR = "网络连接失败，请重试";

/** Props that tie a control to its error message. */
export function errorProps(id: string, errors: FieldErrors, key: string, hintId?: string) {
  const ids = [errors[key] ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ");
  return { "aria-invalid": errors[key] ? true : undefined, "aria-describedby": ids || undefined };
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

export function Field({ id, label, errors, errorKey = id, hint, required, children }: { id: string; label: string; errors: FieldErrors; errorKey?: string; hint?: string; required?: boolean; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? <span className="ml-1 text-red-700" aria-hidden="true">*</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} message={errors[errorKey]} />
    </div>
  );
}

export function StatusMessage({ status }: { status: Status }) {
  return (
    <div aria-live="polite" role="status" className={`min-h-6 ${status?.tone === "ok" ? "text-green-800" : "text-red-700"}`}>
      {status?.text}
    </div>
  );
}

const BADGE_TONES = {
  slate: "bg-slate-100 text-slate-700",
  amber: "bg-amber-100 text-amber-900",
  green: "bg-green-100 text-green-900",
  red: "bg-red-100 text-red-900",
  blue: "bg-brand-100 text-brand-800",
} as const;

export function Badge({ tone, children }: { tone: keyof typeof BADGE_TONES; children: ReactNode }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${BADGE_TONES[tone]}`}>{children}</span>;
}

export function formatTime(iso: string | Date | null): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d).replace(/\//g, "-");
}
