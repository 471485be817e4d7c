// Exact DECIMAL(p, s) and BIGINT values (see docs/decisions.md, "Exact numbers").
//
// Representation. A DECIMAL(p, s) value v = k * 10^-s (k the unscaled integer) is held as
//   - a JS number, the double nearest to v, when v has at most 15 significant digits or is an
//     integer with |v| <= 2^53 - 1: such values map to distinct doubles, so the number is exact
//     in the sense that it names exactly one decimal (0.1 is the number 0.1);
//   - a JS bigint holding k, the unscaled value at the column's scale, otherwise.
// BIGINT is the scale-0 case: a number while |v| <= 2^53 - 1, a bigint beyond.
// This form is canonical: one value has one representation, so === and Map keys (SameValueZero)
// are value equality within a type, and the common path (small values) stays plain doubles.
// A number means the same value in every numeric type; a bigint's meaning depends on the scale of
// its type, so a conversion between types of different scales goes through `rescale`.

import { canonicalLong } from './int64';

export type Exact = number | bigint;

/** Values with at most this many significant digits are held as numbers. */
export const NUMBER_DIGITS = 15;
const NUMBER_LIMIT = 1e15;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/** 10^i as an exact double, i = 0..22. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const POW10_BIG: bigint[] = [1n];

/** 10^n as a bigint (cached). */
export function pow10n(n: number): bigint {
  for (let i = POW10_BIG.length; i <= n; i++) POW10_BIG.push(POW10_BIG[i - 1]! * 10n);
  return POW10_BIG[n]!;
}

/** 10^n as a double (exact for n <= 22). */
export function pow10(n: number): number {
  return n >= 0 && n <= 22 ? POW10[n]! : Math.pow(10, n);
}

/** The canonical value of the decimal k * 10^-scale (no precision check). */
export function fromUnscaled(k: Exact, scale: number): Exact {
  if (typeof k === 'number') {
    // Exact integer input: a number path while small.
    if (k > -NUMBER_LIMIT && k < NUMBER_LIMIT) {
      if (scale === 0) return k === 0 ? 0 : k;
      if (scale <= 22) {
        const v = k / POW10[scale]!; // both exact: the quotient is the nearest double to k/10^s
        return v === 0 ? 0 : v;
      }
    } else if (scale === 0 && k >= -MAX_SAFE && k <= MAX_SAFE) return k;
    k = BigInt(k);
  }
  if (scale === 0) return canonicalLong(k);
  if (k === 0n) return 0;
  // Strip trailing zeros to count significant digits.
  let m = k;
  let s = scale;
  while (s > 0 && m % 10n === 0n) {
    m /= 10n;
    s--;
  }
  if (s === 0 && m >= -MAX_SAFE_BIG && m <= MAX_SAFE_BIG) return Number(m);
  const abs = m < 0n ? -m : m;
  if (abs < 1_000_000_000_000_000n) {
    // At most 15 significant digits: a number.
    return s <= 22 ? Number(m) / POW10[s]! : Number(`${m}e-${s}`);
  }
  return k;
}

/** The unscaled integer of a canonical value at `scale`, as a bigint. */
export function unscaledBig(v: Exact, scale: number): bigint {
  if (typeof v === 'bigint') return v;
  if (scale === 0) return BigInt(v);
  const y = v * pow10(scale);
  if (y > -NUMBER_LIMIT && y < NUMBER_LIMIT) return BigInt(Math.round(y));
  return digitsToUnscaled(String(v), scale);
}

/**
 * The unscaled integer of a canonical value at `scale` as a number when it is below 10^15 in
 * magnitude (exact there), else null: the fast path of arithmetic and sums.
 */
export function unscaledSmall(v: number, scale: number): number | null {
  const y = scale === 0 ? v : v * pow10(scale);
  if (y > -NUMBER_LIMIT && y < NUMBER_LIMIT) return Math.round(y);
  return null;
}

/** `String(number)` (plain or exponent form) -> unscaled bigint at `scale`, rounded half up. */
function digitsToUnscaled(text: string, scale: number): bigint {
  const parsed = parseDecimalText(text);
  if (parsed === null) throw new Error(`not a decimal: ${text}`);
  return roundParsed(parsed, scale);
}

/** A decimal literal split into its parts: value = sign * digits * 10^exp. */
export interface ParsedDecimal {
  negative: boolean;
  /** Significant digits without leading zeros ('' for zero). */
  digits: string;
  exp: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses `[+-]digits[.digits][e[+-]digits]`; null when it is not such a number. */
export function parseDecimalText(text: string): ParsedDecimal | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  // An exponent too large to matter is kept as a large number (the value then does not fit).
  const expText = m[4];
  let exp = expText === undefined ? 0 : Number(expText);
  if (!Number.isFinite(exp)) exp = expText!.startsWith('-') ? -1e9 : 1e9;
  exp = Math.max(-1e9, Math.min(1e9, exp));
  let digits = (intPart + fracPart).replace(/^0+/, '');
  exp -= fracPart.length;
  if (digits === '') return { negative: m[1] === '-', digits: '', exp: 0 };
  // Trailing zeros into the exponent.
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  exp += digits.length - end;
  digits = digits.slice(0, end);
  return { negative: m[1] === '-', digits, exp };
}

