// 节假日日历: the office's table of 法定节假日 / 调休上班日 covers years chinese-days lacks
// (it has no 2027), and wins where both have a date. Due dates below are counted by hand.
import { findWorkday } from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import { calendarLines, parseCalendarText } from "@/lib/calendar/store";
import { calendarCovers, CalendarNotCoveredError, dueDateAfterWorkdays, isOfficialWorkday, libraryCovers, officeCalendarOf, setOfficeCalendar, type OfficeDay } from "@/lib/workdays";

// a 2027 arrangement as the office would paste it (春节 falls on 2027-02-06)
const TEXT_2027 = ["2027-01-01 放假 元旦", "2027-02-06 至 2027-02-13 放假 春节", "2027-02-14 上班 春节调休", "2027-10-01 至 2027-10-07 放假 国庆节", "2027-10-09 上班 国庆调休"].join("\n");

function days2027(): OfficeDay[] {
  const r = parseCalendarText(2027, TEXT_2027);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.days;
}

afterEach(() => setOfficeCalendar([]));

describe("working days in a year the library does not cover", () => {
  it("chinese-days 1.5.7 has no 2027: a deadline reaching into 2027 is refused, naming the 管理 page", () => {
    expect(libraryCovers(2026)).toBe(true);
    expect(libraryCovers(2027)).toBe(false);
    expect(calendarCovers(2027)).toBe(false);
    expect(() => dueDateAfterWorkdays("2026-12-28", 5)).toThrow(CalendarNotCoveredError);
    expect(() => dueDateAfterWorkdays("2026-12-28", 5)).toThrow(/未覆盖 2027 年.*管理 › 节假日日历/);
    // a window that ends in 2026 is still computed from the library alone
    expect(dueDateAfterWorkdays("2026-12-21", 5)).toBe("2026-12-28");
  });

  it.each([
    // [start, n, due, why]
    ["2027-02-04", 5, "2027-02-17", "Fri 5 (1); 6–13 春节; Sun 14 调休 (2); 15 (3), 16 (4), 17 (5)"],
    ["2027-02-05", 1, "2027-02-14", "the 调休 Sunday is the first working day after the holiday"],
    ["2027-02-10", 2, "2027-02-15", "from inside the holiday: 14 (1), 15 (2)"],
    ["2026-12-28", 5, "2027-01-05", "29, 30, 31 (3); Jan 1 元旦; Sat 2, Sun 3; 4 (4), 5 (5) — across the year"],
    ["2027-09-29", 3, "2027-10-09", "30 (1); Oct 1–7 国庆; Fri 8 (2); Sat 9 调休 (3)"],
    ["2027-06-01", 7, "2027-06-10", "a month the table says nothing about: Monday–Friday"],
  ])("with the office's days: %s + %i working days → %s (%s)", (start, n, due) => {
    setOfficeCalendar(days2027());
    expect(dueDateAfterWorkdays(start, n)).toBe(due);
  });

  it("the table wins over the library where both have a date", () => {
    expect(dueDateAfterWorkdays("2017-09-28", 3)).toBe("2017-10-09");
    setOfficeCalendar(officeCalendarOf([{ date: "2017-10-09", kind: "holiday", name: "测试：延长假期" }]));
    expect(isOfficialWorkday("2017-10-09")).toBe(false);
    expect(dueDateAfterWorkdays("2017-09-28", 3)).toBe("2017-10-10");
  });

  it("counts exactly like chinese-days in the years it covers (every start day of 2018–2026, 1–10 days)", () => {
    setOfficeCalendar([]);
    for (let t = Date.UTC(2018, 0, 1); t < Date.UTC(2026, 11, 1); t += 86_400_000 * 7) {
      const start = new Date(t).toISOString().slice(0, 10);
      for (const n of [1, 3, 5, 10]) expect(dueDateAfterWorkdays(start, n), `${start} + ${n}`).toBe(findWorkday(n, start));
    }
  });
});

describe("the pasted list of a year's days", () => {
  it("reads dates and ranges with 放假 / 上班 and a name, and writes them back as the same lines", () => {
    const days = days2027();
    expect(days.filter((d) => d.kind === "holiday")).toHaveLength(1 + 8 + 7);
    expect(days.filter((d) => d.kind === "workday").map((d) => d.date)).toEqual(["2027-02-14", "2027-10-09"]);
    expect(days.find((d) => d.date === "2027-02-08")).toEqual({ date: "2027-02-08", kind: "holiday", name: "春节" });
    expect(calendarLines(days)).toBe(TEXT_2027);
    const alt = parseCalendarText(2027, "2027年2月14日 调休上班日\n# 备注行\n\n2027/01/01 法定节假日 元旦");
    expect(alt.ok && alt.days.map((d) => `${d.date}:${d.kind}`)).toEqual(["2027-01-01:holiday", "2027-02-14:workday"]);
  });

  it.each([
    ["2027-02-30 放假", "日期不存在"],
    ["2026-12-31 放假", "不在 2027 年内"],
    ["2027-02-06 春节", "请注明“放假”（法定节假日）或“上班”（调休上班日）"],
    ["放假 春节", "应写一个日期或一个日期范围"],
    ["2027-02-12 至 2027-02-06 放假", "结束日期早于开始日期"],
    ["2027-02-06 放假\n2027-02-06 上班", "2027-02-06 在第 1 行为放假，本行又为上班"],
    ["2027-02-14 上班", "至少应有一个法定节假日"],
  ])("refuses %j in Chinese: %s", (text, message) => {
    const r = parseCalendarText(2027, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join("；")).toContain(message);
  });
});
