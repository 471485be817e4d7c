// Window aggregation over a windowing TVF, as Flink's WindowAggregate
// (flink-table-runtime, operators/window/tvf: SlicingWindowOperator for TUMBLE / HOP / CUMULATE,
// the unslicing (merging) operator for SESSION): rows arrive with window_start / window_end among
// their group keys; a window's groups are emitted once, +I, when the watermark reaches
// window_end - 1 (proctime: when the clock does), and their state is dropped. Nothing is ever
// updated or retracted, so the output is insert-only.
//
// Late records of aligned windows are dropped by the TVF in front (its first slice fired);
// a SESSION row is late when the session it would merge into has already fired:
// merged window_end - 1 <= watermark. Both count numLateRecordsDropped.
//
// Accumulators are GroupAggregate's (state/accumulators.ts) over insert-only input. Session
// state keeps its rows and aggregates them when the session fires (Flink merges accumulators;
// the results are the same).
import type { WindowSpec } from '../plan/graph';
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, pick, type KeyFn, type StateKey } from './keys';
import { Accumulators, type AccumulatorState, type AggSpec } from './state/accumulators';
import { ValueCounts } from './state/value-counts';
import { AlignedWindowState, SessionWindowState, type WindowGroup } from './state/window-state';
import { windowTime } from './window/assigners';

export interface WindowAggregateOptions {
  window: WindowSpec;
  keyCount: number;
  windowStartKey: number;
  windowEndKey: number;
  windowTimeKey: number | null;
  aggs: readonly AggSpec[];
  parallelism?: number;
  /** Absolute ms of virtual time 0: proctime windows fire on `epochMs + ctx.now`. */
  epochMs: number;
}

interface WindowAggregateSnapshot {
  v: 1;
  watermark: number | null;
  lateRecordsDropped: number;
  aligned: [number, StateKey, Row, Value[], [Value, number][][] | null][];
  sessions: [StateKey, { start: number; end: number; keys: Value[]; rows: Value[][] }[]][];
}

export class WindowAggregateOperator implements Operator {
  private readonly accumulators: Accumulators;
  private readonly aligned: AlignedWindowState;
  private readonly sessions = new SessionWindowState();
  private readonly isSession: boolean;
  /**
   * Key of a row: the group keys without the window columns. Aligned state is already kept per
   * window end, and an end fixes its start, so the window columns would only lengthen every key
   * (13-digit timestamps made key building and hashing most of a HOP aggregation's CPU); Flink
   * also keys a window aggregation by its grouping keys alone.
   */
  private readonly keyOf: KeyFn;
  private readonly part: KeyPartitioner;
  /** 0..keyCount-1: the columns a group keeps. */
  private readonly groupColumns: number[];
  private readonly load: number[];
  private watermark = -Infinity;
  private lateRecordsDropped = 0;

  constructor(private readonly o: WindowAggregateOptions) {
    this.accumulators = new Accumulators(o.aggs, true);
    this.aligned = new AlignedWindowState(this.accumulators.accSize);
    this.isSession = o.window.kind === 'SESSION';
    const windowKeys = new Set([o.windowStartKey, o.windowEndKey, ...(o.windowTimeKey === null ? [] : [o.windowTimeKey])]);
    const keys = [...Array(o.keyCount).keys()];
    this.groupColumns = keys;
    this.keyOf = makeKeyFn(keys.filter((k) => !windowKeys.has(k)));
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    if (this.o.window.timeKind === 'proctime') this.fire(this.o.epochMs + ctx.now, out);
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('a window aggregation takes insert-only input');
      const row = ch.row;
      const key = this.keyOf(row);
      this.load[this.part.subtaskOf(key)]!++;
      const start = row[this.o.windowStartKey] as number;
      const end = row[this.o.windowEndKey] as number;
      if (this.isSession) this.addToSession(key, row, start, end);
      else this.addToWindow(key, row, end);
    }
    return out;
  }

  private addToWindow(key: StateKey, row: Row, end: number): void {
    let g = this.aligned.get(end, key);
    if (!g) {
      g = { keys: pick(row, this.groupColumns), state: this.newState() };
      this.aligned.add(end, key, g);
    }
    this.accumulators.accumulate(g.state, row);
  }

  private addToSession(key: StateKey, row: Row, start: number, end: number): void {
    const merged = this.sessions.merged(key, start, end);
    if (this.o.window.timeKind === 'rowtime' && merged.end - 1 <= this.watermark) {
      this.lateRecordsDropped++;
      return;
    }
    this.sessions.add(key, pick(row, this.groupColumns), merged.start, merged.end, merged.touched, row);
  }

  private newState(): AccumulatorState {
    return { acc: this.accumulators.createAcc(), views: this.accumulators.createViews(), viewStringBytes: 0 };
  }

  /** Emits every window whose end - 1 <= `time`. */
  private fire(time: number, out: Batch): void {
    for (const g of this.aligned.fire(time)) out.push({ kind: RowKind.INSERT, row: this.result(g.keys, g.state) });
    for (const s of this.sessions.fire(time)) {
      const state = this.newState();
      for (const r of s.rows) this.accumulators.accumulate(state, r);
      const keys = s.keys.slice();
      keys[this.o.windowStartKey] = s.start;
      keys[this.o.windowEndKey] = s.end;
      if (this.o.windowTimeKey !== null) keys[this.o.windowTimeKey] = windowTime(s.end);
      out.push({ kind: RowKind.INSERT, row: this.result(keys, state) });
    }
  }

  private result(keys: Row, state: AccumulatorState): Row {
    const row: Value[] = keys.slice();
    row.length = this.o.keyCount + this.accumulators.calls;
    this.accumulators.writeResults(state, row, this.o.keyCount);
    return row;
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    this.watermark = watermark;
    if (this.o.window.timeKind === 'rowtime') this.fire(watermark, out);
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.o.window.timeKind === 'proctime') this.fire(this.o.epochMs + ctx.now, out);
    return out;
  }

  lateDropped(): number {
    return this.lateRecordsDropped;
  }

  snapshot(): WindowAggregateSnapshot {
    return {
      v: 1,
      watermark: this.watermark === -Infinity ? null : this.watermark,
      lateRecordsDropped: this.lateRecordsDropped,
      aligned: this.aligned.entries().map(([end, key, g]: [number, StateKey, WindowGroup]) => [end, key, g.keys.slice(), g.state.acc.slice(), g.state.views ? g.state.views.map((v) => v.entries()) : null]),
      sessions: this.sessions.entries().map(([key, list]) => [key, list.map((s) => ({ start: s.start, end: s.end, keys: s.keys.slice(), rows: s.rows.map((r) => r.slice()) }))]),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as WindowAggregateSnapshot;
    this.watermark = s.watermark ?? -Infinity;
    this.lateRecordsDropped = s.lateRecordsDropped;
    this.aligned.clear();
    // The key is derived again from the group's key values (a group's `keys` hold the row's
    // first keyCount columns), so a snapshot taken with the older keying restores the same groups.
    for (const [end, , keys, acc, views] of s.aligned) {
      this.aligned.add(end, this.keyOf(keys), { keys: keys.slice(), state: { acc: acc.slice(), views: views ? views.map((e) => new ValueCounts(e)) : null, viewStringBytes: 0 } });
    }
    this.sessions.restore(s.sessions);
  }

  stateSize(): StateSize {
    return { rows: this.aligned.groups + this.sessions.rows, bytes: this.aligned.bytes + this.sessions.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function windowAggregate(options: WindowAggregateOptions): WindowAggregateOperator {
  return new WindowAggregateOperator(options);
}
