// The cost model of one job: how much source input fits in a tick's budget, and how long the
// tick's work took (phase 4). The busiest subtask of the slowest operator sets the tick's work
// time; work beyond the budget carries into the next tick, which is how backpressure arises.
// Per-operator busy / back-pressured / idle time (Flink's *TimeMsPerSecond metrics) is computed
// here from the same per-operator loads, and recorded in the graph's OperatorCounters.
import type { PlanNode } from '../../plan/graph';
import type { SimConfig } from '../settings';
import type { ExecutionGraph } from '../execution-graph';
import type { Tick, TickPhase } from './tick';

/** Utilization from which a job counts as backpressured (its buffers are full). */
const BACKPRESSURE_UTILIZATION = 0.95;

export class CostModel {
  /**
   * Per node: records its busiest subtask handles per source record, smoothed over ticks
   * (starting at 1 / parallelism). Sources' entries are unused.
   */
  private readonly loadRatio: number[];
  /** Work time beyond earlier ticks' budgets, owed by the next tick. */
  private carryMs = 0;
  /** The last tick's work time over the tick: near 1 the job runs at its capacity (backpressure). */
  utilization = 0;
  /** Index of the non-source operator that took longest in the last busy tick (-1 before any). */
  slowest = -1;

  constructor(
    private readonly graph: ExecutionGraph,
    private readonly config: SimConfig,
  ) {
    this.loadRatio = graph.nodes.map((node) => 1 / Math.max(1, node.parallelism));
  }

  /** Records per virtual second one subtask of `node` handles. */
  rpsOf(node: PlanNode): number {
    const r = this.config.rps;
    switch (node.kind) {
      case 'Source':
      case 'Values':
        return r.source;
      case 'Calc':
        return r.calc;
      case 'GroupAggregate':
      case 'WindowAggregate':
      case 'OverAggregate':
      case 'Rank':
      case 'WindowRank':
      case 'Deduplicate':
        return r.aggregate;
      case 'WindowTableFunction':
        return r.calc;
      case 'Join':
      case 'IntervalJoin':
      case 'TemporalJoin':
      case 'LookupJoin':
      case 'WindowJoin':
        return r.join;
      case 'Union':
        return r.union;
      case 'DropRowKind':
        return r.drop;
      case 'ToChangelog':
        // A per-record mapping with no state, like a Calc's projection.
        return r.calc;
      case 'MergeAction':
        // Buffering joined rows and evaluating the clauses costs about what a Calc does per row.
        return r.calc;
      case 'Sink':
        return r.sink;
    }
  }

  /** Starts a tick: its budget in virtual ms, 0 while the carry exceeds a whole tick. */
  takeBudget(): number {
    const budgetMs = this.config.tickMs - this.carryMs;
    if (budgetMs <= 0) {
      this.carryMs = -budgetMs;
      return 0;
    }
    this.carryMs = 0;
    return budgetMs;
  }

  /** Source records the job's slowest operator can take in `budgetSec`, from the observed load ratios. */
  readCapacity(budgetSec: number): number {
    let cap = Infinity;
    const nodes = this.graph.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.kind === 'Source' || node.kind === 'Values') continue;
      cap = Math.min(cap, (this.rpsOf(node) * budgetSec) / Math.max(this.loadRatio[i]!, 1e-9));
    }
    return cap;
  }

  /** Costs the tick's work; what exceeds the budget carries over. Learns the load ratios. */
  settle(budgetMs: number, recordsRead: number): void {
    const { nodes, counters } = this.graph;
    let workMs = 0;
    const nodeWork: number[] = new Array<number>(nodes.length).fill(0);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const isSource = node.kind === 'Source' || node.kind === 'Values';
      const load = isSource ? this.graph.sourceAt(i)!.readThisTick / Math.max(1, node.parallelism) : Math.max(...counters.tickLoad[i]!);
      const rps = isSource ? (this.graph.sourceAt(i)?.rps ?? this.rpsOf(node)) : this.rpsOf(node);
      const nodeMs = (load / rps) * 1000;
      nodeWork[i] = nodeMs;
      if (nodeMs > workMs) workMs = nodeMs;
      if (recordsRead > 0 && !isSource) this.loadRatio[i] = 0.5 * this.loadRatio[i]! + 0.5 * (load / recordsRead);
    }
    if (budgetMs > 0 && workMs > budgetMs) this.carryMs += workMs - budgetMs;
    this.utilization = workMs / this.config.tickMs;
    // Flink's task time metrics: a subtask is busy for its own work; under backpressure the rest
    // of the tick is spent waiting for output buffers (back-pressured) upstream of the slowest
    // operator, otherwise waiting for input (idle).
    let slowest = -1;
    for (let i = 0; i < nodes.length; i++) {
      const kind = nodes[i]!.kind;
      if (kind === 'Source' || kind === 'Values') continue;
      if (slowest < 0 || nodeWork[i]! > nodeWork[slowest]!) slowest = i;
    }
    if (slowest >= 0 && nodeWork[slowest]! > 0) this.slowest = slowest;
    const tick = this.config.tickMs;
    const pressured = this.backpressured;
    for (let i = 0; i < nodes.length; i++) {
      const busy = Math.min(tick, nodeWork[i]!);
      counters.busyMs[i]! += busy;
      if (pressured && i !== this.slowest && this.upstreamOfSlowest(i)) counters.backPressuredMs[i]! += tick - busy;
      else counters.idleMs[i]! += tick - busy;
    }
  }

  /** Whether node `i` feeds (directly or not) the slowest operator. */
  private upstreamOfSlowest(i: number): boolean {
    const target = this.slowest;
    if (target < 0 || i >= target) return false;
    const seen = new Set<number>([target]);
    const stack = [target];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const j of this.graph.inputIndexes[n]!) {
        if (j === i) return true;
        if (!seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    return false;
  }

  /** Under backpressure: the job used (nearly) its whole tick, so network buffers are full. */
  get backpressured(): boolean {
    return this.utilization >= BACKPRESSURE_UTILIZATION || this.carryMs > 0;
  }

  /** Source records per virtual second the job's slowest operator can take (Infinity without operators). */
  capacityPerSecond(): number {
    return this.readCapacity(1);
  }

  /** Failover: a restarted job owes no work time. */
  reset(): void {
    this.carryMs = 0;
  }
}

/** Phase 4: the tick's work is costed. */
export class CostPhase implements TickPhase {
  readonly name = 'cost';

  constructor(private readonly cost: CostModel) {}

  run(tick: Tick): void {
    this.cost.settle(tick.budgetMs, tick.recordsRead);
  }
}
