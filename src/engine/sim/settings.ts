// Every simulator setting (`SET 'sim.*'`) and the Flink settings the simulator reads, with their
// defaults. docs/simulation.md documents the same list; the editor's catalog can import SIM_SETTINGS.

import { civilFromDays, daysFromCivil } from '../expr/datetime';

export interface SimSettingSpec {
  key: string;
  default: string | null;
  doc: string;
}

export const SIM_SETTINGS: SimSettingSpec[] = [
  { key: 'sim.start', default: '2026-01-01 00:00:00', doc: 'Virtual clock at the start of the simulation (UTC).' },
  { key: 'sim.tick', default: '100 ms', doc: 'Virtual time the scheduler advances per step.' },
  { key: 'sim.duration', default: null, doc: 'How long a run lasts (virtual time); needed when a source is unbounded.' },
  { key: 'sim.jitter', default: '0.2', doc: 'Seeded variation of how much a source reads per tick and where batches are cut (0 = none).' },
  { key: 'sim.batch.splits', default: '4', doc: 'At most this many cuts of one source read into smaller batches (only when sim.jitter > 0).' },
  { key: 'sim.metrics.interval', default: '1 s', doc: 'Virtual time between metrics history samples.' },
  { key: 'sim.metrics.max-samples', default: '2000', doc: 'History samples kept; when full, every other one is dropped and the interval doubles.' },
  { key: 'sim.changelog.max-entries', default: '1000', doc: 'Changes kept per table for the changelog view (and rows kept by print sinks).' },
  { key: 'sim.cost.source.rps', default: '200000', doc: 'Records one source subtask reads per virtual second.' },
  { key: 'sim.cost.calc.rps', default: '1000000', doc: 'Records one Calc (filter/project) subtask handles per virtual second.' },
  { key: 'sim.cost.aggregate.rps', default: '200000', doc: 'Records one GroupAggregate subtask handles per virtual second.' },
  { key: 'sim.cost.join.rps', default: '150000', doc: 'Records one Join subtask handles per virtual second.' },
  { key: 'sim.cost.union.rps', default: '1000000', doc: 'Records one Union subtask handles per virtual second.' },
  { key: 'sim.cost.drop.rps', default: '1000000', doc: 'Records one DropRowKind subtask handles per virtual second.' },
  { key: 'sim.cost.sink.rps', default: '100000', doc: 'Records one sink subtask writes per virtual second.' },
  { key: 'sim.cost.checkpoint.bytes-per-second', default: '52428800', doc: 'State bytes a checkpoint writes per virtual second (50 MB/s).' },
  { key: 'sim.cost.checkpoint.base-ms', default: '50', doc: 'Fixed virtual time of every checkpoint, ms.' },
  { key: 'execution.checkpointing.interval', default: null, doc: 'Flink: checkpoint interval. Unset = no checkpoints; file sinks then commit at end of input.' },
  { key: 'execution.checkpointing.timeout', default: '10 min', doc: 'Flink: a checkpoint that takes longer fails.' },
  { key: 'parallelism.default', default: '1', doc: 'Flink: parallelism of every operator (read by the planner).' },
  { key: 'table.exec.state.ttl', default: '0 ms', doc: 'Flink: job-wide state TTL (0 = keep forever; read by the runtime).' },
];

export function defaultOf(key: string): string | null {
  return SIM_SETTINGS.find((s) => s.key === key)?.default ?? null;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  nano: 1e-6,
  nanos: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  us: 1e-3,
  micro: 1e-3,
  micros: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * Parses a Flink duration (`100 ms`, `10s`, `1 min`, `2h`, `3 d`; a bare number is ms) to ms.
 * Returns null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === '') return n;
  const factor = UNIT_MS[unit];
  if (factor === undefined) return null;
  return Math.round(n * factor);
}

// Civil-date math lives with the other date arithmetic; re-exported for the simulator's callers.
export { civilFromDays };

const TS_RE = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * Parses `YYYY-MM-DD[ HH:MM[:SS[.fff]]]` (a `T` separator and a `Z` / `+hh:mm` suffix are also
 * accepted) as UTC wall time, to ms since 1970. Null when malformed.
 */
