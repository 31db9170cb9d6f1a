// Working-day deadline records (7日公示, 政策解读): each record's due date on the official
// holiday calendar and whether it was done in time. Pure: the review screen shows it live
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

const HEADER = "【工作日期限记录】";

/** The records as readable text kept in the fact's note (and so in the audit trail). */
export function recordsToNote(checked: CheckedRecord[], workdays: number): string {
  const lines = checked.map((c) => `${c.name.replace(/[｜\n]/g, " ")}｜${c.start}｜${c.done ?? ""}｜${c.due ? `期限 ${c.due}` : "期限无法计算"}｜${c.status}`);
  return [`${HEADER}期限 ${workdays} 个工作日；名称｜起始日期｜完成日期｜期限｜结论`, ...lines].join("\n");
}

/** Records saved earlier by recordsToNote, or [] when the note holds none. */
export function recordsFromNote(note: string | undefined): DeadlineRecord[] {
  if (!note?.startsWith(HEADER)) return [];
  const out: DeadlineRecord[] = [];
  for (const line of note.split("\n").slice(1)) {
    const [name, start, done] = line.split("｜");
    if (name && start && DATE.test(start)) out.push({ name, start, done: done && DATE.test(done) ? done : null });
  }
  return out;
}
