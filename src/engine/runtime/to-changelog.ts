// ToChangelog (Flink 2.3's TO_CHANGELOG): every change becomes an insert carrying its RowKind as
// an op code column; kinds without a code are dropped. Stateless.
import { RowKind } from '../types';
import type { Batch, Change, Row } from '../types';
import { StatelessOperator, type OperatorContext } from './operator';

export interface ToChangelogOptions {
  /** Input position per output column, -1 for the op code. */
  order: readonly number[];
  /** Code per RowKind (0 +I, 1 -U, 2 +U, 3 -D); null drops the kind. */
  codes: readonly (string | null)[];
  parallelism?: number;
}

export class ToChangelogOperator extends StatelessOperator {
  constructor(private readonly options: ToChangelogOptions) {
    super(options.parallelism);
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.spread(batch.length);
    const { order, codes } = this.options;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const code = codes[change.kind];
      if (code === null || code === undefined) continue;
      const row: Row = new Array(order.length);
      for (let c = 0; c < order.length; c++) {
        const from = order[c]!;
        row[c] = from < 0 ? code : change.row[from];
      }
      out.push({ kind: RowKind.INSERT, row });
    }
    return out;
  }
}

export function toChangelog(options: ToChangelogOptions): ToChangelogOperator {
  return new ToChangelogOperator(options);
}
