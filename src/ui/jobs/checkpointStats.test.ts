import { describe, expect, it } from 'vitest';
import type { CheckpointRecordMetrics } from '../../engine/api';
import { checkpointDurationSummary, percentile } from './checkpointStats';

describe('checkpoint duration percentiles', () => {
  it('follows Commons Math Percentile (legacy): p·(n+1), interpolated, clamped', () => {
    const v = [5, 1, 4, 2, 3];
    expect(percentile(v, 50)).toBe(3);
    expect(percentile(v, 90)).toBe(5); // pos 5.4 >= n
    expect(percentile(v, 10)).toBe(1); // pos 0.6 < 1
    expect(percentile([10, 20, 30, 40], 50)).toBe(25); // pos 2.5
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises completed checkpoints only', () => {
    const rec = (id: number, status: CheckpointRecordMetrics['status'], durationMs: number) => ({ id, status, durationMs }) as CheckpointRecordMetrics;
    const records = [rec(1, 'completed', 100), rec(2, 'failed', 9000), rec(3, 'completed', 300), rec(4, 'in_progress', 50), rec(5, 'completed', 200)];
    expect(checkpointDurationSummary(records)).toEqual({ count: 3, min: 100, p50: 200, p90: 300, p99: 300, max: 300 });
    expect(checkpointDurationSummary([rec(1, 'failed', 5)])).toBeNull();
  });
});
