// Shared pieces of the edition format (points, codes), kept apart from schema.ts so the
// rule-type modules (lib/rules/types/<type>/schema.ts) can use them without an import cycle.
import Fraction from "fraction.js";
import { z } from "zod";

/** A non-negative decimal written as a string ("0.05") or an integer (4). */
export const ZPoints = z.union([
  z.string().regex(/^\d+(\.\d+)?$/, "应为非负小数，例如 \"0.05\""),
  z.number().int().nonnegative(),
]);
export type TPoints = z.infer<typeof ZPoints>;

export const ZCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "代码只能包含字母、数字、点、下划线和连字符");

/** Exact value of a points field ("0.05" or 4). */
export function pts(p: TPoints): Fraction {
  return new Fraction(p);
}

/** Exact value for messages: "0.15", "40", "1/3" when it does not terminate. */
export function fmt(f: Fraction): string {
  const s = f.toString();
  return s.includes("(") ? f.toFraction() : s;
}
