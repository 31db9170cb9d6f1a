// Primitive value schemas shared by the rule-type modules' fact schemas and the engine's
// input schema (facts.ts re-exports them). No imports of rule types here (no cycles).
import { z } from "zod";

/** A decimal number given as a string ("0.05") or a JSON number (read via its decimal string). */
export const ZDecimalInput = z.union([
  z.string().regex(/^[+-]?\d+(\.\d+)?$/, "应为小数，例如 \"0.5\""),
  z.number().refine((n) => Number.isFinite(n), "应为有限数"),
]);
export type TDecimalInput = z.infer<typeof ZDecimalInput>;

/** A non-negative decimal (string or number). */
export const ZNonNegativeDecimal = z.union([
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "应为非负小数，例如 \"0.5\"")
    .refine((s) => /^\d{1,9}(\.|$)/.test(s), "数值过大"),
  z.number().nonnegative("应为非负数").max(999_999_999, "数值过大").refine((n) => Number.isFinite(n), "应为有限数"),
]);

/** The largest count a form or the API accepts (posts per month, events, departments…). */
export const MAX_COUNT = 100_000;
export const TOO_LARGE = `数值过大（最多 ${MAX_COUNT}）`;

/** A count per month: a whole number (string or JSON number), 0..MAX_COUNT; "8.5" posts is refused. */
export const ZMonthlyCount = z.union([
  z.string().regex(/^\d+$/, "应为整数（条数不能有小数）").refine((s) => Number(s) <= MAX_COUNT, TOO_LARGE),
  z.number().int("应为整数（条数不能有小数）").nonnegative("应为非负整数").max(MAX_COUNT, TOO_LARGE),
]);

/** YYYY-MM-DD that is a real calendar date (2017-02-30 is rejected). */
export const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isCalendarDate, "不是有效的日历日期");
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= dim[mo - 1];
}
/** Whole calendar days from a to b (both valid YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}
