// One job's checkpoint coordinator (Flink's CheckpointCoordinator, one per job): triggers a
// checkpoint every `execution.checkpointing.interval`, takes the job's snapshot at the barrier,
// completes or fails it after the time it takes, and drives the sinks' two-phase commit:
// pre-commit when the barrier passes, commit when the checkpoint completes, abort on failover.
// See docs/simulation.md, "Checkpoints".
import type { CheckpointRecordMetrics } from '../../api';
import type { SimConfig } from '../settings';

/**
 * The sink side of two-phase commit (Flink's TwoPhaseCommittingSink). Every SinkWriter is one;
 * lake sinks that commit snapshots only on completed checkpoints implement the same three calls.
 */
export interface TwoPhaseCommitSink {
  /** Pre-commit: the barrier reached the sink; data written so far belongs to checkpoint `id`. */
  prepareCheckpoint(id: number, now: number): void;
  /** Commit: checkpoint `id` completed; make its data visible. */
  commitCheckpoint(id: number, now: number): void;
  /** Abort: failover; drop what no completed checkpoint covers. */
  abortUncommitted(): void;
}

/** What a checkpoint copies: the job's state when the barrier is taken. */
export interface CheckpointedState<S> {
  snapshot(): S;
  /** Bytes the snapshot holds, which sets how long it takes to write. */
  stateBytes(): number;
}

/**
 * How long a triggered checkpoint takes. The default writes the state at a fixed rate; the
 * alignment model replaces it: barriers queued behind in-flight records under backpressure
 * (unless `execution.checkpointing.unaligned.enabled`), and the legacy reader's checkpoint lock
 * held until it has emitted its split.
 */
export interface CheckpointTiming {
  time(stateBytes: number): TimedCheckpoint;
}

/** How long a checkpoint takes and why (barrier-timing.ts). */
export interface TimedCheckpoint {
  durationMs: number;
  /** Barrier alignment behind in-flight records. */
  alignmentMs: number;
  /** The legacy lake reader's checkpoint lock (the rest of its split). */
  lockMs: number;
  /** Bytes written (state, plus in-flight records for unaligned checkpoints). */
  stateBytes: number;
}

/** `sim.cost.checkpoint.base-ms` + state bytes at `sim.cost.checkpoint.bytes-per-second`. */
export function writeRateTiming(config: SimConfig): CheckpointTiming {
  return {
    time: (bytes) => ({
      durationMs: Math.round(config.checkpointBaseMs + (bytes / config.checkpointBytesPerSecond) * 1000),
      alignmentMs: 0,
      lockMs: 0,
      stateBytes: bytes,
    }),
  };
}

/**
 * One checkpoint in the job's history (Flink's web UI Checkpoints > History): the record metrics
 * report (api.ts). durationMs: completed, how long it took; failed, how long it ran before it
 * failed. failure: why it failed (Flink's CheckpointFailureReason text).
 */
export type CheckpointRecord = CheckpointRecordMetrics;

/** Checkpoints the history keeps, newest last (Flink's web.checkpoints.history default: 10). */
const HISTORY_SIZE = 10;

/** Flink's message when checkpoint failures exceed execution.checkpointing.tolerable-failed-checkpoints. */
export const TOLERABLE_FAILURE_MESSAGE =
  'org.apache.flink.util.FlinkRuntimeException: Exceeded checkpoint tolerable failure threshold. The latest checkpoint failed due to Checkpoint expired before completing.';

/** Counts and the latest completed checkpoint, for metrics. */
export interface CheckpointStats {
  completed: number;
  failed: number;
  lastDurationMs: number | null;
  lastCompletedAt: number | null;
  /** Virtual time the last completed checkpoint was triggered (its snapshot's time). */
  lastTriggeredAt: number | null;
}

interface PendingCheckpoint<S> {
  id: number;
  triggeredAt: number;
  /** When it completes, or fails at the timeout. */
  endAt: number;
  durationMs: number;
  failed: boolean;
  snapshot: S;
  record: CheckpointRecord;
}

