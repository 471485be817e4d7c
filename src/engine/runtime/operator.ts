// The contract every runtime operator implements. The simulator drives operators batch at a time
// and asks them for state sizes and per-subtask load, which feed the cost model and the metrics.
import type { Batch } from '../types';
import { normaliseParallelism, spreadLoad } from './keys';

export interface OperatorContext {
  /** Virtual processing time, ms since the simulation epoch. */
  now: number;
  /**
   * Most changes one call may emit (from the simulation's memory budget). An operator whose
   * output can multiply its input (a join) throws OutputBudgetExceeded past it, before the
   * output exhausts the heap.
   */
  maxOutputRows?: number;
}

/** An operator was about to emit more changes for one batch than the memory budget allows. */
export class OutputBudgetExceeded extends Error {
  constructor(readonly maxRows: number) {
    super(`emits more than ${maxRows.toLocaleString('en-US')} changes for one input batch`);
  }
}

export interface StateSize {
  rows: number;
  /** Approximate heap bytes, see docs/simulation.md for the estimate. */
  bytes: number;
}

export interface Operator {
  /** Process one batch that arrived on input `port` (0, or 1 for a join's right side). */
  process(batch: Batch, port: number, ctx: OperatorContext): Batch;
  /** The operator's event-time clock advanced. Returns changes it emits as a result. */
  onWatermark?(watermark: number, ctx: OperatorContext): Batch;
  /** Processing time advanced: expire state past its TTL. Returns changes it emits as a result. */
  onProcessingTime?(ctx: OperatorContext): Batch;
  /** Plain, structured-clone-safe copy of all state, for checkpoints. */
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  stateSize(): StateSize;
  /**
   * Records each logical subtask handled in the last `process` call (length = parallelism). The
   * slowest subtask sets how long the batch takes in virtual time.
   */
  lastSubtaskLoad(): number[];
  /** Records dropped because they arrived behind the watermark (Flink's numLateRecordsDropped). */
  lateDropped?(): number;
}

/**
 * Base of the stateless, non-keyed operators (Calc, UNION ALL, DropRowKind): no state to
 * snapshot or size, and records spread round-robin over the subtasks. A subclass calls
 * `spread(batch.length)` once per `process` call.
 */
export abstract class StatelessOperator implements Operator {
  private readonly load: number[];
  private offset = 0;

  constructor(parallelism: number | undefined) {
    this.load = new Array<number>(normaliseParallelism(parallelism)).fill(0);
  }

  abstract process(batch: Batch, port: number, ctx: OperatorContext): Batch;

  protected spread(records: number): void {
    this.offset = spreadLoad(this.load, records, this.offset);
  }

  snapshot(): unknown {
    return null;
  }
  restore(_snapshot: unknown): void {}
  stateSize(): StateSize {
    return { rows: 0, bytes: 0 };
  }
  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}
