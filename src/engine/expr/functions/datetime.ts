// Dates and times: parsing and formatting, EXTRACT and its shorthands, FLOOR/CEIL to a unit,
// TIMESTAMPADD/TIMESTAMPDIFF, and the current time from the simulation clock. The calendar math
// itself is in `../datetime.ts`.
import { MS_PER_DAY } from '../../common/calendar';
import { parseTimestamp } from '../../common/time-text';
import { addUnits, ceilTo, diffUnits, extractField, floorDiv, floorTo, formatTimestamp, parseWithPattern } from '../datetime';
import { formatJavaTime, formatSimpleDate } from '../date-format';
import { familyOf } from '../typeutil';
import { def } from './registry';
import { strict1, strict2, strictN, litUnit, toMsFn } from './args';
import { localToUtc, offsetAt, zoneOf } from '../time-zones';

/**
 * DATE_FORMAT(ts, pattern) formats with java.time letters; DATE_FORMAT(string, pattern) reads
 * the string as 'yyyy-MM-dd HH:mm:ss' (SimpleDateFormat.parse ignores what follows, so a fraction
 * is dropped) and formats with SimpleDateFormat letters, as Flink's two code paths do.
 */
def(['date_format'], ([ts, fmt], [ets]) => {
  if (familyOf(ets!.type) === 'string') {
    return strict2(ts!, fmt!, (v, f) => {
      const ms = parseWithPattern((v as string).slice(0, 19), 'yyyy-MM-dd HH:mm:ss');
      return ms === null ? null : formatSimpleDate(ms, f as string);
    });
  }
  const toMs = toMsFn(ets!.type);
  return strict2(ts!, fmt!, (v, f) => {
    const ms = toMs(v);
    return ms === null ? null : formatJavaTime(ms, f as string);
  });
});
/** TO_TIMESTAMP(str [, pattern]): NULL when the text does not parse, as Flink. */
def(['to_timestamp'], ([s, fmt]) => {
  if (!fmt) return strict1(s!, (x) => parseTimestamp(x as string, 'sql'));
  return strict2(s!, fmt, (x, f) => parseWithPattern(x as string, f as string));
});
def(['to_date'], ([s, fmt]) => {
  const days = (ms: number | null) => (ms === null ? null : floorDiv(ms, MS_PER_DAY));
  if (!fmt) return strict1(s!, (x) => days(parseTimestamp(x as string, 'sql')));
  return strict2(s!, fmt, (x, f) => days(parseWithPattern(x as string, f as string)));
});
/** TO_TIMESTAMP_LTZ(epoch, precision): precision 0 = seconds, 3 = milliseconds. */
def(['to_timestamp_ltz'], ([n, p]) => {
  if (!p) return strict1(n!, (x) => Math.trunc(x as number));
  return strict2(n!, p, (x, q) => ((q as number) === 0 ? Math.trunc((x as number) * 1000) : Math.trunc(x as number)));
});
/** FROM_UNIXTIME(seconds [, pattern]) -> STRING. */
def(['from_unixtime'], ([n, fmt]) => {
  if (!fmt) return strict1(n!, (x) => formatSimpleDate(Math.trunc(x as number) * 1000, 'yyyy-MM-dd HH:mm:ss'));
  return strict2(n!, fmt, (x, f) => formatSimpleDate(Math.trunc(x as number) * 1000, f as string));
});
/** UNIX_TIMESTAMP() -> now in seconds; UNIX_TIMESTAMP(str [, pattern]) -> seconds or NULL. */
def(['unix_timestamp'], ([s, fmt], _e, _t, ctx) => {
  if (!s) return () => floorDiv(ctx.now(), 1000);
  const secs = (ms: number | null) => (ms === null ? null : floorDiv(ms, 1000));
  if (!fmt) return strict1(s, (x) => secs(parseWithPattern(x as string, 'yyyy-MM-dd HH:mm:ss')));
  return strict2(s, fmt, (x, f) => secs(parseWithPattern(x as string, f as string)));
});

