// The differences between two runs, row by row: freshness, lag, scans and split buffers,
// checkpoints, restarts, heap, state and rows. Each row says which run did better, when "better"
// has a direction (fresher, fewer failures); rows and state sizes only differ. Pure.
import type { MetricsSnapshot } from '../../engine/api';
import { formatBytes, formatCount, formatDuration } from '../format';

export type Better = 'A' | 'B' | 'same' | null;

export interface DiffRow {
  /** Stable id for tests and React keys: `freshness:ads_status`, `checkpoints.failed`. */
  id: string;
  label: string;
  a: number | null;
  b: number | null;
  /** a and b as shown. */
  aText: string;
  bText: string;
  /** Which run did better; null when the metric has no better direction. */
  better: Better;
}

type Direction = 'lower' | 'higher' | 'none';

/** Values within this share of each other count as the same: a 2% wobble is not a finding. */
const SAME_WITHIN = 0.02;

function row(id: string, label: string, a: number | null, b: number | null, direction: Direction, format: (v: number) => string, missing = '–'): DiffRow {
  const text = (v: number | null) => (v === null ? missing : format(v));
  let better: Better = null;
  if (direction !== 'none') {
    if (a === b || (a !== null && b !== null && Math.abs(a - b) <= SAME_WITHIN * Math.max(Math.abs(a), Math.abs(b)))) better = 'same';
    // A missing value (no data yet) is worse than any.
    else if (a === null) better = 'B';
    else if (b === null) better = 'A';
    else better = (direction === 'lower') === a < b ? 'A' : 'B';
  }
  return { id, label, a, b, aText: text(a), bText: text(b), better };
}

/** Mean of a table's freshness over the snapshots where it had any; null when it never had. */
function meanFreshness(history: readonly MetricsSnapshot[], table: string): number | null {
  let sum = 0;
  let n = 0;
  for (const s of history) {
    const f = s.tables.find((t) => t.name === table)?.freshnessMs;
    if (f === null || f === undefined) continue;
    sum += f;
    n++;
  }
  return n === 0 ? null : sum / n;
}

function peakHeap(history: readonly MetricsSnapshot[], latest: MetricsSnapshot): number {
  let peak = 0;
  for (const s of [...history, latest]) for (const j of s.jobs ?? []) peak = Math.max(peak, j.heapUsedBytes);
  return peak;
}

const seconds = (ms: number) => formatDuration(ms);

export interface RunView {
  history: readonly MetricsSnapshot[];
  latest: MetricsSnapshot | null;
}

/** Every difference worth a row, in reading order; empty until both runs have metrics. */
export function compareRuns(a: RunView, b: RunView): DiffRow[] {
  const la = a.latest;
  const lb = b.latest;
  if (!la || !lb) return [];
  const rows: DiffRow[] = [];
  // Freshness: the tables a reader sees change (those with freshness in either run), sinks last as the pipeline lists them.
  const tables = [...new Set([...la.tables, ...lb.tables].map((t) => t.name))];
  for (const name of tables) {
    const fa = meanFreshness(a.history, name);
    const fb = meanFreshness(b.history, name);
    if (fa === null && fb === null) continue;
    rows.push(row(`freshness:${name}`, `${name} freshness (mean over the run)`, fa, fb, 'lower', seconds, 'no data'));
  }
  for (const name of tables) {
    const nowA = la.tables.find((t) => t.name === name)?.freshnessMs ?? null;
    const nowB = lb.tables.find((t) => t.name === name)?.freshnessMs ?? null;
    if (nowA === null && nowB === null) continue;
    rows.push(row(`freshness-now:${name}`, `${name} freshness now`, nowA, nowB, 'lower', seconds, 'no data'));
  }
  const maxLag = (s: MetricsSnapshot) => s.sources.reduce((m, x) => Math.max(m, x.lagMs), 0);
  rows.push(row('lag.max', 'Largest source lag now', maxLag(la), maxLag(lb), 'lower', seconds));
  const lakeSources = [...new Set([...la.sources, ...lb.sources].filter((x) => x.lake).map((x) => `${x.table}|${x.jobId}`))];
  for (const key of lakeSources) {
    const [table, jobId] = key.split('|') as [string, string];
    const find = (s: MetricsSnapshot) => s.sources.find((x) => x.table === table && x.jobId === jobId)?.lake ?? null;
    const sa = find(la);
    const sb = find(lb);
    rows.push(row(`scan:${table}`, `${table} scan interval (mean)`, sa?.avgScanIntervalMs ?? null, sb?.avgScanIntervalMs ?? null, 'lower', seconds));
    rows.push(row(`buffer:${table}`, `${table} split buffer now`, sa?.splitBufferBytes ?? null, sb?.splitBufferBytes ?? null, 'lower', formatBytes));
  }
  rows.push(row('checkpoints.completed', 'Checkpoints completed', la.checkpoints.completed, lb.checkpoints.completed, 'higher', formatCount));
  rows.push(row('checkpoints.failed', 'Checkpoints failed', la.checkpoints.failed, lb.checkpoints.failed, 'lower', formatCount));
  const restarts = (s: MetricsSnapshot) => (s.jobs ?? []).reduce((n, j) => n + j.restarts, 0);
  rows.push(row('restarts', 'Restarts (all jobs)', restarts(la), restarts(lb), 'lower', formatCount));
  const failedJobs = (s: MetricsSnapshot) => (s.jobs ?? []).filter((j) => j.status === 'failed').length;
  rows.push(row('jobs.failed', 'Jobs failed for good', failedJobs(la), failedJobs(lb), 'lower', formatCount));
  rows.push(row('heap.peak', 'Peak TaskManager heap', peakHeap(a.history, la), peakHeap(b.history, lb), 'lower', formatBytes));
  const state = (s: MetricsSnapshot) => s.operators.reduce((n, o) => n + o.stateBytes, 0);
  rows.push(row('state', 'Operator state now', state(la), state(lb), 'none', formatBytes));
  for (const name of tables) {
    const ra = la.tables.find((t) => t.name === name)?.rows ?? null;
    const rb = lb.tables.find((t) => t.name === name)?.rows ?? null;
    rows.push(row(`rows:${name}`, `${name} rows`, ra, rb, 'none', formatCount));
  }
  return rows;
}

/** The differences in one line each, for the summary's head: what B did better, and what A did better. */
export function headline(rows: readonly DiffRow[]): { better: string[]; worse: string[] } {
  const say = (r: DiffRow) => `${r.label}: ${r.bText} vs ${r.aText}`;
  // "Now" rows repeat the run's means at one instant; the head keeps to the whole run.
  const counted = rows.filter((r) => !r.id.startsWith('freshness-now:'));
  return { better: counted.filter((r) => r.better === 'B').map(say), worse: counted.filter((r) => r.better === 'A').map(say) };
}
