// The summary of Flink's Checkpoints tab: end-to-end duration over the completed checkpoints as
// min, p50, p90, p99 and max. Flink keeps these in a DescriptiveStatisticsHistogram
// (org.apache.flink.runtime.checkpoint.StatsSummary), whose quantiles are Apache Commons Math's
// Percentile with its default (legacy) estimation: position p·(n+1), linear between neighbours,
// clamped to the smallest and largest value. Pure.
import type { CheckpointRecordMetrics } from '../../engine/api';

/** The p-th percentile (0 < p ≤ 100) of `values`, as Commons Math's default Percentile; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const pos = (p * (n + 1)) / 100;
  if (pos < 1) return sorted[0]!;
  if (pos >= n) return sorted[n - 1]!;
  const lower = sorted[Math.floor(pos) - 1]!;
  const upper = sorted[Math.floor(pos)]!;
  return lower + (pos - Math.floor(pos)) * (upper - lower);
}

export interface DurationSummary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** End-to-end duration (ms) over the completed checkpoints; null before the first completes. */
export function checkpointDurationSummary(records: readonly CheckpointRecordMetrics[]): DurationSummary | null {
  const done = records.filter((r) => r.status === 'completed').map((r) => r.durationMs);
  if (done.length === 0) return null;
  return {
    count: done.length,
    min: Math.min(...done),
    p50: percentile(done, 50)!,
    p90: percentile(done, 90)!,
    p99: percentile(done, 99)!,
    max: Math.max(...done),
  };
}
