"use client";
// Hands the office's 节假日日历 (lib/calendar/store.ts) to lib/workdays.ts in the browser, so
// the live due dates of the deadline records editor agree with what the server computes on
// save. Rendered before the editors: it sets the calendar while rendering, as they read it.
import { setOfficeCalendar, type OfficeDay } from "@/lib/workdays";

export function OfficeCalendarSync({ days }: { days: OfficeDay[] }) {
  setOfficeCalendar(days);
  return null;
}
