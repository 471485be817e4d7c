import { describe, expect, it } from 'vitest';
import { MetricsHistory } from './history';
import type { MetricsSnapshot } from '../../api';

const snap = (now: number): MetricsSnapshot => ({
  now,
  operators: [],
  tables: [],
  sources: [],
  checkpoints: { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null },
});

describe('MetricsHistory', () => {
  it('samples on its interval and halves resolution when full', () => {
    const h = new MetricsHistory(1000, 4);
    for (let t = 100; t <= 20_000; t += 100) if (t >= h.dueAt()) h.record(snap(t));
    const times = h.all().map((s) => s.now);
    expect(times.length).toBeLessThan(4);
    expect(times.length).toBeGreaterThan(0);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(h.currentInterval() / (times.length > 1 ? 1 : 1));
    expect(h.currentInterval()).toBeGreaterThan(1000);
  });
});
