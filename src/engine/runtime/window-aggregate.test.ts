import { describe, expect, it } from 'vitest';
import type { WindowSpec } from '../plan/graph';
import { I, show, viaJson } from './testkit';
import { windowTableFunction } from './window-table-function';
import { windowAggregate, type WindowAggregateOptions } from './window-aggregate';
import { windowJoin } from './window-join';
import { assignWindows, firstSliceEnd } from './window/assigners';

const ctx = { now: 0 };
const tumble: WindowSpec = { kind: 'TUMBLE', sizeMs: 10, slideMs: 10, offsetMs: 0, timeKind: 'rowtime' };
const hop: WindowSpec = { kind: 'HOP', sizeMs: 10, slideMs: 5, offsetMs: 0, timeKind: 'rowtime' };
const cumulate: WindowSpec = { kind: 'CUMULATE', sizeMs: 30, slideMs: 10, offsetMs: 0, timeKind: 'rowtime' };
const session: WindowSpec = { kind: 'SESSION', sizeMs: 10, slideMs: 10, offsetMs: 0, timeKind: 'rowtime' };

describe('window assigners', () => {
  it('align windows to the epoch plus the offset, negative times included', () => {
    expect(assignWindows(tumble, 17)).toEqual([{ start: 10, end: 20 }]);
    expect(assignWindows(tumble, -3)).toEqual([{ start: -10, end: 0 }]);
    expect(assignWindows({ ...tumble, offsetMs: 3 }, 12)).toEqual([{ start: 3, end: 13 }]);
    expect(assignWindows(hop, 12)).toEqual([
      { start: 5, end: 15 },
      { start: 10, end: 20 },
    ]);
    expect(assignWindows(cumulate, 12)).toEqual([
      { start: 0, end: 20 },
      { start: 0, end: 30 },
    ]);
    expect(assignWindows(session, 12)).toEqual([{ start: 12, end: 22 }]);
  });
  it('a record is late once the slice holding it has fired', () => {
    expect(firstSliceEnd(tumble, 12)).toBe(20);
    expect(firstSliceEnd(hop, 12)).toBe(15);
    expect(firstSliceEnd(cumulate, 12)).toBe(20);
  });
});

describe('WindowTableFunctionOperator', () => {
  it('emits the row once per window with window_start, window_end, window_time', () => {
    const op = windowTableFunction({ window: hop, timeIndex: 1, dropLateRecords: false });
    expect(show(op.process([I('a', 12)], 0, ctx))).toEqual(['+I[a, 12, 5, 15, 14]', '+I[a, 12, 10, 20, 19]']);
  });
  it('drops and counts late records when a window aggregation reads it', () => {
    const op = windowTableFunction({ window: hop, timeIndex: 1, dropLateRecords: true });
    op.onWatermark(14, ctx);
    // 12 is in slice [10, 15), fired at 14: dropped whole, although window [10, 20) is still open.
    expect(show(op.process([I('a', 12), I('b', 15)], 0, ctx))).toEqual(['+I[b, 15, 10, 20, 19]', '+I[b, 15, 15, 25, 24]']);
    expect(op.lateDropped()).toBe(1);
    const copy = windowTableFunction({ window: hop, timeIndex: 1, dropLateRecords: true });
    copy.restore(viaJson(op.snapshot()));
    expect(copy.lateDropped()).toBe(1);
    expect(show(copy.process([I('c', 13)], 0, ctx))).toEqual([]);
  });
});

// Aggregate input rows: [user, window_start, window_end, amount]; output [user, ws, we, COUNT(*), SUM(amount)].
const aggOptions = (window: WindowSpec): WindowAggregateOptions => ({
  window,
  keyCount: 3,
  windowStartKey: 1,
  windowEndKey: 2,
  windowTimeKey: null,
  aggs: [
    { fn: 'COUNT_STAR', arg: null, distinct: false, filter: null, type: { name: 'BIGINT' } },
    { fn: 'SUM', arg: 3, distinct: false, filter: null, type: { name: 'INT' } },
  ],
  epochMs: 0,
});

