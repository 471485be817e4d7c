// Durations as Flink's TimeUtils parses them: '1d', '30 d', '2h', '15min', '10s', '500ms',
// '1 day', '2 hours'. A bare number is milliseconds.

const UNITS: ReadonlyMap<string, number> = new Map([
  ['d', 86_400_000],
  ['day', 86_400_000],
  ['days', 86_400_000],
  ['h', 3_600_000],
  ['hour', 3_600_000],
  ['hours', 3_600_000],
  ['min', 60_000],
  ['mins', 60_000],
  ['m', 60_000],
  ['minute', 60_000],
  ['minutes', 60_000],
  ['s', 1000],
  ['sec', 1000],
  ['secs', 1000],
  ['second', 1000],
  ['seconds', 1000],
  ['ms', 1],
  ['milli', 1],
  ['millis', 1],
  ['millisecond', 1],
  ['milliseconds', 1],
  ['', 1],
]);

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/;

/** Milliseconds of a duration text, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const unit = UNITS.get(m[2]!.toLowerCase());
  if (unit === undefined) return null;
  return Math.round(Number(m[1]) * unit);
}
