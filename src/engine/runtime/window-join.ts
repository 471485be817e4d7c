// Window join (Flink's WindowJoinOperator, flink-table-runtime operators/join/window): both
// inputs' rows are buffered per window (their window_end) and join key; when the watermark
// reaches window_end - 1 (proctime: the clock), the window's rows are joined, +I[left, right] per
// matching pair (keys equal and never NULL, residual TRUE), outer sides padded with NULLs for rows
// that met nothing, and the window's rows dropped. Insert-only output. A row of a window that
// already fired is late: dropped and counted (numLateRecordsDropped).
import type { Batch, Row } from '../types';
import { RowKind } from '../types';
import { hasNullAt, makeKeyFn, type KeyFn, type StateKey } from './keys';
import type { EquiJoinOptions } from './join';
import { JoinRowBuilder } from './join-row';
import { BufferedWindowOperator } from './window/buffered-window-operator';

export interface WindowJoinOptions extends EquiJoinOptions {
  leftWindowEndIndex: number;
  rightWindowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
}

export class WindowJoinOperator extends BufferedWindowOperator {
  private readonly leftKey: KeyFn;
  private readonly rightKey: KeyFn;
  private readonly rowsOut: JoinRowBuilder;

  constructor(private readonly o: WindowJoinOptions) {
    super(2, o, 'a window join');
    this.leftKey = makeKeyFn(o.leftKeys);
    this.rightKey = makeKeyFn(o.rightKeys);
    this.rowsOut = new JoinRowBuilder(o.leftArity, o.rightArity, o.residual);
  }

  protected windowEndIndex(port: number): number {
    return port === 0 ? this.o.leftWindowEndIndex : this.o.rightWindowEndIndex;
  }

  protected keyOf(row: Row, port: number): StateKey {
    return port === 0 ? this.leftKey(row) : this.rightKey(row);
  }

  protected fire(time: number, out: Batch): void {
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
}

export function windowJoin(options: WindowJoinOptions): WindowJoinOperator {
  return new WindowJoinOperator(options);
}
