// Sink: the last operator of a job, applying its input changelog to a materializer, which turns
// it into what a reader of the sink table sees. The materializers are in state/:
//   AppendLog     (state/append-log.ts)     an append-only table or topic
//   UpsertTable   (state/upsert-table.ts)   a table with a primary key
//   RetractTable  (state/retract-table.ts)  a table without a primary key fed a retract stream
// Each has deterministic rows(), snapshot()/restore() (JSON-safe) and stateSize():
// rows = rows a reader sees; bytes = sum of bytes(row) (size.ts) over stored rows, a retract
// table storing each distinct row once plus an 8-byte multiplicity.
import type { Batch, Row } from '../types';
import { FreshetError } from '../errors';
import type { Operator, OperatorContext, StateSize } from './operator';
import { normaliseParallelism, spreadLoad } from './keys';

export class ChangelogModeError extends FreshetError {
  constructor(message: string) {
    super('changelog', message);
  }
}

export interface Materializer {
  apply(batch: Batch): void;
  /** Current rows in deterministic order (a fresh array; rows themselves are shared). */
  rows(): Row[];
  /** Number of rows a reader sees. */
  size(): number;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  stateSize(): StateSize;
}

/** A materializer as the last operator of a job: applies batches, emits nothing. */
export class SinkOperator<M extends Materializer = Materializer> implements Operator {
  readonly materializer: M;
  private readonly load: number[];
  private offset = 0;

  constructor(materializer: M, parallelism = 1) {
    this.materializer = materializer;
    this.load = new Array<number>(normaliseParallelism(parallelism)).fill(0);
  }
  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.offset = spreadLoad(this.load, batch.length, this.offset);
    this.materializer.apply(batch);
    return [];
  }
  snapshot(): unknown {
    return this.materializer.snapshot();
  }
  restore(snapshot: unknown): void {
    this.materializer.restore(snapshot);
  }
  stateSize(): StateSize {
    return this.materializer.stateSize();
  }
  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function sink<M extends Materializer>(materializer: M, parallelism = 1): SinkOperator<M> {
  return new SinkOperator(materializer, parallelism);
}
