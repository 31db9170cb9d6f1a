import { describe, expect, it } from "vitest";
import { deadlineState, workdaysBetween } from "@/lib/messages/deadline";

const at = (s: string) => new Date(`${s}+08:00`);

describe("deadline messages on the official calendar (2017: National Day 10-01..08, 09-30 a 调休 workday)", () => {
  it.each([
    // [label, now, deadline, N, expected kind, working days left]
    ["9 calendar days before, over the holiday: 09-30 and 10-09 are the only workdays", "2017-09-29T10:00:00", "2017-10-09T18:00:00", 3, "deadline.approaching", 2],
    ["same week, N=2: Mon→Thu is 3 workdays, too early", "2017-09-25T09:00:00", "2017-09-28T18:00:00", 2, null, 3],
    ["same week, N=3", "2017-09-25T09:00:00", "2017-09-28T18:00:00", 3, "deadline.approaching", 3],
    ["on the deadline day, before the hour", "2017-10-09T08:00:00", "2017-10-09T18:00:00", 3, "deadline.approaching", 0],
    ["one minute after", "2017-10-09T18:01:00", "2017-10-09T18:00:00", 3, "deadline.passed", 0],
  ])("%s", (_label, now, deadline, n, kind, left) => {
    const s = deadlineState(at(deadline), n, at(now));
    expect(s?.kind ?? null).toBe(kind);
    if (s) expect(s.workdaysLeft).toBe(left);
  });

  it("counts working days after the start day up to the end day", () => {
    expect(workdaysBetween("2017-09-29", "2017-10-09")).toBe(2);
    expect(workdaysBetween("2017-10-09", "2017-10-09")).toBe(0);
  });

  it("gives no working-day reminder for a year the calendar does not cover (instead of guessing)", () => {
    expect(deadlineState(at("2099-06-10T18:00:00"), 3, at("2099-06-08T10:00:00"))).toBeNull();
  });
});
