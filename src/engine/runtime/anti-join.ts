// A right anti join over the regular join: the right rows that have no match on the left. A right
// outer join emits exactly those rows null-padded (+I while unmatched, -D once a match arrives),
// so the anti join is the outer join's output restricted to rows whose left key is NULL (a left
// row with a NULL key never matches, so it never appears joined). Used by MERGE INTO with only
// WHEN NOT MATCHED clauses.
import type { Batch, Change } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { JoinOperator, type JoinOptions } from './join';

export class RightAntiJoinOperator implements Operator {
  private readonly outer: JoinOperator;
  private readonly leftKeys: readonly number[];

  constructor(options: Omit<JoinOptions, 'joinType'>) {
    this.outer = new JoinOperator({ ...options, joinType: 'RIGHT' });
    this.leftKeys = options.leftKeys;
  }

  private unmatchedOnly(batch: Batch): Batch {
    const out: Change[] = [];
    for (const change of batch) if (this.leftKeys.every((k) => change.row[k] === null)) out.push(change);
    return out;
  }

  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    return this.unmatchedOnly(this.outer.process(batch, port, ctx));
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    return this.unmatchedOnly(this.outer.onProcessingTime(ctx));
  }

  snapshot(): unknown {
    return this.outer.snapshot();
  }

  restore(snapshot: unknown): void {
    this.outer.restore(snapshot);
  }

  stateSize(): StateSize {
    return this.outer.stateSize();
  }

  lastSubtaskLoad(): number[] {
    return this.outer.lastSubtaskLoad();
  }
}
