// Working-day deadlines with the official Chinese holiday and 调休 calendar
// (chinese-days). Where the library has no data for a year we say so instead of guessing.
import { findWorkday, getDayDetail, isWorkday } from "chinese-days";

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`节假日日历数据未覆盖 ${year} 年（国务院当年的放假安排尚未收录），无法按工作日计算期限`);
    this.name = "CalendarNotCoveredError";
  }
}

/** A year is covered when the library names its National Day holiday. */
export function calendarCovers(year: number): boolean {
  const d = getDayDetail(`${year}-10-01`);
  return !d.work && /国庆/.test(d.name);
}

function assertCovered(date: string) {
  const year = Number(date.slice(0, 4));
  if (!calendarCovers(year)) throw new CalendarNotCoveredError(year);
}

/**
 * The due date "within n working days of `start`": the n-th working day after `start`
 * (the start day itself does not count). Checks both the start's and the due date's year.
 */
export function dueDateAfterWorkdays(start: string, n: number): string {
  assertCovered(start);
  const due = findWorkday(n, start);
  assertCovered(due);
  return due;
}

export function isOfficialWorkday(date: string): boolean {
  assertCovered(date);
  return isWorkday(date);
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