export class CheckpointCoordinator<S> {
  private nextTriggerAt: number;
  private nextId = 1;
  private inflight: PendingCheckpoint<S> | null = null;
  private lastCompleted: S | null = null;
  private lastCompletedId: number | null = null;
  readonly stats: CheckpointStats = { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null, lastTriggeredAt: null };
  /** The last checkpoints, oldest first. */
  readonly history: CheckpointRecord[] = [];
  /** Checkpoints failed in a row since the last completed one. */
  private consecutiveFailures = 0;

  constructor(
    private readonly config: SimConfig,
    private readonly state: CheckpointedState<S>,
    private readonly sinks: readonly TwoPhaseCommitSink[],
    private readonly timing: CheckpointTiming = writeRateTiming(config),
  ) {
    this.nextTriggerAt = config.checkpointIntervalMs ?? Infinity;
  }

  /** The state of the last completed checkpoint, or null when none has completed. */
  latestCompleted(): S | null {
    return this.lastCompleted;
  }

  /** The id of the last completed checkpoint (what a restore uses), or null. */
  latestCompletedId(): number | null {
    return this.lastCompletedId;
  }

  /** Once per tick of a running job: completes a checkpoint whose time is up, then triggers one if due. */
  onTick(now: number): void {
    const interval = this.config.checkpointIntervalMs;
    if (interval === null) return;
    const cp = this.inflight;
    if (cp && now >= cp.endAt) {
      this.inflight = null;
      if (cp.failed) {
        this.stats.failed++;
        cp.record.status = 'failed';
        cp.record.durationMs = this.config.checkpointTimeoutMs;
        cp.record.failure = 'Checkpoint expired before completing.';
        // CheckpointFailureManager: one failure more than tolerated fails the job.
        if (++this.consecutiveFailures > this.config.tolerableFailedCheckpoints) {
          this.consecutiveFailures = 0;
          throw new Error(TOLERABLE_FAILURE_MESSAGE);
        }
      } else this.complete(cp, now);
    }
    // Never two in flight: a due trigger waits for the tick the previous one ends.
    if (!this.inflight && now >= this.nextTriggerAt) {
      this.trigger(now);
      this.nextTriggerAt = now + interval;
    }
  }

  private trigger(now: number): void {
    const id = this.nextId++;
    for (const sink of this.sinks) sink.prepareCheckpoint(id, now);
    const timed = this.timing.time(this.state.stateBytes());
    const duration = timed.durationMs;
    const timeoutMs = this.config.checkpointTimeoutMs;
    const failed = duration > timeoutMs;
    const record: CheckpointRecord = {
      id,
      triggeredAt: now,
      durationMs: duration,
      alignmentMs: timed.alignmentMs,
      lockMs: timed.lockMs,
      stateBytes: timed.stateBytes,
      status: 'in_progress',
      failure: null,
    };
    this.history.push(record);
    if (this.history.length > HISTORY_SIZE) this.history.shift();
    this.inflight = {
      id,
      triggeredAt: now,
      endAt: now + (failed ? timeoutMs : duration),
      durationMs: duration,
      failed,
      snapshot: this.state.snapshot(),
      record,
    };
  }

  private complete(cp: PendingCheckpoint<S>, now: number): void {
    this.stats.completed++;
    this.consecutiveFailures = 0;
    cp.record.status = 'completed';
    this.stats.lastDurationMs = cp.durationMs;
    this.stats.lastCompletedAt = cp.endAt;
    this.stats.lastTriggeredAt = cp.triggeredAt;
    this.lastCompleted = cp.snapshot;
    this.lastCompletedId = cp.id;
    for (const sink of this.sinks) sink.commitCheckpoint(cp.id, now);
  }

  /** The job's input ended and its sinks committed everything: a checkpoint in flight is moot. */
  discardInflight(): void {
    this.inflight = null;
  }

  /** Failover: sinks drop what no completed checkpoint covers; a checkpoint in flight is lost. */
  abort(): void {
    for (const sink of this.sinks) sink.abortUncommitted();
    if (this.inflight) {
      this.inflight.record.status = 'failed';
      this.inflight.record.failure = 'The job failed over before the checkpoint completed.';
    }
    this.inflight = null;
    this.consecutiveFailures = 0;
  }
}
