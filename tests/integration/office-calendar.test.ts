// 节假日日历 against the real database: an admin pastes 2027's days (audited); from then a
// deadline across 2027's 春节 is computed (appeal windows included); before, it is refused
// with the Chinese message; a bad list saves nothing; a 审核员 may not save.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

process.env.DATABASE_URL = inject("databaseUrl");
const { saveCalendarYearAction } = await import("@/app/admin/calendar/actions");
const { runAs } = await import("@/lib/auth/guard");
const { getDb, getPrisma } = await import("@/lib/db/client");
const { listCalendarYears, loadOfficeCalendar } = await import("@/lib/calendar/store");
const { appealDeadlineFor } = await import("@/lib/results/appeals");
const { dueDateAfterWorkdays, setOfficeCalendar } = await import("@/lib/workdays");

const prisma = getPrisma();
const who = (id: number, roles: SessionUser["roles"]): SessionUser => ({ id, username: `cal-${roles[0]}`, displayName: "x", roles, unitCode: null, unitName: null, mustChangePassword: false });
let admin: SessionUser;
const reviewer = who(999_301, ["reviewer"]);
const TEXT = ["2027-01-01 放假 元旦", "2027-02-06 至 2027-02-13 放假 春节", "2027-02-14 上班 春节调休"].join("\n");
const audits = () => prisma.auditLog.count({ where: { action: "calendar.year.save", entityId: "2027" } });

beforeAll(async () => {
  const row = await prisma.user.create({ data: { username: "cal-admin", displayName: "日历管理员", passwordHash: "x", roles: ["admin"], mustChangePassword: false } });
  admin = who(row.id, ["admin"]);
  setOfficeCalendar([]);
});
afterAll(async () => {
  await getDb().close();
});

describe("office holiday calendar", () => {
  it("before 2027 is entered: the deadline and the appeal window are refused in Chinese", async () => {
    await loadOfficeCalendar(true);
    expect(() => dueDateAfterWorkdays("2027-02-04", 5)).toThrow(/节假日日历数据未覆盖 2027 年/);
    // results published on 2026-12-28 (Beijing) with a 5-working-day appeal window
    expect(() => appealDeadlineFor(new Date("2026-12-28T10:00:00+08:00"), 5)).toThrow(/未覆盖 2027 年.*请稍后在日历数据更新后再公布/);
  });

  it("a 审核员 may not save; a bad list saves nothing and says which line", async () => {
    expect(await runAs(reviewer, () => saveCalendarYearAction({ year: 2027, text: TEXT }))).toMatchObject({ ok: false, status: 403 });
    const bad = await runAs(admin, () => saveCalendarYearAction({ year: 2027, text: `${TEXT}\n2027-02-30 放假` }));
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(bad.ok ? "" : bad.error).toContain("第 4 行：“2027-02-30 放假”：日期不存在");
    expect(await prisma.officeCalendarDay.count()).toBe(0);
    expect(await audits()).toBe(0);
  });

  it("once an admin has entered 2027: a deadline across 春节 and the appeal window across New Year are computed", async () => {
    const r = await runAs(admin, () => saveCalendarYearAction({ year: 2027, text: TEXT }));
    expect(r).toEqual({ ok: true, data: { year: 2027, holidays: 9, workdays: 1 } });
    expect(await audits()).toBe(1);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "calendar.year.save", entityId: "2027" } });
    expect(log.actorId).toBe(admin.id);
    expect(log.after).toEqual({ lines: TEXT });
    // another instance would load it within 30 s; force here as a fresh process would
    setOfficeCalendar([]);
    await loadOfficeCalendar(true);
    // Thu 4 → Fri 5 (1); 6–13 春节; Sun 14 调休 (2); 15, 16, 17 (5)
    expect(dueDateAfterWorkdays("2027-02-04", 5)).toBe("2027-02-17");
    // 29, 30, 31; Jan 1 元旦; weekend; 4, 5 → ends 2027-01-05 23:59:59.999 Beijing time
    expect(appealDeadlineFor(new Date("2026-12-28T10:00:00+08:00"), 5).toISOString()).toBe("2027-01-05T15:59:59.999Z");
    const years = await listCalendarYears(new Date("2026-12-02T00:00:00Z"));
    expect(years.find((y) => y.year === 2027)).toMatchObject({ holidays: 9, workdays: 1, libraryCovers: false, lines: TEXT });
  });

  it("saving an empty list clears the year again (audited)", async () => {
    expect(await runAs(admin, () => saveCalendarYearAction({ year: 2027, text: "" }))).toMatchObject({ ok: true });
    expect(await prisma.officeCalendarDay.count()).toBe(0);
    expect(await audits()).toBe(2);
    expect(() => dueDateAfterWorkdays("2027-02-04", 5)).toThrow(/未覆盖 2027 年/);
  });
});
