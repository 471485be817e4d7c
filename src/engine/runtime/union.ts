// UNION ALL: forwards every input batch unchanged (batches are immutable once emitted, so the
// same array is passed on) and counts records per input port.
import type { Batch } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { normaliseParallelism, spreadLoad } from './keys';

export interface UnionOptions {
  /** Number of inputs (ports 0..inputs-1). Default 2. */
  inputs?: number;
  parallelism?: number;
}

export class UnionOperator implements Operator {
  private readonly counts: number[];
  private readonly load: number[];
  private offset = 0;

  constructor(options: UnionOptions = {}) {
    this.counts = new Array<number>(Math.max(1, options.inputs ?? 2)).fill(0);
    this.load = new Array<number>(normaliseParallelism(options.parallelism)).fill(0);
  }

  process(batch: Batch, port: number, _ctx: OperatorContext): Batch {
    while (this.counts.length <= port) this.counts.push(0);
    this.counts[port]! += batch.length;
    this.offset = spreadLoad(this.load, batch.length, this.offset);
    return batch;
  }

  /** Records received so far per input port. */
  recordsPerInput(): number[] {
    return this.counts.slice();
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

export function union(options: UnionOptions = {}): UnionOperator {
  return new UnionOperator(options);
}
