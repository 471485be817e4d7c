import { describe, expect, it } from 'vitest';
import type { DataType, Value } from '../types';
import type { BoundExpr } from './ir';
import { compileExpr, compilePredicate, compileProjection } from './compile';
import { ExprError, castValue, javaDoubleToString, roundHalfUp } from './cast';
import { likeMatcher } from './like';
import { exprToSql } from './print';
import { daysFromCivil, civilFromDays } from '../common/calendar';
import { parseWithPattern, toMillis } from './datetime';
import { formatSimpleDate as formatWithPattern } from './date-format';

const t = (name: DataType['name'], precision?: number, scale?: number): DataType => {
  const d: DataType = { name, nullable: true };
  if (precision !== undefined) d.precision = precision;
  if (scale !== undefined) d.scale = scale;
  return d;
};
const BOOL = t('BOOLEAN');
const INT = t('INT');
const BIGINT = t('BIGINT');
const DOUBLE = t('DOUBLE');
const STR = t('STRING');
const DATE = t('DATE');
const TS = t('TIMESTAMP', 3);

const lit = (value: Value, type?: DataType): BoundExpr => ({
  op: 'lit',
  value,
  type: type ?? (typeof value === 'boolean' ? BOOL : typeof value === 'number' ? INT : typeof value === 'string' ? STR : t('NULL')),
});
const col = (index: number, type: DataType = INT): BoundExpr => ({ op: 'col', index, type });
const call = (fn: string, args: BoundExpr[], type: DataType = BOOL): BoundExpr => ({ op: 'call', fn, args, type });
const cast = (expr: BoundExpr, type: DataType, safe = false): BoundExpr => ({ op: 'cast', expr, type, safe });
const ev = (e: BoundExpr, row: Value[] = [], now = 0) => compileExpr(e, { now: () => now })(row);

const B: (boolean | null)[] = [true, false, null];

