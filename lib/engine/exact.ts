// Exact rational arithmetic for scores, on fraction.js (BigInt-based).
// Every score is kept as an exact fraction; rounding happens only for display.
// Numbers never pass through binary floating point: inputs are parsed from their
// decimal string ("0.05", or String(0.05) for a JSON number).
import Fraction from "fraction.js";

export type Exact = Fraction;

/** What the engine outputs for every number: the exact value and its 2-place display. */
export type ExactValue = {
  /** terminating decimal ("0.35", "-2", "85.5") when the value terminates, else "n/d" ("257/3") */
  exact: string;
  /** rounded to 2 places, half up (ties away from zero), trailing zeros dropped ("20.33", "4", "0.5") */
  display: string;
};

export const ZERO: Exact = new Fraction(0);
export const ONE: Exact = new Fraction(1);
export const HUNDRED: Exact = new Fraction(100);

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** True when the string is a plain decimal number the engine can read exactly. */
export function isDecimalString(s: string): boolean {
  return DECIMAL_RE.test(s.trim());
}

/**
 * Parse a decimal written as a string ("0.05", "12", "1e-3") or a JS number (converted via
 * String(n), i.e. its shortest round-trip decimal, so 0.05 reads as exactly 5/100).
 * Throws on anything else; callers validate input before scoring.
 */
export function parseExact(input: string | number | bigint): Exact {
  if (typeof input === "bigint") return new Fraction(input);
  if (typeof input === "number" && !Number.isFinite(input)) throw new Error(`不是有限数：${input}`);
  const s = String(input).trim();
  const m = DECIMAL_RE.exec(s);
  if (!m) throw new Error(`不是合法的小数：“${s}”`);
  const [, sign, intPart, fracPart = "", expPart] = m;
  let num = BigInt(intPart + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  const exp = expPart ? Number.parseInt(expPart, 10) : 0;
  if (Math.abs(exp) > 1000) throw new Error(`指数过大：“${s}”`);
  if (exp > 0) num *= 10n ** BigInt(exp);
  if (exp < 0) den *= 10n ** BigInt(-exp);
  if (sign === "-") num = -num;
  return new Fraction(num, den);
}

/** Points as written in rule data ("0.05" or 4). */
export const parsePoints = parseExact;

export function add(a: Exact, b: Exact): Exact {
  return a.add(b);
}
export function sub(a: Exact, b: Exact): Exact {
  return a.sub(b);
}
export function mul(a: Exact, b: Exact | number | bigint): Exact {
  return a.mul(typeof b === "number" ? BigInt(b) : b);
}
export function div(a: Exact, b: Exact | number | bigint): Exact {
  return a.div(typeof b === "number" ? BigInt(b) : b);
}
export function sum(values: Iterable<Exact>): Exact {
  let acc = ZERO;
  for (const v of values) if (v.n !== 0n) acc = acc.n === 0n ? v : acc.add(v);
  return acc;
}
export function min(a: Exact, b: Exact): Exact {
  return a.compare(b) <= 0 ? a : b;
}
export function max(a: Exact, b: Exact): Exact {
  return a.compare(b) >= 0 ? a : b;
}
export function cmp(a: Exact, b: Exact): number {
  return a.compare(b);
}
export function isZero(a: Exact): boolean {
  return a.n === 0n;
}
export function isNegative(a: Exact): boolean {
  return a.s < 0n && a.n !== 0n;
}

/** The exact value as a string: a terminating decimal when it terminates, else "n/d". */
export function toExactString(f: Exact): string {
  const neg = f.s < 0n && f.n !== 0n;
  if (f.d === 1n) return (neg ? "-" : "") + f.n.toString();
  const n = f.n;
  const d = f.d;
  // A reduced fraction terminates iff its denominator has no prime factors but 2 and 5.
  let rest = d;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return `${neg ? "-" : ""}${n}/${d}`;
  const places = Math.max(twos, fives);
  const scaled = n * (10n ** BigInt(places) / d);
  return (neg ? "-" : "") + formatScaled(scaled, places, false);
}

/**
 * Round to `places` decimals, half up: ties go away from zero for negatives too
 * (-0.005 → "-0.01"), the usual convention for 成绩 tables. Trailing zeros are dropped
 * unless `fixed` is set ("85.5" vs "85.50").
 */
export function toDisplay(f: Exact, places = 2, fixed = false): string {
  if (f.d === 1n && !fixed) return (f.s < 0n && f.n !== 0n ? "-" : "") + f.n.toString();
  const scale = 10n ** BigInt(places);
  // |x| × scale, rounded half up: floor((2·n·scale + d) / (2·d))
  const rounded = (2n * f.n * scale + f.d) / (2n * f.d);
  const neg = f.s < 0n && rounded !== 0n;
  return (neg ? "-" : "") + formatScaled(rounded, places, fixed);
}

function formatScaled(scaled: bigint, places: number, fixed: boolean): string {
  if (places === 0) return scaled.toString();
  const s = scaled.toString().padStart(places + 1, "0");
  const intPart = s.slice(0, s.length - places);
  let frac = s.slice(s.length - places);
  if (!fixed) frac = frac.replace(/0+$/, "");
  return frac ? `${intPart}.${frac}` : intPart;
}

// Scores repeat a lot across units (0, 4, 0.65…): formatting is cached by value. The
// cached objects are shared, so callers must not mutate them.
const VALUE_CACHE = new Map<string, ExactValue>();
const VALUE_CACHE_LIMIT = 100_000;

export function toValue(f: Exact): ExactValue {
  const key = f.d === 1n ? (f.s < 0n ? `-${f.n}` : `${f.n}`) : `${f.s < 0n ? "-" : ""}${f.n}/${f.d}`;
  let v = VALUE_CACHE.get(key);
  if (!v) {
    if (VALUE_CACHE.size >= VALUE_CACHE_LIMIT) VALUE_CACHE.clear();
    v = Object.freeze({ exact: toExactString(f), display: toDisplay(f) });
    VALUE_CACHE.set(key, v);
  }
  return v;
}

/** Short form for trace lines: the 2-place display. */
export function fmt(f: Exact): string {
  return toValue(f).display;
}

/** Parse back an ExactValue.exact string ("0.35" or "257/3"). */
export function fromExactString(s: string): Exact {
  const m = /^(-)?(\d+)\/(\d+)$/.exec(s);
  if (m) return new Fraction(BigInt(m[2]) * (m[1] ? -1n : 1n), BigInt(m[3]));
  return parseExact(s);
}

/** Round to `places` decimals, half up (ties away from zero), as an exact value (R6 round-each-step). */
export function roundExact(f: Exact, places = 2): Exact {
  if (f.d === 1n) return f;
  const scale = 10n ** BigInt(places);
  const rounded = (2n * f.n * scale + f.d) / (2n * f.d);
  return new Fraction(f.s < 0n ? -rounded : rounded, scale);
}
