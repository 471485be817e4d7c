import { describe, expect, it } from 'vitest';
import { daysFromCivil } from './calendar';
import { parseDate, parseTimestamp } from './time-text';

const utc = Date.UTC;
/** Date.UTC for any year (it maps years 0-99 to 1900-1999). */
function utcYear(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

describe("parseTimestamp(text, 'sql'): string literals, CAST, TO_TIMESTAMP", () => {
  const sql = (text: string) => parseTimestamp(text, 'sql');

  it('reads a date, and a time to the minute, second or fraction', () => {
    expect(sql('2024-03-01')).toBe(utc(2024, 2, 1));
    expect(sql('2024-03-01 10:20')).toBe(utc(2024, 2, 1, 10, 20));
    expect(sql('2024-03-01 10:20:30')).toBe(utc(2024, 2, 1, 10, 20, 30));
    expect(sql('2024-03-01 10:20:30.5')).toBe(utc(2024, 2, 1, 10, 20, 30, 500));
    expect(sql('2024-03-01 10:20:30.123456789')).toBe(utc(2024, 2, 1, 10, 20, 30, 123));
    expect(sql('2024-3-1 1:2:3')).toBe(utc(2024, 2, 1, 1, 2, 3));
  });

  it('takes whitespace or T between date and time, and around the text', () => {
    expect(sql('2024-03-01T10:20:30')).toBe(utc(2024, 2, 1, 10, 20, 30));
    expect(sql('2024-03-01  10:20:30')).toBe(utc(2024, 2, 1, 10, 20, 30));
    expect(sql('2024-03-01\t10:20:30')).toBe(utc(2024, 2, 1, 10, 20, 30));
    expect(sql('  2024-03-01 10:20:30  ')).toBe(utc(2024, 2, 1, 10, 20, 30));
  });

  it('takes a signed year of 1 to 6 digits', () => {
    expect(sql('+2024-03-01')).toBe(utc(2024, 2, 1));
    expect(sql('-0001-12-31 23:59:59')).toBe(utcYear(-1, 12, 31, 23, 59, 59));
    expect(sql('1-01-01')).toBe(utcYear(1, 1, 1));
    expect(sql('999999-12-31')).toBe(utcYear(999999, 12, 31));
    expect(sql('1000000-01-01')).toBeNull();
  });

  it('has no zone', () => {
    expect(sql('2024-03-01 10:20:30Z')).toBeNull();
    expect(sql('2024-03-01 10:20:30+01:00')).toBeNull();
  });

  it('rejects impossible dates and times', () => {
    for (const text of ['2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-01 24:00', '2024-01-01 10:60', '2024-01-01 10:00:60', 'yesterday', '', '2024-01-01 10'])
      expect(sql(text)).toBeNull();
    expect(sql('2024-02-29')).toBe(utc(2024, 1, 29));
  });
});

describe("parseTimestamp(text, 'data'): sim.start, CSV and JSON fields", () => {
  const data = (text: string) => parseTimestamp(text, 'data');

  it('reads UTC wall time with or without a time part', () => {
    expect(data('2026-01-01 00:00:00')).toBe(utc(2026, 0, 1));
    expect(data('2026-01-01')).toBe(utc(2026, 0, 1));
    expect(data('2026-01-01 12:30')).toBe(utc(2026, 0, 1, 12, 30));
    expect(data('2026-03-04T05:06:07.089')).toBe(utc(2026, 2, 4, 5, 6, 7, 89));
    expect(data('2026-03-04 05:06:07.123456')).toBe(utc(2026, 2, 4, 5, 6, 7, 123));
    expect(data(' 2026-3-4 5:6:7 ')).toBe(utc(2026, 2, 4, 5, 6, 7));
  });

  it('applies a zone suffix', () => {
    expect(data('2026-03-04T05:06:07.089Z')).toBe(utc(2026, 2, 4, 5, 6, 7, 89));
    expect(data('2026-03-04 05:06:07+01:00')).toBe(utc(2026, 2, 4, 4, 6, 7));
    expect(data('2026-03-04 05:06:07-0130')).toBe(utc(2026, 2, 4, 6, 36, 7));
    expect(data('2026-03-04 05:06 +08:00')).toBe(utc(2026, 2, 3, 21, 6));
    expect(data('2026-03-04Z')).toBe(utc(2026, 2, 4));
  });

  it('takes a year of 4 or more digits with an optional minus', () => {
    expect(data('10000-01-01')).toBe(utcYear(10000, 1, 1));
    expect(data('12345678-01-01')).toBe(utcYear(12345678, 1, 1));
    expect(data('-0001-12-31')).toBe(utcYear(-1, 12, 31));
    expect(data('+2026-01-01')).toBeNull();
    expect(data('26-01-01')).toBeNull();
  });

  it('takes one space or T between date and time', () => {
    expect(data('2026-01-01  10:00')).toBeNull();
    expect(data('2026-01-01\t10:00')).toBeNull();
  });

  it('rejects impossible dates and times', () => {
    for (const text of ['2026-02-30 00:00:00', '2026-02-29', '2026-13-01', '2026-01-01 24:00', '2026-01-01 10:60', 'yesterday', 'now', ''])
      expect(data(text)).toBeNull();
  });

  it('agrees with the sql form wherever both accept a text', () => {
    for (const text of ['2026-01-01', '2026-01-01 10:20', '2026-01-01T10:20:30.5', '1970-01-01 00:00:00.001', '-0001-03-01', '999999-12-31 23:59:59.999'])
      expect(parseTimestamp(text, 'data')).toBe(parseTimestamp(text, 'sql'));
  });
});

describe('parseDate', () => {
  it("reads a date in either form as days, the sql form's signed short years included", () => {
    expect(parseDate('2024-03-01', 'sql')).toBe(daysFromCivil(2024, 3, 1));
    expect(parseDate('+2024-03-01', 'sql')).toBe(daysFromCivil(2024, 3, 1));
    expect(parseDate('1-01-01', 'sql')).toBe(daysFromCivil(1, 1, 1));
    expect(parseDate('1969-12-31', 'data')).toBe(-1);
    expect(parseDate('12345-06-07', 'data')).toBe(daysFromCivil(12345, 6, 7));
  });

  it('drops a time part: the day of that instant in UTC', () => {
    expect(parseDate('2024-03-01 23:59:59.999', 'sql')).toBe(daysFromCivil(2024, 3, 1));
    expect(parseDate('2024-03-01T10:00', 'data')).toBe(daysFromCivil(2024, 3, 1));
    expect(parseDate('2024-03-01 02:00+05:00', 'data')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseDate('1969-12-31 12:00', 'sql')).toBe(-1);
  });

  it('rejects what the timestamp form rejects', () => {
    expect(parseDate('2024-02-30', 'sql')).toBeNull();
    expect(parseDate('2024-02-30', 'data')).toBeNull();
    expect(parseDate('2024-03-01Z', 'sql')).toBeNull();
    expect(parseDate('+2024-03-01', 'data')).toBeNull();
    expect(parseDate('tomorrow', 'data')).toBeNull();
  });
});