describe('three-valued logic', () => {
  const and3 = (a: boolean | null, b: boolean | null) => (a === false || b === false ? false : a === null || b === null ? null : true);
  const or3 = (a: boolean | null, b: boolean | null) => (a === true || b === true ? true : a === null || b === null ? null : false);
  it('AND / OR truth tables, column and literal operands', () => {
    for (const a of B)
      for (const b of B) {
        expect(ev(call('and', [col(0, BOOL), col(1, BOOL)]), [a, b])).toBe(and3(a, b));
        expect(ev(call('or', [col(0, BOOL), col(1, BOOL)]), [a, b])).toBe(or3(a, b));
        expect(ev(call('and', [lit(a, BOOL), lit(b, BOOL), lit(true)]))).toBe(and3(a, b));
        expect(ev(call('or', [lit(a, BOOL), lit(b, BOOL), lit(false)]))).toBe(or3(a, b));
      }
  });
  it('NOT NULL is NULL; IS [NOT] NULL/TRUE/FALSE never NULL', () => {
    expect(ev(call('not', [lit(null, BOOL)]))).toBe(null);
    expect(ev(call('not', [lit(true)]))).toBe(false);
    for (const a of B) {
      expect(ev(call('is_null', [lit(a, BOOL)]))).toBe(a === null);
      expect(ev(call('is_not_null', [lit(a, BOOL)]))).toBe(a !== null);
      expect(ev(call('is_true', [lit(a, BOOL)]))).toBe(a === true);
      expect(ev(call('is_not_true', [lit(a, BOOL)]))).toBe(a !== true);
      expect(ev(call('is_false', [lit(a, BOOL)]))).toBe(a === false);
      expect(ev(call('is_not_false', [lit(a, BOOL)]))).toBe(a !== false);
    }
  });
  it('comparisons with NULL are NULL, and a filter keeps only TRUE', () => {
    for (const fn of ['=', '<>', '<', '<=', '>', '>=']) {
      expect(ev(call(fn, [col(0), lit(1)]), [null])).toBe(null);
      expect(ev(call(fn, [col(0), col(1)]), [1, null])).toBe(null);
      expect(ev(call(fn, [col(0), lit(null, INT)]), [1])).toBe(null);
    }
    expect(ev(call('<', [col(0), lit(2)]), [1])).toBe(true);
    expect(ev(call('>=', [col(0, STR), lit('b')]), ['a'])).toBe(false);
    const p = compilePredicate(call('>', [col(0), lit(1)]));
    expect([[0], [2], [null]].filter((r) => p(r))).toEqual([[2]]);
  });
  it('IS DISTINCT FROM treats NULLs as equal values', () => {
    expect(ev(call('is_distinct_from', [lit(null, INT), lit(null, INT)]))).toBe(false);
    expect(ev(call('is_distinct_from', [lit(1), lit(null, INT)]))).toBe(true);
    expect(ev(call('is_not_distinct_from', [lit(null, INT), lit(null, INT)]))).toBe(true);
  });
  it('IN and NOT IN with NULLs', () => {
    const inList = (x: Value, ...xs: Value[]) => call('in', [lit(x, INT), ...xs.map((v) => lit(v, INT))]);
    expect(ev(inList(1, 1, 2))).toBe(true);
    expect(ev(inList(3, 1, 2))).toBe(false);
    expect(ev(inList(3, 1, null))).toBe(null);
    expect(ev(inList(1, 1, null))).toBe(true);
    expect(ev(inList(null, 1, 2))).toBe(null);
    expect(ev(call('not', [inList(3, 1, null)]))).toBe(null);
    expect(ev(call('not', [inList(3, 1, 2)]))).toBe(true);
    // non-constant list
    expect(ev(call('in', [col(0), col(1), col(2)]), [2, null, 2])).toBe(true);
    expect(ev(call('in', [col(0), col(1), col(2)]), [5, null, 2])).toBe(null);
  });
  it('BETWEEN', () => {
    const btw = (x: Value, lo: Value, hi: Value) => ev(call('between', [lit(x, INT), lit(lo, INT), lit(hi, INT)]));
    expect(btw(2, 1, 3)).toBe(true);
    expect(btw(1, 1, 3)).toBe(true);
    expect(btw(4, 1, 3)).toBe(false);
    expect(btw(0, 1, null)).toBe(false);
    expect(btw(2, 1, null)).toBe(null);
    expect(btw(null, 1, 3)).toBe(null);
    expect(ev(call('between_symmetric', [lit(2), lit(3), lit(1)]))).toBe(true);
  });
  it('CASE searched and with ELSE / without ELSE', () => {
    const e: BoundExpr = {
      op: 'case',
      whens: [
        { when: call('>', [col(0), lit(10)]), then: lit('big') },
        { when: call('>', [col(0), lit(0)]), then: lit('small') },
      ],
      else: lit('none'),
      type: STR,
    };
    expect(ev(e, [11])).toBe('big');
    expect(ev(e, [1])).toBe('small');
    expect(ev(e, [null])).toBe('none');
    expect(ev({ op: 'case', whens: [{ when: lit(null, BOOL), then: lit(1) }], else: null, type: INT })).toBe(null);
  });
  it('COALESCE, IF, NULLIF, IFNULL', () => {
    expect(ev(call('coalesce', [lit(null, INT), lit(null, INT), lit(3)], INT))).toBe(3);
    expect(ev(call('if', [lit(null, BOOL), lit(1), lit(2)], INT))).toBe(2);
    expect(ev(call('nullif', [lit(1), lit(1)], INT))).toBe(null);
    expect(ev(call('nullif', [lit(1), lit(2)], INT))).toBe(1);
    expect(ev(call('ifnull', [lit(null, INT), lit(7)], INT))).toBe(7);
  });
});

