// One running job: its execution graph driven one scheduler tick at a time through the tick
// phases, its checkpoint coordinator and its failover, and its status. See docs/simulation.md
// for the tick, the cost model and checkpoints.
import type { JobPlan } from '../plan/graph';
import type { Span } from '../types';
import { ExprError } from '../expr/cast';
import { ExecutionGraph, type GraphSnapshot, type JobEnv } from './execution-graph';
import { CheckpointCoordinator } from './checkpoint/coordinator';
import { Failover, restartStrategyOf } from './failover';
import { BarrierTiming } from './checkpoint/barrier-timing';
import { MemoryPhase } from './phases/memory';
import type { SourceLag } from './source-task';
import { CostModel, CostPhase } from './phases/cost';
import { ProcessingTimePhase } from './phases/processing-time';
import { ReadSourcesPhase } from './phases/read-sources';
import { SinkAndCheckpointPhase } from './phases/sink-and-checkpoints';
import { Tick, type TickPhase } from './phases/tick';
import { WatermarkPhase } from './phases/watermarks';
import type { FailoverEvent } from '../api';

/** Failovers a job remembers for the studio's marks (the oldest are dropped). */
const FAILOVER_HISTORY = 50;

/** `restarting`: failed, waiting for its restart strategy's delay before it restores. */
export type JobStatus = 'running' | 'restarting' | 'finished' | 'failed';

export class JobRuntime {
  readonly id: string;
  readonly graph: ExecutionGraph;
  readonly checkpoints: CheckpointCoordinator<GraphSnapshot>;
  readonly failover: Failover<GraphSnapshot>;
  private readonly cost: CostModel;
  /** One tick, in order (docs/simulation.md, "One tick"). */
  private readonly phases: readonly TickPhase[];
  status: JobStatus = 'running';
  error: string | null = null;
  /** Where the expression that failed the job stands in the script, when known. */
  errorSpan: Span | null = null;
  finishedAt: number | null = null;
  /** Restarts its restart strategy made so far. */
  restarts = 0;
  /** The failure that caused the latest restart (or the final failure). */
  lastFailure: string | null = null;
  private restartAt: number | null = null;
  readonly memory: MemoryPhase;
  /** Every failure and its restore, oldest first (at most FAILOVER_HISTORY). */
  readonly failovers: FailoverEvent[] = [];
  /** Virtual time of the job's last tick. */
  private lastNow = 0;

  /** Batch mode: the job waits until this says it may start. */
  private readonly mayStart: (() => boolean) | null;

  constructor(
    readonly plan: JobPlan,
    env: JobEnv,
  ) {
    this.mayStart = env.mayStart ?? null;
    this.id = plan.id;
    const graph = new ExecutionGraph(plan, env);
    this.graph = graph;
    this.cost = new CostModel(graph, env.config);
    this.checkpoints = new CheckpointCoordinator(env.config, graph, [graph.writer], new BarrierTiming(graph, this.cost, env.config));
    this.failover = new Failover(graph, this.checkpoints, graph.snapshot(), restartStrategyOf(env.config.restart));
    this.memory = new MemoryPhase(graph, env.config);
    this.phases = [
      new ProcessingTimePhase(graph),
      new ReadSourcesPhase(graph, this.cost, env.config, env.random),
      new WatermarkPhase(graph),
      new CostPhase(this.cost),
      this.memory,
      new SinkAndCheckpointPhase(graph.writer, this.checkpoints),
    ];
  }

  /** The table the job writes. */
  get sinkTable(): string {
    return this.graph.sinkTable;
  }

  /** Advances the job to `now` (one scheduler tick of `tickMs`). */
  tick(now: number): void {
    this.lastNow = now;
    if (this.status === 'restarting' && this.restartAt !== null && now >= this.restartAt) {
      // The restart strategy's delay is over: restore from the last completed checkpoint.
      this.restartAt = null;
      this.restarts++;
      this.restoreFromLastCheckpoint();
    }
    if (this.status !== 'running') return;
    if (this.mayStart !== null && !this.mayStart()) return;
    try {
      const tick = new Tick(now);
      this.graph.counters.startTick();
      for (const phase of this.phases) phase.run(tick);
      if (tick.inputEnded) {
        this.status = 'finished';
        this.finishedAt = now;
      }
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e), e instanceof ExprError ? (e.span ?? null) : null, now);
    }
  }

  /** Fails the job from outside its tick (the simulation's memory budget); the restart strategy applies. */
  failWith(message: string, now: number): void {
    if (this.status === 'running') this.fail(message, null, now);
  }

  /** Its TaskManager was lost (an injected fault): the job fails over as for any task failure. */
  loseTaskManager(message: string, now: number): void {
    if (this.status === 'running') this.fail(message, null, now);
  }

  /** The task failed: restart after the strategy's delay, or fail the job for good. */
  private fail(message: string, span: Span | null, now: number): void {
    this.lastFailure = message;
    const delay = this.failover.strategy.restartDelayMs(this.restarts + 1);
    this.noteFailover({ failedAt: now, cause: message, restoredAt: null, checkpointId: null, final: delay === null });
    if (delay !== null) {
      this.status = 'restarting';
      this.restartAt = now + Math.max(delay, 0);
      return;
    }
    this.errorSpan = span;
    this.status = 'failed';
    this.error = `${this.id} (${this.plan.name}) failed: ${message}${this.restarts > 0 ? ` (after ${this.restarts} restart${this.restarts === 1 ? '' : 's'})` : ''}`;
  }

  /**
   * Failover: rebuild operator state and source positions from the last completed checkpoint
   * (from the start when there is none) and drop uncommitted sink data. A finished job stays
   * finished. Returns whether the job was restored.
   */
  restoreFromLastCheckpoint(): boolean {
    if (this.status === 'finished') return false;
    const checkpointId = this.checkpoints.latestCompletedId();
    // A restore without a failure before it (tests, the simulation's own failover call) is one event.
    const open = this.failovers.at(-1);
    const event = open && open.restoredAt === null && !open.final ? open : this.noteFailover({ failedAt: this.lastNow, cause: 'failover requested', restoredAt: null, checkpointId: null, final: false });
    event.restoredAt = this.lastNow;
    event.checkpointId = checkpointId;
    this.graph.delivery.onRestore(checkpointId);
    this.failover.restoreFromLastCheckpoint();
    this.cost.reset();
    this.restartAt = null;
    this.status = 'running';
    this.error = null;
    this.errorSpan = null;
    return true;
  }

  private noteFailover(event: FailoverEvent): FailoverEvent {
    this.failovers.push(event);
    if (this.failovers.length > FAILOVER_HISTORY) this.failovers.shift();
    return event;
  }

  /** Records waiting in each source, and the age of the oldest one. */
  sourceLag(now: number): SourceLag[] {
    return this.graph.sources.map((s) => s.lag(now));
  }
}
