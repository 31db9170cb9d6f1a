import "server-only";
// 节假日日历: the office's table of 法定节假日 and 调休上班日 (office_calendar_day), entered a
// year at a time on 管理 › 节假日日历 by pasting the State Council's 放假安排 as lines. The
// process keeps a copy for lib/workdays.ts (reloaded at most every 30 s, and at once after a
// save here), so working-day deadlines need no database round trip each.
import { z } from "zod";
import { UserError } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { writeAudit } from "../audit";
import { getPrisma } from "../db/client";
import { getOfficeCalendar, libraryCovers, setOfficeCalendar, type OfficeCalendar, type OfficeDay } from "../workdays";

export const ZSaveCalendarYear = z.object({
  year: z.number({ error: "请填写年度" }).int("年度应为整数").min(2000, "年度应在 2000–2100 之间").max(2100, "年度应在 2000–2100 之间"),
  text: z.string().max(20_000, "内容过长（最多 20000 字）"),
});
export type TSaveCalendarYear = z.infer<typeof ZSaveCalendarYear>;

const HOLIDAY_WORDS = ["法定节假日", "节假日", "放假", "休息", "休"];
const WORKDAY_WORDS = ["调休上班日", "调休上班", "上班", "补班", "班"];
const DATE_RE = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/g;

const iso = (y: string, m: string, d: string): string | null => {
  const s = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const t = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== s ? null : s;
};
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type CalendarLineError = { line: number; message: string };

/**
 * Lines like "2027-02-06 至 2027-02-12 放假 春节" or "2027-02-14 上班 春节调休": one date or a
 * range (至, ~, 到), whether it is 放假/法定节假日 or 上班/调休上班日, and an optional name.
 * Blank lines and lines starting with # are skipped. Every date must fall in `year`.
 */
export function parseCalendarText(year: number, text: string): { ok: true; days: OfficeDay[] } | { ok: false; errors: CalendarLineError[] } {
  const errors: CalendarLineError[] = [];
  const byDate = new Map<string, OfficeDay & { line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (!line || line.startsWith("#")) return;
    const dates = [...line.matchAll(DATE_RE)];
    if (dates.length === 0 || dates.length > 2) {
      errors.push({ line: n, message: `“${line}”：应写一个日期或一个日期范围，如“${year}-02-06 至 ${year}-02-12 放假 春节”` });
      return;
    }
    const parsed = dates.map((m) => iso(m[1], m[2], m[3]));
    if (parsed.some((d) => d === null)) {
      errors.push({ line: n, message: `“${line}”：日期不存在` });
      return;
    }
    const [from, to = from] = parsed as string[];
    if (to < from) {
      errors.push({ line: n, message: `“${line}”：结束日期早于开始日期` });
      return;
    }
    if (Number(from.slice(0, 4)) !== year || Number(to.slice(0, 4)) !== year) {
      errors.push({ line: n, message: `“${line}”：日期不在 ${year} 年内` });
      return;
    }
    let rest = line.replace(DATE_RE, " ").replace(/[至~～到—–]|(?<=\s)-(?=\s)/g, " ").trim();
    const isWork = WORKDAY_WORDS.find((w) => rest.includes(w));
    const isHoliday = HOLIDAY_WORDS.find((w) => rest.includes(w));
    let kind: OfficeDay["kind"];
    // "调休上班" names a workday even though it contains 休
    if (isWork) {
      kind = "workday";
      rest = rest.replace(isWork, " ");
    } else if (isHoliday) {
      kind = "holiday";
      rest = rest.replace(isHoliday, " ");
    } else {
      errors.push({ line: n, message: `“${line}”：请注明“放假”（法定节假日）或“上班”（调休上班日）` });
      return;
    }
    const name = rest.replace(/[，,；;：:（）()]/g, " ").replace(/\s+/g, " ").trim() || null;
    if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 31 * 86_400_000) {
      errors.push({ line: n, message: `“${line}”：一个范围不超过 31 天` });
      return;
    }
    for (let d = from; d <= to; d = nextDay(d)) {
      const prev = byDate.get(d);
      if (prev && prev.kind !== kind) {
        errors.push({ line: n, message: `${d} 在第 ${prev.line} 行为${prev.kind === "holiday" ? "放假" : "上班"}，本行又为${kind === "holiday" ? "放假" : "上班"}` });
        continue;
      }
      byDate.set(d, { date: d, kind, name: name ?? prev?.name ?? null, line: n });
    }
  });
  if (errors.length) return { ok: false, errors };
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)).map(({ date, kind, name }) => ({ date, kind, name }));
  if (days.length && !days.some((d) => d.kind === "holiday")) {
    return { ok: false, errors: [{ line: 0, message: `${year} 年至少应有一个法定节假日（放假）；只有调休上班日的年份不能视为已录入` }] };
  }
  return { ok: true, days };
}