export function parseTimestamp(text: string): number | null {
  const m = TS_RE.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const hh = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Number((m[7] + '000').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 59) return null;
  const days = daysFromCivil(y, mo, d);
  // Reject 2026-02-30 and the like.
  const [cy, cm, cd] = civilFromDays(days);
  if (cy !== y || cm !== mo || cd !== d) return null;
  let ms = days * 86_400_000 + hh * 3_600_000 + mi * 60_000 + ss * 1000 + frac;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2, 4)) * 60_000);
  }
  return ms;
}

/** Parses `YYYY-MM-DD` to days since 1970-01-01. */
export function parseDate(text: string): number | null {
  const m = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const days = daysFromCivil(y, mo, d);
  const [cy, cm, cd] = civilFromDays(days);
  if (cy !== y || cm !== mo || cd !== d) return null;
  return days;
}

/** Resolved simulator configuration. Durations in ms. */
export interface SimConfig {
  epochMs: number;
  tickMs: number;
  durationMs: number | null;
  jitter: number;
  batchSplits: number;
  metricsIntervalMs: number;
  metricsMaxSamples: number;
  changelogMaxEntries: number;
  rps: { source: number; calc: number; aggregate: number; join: number; union: number; drop: number; sink: number };
  checkpointBytesPerSecond: number;
  checkpointBaseMs: number;
  checkpointIntervalMs: number | null;
  checkpointTimeoutMs: number;
  stateTtlMs: number;
}

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Resolves the script's settings (last SET wins) against the defaults. Throws SettingsError. */
export function resolveSimConfig(settings: Record<string, string>): SimConfig {
  const raw = (key: string): string | null => {
    const v = settings[key];
    return v === undefined ? defaultOf(key) : v;
  };
  const duration = (key: string, allowZero = true): number | null => {
    const v = raw(key);
    if (v === null) return null;
    const ms = parseDuration(v);
    if (ms === null || (!allowZero && ms <= 0))
      throw new SettingsError(key, `'${key}' must be a duration such as '100 ms', '10 s' or '5 min', not '${v}'`);
    return ms;
  };
  const number = (key: string, min: number, max = Infinity): number => {
    const v = raw(key)!;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new SettingsError(key, `'${key}' must be a number${max === Infinity ? ` of at least ${min}` : ` between ${min} and ${max}`}, not '${v}'`);
    return n;
  };
  const startText = raw('sim.start')!;
  const epochMs = parseTimestamp(startText);
  if (epochMs === null)
    throw new SettingsError('sim.start', `'sim.start' must be a timestamp such as '2026-01-01 00:00:00', not '${startText}'`);
  const ttl = duration('table.exec.state.ttl') ?? 0;
  return {
    epochMs,
    tickMs: duration('sim.tick', false)!,
    durationMs: duration('sim.duration'),
    jitter: number('sim.jitter', 0, 1),
    batchSplits: Math.floor(number('sim.batch.splits', 0)),
    metricsIntervalMs: duration('sim.metrics.interval', false)!,
    metricsMaxSamples: Math.max(2, Math.floor(number('sim.metrics.max-samples', 2))),
    changelogMaxEntries: Math.floor(number('sim.changelog.max-entries', 0)),
    rps: {
      source: number('sim.cost.source.rps', 1),
      calc: number('sim.cost.calc.rps', 1),
      aggregate: number('sim.cost.aggregate.rps', 1),
      join: number('sim.cost.join.rps', 1),
      union: number('sim.cost.union.rps', 1),
      drop: number('sim.cost.drop.rps', 1),
      sink: number('sim.cost.sink.rps', 1),
    },
    checkpointBytesPerSecond: number('sim.cost.checkpoint.bytes-per-second', 1),
    checkpointBaseMs: number('sim.cost.checkpoint.base-ms', 0),
    checkpointIntervalMs: duration('execution.checkpointing.interval', false),
    checkpointTimeoutMs: duration('execution.checkpointing.timeout', false)!,
    stateTtlMs: ttl,
  };
}
