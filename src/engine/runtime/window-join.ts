// Window join (Flink's WindowJoinOperator, flink-table-runtime operators/join/window): both
// inputs' rows are buffered per window (their window_end) and join key; when the watermark
// reaches window_end - 1 (proctime: the clock), the window's rows are joined, +I[left, right] per
// matching pair (keys equal and never NULL, residual TRUE), outer sides padded with NULLs for rows
// that met nothing, and the window's rows dropped. Insert-only output. A row of a window that
// already fired is late: dropped and counted (numLateRecordsDropped).
import type { JoinType } from '../plan/graph';
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { CompiledExpr } from '../expr/ir';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, hasNullAt, makeKeyFn, type KeyFn, type StateKey } from './keys';
import { rowBytes } from './state/size';

export interface WindowJoinOptions {
  joinType: JoinType;
  leftKeys: readonly number[];
  rightKeys: readonly number[];
  leftArity: number;
  rightArity: number;
  residual?: CompiledExpr | null;
  leftWindowEndIndex: number;
  rightWindowEndIndex: number;
  timeKind: 'rowtime' | 'proctime';
  parallelism?: number;
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
}

/** One window's rows of both sides, by join key, in arrival order. */
interface WindowRows {
  left: Map<StateKey, Row[]>;
  right: Map<StateKey, Row[]>;
}

export class WindowJoinOperator implements Operator {
  private windows = new Map<number, WindowRows>();
  private rows = 0;
  private bytes = 0;
  private watermark = -Infinity;
  private lateRecordsDropped = 0;
  private readonly leftKey: KeyFn;
  private readonly rightKey: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];
  private readonly joined: Value[];

  constructor(private readonly o: WindowJoinOptions) {
    this.leftKey = makeKeyFn(o.leftKeys);
    this.rightKey = makeKeyFn(o.rightKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.joined = new Array<Value>(o.leftArity + o.rightArity).fill(null);
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
      let w = this.windows.get(end);
      if (!w) this.windows.set(end, (w = { left: new Map(), right: new Map() }));
      const side = isLeft ? w.left : w.right;
      const list = side.get(key);
      if (list) list.push(ch.row);
      else side.set(key, [ch.row]);
      this.rows++;
      this.bytes += rowBytes(ch.row);
    }
    return out;
  }

  private matches(l: Row, r: Row): boolean {
    const res = this.o.residual;
    if (!res) return true;
    const j = this.joined;
    for (let i = 0; i < l.length; i++) j[i] = l[i]!;
    for (let i = 0; i < r.length; i++) j[l.length + i] = r[i]!;
    return res(j) === true;
  }

  private fire(time: number, out: Batch): void {
    const leftOuter = this.o.joinType === 'LEFT' || this.o.joinType === 'FULL';
    const rightOuter = this.o.joinType === 'RIGHT' || this.o.joinType === 'FULL';
    const due = [...this.windows.keys()].filter((end) => end - 1 <= time).sort((a, b) => a - b);
    for (const end of due) {
      const w = this.windows.get(end)!;
      const rightMatched = new Set<Row>();
      for (const [key, lefts] of w.left) {
        const rights = lefts.length > 0 && !hasNullAt(lefts[0]!, this.o.leftKeys) ? (w.right.get(key) ?? []) : [];
        for (const l of lefts) {
          let any = false;
          for (const r of rights) {
            if (!this.matches(l, r)) continue;
            out.push({ kind: RowKind.INSERT, row: [...l, ...r] });
            rightMatched.add(r);
            any = true;
          }
          if (!any && leftOuter) out.push({ kind: RowKind.INSERT, row: [...l, ...new Array<Value>(this.o.rightArity).fill(null)] });
        }
      }
      if (rightOuter) {
        for (const rights of w.right.values()) {
          for (const r of rights) if (!rightMatched.has(r)) out.push({ kind: RowKind.INSERT, row: [...new Array<Value>(this.o.leftArity).fill(null), ...r] });
        }
      }
      for (const side of [w.left, w.right]) for (const list of side.values()) for (const r of list) {
        this.rows--;
        this.bytes -= rowBytes(r);
      }
      this.windows.delete(end);
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
    const side = (m: Map<StateKey, Row[]>) => [...m].map(([k, rows]) => [k, rows.map((r) => r.slice())]);
    return {
      v: 1,
      watermark: this.watermark === -Infinity ? null : this.watermark,
      lateRecordsDropped: this.lateRecordsDropped,
      windows: [...this.windows].map(([end, w]) => [end, side(w.left), side(w.right)]),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as { watermark: number | null; lateRecordsDropped: number; windows: [number, [StateKey, Row[]][], [StateKey, Row[]][]][] };
    this.watermark = s.watermark ?? -Infinity;
    this.lateRecordsDropped = s.lateRecordsDropped;
    this.windows = new Map();
    this.rows = 0;
    this.bytes = 0;
    const side = (entries: [StateKey, Row[]][]) => {
      for (const [, rows] of entries) for (const r of rows) {
        this.rows++;
        this.bytes += rowBytes(r);
      }
      return new Map(entries.map(([k, rows]) => [k, rows.map((r) => r.slice())]));
    };
    for (const [end, l, r] of s.windows) this.windows.set(end, { left: side(l), right: side(r) });
  }

  stateSize(): StateSize {
    return { rows: this.rows, bytes: this.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function windowJoin(options: WindowJoinOptions): WindowJoinOperator {
  return new WindowJoinOperator(options);
}