/** The unscaled value of a parsed decimal at `scale`, rounded HALF_UP (away from zero). */
export function roundParsed(p: ParsedDecimal, scale: number): bigint {
  if (p.digits === '') return 0n;
  const shift = p.exp + scale; // value * 10^scale = digits * 10^shift
  let k: bigint;
  if (shift >= 0) {
    if (shift > 400) k = pow10n(400); // beyond any precision; callers check the fit
    else k = BigInt(p.digits) * pow10n(shift);
  } else {
    const drop = -shift;
    if (drop > p.digits.length) k = 0n;
    else {
      const keep = p.digits.slice(0, p.digits.length - drop);
      k = keep === '' ? 0n : BigInt(keep);
      if (p.digits.charCodeAt(p.digits.length - drop) >= 53 /* '5' */) k += 1n;
    }
  }
  return p.negative ? -k : k;
}

/** Whether an unscaled value fits `precision` digits. */
export function fitsPrecision(k: Exact, precision: number): boolean {
  if (typeof k === 'number') return precision >= 16 || Math.abs(k) < pow10(precision);
  const abs = k < 0n ? -k : k;
  return abs < pow10n(precision);
}

/**
 * Text -> DECIMAL(p, s): rounded HALF_UP to s digits; `null` when the value does not fit p
 * digits (Flink: NULL on CAST, a parse error on read); `undefined` when it is not a number.
 */
export function decimalFromText(text: string, precision: number, scale: number): Exact | null | undefined {
  const parsed = parseDecimalText(text);
  if (parsed === null) return undefined;
  if (parsed.digits !== '' && parsed.digits.length + parsed.exp > precision - scale) return null;
  const k = roundParsed(parsed, scale);
  if (!fitsPrecision(k, precision)) return null; // rounding carried into a new digit
  return fromUnscaled(k, scale);
}

/** A double -> DECIMAL(p, s) (HALF_UP on the double's shortest decimal text); null when it does not fit. */
export function decimalFromDouble(x: number, precision: number, scale: number): Exact | null {
  if (!Number.isFinite(x)) return null;
  if (scale <= 22) {
    const y = x * POW10[scale]!;
    if (y > -NUMBER_LIMIT && y < NUMBER_LIMIT) {
      // Already on the scale (the common case): k / 10^s gives back x, no text round trip.
      const k = Math.round(y);
      if (k / POW10[scale]! === x) return fitsPrecision(k, precision) ? fromUnscaled(k, scale) : null;
      // Off the scale and clearly not a tie (farther from .5 than y's binary error, about
      // 2 ulp): HALF_UP of the double's decimal text is then the nearest integer to y.
      const abs = Math.abs(y);
      const frac = abs - Math.floor(abs);
      if (Math.abs(frac - 0.5) > abs * 4.5e-16 + 1e-9) {
        const rounded = y < 0 ? -Math.round(abs) : Math.round(abs);
        return fitsPrecision(rounded, precision) ? fromUnscaled(rounded === 0 ? 0 : rounded, scale) : null;
      }
    }
  }
  return decimalFromText(String(x), precision, scale) as Exact | null;
}

/** Rescales an unscaled value from `from` to `to` digits, HALF_UP when digits are dropped. */
export function rescaleUnscaled(k: bigint, from: number, to: number): bigint {
  if (to >= from) return k * pow10n(to - from);
  const div = pow10n(from - to);
  const q = k / div;
  const r = k - q * div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) return k < 0n ? q - 1n : q + 1n;
  return q;
}

/** A canonical value of scale `from` as a canonical value of scale `to` (HALF_UP when narrowing). */
export function rescale(v: Exact, from: number, to: number): Exact {
  if (typeof v === 'number') {
    if (to >= from) return v;
    const k = unscaledSmall(v, from);
    if (k !== null) {
      const d = pow10(from - to);
      const q = Math.trunc(k / d);
      const r = k - q * d;
      return fromUnscaled(2 * Math.abs(r) >= d ? q + Math.sign(k) : q, to);
    }
  }
  return fromUnscaled(rescaleUnscaled(unscaledBig(v, from), from, to), to);
}

/** Compares two canonical values of one scale: -1, 0, 1. */
export function compareExact(a: Exact, b: Exact, scale: number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (scale === 0) return a < b ? -1 : a > b ? 1 : 0; // JS compares number with bigint by value
  const x = unscaledBig(a, scale);
  const y = unscaledBig(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The plain text of a value with exactly `scale` fractional digits (BigDecimal.toPlainString). */
export function decimalToString(v: Exact, scale: number): string {
  if (typeof v === 'number' && scale <= 20 && Math.abs(v) < 1e21 && unscaledSmall(v, scale) !== null) {
    const s = v.toFixed(scale);
    return s.startsWith('-') && /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  }
  const k = unscaledBig(v, scale);
  const neg = k < 0n;
  const digits = (neg ? -k : k).toString();
  if (scale === 0) return (neg ? '-' : '') + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

/** The shortest exact text of a value (no trailing fractional zeros): what JSON output prints. */
export function exactText(v: Exact, scale: number): string {
  if (typeof v === 'number') return String(v);
  const text = decimalToString(v, scale);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A canonical value as a double (for DOUBLE arithmetic and approximate functions). */
export function toDouble(v: Exact, scale: number): number {
  if (typeof v === 'number') return v;
  return scale === 0 ? Number(v) : Number(`${v}e-${scale}`);
}

/** `n` rounded half away from zero to `scale` digits and made canonical (data and datagen values). */
export function roundToScale(n: number, scale: number): Exact {
  if (!Number.isFinite(n)) return n;
  const r = decimalFromDouble(n, 400, scale);
  return r === null ? n : r;
}
