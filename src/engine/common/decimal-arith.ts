// DECIMAL arithmetic as Flink's DecimalDataUtils computes it: the exact BigDecimal result,
// then `fromBigDecimal(bd, precision, scale)`: rounded HALF_UP to the result scale and NULL when
// it needs more than the result precision. Division first rounds to 38 significant digits
// (MathContext(38, HALF_UP)), as Flink's `divide` does. Operands are canonical values
// (common/decimal.ts) with their own scales (an integer operand has scale 0). Each operation has
// a number path for operands and results below 10^15 unscaled, and a bigint path beyond.
import { type Exact, fitsPrecision, fromUnscaled, pow10, pow10n, rescaleUnscaled, unscaledBig, unscaledSmall } from './decimal';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Rounds the number integer `k` at scale `from` to scale `to` < from, HALF_UP. */
function roundSmall(k: number, from: number, to: number): number {
  const d = pow10(from - to);
  const r = k % d;
  const q = (k - r) / d;
  return 2 * Math.abs(r) >= d ? q + Math.sign(k) : q;
}

/** The exact result `k` at scale `natural` as DECIMAL(precision, scale), or NULL when it does not fit. */
function finish(k: Exact, natural: number, precision: number, scale: number): Exact | null {
  if (typeof k === 'number') {
    if (natural > scale) k = roundSmall(k, natural, scale);
    return fitsPrecision(k, precision) ? fromUnscaled(k, scale) : null;
  }
  if (natural !== scale) k = rescaleUnscaled(k, natural, scale);
  return fitsPrecision(k, precision) ? fromUnscaled(k, scale) : null;
}

export function decimalAdd(x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number): Exact | null {
  const s = sx > sy ? sx : sy;
  if (typeof x === 'number' && typeof y === 'number') {
    const kx = unscaledSmall(x, s);
    const ky = kx === null ? null : unscaledSmall(y, s);
    if (ky !== null) return finish(kx! + ky, s, precision, scale);
  }
  return finish(unscaledBig(x, sx) * pow10n(s - sx) + unscaledBig(y, sy) * pow10n(s - sy), s, precision, scale);
}

export function decimalSub(x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number): Exact | null {
  return decimalAdd(x, sx, negate(y), sy, precision, scale);
}

export function decimalMul(x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number): Exact | null {
  if (typeof x === 'number' && typeof y === 'number') {
    const kx = unscaledSmall(x, sx);
    const ky = kx === null ? null : unscaledSmall(y, sy);
    if (ky !== null) {
      const k = kx! * ky;
      if (k <= MAX_SAFE && k >= -MAX_SAFE) return finish(k === 0 ? 0 : k, sx + sy, precision, scale);
    }
  }
  return finish(unscaledBig(x, sx) * unscaledBig(y, sy), sx + sy, precision, scale);
}

function digitCount(k: bigint): number {
  return (k < 0n ? -k : k).toString().length;
}