describe('arithmetic', () => {
  it('integer division truncates (Flink), by zero throws; doubles give Infinity/NaN', () => {
    expect(ev(call('/', [lit(7), lit(2)], INT))).toBe(3);
    expect(ev(call('/', [lit(-7), lit(2)], INT))).toBe(-3);
    expect(() => ev(call('/', [lit(7), lit(0)], INT))).toThrow(ExprError);
    expect(() => ev(call('%', [lit(7), lit(0)], INT))).toThrow(/division by zero/);
    expect(ev(call('/', [lit(7, DOUBLE), lit(2, DOUBLE)], DOUBLE))).toBe(3.5);
    expect(ev(call('/', [lit(1, DOUBLE), lit(0, DOUBLE)], DOUBLE))).toBe(Infinity);
    expect(Number.isNaN(ev(call('/', [lit(0, DOUBLE), lit(0, DOUBLE)], DOUBLE)))).toBe(true);
    expect(ev(call('/', [lit(null, INT), lit(0)], INT))).toBe(null);
  });
  it('INT wraps like Java, DECIMAL rounds to its scale, MOD sign follows the dividend', () => {
    expect(ev(call('+', [lit(2147483647), lit(1)], INT))).toBe(-2147483648);
    expect(ev(call('*', [lit(65536), lit(65536)], INT))).toBe(0);
    expect(ev(call('+', [lit(2147483647, BIGINT), lit(1, BIGINT)], BIGINT))).toBe(2147483648);
    expect(ev(call('+', [lit(0.1, t('DECIMAL', 3, 1)), lit(0.2, t('DECIMAL', 3, 1))], t('DECIMAL', 4, 1)))).toBe(0.3);
    expect(ev(call('/', [lit(1, t('DECIMAL', 10, 2)), lit(3, t('DECIMAL', 10, 2))], t('DECIMAL', 23, 13)))).toBe(0.3333333333333);
    expect(ev(call('mod', [lit(-7), lit(3)], INT))).toBe(-1);
    expect(ev(call('neg', [lit(5)], INT))).toBe(-5);
  });
  it('ROUND half-up, FLOOR, CEIL, ABS, POWER, SQRT', () => {
    expect(ev(call('round', [lit(2.5, DOUBLE)], DOUBLE))).toBe(3);
    expect(ev(call('round', [lit(-2.5, DOUBLE)], DOUBLE))).toBe(-3);
    expect(ev(call('round', [lit(1.005, DOUBLE), lit(2)], DOUBLE))).toBe(1.01);
    expect(ev(call('round', [lit(1234.5, DOUBLE), lit(-2)], DOUBLE))).toBe(1200);
    expect(ev(call('floor', [lit(-1.5, DOUBLE)], DOUBLE))).toBe(-2);
    expect(ev(call('ceil', [lit(1.2, DOUBLE)], DOUBLE))).toBe(2);
    expect(ev(call('abs', [lit(-3)], INT))).toBe(3);
    expect(ev(call('power', [lit(2), lit(10)], DOUBLE))).toBe(1024);
    expect(ev(call('sqrt', [lit(9, DOUBLE)], DOUBLE))).toBe(3);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(-0.125, 2)).toBe(-0.13);
  });
  it('timestamp +/- interval, date + interval', () => {
    const ts = toMillis(2024, 1, 31, 23, 0, 0);
    expect(ev(call('+', [lit(ts, TS), lit(3_600_000, t('INTERVAL'))], TS))).toBe(toMillis(2024, 2, 1, 0));
    expect(ev(call('-', [lit(ts, TS), lit(60_000, t('INTERVAL'))], TS))).toBe(toMillis(2024, 1, 31, 22, 59));
    expect(ev(call('+', [lit(daysFromCivil(2024, 2, 28), DATE), lit(86_400_000, t('INTERVAL'))], DATE))).toBe(daysFromCivil(2024, 2, 29));
  });
});

