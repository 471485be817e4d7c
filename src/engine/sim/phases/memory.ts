// Phase 4b: the heap check (docs/simulation.md, "Memory"). After the tick's work, the job's
// TaskManager heap holds operator state (the default HashMapStateBackend keeps it on the heap),
// uncommitted sink data, source positions, and the lake sources' split queues and loaded
// equality-delete rows; the JobManager heap holds the FLIP-27 enumerators' pending splits. Over
// `taskmanager.memory.task.heap.size` (or `jobmanager.memory.heap.size`) the task fails with an
// OutOfMemoryError, and the job's restart strategy decides what happens next.
import { JobError } from '../../errors';
import type { ExecutionGraph } from '../execution-graph';
import type { SimConfig } from '../settings';
import type { Tick, TickPhase } from './tick';

export interface HeapUse {
  taskManagerBytes: number;
  jobManagerBytes: number;
}

/** What the job holds on the heap now. */
export function heapUse(graph: ExecutionGraph): HeapUse {
  let tm = graph.writer.stateBytes();
  let jm = 0;
  for (const op of graph.ops) if (op) tm += op.stateSize().bytes;
  for (const s of graph.sources) {
    const lake = s.reader.lakeHeap?.();
    if (lake) {
      tm += lake.taskManagerBytes;
      jm += lake.jobManagerBytes;
    } else tm += s.reader.stateBytes();
  }
  return { taskManagerBytes: tm, jobManagerBytes: jm };
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export class MemoryPhase implements TickPhase {
  readonly name = 'heap check';
  /** The heap after the last tick, for metrics. */
  last: HeapUse = { taskManagerBytes: 0, jobManagerBytes: 0 };

  constructor(
    private readonly graph: ExecutionGraph,
    private readonly config: SimConfig,
  ) {}

  run(_tick: Tick): void {
    const use = heapUse(this.graph);
    this.last = use;
    const cfg = this.config;
    if (use.taskManagerBytes > cfg.taskHeapBytes)
      throw new JobError({
        jobId: this.graph.jobId,
        message: `java.lang.OutOfMemoryError: Java heap space (TaskManager task heap: ${mib(use.taskManagerBytes)} needed, taskmanager.memory.task.heap.size is ${mib(cfg.taskHeapBytes)})`,
      });
    if (use.jobManagerBytes > cfg.jobManagerHeapBytes)
      throw new JobError({
        jobId: this.graph.jobId,
        message: `java.lang.OutOfMemoryError: Java heap space (JobManager heap: ${mib(use.jobManagerBytes)} needed, jobmanager.memory.heap.size is ${mib(cfg.jobManagerHeapBytes)})`,
      });
  }
}
