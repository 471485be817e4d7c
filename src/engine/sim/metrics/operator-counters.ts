// Per-operator counters of one job, indexed like the job's nodes. The data flow bumps them as
// batches pass; the cost phase reads the tick's per-subtask load; metrics read the totals.
// Flink's time metrics (busyTimeMsPerSecond, backPressuredTimeMsPerSecond, idleTimeMsPerSecond)
// belong here next to the record counts: the cost phase knows each operator's busy time per tick.
import type { PlanNode } from '../../plan/graph';

export class OperatorCounters {
  readonly recordsIn: number[];
  readonly recordsOut: number[];
  /** Records each subtask of each operator handled in the current tick. */
  readonly tickLoad: number[][];
  /** Virtual ms each operator's busiest subtask spent busy, back-pressured and idle, summed over ticks. */
  readonly busyMs: number[];
  readonly backPressuredMs: number[];
  readonly idleMs: number[];

  constructor(nodes: readonly PlanNode[]) {
    this.recordsIn = new Array<number>(nodes.length).fill(0);
    this.recordsOut = new Array<number>(nodes.length).fill(0);
    this.tickLoad = nodes.map((node) => new Array<number>(Math.max(1, node.parallelism)).fill(0));
    this.busyMs = new Array<number>(nodes.length).fill(0);
    this.backPressuredMs = new Array<number>(nodes.length).fill(0);
    this.idleMs = new Array<number>(nodes.length).fill(0);
  }

  /** A new tick: no subtask has handled anything yet. */
  startTick(): void {
    for (const acc of this.tickLoad) acc.fill(0);
  }
}