describe('strings', () => {
  const s = (fn: string, ...args: Value[]) => ev(call(fn, args.map((a) => lit(a, typeof a === 'number' ? INT : STR)), STR));
  it('functions', () => {
    expect(s('upper', 'abc')).toBe('ABC');
    expect(s('lower', 'ÄB')).toBe('äb');
    expect(s('concat', 'a', 'b', 'c')).toBe('abc');
    expect(s('concat', 'a', null)).toBe(null);
    expect(s('concat_ws', '-', 'a', null, 'c')).toBe('a-c');
    expect(s('substring', 'hello', 2, 3)).toBe('ell');
    expect(s('substring', 'hello', 2)).toBe('ello');
    expect(s('substring', 'hello', 0, 2)).toBe('he');
    expect(s('substring', 'hello', -3)).toBe('llo');
    expect(s('substring', 'hello', 9)).toBe('');
    expect(s('char_length', 'h€llo')).toBe(5);
    expect(s('trim', '  x  ')).toBe('x');
    expect(s('ltrim', '  x  ')).toBe('x  ');
    expect(s('rtrim', '  x  ')).toBe('  x');
    // TRIM(BOTH | LEADING | TRAILING chars FROM s): chars is a set, as Flink's BinaryStringDataUtil.trim.
    expect(s('trim', 'abxcba', 'ab')).toBe('xc');
    expect(s('ltrim', 'abxcba', 'ba')).toBe('xcba');
    expect(s('rtrim', 'abxcba', 'a')).toBe('abxcb');
    expect(s('trim', 'aaa', 'a')).toBe('');
    expect(s('trim', ' x ', '')).toBe(' x ');
    expect(s('trim', 'x', null)).toBe(null);
    expect(s('replace', 'a.b.c', '.', '$&')).toBe('a$&b$&c');
    expect(s('position', 'lo', 'hello')).toBe(4);
    expect(s('position', 'z', 'hello')).toBe(0);
    expect(ev(call('concat', [lit('n='), lit(5)], STR))).toBe('n=5');
  });
  it('REPEAT, LPAD and RPAD fail with an ExprError naming the function past MAX_STRING_LENGTH, never cut short', () => {
    const s = (fn: string, ...args: Value[]) => ev(call(fn, args.map((a) => lit(a, typeof a === 'number' ? INT : STR)), STR));
    expect(() => s('repeat', 'x', 1e9)).toThrow(ExprError);
    expect(() => s('repeat', 'x', 1e9)).toThrow(/^REPEAT would build a string of 1,000,000,000 characters; the longest string a function builds is 16,777,216/);
    expect(() => s('repeat', 'ab', 2 ** 23 + 1)).toThrow(/REPEAT/);
    expect((s('repeat', 'ab', 2 ** 23) as string).length).toBe(2 ** 24);
    expect(s('repeat', 'ab', 3)).toBe('ababab');
    expect(s('repeat', 'ab', -1)).toBe('');
    expect(() => s('lpad', 'x', 1e9, '-')).toThrow(/^LPAD would build/);
    expect(() => s('rpad', 'x', 1e9, '-')).toThrow(/^RPAD would build/);
    expect(s('rpad', 'x', 3, '-')).toBe('x--');
  });
  it('CHAR_LENGTH counts code points of a 100 MB value without building an array of them', () => {
    const big = 'a'.repeat(100 * 2 ** 20) + '€😀';
    expect(ev(call('char_length', [col(0, STR)], INT), [big])).toBe(100 * 2 ** 20 + 2);
    expect(ev(call('char_length', [lit('😀x\uD800')], INT))).toBe(3);
  });
  it('LIKE with %, _, escape and special characters', () => {
    const like = (x: string, p: string, esc?: string) => ev(call('like', [lit(x), lit(p), ...(esc ? [lit(esc)] : [])]));
    expect(like('apple', 'a%')).toBe(true);
    expect(like('apple', '%le')).toBe(true);
    expect(like('apple', '%pp%')).toBe(true);
    expect(like('apple', 'a_ple')).toBe(true);
    expect(like('apple', 'a_le')).toBe(false);
    expect(like('apple', '')).toBe(false);
    expect(like('', '%')).toBe(true);
    expect(like('a%b', 'a\\%b', '\\')).toBe(true);
    expect(like('axb', 'a\\%b', '\\')).toBe(false);
    expect(like('a_b', 'a!_b', '!')).toBe(true);
    expect(like('a.b', 'a.b')).toBe(true);
    expect(like('axb', 'a.b')).toBe(false);
    expect(like('(x)*+?[', '(x)*+?[')).toBe(true);
    expect(like('abcabd', '%ab_')).toBe(true);
    expect(like('mississippi', '%iss%ppi')).toBe(true);
    expect(like('mississippi', 'm%s_s%i')).toBe(true);
    expect(like('mississippi', 'm%x%')).toBe(false);
    expect(like('😀x', '_x')).toBe(true);
    expect(ev(call('like', [lit(null, STR), lit('%')]))).toBe(null);
    // pattern from a column
    expect(ev(call('like', [col(0, STR), col(1, STR)]), ['abc', 'a_c'])).toBe(true);
    expect(() => likeMatcher('a\\', '\\')).toThrow(/escape/);
  });
  it('LIKE is linear-ish on adversarial patterns', () => {
    const m = likeMatcher('%a%a%a%a%a%a%a%a%b');
    expect(m('a'.repeat(2000))).toBe(false);
  });
});

