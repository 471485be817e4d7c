// Reading DATE and TIMESTAMP values from text: one grammar, `YYYY-MM-DD[ HH:MM[:SS[.f]]]`, in the
// two forms the engine meets. Both read UTC wall time, keep up to 9 fraction digits and truncate
// them to ms, and reject impossible dates and times (2026-02-30, 24:00); where both forms accept
// a text they give the same value.
//   'sql'   what Flink SQL reads from a string (TIMESTAMP / DATE literals, CAST, TO_TIMESTAMP,
//           TO_DATE): an optional sign and 1 to 6 year digits, date and time apart by whitespace
//           or `T`, no zone (a TIMESTAMP has none).
//   'data'  what settings (`sim.start`) and data files (CSV and JSON fields) hold: 4 or more year
//           digits with an optional '-', date and time apart by one space or `T`, and an optional
//           zone (`Z`, `+08:00`, `+0800`) that is applied to give UTC.
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, civilFromDays, daysFromCivil } from './calendar';

export type TimeTextSyntax = 'sql' | 'data';

// Fixed patterns (never built from script text). Groups: year, month, day, hour, minute, second,
// fraction, and for 'data' the zone.
const SQL_TIMESTAMP = /^\s*([+-]?\d{1,6})-(\d{1,2})-(\d{1,2})(?:(?:\s+|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$/;
const DATA_TIMESTAMP =
  /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/;

/** A TIMESTAMP text in `syntax` as ms since 1970-01-01 00:00:00 UTC; null when it is not one. */
export function parseTimestamp(text: string, syntax: TimeTextSyntax): number | null {
  const m = (syntax === 'sql' ? SQL_TIMESTAMP : DATA_TIMESTAMP).exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const days = daysFromCivil(year, month, day);
  // The round trip rejects 2026-02-30 and the like (daysFromCivil rolls it over into March).
  const [civilYear, civilMonth, civilDay] = civilFromDays(days);
  if (civilYear !== year || civilMonth !== month || civilDay !== day) return null;
  const wallMs = days * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + milli;
  const zone = m[8];
  return zone === undefined ? wallMs : wallMs - zoneOffsetMs(zone);
}

/**
 * A DATE text in `syntax` as days since 1970-01-01; null when it is not one. A time part (and in
 * 'data' a zone) is accepted and the result is the UTC day of that instant, as a cast from
 * TIMESTAMP to DATE gives.
 */
export function parseDate(text: string, syntax: TimeTextSyntax): number | null {
  const ms = parseTimestamp(text, syntax);
  return ms === null ? null : Math.floor(ms / MS_PER_DAY);
}

/** `Z`, `+hh:mm`, `-hhmm` as ms east of UTC. */
function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * MS_PER_HOUR + Number(digits.slice(2, 4)) * MS_PER_MINUTE);
}
