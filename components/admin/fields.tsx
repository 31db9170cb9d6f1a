// Form pieces shared by the admin forms: a labelled field whose error sits beside it and is
// announced (aria-invalid + aria-describedby), and the status line every form has.
import type { ReactNode } from "react";

export type FieldErrors = Record<string, string>;

export const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 disabled:text-slate-500";
import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/buttons";
export { dangerButton, primaryButton, secondaryButton };

/** Props that tie a control to its error message. */
export function describedBy(id: string, errors: FieldErrors, key: string, hintId?: string) {
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

export function Field({
  id,
  label,
  errors,
  errorKey = id,
  hint,
  children,
}: {
  id: string;
  label: string;
  errors: FieldErrors;
  errorKey?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
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

/** The polite live region each form reports into (success or the form-level error). */
export function StatusMessage({ status }: { status: { tone: "ok" | "error"; text: string } | null }) {
  return (
    <div aria-live="polite" role="status" className={`min-h-6 ${status?.tone === "ok" ? "text-green-800" : "text-red-700"}`}>
      {status?.text}
    </div>
  );
}

export type Status = { tone: "ok" | "error"; text: string } | null;

export const NETWORK_ERROR = "网络连接失败，请重试";