describe('casts', () => {
  const c = (v: Value, from: DataType, to: DataType, safe = false) => castValue(v, from, to, safe);
  it('numeric and string', () => {
    expect(c('42', STR, INT)).toBe(42);
    expect(c(' 3.7 ', STR, INT)).toBe(3);
    expect(c(-3.7, DOUBLE, INT)).toBe(-3);
    expect(c(3.7, DOUBLE, BIGINT)).toBe(3);
    expect(c('1.5e2', STR, DOUBLE)).toBe(150);
    expect(c(1.255, DOUBLE, t('DECIMAL', 10, 2))).toBe(1.26);
    expect(c(-1.255, DOUBLE, t('DECIMAL', 10, 2))).toBe(-1.26);
    expect(c(12345.678, DOUBLE, t('DECIMAL', 4, 1))).toBe(null);
    expect(c(12, INT, STR)).toBe('12');
    expect(c(1, DOUBLE, STR)).toBe('1.0');
    expect(c(1.5, t('DECIMAL', 10, 2), STR)).toBe('1.50');
    expect(c(true, BOOL, STR)).toBe('TRUE');
    expect(c('true', STR, BOOL)).toBe(true);
    expect(c(0, INT, BOOL)).toBe(false);
    expect(c('abcdef', STR, t('VARCHAR', 3))).toBe('abc');
    expect(c('ab', STR, t('CHAR', 4))).toBe('ab  ');
    expect(c(null, STR, INT)).toBe(null);
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(123.25)).toBe('123.25');
  });
  it('numeric casts out of range narrow as Java primitives (Flink castToPrimitive)', () => {
    const TINY = t('TINYINT');
    const SMALL = t('SMALLINT');
    const DEC = t('DECIMAL', 10, 2);
    // Integers and DECIMALs: truncate, then keep the low bits.
    expect(c(1000, INT, TINY)).toBe(-24);
    expect(c(127, INT, TINY)).toBe(127);
    expect(c(128, BIGINT, TINY)).toBe(-128);
    expect(c(-129, INT, TINY)).toBe(127);
    expect(c(1000000, INT, SMALL)).toBe(16960);
    expect(c(2147483648, BIGINT, INT)).toBe(-2147483648);
    expect(c(4294967297, BIGINT, INT)).toBe(1);
    expect(c(358.2, DEC, TINY)).toBe(102);
    expect(c(-358.2, DEC, TINY)).toBe(-102);
    expect(c(-0.5, DEC, INT)).toBe(0);
    expect(Object.is(c(-0.5, DEC, INT), -0)).toBe(false);
    // DOUBLE: NaN is 0, saturate at the int (long) range; TINYINT/SMALLINT wrap the saturated int.
    expect(c(1e10, DOUBLE, INT)).toBe(2147483647);
    expect(c(-1e10, DOUBLE, INT)).toBe(-2147483648);
    expect(c(Infinity, DOUBLE, INT)).toBe(2147483647);
    expect(c(NaN, DOUBLE, INT)).toBe(0);
    expect(c(1e10, DOUBLE, TINY)).toBe(-1);
    expect(c(300.9, DOUBLE, TINY)).toBe(44);
    expect(c(70000.5, DOUBLE, SMALL)).toBe(4464);
    // Long.MAX_VALUE / MIN_VALUE exactly (BIGINT is exact beyond 2^53).
    expect(c(1e30, DOUBLE, BIGINT)).toBe(9223372036854775807n);
    expect(c(-Infinity, DOUBLE, BIGINT)).toBe(-9223372036854775808n);
    expect(c(-2.9, t('FLOAT'), SMALL)).toBe(-2);
    // The running expression, not only constants.
    expect(ev(cast(col(0, INT), TINY), [1000])).toBe(-24);
    // A string out of range still fails (Flink's string parser checks the range).
    expect(() => c('1000', STR, TINY)).toThrow("cannot cast '1000' to TINYINT");
    expect(c('1000', STR, TINY, true)).toBe(null);
  });
  it('invalid casts throw a clear ExprError; TRY_CAST gives NULL', () => {
    expect(() => c('abc', STR, INT)).toThrow(ExprError);
    expect(() => c('abc', STR, INT)).toThrow("cannot cast 'abc' to INT");
    expect(() => c('99999999999', STR, INT)).toThrow(/cannot cast/);
    expect(c('abc', STR, INT, true)).toBe(null);
    expect(ev(cast(lit('x'), INT, true))).toBe(null);
    expect(() => ev(cast(lit('x'), INT))).toThrow(/cannot cast 'x' to INT/);
    expect(() => c('2024-13-01', STR, DATE)).toThrow(/cannot cast/);
    expect(c('2024-02-30', STR, DATE, true)).toBe(null);
  });
  it('dates and timestamps', () => {
    expect(c('2024-03-01', STR, DATE)).toBe(daysFromCivil(2024, 3, 1));
    expect(c('2024-03-01 10:20:30.5', STR, TS)).toBe(toMillis(2024, 3, 1, 10, 20, 30, 500));
    expect(c('2024-03-01T10:20:30', STR, TS)).toBe(toMillis(2024, 3, 1, 10, 20, 30));
    expect(c('2024-03-01', STR, TS)).toBe(toMillis(2024, 3, 1));
    expect(c(toMillis(2024, 3, 1, 23, 59), TS, DATE)).toBe(daysFromCivil(2024, 3, 1));
    expect(c(daysFromCivil(2024, 3, 1), DATE, TS)).toBe(toMillis(2024, 3, 1));
    expect(c(toMillis(2024, 3, 1, 1, 2, 3, 45), TS, STR)).toBe('2024-03-01 01:02:03.045');
    expect(c(toMillis(2024, 3, 1, 1, 2, 3), t('TIMESTAMP', 0), STR)).toBe('2024-03-01 01:02:03');
    expect(c(daysFromCivil(1969, 12, 31), DATE, STR)).toBe('1969-12-31');
    expect(c(toMillis(1969, 12, 31, 23, 59, 59, 999), TS, STR)).toBe('1969-12-31 23:59:59.999');
    for (const d of [-800000, -1, 0, 1, 19000, 2932896]) expect(daysFromCivil(...civilFromDays(d))).toBe(d);
  });
});