/** The days of one year as the lines the form shows (ranges of consecutive same days joined). */
export function calendarLines(days: readonly OfficeDay[]): string {
  const out: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1].kind === days[i].kind && (days[j + 1].name ?? "") === (days[i].name ?? "") && days[j + 1].date === nextDay(days[j].date)) j++;
    const range = j > i ? `${days[i].date} 至 ${days[j].date}` : days[i].date;
    out.push(`${range} ${days[i].kind === "holiday" ? "放假" : "上班"}${days[i].name ? ` ${days[i].name}` : ""}`);
    i = j + 1;
  }
  return out.join("\n");
}

const dayString = (d: Date) => d.toISOString().slice(0, 10);

let loadedAt = 0;
const MAX_AGE_MS = 30_000;

/** The office table as lib/workdays.ts uses it; call before computing working-day deadlines on the server. */
export async function loadOfficeCalendar(force = false): Promise<OfficeCalendar> {
  if (!force && Date.now() - loadedAt < MAX_AGE_MS) return getOfficeCalendar();
  const rows = await getPrisma().officeCalendarDay.findMany({ select: { date: true, kind: true, name: true }, orderBy: { date: "asc" } });
  setOfficeCalendar(rows.map((r) => ({ date: dayString(r.date), kind: r.kind, name: r.name })));
  loadedAt = Date.now();
  return getOfficeCalendar();
}

export type CalendarYearView = { year: number; holidays: number; workdays: number; libraryCovers: boolean; lines: string };

/** Each year with office days, plus the years around now, with whether the library covers them. */
export async function listCalendarYears(now = new Date()): Promise<CalendarYearView[]> {
  const rows = await getPrisma().officeCalendarDay.findMany({ select: { date: true, kind: true, name: true }, orderBy: { date: "asc" } });
  const byYear = new Map<number, OfficeDay[]>();
  for (const r of rows) {
    const y = r.date.getUTCFullYear();
    byYear.set(y, [...(byYear.get(y) ?? []), { date: dayString(r.date), kind: r.kind, name: r.name }]);
  }
  const thisYear = now.getUTCFullYear();
  for (const y of [thisYear, thisYear + 1]) if (!byYear.has(y)) byYear.set(y, []);
  return [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, days]) => ({
      year,
      holidays: days.filter((d) => d.kind === "holiday").length,
      workdays: days.filter((d) => d.kind === "workday").length,
      libraryCovers: libraryCovers(year),
      lines: calendarLines(days),
    }));
}

/** Replace one year's office days (empty text clears the year). Audited with the days before and after. */
export async function saveCalendarYear(user: SessionUser, ip: string, raw: TSaveCalendarYear): Promise<{ year: number; holidays: number; workdays: number }> {
  const input = ZSaveCalendarYear.parse(raw);
  const parsed = parseCalendarText(input.year, input.text);
  if (!parsed.ok) {
    throw new UserError(parsed.errors.map((e) => (e.line ? `第 ${e.line} 行：${e.message}` : e.message)).join("；"), 400, { text: "有无法识别的行，请按提示修改" });
  }
  const from = new Date(`${input.year}-01-01T00:00:00Z`);
  const to = new Date(`${input.year + 1}-01-01T00:00:00Z`);
  const result = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"office-calendar:" + input.year}))`;
    const before = await tx.officeCalendarDay.findMany({ where: { date: { gte: from, lt: to } }, select: { date: true, kind: true, name: true }, orderBy: { date: "asc" } });
    await tx.officeCalendarDay.deleteMany({ where: { date: { gte: from, lt: to } } });
    if (parsed.days.length) {
      await tx.officeCalendarDay.createMany({ data: parsed.days.map((d) => ({ date: new Date(`${d.date}T00:00:00Z`), kind: d.kind, name: d.name ?? null, updatedById: user.id })) });
    }
    await writeAudit(tx, {
      actor: user,
      ip,
      action: "calendar.year.save",
      entityType: "office_calendar",
      entityId: input.year,
      before: { lines: calendarLines(before.map((r) => ({ date: dayString(r.date), kind: r.kind, name: r.name }))) },
      after: { lines: calendarLines(parsed.days) },
    });
    return { year: input.year, holidays: parsed.days.filter((d) => d.kind === "holiday").length, workdays: parsed.days.filter((d) => d.kind === "workday").length };
  });
  await loadOfficeCalendar(true);
  return result;
}
