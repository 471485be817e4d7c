// OVER aggregation, as Flink's StreamExecOverAggregate picks its process function
// (flink-table-runtime, operators/over), one per frame and time:
//   rowtime, UNBOUNDED PRECEDING  RowTimeRows/RangeUnboundedPrecedingFunction: a row at or behind
//       the watermark is late; on the watermark, every waiting time <= it fires in order.
//   rowtime, n / INTERVAL PRECEDING  RowTimeRows/RangeBoundedPrecedingFunction: a row is late when
//       its time is at or before the partition's last fired time (lastTriggeringTs, 0 at first);
//       each time has an event-time timer and fires once the watermark reaches it.
//   proctime, UNBOUNDED PRECEDING (ROWS and RANGE alike)  ProcTimeUnboundedPrecedingFunction, and
//   proctime, ROWS n PRECEDING  ProcTimeRowsBoundedPrecedingFunction: each row is emitted as it
//       arrives.
//   proctime, RANGE INTERVAL PRECEDING  ProcTimeRangeBoundedPrecedingFunction: rows of one clock
//       millisecond wait for a timer at ms + 1, then are emitted together.
// ROWS: each row gets the aggregates of itself and the n rows before it (one at a time, in time
// order, rows of the same time in arrival order). RANGE: rows of the same time are peers: all
// are accumulated, then each is emitted with the same values; a bounded range retracts rows older
// than time - interval first. RANGE bounded state is dropped when time passes
// last time + 1.5 * interval + 1 (Flink's cleanupTsState), which also forgets lastTriggeringTs;
// its stale cleanup timers still fire and advance lastTriggeringTs, as Flink's do.
// Output = the input row, then one value per call; insert-only. LAG keeps the last offset + 1
// values (Flink's LagAggFunction, unbounded frames only). Late rows count numLateRecordsDropped.
// Idle-state retention (table.exec.state.ttl) is not modelled for OVER (docs/time.md).
import type { OverAggCall } from '../plan/graph';
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, type KeyFn, type StateKey } from './keys';
import { Accumulators, viewStringExtra, type AccumulatorState, type AggSpec } from './state/accumulators';
import { ValueCounts } from './state/value-counts';
import { ACC_SLOT_BYTES, GROUP_ENTRY_BYTES, MAP_ENTRY_BYTES, SLOT_BYTES, rowBytes } from './state/size';

export interface OverAggregateOptions {
  partitionKeys: readonly number[];
  timeKind: 'rowtime' | 'proctime';
  timeIndex: number;
  rows: boolean;
  /** ROWS: rows before the current one; RANGE: ms; null: UNBOUNDED PRECEDING. */
  preceding: number | null;
  aggs: readonly OverAggCall[];
  parallelism?: number;
  /** Absolute ms of virtual time 0: processing time is `epochMs + ctx.now`. */
  epochMs: number;
}

interface Partition {
  key: StateKey;
  acc: AccumulatorState;
  /** Per LAG call, the last offset + 1 values accumulated. */
  lags: Value[][];
  /** Bounded frames: rows accumulated and not retracted yet, oldest first (from `frameHead`), and their times. */
  frame: Row[];
  frameTimes: number[];
  frameHead: number;
  /** Rows waiting for their time to fire, by time, in arrival order. */
  pending: Map<number, Row[]>;
  /** Timers of bounded rowtime and proctime RANGE frames, ascending (data times and cleanup times). */
  timers: number[];
  /** Bounded rowtime: the last fired timer (Flink's lastTriggeringTsState). */
  lastFired: number;
  /** RANGE bounded: when the partition's state is dropped (Flink's cleanupTsState). */
  cleanupAt: number | null;
}

interface PartitionSnapshot {
  key: StateKey;
  acc: Value[];
  views: [Value, number][][] | null;
  lags: Value[][];
  frame: [number, Row][];
  pending: [number, Row[]][];
  timers: number[];
  lastFired: number;
  cleanupAt: number | null;
}

interface OverAggregateSnapshot {
  v: 1;
  watermark: number | null;
  lateRecordsDropped: number;
  partitions: PartitionSnapshot[];
}

/** Bytes of one stored row besides bytes(row): its time and its list slot. */
const STORED_ROW_EXTRA = 2 * SLOT_BYTES;

