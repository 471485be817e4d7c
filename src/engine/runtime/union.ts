// UNION ALL: forwards every input batch unchanged (batches are immutable once emitted, so the
// same array is passed on) and counts records per input port.
import type { Batch } from '../types';
import { StatelessOperator, type OperatorContext } from './operator';

export interface UnionOptions {
  /** Number of inputs (ports 0..inputs-1). Default 2. */
  inputs?: number;
  parallelism?: number;
}

export class UnionOperator extends StatelessOperator {
  private readonly counts: number[];

  constructor(options: UnionOptions = {}) {
    super(options.parallelism);
    this.counts = new Array<number>(Math.max(1, options.inputs ?? 2)).fill(0);
  }

  process(batch: Batch, port: number, _ctx: OperatorContext): Batch {
    while (this.counts.length <= port) this.counts.push(0);
    this.counts[port]! += batch.length;
    this.spread(batch.length);
    return batch;
  }

  /** Records received so far per input port. */
  recordsPerInput(): number[] {
    return this.counts.slice();
  }
}

export function union(options: UnionOptions = {}): UnionOperator {
  return new UnionOperator(options);
}