describe('date and time functions', () => {
  const ts = toMillis(2024, 2, 29, 13, 45, 7, 123);
  const tsE = lit(ts, TS);
  const u = (s: string) => lit(s);
  it('DATE_FORMAT with Java patterns, TO_TIMESTAMP, TO_DATE', () => {
    expect(ev(call('date_format', [tsE, lit('yyyy-MM-dd HH:mm:ss')], STR))).toBe('2024-02-29 13:45:07');
    expect(formatWithPattern(ts, "yy/M/d h:mm a EEE MMM 'at' SSS")).toBe('24/2/29 1:45 PM Thu Feb at 123');
    expect(formatWithPattern(ts, "yyyyMMdd''HH")).toBe("20240229'13");
    expect(ev(call('date_format', [lit('2024-01-02 03:04:05'), lit('dd.MM.yyyy')], STR))).toBe('02.01.2024');
    expect(ev(call('to_timestamp', [lit('2024-02-29 13:45:07')], TS))).toBe(toMillis(2024, 2, 29, 13, 45, 7));
    expect(ev(call('to_timestamp', [lit('29/02/2024 13:45'), lit('dd/MM/yyyy HH:mm')], TS))).toBe(toMillis(2024, 2, 29, 13, 45));
    expect(ev(call('to_timestamp', [lit('20240229134507'), lit('yyyyMMddHHmmss')], TS))).toBe(toMillis(2024, 2, 29, 13, 45, 7));
    expect(ev(call('to_timestamp', [lit('garbage')], TS))).toBe(null);
    expect(ev(call('to_date', [lit('2024-02-29')], DATE))).toBe(daysFromCivil(2024, 2, 29));
    expect(parseWithPattern('2024-02-30', 'yyyy-MM-dd')).toBe(null);
  });
  it('FLOOR/CEIL TO, EXTRACT, YEAR()/HOUR(), TIMESTAMPDIFF, TIMESTAMPADD', () => {
    expect(ev(call('floor_to', [u('HOUR'), tsE], TS))).toBe(toMillis(2024, 2, 29, 13));
    expect(ev(call('floor_to', [u('DAY'), tsE], TS))).toBe(toMillis(2024, 2, 29));
    expect(ev(call('floor_to', [u('MONTH'), tsE], TS))).toBe(toMillis(2024, 2, 1));
    expect(ev(call('floor_to', [u('YEAR'), tsE], TS))).toBe(toMillis(2024, 1, 1));
    expect(ev(call('floor_to', [u('MINUTE'), tsE], TS))).toBe(toMillis(2024, 2, 29, 13, 45));
    expect(ev(call('floor_to', [u('SECOND'), tsE], TS))).toBe(toMillis(2024, 2, 29, 13, 45, 7));
    expect(ev(call('ceil_to', [u('DAY'), tsE], TS))).toBe(toMillis(2024, 3, 1));
    expect(ev(call('ceil_to', [u('MONTH'), tsE], TS))).toBe(toMillis(2024, 3, 1));
    expect(ev(call('ceil_to', [u('HOUR'), lit(toMillis(2024, 1, 1, 5), TS)], TS))).toBe(toMillis(2024, 1, 1, 5));
    expect(ev(call('floor_to', [u('HOUR'), lit(-1, TS)], TS))).toBe(-3_600_000);
    for (const [unit, v] of [['YEAR', 2024], ['MONTH', 2], ['DAY', 29], ['HOUR', 13], ['MINUTE', 45], ['SECOND', 7], ['QUARTER', 1]] as const)
      expect(ev(call('extract', [u(unit), tsE], BIGINT))).toBe(v);
    expect(ev(call('extract', [u('YEAR'), lit(daysFromCivil(1999, 5, 1), DATE)], BIGINT))).toBe(1999);
    // 2024-02-29 13:45:07.123 is a Thursday, ISO week 9 of 2024.
    for (const [unit, v] of [
      ['DOW', 5], ['ISODOW', 4], ['DOY', 60], ['WEEK', 9], ['ISOYEAR', 2024], ['MILLISECOND', 7123],
      ['EPOCH', 1709214307], ['DECADE', 202], ['CENTURY', 21], ['MILLENNIUM', 3],
    ] as const)
      expect(ev(call('extract', [u(unit), tsE], BIGINT)), unit).toBe(v);
    const day = (y: number, m: number, d: number) => lit(daysFromCivil(y, m, d), DATE);
    // Flink's DOW: Sunday = 1 .. Saturday = 7; ISODOW: Monday = 1 .. Sunday = 7.
    expect(ev(call('extract', [u('DOW'), day(2026, 1, 4)], BIGINT))).toBe(1); // a Sunday
    expect(ev(call('extract', [u('DOW'), day(2026, 1, 3)], BIGINT))).toBe(7);
    expect(ev(call('extract', [u('ISODOW'), day(2026, 1, 4)], BIGINT))).toBe(7);
    expect(ev(call('extract', [u('DOY'), day(2024, 12, 31)], BIGINT))).toBe(366);
    // 2021-01-01 (a Friday) is in ISO week 53 of 2020; 2024-12-30 (a Monday) in week 1 of 2025.
    expect(ev(call('extract', [u('WEEK'), day(2021, 1, 1)], BIGINT))).toBe(53);
    expect(ev(call('extract', [u('ISOYEAR'), day(2021, 1, 1)], BIGINT))).toBe(2020);
    expect(ev(call('extract', [u('ISOYEAR'), day(2024, 12, 30)], BIGINT))).toBe(2025);
    expect(ev(call('extract', [u('QUARTER'), day(2024, 10, 1)], BIGINT))).toBe(4);
    expect(ev(call('extract', [u('EPOCH'), day(1970, 1, 2)], BIGINT))).toBe(86400);
    expect(ev(call('extract', [u('EPOCH'), lit(-1500, TS)], BIGINT))).toBe(-1);
    expect(ev(call('extract', [u('CENTURY'), day(2000, 6, 1)], BIGINT))).toBe(20);
    expect(ev(call('year', [tsE], BIGINT))).toBe(2024);
    expect(ev(call('hour', [tsE], BIGINT))).toBe(13);
    expect(ev(call('month', [lit(daysFromCivil(2020, 7, 4), DATE)], BIGINT))).toBe(7);
    const a = lit(toMillis(2024, 1, 31, 10), TS);
    const b = lit(toMillis(2024, 3, 30, 9), TS);
    expect(ev(call('timestampdiff', [u('DAY'), a, b], INT))).toBe(58);
    expect(ev(call('timestampdiff', [u('MONTH'), a, b], INT))).toBe(1);
    expect(ev(call('timestampdiff', [u('HOUR'), b, a], INT))).toBe(-1415);
    expect(ev(call('timestampdiff', [u('YEAR'), lit(toMillis(2020, 5, 1), TS), lit(toMillis(2024, 4, 30), TS)], INT))).toBe(3);
    expect(ev(call('timestampadd', [u('MONTH'), lit(1), a], TS))).toBe(toMillis(2024, 2, 29, 10));
    expect(ev(call('timestampadd', [u('YEAR'), lit(1), tsE], TS))).toBe(toMillis(2025, 2, 28, 13, 45, 7, 123));
    expect(ev(call('timestampadd', [u('MINUTE'), lit(-90), a], TS))).toBe(toMillis(2024, 1, 31, 8, 30));
  });
  it('CURRENT_TIMESTAMP and friends read virtual time from the evaluation context at evaluation time', () => {
    let clock = toMillis(2026, 1, 1, 0, 0, 5);
    const f = compileExpr(call('current_timestamp', [], t('TIMESTAMP_LTZ', 3)), { now: () => clock });
    expect(f([])).toBe(toMillis(2026, 1, 1, 0, 0, 5));
    clock += 1000;
    expect(f([])).toBe(toMillis(2026, 1, 1, 0, 0, 6));
    expect(ev(call('current_date', [], DATE), [], clock)).toBe(daysFromCivil(2026, 1, 1));
    expect(ev(call('now', [], TS), [], 42)).toBe(42);
    expect(() => compileExpr(call('current_timestamp', [], TS))([])).toThrow(/clock/);
  });
});