/** `x / y` (y not zero): Flink's divide, 38 significant digits HALF_UP, then the result scale HALF_UP. */
export function decimalDiv(x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number): Exact | null {
  // x / y = (kx * 10^sy) / (ky * 10^sx); at the result scale: (kx * 10^(sy + scale - sx)) / ky.
  const e = sy + scale - sx;
  if (typeof x === 'number' && typeof y === 'number' && e >= 0 && e <= 22) {
    const kx = unscaledSmall(x, sx);
    const ky = kx === null ? null : unscaledSmall(y, sy);
    if (ky !== null) {
      const n = kx! * pow10(e);
      if (n <= MAX_SAFE && n >= -MAX_SAFE) {
        // One HALF_UP rounding at the result scale equals Flink's two here: with a divisor
        // below 10^15 the quotient's digits cannot run 4999... for the 22+ places that would
        // let the 38-digit rounding carry.
        const r = n % ky!;
        const q = (n - r) / ky!;
        const k = 2 * Math.abs(r) >= Math.abs(ky!) ? q + (n < 0 !== ky! < 0 ? -1 : 1) : q;
        return fitsPrecision(k, precision) ? fromUnscaled(k === 0 ? 0 : k, scale) : null;
      }
    }
  }
  const num = unscaledBig(x, sx) * pow10n(sy);
  const den = unscaledBig(y, sy) * pow10n(sx);
  const negative = num < 0n !== den < 0n;
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  if (an === 0n) return 0;
  // Scale `t` so the quotient has 38 digits: an * 10^t / ad in [10^37, 10^38).
  let t = 38 - (digitCount(an) - digitCount(ad));
  let q = t >= 0 ? (an * pow10n(t)) / ad : an / (ad * pow10n(-t));
  if (q >= pow10n(38)) {
    t--;
    q = t >= 0 ? (an * pow10n(t)) / ad : an / (ad * pow10n(-t));
  }
  // q has 38 digits (or 37 at most one step off): round the 38-digit quotient HALF_UP.
  const num38 = t >= 0 ? an * pow10n(t) : an;
  const den38 = t >= 0 ? ad : ad * pow10n(-t);
  const rem = num38 - q * den38;
  if (rem * 2n >= den38) q += 1n;
  let k: bigint;
  if (t > scale) k = rescaleUnscaled(q, t, scale);
  else k = q * pow10n(scale - t);
  if (negative) k = -k;
  return fitsPrecision(k, precision) ? fromUnscaled(k, scale) : null;
}

/** `x % y` (y not zero): BigDecimal.remainder (the sign of the dividend), as DECIMAL(precision, scale). */
export function decimalMod(x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number): Exact | null {
  const s = sx > sy ? sx : sy;
  if (typeof x === 'number' && typeof y === 'number') {
    const kx = unscaledSmall(x, s);
    const ky = kx === null ? null : unscaledSmall(y, s);
    if (ky !== null) {
      const r = kx! % ky;
      return finish(r === 0 ? 0 : r, s, precision, scale); // -0 is 0 (canonical)
    }
  }
  return finish((unscaledBig(x, sx) * pow10n(s - sx)) % (unscaledBig(y, sy) * pow10n(s - sy)), s, precision, scale);
}

/** Whether a canonical value is zero (division by zero check). */
export function isZero(v: Exact): boolean {
  return v === 0 || v === 0n;
}

export function negate(v: Exact): Exact {
  if (typeof v === 'number') return v === 0 ? 0 : -v;
  return -v;
}

export function absolute(v: Exact): Exact {
  if (typeof v === 'number') return Math.abs(v);
  return v < 0n ? -v : v;
}

export function signum(v: Exact): number {
  if (typeof v === 'number') return Math.sign(v);
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}

/** ROUND(v, digits) at scale `scale`, HALF_UP, given back at `resultScale` (digits may be negative). */
export function decimalRound(v: Exact, scale: number, digits: number, resultScale: number, mode: 'half-up' | 'down' | 'floor' | 'ceil'): Exact {
  const k = unscaledBig(v, scale);
  let r: bigint;
  if (digits >= scale) r = k * pow10n(digits - scale);
  else {
    const div = pow10n(scale - digits);
    const q = k / div;
    const rem = k - q * div;
    r = q;
    if (rem !== 0n) {
      if (mode === 'half-up') {
        if ((rem < 0n ? -rem : rem) * 2n >= div) r = k < 0n ? q - 1n : q + 1n;
      } else if (mode === 'floor') {
        if (k < 0n) r = q - 1n;
      } else if (mode === 'ceil') {
        if (k > 0n) r = q + 1n;
      }
    }
  }
  // r is at scale `digits`; bring it to the result scale.
  const atResult = resultScale >= digits ? r * pow10n(resultScale - digits) : rescaleUnscaled(r, digits, resultScale);
  return fromUnscaled(atResult, resultScale);
}
