// Date patterns as Flink formats them. Two Java formatters stand behind Flink's functions
// (flink-table-common, org.apache.flink.table.utils.DateTimeUtils):
// - DATE_FORMAT(TIMESTAMP, pattern) formats a LocalDateTime with
//   `DateTimeFormatter.ofPattern(pattern)` (java.time letters): `formatJavaTime`.
// - DATE_FORMAT(STRING, pattern) and FROM_UNIXTIME(n, pattern) use `java.text.SimpleDateFormat`
//   (formatTimestampString / formatUnixTimestamp): `formatSimpleDate`.
// The letters differ: `u` is the year in java.time and the day number of the week (Monday = 1)
// in SimpleDateFormat; `S` is a fraction of the second in java.time and the milliseconds in
// SimpleDateFormat; `e`, `c`, `Q`, `q`, `A`, `n`, `N` exist only in java.time.
// Both use the JVM's default locale; Freshet models en_US (Flink's images run with it): English
// names, weeks starting on Sunday with a first week of at least one day (WeekFields.of(US)),
// which is what `w`, `W`, `Y`, `e` and `c` depend on. `F` is ALIGNED_DAY_OF_WEEK_IN_MONTH in
// java.time on Java 11 and 17 (the JDK's documented "day-of-week-in-month"; fixed in JDK 21) and
// day-of-week-in-month in SimpleDateFormat. A TIMESTAMP has no zone, so java.time fails on zone
// letters (z, Z, x, X, O, V) as Flink's job does; SimpleDateFormat prints UTC.
import { daysFromCivil } from '../common/calendar';
import { ExprError } from './cast';
import { fieldsOf, floorMod, tokenizePattern, type Fields } from './datetime';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS_FROM_MONDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTER_NAMES = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

// ---- week fields (WeekFields.of(Locale.US): first day Sunday, minimal days 1) -----------------

const MINIMAL_DAYS = 1;

/** ISO day of week, Monday = 1 .. Sunday = 7. */
function isoDayOfWeek(days: number): number {
  return floorMod(days + 3, 7) + 1;
}

/** Day of week counted from Sunday = 1 (the US week). */
export function localizedDayOfWeek(days: number): number {
  return floorMod(isoDayOfWeek(days), 7) + 1;
}

/** java.time WeekFields.startOfWeekOffset. */
function startOfWeekOffset(day: number, dow: number): number {
  const weekStart = floorMod(day - dow, 7);
  return weekStart + 1 > MINIMAL_DAYS ? 7 - weekStart : -weekStart;
}

/** java.time WeekFields.computeWeek. */
function computeWeek(offset: number, day: number): number {
  return Math.floor((7 + offset + (day - 1)) / 7);
}

function dayOfYear(f: Fields): number {
  return f.days - daysFromCivil(f.year, 1, 1) + 1;
}

function yearLength(year: number): number {
  return daysFromCivil(year + 1, 1, 1) - daysFromCivil(year, 1, 1);
}

/** Week of the month (`W`). */
export function weekOfMonth(f: Fields): number {
  return computeWeek(startOfWeekOffset(f.day, localizedDayOfWeek(f.days)), f.day);
}

/** Week-based year (`Y`) and week of it (`w`): the week holding 1 January is week 1. */
export function weekBasedYearAndWeek(f: Fields): { year: number; week: number } {
  const doy = dayOfYear(f);
  const offset = startOfWeekOffset(doy, localizedDayOfWeek(f.days));
  const week = computeWeek(offset, doy);
  if (week === 0) {
    // Before the first week (not reachable with minimal days 1): the last week of the year before.
    return weekBasedYearAndWeek(fieldsOf((f.days - doy) * 86_400_000));
  }
  const newYearWeek = computeWeek(offset, yearLength(f.year) + MINIMAL_DAYS);
  if (week >= newYearWeek) return { year: f.year + 1, week: week - newYearWeek + 1 };
  return { year: f.year, week };
}

// ---- shared -----------------------------------------------------------------------------------

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function fail(message: string): never {
  throw new ExprError(`DATE_FORMAT: ${message}`);
}

// ---- java.time DateTimeFormatter --------------------------------------------------------------

/** A year-like field: `yy` is the last two digits, otherwise padded to the letter count. */
function javaYear(y: number, n: number): string {
  if (n === 2) return pad(floorMod(y, 100), 2);
  if (n > 19) fail(`too many pattern letters`);
  const s = pad(y, n === 1 ? 1 : n);
  // SignStyle.EXCEEDS_PAD: a year wider than the pad width gets a '+'.
  return n >= 4 && y > Math.pow(10, n) - 1 ? '+' + s : s;
}

function text(full: string, n: number, max = 5): string {
  if (n > max) fail(`too many pattern letters`);
  return n === 4 ? full : n === 5 ? full.slice(0, 1) : full.slice(0, 3);
}

function number(v: number, n: number, maxLetters: number): string {
  if (n > maxLetters) fail(`too many pattern letters`);
  return pad(v, n);
}

