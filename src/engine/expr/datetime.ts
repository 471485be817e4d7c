// Date and time arithmetic in UTC for SQL functions and casts, on the engine's value
// representation (see common/calendar.ts): fields, formatting, FLOOR / CEIL / EXTRACT,
// TIMESTAMPADD / TIMESTAMPDIFF and pattern formats. Reading dates and timestamps from text
// lives in common/time-text.ts.
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isValidDate,
} from '../common/calendar';

export type TimeUnitName = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

const FIXED_UNIT_MS: Record<string, number> = {
  WEEK: 7 * MS_PER_DAY,
  DAY: MS_PER_DAY,
  HOUR: MS_PER_HOUR,
  MINUTE: MS_PER_MINUTE,
  SECOND: MS_PER_SECOND,
  MILLISECOND: 1,
};

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
export function floorMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && m < 0 !== b < 0 ? m + b : m;
}

/** Broken-down UTC fields of a timestamp. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  milli: number;
  /** Days since epoch. */
  days: number;
}

export function fieldsOf(ms: number): Fields {
  const days = floorDiv(ms, MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / MS_PER_SECOND);
  const milli = Math.floor(rest - second * MS_PER_SECOND);
  return { year, month, day, hour, minute, second, milli, days };
}

export function toMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE + s * MS_PER_SECOND + ms;
}

function pad(n: number, width: number): string {
  const neg = n < 0;
  let s = String(Math.abs(n));
  while (s.length < width) s = '0' + s;
  return neg ? '-' + s : s;
}

/** `YYYY-MM-DD`. */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * `YYYY-MM-DD HH:MM:SS` plus `precision` fractional digits (ms resolution, zero-padded past 3),
 * as Flink casts TIMESTAMP(p) to STRING.
 */
