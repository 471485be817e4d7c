// Windowing TVF (TUMBLE, HOP, CUMULATE, SESSION): each input row once per window it falls in,
// with window_start, window_end and window_time appended, as Flink's WindowTableFunction
// (flink-table-runtime, operators/window/tvf/operator/WindowTableFunctionOperator) emits them.
// A SESSION row gets its own window [ts, ts + gap); the window aggregation after it merges them.
//
// When a window aggregation reads the output (`dropLateRecords`), a record whose first slice
// already fired (slice end - 1 <= watermark) is dropped and counted, as Flink's slicing window
// operators drop late records and count numLateRecordsDropped; without one, the TVF passes every
// row. Proctime windows use the row's processing time and are never late. A NULL time has no
// window: the row is dropped.
import type { WindowSpec } from '../plan/graph';
import type { Batch, Value } from '../types';
import { RowKind } from '../types';
import { StatelessOperator, type OperatorContext } from './operator';
import { assignWindows, firstSliceEnd, windowTime } from './window/assigners';

export interface WindowTableFunctionOptions {
  window: WindowSpec;
  timeIndex: number;
  dropLateRecords: boolean;
  parallelism?: number;
}

export class WindowTableFunctionOperator extends StatelessOperator {
  private watermark = -Infinity;
  /** Records dropped as late (Flink's numLateRecordsDropped). */
  lateRecordsDropped = 0;

  constructor(private readonly o: WindowTableFunctionOptions) {
    super(o.parallelism);
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.spread(batch.length);
    const out: Batch = [];
    const { window, timeIndex } = this.o;
    const checkLate = this.o.dropLateRecords && window.kind !== 'SESSION' && window.timeKind === 'rowtime';
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('a windowing TVF takes insert-only input; the planner rejects updating inputs');
      const ts = ch.row[timeIndex];
      if (typeof ts !== 'number') continue;
      if (checkLate && firstSliceEnd(window, ts) - 1 <= this.watermark) {
        this.lateRecordsDropped++;
        continue;
      }
      for (const w of assignWindows(window, ts)) {
        const row: Value[] = ch.row.slice();
        row.push(w.start, w.end, windowTime(w.end));
        out.push({ kind: RowKind.INSERT, row });
      }
    }
    return out;
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    this.watermark = watermark;
    return [];
  }

  lateDropped(): number {
    return this.lateRecordsDropped;
  }

  override snapshot(): unknown {
    return { v: 1, watermark: this.watermark === -Infinity ? null : this.watermark, lateRecordsDropped: this.lateRecordsDropped };
  }

  override restore(snapshot: unknown): void {
    const s = snapshot as { watermark: number | null; lateRecordsDropped: number } | null;
    this.watermark = s?.watermark ?? -Infinity;
    this.lateRecordsDropped = s?.lateRecordsDropped ?? 0;
  }
}

export function windowTableFunction(options: WindowTableFunctionOptions): WindowTableFunctionOperator {
  return new WindowTableFunctionOperator(options);
}
