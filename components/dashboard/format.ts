// Display helpers shared by server and client components of the dashboard and scorecards.
// They only format the engine's already-rounded `display` strings; no arithmetic here.
import type { ExactValue } from "@/lib/engine/exact";

export const DASH = "—";

export function score(v: ExactValue | null | undefined): string {
  return v ? v.display : DASH;
}

/** A signed difference: "+1.5", "−2", "0". */
export function signed(v: ExactValue | null | undefined): string {
  if (!v) return DASH;
  if (v.display === "0" || v.display === "-0") return "0";
  return v.display.startsWith("-") ? `−${v.display.slice(1)}` : `+${v.display}`;
}

export function completeness(c: { entered: number; applicable: number }): string {
  return `${c.entered}/${c.applicable}`;
}

export function shanghaiTime(iso: string): string {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
}

export function shanghaiDay(iso: string): string {
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}
