// A job's history for the Jobs tab: checkpoints over the whole run (the engine's snapshots each
// hold the last 10, as Flink's web.checkpoints.history), heap and restarts over time, and the
// failovers every time chart marks. Pure.
import type { CheckpointRecordMetrics, FailoverEvent, JobMetrics, MetricsSnapshot } from '../../engine/api';
import { downsample } from '../panels/metricsSeries';

/** Every checkpoint of a job seen in the history, newest state of each, oldest first. */
export function checkpointHistory(history: readonly MetricsSnapshot[], latest: MetricsSnapshot | null, jobId: string): CheckpointRecordMetrics[] {
  const byId = new Map<number, CheckpointRecordMetrics>();
  const add = (s: MetricsSnapshot) => {
    const job = s.jobs?.find((j) => j.id === jobId);
    for (const c of job?.checkpointHistory ?? []) byId.set(c.id, c);
  };
  // Snapshots carry overlapping windows of 10: reading every one is cheap, skipping would lose ids.
  for (const s of history) add(s);
  if (latest) add(latest);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export interface CheckpointCounts {
  completed: number;
  failed: number;
  inProgress: number;
}

export function checkpointCounts(records: readonly CheckpointRecordMetrics[]): CheckpointCounts {
  let completed = 0;
  let failed = 0;
  let inProgress = 0;
  for (const r of records) {
    if (r.status === 'completed') completed++;
    else if (r.status === 'failed') failed++;
    else inProgress++;
  }
  return { completed, failed, inProgress };
}

/** A vertical mark on the time charts: a failure or a restore, at seconds of virtual time. */
export interface TimeMark {
  x: number;
  kind: 'failure' | 'restore';
  label: string;
  /** Set for run B's marks when comparing (drawn apart from A's). */
  run?: 'B';
}

/** Failures and restores of every job (or of one), as chart marks. */
export function failoverMarks(latest: MetricsSnapshot | null, jobId?: string, run?: 'B'): TimeMark[] {
  const marks: TimeMark[] = [];
  const tag = run ? { run } : {};
  const who = (id: string) => (run ? `${run}: ${id}` : id);
  for (const job of latest?.jobs ?? []) {
    if (jobId !== undefined && job.id !== jobId) continue;
    for (const f of job.failovers ?? []) {
      marks.push({ x: f.failedAt / 1000, kind: 'failure', label: `${who(job.id)} failed`, ...tag });
      if (f.restoredAt !== null)
        marks.push({ x: f.restoredAt / 1000, kind: 'restore', label: `${who(job.id)} restored from ${f.checkpointId === null ? 'the start' : `checkpoint ${f.checkpointId}`}`, ...tag });
    }
  }
  return marks;
}

/** TaskManager and JobManager heap used and their sizes, and restarts, over time: x in seconds, then the series. */
export function jobSeries(
  history: readonly MetricsSnapshot[],
  jobId: string,
  max = 400,
): { x: number[]; heapUsed: (number | null)[]; heapMax: (number | null)[]; jmHeapUsed: (number | null)[]; jmHeapMax: (number | null)[]; restarts: (number | null)[] } {
  const points = downsample(history, max);
  const job = (s: MetricsSnapshot): JobMetrics | undefined => s.jobs?.find((j) => j.id === jobId);
  return {
    x: points.map((s) => s.now / 1000),
    heapUsed: points.map((s) => job(s)?.heapUsedBytes ?? null),
    heapMax: points.map((s) => job(s)?.heapMaxBytes ?? null),
    jmHeapUsed: points.map((s) => job(s)?.jobManagerHeapUsedBytes ?? null),
    jmHeapMax: points.map((s) => job(s)?.jobManagerHeapMaxBytes ?? null),
    restarts: points.map((s) => job(s)?.restarts ?? null),
  };
}

/** What the failovers did to the job's sink, in a sentence. */
export function deliverySentence(job: JobMetrics): string | null {
  const s = job.sink;
  if (!s) return null;
  if (s.failovers === 0) return `${s.table}: ${s.guarantee}${s.idempotent ? ', writes by key' : ''}; no failover yet.`;
  if (s.guarantee === 'exactly-once') return `${s.table} (exactly-once): no duplicates, no rows lost: nothing after the restored checkpoint had been committed.`;
  if (s.idempotent) return `${s.table} (at-least-once, by key): ${s.replayedChanges} changes written again over the same keys; a reader sees no duplicate, no rows lost.`;
  return `${s.table} (at-least-once): ${s.duplicatedRows} rows duplicated (written after the restored checkpoint, then again after the restart); no rows lost.`;
}

export type { FailoverEvent };
