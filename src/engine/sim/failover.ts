// Failure and restart of one job. A restore rebuilds the job from its last completed checkpoint
// (from its initial state when there is none): operator state, source positions and watermarks
// come back, and the sinks abort what no completed checkpoint covers.
// Today a failed job stays failed until someone calls `restoreFromLastCheckpoint` (tests, the
// runner's fault injection). Restart strategies (`restart-strategy.type`: fixed-delay,
// exponential-delay, none) plug in as a RestartStrategy that `Failover` asks when the job fails.
import type { CheckpointCoordinator } from './checkpoint/coordinator';

/** Whether, and how soon, a failed job restarts. */
export interface RestartStrategy {
  /** Delay before restart attempt `attempt` (1 for the first), or null when the job fails for good. */
  restartDelayMs(attempt: number): number | null;
}

/** Flink's `restart-strategy.type: none`: every failure is final. What the simulator does today. */
export const NO_RESTART: RestartStrategy = { restartDelayMs: () => null };

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
