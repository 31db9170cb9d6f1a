// Working-day deadline records (items in edition.yaml `deadlines`, e.g. 7日公示, 政策解读):
// each record's due date on the official holiday calendar and whether it was done in time.
// Stored in deadline_record (lib/review/import.ts saveDeadlineRecords). Pure: the review screen shows it live
// and the server action recomputes it before saving, so the two never disagree.
import { CalendarNotCoveredError, dueDateAfterWorkdays } from "@/lib/workdays";

export type DeadlineRecord = { name: string; start: string; done: string | null };

export type CheckedRecord = DeadlineRecord & {
  /** the due date, or null when the calendar does not cover the year */
  due: string | null;
  /** CalendarNotCoveredError's message, shown instead of a date */
  calendarError: string | null;
  onTime: boolean;
  status: "按期" | "逾期" | "未完成" | "无法判断";
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkRecords(records: DeadlineRecord[], workdays: number): CheckedRecord[] {
  return records.map((r) => {
    let due: string | null = null;
    let calendarError: string | null = null;
    try {
      due = DATE.test(r.start) ? dueDateAfterWorkdays(r.start, workdays) : null;
    } catch (e) {
      if (!(e instanceof CalendarNotCoveredError)) throw e;
      calendarError = e.message;
    }
    const onTime = due !== null && r.done !== null && r.done <= due;
    const status = due === null ? "无法判断" : r.done === null ? "未完成" : onTime ? "按期" : "逾期";
    return { ...r, due, calendarError, onTime, status };
  });
}

export type RecordsSummary = { total: number; onTime: number; undetermined: number };

export function summarise(checked: CheckedRecord[]): RecordsSummary {
  return { total: checked.length, onTime: checked.filter((c) => c.onTime).length, undetermined: checked.filter((c) => c.due === null).length };
}

/**
 * The ratio value derived from the records: on-time count over all records, with the
 * on-time records named in `list` (names made unique, as the engine counts distinct names).
 */
export function ratioFromRecords(checked: CheckedRecord[]): { numerator: number; denominator: number; list: string[] } {
  const seen = new Map<string, number>();
  const list = checked
    .filter((c) => c.onTime)
    .map((c) => {
      const base = `${c.name}（${c.start}→${c.done}）`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return n === 1 ? base : `${base}#${n}`;
    });
  return { numerator: list.length, denominator: checked.length, list };
}

const isoDay = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** A deadline_record row as the editor's record (dates as yyyy-mm-dd), with its stored due date. */
export function recordOfRow(r: { name: string; startDate: Date; doneDate: Date | null; dueDate: Date | null }): DeadlineRecord & { due: string | null } {
  return { name: r.name, start: isoDay(r.startDate)!, done: isoDay(r.doneDate), due: isoDay(r.dueDate) };
}
