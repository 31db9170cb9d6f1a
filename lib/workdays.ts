// Working-day deadlines with the official Chinese holiday and 调休 calendar: the chinese-days
// library, overlaid by the office's own table (管理 › 节假日日历, lib/calendar/store.ts) for
// years the library does not have yet — the State Council publishes next year's 放假安排 in
// late autumn, and a library release may lag behind. Where the table has a date, the table
// wins. Where neither has the year we say so instead of guessing.
import { getDayDetail, isWorkday as libraryIsWorkday } from "chinese-days";

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`节假日日历数据未覆盖 ${year} 年（国务院当年的放假安排尚未收录），无法按工作日计算期限；管理员可在“管理 › 节假日日历”录入该年的法定节假日和调休上班日`);
    this.name = "CalendarNotCoveredError";
  }
}

/** One day of the office's table: a 法定节假日 (no work) or a 调休上班日 (work on a weekend). */
export type OfficeDay = { date: string; kind: "holiday" | "workday"; name?: string | null };

/** The office's days by date, and the years it covers (a year with at least one 法定节假日). */
export type OfficeCalendar = { days: ReadonlyMap<string, OfficeDay>; years: ReadonlySet<number> };

export function officeCalendarOf(days: readonly OfficeDay[]): OfficeCalendar {
  const map = new Map(days.map((d) => [d.date, d]));
  const years = new Set(days.filter((d) => d.kind === "holiday").map((d) => Number(d.date.slice(0, 4))));
  return { days: map, years };
}

const EMPTY: OfficeCalendar = officeCalendarOf([]);
let current: OfficeCalendar = EMPTY;

/** Replace the process's copy of the office table (loaded by lib/calendar/store.ts, or passed to a client page). */
export function setOfficeCalendar(cal: OfficeCalendar | readonly OfficeDay[]): void {
  current = Array.isArray(cal) ? officeCalendarOf(cal as readonly OfficeDay[]) : (cal as OfficeCalendar);
}

export function getOfficeCalendar(): OfficeCalendar {
  return current;
}

/** The library covers a year when it names that year's National Day holiday. */
export function libraryCovers(year: number): boolean {
  const d = getDayDetail(`${year}-10-01`);
  return !d.work && /国庆/.test(d.name);
}

export function calendarCovers(year: number, cal: OfficeCalendar = current): boolean {
  return cal.years.has(year) || libraryCovers(year);
}

function assertCovered(date: string, cal: OfficeCalendar) {
  const year = Number(date.slice(0, 4));
  if (!calendarCovers(year, cal)) throw new CalendarNotCoveredError(year);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Work or rest on `date`: the office table, else the library for a year it covers, else Monday–Friday. */
function workdayOn(date: string, cal: OfficeCalendar): boolean {
  const office = cal.days.get(date);
  if (office) return office.kind === "workday";
  if (libraryCovers(Number(date.slice(0, 4)))) return libraryIsWorkday(date);
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

/**
 * The due date "within n working days of `start`": the n-th working day after `start`
 * (the start day itself does not count). Every year it passes through must be covered.
 */
export function dueDateAfterWorkdays(start: string, n: number, cal: OfficeCalendar = current): string {
  assertCovered(start, cal);
  let d = start;
  let left = n;
  if (left <= 0) {
    while (!workdayOn(d, cal)) {
      d = nextDay(d);
      assertCovered(d, cal);
    }
    return d;
  }
  while (left > 0) {
    d = nextDay(d);
    assertCovered(d, cal);
    if (workdayOn(d, cal)) left--;
  }
  return d;
}

export function isOfficialWorkday(date: string, cal: OfficeCalendar = current): boolean {
  assertCovered(date, cal);
  return workdayOn(date, cal);
}

export type TimedRecord = { name: string; start: string; done: string | null };
export type TimedRecordResult = TimedRecord & { due: string; onTime: boolean; lateBy: "未完成" | "逾期" | null };

/** For 7日公示 and 政策解读: each record's due date and whether it was on time (on the due day counts). */
export function checkDeadlines(records: TimedRecord[], workdays: number): TimedRecordResult[] {
  return records.map((r) => {
    const due = dueDateAfterWorkdays(r.start, workdays);
    const onTime = r.done !== null && r.done <= due;
    return { ...r, due, onTime, lateBy: r.done === null ? "未完成" : onTime ? null : "逾期" };
  });
}
