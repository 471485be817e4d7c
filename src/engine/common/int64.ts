// BIGINT arithmetic as Java's long: exact over the whole 64-bit range, wrapping on overflow
// (Flink's generated code uses primitive long operators, so 9223372036854775807 + 1 is
// -9223372036854775808 and no error is raised). Values are canonical (common/decimal.ts): a
// number while |v| <= 2^53 - 1, a bigint beyond. The number path is a plain double operation
// plus one range check; only results leaving the safe range take the bigint path.
import type { Exact } from './decimal';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

/** A bigint wrapped to 64 bits (two's complement) and made canonical. */
export function wrapLong(b: bigint): Exact {
  const w = BigInt.asIntN(64, b);
  return w >= -MAX_SAFE_BIG && w <= MAX_SAFE_BIG ? Number(w) : w;
}

/** A bigint within the long range made canonical (no wrap). */
export function canonicalLong(b: bigint): Exact {
  return b >= -MAX_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}

export function longAdd(x: Exact, y: Exact): Exact {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x + y;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return wrapLong(BigInt(x) + BigInt(y));
}

export function longSub(x: Exact, y: Exact): Exact {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x - y;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r;
  }
  return wrapLong(BigInt(x) - BigInt(y));
}

export function longMul(x: Exact, y: Exact): Exact {
  if (typeof x === 'number' && typeof y === 'number') {
    // A product of integers whose double is within the safe range is exact.
    const r = x * y;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r;
  }
  return wrapLong(BigInt(x) * BigInt(y));
}

/** Java's long division: truncates toward zero; Long.MIN_VALUE / -1 wraps to Long.MIN_VALUE. `y` is not 0. */
export function longDiv(x: Exact, y: Exact): Exact {
  if (typeof x === 'number' && typeof y === 'number') {
    // x % y is exact for doubles, so (x - x % y) / y is an exact integer quotient.
    const q = (x - (x % y)) / y;
    return q === 0 ? 0 : q;
  }
  return wrapLong(BigInt(x) / BigInt(y));
}

/** Java's long remainder: the sign of the dividend. `y` is not 0. */
export function longRem(x: Exact, y: Exact): Exact {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x % y;
    return r === 0 ? 0 : r;
  }
  return canonicalLong(BigInt(x) % BigInt(y));
}

export function longNeg(x: Exact): Exact {
  if (typeof x === 'number') return x === 0 ? 0 : -x;
  return wrapLong(-x);
}

/** Integer text (`[+-]digits`) as a BIGINT; null when it is outside the long range. */
export function longFromText(text: string): Exact | null {
  const n = Number(text);
  if (n <= MAX_SAFE && n >= -MAX_SAFE) return n === 0 ? 0 : n;
  const b = BigInt(text);
  if (b < LONG_MIN || b > LONG_MAX) return null;
  return canonicalLong(b);
}
