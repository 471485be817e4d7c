// Query fluctuation over time, per serving table (metrics.tables[].fluctuation): the reads a
// dashboard polling the table every `sim.dashboard.poll-interval` is expected to get wrong so
// far. Pure: the chart and its summary read the same numbers.
import type { MetricsSnapshot } from '../../engine/api';

/** One serving table's fluctuation now. */
export interface FluctuationRow {
  table: string;
  windows: number;
  missingMs: number;
  wrongReads: number;
  pollIntervalMs: number;
}

export const pickWrongReads = (s: MetricsSnapshot): [string, number | null][] =>
  s.tables.filter((t) => t.fluctuation !== undefined).map((t) => [t.name, t.fluctuation!.wrongReads]);

export function fluctuationRows(latest: MetricsSnapshot | null): FluctuationRow[] {
  if (!latest) return [];
  return latest.tables
    .filter((t) => t.fluctuation !== undefined)
    .map((t) => ({ table: t.name, ...t.fluctuation! }));
}
