// Window Top-N (Flink's WindowRankOperator, flink-table-runtime operators/rank/window): rows are
// buffered per window (their window_end) and partition; when the watermark reaches
// window_end - 1 (proctime: the clock), each partition's rows are sorted and the first N emitted
// with their row numbers, +I, and the window's rows dropped. Insert-only. A row for a window that
// already fired is late: dropped and counted (numLateRecordsDropped). Rows with equal sort keys
// keep arrival order.
import type { SortKey } from '../plan/graph';
import type { Batch, Row } from '../types';
import { RowKind } from '../types';
import { makeKeyFn, type KeyFn, type StateKey } from './keys';
import { rowComparator } from './state/rank-state';
import { BufferedWindowOperator } from './window/buffered-window-operator';

export interface WindowRankOptions {
  partitionKeys: readonly number[];
  sortKeys: readonly SortKey[];
  rankEnd: number;
  windowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
  parallelism?: number;
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
}

export class WindowRankOperator extends BufferedWindowOperator {
  private readonly partitionKey: KeyFn;
  private readonly compare: (a: Row, b: Row) => number;

  constructor(private readonly o: WindowRankOptions) {
    super(1, o, 'a window Top-N');
    this.partitionKey = makeKeyFn(o.partitionKeys);
    this.compare = rowComparator(o.sortKeys);
  }

  protected windowEndIndex(): number {
    return this.o.windowEndIndex;
  }

  protected keyOf(row: Row): StateKey {
    return this.partitionKey(row);
  }

  protected fire(time: number, out: Batch): void {
    for (const [partitions] of this.windows.fire(time)) {
      for (const list of partitions!.values()) {
        // Array.prototype.sort is stable: equal sort keys keep arrival order.
        const sorted = list.sort(this.compare);
        for (let k = 0; k < Math.min(this.o.rankEnd, sorted.length); k++) out.push({ kind: RowKind.INSERT, row: [...sorted[k]!, k + 1] });
      }
    }
  }
}

export function windowRank(options: WindowRankOptions): WindowRankOperator {
  return new WindowRankOperator(options);
}
