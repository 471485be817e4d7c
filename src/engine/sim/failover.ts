// Failure and restart of one job. A restore rebuilds the job from its last completed checkpoint
// (from its initial state when there is none): operator state, source positions and watermarks
// come back, and the sinks abort what no completed checkpoint covers.
// When a job fails, its RestartStrategy (`restart-strategy.type`: none, fixed-delay,
// exponential-delay, as Flink's) says whether and after what delay it restarts; the job
// (job.ts) waits that long and restores. Tests and the runner's fault injection can also call
// `restoreFromLastCheckpoint` directly.
import type { CheckpointCoordinator } from './checkpoint/coordinator';
import type { RestartSettings } from './settings';

/** Whether, and how soon, a failed job restarts. */
export interface RestartStrategy {
  /** Delay before restart attempt `attempt` (1 for the first), or null when the job fails for good. */
  restartDelayMs(attempt: number): number | null;
}

/** Flink's `restart-strategy.type: none`: every failure is final. What the simulator does today. */
export const NO_RESTART: RestartStrategy = { restartDelayMs: () => null };

/**
 * Flink's strategies: fixed-delay restarts `attempts` times after `delay`; exponential-delay
 * waits initial-backoff, then multiplies the delay up to max-backoff, for
 * attempts-before-reset-backoff restarts (the reset after reset-backoff-threshold of healthy
 * running and the jitter are not modelled).
 */
export function restartStrategyOf(s: RestartSettings): RestartStrategy {
  switch (s.type) {
    case 'none':
      return NO_RESTART;
    case 'fixed-delay':
      return { restartDelayMs: (attempt) => (attempt <= s.attempts ? s.delayMs : null) };
    case 'exponential-delay':
      return {
        restartDelayMs: (attempt) => (attempt <= s.attempts ? Math.min(s.maxBackoffMs, Math.round(s.initialBackoffMs * s.multiplier ** (attempt - 1))) : null),
      };
  }
}

/** The job state a restore puts back. */
export interface RestorableState<S> {
  restore(snapshot: S): void;
}

export class Failover<S> {
  constructor(
    private readonly state: RestorableState<S>,
    private readonly checkpoints: CheckpointCoordinator<S>,
    /** The job's state before it read anything: where a restore without a checkpoint starts. */
    private readonly initial: S,
    readonly strategy: RestartStrategy = NO_RESTART,
  ) {}

  /** Rebuilds the job's state from its last completed checkpoint, or from the start. */
  restoreFromLastCheckpoint(): void {
    const snapshot = structuredClone(this.checkpoints.latestCompleted() ?? this.initial);
    this.state.restore(snapshot);
    this.checkpoints.abort();
  }
}
