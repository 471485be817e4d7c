// What Flink's window Top-N and window join operators share: insert-only rows are buffered per
// window (their window_end), input side and key; a row of a window that already fired is late,
// dropped and counted (numLateRecordsDropped); windows fire when the watermark reaches
// window_end - 1 (proctime: the clock); the buffer is the operator's checkpointed state.
// Subclasses say where a row's window end and key are, and what a fired window emits.
import type { Batch, Row } from '../../types';
import { RowKind } from '../../types';
import type { Operator, OperatorContext, StateSize } from '../operator';
import { KeyPartitioner, type StateKey } from '../keys';
import { WindowRowBuffer, type WindowRowsEntry } from '../state/window-state';

export interface BufferedWindowTiming {
  timeKind: 'rowtime' | 'proctime';
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
  parallelism?: number;
}

export abstract class BufferedWindowOperator implements Operator {
  /** window end -> input port -> key -> rows in arrival order. */
  protected readonly windows: WindowRowBuffer;
  private watermark = -Infinity;
  private lateRecordsDropped = 0;
  private readonly part: KeyPartitioner;
  private readonly load: number[];

  constructor(
    inputs: number,
    private readonly timing: BufferedWindowTiming,
    /** Named in the insert-only error: `a window join`. */
    private readonly what: string,
  ) {
    this.windows = new WindowRowBuffer(inputs);
    this.part = new KeyPartitioner(timing.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  /** Where the window end is in a row of input `port`. */
  protected abstract windowEndIndex(port: number): number;
  /** The key a row of input `port` is buffered (and partitioned) by. */
  protected abstract keyOf(row: Row, port: number): StateKey;
  /** Emits every window that ends at or before `time` + 1 into `out` (WindowRowBuffer.fire). */
  protected abstract fire(time: number, out: Batch): void;

  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    if (this.timing.timeKind === 'proctime') this.fire(this.timing.epochMs + ctx.now, out);
    const endIndex = this.windowEndIndex(port);
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error(`${this.what} takes insert-only input`);
      const end = ch.row[endIndex];
      if (typeof end !== 'number') continue;
      if (this.timing.timeKind === 'rowtime' && end - 1 <= this.watermark) {
        this.lateRecordsDropped++;
        continue;
      }
      const key = this.keyOf(ch.row, port);
      this.load[this.part.subtaskOf(key)]!++;
      this.windows.add(end, port, key, ch.row);
    }
    return out;
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    this.watermark = watermark;
    if (this.timing.timeKind === 'rowtime') this.fire(watermark, out);
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.timing.timeKind === 'proctime') this.fire(this.timing.epochMs + ctx.now, out);
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
