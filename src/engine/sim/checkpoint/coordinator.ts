// One job's checkpoint coordinator (Flink's CheckpointCoordinator, one per job): triggers a
// checkpoint every `execution.checkpointing.interval`, takes the job's snapshot at the barrier,
// completes or fails it after the time it takes, and drives the sinks' two-phase commit:
// pre-commit when the barrier passes, commit when the checkpoint completes, abort on failover.
// See docs/simulation.md, "Checkpoints".
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
  durationMs(stateBytes: number): number;
}

/** `sim.cost.checkpoint.base-ms` + state bytes at `sim.cost.checkpoint.bytes-per-second`. */
export function writeRateTiming(config: SimConfig): CheckpointTiming {
  return { durationMs: (bytes) => Math.round(config.checkpointBaseMs + (bytes / config.checkpointBytesPerSecond) * 1000) };
}

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
}

export class CheckpointCoordinator<S> {
  private nextTriggerAt: number;
  private nextId = 1;
  private inflight: PendingCheckpoint<S> | null = null;
  private lastCompleted: S | null = null;
  readonly stats: CheckpointStats = { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null, lastTriggeredAt: null };

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

  /** Once per tick of a running job: completes a checkpoint whose time is up, then triggers one if due. */
  onTick(now: number): void {
    const interval = this.config.checkpointIntervalMs;
    if (interval === null) return;
    const cp = this.inflight;
    if (cp && now >= cp.endAt) {
      if (cp.failed) this.stats.failed++;
      else this.complete(cp, now);
      this.inflight = null;
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
    const duration = this.timing.durationMs(this.state.stateBytes());
    const timeoutMs = this.config.checkpointTimeoutMs;
    const failed = duration > timeoutMs;
    this.inflight = {
      id,
      triggeredAt: now,
      endAt: now + (failed ? timeoutMs : duration),
      durationMs: duration,
      failed,
      snapshot: this.state.snapshot(),
    };
  }

  private complete(cp: PendingCheckpoint<S>, now: number): void {
    this.stats.completed++;
    this.stats.lastDurationMs = cp.durationMs;
    this.stats.lastCompletedAt = cp.endAt;
    this.stats.lastTriggeredAt = cp.triggeredAt;
    this.lastCompleted = cp.snapshot;
    for (const sink of this.sinks) sink.commitCheckpoint(cp.id, now);
  }

  /** The job's input ended and its sinks committed everything: a checkpoint in flight is moot. */
  discardInflight(): void {
    this.inflight = null;
  }

  /** Failover: sinks drop what no completed checkpoint covers; a checkpoint in flight is lost. */
  abort(): void {
    for (const sink of this.sinks) sink.abortUncommitted();
    this.inflight = null;
  }
}
