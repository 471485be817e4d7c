import { describe, expect, it } from 'vitest';
import { I, UA, show, viaJson } from './testkit';
import { intervalJoin, type IntervalJoinOptions } from './interval-join';

// Rows: left [id, t], right [id, t]; right.t within [left.t - 10, left.t] (lower -0 .. upper 10 on left - right).
const base: IntervalJoinOptions = {
  joinType: 'INNER',
  leftKeys: [0],
  rightKeys: [0],
  leftArity: 2,
  rightArity: 2,
  timeKind: 'rowtime',
  lowerBoundMs: 0,
  upperBoundMs: 10,
  leftTimeIndex: 1,
  rightTimeIndex: 1,
};
const ctx = { now: 0 };

describe('IntervalJoinOperator (rowtime)', () => {
  it('joins rows whose times fall in the interval, whichever side comes first', () => {
    const op = intervalJoin(base);
    expect(show(op.process([I('a', 100)], 1, ctx))).toEqual([]);
    expect(show(op.process([I('a', 105), I('a', 111), I('a', 99), I('b', 100)], 0, ctx))).toEqual(['+I[a, 105, a, 100]']);
    // A right row arriving later meets the cached left rows of its window.
    expect(show(op.process([I('a', 101)], 1, ctx))).toEqual(['+I[a, 105, a, 101]', '+I[a, 111, a, 101]']);
  });

  it('the watermark expires both sides: state is bounded by the interval, not by the input', () => {
    const op = intervalJoin(base);
    for (let t = 0; t < 1000; t += 5) {
      op.process([I('k', t)], 0, ctx);
      op.process([I('k', t)], 1, ctx);
      op.onWatermark(t, ctx);
    }
    // Left rows live until wm >= t + 0 + 1 (leftRelativeSize 0); right rows until wm >= t + 10 + 1.
    expect(op.stateSize().rows).toBeLessThanOrEqual(4);
    op.onWatermark(Number.MAX_SAFE_INTEGER, ctx);
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });

  it('LEFT: a left row is padded when it expires unmatched, never retracted', () => {
    const op = intervalJoin({ ...base, joinType: 'LEFT' });
    expect(show(op.process([I('a', 100), I('b', 100)], 0, ctx))).toEqual([]);
    expect(show(op.process([I('a', 95)], 1, ctx))).toEqual(['+I[a, 100, a, 95]']);
    // Left rows of time 100 can meet right rows up to time 100: they expire once wm > 100.
    expect(show(op.onWatermark(100, ctx))).toEqual([]);
    expect(show(op.onWatermark(101, ctx))).toEqual(['+I[b, 100, NULL, NULL]']);
    expect(op.stateSize().rows).toBe(1); // the right row waits for left rows up to time 105
  });

  it('RIGHT and FULL pad the right side; a row that is already too late is padded at once', () => {
    const op = intervalJoin({ ...base, joinType: 'FULL' });
    op.onWatermark(200, ctx);
    // Right row of time 150: left rows of times 150..160 can no longer come (wm 200).
    expect(show(op.process([I('x', 150)], 1, ctx))).toEqual(['+I[NULL, NULL, x, 150]']);
    expect(show(op.process([I('y', 150)], 0, ctx))).toEqual(['+I[y, 150, NULL, NULL]']);
    expect(op.stateSize().rows).toBe(0);
  });

  it('NULL keys never match; an outer NULL-keyed row is still padded', () => {
    const op = intervalJoin({ ...base, joinType: 'LEFT' });
    op.process([I(null, 100)], 1, ctx);
    expect(show(op.process([I(null, 100)], 0, ctx))).toEqual([]);
    expect(show(op.onWatermark(Number.MAX_SAFE_INTEGER, ctx))).toEqual(['+I[NULL, 100, NULL, NULL]']);
  });

  it('a residual condition decides matches; the equality form is a zero-width interval', () => {
    const residual = (r: readonly unknown[]) => (r[1] as number) % 2 === 0;
    const op = intervalJoin({ ...base, lowerBoundMs: 0, upperBoundMs: 0, residual });
    op.process([I('a', 10), I('a', 11)], 1, ctx);
    expect(show(op.process([I('a', 10), I('a', 11), I('a', 12)], 0, ctx))).toEqual(['+I[a, 10, a, 10]']);
  });

  it('rejects updating input', () => {
    const op = intervalJoin(base);
    expect(() => op.process([UA('a', 1)], 0, ctx)).toThrow(/insert-only/);
  });

  it('snapshot and restore through JSON keep cached rows, joined flags and the operator time', () => {
    const op = intervalJoin({ ...base, joinType: 'LEFT' });
    op.process([I('a', 100), I('b', 100)], 0, ctx);
    op.process([I('a', 95)], 1, ctx);
    op.onWatermark(50, ctx);
    const copy = intervalJoin({ ...base, joinType: 'LEFT' });
    copy.restore(viaJson(op.snapshot()));
    expect(copy.stateSize()).toEqual(op.stateSize());
    expect(show(copy.onWatermark(101, ctx))).toEqual(['+I[b, 100, NULL, NULL]']);
    const fresh = intervalJoin(base);
    fresh.restore(viaJson(fresh.snapshot()));
    expect(fresh.stateSize().rows).toBe(0);
  });
});

describe('IntervalJoinOperator (proctime)', () => {
  it('rows take the processing time they arrive at and expire as it advances', () => {
    const op = intervalJoin({ ...base, timeKind: 'proctime', joinType: 'LEFT', lowerBoundMs: -1000, upperBoundMs: 1000 });
    op.process([I('a', null)], 0, { now: 0 });
    expect(show(op.process([I('a', null)], 1, { now: 500 }))).toEqual(['+I[a, NULL, a, NULL]']);
    op.process([I('b', null)], 0, { now: 600 });
    expect(show(op.onProcessingTime({ now: 1500 }))).toEqual([]);
    expect(show(op.onProcessingTime({ now: 1601 }))).toEqual(['+I[b, NULL, NULL, NULL]']);
  });
});
