// DATE_FORMAT's letters, java.time for timestamps and SimpleDateFormat for strings, with the
// values Java 17 prints in the en_US locale (what Flink's DateTimeUtils calls produce).
import { describe, expect, it } from 'vitest';
import { ExprError } from './cast';
import { formatJavaTime, formatSimpleDate } from './date-format';
import { toMillis } from './datetime';

// Tuesday, the last day of the leap year 2024.
const NYE = toMillis(2024, 12, 31, 13, 5, 9, 45);

describe('DATE_FORMAT(TIMESTAMP, pattern): java.time DateTimeFormatter letters', () => {
  const cases: [string, string][] = [
    ['yyyy-MM-dd HH:mm:ss', '2024-12-31 13:05:09'],
    ['G GGGG GGGGG', 'AD Anno Domini A'],
    ['u uu uuuu y yy yyy', '2024 24 2024 2024 24 2024'],
    // Week-based fields of the US week (Sunday first, first week holds 1 January).
    ['yyyy-ww', '2024-01'],
    ['YYYY-ww', '2025-01'],
    ['Y YY w', '2025 25 1'],
    ['W', '5'],
    ['D DD DDD', '366 366 366'],
    ['Q QQ QQQ QQQQ QQQQQ', '4 04 Q4 4th quarter 4'],
    ['q', '4'],
    ['M MM MMM MMMM MMMMM', '12 12 Dec December D'],
    ['L LLLL', '12 December'],
    ['d dd', '31 31'],
    ['F', '3'],
    ['E EE EEE EEEE EEEEE', 'Tue Tue Tue Tuesday T'],
    ['e ee eee eeee eeeee', '3 03 Tue Tuesday T'],
    ['c ccc cccc', '3 Tue Tuesday'],
    ['a h hh K KK k kk H HH', 'PM 1 01 1 01 13 13 13 13'],
    ['m mm s ss', '5 05 9 09'],
    ['S SS SSS SSSSSS SSSSSSSSS', '0 04 045 045000 045000000'],
    ['A', '47109045'],
    ['n N', '45000000 47109045000000'],
    ["yyyy'T'HH''mm", "2024T13'05"],
    ['[yyyy]-[MM]', '2024-12'],
  ];
  for (const [pattern, want] of cases) {
    it(`'${pattern}'`, () => expect(formatJavaTime(NYE, pattern)).toBe(want));
  }

  it('weeks at the turn of other years', () => {
    // 2021-01-01 is a Friday: its US week (Sun 27 Dec .. Sat 2 Jan) holds 1 January, so week 1.
    expect(formatJavaTime(toMillis(2021, 1, 1), 'YYYY-ww e W')).toBe('2021-01 6 1');
    expect(formatJavaTime(toMillis(2021, 1, 3), 'YYYY-ww e W')).toBe('2021-02 1 2');
    expect(formatJavaTime(toMillis(2020, 12, 26), 'YYYY-ww')).toBe('2020-52');
    expect(formatJavaTime(toMillis(2020, 12, 27), 'YYYY-ww')).toBe('2021-01');
    expect(formatJavaTime(toMillis(2023, 1, 1), 'YYYY-ww W e')).toBe('2023-01 1 1');
    expect(formatJavaTime(toMillis(2023, 12, 30), 'YYYY-ww')).toBe('2023-52');
    expect(formatJavaTime(toMillis(2023, 12, 31), 'YYYY-ww')).toBe('2024-01');
  });

  it('fails, as the job does in Flink, on zone letters, unknown letters and too many letters', () => {
    for (const p of ['z', 'Z', 'X', 'x', 'O', 'VV', 'b', 'ddd', 'HHH', 'aa', 'WW', 'EEEEEE', 'cc']) {
      expect(() => formatJavaTime(NYE, p), p).toThrow(ExprError);
    }
  });
});

describe('DATE_FORMAT(STRING, pattern) and FROM_UNIXTIME: SimpleDateFormat letters', () => {
  const at = toMillis(2024, 12, 31, 13, 5, 9, 45);
  const cases: [string, string][] = [
    ['yyyy-MM-dd HH:mm:ss', '2024-12-31 13:05:09'],
    ['yy y yyyyy', '24 2024 02024'],
    ['YYYY-ww', '2025-01'],
    ['yyyy-ww', '2024-01'],
    ['W F D', '5 5 366'],
    ['u E EEEE', '2 Tue Tuesday'],
    ['M MMM MMMM', '12 Dec December'],
    ['a h K k', 'PM 1 1 13'],
    ['S SSS SSSS', '45 045 0045'],
    ['z zzzz Z X G', 'UTC Coordinated Universal Time +0000 Z AD'],
  ];
  for (const [pattern, want] of cases) {
    it(`'${pattern}'`, () => expect(formatSimpleDate(at, pattern)).toBe(want));
  }
  it('an unknown letter is an error', () => expect(() => formatSimpleDate(at, 'e')).toThrow(/Illegal pattern character 'e'/));
});
