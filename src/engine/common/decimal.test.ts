import { describe, expect, it } from 'vitest';
import { compareExact, decimalFromDouble, decimalFromText, decimalToString, fromUnscaled, rescale, unscaledBig } from './decimal';
import { decimalAdd, decimalDiv, decimalMod, decimalMul, decimalRound } from './decimal-arith';
import { longAdd, longDiv, longFromText, longMul, longNeg, longRem, longSub } from './int64';

describe('canonical exact values', () => {
  it('a number while the value is a safe integer or has at most 15 significant digits, else a bigint', () => {
    expect(fromUnscaled(12345n, 2)).toBe(123.45);
    expect(fromUnscaled(9007199254740991n, 0)).toBe(9007199254740991);
    expect(fromUnscaled(9007199254740992n, 0)).toBe(9007199254740992n);
    expect(fromUnscaled(123456789012345n, 10)).toBe(12345.6789012345);
    expect(fromUnscaled(1234567890123456n, 10)).toBe(1234567890123456n);
    expect(fromUnscaled(1500000000000000000000n, 20)).toBe(15); // trailing zeros do not count
    expect(fromUnscaled(-0, 3)).toBe(0);
    // Every path gives the same form for the same value.
    expect(decimalFromText('0.1', 38, 30)).toBe(0.1);
    expect(decimalFromDouble(0.1, 38, 30)).toBe(0.1);
    expect(rescale(1234567890123456n, 10, 12)).toBe(123456789012345600n);
  });

  it('round-trips between unscaled integers and text exactly', () => {
    expect(unscaledBig(0.1, 30)).toBe(10n ** 29n);
    expect(unscaledBig(1e-7, 10)).toBe(1000n);
    expect(decimalToString(0.1, 30)).toBe('0.' + '1'.padEnd(30, '0'));
    expect(decimalToString(-123456789012345678901234567890n, 10)).toBe('-12345678901234567890.1234567890');
    expect(decimalToString(-0.5, 0 + 2)).toBe('-0.50');
    expect(decimalToString(5n, 20)).toBe('0.00000000000000000005');
  });

  it('text and doubles into DECIMAL(p, s): HALF_UP, NULL when p digits do not hold it', () => {
    expect(decimalFromText('123456789012345.678', 10, 2)).toBe(null);
    expect(decimalFromText('1e400', 38, 2)).toBe(null);
    expect(decimalFromText('1e-400', 38, 2)).toBe(0);
    expect(decimalFromText('1.005', 10, 2)).toBe(1.01);
    expect(decimalFromText('-2.5', 10, 0)).toBe(-3);
    expect(decimalFromText('99.995', 4, 2)).toBe(null); // rounds to 100.00
    expect(decimalFromText('abc', 10, 2)).toBe(undefined);
    // Not numbers (CAST and the formats rely on this alone to reject them): undefined, not NULL.
    for (const bad of ['', '.', '+', '-.', '1.2.3', '1e', 'e5', '--1', '1 2', '0x10', 'NaN', 'Infinity']) expect(decimalFromText(bad, 10, 2)).toBe(undefined);
    expect(decimalFromText('5.', 10, 2)).toBe(5);
    expect(decimalFromText('-.5', 10, 2)).toBe(-0.5);
    expect(decimalFromText('+1.5E1', 10, 2)).toBe(15);
    expect(decimalFromDouble(1e308, 38, 2)).toBe(null);
    expect(decimalFromDouble(1.005, 10, 2)).toBe(1.01); // the double's shortest text, as BigDecimal.valueOf
  });

  it('compares a number against a scaled bigint by value', () => {
    expect(compareExact(2000000, 12345678901234567n, 10)).toBe(1); // 2e6 > 1234567.8901234567
    expect(compareExact(-1, -12345678901234567n, 10)).toBe(1);
    expect(compareExact(9007199254740991, 9007199254740993n, 0)).toBe(-1);
  });
});

describe('DECIMAL arithmetic as Flink DecimalDataUtils', () => {
  it('adds, multiplies, divides and takes remainders exactly, HALF_UP to the result scale', () => {
    expect(decimalAdd(0.1, 1, 0.2, 1, 10, 1)).toBe(0.3);
    expect(decimalAdd(123456789012345.6, 1, 0.07, 2, 38, 2)).toBe(12345678901234567n);
    expect(decimalMul(1.5, 1, 2.25, 2, 10, 3)).toBe(3.375);
    expect(decimalMul(1.5, 1, 2.25, 2, 10, 2)).toBe(3.38);
    expect(decimalDiv(2, 0, 3, 0, 38, 6)).toBe(0.666667);
    expect(decimalDiv(-2, 0, 3, 0, 38, 6)).toBe(-0.666667);
    expect(decimalDiv(10n ** 20n, 0, 3, 0, 38, 6)).toBe(33333333333333333333333333n);
    expect(decimalMod(7.5, 1, 2, 0, 10, 1)).toBe(1.5);
    expect(decimalMod(-7.5, 1, 2, 0, 10, 1)).toBe(-1.5);
  });
  it('gives NULL when the result needs more than its precision', () => {
    expect(decimalAdd(10n ** 38n - 1n, 0, 1, 0, 38, 0)).toBe(null);
    expect(decimalMul(99.99, 2, 99.99, 2, 5, 2)).toBe(null);
  });
  it('rounds, truncates, floors and ceils exactly', () => {
    expect(decimalRound(12345678901234567891n, 10, 2, 10, 'half-up')).toBe(1234567890.12);
    expect(decimalRound(-2.5, 1, 0, 0, 'half-up')).toBe(-3);
    expect(decimalRound(-2.5, 1, 0, 0, 'floor')).toBe(-3);
    expect(decimalRound(-2.5, 1, 0, 0, 'ceil')).toBe(-2);
    expect(decimalRound(-2.5, 1, 0, 0, 'down')).toBe(-2);
  });
});

describe('BIGINT as Java long', () => {
  it('is exact beyond 2^53 and wraps on overflow', () => {
    expect(longAdd(9007199254740991, 1)).toBe(9007199254740992n);
    expect(longAdd(2n ** 63n - 1n, 1)).toBe(-(2n ** 63n));
    expect(longSub(-(2n ** 63n), 1)).toBe(2n ** 63n - 1n);
    expect(longMul(3037000500, 3037000500)).toBe(-9223372036709301616n);
    expect(longNeg(-(2n ** 63n))).toBe(-(2n ** 63n));
    expect(longDiv(-(2n ** 63n), -1)).toBe(-(2n ** 63n));
    expect(longDiv(9007199254740991, 2)).toBe(4503599627370495);
    expect(longDiv(-7, 2)).toBe(-3);
    expect(longRem(-7, 2)).toBe(-1);
    expect(longAdd(9007199254740992n, -1)).toBe(9007199254740991); // back to a number
  });
  it('reads text within the long range, null beyond', () => {
    expect(longFromText('1800000000000000001')).toBe(1800000000000000001n);
    expect(longFromText('-9223372036854775808')).toBe(-(2n ** 63n));
    expect(longFromText('9223372036854775808')).toBe(null);
    expect(longFromText('+42')).toBe(42);
  });
});