describe('WindowAggregateOperator', () => {
  it('emits each window once, insert-only, when the watermark reaches window_end - 1', () => {
    const op = windowAggregate(aggOptions(tumble));
    expect(show(op.process([I('a', 0, 10, 1), I('a', 0, 10, 2), I('b', 0, 10, 5), I('a', 10, 20, 7)], 0, ctx))).toEqual([]);
    expect(show(op.onWatermark(8, ctx))).toEqual([]);
    expect(show(op.onWatermark(9, ctx))).toEqual(['+I[a, 0, 10, 2, 3]', '+I[b, 0, 10, 1, 5]']);
    expect(op.stateSize().rows).toBe(1);
    const copy = windowAggregate(aggOptions(tumble));
    copy.restore(viaJson(op.snapshot()));
    expect(show(copy.onWatermark(Number.MAX_SAFE_INTEGER, ctx))).toEqual(['+I[a, 10, 20, 1, 7]']);
    expect(copy.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });

  it('merges sessions per key, a row bridging two sessions included; a row too late for any open session is dropped', () => {
    const op = windowAggregate(aggOptions(session));
    op.process([I('a', 0, 10, 1), I('a', 25, 35, 2), I('b', 3, 13, 4)], 0, ctx);
    op.process([I('a', 8, 18, 10)], 0, ctx); // [8, 18) overlaps [0, 10) -> [0, 18); touches nothing else
    op.process([I('a', 17, 27, 100)], 0, ctx); // bridges [0, 18) and [25, 35) -> [0, 35)
    expect(show(op.onWatermark(20, ctx))).toEqual(['+I[b, 3, 13, 1, 4]']);
    op.process([I('b', 1, 11, 9)], 0, ctx); // b's session fired; [1, 11) would end at 11 <= wm: late
    expect(op.lateDropped()).toBe(1);
    expect(show(op.onWatermark(40, ctx))).toEqual(['+I[a, 0, 35, 4, 113]']);
  });

  it('proctime windows fire on the clock', () => {
    const op = windowAggregate({ ...aggOptions({ ...tumble, timeKind: 'proctime' }), epochMs: 1000 });
    op.process([I('a', 1000, 1010, 1)], 0, { now: 0 });
    expect(show(op.onProcessingTime({ now: 8 }))).toEqual([]);
    expect(show(op.onProcessingTime({ now: 9 }))).toEqual(['+I[a, 1000, 1010, 1, 1]']);
  });
});

describe('WindowJoinOperator', () => {
  it('joins a window’s rows when it fires, pads outer rows, drops late rows', () => {
    // Rows [window_end, k]; keys [k] and the window end.
    const op = windowJoin({ joinType: 'FULL', leftKeys: [0, 1], rightKeys: [0, 1], leftArity: 2, rightArity: 2, leftWindowEndIndex: 0, rightWindowEndIndex: 0, timeKind: 'rowtime', epochMs: 0 });
    op.process([I(10, 'a'), I(10, 'b'), I(20, 'a')], 0, ctx);
    op.process([I(10, 'a'), I(10, 'c')], 1, ctx);
    expect(show(op.onWatermark(9, ctx))).toEqual(['+I[10, a, 10, a]', '+I[10, b, NULL, NULL]', '+I[NULL, NULL, 10, c]']);
    expect(show(op.process([I(10, 'a')], 1, ctx))).toEqual([]);
    expect(op.lateDropped()).toBe(1);
    // The unfired window, its rows on both sides and the late count survive JSON round trips.
    const options = { joinType: 'FULL', leftKeys: [0, 1], rightKeys: [0, 1], leftArity: 2, rightArity: 2, leftWindowEndIndex: 0, rightWindowEndIndex: 0, timeKind: 'rowtime', epochMs: 0 } as const;
    const copy = windowJoin(options);
    copy.restore(viaJson(op.snapshot()));
    expect(copy.stateSize()).toEqual(op.stateSize());
    copy.process([I(20, 'b')], 1, ctx);
    const copy2 = windowJoin(options);
    copy2.restore(viaJson(copy.snapshot()));
    expect(copy2.stateSize()).toEqual(copy.stateSize());
    expect(copy2.lateDropped()).toBe(1);
    expect(show(copy2.onWatermark(Number.MAX_SAFE_INTEGER, ctx))).toEqual(['+I[20, a, NULL, NULL]', '+I[NULL, NULL, 20, b]']);
    expect(copy2.stateSize()).toEqual({ rows: 0, bytes: 0 });
    expect(show(op.onWatermark(Number.MAX_SAFE_INTEGER, ctx))).toEqual(['+I[20, a, NULL, NULL]']);
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });
});
