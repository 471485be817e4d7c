// The OVER aggregation operator against the behaviour of Flink's over process functions
// (operators/over): when rows are emitted, which are late, ROWS against RANGE peers, LAG, and
// its state through a checkpoint.
import { describe, expect, it } from 'vitest';
import type { OverAggCall } from '../plan/graph';
import { mk } from '../expr/typeutil';
import type { Batch } from '../types';
import { OverAggregateOperator, type OverAggregateOptions } from './over-aggregate';
import { I, show, viaJson } from './testkit';

// Input rows: [k, v, ts].
const COUNT: OverAggCall = { fn: 'COUNT_STAR', arg: null, distinct: false, filter: null, type: mk('BIGINT', false), display: 'COUNT(*)' };
const SUM: OverAggCall = { fn: 'SUM', arg: 1, distinct: false, filter: null, type: mk('INT', true), display: 'SUM(v)' };
const MIN: OverAggCall = { fn: 'MIN', arg: 1, distinct: false, filter: null, type: mk('INT', true), display: 'MIN(v)' };
const LAG: OverAggCall = { fn: 'LAG', arg: 1, distinct: false, filter: null, type: mk('INT', true), display: 'LAG(v)', lag: { offset: 1, defaultValue: null } };

function op(o: Partial<OverAggregateOptions>): OverAggregateOperator {
  return new OverAggregateOperator({ partitionKeys: [0], timeKind: 'rowtime', timeIndex: 2, rows: true, preceding: null, aggs: [COUNT, SUM], epochMs: 0, ...o });
}

const at = (now: number) => ({ now });
const push = (o: OverAggregateOperator, batch: Batch, now = 0) => show(o.process(batch, 0, at(now)));
const wm = (o: OverAggregateOperator, w: number) => show(o.onWatermark(w, at(0)));

