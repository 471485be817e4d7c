// Metrics history -> chart series, downsampled to at most `max` points over the whole run. Pure.
import type { MetricsSnapshot } from '../../engine/api';

export interface SeriesSet {
  labels: string[];
  x: number[];
  ys: (number | null)[][];
}

export function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * step)]!);
  out.push(items[items.length - 1]!);
  return out;
}

export function buildSeries(
  history: readonly MetricsSnapshot[],
  pick: (s: MetricsSnapshot) => [label: string, value: number | null][],
  max = 600,
): SeriesSet {
  const points = downsample(history, max);
  const labels: string[] = [];
  const index = new Map<string, number>();
  const rows = points.map((s) => pick(s));
  for (const row of rows)
    for (const [label] of row)
      if (!index.has(label)) {
        index.set(label, labels.length);
        labels.push(label);
      }
  const ys = labels.map(() => new Array<number | null>(points.length).fill(null));
  rows.forEach((row, i) => {
    for (const [label, v] of row) ys[index.get(label)!]![i] = v;
  });
  return { labels, x: points.map((s) => s.now / 1000), ys };
}

export const CHARTS = {
  lagRecords: (s: MetricsSnapshot) => s.sources.map((x) => [`${x.table} (${x.jobId})`, x.lagRecords] as [string, number]),
  lagSeconds: (s: MetricsSnapshot) => s.sources.map((x) => [`${x.table} (${x.jobId})`, x.lagMs / 1000] as [string, number]),
  freshness: (s: MetricsSnapshot) =>
    s.tables.map((t) => [t.name, t.freshnessMs === null ? null : t.freshnessMs / 1000] as [string, number | null]),
  throughput: (s: MetricsSnapshot) => s.operators.map((o) => [`${o.jobId}/${o.operatorId} ${o.kind}`, o.throughput] as [string, number]),
  stateBytes: (s: MetricsSnapshot) =>
    s.operators.filter((o) => o.kind === 'GroupAggregate' || o.kind === 'Join' || o.stateBytes > 0).map((o) => [`${o.jobId}/${o.operatorId} ${o.kind}`, o.stateBytes] as [string, number]),
  stateRows: (s: MetricsSnapshot) =>
    s.operators.filter((o) => o.kind === 'GroupAggregate' || o.kind === 'Join' || o.stateRows > 0).map((o) => [`${o.jobId}/${o.operatorId} ${o.kind}`, o.stateRows] as [string, number]),
};