describe('security: script text and data never become code', () => {
  const hostile = [
    "'); process.exit(1); //",
    '${globalThis.x=1}',
    '`${globalThis.x=1}`',
    '\u2028\u2029',
    '"]);globalThis.x=1;//',
    '__proto__',
    'constructor',
    '\\u0027; globalThis.x=1',
    '</script><script>globalThis.x=1</script>',
  ];
  it('hostile string literals evaluate as plain data', () => {
    for (const h of hostile) {
      expect(ev(lit(h))).toBe(h);
      expect(ev(call('concat', [lit(h), lit(h)], STR))).toBe(h + h);
      expect(ev(call('=', [col(0, STR), lit(h)]), [h])).toBe(true);
      expect(ev(call('like', [col(0, STR), lit(h)]), [h])).toBe(!h.includes('%') && !h.includes('_') ? true : ev(call('like', [col(0, STR), lit(h)]), [h]));
      expect(ev(call('in', [col(0, STR), lit(h), lit('y')]), [h])).toBe(true);
      expect(ev(call('upper', [lit(h)], STR))).toBe(h.toUpperCase());
      expect(castValue(h, STR, INT, true)).toBe(null);
      // A pattern is data too: it formats, or fails with a located ExprError as Flink's job fails.
      try {
        expect(ev(call('date_format', [lit(0, TS), lit(h)], STR))).toEqual(expect.any(String));
      } catch (e) {
        expect(e).toBeInstanceOf(ExprError);
      }
    }
    expect((globalThis as Record<string, unknown>).x).toBeUndefined();
  });
  it('unknown function names such as constructor or __proto__ are not looked up on prototypes', () => {
    for (const fn of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(() => compileExpr(call(fn, [lit(1)]))).toThrow(/unknown function/);
    }
  });
  it('rows whose values look like code or prototype keys stay data', () => {
    const proj = compileProjection([col(0, STR), call('concat', [col(0, STR), lit('!')], STR)]);
    const out = proj(['__proto__']);
    expect(out).toEqual(['__proto__', '__proto__!']);
    expect(Object.getPrototypeOf(out)).toBe(Array.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('labels quote hostile literals and identifiers safely', () => {
    const e = call('=', [col(0, STR), lit("it's'); drop --")]);
    expect(exprToSql(e, ['x"]);alert(1);//'])).toBe("`x\"]);alert(1);//` = 'it''s''); drop --'");
    expect(exprToSql(e, ['constructor'])).toBe("constructor = 'it''s''); drop --'");
  });
  it('the compiler has no code generation', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    // Every family of the function registry, including ones added after this test was written.
    const functionFiles = readdirSync(fileURLToPath(new URL('./functions/', import.meta.url))).map((f) => 'functions/' + f);
    expect(functionFiles).toContain('functions/registry.ts');
    for (const f of ['compile.ts', ...functionFiles, 'cast.ts', 'like.ts', 'datetime.ts']) {
      const src = readFileSync(fileURLToPath(new URL('./' + f, import.meta.url)), 'utf8');
      const code = src.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
      expect(code).not.toMatch(/new\s+Function|\beval\s*\(|new\s+RegExp/);
    }
  });
});

describe('printing', () => {
  it('infix and prefix', () => {
    const names = ['sku', 'amount', 'status'];
    expect(exprToSql(call('*', [col(1), lit(2)], INT), names)).toBe('amount * 2');
    expect(exprToSql(call('and', [call('=', [col(2, STR), lit('paid')]), call('>', [col(1), lit(1)])]), names)).toBe(
      "(status = 'paid') AND (amount > 1)",
    );
    expect(exprToSql(call('=', [col(0), col(1)]), names, true)).toBe('=(sku, amount)');
    expect(exprToSql(cast(col(1), t('DECIMAL', 10, 2)), names)).toBe('CAST(amount AS DECIMAL(10, 2))');
    expect(exprToSql(call('floor_to', [lit('HOUR'), col(0, TS)], TS), ['ts'])).toBe('FLOOR(ts TO HOUR)');
  });
});
