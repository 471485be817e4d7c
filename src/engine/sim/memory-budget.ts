// The simulation's memory budget (issue: a large GROUP BY or an exploding join must end the run
// with a sentence, not abort the process or kill the tab). Two checks, both against
// `sim.memory.budget` (the host's default when the script does not set it):
// - after every tick, the operator state of all jobs (stateBytes, calibrated against V8's heap):
//   over the budget, the job holding the most fails, naming its largest operator and its state;
// - within a batch, the changes one operator may emit (maxOutputRows), so an exploding join
//   stops before its output alone exhausts the heap.
// The failed run keeps every table readable, as any failed job does.
import type { PlanNode } from '../plan/graph';
import type { Operator } from '../runtime/operator';

/** The budget when neither the script nor the host sets one. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;
/** Heap bytes one emitted change costs at least (change object, row array, values). */
const CHANGE_BYTES = 128;

/** What the budget needs of a job. */
export interface BudgetedJob {
  readonly id: string;
  readonly sinkTable: string;
  readonly graph: { readonly nodes: readonly PlanNode[]; readonly ops: readonly (Operator | null)[] };
}

export class MemoryBudget {
  /** Most changes one operator call may emit. */
  readonly maxOutputRows: number;

  constructor(readonly limitBytes: number) {
    this.maxOutputRows = Math.max(1000, Math.floor(limitBytes / CHANGE_BYTES));
  }

  /** Null while all jobs' operator state fits; else the job to fail and why. */
  check(jobs: readonly BudgetedJob[]): { jobId: string; message: string } | null {
    let total = 0;
    let worst: { job: BudgetedJob; node: PlanNode; rows: number; bytes: number; jobBytes: number } | null = null;
    for (const job of jobs) {
      let jobBytes = 0;
      let top: { node: PlanNode; rows: number; bytes: number } | null = null;
      job.graph.ops.forEach((op, i) => {
        if (!op) return;
        const size = op.stateSize();
        jobBytes += size.bytes;
        if (!top || size.bytes > top.bytes) top = { node: job.graph.nodes[i]!, rows: size.rows, bytes: size.bytes };
      });
      total += jobBytes;
      const jobTop = top as { node: PlanNode; rows: number; bytes: number } | null;
      if (jobTop && (!worst || jobBytes > worst.jobBytes)) worst = { job, ...jobTop, jobBytes };
    }
    if (total <= this.limitBytes || !worst) return null;
    return {
      jobId: worst.job.id,
      message:
        `memory budget exceeded: operator ${worst.node.label} holds ${worst.rows.toLocaleString('en-US')} state rows ` +
        `(~${mib(worst.bytes)}); all jobs' state is ~${mib(total)}, over the budget of ${mib(this.limitBytes)} ` +
        `(SET 'sim.memory.budget' to change it)`,
    };
  }

  /** The sentence for an operator that emitted (or was about to emit) too much for one batch. */
  outputMessage(node: PlanNode, detail: string): string {
    return `memory budget exceeded: operator ${node.label} ${detail} (~${mib(this.maxOutputRows * CHANGE_BYTES)} of changes, the budget is ${mib(this.limitBytes)}; SET 'sim.memory.budget' to change it)`;
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
}
