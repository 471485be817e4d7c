// CAST between the engine's types, with Flink's semantics where they matter:
// - to an integer type truncates toward zero ('3.7' -> 3 as Flink's string parser does); from a
//   numeric type it is Java's primitive narrowing: integers and DECIMALs wrap
//   (CAST(1000 AS TINYINT) = -24), DOUBLEs saturate at the int / long range (NaN -> 0); a string
//   out of the type's range fails,
// - to DECIMAL(p, s) rounds half-up (away from zero) to s digits, exactly (common/decimal.ts);
//   a value that does not fit p digits becomes NULL, as Flink's DecimalData does,
// - string -> DATE/TIMESTAMP parses 'YYYY-MM-DD[ HH:MM:SS[.fff]]' (UTC),
// - BOOLEAN -> STRING is 'TRUE'/'FALSE', DOUBLE -> STRING prints like Java's Double.toString.
// A value that cannot be converted throws ExprError; TRY_CAST turns that into NULL.
import type { DataType, Span, Value } from '../types';
import { MS_PER_DAY } from '../common/calendar';
import { type Exact, decimalFromDouble, decimalFromText, decimalToString, fitsPrecision, pow10n, rescale, toDouble, unscaledBig, unscaledSmall } from '../common/decimal';
import { LONG_MAX, LONG_MIN, longFromText, wrapLong } from '../common/int64';
import { exactScale, mayBeBig } from './exact';
import { parseDate, parseTimestamp } from '../common/time-text';
import { floorDiv, formatDate, formatTimestamp } from './datetime';
import { familyOf } from './typeutil';
import { FreshetError } from '../errors';

/** A runtime expression failure (a bad cast, an integer division by zero). Fails the job. */
export class ExprError extends FreshetError {
  /** The expression in the script that failed; set by the compiled expression that caught it. */
  span: Span | undefined;
  constructor(message: string) {
    super('expression', message);
  }
}

/** Rounds half-up (away from zero) to `scale` fractional digits, avoiding binary artefacts. */
export function roundHalfUp(x: number, scale: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  const str = String(abs);
  let r: number;
  if (!str.includes('e') && scale >= 0) {
    // Shift the decimal point in text, so 1.005 rounds to 1.01 and not 1.00.
    r = Number(Math.round(Number(`${str}e${scale}`)) + `e-${scale}`);
  } else {
    const f = Math.pow(10, scale);
    r = Math.round(abs * f) / f;
  }
  return r === 0 ? 0 : sign * r;
}

