// DECIMAL values are JS numbers held at their column's scale (see docs/decisions.md).

/**
 * `n` rounded half away from zero to `scale` fractional digits, for reading data and writing
 * output. The 1e-9 nudge makes 1.005 round to 1.01 despite its binary value 1.00499...; -0
 * becomes 0. (CAST rounds with expr/cast.ts `roundHalfUp`, which shifts the decimal point in text.)
 */
export function roundToScale(n: number, scale: number): number {
  if (!Number.isFinite(n)) return n;
  const f = Math.pow(10, scale);
  const r = Math.round(Math.abs(n) * f + 1e-9) / f;
  const v = n < 0 ? -r : r;
  return Object.is(v, -0) ? 0 : v;
}