describe('OverAggregateOperator, event time', () => {
  it('ROWS n PRECEDING: rows wait for the watermark, then go out in time order over the last n + 1 rows', () => {
    const o = op({ preceding: 1 });
    expect(push(o, [I('a', 1, 30), I('a', 2, 10), I('b', 5, 20), I('a', 3, 20)])).toEqual([]);
    // Timers of one time fire partition by partition (Flink's timer queue leaves the order open).
    expect(wm(o, 25)).toEqual(['+I[a, 2, 10, 1, 2]', '+I[a, 3, 20, 2, 5]', '+I[b, 5, 20, 1, 5]']);
    expect(wm(o, 30)).toEqual(['+I[a, 1, 30, 2, 4]']);
    expect(o.stateSize().rows).toBeGreaterThan(0);
  });

  it('bounded frames: a row at or before the partition\'s last fired time is late; a row behind the watermark is not', () => {
    const o = op({ preceding: 1 });
    push(o, [I('a', 1, 10)]);
    wm(o, 100);
    expect(push(o, [I('a', 2, 10), I('a', 3, 50), I('b', 4, 5)])).toEqual([]);
    expect(o.lateDropped()).toBe(1);
    // Accepted behind the watermark: fires at the next watermark.
    expect(wm(o, 101)).toEqual(['+I[b, 4, 5, 1, 4]', '+I[a, 3, 50, 2, 4]']);
  });

  it('unbounded frames: a row at or behind the watermark is late', () => {
    const o = op({});
    push(o, [I('a', 1, 10)]);
    wm(o, 10);
    push(o, [I('a', 2, 10), I('b', 2, 9), I('a', 3, 11)]);
    expect(o.lateDropped()).toBe(2);
    expect(wm(o, 20)).toEqual(['+I[a, 3, 11, 2, 4]']);
  });

  it('RANGE: rows of the same time are peers and share their values; a bounded range drops rows older than time - interval', () => {
    const o = op({ rows: false, preceding: 10 });
    push(o, [I('a', 1, 100), I('a', 2, 105), I('a', 3, 105), I('a', 4, 116)]);
    expect(wm(o, 200)).toEqual(['+I[a, 1, 100, 1, 1]', '+I[a, 2, 105, 3, 6]', '+I[a, 3, 105, 3, 6]', '+I[a, 4, 116, 1, 4]']);
    const rowsFrame = op({ rows: true, preceding: null });
    push(rowsFrame, [I('a', 1, 100), I('a', 2, 105), I('a', 3, 105)]);
    expect(wm(rowsFrame, 200)).toEqual(['+I[a, 1, 100, 1, 1]', '+I[a, 2, 105, 2, 3]', '+I[a, 3, 105, 3, 6]']);
  });

  it('MIN retracts in a bounded frame', () => {
    const o = op({ preceding: 1, aggs: [MIN] });
    push(o, [I('a', 1, 1), I('a', 5, 2), I('a', 3, 3)]);
    expect(wm(o, 10)).toEqual(['+I[a, 1, 1, 1]', '+I[a, 5, 2, 1]', '+I[a, 3, 3, 3]']);
  });

  it('RANGE bounded state is dropped past last time + 1.5 * interval + 1, and the last fired time with it', () => {
    const o = op({ rows: false, preceding: 10 });
    push(o, [I('a', 1, 100)]);
    wm(o, 100);
    expect(o.stateSize().rows).toBe(2); // the partition and its row
    wm(o, 116);
    expect(o.stateSize().rows).toBe(0);
    // As in Flink, the forgotten lastTriggeringTs lets an old row in again.
    push(o, [I('a', 2, 50)]);
    expect(o.lateDropped()).toBe(0);
    expect(wm(o, 117)).toEqual(['+I[a, 2, 50, 1, 2]']);
  });

  it('LAG: the value offset rows back, or the default', () => {
    const o = op({ aggs: [LAG, { ...LAG, lag: { offset: 2, defaultValue: -1 } }] });
    push(o, [I('a', 1, 1), I('a', 2, 2), I('a', 3, 3)]);
    expect(wm(o, 10)).toEqual(['+I[a, 1, 1, NULL, -1]', '+I[a, 2, 2, 1, -1]', '+I[a, 3, 3, 2, 1]']);
  });

  it('restores from a checkpoint and continues as if uninterrupted', () => {
    const steps = (o: OverAggregateOperator, from: number) => {
      const out: string[] = [];
      for (let i = from; i < 6; i++) {
        out.push(...push(o, [I('a', i, i * 10), I('b', i * 2, i * 10 + 5)]));
        out.push(...wm(o, i * 10));
      }
      return out;
    };
    const whole = op({ preceding: 2, aggs: [COUNT, SUM, MIN] });
    const expected = steps(whole, 0);
    const first = op({ preceding: 2, aggs: [COUNT, SUM, MIN] });
    for (let i = 0; i < 3; i++) {
      push(first, [I('a', i, i * 10), I('b', i * 2, i * 10 + 5)]);
      wm(first, i * 10);
    }
    const restored = op({ preceding: 2, aggs: [COUNT, SUM, MIN] });
    restored.restore(viaJson(first.snapshot()));
    expect(restored.stateSize()).toEqual(first.stateSize());
    const again = op({ preceding: 2, aggs: [COUNT, SUM, MIN] });
    const prefix: string[] = [];
    for (let i = 0; i < 3; i++) {
      prefix.push(...push(again, [I('a', i, i * 10), I('b', i * 2, i * 10 + 5)]));
      prefix.push(...wm(again, i * 10));
    }
    expect([...prefix, ...steps(restored, 3)]).toEqual(expected);
  });
});

describe('OverAggregateOperator, processing time', () => {
  it('ROWS and unbounded frames emit each row as it arrives', () => {
    const o = op({ timeKind: 'proctime', preceding: 1 });
    expect(push(o, [I('a', 1, null), I('a', 2, null), I('a', 3, null)])).toEqual(['+I[a, 1, NULL, 1, 1]', '+I[a, 2, NULL, 2, 3]', '+I[a, 3, NULL, 2, 5]']);
  });

  it('RANGE INTERVAL PRECEDING: rows of one millisecond go out together once the clock has moved on', () => {
    const o = op({ timeKind: 'proctime', rows: false, preceding: 1000 });
    expect(push(o, [I('a', 1, null), I('a', 2, null)], 0)).toEqual([]);
    expect(show(o.onProcessingTime(at(1)))).toEqual(['+I[a, 1, NULL, 2, 3]', '+I[a, 2, NULL, 2, 3]']);
    expect(push(o, [I('a', 4, null)], 1001)).toEqual([]);
    expect(push(o, [I('a', 8, null)], 1002)).toEqual(['+I[a, 4, NULL, 1, 4]']);
  });
});
