// Durations as Flink's TimeUtils writes them: `100 ms`, `10s`, `15min`, `2 h`, `1d`, `3 days`,
// `500 us`, `5 ns`. A bare number is milliseconds (Flink's rule); a caller that wants another
// bare unit (the studio's run-for box takes seconds) wraps this explicitly.

const MS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['ns', 1e-6],
  ['nano', 1e-6],
  ['nanos', 1e-6],
  ['nanosecond', 1e-6],
  ['nanoseconds', 1e-6],
  ['us', 1e-3],
  ['micro', 1e-3],
  ['micros', 1e-3],
  ['microsecond', 1e-3],
  ['microseconds', 1e-3],
  ['ms', 1],
  ['milli', 1],
  ['millis', 1],
  ['millisecond', 1],
  ['milliseconds', 1],
  ['s', 1000],
  ['sec', 1000],
  ['secs', 1000],
  ['second', 1000],
  ['seconds', 1000],
  ['m', 60_000],
  ['min', 60_000],
  ['mins', 60_000],
  ['minute', 60_000],
  ['minutes', 60_000],
  ['h', 3_600_000],
  ['hour', 3_600_000],
  ['hours', 3_600_000],
  ['d', 86_400_000],
  ['day', 86_400_000],
  ['days', 86_400_000],
]);

// A fixed pattern: a decimal number, then an optional unit word (case-insensitive).
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/;

/**
 * Milliseconds of a duration text, or null when it is not one. A number with a unit is rounded
 * to whole ms; a bare number is taken as written (`0.5` is half a millisecond).
 */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const amount = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === '') return amount;
  const msPerUnit = MS_PER_UNIT.get(unit);
  if (msPerUnit === undefined) return null;
  return Math.round(amount * msPerUnit);
}
