// The cost model of one job: how much source input fits in a tick's budget, and how long the
// tick's work took (phase 4). The busiest subtask of the slowest operator sets the tick's work
// time; work beyond the budget carries into the next tick, which is how backpressure arises.
// Per-operator busy / back-pressured / idle time (Flink's *TimeMsPerSecond metrics) is computed
// here from the same per-operator loads, and recorded in the graph's OperatorCounters.
import type { PlanNode } from '../../plan/graph';
import type { SimConfig } from '../settings';
import type { ExecutionGraph } from '../execution-graph';
import type { Tick, TickPhase } from './tick';

export class CostModel {
  /**
   * Per node: records its busiest subtask handles per source record, smoothed over ticks
   * (starting at 1 / parallelism). Sources' entries are unused.
   */
  private readonly loadRatio: number[];
  /** Work time beyond earlier ticks' budgets, owed by the next tick. */
  private carryMs = 0;

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
      case 'Rank':
      case 'WindowRank':
      case 'Deduplicate':
        return r.aggregate;
      case 'WindowTableFunction':
        return r.calc;
      case 'Join':
      case 'IntervalJoin':
      case 'WindowJoin':
        return r.join;
      case 'Union':
        return r.union;
      case 'DropRowKind':
        return r.drop;
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
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const isSource = node.kind === 'Source' || node.kind === 'Values';
      const load = isSource ? this.graph.sourceAt(i)!.readThisTick / Math.max(1, node.parallelism) : Math.max(...counters.tickLoad[i]!);
      workMs = Math.max(workMs, (load / this.rpsOf(node)) * 1000);
      if (recordsRead > 0 && !isSource) this.loadRatio[i] = 0.5 * this.loadRatio[i]! + 0.5 * (load / recordsRead);
    }
    if (budgetMs > 0 && workMs > budgetMs) this.carryMs += workMs - budgetMs;
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
