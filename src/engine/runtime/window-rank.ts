// Window Top-N (Flink's WindowRankOperator, flink-table-runtime operators/rank/window): rows are
// buffered per window (their window_end) and partition; when the watermark reaches
// window_end - 1 (proctime: the clock), each partition's rows are sorted and the first N emitted
// with their row numbers, +I, and the window's rows dropped. Insert-only. A row for a window that
// already fired is late: dropped and counted (numLateRecordsDropped). Rows with equal sort keys
// keep arrival order.
import type { SortKey } from '../plan/graph';
import type { Batch, Row } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, type KeyFn } from './keys';
import { rowComparator } from './state/rank-state';
import { WindowRowBuffer, type WindowRowsEntry } from './state/window-state';

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

export class WindowRankOperator implements Operator {
  /** window end -> partition -> rows in arrival order. */
  private readonly windows = new WindowRowBuffer(1);
  private watermark = -Infinity;
  private lateRecordsDropped = 0;
  private readonly keyOf: KeyFn;
  private readonly compare: (a: Row, b: Row) => number;
  private readonly part: KeyPartitioner;
  private readonly load: number[];

  constructor(private readonly o: WindowRankOptions) {
    this.keyOf = makeKeyFn(o.partitionKeys);
    this.compare = rowComparator(o.sortKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    if (this.o.timeKind === 'proctime') this.fire(this.o.epochMs + ctx.now, out);
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('a window Top-N takes insert-only input');
      const end = ch.row[this.o.windowEndIndex];
      if (typeof end !== 'number') continue;
      if (this.o.timeKind === 'rowtime' && end - 1 <= this.watermark) {
        this.lateRecordsDropped++;
        continue;
      }
      const key = this.keyOf(ch.row);
      this.load[this.part.subtaskOf(key)]!++;
      this.windows.add(end, 0, key, ch.row);
    }
    return out;
  }

  private fire(time: number, out: Batch): void {
    for (const [partitions] of this.windows.fire(time)) {
      for (const list of partitions!.values()) {
        // Array.prototype.sort is stable: equal sort keys keep arrival order.
        const sorted = list.sort(this.compare);
        for (let k = 0; k < Math.min(this.o.rankEnd, sorted.length); k++) out.push({ kind: RowKind.INSERT, row: [...sorted[k]!, k + 1] });
      }
    }
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    this.watermark = watermark;
    if (this.o.timeKind === 'rowtime') this.fire(watermark, out);
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.o.timeKind === 'proctime') this.fire(this.o.epochMs + ctx.now, out);
    return out;
  }

  lateDropped(): number {
    return this.lateRecordsDropped;
  }

  snapshot(): unknown {
    return {
      v: 1,
      watermark: this.watermark === -Infinity ? null : this.watermark,
      lateRecordsDropped: this.lateRecordsDropped,
      windows: this.windows.entries(),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as { watermark: number | null; lateRecordsDropped: number; windows: WindowRowsEntry[] };
    this.watermark = s.watermark ?? -Infinity;
    this.lateRecordsDropped = s.lateRecordsDropped;
    this.windows.restore(s.windows);
  }

  stateSize(): StateSize {
    return { rows: this.windows.rows, bytes: this.windows.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function windowRank(options: WindowRankOptions): WindowRankOperator {
  return new WindowRankOperator(options);
}
