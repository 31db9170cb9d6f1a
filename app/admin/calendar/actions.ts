"use server";
// Server action of 节假日日历: replace one year's 法定节假日 and 调休上班日 (admin:editions, audited).
import { defineAction } from "@/lib/auth/guard";
import { saveCalendarYear, ZSaveCalendarYear } from "@/lib/calendar/store";

export const saveCalendarYearAction = defineAction({ name: "admin.calendar.saveYear", action: "admin:editions", schema: ZSaveCalendarYear }, async ({ user, input, ip }) =>
  saveCalendarYear(user, ip, input),
);
