// The event-time temporal join operator against Flink's TemporalRowTimeJoinOperator: left rows
// wait for the watermark and join the version valid at their time; deletions match nothing;
// old versions are dropped; the state survives a checkpoint.
import { describe, expect, it } from 'vitest';
import { RowKind } from '../types';
import { TemporalJoinOperator, type TemporalJoinOptions } from './temporal-join';
import { D, I, UA, UB, show, viaJson } from './testkit';

// Left: [order_id, currency, ts]; right (versioned rates): [currency, rate, ts].
function op(o: Partial<TemporalJoinOptions> = {}): TemporalJoinOperator {
  return new TemporalJoinOperator({ joinType: 'INNER', leftKeys: [1], rightKeys: [0], leftArity: 3, rightArity: 3, residual: null, leftTimeIndex: 2, rightTimeIndex: 2, ...o });
}
const ctx = { now: 0 };

describe('TemporalJoinOperator', () => {
  it('joins each order with the rate valid at its time, once the watermark passes it', () => {
    const j = op();
    j.process([I('EUR', 114, 0), UB('EUR', 114, 0), UA('EUR', 116, 10), I('USD', 100, 0)], 1, ctx);
    j.process([I(1, 'EUR', 5), I(2, 'EUR', 10), I(3, 'EUR', 30), I(4, 'GBP', 6), I(5, 'USD', 7)], 0, ctx);
    expect(show(j.onWatermark(9, ctx))).toEqual(['+I[1, EUR, 5, EUR, 114, 0]', '+I[5, USD, 7, USD, 100, 0]']);
    j.process([UA('EUR', 120, 20)], 1, ctx);
    expect(show(j.onWatermark(40, ctx))).toEqual(['+I[2, EUR, 10, EUR, 116, 10]', '+I[3, EUR, 30, EUR, 120, 20]']);
  });

  it('LEFT JOIN pads an order with no version, a deleted one, or one the residual rejects', () => {
    const j = op({ joinType: 'LEFT', residual: (row) => (row[4] as number) > 100 });
    j.process([I('EUR', 114, 0), D('EUR', 114, 10), I('USD', 90, 0)], 1, ctx);
    j.process([I(1, 'EUR', 5), I(2, 'EUR', 12), I(3, 'GBP', 1), I(4, 'USD', 3)], 0, ctx);
    // Keys fire one after the other (EUR, USD, then GBP, which never had a version).
    expect(show(j.onWatermark(20, ctx))).toEqual(['+I[1, EUR, 5, EUR, 114, 0]', '+I[2, EUR, 12, NULL, NULL, NULL]', '+I[4, USD, 3, NULL, NULL, NULL]', '+I[3, GBP, 1, NULL, NULL, NULL]']);
    expect(show(j.onWatermark(21, ctx))).toEqual([]);
  });

  it('keeps the version valid at the watermark and later ones; a late order joins what is left', () => {
    const j = op();
    j.process([I('EUR', 1, 0), UA('EUR', 2, 10), UA('EUR', 3, 20), UA('EUR', 4, 30)], 1, ctx);
    j.onWatermark(25, ctx);
    expect(j.stateSize().rows).toBe(2); // versions 20 and 30
    j.process([I(1, 'EUR', 5)], 0, ctx);
    expect(show(j.onWatermark(26, ctx))).toEqual([]); // version 0 was dropped: no match
    j.process([I(2, 'EUR', 22)], 0, ctx);
    expect(show(j.onWatermark(27, ctx))).toEqual(['+I[2, EUR, 22, EUR, 3, 20]']);
  });

  it('output rows keep the left row kind', () => {
    const j = op();
    j.process([I('EUR', 1, 0)], 1, ctx);
    j.process([{ kind: RowKind.DELETE, row: [1, 'EUR', 5] }], 0, ctx);
    expect(show(j.onWatermark(10, ctx))).toEqual(['-D[1, EUR, 5, EUR, 1, 0]']);
  });

  it('restores its state from a checkpoint', () => {
    const j = op();
    j.process([I('EUR', 1, 0), UA('EUR', 2, 10)], 1, ctx);
    j.process([I(1, 'EUR', 5), I(2, 'EUR', 15)], 0, ctx);
    const restored = op();
    restored.restore(viaJson(j.snapshot()));
    expect(restored.stateSize()).toEqual(j.stateSize());
    expect(show(restored.onWatermark(20, ctx))).toEqual(show(j.onWatermark(20, ctx)));
  });
});
