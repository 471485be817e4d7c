// What the expression compiler needs to keep BIGINT and DECIMAL exact (common/decimal.ts): which
// types may hold a bigint, converting a value between numeric types whose bigint forms differ,
// and comparing values of a type whose bigint form is not ordered like its numbers.
import type { DataType, Value } from '../types';
import { compareExact, rescale, toDouble } from '../common/decimal';
import type { CompiledExpr } from './ir';
import { familyOf } from './typeutil';

type NN = Exclude<Value, null>;

/** Whether values of `t` may be bigints: BIGINT, and DECIMAL of more than 15 digits. */
export function mayBeBig(t: DataType): boolean {
  return t.name === 'BIGINT' || (t.name === 'DECIMAL' && (t.precision ?? 10) > 15);
}

/** The scale at which a bigint of `t` is held (0 for integer types). */
export function exactScale(t: DataType): number {
  return t.name === 'DECIMAL' ? (t.scale ?? 0) : 0;
}

/**
 * A converter of values of `from` into the representation of `to`, both numeric and `to` at
 * least as wide, or null when the representation does not change. Numbers mean the same value in
 * every numeric type; only bigints change: to a double, or to another scale.
 */
export function reprConverter(from: DataType, to: DataType): ((v: NN) => NN) | null {
  if (!mayBeBig(from)) return null;
  const fs = exactScale(from);
  const tf = familyOf(to);
  if (tf === 'approx') return (v) => (typeof v === 'bigint' ? toDouble(v, fs) : v);
  if (tf !== 'decimal' && tf !== 'integer') return null;
  const ts = exactScale(to);
  if (ts === fs) return null;
  return (v) => (typeof v === 'bigint' ? rescale(v, fs, ts) : v);
}

/** `c` with its bigint values brought into `to`'s representation (see reprConverter). */
export function inRepr(c: CompiledExpr, from: DataType, to: DataType): CompiledExpr {
  const conv = reprConverter(from, to);
  if (!conv) return c;
  return (row) => {
    const v = c(row);
    return v === null ? null : conv(v);
  };
}

/** `c` as doubles: for functions that compute in floating point (POWER, SQRT, LPAD's length, ...). */
export function asDouble(c: CompiledExpr, from: DataType): CompiledExpr {
  if (!mayBeBig(from)) return c;
  const s = exactScale(from);
  return (row) => {
    const v = c(row);
    return typeof v === 'bigint' ? toDouble(v, s) : v;
  };
}

export function plainCompare(x: NN, y: NN): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The comparison of values of `t`. JS relational operators order numbers, strings, booleans and
 * (for BIGINT) a number against a bigint by value; a wide DECIMAL with a scale compares through
 * its unscaled value, since its bigint is scaled and its number is not.
 */
export function comparatorOf(t: DataType): (x: NN, y: NN) => number {
  if (t.name === 'DECIMAL' && (t.precision ?? 10) > 15 && (t.scale ?? 0) > 0) {
    const s = t.scale ?? 0;
    return (x, y) => compareExact(x as number | bigint, y as number | bigint, s);
  }
  return plainCompare;
}
