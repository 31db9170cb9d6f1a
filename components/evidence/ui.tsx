"use client";
// Small pieces shared by the evidence and offline-form panels: button styles, the status
// line and formatting in Asia/Shanghai. (Confirmations use components/ui/ConfirmDialog.)

import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/buttons";
export { dangerButton, primaryButton, secondaryButton };
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

