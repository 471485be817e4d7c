// Source reuse, from the model (docs/simulation.md, "Lake sources"): one job reads a lake table
// twice with different filters. As Flink plans it (different push-downs, different digests) that
// is two readers, each queueing every split and reading every record; with the REUSE_SOURCE hint
// or the merge rule (Freshet extensions) it is one reader, so the split buffers on the heap and
// the records read halve, and the job's result is the same.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../../src/engine/index';
import type { MetricsSnapshot } from '../../src/engine/api';

// Slow readers (20 records/s against 200 written per second) keep splits queued in the legacy
// reader's heap, where the split buffers are counted.
const script = (settings: string, hint: string) => `
SET 'execution.checkpointing.interval' = '10 s';
SET 'sim.duration' = '2 min';
SET 'sim.tick' = '1 s';
SET 'table.exec.iceberg.use-flip27-source' = 'false';
SET 'sim.cost.iceberg.reader.rps' = '20';
${settings}
CREATE TABLE cdc (id INT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.v.min' = '0', 'fields.v.max' = '99');
CREATE TABLE ods (id INT, v INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
CREATE TABLE out1 (id INT, v INT) WITH ('connector' = 'blackhole');
INSERT INTO ods SELECT id, v FROM cdc;
INSERT INTO out1
  SELECT id, v FROM ods /*+ OPTIONS('streaming' = 'true', 'monitor-interval' = '5 s')${hint} */ WHERE v < 10
  UNION ALL
  SELECT id, v FROM ods /*+ OPTIONS('streaming' = 'true', 'monitor-interval' = '5 s') */ WHERE v >= 90;`;

interface Run {
  end: MetricsSnapshot;
  history: MetricsSnapshot[];
  operators: number;
}

function run(settings: string, hint: string): Run {
  const text = script(settings, hint);
  const sim = createSimulation(text, { seed: 3 });
  expect(sim.runToEnd()).toMatchObject({ status: 'running', error: null });
  // The operator graph the studio draws.
  const operators = compile(text).pipeline!.jobs[1]!.operators.filter((o) => o.kind === 'Source').length;
  return { end: sim.metrics(), history: sim.metricsHistory(), operators };
}

const readers = (m: MetricsSnapshot) => m.sources.filter((s) => s.table === 'ods');
const bufferBytes = (m: MetricsSnapshot) => readers(m).reduce((a, s) => a + s.lake!.splitBufferBytes, 0);
const heap = (m: MetricsSnapshot) => m.jobs!.find((j) => j.id === 'job-2')!.heapUsedBytes;
const peak = (r: Run, f: (m: MetricsSnapshot) => number) => Math.max(...r.history.map(f));
const sourceRecordsIn = (m: MetricsSnapshot) => m.operators.filter((o) => o.jobId === 'job-2' && o.kind === 'Source').reduce((a, o) => a + o.recordsIn, 0);

describe('source reuse: two filtered reads of one lake table', () => {
  const apart = run('', '');
  const hinted = run('', ', REUSE_SOURCE');
  const merged = run(`SET 'table.optimizer.reuse-source-merge-enabled' = 'true';`, '');

  it("Flink's plan: two sources, two readers, each with its own split buffer", () => {
    expect(apart.operators).toBe(2);
    expect(readers(apart.end)).toHaveLength(2);
    expect(readers(apart.end).every((s) => s.lake!.pendingSplits > 0)).toBe(true);
  });

  for (const [name, r] of [
    ['REUSE_SOURCE', hinted],
    ['the merge rule', merged],
  ] as const) {
    it(`${name}: one reader; split-buffer and heap bytes drop, and so do the records read`, () => {
      expect(r.operators).toBe(1);
      expect(readers(r.end)).toHaveLength(1);
      expect(peak(r, bufferBytes)).toBeGreaterThan(0);
      expect(peak(r, bufferBytes)).toBeLessThan(0.6 * peak(apart, bufferBytes));
      expect(peak(r, heap)).toBeLessThan(0.75 * peak(apart, heap));
      expect(sourceRecordsIn(r.end)).toBeLessThan(0.6 * sourceRecordsIn(apart.end));
    });
  }
});
