// Interval join (INNER / LEFT / RIGHT / FULL) on rowtime or proctime, as Flink's
// TimeIntervalJoin with RowTimeIntervalJoin / ProcTimeIntervalJoin (flink-table-runtime,
// operators/join/interval), allowed lateness 0 as SQL plans it.
//
// A pair matches when the keys are equal (never on NULL), `leftTime - rightTime` lies in
// [lowerBound, upperBound] and the residual is TRUE. With leftRelativeSize = -lowerBound and
// rightRelativeSize = upperBound, a left row of time tL meets right rows of time
// [tL - rightRelativeSize, tL + leftRelativeSize], and symmetrically. A row arriving on one side:
//   1. probes the other side's cache for its key and emits +I[left + right] for each match
//      (marking the cached row as joined);
//   2. is cached while the other side's time (the watermark; proctime: now) is still below the
//      upper end of its window; otherwise, on an outer side and unjoined, it is padded at once.
// When the operator time T advances, each side drops rows of time <= T - relativeSize - 1
// (Flink's calExpirationTime), padding the unjoined ones of an outer side with +I[row + nulls].
// The output is insert-only: nothing is ever retracted.
//
// Flink removes expired rows from per-key timers that fire minCleanUpInterval later, so a late
// row there may still meet a row Freshet already dropped; Freshet expires at every watermark.
// A rowtime row whose time is NULL cannot be placed in any window and is dropped.
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, hasNullAt, makeKeyFn, type KeyFn } from './keys';
import type { EquiJoinOptions } from './join';
import { JoinRowBuilder } from './join-row';
import { IntervalJoinCache, type IntervalJoinCacheSnapshot } from './state/interval-join-cache';

export interface IntervalJoinOptions extends EquiJoinOptions {
  timeKind: 'rowtime' | 'proctime';
  /** `leftTime - rightTime` must lie in [lowerBoundMs, upperBoundMs]. */
  lowerBoundMs: number;
  upperBoundMs: number;
  leftTimeIndex: number;
  rightTimeIndex: number;
}

interface IntervalJoinSnapshot {
  v: 1;
  /** The operator time, null before the first (JSON has no -Infinity). */
  operatorTime: number | null;
  left: IntervalJoinCacheSnapshot;
  right: IntervalJoinCacheSnapshot;
}

/** The watermark a finished input sends (the simulator's MAX_WATERMARK): every window is over. */
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

export class IntervalJoinOperator implements Operator {
  private readonly left = new IntervalJoinCache();
  private readonly right = new IntervalJoinCache();
  private readonly leftKey: KeyFn;
  private readonly rightKey: KeyFn;
  private readonly leftRelativeSize: number;
  private readonly rightRelativeSize: number;
  private readonly leftOuter: boolean;
  private readonly rightOuter: boolean;
  private readonly part: KeyPartitioner;
  private readonly load: number[];
  private readonly rowsOut: JoinRowBuilder;
  /** Watermark (rowtime) or processing time (proctime) the caches were last expired at. */
  private operatorTime = -Infinity;

