import { describe, expect, it } from 'vitest';
import type { Value } from '../types';
import { calc } from './calc';
import { D, I, UA, UB, show } from './testkit';

const ctx = { now: 0 };

describe('Calc', () => {
  it('filters on predicate === true and projects, keeping row kinds', () => {
    const op = calc({
      filter: (r) => (r[1] === null ? null : (r[1] as number) > 10),
      projections: [(r) => r[0]!, (r) => (r[1] as number) * 2, (r) => String(r[0]).toUpperCase()],
    });
    const out = op.process([I('a', 5), I('b', 20), UB('c', 11), UA('c', 12), D('d', null), D('e', 30)], 0, ctx);
    expect(show(out)).toEqual(['+I[b, 40, B]', '-U[c, 22, C]', '+U[c, 24, C]', '-D[e, 60, E]']);
  });

  it('uses column refs without calling their closures', () => {
    const never = (): Value => {
      throw new Error('should not be called');
    };
    const op = calc({ filter: null, projections: [never, (r) => (r[0] as number) + 1, never], columnRefs: [2, null, 0] });
    expect(show(op.process([I(1, 'x', true)], 0, ctx))).toEqual(['+I[true, 2, 1]']);
  });

  it('forwards rows untouched for a filter-only Calc and the whole batch without a filter', () => {
    const rows = [I(1), I(2), I(3)];
    const f = calc({ filter: (r) => r[0] !== 2, projections: null });
    const out = f.process(rows, 0, ctx);
    expect(out.map((c) => c.row)).toEqual([[1], [3]]);
    expect(out[0]!.row).toBe(rows[0]!.row);
    const all = calc({ filter: null, projections: null });
    expect(all.process(rows, 0, ctx)).toBe(rows);
  });

  it('is stateless and spreads load round-robin over subtasks', () => {
    const op = calc({ filter: null, projections: null, parallelism: 3 });
    op.process([I(1), I(2), I(3), I(4)], 0, ctx);
    expect(op.lastSubtaskLoad()).toEqual([2, 1, 1]);
    op.process([I(1), I(2)], 0, ctx);
    expect(op.lastSubtaskLoad()).toEqual([0, 1, 1]);
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });
});