/** DATE_FORMAT(TIMESTAMP, pattern): `DateTimeFormatter.ofPattern(pattern)` over the UTC wall clock. */
export function formatJavaTime(ms: number, pattern: string): string {
  const f = fieldsOf(ms);
  let s = '';
  for (const tok of tokenizePattern(pattern)) {
    if (tok.kind === 'text') {
      // Optional sections print when their fields exist, which every field of a timestamp does.
      s += tok.text.replace(/[[\]]/g, '');
      continue;
    }
    const n = tok.count;
    switch (tok.letter) {
      case 'G': {
        const era = f.year > 0 ? ['AD', 'Anno Domini', 'A'] : ['BC', 'Before Christ', 'B'];
        if (n > 5) fail('too many pattern letters');
        s += n === 4 ? era[1] : n === 5 ? era[2] : era[0];
        break;
      }
      case 'u':
        s += javaYear(f.year, n);
        break;
      case 'y':
        s += javaYear(f.year > 0 ? f.year : 1 - f.year, n);
        break;
      case 'Y':
        s += javaYear(weekBasedYearAndWeek(f).year, n);
        break;
      case 'Q':
      case 'q': {
        const q = Math.floor((f.month - 1) / 3) + 1;
        if (n > 5) fail('too many pattern letters');
        s += n === 1 || n === 5 ? String(q) : n === 2 ? pad(q, 2) : n === 3 ? `Q${q}` : QUARTER_NAMES[q - 1];
        break;
      }
      case 'M':
      case 'L':
        s += n <= 2 ? pad(f.month, n) : text(MONTHS[f.month - 1]!, n);
        break;
      case 'w':
        s += number(weekBasedYearAndWeek(f).week, n, 2);
        break;
      case 'W':
        s += number(weekOfMonth(f), n, 1);
        break;
      case 'd':
        s += number(f.day, n, 2);
        break;
      case 'D':
        s += number(dayOfYear(f), n, 3);
        break;
      case 'F':
        s += number(floorMod(f.day - 1, 7) + 1, n, 1);
        break;
      case 'E':
        s += text(WEEKDAYS_FROM_MONDAY[isoDayOfWeek(f.days) - 1]!, n <= 3 ? 3 : n);
        break;
      case 'e':
      case 'c':
        if (n <= 2) {
          if (tok.letter === 'c' && n === 2) fail(`invalid pattern "cc"`);
          s += pad(localizedDayOfWeek(f.days), n);
        } else s += text(WEEKDAYS_FROM_MONDAY[isoDayOfWeek(f.days) - 1]!, n);
        break;
      case 'a':
        if (n > 1) fail('too many pattern letters: a');
        s += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'h':
        s += number(f.hour % 12 === 0 ? 12 : f.hour % 12, n, 2);
        break;
      case 'K':
        s += number(f.hour % 12, n, 2);
        break;
      case 'k':
        s += number(f.hour === 0 ? 24 : f.hour, n, 2);
        break;
      case 'H':
        s += number(f.hour, n, 2);
        break;
      case 'm':
        s += number(f.minute, n, 2);
        break;
      case 's':
        s += number(f.second, n, 2);
        break;
      case 'S':
        if (n > 9) fail('too many pattern letters: S');
        s += (pad(f.milli, 3) + '000000').slice(0, n);
        break;
      case 'A':
        s += pad(((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.milli, n);
        break;
      case 'n':
        s += pad(f.milli * 1_000_000, n);
        break;
      case 'N':
        s += pad((((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.milli) * 1_000_000, n);
        break;
      case 'V':
      case 'v':
      case 'z':
      case 'O':
      case 'X':
      case 'x':
      case 'Z':
        fail(`pattern letter '${tok.letter}' needs a time zone, and a TIMESTAMP has none (Flink's job fails with "Unsupported field")`);
        break;
      default:
        fail(`unknown pattern letter: ${tok.letter}`);
    }
  }
  return s;
}

// ---- java.text.SimpleDateFormat ---------------------------------------------------------------

/** SimpleDateFormat's year: `yy` is two digits, `y` and `yyy` the whole year, more letters pad. */
function simpleYear(y: number, n: number): string {
  return n === 2 ? pad(floorMod(y, 100), 2) : pad(y, n);
}

/** FROM_UNIXTIME / DATE_FORMAT(STRING, pattern): `SimpleDateFormat` letters in UTC. */
export function formatSimpleDate(ms: number, pattern: string): string {
  const f = fieldsOf(ms);
  let s = '';
  for (const tok of tokenizePattern(pattern)) {
    if (tok.kind === 'text') {
      s += tok.text;
      continue;
    }
    const n = tok.count;
    switch (tok.letter) {
      case 'G':
        s += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        s += simpleYear(f.year > 0 ? f.year : 1 - f.year, n);
        break;
      case 'Y':
        s += simpleYear(weekBasedYearAndWeek(f).year, n);
        break;
      case 'M':
      case 'L':
        s += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'w':
        s += pad(weekBasedYearAndWeek(f).week, n);
        break;
      case 'W':
        s += pad(weekOfMonth(f), n);
        break;
      case 'D':
        s += pad(dayOfYear(f), n);
        break;
      case 'd':
        s += pad(f.day, n);
        break;
      case 'F':
        s += pad(Math.floor((f.day - 1) / 7) + 1, n);
        break;
      case 'E': {
        const w = WEEKDAYS_FROM_MONDAY[isoDayOfWeek(f.days) - 1]!;
        s += n >= 4 ? w : w.slice(0, 3);
        break;
      }
      case 'u':
        s += pad(isoDayOfWeek(f.days), n);
        break;
      case 'a':
        s += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        s += pad(f.hour, n);
        break;
      case 'k':
        s += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        s += pad(f.hour % 12, n);
        break;
      case 'h':
        s += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        s += pad(f.minute, n);
        break;
      case 's':
        s += pad(f.second, n);
        break;
      case 'S':
        // Milliseconds as a number: `S` of 5 ms is "5", not a fraction.
        s += pad(f.milli, n);
        break;
      case 'z':
        s += n >= 4 ? 'Coordinated Universal Time' : 'UTC';
        break;
      case 'Z':
        s += '+0000';
        break;
      case 'X':
        s += 'Z';
        break;
      default:
        throw new ExprError(`Illegal pattern character '${tok.letter}'`);
    }
  }
  return s;
}