/** Java's Double.toString: `1.0`, `3.5`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`. */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  // Scientific: mantissa with at least one fractional digit.
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : mant + '.0';
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** The text of a value as CAST(v AS STRING) gives it. */
export function valueToString(v: Value, type: DataType): string | null {
  if (v === null) return null;
  switch (familyOf(type)) {
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'integer':
      return String(v);
    case 'approx':
      return type.name === 'FLOAT' ? javaDoubleToString(Number(Math.fround(v as number).toPrecision(7))) : javaDoubleToString(v as number);
    case 'decimal':
      return decimalToString(v as Exact, type.scale ?? 0);
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number, type.precision ?? 6);
    case 'interval':
      return String(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

const INT_RANGE: Record<string, [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
};

/** Wraps an integer to the width of a TINYINT/SMALLINT/INT, as Java's narrowing does. */
export function wrapInt(x: number, typeName: string): number {
  switch (typeName) {
    case 'TINYINT':
      return (x << 24) >> 24;
    case 'SMALLINT':
      return (x << 16) >> 16;
    case 'INT':
      return x | 0;
    default:
      return x;
  }
}

const TWO_63 = 2 ** 63;

/**
 * An integer or DECIMAL value to an integer type, as Java's `(byte) / (short) / (int)` of a long:
 * truncated toward zero (DECIMAL's longValue keeps the low 64 bits), then the low bits kept:
 * CAST(1000 AS TINYINT) = -24. `scale` is the source's (0 for an integer type).
 */
export function narrowIntegral(x: number | bigint, typeName: string, scale = 0): number | bigint {
  if (typeof x === 'bigint' || Math.abs(x) > Number.MAX_SAFE_INTEGER) {
    let whole = unscaledBig(x, scale);
    if (scale > 0) whole /= pow10n(scale); // truncates toward zero
    if (typeName === 'BIGINT') return wrapLong(whole);
    return wrapInt(Number(BigInt.asIntN(32, whole)), typeName);
  }
  let n = Math.trunc(x);
  if (typeName !== 'BIGINT') n = wrapInt(n, typeName);
  return n === 0 ? 0 : n;
}

/**
 * A DOUBLE / FLOAT to an integer type, as Java's `(int) d` / `(long) d`: NaN is 0 and values
 * beyond the range saturate (CAST(1e10 AS INT) = 2147483647); TINYINT and SMALLINT go through
 * an int first, then wrap, as `(byte) d` does.
 */
export function narrowDouble(x: number, typeName: string): number | bigint {
  if (Number.isNaN(x)) return 0;
  if (typeName === 'BIGINT') {
    if (x >= TWO_63) return LONG_MAX;
    if (x <= -TWO_63) return LONG_MIN;
    const n = Math.trunc(x);
    if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return BigInt(n);
    return n === 0 ? 0 : n;
  }
  const i = x >= 2147483647 ? 2147483647 : x <= -2147483648 ? -2147483648 : Math.trunc(x);
  const n = wrapInt(i, typeName);
  return n === 0 ? 0 : n;
}

/** TIMESTAMP's range, 0000-01-01 00:00:00 .. 9999-12-31 23:59:59.999, in ms since 1970. */
export const MIN_TIMESTAMP_MS = -62167219200000;
export const MAX_TIMESTAMP_MS = 253402300799999;

// Fixed patterns, never built from script text.
const INT_TEXT = /^[+-]?\d+(\.\d*)?$/;
const NUM_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function quote(v: Value): string {
  return typeof v === 'string' ? `'${v.length > 60 ? v.slice(0, 60) + '...' : v}'` : String(v);
}

function fail(v: Value, to: DataType): never {
  throw new ExprError(`cannot cast ${quote(v)} to ${typeLabel(to)}`);
}

function typeLabel(t: DataType): string {
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
  return t.name;
}

/** Whether CAST(from AS to) is allowed (checked by the binder; Flink's cast matrix, approximated). */
export function canCast(from: DataType, to: DataType): boolean {
  const f = familyOf(from);
  const t = familyOf(to);
  if (f === 'null' || f === t) return true;
  if (t === 'string' || f === 'string') return f !== 'interval' && t !== 'interval';
  switch (t) {
    case 'boolean':
      return f === 'integer' || f === 'approx' || f === 'decimal';
    case 'integer':
    case 'approx':
    case 'decimal':
      return f === 'integer' || f === 'approx' || f === 'decimal' || f === 'boolean' || (f === 'timestamp' && t === 'integer');
    case 'date':
      return f === 'timestamp';
    case 'timestamp':
      return f === 'date' || f === 'integer' || (f === 'timestamp');
    case 'interval':
      return false;
    default:
      return false;
  }
}

/**
 * A converter for non-null values from `from` to `to`. Throws ExprError on a value that cannot
 * be converted.
 */
export function castConverter(from: DataType, to: DataType): (v: Exclude<Value, null>) => Value {
  const f = familyOf(from);
  const t = familyOf(to);
  switch (t) {
    case 'null':
      return () => null;
    case 'boolean':
      if (f === 'boolean') return (v) => v;
      if (f === 'string')
        return (v) => {
          const s = (v as string).trim().toLowerCase();
          if (s === 'true' || s === 't' || s === 'yes' || s === 'y' || s === '1') return true;
          if (s === 'false' || s === 'f' || s === 'no' || s === 'n' || s === '0') return false;
          return fail(v, to);
        };
      return (v) => v !== 0; // a bigint is never zero (canonical)
    case 'integer': {
      const name = to.name;
      const range = INT_RANGE[name];
      if (f === 'string') {
        // Flink's string parser (BinaryStringDataUtil.toByte/toShort/toInt) rejects a value out of range.
        const fit = (x: number, v: Value): number => {
          if (!Number.isFinite(x)) return fail(v, to);
          const n = Math.trunc(x);
          if (range && (n < range[0] || n > range[1])) return fail(v, to);
          return n === 0 ? 0 : n;
        };
        if (name === 'BIGINT')
          return (v) => {
            const s = (v as string).trim();
            if (!INT_TEXT.test(s)) return fail(v, to);
            const whole = s.replace(/\.\d*$/, '');
            const n = longFromText(whole === '' || whole === '+' || whole === '-' ? '0' : whole);
            return n === null ? fail(v, to) : n;
          };
        return (v) => {
          const s = (v as string).trim();
          if (!INT_TEXT.test(s)) return fail(v, to);
          return fit(Number(s.endsWith('.') ? s.slice(0, -1) : s), v);
        };
      }
      if (f === 'boolean') return (v) => (v ? 1 : 0);
      if (f === 'timestamp') return (v) => floorDiv(v as number, 1000);
      // Between numeric types: Java primitive narrowing, as Flink's CastRuleUtils.castToPrimitive.
      const scale = exactScale(from);
      return f === 'approx' ? (v) => narrowDouble(v as number, name) : (v) => narrowIntegral(v as number | bigint, name, scale);
    }
    case 'approx': {
      const conv =
        f === 'string'
          ? (v: Value) => {
              const s = (v as string).trim();
              if (NUM_TEXT.test(s)) return Number(s);
              if (s === 'NaN') return NaN;
              if (s === 'Infinity' || s === '+Infinity') return Infinity;
              if (s === '-Infinity') return -Infinity;
              return fail(v, to);
            }
          : f === 'boolean'
            ? (v: Value) => (v ? 1 : 0)
            : mayBeBig(from)
              ? (v: Value) => toDouble(v as Exact, exactScale(from))
              : (v: Value) => v as number;
      if (to.name === 'FLOAT') return (v) => Math.fround(conv(v));
      return conv;
    }
    case 'decimal': {
      // Flink: a value that overflows the precision becomes NULL.
      const p = to.precision ?? 10;
      const s = to.scale ?? 0;
      if (f === 'string')
        return (v) => {
          const d = decimalFromText((v as string).trim(), p, s); // undefined: not a number
          return d === undefined ? fail(v, to) : d;
        };
      if (f === 'boolean') return (v) => (v ? 1 : 0);
      if (f === 'approx')
        return (v) => {
          if (!Number.isFinite(v as number)) return fail(v, to);
          return decimalFromDouble(v as number, p, s);
        };
      // From an integer or another DECIMAL: exact, rounded HALF_UP when the scale shrinks.
      const fs = exactScale(from);
      return (v) => {
        const r = rescale(v as Exact, fs, s);
        if (typeof r === 'number') {
          const k = unscaledSmall(r, s);
          if (k !== null) return fitsPrecision(k, p) ? r : null;
        }
        return fitsPrecision(unscaledBig(r, s), p) ? r : null;
      };
    }
    case 'string': {
      const max = to.name === 'STRING' ? undefined : to.precision;
      const base = (v: Value) => valueToString(v, from) as string;
      if (max === undefined) return base;
      if (to.name === 'CHAR')
        return (v) => {
          const s = base(v);
          return s.length >= max ? s.slice(0, max) : s + ' '.repeat(max - s.length);
        };
      return (v) => {
        const s = base(v);
        return s.length > max ? s.slice(0, max) : s;
      };
    }
    case 'date':
      if (f === 'date') return (v) => v;
      if (f === 'timestamp') return (v) => floorDiv(v as number, MS_PER_DAY);
      if (f === 'string')
        return (v) => {
          const d = parseDate(v as string, 'sql');
          return d === null ? fail(v, to) : d;
        };
      return (v) => fail(v, to);
    case 'timestamp': {
      const fromScale = exactScale(from);
      const precision = to.precision ?? 6;
      const trunc = precision >= 3 ? (x: number) => x : (x: number) => floorDiv(x, Math.pow(10, 3 - precision)) * Math.pow(10, 3 - precision);
      if (f === 'timestamp') return (v) => trunc(v as number);
      if (f === 'date') return (v) => (v as number) * MS_PER_DAY;
      if (f === 'integer' || f === 'decimal' || f === 'approx')
        return (v) => {
          // Seconds since 1970; beyond the TIMESTAMP range (years 0000-9999) it does not convert.
          const ms = Math.trunc(toDouble(v as Exact, fromScale) * 1000);
          return Number.isFinite(ms) && ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS ? trunc(ms) : fail(v, to);
        };
      if (f === 'string')
        return (v) => {
          const ms = parseTimestamp(v as string, 'sql');
          return ms === null ? fail(v, to) : trunc(ms);
        };
      return (v) => fail(v, to);
    }
    case 'interval':
      if (f === 'interval') return (v) => v;
      if (f === 'integer') return (v) => (typeof v === 'bigint' ? fail(v, to) : v);
      return (v) => fail(v, to);
  }
}

/** CAST one value (used for constants, e.g. VALUES rows and literals). */
export function castValue(v: Value, from: DataType, to: DataType, safe = false): Value {
  if (v === null) return null;
  try {
    return castConverter(from, to)(v);
  } catch (e) {
    if (safe && e instanceof ExprError) return null;
    throw e;
  }
}
