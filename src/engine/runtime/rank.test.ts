import { describe, expect, it } from 'vitest';
import { D, I, UA, UB, show, viaJson } from './testkit';
import { rank } from './rank';
import { deduplicate } from './deduplicate';
import { windowRank } from './window-rank';

const ctx = { now: 0 };

describe('RankOperator', () => {
  // Rows [k, v]; top 2 per k by v DESC.
  const top2 = (outputRankNumber: boolean) => rank({ partitionKeys: [0], sortKeys: [{ index: 1, descending: true, nullsFirst: false }], rankEnd: 2, outputRankNumber });

  it('with the row number: a row entering shifts the ranks below it as updates', () => {
    const op = top2(true);
    expect(show(op.process([I('a', 5)], 0, ctx))).toEqual(['+I[a, 5, 1]']);
    expect(show(op.process([I('a', 3)], 0, ctx))).toEqual(['+I[a, 3, 2]']);
    expect(show(op.process([I('a', 9)], 0, ctx))).toEqual(['-U[a, 5, 1]', '+U[a, 9, 1]', '-U[a, 3, 2]', '+U[a, 5, 2]']);
    expect(show(op.process([I('a', 1)], 0, ctx))).toEqual([]);
    // A retraction lets a row back in.
    expect(show(op.process([D('a', 9)], 0, ctx))).toEqual(['-U[a, 9, 1]', '+U[a, 5, 1]', '-U[a, 5, 2]', '+U[a, 3, 2]']);
  });

  it('without the row number: -D the row that left, +I the row that entered', () => {
    const op = top2(false);
    op.process([I('a', 5), I('a', 3)], 0, ctx);
    expect(show(op.process([I('a', 4)], 0, ctx))).toEqual(['-D[a, 3]', '+I[a, 4]']);
    expect(show(op.process([UB('a', 4), UA('a', 2)], 0, ctx))).toEqual(['-D[a, 4]', '+I[a, 3]']);
  });

  it('NULLs sort last descending; equal keys keep arrival order; state survives a JSON round trip', () => {
    const op = top2(true);
    op.process([I('a', null), I('a', 7), I('a', 7)], 0, ctx);
    const copy = top2(true);
    copy.restore(viaJson(op.snapshot()));
    expect(copy.stateSize()).toEqual(op.stateSize());
    expect(show(copy.process([D('a', 7)], 0, ctx))).toEqual(['-U[a, 7, 2]', '+U[a, NULL, 2]']);
  });
});

describe('DeduplicateOperator', () => {
  const dedup = (keepLastRow: boolean, timeKind: 'rowtime' | 'proctime') => deduplicate({ partitionKeys: [0], keepLastRow, timeKind, timeIndex: 1, outputRankNumber: false });

  it('proctime keep first is insert-only: later rows are ignored', () => {
    expect(show(dedup(false, 'proctime').process([I('a', 1), I('a', 2), I('b', 3)], 0, ctx))).toEqual(['+I[a, 1]', '+I[b, 3]']);
  });
  it('proctime keep last: every row replaces the kept one', () => {
    expect(show(dedup(true, 'proctime').process([I('a', 1), I('a', 2)], 0, ctx))).toEqual(['+I[a, 1]', '-U[a, 1]', '+U[a, 2]']);
  });
  it('rowtime keep first replaces only on an earlier time; keep last on the same or a later time', () => {
    expect(show(dedup(false, 'rowtime').process([I('a', 5), I('a', 7), I('a', 5), I('a', 3)], 0, ctx))).toEqual(['+I[a, 5]', '-U[a, 5]', '+U[a, 3]']);
    expect(show(dedup(true, 'rowtime').process([I('a', 5), I('a', 3), I('a', 5), I('a', 9), I('a', null)], 0, ctx))).toEqual(['+I[a, 5]', '-U[a, 5]', '+U[a, 5]', '-U[a, 5]', '+U[a, 9]']);
  });
});

describe('WindowRankOperator', () => {
  it('ranks a window once when the watermark reaches its end - 1; later rows of that window are late', () => {
    // Rows [window_end, k, v]; top 1 per (window_end, k) by v DESC.
    const op = windowRank({ partitionKeys: [0, 1], sortKeys: [{ index: 2, descending: true, nullsFirst: false }], rankEnd: 1, windowEndIndex: 0, timeKind: 'rowtime', epochMs: 0 });
    expect(show(op.process([I(10, 'a', 1), I(10, 'a', 4), I(20, 'a', 9), I(10, 'b', 2)], 0, ctx))).toEqual([]);
    expect(show(op.onWatermark(9, ctx))).toEqual(['+I[10, a, 4, 1]', '+I[10, b, 2, 1]']);
    const copy = windowRank({ partitionKeys: [0, 1], sortKeys: [{ index: 2, descending: true, nullsFirst: false }], rankEnd: 1, windowEndIndex: 0, timeKind: 'rowtime', epochMs: 0 });
    copy.restore(viaJson(op.snapshot()));
    expect(show(copy.process([I(10, 'a', 7)], 0, ctx))).toEqual([]);
    expect(copy.lateDropped()).toBe(1);
    expect(show(copy.onWatermark(Number.MAX_SAFE_INTEGER, ctx))).toEqual(['+I[20, a, 9, 1]']);
    expect(copy.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });
});