/** floor_to('HOUR', ts) / ceil_to('DAY', ts); a DATE argument gives a DATE. */
def(['floor_to'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'FLOOR');
  if (familyOf(ets!.type) === 'date') return strict1(ts!, (d) => floorDiv(floorTo((d as number) * MS_PER_DAY, unit), MS_PER_DAY));
  return strict1(ts!, (v) => floorTo(v as number, unit));
});
def(['ceil_to'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'CEIL');
  if (familyOf(ets!.type) === 'date') return strict1(ts!, (d) => floorDiv(ceilTo((d as number) * MS_PER_DAY, unit), MS_PER_DAY));
  return strict1(ts!, (v) => ceilTo(v as number, unit));
});
/** extract('YEAR', ts). */
def(['extract'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'EXTRACT');
  const toMs = toMsFn(ets!.type);
  extractField(unit, 0); // validate the unit now
  return strict1(ts!, (v) => {
    const ms = toMs(v);
    return ms === null ? null : extractField(unit, ms);
  });
});
for (const [fn, unit] of [
  ['year', 'YEAR'],
  ['quarter', 'QUARTER'],
  ['month', 'MONTH'],
  ['week', 'WEEK'],
  ['dayofmonth', 'DAY'],
  ['day', 'DAY'],
  ['hour', 'HOUR'],
  ['minute', 'MINUTE'],
  ['second', 'SECOND'],
  ['dayofweek', 'DOW'],
  ['dayofyear', 'DOY'],
] as const) {
  def([fn], ([ts], [ets]) => {
    const toMs = toMsFn(ets!.type);
    return strict1(ts!, (v) => {
      const ms = toMs(v);
      return ms === null ? null : extractField(unit, ms);
    });
  });
}
/** timestampdiff('DAY', a, b): b - a in whole units. */
def(['timestampdiff'], ([, a, b], [eu, ea, eb]) => {
  const unit = litUnit(eu, 'TIMESTAMPDIFF');
  const ma = toMsFn(ea!.type);
  const mb = toMsFn(eb!.type);
  return strict2(a!, b!, (x, y) => {
    const p = ma(x);
    const q = mb(y);
    return p === null || q === null ? null : diffUnits(unit, p, q);
  });
});
/** timestampadd('DAY', n, ts). */
def(['timestampadd'], ([, n, ts], [eu, , ets], type) => {
  const unit = litUnit(eu, 'TIMESTAMPADD');
  if (familyOf(ets!.type) === 'date' && type.name === 'DATE') {
    return strict2(n!, ts!, (k, d) => floorDiv(addUnits(unit, k as number, (d as number) * MS_PER_DAY), MS_PER_DAY));
  }
  const toMs = toMsFn(ets!.type);
  return strict2(n!, ts!, (k, v) => {
    const ms = toMs(v);
    return ms === null ? null : addUnits(unit, Math.trunc(k as number), ms);
  });
});
/** CURRENT_WATERMARK(rowtime): the evaluating operator's watermark, NULL before its first (Flink 1.15+). */
def(['current_watermark'], (_a, _e, _t, ctx) => () => (ctx.watermark ? ctx.watermark() : null));
def(['current_timestamp', 'now', 'localtimestamp', 'proctime', 'current_row_timestamp'], (_a, _e, _t, ctx) => () => ctx.now());
def(['current_date'], (_a, _e, _t, ctx) => () => floorDiv(ctx.now(), MS_PER_DAY));

/**
 * CONVERT_TZ(text, fromZone, toZone): reads 'yyyy-MM-dd HH:mm:ss' (what follows ignored, as
 * SimpleDateFormat.parse does) as wall time in fromZone and writes it as wall time in toZone;
 * NULL when the text does not parse. Zone ids as java.util.TimeZone reads them (../time-zones.ts).
 */
def(['convert_tz'], ([ts, from, to]) =>
  strictN([ts!, from!, to!], ([v, f, t]) => {
    const local = parseWithPattern((v as string).slice(0, 19), 'yyyy-MM-dd HH:mm:ss');
    if (local === null) return null;
    const utc = localToUtc(zoneOf(f as string), local);
    const target = zoneOf(t as string);
    return formatTimestamp(utc + offsetAt(target, utc), 0);
  }),
);
