// DropRowKind (Freshet extension, the talk's Drop Operator): drops configured row kinds before
// a sink. Dropping -U into an upsert table removes the window where a reader sees neither the
// old nor the new row; dropping -U and -D turns a changelog into an append stream: the planner
// then marks the output insert-only, so the +U rows that remain are emitted as +I (an append
// sink accepts only inserts). Dropping only -U leaves an upsert stream (+I, +U, -D) as is.
import { RowKind } from '../types';
import type { Batch, Change } from '../types';
import { StatelessOperator, type OperatorContext } from './operator';

export interface DropRowKindOptions {
  /** Row kinds to drop, as RowKind numbers (0 +I, 1 -U, 2 +U, 3 -D). */
  dropKinds: readonly number[];
  parallelism?: number;
}

export class DropRowKindOperator extends StatelessOperator {
  private readonly drop: boolean[] = [false, false, false, false];
  private readonly any: boolean;
  /** -U and -D are both dropped (and +U is kept): the output is an append stream. */
  private readonly appendOnly: boolean;
  private readonly dropped: number[] = [0, 0, 0, 0];

  constructor(options: DropRowKindOptions) {
    super(options.parallelism);
    for (const kind of options.dropKinds) if (kind >= 0 && kind <= 3) this.drop[kind] = true;
    this.any = this.drop.some((d) => d);
    this.appendOnly = this.drop[RowKind.UPDATE_BEFORE]! && this.drop[RowKind.DELETE]! && !this.drop[RowKind.UPDATE_AFTER]!;
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.spread(batch.length);
    if (!this.any) return batch;
    const drop = this.drop;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      if (drop[change.kind]) this.dropped[change.kind]!++;
      else if (this.appendOnly && change.kind === RowKind.UPDATE_AFTER) out.push({ kind: RowKind.INSERT, row: change.row });
      else out.push(change);
    }
    return out;
  }

  /** Records dropped so far, indexed by RowKind. */
  droppedPerKind(): number[] {
    return this.dropped.slice();
  }
}

export function dropRowKind(options: DropRowKindOptions): DropRowKindOperator {
  return new DropRowKindOperator(options);
}
