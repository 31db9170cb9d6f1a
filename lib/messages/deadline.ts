// When a unit is told about its deadline: within N official working days before it (the
// holiday and 调休 calendar of chinese-days, lib/workdays.ts), and once it has passed. Pure.
import { CalendarNotCoveredError, isOfficialWorkday } from "../workdays";

const SHANGHAI_MS = 8 * 3_600_000;
const dayOf = (d: Date) => new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Official working days from the day after `from` up to and including `to` (0 when `to` <= `from`). */
export function workdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isOfficialWorkday(d)) n++;
  return n;
}

export type DeadlineState = { kind: "deadline.approaching" | "deadline.passed"; deadline: Date; workdaysLeft: number } | null;

/** Whether `now` falls in the reminder window (N working days) or after the deadline. */
export function deadlineState(deadline: Date, remindWorkdays: number, now: Date): DeadlineState {
  if (now.getTime() >= deadline.getTime()) return { kind: "deadline.passed", deadline, workdaysLeft: 0 };
  try {
    const left = workdaysBetween(dayOf(now), dayOf(deadline));
    return left <= remindWorkdays ? { kind: "deadline.approaching", deadline, workdaysLeft: left } : null;
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) return null; // no calendar: no working-day reminder
    throw e;
  }
}

