// The Jobs tab's pure parts: Flink's backpressure levels and colours, the checkpoint history
// joined over snapshots, failover marks and the sink sentence.
import { describe, expect, it } from 'vitest';
import type { CheckpointRecordMetrics, JobMetrics, MetricsSnapshot, OperatorMetrics } from '../../engine/api';
import { backpressureLevel, jobLoad, operatorColour } from './backpressure';
import { checkpointCounts, checkpointHistory, deliverySentence, failoverMarks, jobSeries } from './jobSeries';

const op = (operatorId: number, kind: OperatorMetrics['kind'], busy: number, bp: number): OperatorMetrics => ({
  jobId: 'job-1',
  operatorId,
  kind,
  recordsIn: 0,
  recordsOut: 0,
  throughput: 0,
  busyTimeMsPerSecond: busy,
  backPressuredTimeMsPerSecond: bp,
  idleTimeMsPerSecond: 1000 - busy - bp,
  stateRows: 0,
  stateBytes: 0,
});

const cp = (id: number, status: CheckpointRecordMetrics['status'], failure: string | null = null): CheckpointRecordMetrics => ({
  id,
  triggeredAt: id * 1000,
  durationMs: 60,
  alignmentMs: 0,
  lockMs: 0,
  stateBytes: 100,
  status,
  failure,
});

const job = (over: Partial<JobMetrics>): JobMetrics => ({
  id: 'job-1',
  status: 'running',
  restarts: 0,
  lastFailure: null,
  heapUsedBytes: 0,
  heapMaxBytes: 1,
  jobManagerHeapUsedBytes: 0,
  jobManagerHeapMaxBytes: 1,
  checkpointHistory: [],
  ...over,
});

const snap = (now: number, jobs: JobMetrics[]): MetricsSnapshot => ({ now, operators: [], tables: [], sources: [], checkpoints: { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null }, jobs });

describe('backpressure as Flink shows it', () => {
  it('OK up to 10% of a second back-pressured, LOW up to 50%, HIGH above', () => {
    expect([0, 100, 101, 500, 501, 1000].map(backpressureLevel)).toEqual(['ok', 'ok', 'low', 'low', 'high', 'high']);
  });

  it('blends towards red by busy time and towards grey by back-pressured time', () => {
    expect(operatorColour(0, 0)).toBe('rgb(37, 43, 74)');
    expect(operatorColour(1000, 0)).toBe('rgb(200, 58, 58)');
    expect(operatorColour(0, 1000)).toBe('rgb(91, 97, 107)');
  });

  it('a job is as back-pressured as its worst operator; the busiest operator is the bottleneck', () => {
    const load = jobLoad([op(1, 'Source', 0, 700), op(2, 'Calc', 0, 700), op(3, 'GroupAggregate', 700, 0), op(4, 'Sink', 0, 0)], 'job-1');
    expect(load.level).toBe('high');
    expect(load.hottest?.kind).toBe('GroupAggregate');
    expect(jobLoad([op(1, 'Source', 50, 0)], 'job-1')).toMatchObject({ level: 'ok', hottest: null });
  });
});

describe('job history', () => {
  it('joins the checkpoint windows of every snapshot, newest state of each id', () => {
    const history = [snap(1000, [job({ checkpointHistory: [cp(1, 'completed'), cp(2, 'in_progress')] })]), snap(2000, [job({ checkpointHistory: [cp(2, 'failed', 'Checkpoint expired before completing.'), cp(3, 'completed')] })])];
    const all = checkpointHistory(history, null, 'job-1');
    expect(all.map((r) => [r.id, r.status])).toEqual([
      [1, 'completed'],
      [2, 'failed'],
      [3, 'completed'],
    ]);
    expect(checkpointCounts(all)).toEqual({ completed: 2, failed: 1, inProgress: 0 });
  });

  it('marks each failure and restore', () => {
    const latest = snap(9000, [job({ failovers: [{ failedAt: 3500, cause: 'x', restoredAt: 5500, checkpointId: 3, final: false }] })]);
    expect(failoverMarks(latest)).toEqual([
      { x: 3.5, kind: 'failure', label: 'job-1 failed' },
      { x: 5.5, kind: 'restore', label: 'job-1 restored from checkpoint 3' },
    ]);
    expect(failoverMarks(latest, 'job-2')).toEqual([]);
    // Run B's marks (comparing) are tagged and labelled apart from A's.
    expect(failoverMarks(latest, 'job-1', 'B')).toEqual([
      { x: 3.5, kind: 'failure', label: 'B: job-1 failed', run: 'B' },
      { x: 5.5, kind: 'restore', label: 'B: job-1 restored from checkpoint 3', run: 'B' },
    ]);
  });

  it('says what failovers did to the sink', () => {
    const sink = { jobId: 'job-1', table: 't', failovers: 1, replayedChanges: 12 };
    expect(deliverySentence(job({ sink: { ...sink, guarantee: 'exactly-once', idempotent: false, replayedChanges: 0, duplicatedRows: 0 } }))).toMatch(/no duplicates, no rows lost/);
    expect(deliverySentence(job({ sink: { ...sink, guarantee: 'at-least-once', idempotent: false, duplicatedRows: 12 } }))).toMatch(/^t \(at-least-once\): 12 rows duplicated/);
    expect(deliverySentence(job({ sink: { ...sink, guarantee: 'at-least-once', idempotent: true, duplicatedRows: 0 } }))).toMatch(/12 changes written again over the same keys; a reader sees no duplicate/);
  });
});

describe('job series', () => {
  it('carries TaskManager and JobManager heap, used and max, per snapshot', () => {
    const history = [snap(1000, [job({ heapUsedBytes: 10, heapMaxBytes: 100, jobManagerHeapUsedBytes: 5, jobManagerHeapMaxBytes: 50 })]), snap(2000, [])];
    const s = jobSeries(history, 'job-1');
    expect(s).toMatchObject({ x: [1, 2], heapUsed: [10, null], heapMax: [100, null], jmHeapUsed: [5, null], jmHeapMax: [50, null] });
  });
});
