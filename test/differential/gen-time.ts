// Time-series inputs for the event-time cases (interval joins, windows): insert-only CSV with a
// non-NULL rowtime column and a WATERMARK. Rows come in time order with a bounded disorder
// (at most DISORDER_MS late), and the watermark trails by more than that, so no row is ever late:
// the bounded run's answer equals the batch answer DuckDB computes.
// (No import from gen.ts, which imports this file: the generator comes in as a parameter.)

/** The part of gen.ts's Rng these generators use. */
export interface TimeRng {
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  skewed<T>(items: readonly T[]): T;
  orNull<T>(p: number, value: () => T): T | null;
}

interface ColumnDef {
  name: string;
  type: string;
}

/** What gen.ts makes an InputTable of. */
export interface TimeTable {
  name: string;
  columns: ColumnDef[];
  rows: unknown[][];
  watermark: { column: string; expr: string };
}

const EPOCH = Date.UTC(2026, 0, 1);
/** How far a row may run behind the newest row before it. */
const DISORDER_MS = 40_000;
/** The watermark delay: more than the disorder. */
export const TIME_WATERMARK = `ts - INTERVAL '1' MINUTE`;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function timestampText(ms: number): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

export const CLICKS_COLUMNS: ColumnDef[] = [
  { name: 'click_id', type: 'BIGINT' },
  { name: 'user_id', type: 'INT' },
  { name: 'page', type: 'STRING' },
  { name: 'amount', type: 'INT' },
  { name: 'ts', type: 'TIMESTAMP(3)' },
];

export const VIEWS_COLUMNS: ColumnDef[] = [
  { name: 'view_id', type: 'BIGINT' },
  { name: 'user_id', type: 'INT' },
  { name: 'page', type: 'STRING' },
  { name: 'ts', type: 'TIMESTAMP(3)' },
];

const PAGES = ['home', 'cart', 'item', 'search', ''];

/** Times advancing by `stepMs` on average from a seeded start, each up to DISORDER_MS behind the clock. */
function times(r: TimeRng, n: number, stepMs: number): number[] {
  let clock = EPOCH + r.int(0, 600) * 1000;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    clock += r.int(0, 2 * stepMs);
    // Some rows at the same millisecond, some with milliseconds, some a little late.
    const late = r.chance(0.3) ? r.int(0, DISORDER_MS) : 0;
    out.push(clock - late);
  }
  return out;
}

export function genClicks(r: TimeRng, clock: TimeRng, n = 120): TimeTable {
  const rows = times(clock, n, 90_000).map((t, i) => [
    7000 + i,
    r.orNull(0.08, () => r.skewed([1, 2, 3, 4, 5, 6, 7, 8])),
    r.skewed(PAGES),
    r.orNull(0.1, () => r.int(-5, 100)),
    timestampText(t),
  ]);
  return { name: 'clicks', columns: CLICKS_COLUMNS, rows, watermark: { column: 'ts', expr: TIME_WATERMARK } };
}

export function genViews(r: TimeRng, clock: TimeRng, n = 160): TimeTable {
  const rows = times(clock, n, 70_000).map((t, i) => [8000 + i, r.orNull(0.08, () => r.skewed([1, 2, 3, 4, 5, 6, 7, 9])), r.skewed(PAGES), timestampText(t)]);
  return { name: 'views', columns: VIEWS_COLUMNS, rows, watermark: { column: 'ts', expr: TIME_WATERMARK } };
}