export class OverAggregateOperator implements Operator {
  private readonly accumulators: Accumulators;
  /** Output position (after the input row) of each accumulator call and each LAG call. */
  private readonly accOut: number[] = [];
  private readonly lagCalls: { out: number; arg: number; offset: number; defaultValue: Value }[] = [];
  private readonly bounded: boolean;
  /** Rows before the current one a ROWS frame keeps, plus the current one (Flink's precedingOffset). */
  private readonly rowsKept: number;
  private readonly keyOf: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];
  private partitions = new Map<StateKey, Partition>();
  private watermark = -Infinity;
  private lateRecordsDropped = 0;
  private storedRows = 0;
  private storedBytes = 0;
  private viewEntries = 0;
  private viewStringBytes = 0;

  constructor(private readonly o: OverAggregateOptions) {
    const specs: AggSpec[] = [];
    o.aggs.forEach((a, i) => {
      if (a.fn === 'LAG') this.lagCalls.push({ out: i, arg: a.arg!, offset: a.lag!.offset, defaultValue: a.lag!.defaultValue });
      else {
        specs.push({ fn: a.fn, arg: a.arg, distinct: a.distinct, filter: a.filter, type: a.type });
        this.accOut.push(i);
      }
    });
    this.bounded = o.preceding !== null;
    // A bounded frame retracts; an unbounded one only accumulates (MIN/MAX keep no view).
    this.accumulators = new Accumulators(specs, !this.bounded);
    this.rowsKept = o.rows && o.preceding !== null ? o.preceding + 1 : 0;
    this.keyOf = makeKeyFn(o.partitionKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  private get rowtime(): boolean {
    return this.o.timeKind === 'rowtime';
  }

  /** The proctime RANGE bounded frame, whose rows wait for the next millisecond. */
  private get proctimeRange(): boolean {
    return !this.rowtime && !this.o.rows && this.bounded;
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    const now = this.o.epochMs + ctx.now;
    if (this.proctimeRange) this.fireTimers(now, out);
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('an OVER aggregation takes insert-only input; the planner rejects updating inputs');
      const row = ch.row;
      const key = this.keyOf(row);
      this.load[this.part.subtaskOf(key)]!++;
      if (!this.rowtime) {
        const p = this.partition(key);
        if (this.proctimeRange) this.hold(p, now, row, now + 1);
        else this.fireRows(p, now, [row], out);
        continue;
      }
      const t = row[this.o.timeIndex];
      const lastFired = this.partitions.get(key)?.lastFired ?? 0;
      if (typeof t !== 'number' || (this.bounded ? t <= lastFired : t <= this.watermark)) {
        this.lateRecordsDropped++;
        continue;
      }
      this.hold(this.partition(key), t, row, t);
    }
    return out;
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (!this.rowtime || watermark <= this.watermark) return out;
    this.watermark = watermark;
    if (this.bounded) {
      this.fireTimers(watermark, out);
      return out;
    }
    for (const p of this.partitions.values()) {
      if (p.pending.size === 0) continue;
      const times = [...p.pending.keys()].filter((t) => t <= watermark).sort((a, b) => a - b);
      for (const t of times) this.fireTime(p, t, out);
    }
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.proctimeRange) this.fireTimers(this.o.epochMs + ctx.now, out);
    return out;
  }

  private partition(key: StateKey): Partition {
    let p = this.partitions.get(key);
    if (!p) {
      p = {
        key,
        acc: { acc: this.accumulators.createAcc(), views: this.accumulators.createViews(), viewStringBytes: 0 },
        lags: this.lagCalls.map(() => []),
        frame: [],
        frameTimes: [],
        frameHead: 0,
        pending: new Map(),
        timers: [],
        lastFired: 0,
        cleanupAt: null,
      };
      this.partitions.set(key, p);
    }
    return p;
  }

  /** Keeps `row` of time `time` until `timer` fires; a RANGE bounded frame moves its cleanup time. */
  private hold(p: Partition, time: number, row: Row, timer: number): void {
    let rows = p.pending.get(time);
    if (!rows) {
      rows = [];
      p.pending.set(time, rows);
      if (this.bounded) addTimer(p.timers, timer);
      if (!this.o.rows && this.bounded) {
        const preceding = this.o.preceding!;
        if (p.cleanupAt === null || p.cleanupAt < time + preceding + 1) {
          p.cleanupAt = time + Math.floor(preceding * 1.5) + 1;
          addTimer(p.timers, p.cleanupAt);
        }
      }
    }
    rows.push(row);
    this.storedRows++;
    this.storedBytes += rowBytes(row) + STORED_ROW_EXTRA;
  }

  /** Fires every timer at or before `time`, across partitions in time order. */
  private fireTimers(time: number, out: Batch): void {
    const due: [number, Partition][] = [];
    for (const p of this.partitions.values()) {
      let n = 0;
      while (n < p.timers.length && p.timers[n]! <= time) due.push([p.timers[n++]!, p]);
      if (n > 0) p.timers.splice(0, n);
    }
    due.sort((a, b) => a[0] - b[0]);
    for (const [timer, p] of due) {
      if (this.partitions.get(p.key) !== p) continue; // dropped by its cleanup timer
      if (p.cleanupAt !== null && p.cleanupAt <= timer) {
        this.drop(p);
        continue;
      }
      // A proctime timer at ms + 1 fires the rows of ms.
      this.fireTime(p, this.rowtime ? timer : timer - 1, out);
      if (this.rowtime) p.lastFired = timer;
    }
  }

  /** Emits the rows waiting at `time` in partition `p`. */
  private fireTime(p: Partition, time: number, out: Batch): void {
    const rows = p.pending.get(time);
    if (!rows) return;
    p.pending.delete(time);
    for (const r of rows) {
      this.storedRows--;
      this.storedBytes -= rowBytes(r) + STORED_ROW_EXTRA;
    }
    this.fireRows(p, time, rows, out);
  }

  /** Accumulates `rows` (all of time `time`) into the frame and emits each with its aggregates. */
  private fireRows(p: Partition, time: number, rows: Row[], out: Batch): void {
    if (this.o.rows) {
      for (const row of rows) {
        if (this.bounded) {
          if (p.frame.length - p.frameHead >= this.rowsKept) this.retractOldest(p);
          this.keep(p, time, row);
        }
        this.accumulate(p, row);
        out.push({ kind: RowKind.INSERT, row: this.output(row, this.results(p)) });
      }
      return;
    }
    if (this.bounded) {
      const limit = time - this.o.preceding!;
      while (p.frame.length > p.frameHead && p.frameTimes[p.frameHead]! < limit) this.retractOldest(p);
    }
    for (const row of rows) {
      if (this.bounded) this.keep(p, time, row);
      this.accumulate(p, row);
    }
    const values = this.results(p);
    for (const row of rows) out.push({ kind: RowKind.INSERT, row: this.output(row, values) });
  }

  private keep(p: Partition, time: number, row: Row): void {
    p.frame.push(row);
    p.frameTimes.push(time);
    this.storedRows++;
    this.storedBytes += rowBytes(row) + STORED_ROW_EXTRA;
  }

  private retractOldest(p: Partition): void {
    const row = p.frame[p.frameHead]!;
    p.frameHead++;
    if (p.frameHead > 64 && p.frameHead * 2 > p.frame.length) {
      p.frame.splice(0, p.frameHead);
      p.frameTimes.splice(0, p.frameHead);
      p.frameHead = 0;
    }
    this.storedRows--;
    this.storedBytes -= rowBytes(row) + STORED_ROW_EXTRA;
    const before = p.acc.viewStringBytes;
    this.viewEntries -= this.accumulators.retract(p.acc, row);
    this.viewStringBytes += p.acc.viewStringBytes - before;
  }

  private accumulate(p: Partition, row: Row): void {
    const before = p.acc.viewStringBytes;
    this.viewEntries += this.accumulators.accumulate(p.acc, row);
    this.viewStringBytes += p.acc.viewStringBytes - before;
    for (let i = 0; i < this.lagCalls.length; i++) {
      const lag = this.lagCalls[i]!;
      const buffer = p.lags[i]!;
      buffer.push(row[lag.arg]!);
      if (buffer.length > lag.offset + 1) buffer.shift();
    }
  }

  /** The calls' current values, in call order. */
  private results(p: Partition): Value[] {
    const values = new Array<Value>(this.o.aggs.length);
    const accValues: Value[] = new Array<Value>(this.accumulators.calls);
    this.accumulators.writeResults(p.acc, accValues, 0);
    this.accOut.forEach((out, i) => (values[out] = accValues[i]!));
    this.lagCalls.forEach((lag, i) => {
      const buffer = p.lags[i]!;
      values[lag.out] = buffer.length < lag.offset + 1 ? lag.defaultValue : buffer[0]!;
    });
    return values;
  }

  private output(row: Row, values: Value[]): Row {
    const r = row.slice();
    for (const v of values) r.push(v);
    return r;
  }

  /** Drops a partition's state (its cleanup timer fired). */
  private drop(p: Partition): void {
    this.partitions.delete(p.key);
    for (let i = p.frameHead; i < p.frame.length; i++) {
      this.storedRows--;
      this.storedBytes -= rowBytes(p.frame[i]!) + STORED_ROW_EXTRA;
    }
    for (const rows of p.pending.values()) {
      for (const r of rows) {
        this.storedRows--;
        this.storedBytes -= rowBytes(r) + STORED_ROW_EXTRA;
      }
    }
    if (p.acc.views) for (const v of p.acc.views) this.viewEntries -= v.size;
    this.viewStringBytes -= p.acc.viewStringBytes;
  }

  lateDropped(): number {
    return this.lateRecordsDropped;
  }

  snapshot(): OverAggregateSnapshot {
    return {
      v: 1,
      watermark: this.watermark === -Infinity ? null : this.watermark,
      lateRecordsDropped: this.lateRecordsDropped,
      partitions: [...this.partitions.values()].map((p) => ({
        key: p.key,
        acc: p.acc.acc.slice(),
        views: p.acc.views ? p.acc.views.map((v) => v.entries()) : null,
        lags: p.lags.map((l) => l.slice()),
        frame: p.frame.slice(p.frameHead).map((r, i): [number, Row] => [p.frameTimes[p.frameHead + i]!, r.slice()]),
        pending: [...p.pending].map(([t, rows]): [number, Row[]] => [t, rows.map((r) => r.slice())]),
        timers: p.timers.slice(),
        lastFired: p.lastFired,
        cleanupAt: p.cleanupAt,
      })),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as OverAggregateSnapshot;
    this.watermark = s.watermark ?? -Infinity;
    this.lateRecordsDropped = s.lateRecordsDropped;
    this.partitions = new Map();
    this.storedRows = 0;
    this.storedBytes = 0;
    this.viewEntries = 0;
    this.viewStringBytes = 0;
    for (const ps of s.partitions) {
      const views = ps.views ? ps.views.map((e) => new ValueCounts(e)) : null;
      let viewStringBytes = 0;
      for (const entries of ps.views ?? []) {
        this.viewEntries += entries.length;
        for (const [value] of entries) viewStringBytes += viewStringExtra(value);
      }
      this.viewStringBytes += viewStringBytes;
      const p: Partition = {
        key: ps.key,
        acc: { acc: ps.acc.slice(), views, viewStringBytes },
        lags: ps.lags.map((l) => l.slice()),
        frame: ps.frame.map(([, r]) => r.slice()),
        frameTimes: ps.frame.map(([t]) => t),
        frameHead: 0,
        pending: new Map(ps.pending.map(([t, rows]) => [t, rows.map((r) => r.slice())])),
        timers: ps.timers.slice(),
        lastFired: ps.lastFired,
        cleanupAt: ps.cleanupAt,
      };
      for (const r of p.frame) this.storedBytes += rowBytes(r) + STORED_ROW_EXTRA;
      for (const rows of p.pending.values()) for (const r of rows) this.storedBytes += rowBytes(r) + STORED_ROW_EXTRA;
      this.storedRows += p.frame.length + [...p.pending.values()].reduce((n, rows) => n + rows.length, 0);
      this.partitions.set(ps.key, p);
    }
  }

  /**
   * Per partition 280 + 24 per accumulator slot + 8 per LAG value; per stored row (frame or
   * waiting) bytes(row) + 16; per MIN/MAX/DISTINCT view entry 32 (+ a string's bytes).
   */
  stateSize(): StateSize {
    const lagValues = this.lagCalls.reduce((n, l) => n + l.offset + 1, 0);
    const perPartition = GROUP_ENTRY_BYTES + ACC_SLOT_BYTES * this.accumulators.accSize + SLOT_BYTES * lagValues;
    return {
      rows: this.partitions.size + this.storedRows,
      bytes: this.partitions.size * perPartition + this.storedBytes + this.viewEntries * MAP_ENTRY_BYTES + this.viewStringBytes,
    };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

/** Adds `t` to ascending, duplicate-free `timers` (Flink's timer service keeps one per key and time). */
function addTimer(timers: number[], t: number): void {
  let lo = 0;
  let hi = timers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timers[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (timers[lo] !== t) timers.splice(lo, 0, t);
}

export function overAggregate(options: OverAggregateOptions): OverAggregateOperator {
  return new OverAggregateOperator(options);
}