export function formatTimestamp(ms: number, precision: number): string {
  const f = fieldsOf(ms);
  let s = `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)} ${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  if (precision > 0) {
    const frac = (pad(f.milli, 3) + '000000').slice(0, Math.min(precision, 9));
    s += '.' + frac;
  }
  return s;
}

// ---- FLOOR / CEIL / EXTRACT / TIMESTAMPADD / TIMESTAMPDIFF -----------------------------------

/** FLOOR(ts TO unit). WEEK floors to the Sunday before, as Calcite's julian-date week does. */
export function floorTo(ms: number, unit: TimeUnitName): number {
  switch (unit) {
    case 'YEAR': {
      const f = fieldsOf(ms);
      return toMillis(f.year, 1, 1);
    }
    case 'QUARTER': {
      const f = fieldsOf(ms);
      return toMillis(f.year, f.month - ((f.month - 1) % 3), 1);
    }
    case 'MONTH': {
      const f = fieldsOf(ms);
      return toMillis(f.year, f.month, 1);
    }
    case 'WEEK': {
      const days = floorDiv(ms, MS_PER_DAY);
      // 1970-01-01 was a Thursday; Sunday-based weeks.
      const dow = floorMod(days + 4, 7);
      return (days - dow) * MS_PER_DAY;
    }
    default: {
      const u = FIXED_UNIT_MS[unit]!;
      return floorDiv(ms, u) * u;
    }
  }
}

export function ceilTo(ms: number, unit: TimeUnitName): number {
  const f = floorTo(ms, unit);
  if (f === ms) return ms;
  return addUnits(unit, 1, f);
}

/** EXTRACT(field FROM ts) over ms: the time units and DOW, ISODOW, DOY, ISOYEAR, EPOCH, DECADE, CENTURY, MILLENNIUM. */
export function extractField(unit: string, ms: number): number {
  const f = fieldsOf(ms);
  switch (unit) {
    case 'YEAR':
      return f.year;
    case 'QUARTER':
      return Math.floor((f.month - 1) / 3) + 1;
    case 'MONTH':
      return f.month;
    case 'WEEK':
      return isoWeek(f.days);
    case 'DAY':
      return f.day;
    case 'HOUR':
      return f.hour;
    case 'MINUTE':
      return f.minute;
    case 'SECOND':
      return f.second;
    case 'MILLISECOND':
      return f.second * 1000 + f.milli;
    case 'DOW':
      // Sunday = 1 ... Saturday = 7, as Flink's DAYOFWEEK (DateTimeUtils.julianExtract).
      return floorMod(f.days + 4, 7) + 1;
    case 'ISODOW':
      // Monday = 1 ... Sunday = 7.
      return floorMod(f.days + 3, 7) + 1;
    case 'DOY':
      return f.days - daysFromCivil(f.year, 1, 1) + 1;
    case 'ISOYEAR':
      // The year of the week's Thursday.
      return civilFromDays(f.days - floorMod(f.days + 3, 7) + 3)[0];
    case 'EPOCH':
      // Seconds since 1970-01-01 00:00:00, truncated toward zero as Java's long division.
      return Math.trunc(ms / 1000);
    case 'DECADE':
      return Math.trunc(f.year / 10);
    case 'CENTURY':
      return f.year > 0 ? Math.trunc((f.year + 99) / 100) : Math.trunc((f.year - 99) / 100);
    case 'MILLENNIUM':
      return f.year > 0 ? Math.trunc((f.year + 999) / 1000) : Math.trunc((f.year - 999) / 1000);
    default:
      throw new RangeError(`unsupported EXTRACT unit ${unit}`);
  }
}

/** ISO-8601 week number. */
export function isoWeek(days: number): number {
  const isoDow = floorMod(days + 3, 7); // Monday = 0
  const thursday = days - isoDow + 3;
  const [y] = civilFromDays(thursday);
  const jan1 = daysFromCivil(y, 1, 1);
  return Math.floor((thursday - jan1) / 7) + 1;
}

function addMonths(ms: number, months: number): number {
  const f = fieldsOf(ms);
  const total = f.year * 12 + (f.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const d = Math.min(f.day, daysInMonth(y, m));
  const timeOfDay = ms - f.days * MS_PER_DAY;
  return daysFromCivil(y, m, d) * MS_PER_DAY + timeOfDay;
}

/** TIMESTAMPADD(unit, n, ts): calendar-aware for months, quarters and years (day clamped). */
export function addUnits(unit: TimeUnitName, n: number, ms: number): number {
  switch (unit) {
    case 'YEAR':
      return addMonths(ms, n * 12);
    case 'QUARTER':
      return addMonths(ms, n * 3);
    case 'MONTH':
      return addMonths(ms, n);
    default:
      return ms + n * FIXED_UNIT_MS[unit]!;
  }
}

/** TIMESTAMPDIFF(unit, a, b): whole units from a to b, truncated toward zero. */
export function diffUnits(unit: TimeUnitName, a: number, b: number): number {
  switch (unit) {
    case 'YEAR':
      return Math.trunc(monthsBetween(a, b) / 12);
    case 'QUARTER':
      return Math.trunc(monthsBetween(a, b) / 3);
    case 'MONTH':
      return monthsBetween(a, b);
    default:
      return Math.trunc((b - a) / FIXED_UNIT_MS[unit]!);
  }
}

function monthsBetween(a: number, b: number): number {
  const fa = fieldsOf(a);
  const fb = fieldsOf(b);
  let months = (fb.year - fa.year) * 12 + (fb.month - fa.month);
  // Not a whole month yet when b's day-and-time of month is before a's.
  const ra = a - floorTo(a, 'MONTH');
  const rb = b - floorTo(b, 'MONTH');
  if (months > 0 && rb < ra) months--;
  else if (months < 0 && rb > ra) months++;
  return months;
}

// ---- Java date patterns: tokens and parsing (formatting is in date-format.ts) ------------------

type PatternToken = { kind: 'field'; letter: string; count: number } | { kind: 'text'; text: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const patternCache = new Map<string, PatternToken[]>();

/** Tokenizes a Java date pattern: letter runs are fields, `'...'` quotes text, `''` is a quote. */
export function tokenizePattern(pattern: string): PatternToken[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const out: PatternToken[] = [];
  let i = 0;
  const pushText = (t: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        pushText("'");
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      pushText(text);
      i = j + 1;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      out.push({ kind: 'field', letter: c, count: j - i });
      i = j;
      continue;
    }
    pushText(c);
    i++;
  }
  if (patternCache.size > 256) patternCache.clear();
  patternCache.set(pattern, out);
  return out;
}

function isNumericField(tok: PatternToken | undefined): boolean {
  return tok !== undefined && tok.kind === 'field' && 'yYuMLdDHkKhmsS'.includes(tok.letter) && !(tok.letter === 'M' && tok.count >= 3);
}

/** Parses text with a Java date pattern (UTC); null when it does not match the whole text. */
export function parseWithPattern(text: string, pattern: string): number | null {
  const toks = tokenizePattern(pattern);
  let i = 0;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let milli = 0;
  let pm: boolean | null = null;
  let hour12: number | null = null;
  for (let t = 0; t < toks.length; t++) {
    const tok = toks[t]!;
    if (tok.kind === 'text') {
      if (text.startsWith(tok.text, i)) i += tok.text.length;
      else return null;
      continue;
    }
    if (isNumericField(tok)) {
      // Fixed width when another number follows directly (yyyyMMdd); otherwise greedy digits.
      const fixed = isNumericField(toks[t + 1]);
      let j = i;
      if (j < text.length && (text[j] === '-' || text[j] === '+') && (tok.letter === 'y' || tok.letter === 'Y')) j++;
      const maxLen = fixed ? tok.count : 9;
      while (j < text.length && j - i < maxLen && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j === i) return null;
      const digits = text.slice(i, j);
      const v = Number(digits);
      i = j;
      switch (tok.letter) {
        case 'y':
        case 'Y':
          year = tok.count === 2 && digits.length === 2 ? 2000 + v : v;
          break;
        case 'M':
        case 'L':
          month = v;
          break;
        case 'd':
          day = v;
          break;
        case 'H':
          hour = v;
          break;
        case 'k':
          hour = v === 24 ? 0 : v;
          break;
        case 'h':
        case 'K':
          hour12 = v % 12;
          break;
        case 'm':
          minute = v;
          break;
        case 's':
          second = v;
          break;
        case 'S':
          milli = Number((digits + '00').slice(0, 3));
          break;
        default:
          break; // D, u: accepted, ignored
      }
      continue;
    }
    switch (tok.letter) {
      case 'M':
      case 'L': {
        const idx = matchName(text, i, MONTHS, tok.count >= 4);
        if (!idx) return null;
        month = idx.index + 1;
        i = idx.end;
        break;
      }
      case 'E': {
        const idx = matchName(text, i, WEEKDAYS, tok.count >= 4);
        if (!idx) return null;
        i = idx.end;
        break;
      }
      case 'a': {
        const up = text.slice(i, i + 2).toUpperCase();
        if (up !== 'AM' && up !== 'PM') return null;
        pm = up === 'PM';
        i += 2;
        break;
      }
      case 'X':
        if (text[i] === 'Z') i++;
        else return null;
        break;
      default:
        return null;
    }
  }
  if (i !== text.length) return null;
  if (hour12 !== null) hour = hour12 + (pm ? 12 : 0);
  else if (pm === true && hour < 12) hour += 12;
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return toMillis(year, month, day, hour, minute, second, milli);
}

function matchName(text: string, at: number, names: string[], full: boolean): { index: number; end: number } | null {
  const lower = text.toLowerCase();
  for (let k = 0; k < names.length; k++) {
    const name = full ? names[k]! : names[k]!.slice(0, 3);
    if (lower.startsWith(name.toLowerCase(), at)) return { index: k, end: at + name.length };
  }
  return null;
}
