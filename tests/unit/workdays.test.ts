import { describe, expect, it } from "vitest";
import { calendarCovers, CalendarNotCoveredError, checkDeadlines, dueDateAfterWorkdays, isOfficialWorkday } from "@/lib/workdays";

describe("working-day deadlines on the official 2017 calendar", () => {
  it.each([
    // [start, n, due, why]
    ["2017-09-28", 3, "2017-10-09", "Thu 28 → Fri 29 (1), Sat 30 调休 workday (2), Oct 1–8 国庆/中秋 holiday, Mon 9 (3)"],
    ["2017-09-29", 1, "2017-09-30", "Saturday Sep 30 is a 调休 workday"],
    ["2017-09-30", 1, "2017-10-09", "nothing between Oct 1 and Oct 8 counts"],
    ["2017-09-25", 7, "2017-10-10", "25 → 26,27,28,29,30 (5), 9 (6), 10 (7)"],
    ["2017-10-01", 3, "2017-10-11", "from inside the holiday: 9, 10, 11"],
    ["2017-06-01", 7, "2017-06-12", "an ordinary fortnight: Jun 2,5,6,7,8,9,12"],
    ["2017-01-20", 2, "2017-01-23", "Sun Jan 22 is a 调休 workday: 22 (1), 23 (2)"],
  ])("%s + %i working days → %s (%s)", (start, n, due) => {
    expect(dueDateAfterWorkdays(start, n)).toBe(due);
  });

  it("knows 2017's 调休 Saturday and the Oct 1–8 holiday", () => {
    expect(isOfficialWorkday("2017-09-30")).toBe(true);
    for (let d = 1; d <= 8; d++) expect(isOfficialWorkday(`2017-10-0${d}`)).toBe(false);
  });

  it("counts a record done on the due day as on time, later as late, never as 未完成", () => {
    const r = checkDeadlines(
      [
        { name: "许可A", start: "2017-09-25", done: "2017-10-10" },
        { name: "许可B", start: "2017-09-25", done: "2017-10-11" },
        { name: "处罚C", start: "2017-09-25", done: null },
      ],
      7,
    );
    expect(r.map((x) => [x.due, x.onTime, x.lateBy])).toEqual([
      ["2017-10-10", true, null],
      ["2017-10-10", false, "逾期"],
      ["2017-10-10", false, "未完成"],
    ]);
  });

  it("says so when the calendar does not cover a year instead of guessing", () => {
    expect(calendarCovers(2017)).toBe(true);
    expect(calendarCovers(2003)).toBe(false);
    expect(() => dueDateAfterWorkdays("2003-05-06", 3)).toThrow(CalendarNotCoveredError);
    expect(() => dueDateAfterWorkdays("2003-05-06", 3)).toThrow(/未覆盖 2003 年/);
  });
});