  constructor(private readonly o: IntervalJoinOptions) {
    if (o.leftKeys.length !== o.rightKeys.length) throw new Error('interval join keys: left and right key lists differ in length');
    this.leftKey = makeKeyFn(o.leftKeys);
    this.rightKey = makeKeyFn(o.rightKeys);
    this.leftRelativeSize = -o.lowerBoundMs;
    this.rightRelativeSize = o.upperBoundMs;
    this.leftOuter = o.joinType === 'LEFT' || o.joinType === 'FULL';
    this.rightOuter = o.joinType === 'RIGHT' || o.joinType === 'FULL';
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.rowsOut = new JoinRowBuilder(o.leftArity, o.rightArity, o.residual);
  }

  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    const isLeft = port === 0;
    if (this.o.timeKind === 'proctime') this.advance(ctx.now, out);
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('an interval join takes insert-only input; the planner rejects updating inputs');
      const row = ch.row;
      const time = this.o.timeKind === 'proctime' ? ctx.now : row[isLeft ? this.o.leftTimeIndex : this.o.rightTimeIndex];
      if (typeof time !== 'number') continue;
      const key = isLeft ? this.leftKey(row) : this.rightKey(row);
      this.load[this.part.subtaskOf(key)]!++;
      if (isLeft) this.onRow(row, time, key, true, out);
      else this.onRow(row, time, key, false, out);
    }
    return out;
  }

  /** Flink's processElement1 / processElement2 for one row of time `time`. */
  private onRow(row: Row, time: number, key: Value, isLeft: boolean, out: Batch): void {
    const other = isLeft ? this.right : this.left;
    const own = isLeft ? this.left : this.right;
    // The other side's rows this row meets: [time - otherRelative, time + ownRelative].
    const lower = time - (isLeft ? this.rightRelativeSize : this.leftRelativeSize);
    const upper = time + (isLeft ? this.leftRelativeSize : this.rightRelativeSize);
    const otherOuter = isLeft ? this.rightOuter : this.leftOuter;
    let emitted = false;
    const keyHasNull = hasNullAt(row, isLeft ? this.o.leftKeys : this.o.rightKeys);
    const buckets = keyHasNull ? undefined : other.bucketsOf(key);
    if (buckets) {
      for (const [otherTime, list] of buckets) {
        if (otherTime < lower || otherTime > upper) continue;
        for (const cached of list) {
          const joinedRow = isLeft ? this.rowsOut.joined(row, cached.row) : this.rowsOut.joined(cached.row, row);
          if (joinedRow === null) continue;
          out.push({ kind: RowKind.INSERT, row: joinedRow });
          emitted = true;
          if (otherOuter) cached.emitted = true;
        }
      }
    }
    // Cache while the other side can still send a row within this row's window.
    if (this.operatorTime < upper) {
      if (!keyHasNull || (isLeft ? this.leftOuter : this.rightOuter)) own.add(key, time, row, emitted);
    } else if (!emitted && (isLeft ? this.leftOuter : this.rightOuter)) out.push({ kind: RowKind.INSERT, row: isLeft ? this.rowsOut.padLeft(row) : this.rowsOut.padRight(row) });
  }

  /** The operator time moved to `time`: expire both caches, padding unjoined rows of outer sides. */
  private advance(time: number, out: Batch): void {
    if (time <= this.operatorTime) return;
    this.operatorTime = time;
    const expiration = (relativeSize: number) => (time >= END_OF_TIME ? Infinity : time - relativeSize - 1);
    this.left.expire(expiration(this.leftRelativeSize), (r) => {
      if (this.leftOuter && !r.emitted) out.push({ kind: RowKind.INSERT, row: this.rowsOut.padLeft(r.row) });
    });
    this.right.expire(expiration(this.rightRelativeSize), (r) => {
      if (this.rightOuter && !r.emitted) out.push({ kind: RowKind.INSERT, row: this.rowsOut.padRight(r.row) });
    });
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.o.timeKind === 'rowtime') this.advance(watermark, out);
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (this.o.timeKind === 'proctime') this.advance(ctx.now, out);
    return out;
  }

  snapshot(): IntervalJoinSnapshot {
    return {
      v: 1,
      operatorTime: this.operatorTime === -Infinity ? null : this.operatorTime,
      left: this.left.snapshot(),
      right: this.right.snapshot(),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as IntervalJoinSnapshot;
    this.operatorTime = s.operatorTime ?? -Infinity;
    this.left.restore(s.left);
    this.right.restore(s.right);
  }

  stateSize(): StateSize {
    return { rows: this.left.rows + this.right.rows, bytes: this.left.bytes + this.right.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function intervalJoin(options: IntervalJoinOptions): IntervalJoinOperator {
  return new IntervalJoinOperator(options);
}
