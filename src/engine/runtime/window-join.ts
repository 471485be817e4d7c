// Window join (Flink's WindowJoinOperator, flink-table-runtime operators/join/window): both
// inputs' rows are buffered per window (their window_end) and join key; when the watermark
// reaches window_end - 1 (proctime: the clock), the window's rows are joined, +I[left, right] per
// matching pair (keys equal and never NULL, residual TRUE), outer sides padded with NULLs for rows
// that met nothing, and the window's rows dropped. Insert-only output. A row of a window that
// already fired is late: dropped and counted (numLateRecordsDropped).
import type { Batch, Row } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, hasNullAt, makeKeyFn, type KeyFn } from './keys';
import type { EquiJoinOptions } from './join';
import { JoinRowBuilder } from './join-row';
import { WindowRowBuffer, type WindowRowsEntry } from './state/window-state';

export interface WindowJoinOptions extends EquiJoinOptions {
  leftWindowEndIndex: number;
  rightWindowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
}

export class WindowJoinOperator implements Operator {
  /** window end -> side (0 left, 1 right) -> join key -> rows in arrival order. */
  private readonly windows = new WindowRowBuffer(2);
  private watermark = -Infinity;
  private lateRecordsDropped = 0;
  private readonly leftKey: KeyFn;
  private readonly rightKey: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];
  private readonly rowsOut: JoinRowBuilder;

  constructor(private readonly o: WindowJoinOptions) {
    this.leftKey = makeKeyFn(o.leftKeys);
    this.rightKey = makeKeyFn(o.rightKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.rowsOut = new JoinRowBuilder(o.leftArity, o.rightArity, o.residual);
  }

  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    if (this.o.timeKind === 'proctime') this.fire(this.o.epochMs + ctx.now, out);
    const isLeft = port === 0;
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('a window join takes insert-only input');
      const end = ch.row[isLeft ? this.o.leftWindowEndIndex : this.o.rightWindowEndIndex];
      if (typeof end !== 'number') continue;
      if (this.o.timeKind === 'rowtime' && end - 1 <= this.watermark) {
        this.lateRecordsDropped++;
        continue;
      }
      const key = isLeft ? this.leftKey(ch.row) : this.rightKey(ch.row);
      this.load[this.part.subtaskOf(key)]!++;
      this.windows.add(end, isLeft ? 0 : 1, key, ch.row);
    }
    return out;
  }

  private fire(time: number, out: Batch): void {
    const leftOuter = this.o.joinType === 'LEFT' || this.o.joinType === 'FULL';
    const rightOuter = this.o.joinType === 'RIGHT' || this.o.joinType === 'FULL';
    for (const [left, right] of this.windows.fire(time)) {
      const rightMatched = new Set<Row>();
      for (const [key, lefts] of left!) {
        const rights = lefts.length > 0 && !hasNullAt(lefts[0]!, this.o.leftKeys) ? (right!.get(key) ?? []) : [];
        for (const l of lefts) {
          let any = false;
          for (const r of rights) {
            const row = this.rowsOut.joined(l, r);
            if (row === null) continue;
            out.push({ kind: RowKind.INSERT, row });
            rightMatched.add(r);
            any = true;
          }
          if (!any && leftOuter) out.push({ kind: RowKind.INSERT, row: this.rowsOut.padLeft(l) });
        }
      }
      if (rightOuter) {
        for (const rights of right!.values()) {
          for (const r of rights) if (!rightMatched.has(r)) out.push({ kind: RowKind.INSERT, row: this.rowsOut.padRight(r) });
        }
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

export function windowJoin(options: WindowJoinOptions): WindowJoinOperator {
  return new WindowJoinOperator(options);
}
