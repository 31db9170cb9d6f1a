// 复制为新年度: what of the source edition is dated, and how the copy moves it to its own
// year. Only the demo data carries calendar dates (city facts' 文件日期, monitoring and
// adjustment events, reviewers' reasons); they shift by whole years so the demo story of
// the new year happens in that year. The rest is kept: `deadlines` are working-day counts
// (not dates), the assessment period lives outside the edition (set per edition on
// /admin/periods), and indicator texts quote real documents the editor revises by hand.
// Pure, no database.
import type { TEdition } from "../rules/schema";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2016-02-29 + 1 year → 2017-02-28: the same month and day, clamped to the month's last day. */
export function shiftDay(day: string, years: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) return day;
  const y = Number(m[1]) + years;
  const month = Number(m[2]);
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${y}-${m[2]}-${String(Math.min(Number(m[3]), last)).padStart(2, "0")}`;
}

/** Every string of a JSON value: ISO days shifted, the source year named in text → the copy's year. */
function shiftValue(v: unknown, from: number, to: number): unknown {
  if (typeof v === "string") {
    if (ISO_DAY.test(v)) return shiftDay(v, to - from);
    return v.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, "g"), String(to));
  }
  if (Array.isArray(v)) return v.map((x) => shiftValue(x, from, to));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shiftValue(x, from, to)]));
  return v;
}

/** The source edition's dated data moved from its year to `year` (a copy for the same year is unchanged). */
export function moveToYear(e: TEdition, year: number): TEdition {
  if (e.year === year || e.demo === undefined) return e;
  return { ...e, demo: shiftValue(e.demo, e.year, year) };
}
