import { describe, expect, it } from 'vitest';
import type { Batch, TypeName } from '../types';
import type { AggFunction } from '../plan/graph';
import { groupAggregate, type GroupAggregateOptions } from './group-aggregate';
import type { AggSpec } from './state/accumulators';
import { VIEW_ARRAY_BACK, VIEW_ARRAY_MAX } from './state/value-counts';
import { D, I, UA, UB, run, show, viaJson } from './testkit';

function agg(fn: AggFunction, arg: number | null, opts: Partial<AggSpec> & { typeName?: TypeName; scale?: number } = {}): AggSpec {
  const name: TypeName = opts.typeName ?? (fn === 'COUNT' || fn === 'COUNT_STAR' ? 'BIGINT' : 'INT');
  return {
    fn,
    arg,
    distinct: opts.distinct ?? false,
    filter: opts.filter ?? null,
    type: opts.scale === undefined ? { name } : { name, scale: opts.scale },
  };
}

describe('GroupAggregate: retraction', () => {
  // input: [k, v]
  const make = (extra: Partial<GroupAggregateOptions> = {}) =>
    groupAggregate({ groupKeys: [0], aggs: [agg('COUNT_STAR', null), agg('SUM', 1)], ...extra });

  it('emits +I, then -U/+U, then -D when the group empties, and ignores retractions of absent groups', () => {
    const op = make();
    expect(
      run(op, [
        { batch: [I('a', 1)] },
        { batch: [I('a', 2), I('b', 5)] },
        { batch: [D('a', 1)] },
        { batch: [D('a', 2)] },
        { batch: [D('a', 2), UB('zz', 1)] },
      ]),
    ).toEqual([
      '+I[a, 1, 1]',
      '-U[a, 1, 1]',
      '+U[a, 2, 3]',
      '+I[b, 1, 5]',
      '-U[a, 2, 3]',
      '+U[a, 1, 2]',
      '-D[a, 1, 2]',
    ]);
    expect(op.getCounters().ignoredRetractions).toBe(2);
    expect(op.groupCount()).toBe(1);
  });

  it('treats +U as accumulate and -U as retract (an upstream update)', () => {
    const op = make();
    expect(run(op, [{ batch: [I('a', 1), UB('a', 1), UA('a', 7)] }])).toEqual([
      '+I[a, 1, 1]',
      '-D[a, 1, 1]',
      '+I[a, 1, 7]',
    ]);
  });

  it('suppresses unchanged results when TTL is off, emits -U/+U anyway when TTL is on', () => {
    const off = groupAggregate({ groupKeys: [0], aggs: [agg('MAX', 1)] });
    expect(run(off, [{ batch: [I('a', 5), I('a', 3), D('a', 3)] }])).toEqual(['+I[a, 5]']);
    const on = groupAggregate({ groupKeys: [0], aggs: [agg('MAX', 1)], ttlMs: 60_000 });
    expect(run(on, [{ batch: [I('a', 5), I('a', 3)] }])).toEqual(['+I[a, 5]', '-U[a, 5]', '+U[a, 5]']);
  });

  it('omits -U when generateUpdateBefore is false', () => {
    const op = make({ generateUpdateBefore: false });
    expect(run(op, [{ batch: [I('a', 1), I('a', 2), D('a', 1), D('a', 2)] }])).toEqual([
      '+I[a, 1, 1]',
      '+U[a, 2, 3]',
      '+U[a, 1, 2]',
      '-D[a, 1, 2]',
    ]);
  });

  it('aggregates everything into one group without group keys', () => {
    const op = groupAggregate({ groupKeys: [], aggs: [agg('COUNT_STAR', null), agg('SUM', 1)] });
    expect(run(op, [{ batch: [I('a', 1), I('b', 2), D('a', 1), D('b', 2)] }])).toEqual([
      '+I[1, 1]',
      '-U[1, 1]',
      '+U[2, 3]',
      '-U[2, 3]',
      '+U[1, 2]',
      '-D[1, 2]',
    ]);
  });

  it('keeps 1, "1", NULL and TRUE as different group keys, and multi-column keys unambiguous', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('COUNT_STAR', null)] });
    expect(run(op, [{ batch: [I(1), I('1'), I(null), I(true), I(1)] }])).toEqual([
      '+I[1, 1]',
      '+I[1, 1]',
      '+I[NULL, 1]',
      '+I[true, 1]',
      '-U[1, 1]',
      '+U[1, 2]',
    ]);
    expect(op.groupCount()).toBe(4);
    const two = groupAggregate({ groupKeys: [0, 1], aggs: [agg('COUNT_STAR', null)] });
    run(two, [{ batch: [I('a1', ''), I('a', '1'), I('a:1', null), I('a', ':1')] }]);
    expect(two.groupCount()).toBe(4);
  });
});

describe('GroupAggregate: accumulators', () => {
  it('SUM and AVG return NULL with no non-null input, and go back to NULL when retracted', () => {
    // [k, v]
    const op = groupAggregate({
      groupKeys: [0],
      aggs: [agg('SUM', 1), agg('COUNT', 1), agg('AVG', 1, { typeName: 'DOUBLE' })],
    });
    expect(run(op, [{ batch: [I('a', null), I('a', 4), D('a', 4)] }])).toEqual([
      '+I[a, NULL, 0, NULL]',
      '-U[a, NULL, 0, NULL]',
      '+U[a, 4, 1, 4]',
      '-U[a, 4, 1, 4]',
      '+U[a, NULL, 0, NULL]',
    ]);
  });

  it('MIN/MAX stay right when the current extreme is deleted, including duplicates', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('MIN', 1), agg('MAX', 1)] });
    expect(
      run(op, [
        { batch: [I('a', 3), I('a', 1), I('a', 1), I('a', 5)] },
        { batch: [D('a', 1)] }, // one 1 left: unchanged
        { batch: [D('a', 1)] }, // min -> 3
        { batch: [D('a', 5)] }, // max -> 3
        { batch: [I('a', null), D('a', 3)] }, // only NULL left -> NULL, NULL
      ]),
    ).toEqual([
      '+I[a, 3, 3]',
      '-U[a, 3, 3]',
      '+U[a, 1, 3]',
      '-U[a, 1, 3]',
      '+U[a, 1, 5]',
      '-U[a, 1, 5]',
      '+U[a, 3, 5]',
      '-U[a, 3, 5]',
      '+U[a, 3, 3]',
      '-U[a, 3, 3]',
      '+U[a, NULL, NULL]',
    ]);
  });

  it('MIN/MAX on insert-only input keep only the extreme (no map view state)', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('MIN', 1), agg('MAX', 1)], inputInsertOnly: true });
    expect(run(op, [{ batch: [I('a', 3), I('a', 1), I('a', 5)] }]).at(-1)).toBe('+U[a, 1, 5]');
    expect(op.stateSize().rows).toBe(1);
    expect(() => op.process([D('a', 1)], 0, { now: 0 })).toThrow(/insert-only/);
  });

  it('MIN/MAX over strings use code-unit order', () => {
    const op = groupAggregate({ groupKeys: [], aggs: [agg('MIN', 0, { typeName: 'STRING' }), agg('MAX', 0, { typeName: 'STRING' })] });
    run(op, [{ batch: [I('b'), I('B'), I('ab')] }]);
    expect(op.snapshot().groups[0]![4]).toEqual(['B', 'b']);
  });

  it('COUNT(DISTINCT), SUM(DISTINCT) and AVG(DISTINCT) stay right under deletes', () => {
    const op = groupAggregate({
      groupKeys: [0],
      aggs: [agg('COUNT', 1, { distinct: true }), agg('SUM', 1, { distinct: true }), agg('AVG', 1, { distinct: true })],
    });
    expect(
      run(op, [
        { batch: [I('a', 2), I('a', 2), I('a', 4)] },
        { batch: [D('a', 2)] }, // one 2 left: unchanged, suppressed
        { batch: [D('a', 2)] },
        { batch: [I('a', null)] }, // NULL is not a distinct value
      ]),
    ).toEqual([
      '+I[a, 1, 2, 2]',
      '-U[a, 1, 2, 2]',
      '+U[a, 2, 6, 3]',
      '-U[a, 2, 6, 3]',
      '+U[a, 1, 4, 4]',
    ]);
  });

  it('AVG truncates for integer result types, rounds DECIMAL to its scale, divides for DOUBLE', () => {
    const op = groupAggregate({
      groupKeys: [],
      aggs: [
        agg('AVG', 0, { typeName: 'INT' }),
        agg('AVG', 0, { typeName: 'DOUBLE' }),
        agg('AVG', 0, { typeName: 'DECIMAL', scale: 2 }),
      ],
    });
    const out = op.process([I(1), I(2), I(2)], 0, { now: 0 });
    expect(show(out).at(-1)).toBe('+U[1, 1.6666666666666667, 1.67]');
    const neg = groupAggregate({ groupKeys: [], aggs: [agg('AVG', 0, { typeName: 'BIGINT' })] });
    expect(show(neg.process([I(-1), I(-4)], 0, { now: 0 })).at(-1)).toBe('+U[-2]'); // -2.5 truncates toward zero
  });

  it('DECIMAL SUM rounds away binary drift', () => {
    const op = groupAggregate({ groupKeys: [], aggs: [agg('SUM', 0, { typeName: 'DECIMAL', scale: 2 })] });
    expect(show(op.process([I(0.1), I(0.2)], 0, { now: 0 })).at(-1)).toBe('+U[0.3]');
    const dbl = groupAggregate({ groupKeys: [], aggs: [agg('SUM', 0, { typeName: 'DOUBLE' })] });
    expect(show(dbl.process([I(0.1), I(0.2)], 0, { now: 0 })).at(-1)).toBe('+U[0.30000000000000004]');
  });

  it('SUM of TINYINT / SMALLINT / INT wraps within its type (Flink SumWithRetractAggFunction); BIGINT and AVG do not', () => {
    const op = groupAggregate({
      groupKeys: [],
      aggs: [
        agg('SUM', 0, { typeName: 'TINYINT' }),
        agg('SUM', 0, { typeName: 'SMALLINT' }),
        agg('SUM', 1, { typeName: 'INT' }),
        agg('SUM', 1, { typeName: 'BIGINT' }),
        agg('AVG', 1, { typeName: 'INT' }),
        agg('SUM', 0, { typeName: 'TINYINT', distinct: true }),
      ],
    });
    // 100 + 102 = 202 -> -54 as a TINYINT; 2 * 2e9 = 4e9 -> -294967296 as an INT.
    expect(show(op.process([I(100, 2_000_000_000), I(102, 2_000_000_000)], 0, { now: 0 })).at(-1)).toBe(
      '+U[-54, 202, -294967296, 4000000000, 2000000000, -54]',
    );
    // Retracting brings the wrapped sum back: the result depends only on what is accumulated.
    expect(show(op.process([D(102, 2_000_000_000)], 0, { now: 0 })).at(-1)).toBe('+U[100, 100, 2000000000, 2000000000, 2000000000, 100]');
    // 100 - 300 - 300 = -500 -> 12 as a TINYINT; DISTINCT sums 100 and -300: -200 -> 56.
    expect(show(op.process([I(-300, -2_000_000_000), I(-300, -2_000_000_000)], 0, { now: 0 })).at(-1)).toBe(
      '+U[12, -500, -2000000000, -2000000000, -666666666, 56]',
    );
  });

  it('FILTER: aggregates only rows whose filter column is TRUE, but every row counts for the group', () => {
    // [k, v, flag]
    const op = groupAggregate({
      groupKeys: [0],
      aggs: [agg('COUNT_STAR', null, { filter: 2 }), agg('SUM', 1, { filter: 2 }), agg('COUNT_STAR', null)],
    });
    expect(
      run(op, [{ batch: [I('a', 1, false), I('a', 2, true), I('a', 4, null), D('a', 2, true), D('a', 1, false), D('a', 4, null)] }]),
    ).toEqual([
      '+I[a, 0, NULL, 1]',
      '-U[a, 0, NULL, 1]',
      '+U[a, 1, 2, 2]',
      '-U[a, 1, 2, 2]',
      '+U[a, 1, 2, 3]',
      '-U[a, 1, 2, 3]',
      '+U[a, 0, NULL, 2]',
      '-U[a, 0, NULL, 2]',
      '+U[a, 0, NULL, 1]',
      '-D[a, 0, NULL, 1]',
    ]);
  });
});

describe('GroupAggregate: TTL and cleanup', () => {
  const make = (ttlMs: number | null, extra: Partial<GroupAggregateOptions> = {}) =>
    groupAggregate({ groupKeys: [0], aggs: [agg('SUM', 1)], ttlMs, ...extra });

  it('state expired early: a later record starts fresh and emits +I with a wrong total', () => {
    const op = make(1000);
    expect(
      run(op, [
        { batch: [I('a', 1)], now: 0 },
        { batch: [I('a', 2)], now: 900 }, // write refreshes: alive until 1900
        { batch: [I('a', 4)], now: 2000 }, // expired: +I[a, 4] instead of -U[a, 3] +U[a, 7]
        { batch: [D('a', 4)], now: 2500 },
      ]),
    ).toEqual(['+I[a, 1]', '-U[a, 1]', '+U[a, 3]', '+I[a, 4]', '-D[a, 4]']);
    expect(op.getCounters().expiredGroups).toBe(1);
    // the same input with TTL off gives the right answer
    const right = make(null);
    expect(
      run(right, [{ batch: [I('a', 1)] }, { batch: [I('a', 2)] }, { batch: [I('a', 4)] }, { batch: [D('a', 4)] }]),
    ).toEqual(['+I[a, 1]', '-U[a, 1]', '+U[a, 3]', '-U[a, 3]', '+U[a, 7]', '-U[a, 7]', '+U[a, 3]']);
  });

  it('a retraction for an expired group is ignored', () => {
    const op = make(1000);
    expect(run(op, [{ batch: [I('a', 1)], now: 0 }, { batch: [UB('a', 1), UA('a', 5)], now: 1000 }])).toEqual([
      '+I[a, 1]',
      '+I[a, 5]',
    ]);
    expect(op.getCounters()).toMatchObject({ expiredGroups: 1, ignoredRetractions: 1 });
  });

  it('onProcessingTime sweeps expired groups so state size drops', () => {
    const op = make(1000);
    run(op, [{ batch: [I('a', 1), I('b', 1)], now: 0 }, { batch: [I('c', 1)], now: 600 }]);
    expect(op.stateSize().rows).toBe(3);
    expect(op.onProcessingTime({ now: 999 })).toEqual([]);
    expect(op.stateSize().rows).toBe(3);
    op.onProcessingTime({ now: 1000 });
    expect(op.stateSize().rows).toBe(1);
    op.onProcessingTime({ now: 1600 });
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
    expect(op.getCounters().expiredGroups).toBe(3);
  });

  it('cleanup condition over the result row clears a group after the update that satisfies it, without output', () => {
    // input [product, amount]; output [product, SUM(amount)]; clean once 15 are sold
    const seen: unknown[][] = [];
    const op = groupAggregate({
      groupKeys: [0],
      aggs: [agg('SUM', 1)],
      ttlMs: null,
      cleanupCondition: (r) => {
        seen.push([...r]);
        return (r[1] as number) >= 15;
      },
    });
    expect(
      run(op, [
        { batch: [I('p1', 10), I('p2', 1)] },
        { batch: [I('p1', 5)] },
        { batch: [I('p1', 1), I('p2', 1)] },
        { batch: [D('p1', 10)] }, // p1's group was cleaned and restarted: the retraction empties the new group
      ]),
    ).toEqual(['+I[p1, 10]', '+I[p2, 1]', '-U[p1, 10]', '+U[p1, 15]', '+I[p1, 1]', '-U[p2, 1]', '+U[p2, 2]', '-D[p1, 1]']);
    expect(seen[2]).toEqual(['p1', 15]);
    expect(op.getCounters().cleanedGroups).toBe(1);
  });

  it('a retraction after cleanup finds no state and is ignored', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('SUM', 1)], ttlMs: null, cleanupCondition: (r) => (r[1] as number) >= 15 });
    expect(run(op, [{ batch: [I('p1', 10), I('p1', 5)] }, { batch: [D('p1', 5)] }])).toEqual(['+I[p1, 10]', '-U[p1, 10]', '+U[p1, 15]']);
    expect(op.getCounters().ignoredRetractions).toBe(1);
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });
});

describe('GroupAggregate: parallelism, state size, snapshots', () => {
  const aggs = [agg('COUNT_STAR', null), agg('SUM', 1), agg('MIN', 1), agg('MAX', 1), agg('COUNT', 1, { distinct: true })];
  function workload(): Batch[] {
    // deterministic pseudo-random inserts and retractions of earlier inserts
    const batches: Batch[] = [];
    const live: [string, number][] = [];
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000;
    for (let b = 0; b < 20; b++) {
      const batch: Batch = [];
      for (let i = 0; i < 50; i++) {
        const r = next();
        if (r < 300 && live.length > 0) {
          const [k, v] = live.splice(r % live.length, 1)[0]!;
          batch.push(r % 2 === 0 ? D(k, v) : UB(k, v));
        } else {
          const row: [string, number] = ['k' + (r % 37), r % 11];
          live.push(row);
          batch.push(r % 3 === 0 ? UA(...row) : I(...row));
        }
      }
      batches.push(batch);
    }
    return batches;
  }

  it('gives the same output regardless of parallelism and reports load per subtask', () => {
    const outs: string[][] = [];
    for (const parallelism of [1, 2, 4, 7]) {
      const op = groupAggregate({ groupKeys: [0], aggs, parallelism });
      const out: string[] = [];
      for (const b of workload()) {
        out.push(...show(op.process(b, 0, { now: 0 })));
        const load = op.lastSubtaskLoad();
        expect(load).toHaveLength(parallelism);
        expect(load.reduce((a, c) => a + c, 0)).toBe(b.length);
      }
      const per = op.stateSizePerSubtask();
      expect(per.reduce((a, s) => a + s.rows, 0)).toBe(op.stateSize().rows);
      expect(per.reduce((a, s) => a + s.bytes, 0)).toBe(op.stateSize().bytes);
      if (parallelism > 1) expect(per.filter((s) => s.rows > 0).length).toBeGreaterThan(1);
      outs.push(out);
    }
    expect(outs[0]!.length).toBeGreaterThan(500);
    for (const o of outs) expect(o).toEqual(outs[0]);
  });

  it('routes a key to the same subtask every time', () => {
    const op = groupAggregate({ groupKeys: [0], aggs, parallelism: 4 });
    op.process([I('hot', 1), I('hot', 2), I('hot', 3)], 0, { now: 0 });
    expect(op.lastSubtaskLoad().sort()).toEqual([0, 0, 0, 3]);
  });

  it('accounts state bytes with the documented formula', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('COUNT_STAR', null), agg('MIN', 1)] });
    op.process([I('ab', 7)], 0, { now: 0 });
    // group: 64 + 2 slots * 8 + key 'ab' (2*2 + 16) + views 40 + 128 (one view) = 268
    // (size.ts: calibrated against V8's heap); MIN map entry: 16 + 8 (number) + 8 (count) = 32
    expect(op.stateSize()).toEqual({ rows: 2, bytes: 300 });
    op.process([I('ab', 7)], 0, { now: 0 });
    expect(op.stateSize()).toEqual({ rows: 2, bytes: 300 });
    op.process([I('ab', 'xyz' as unknown as number)], 0, { now: 0 });
    expect(op.stateSize()).toEqual({ rows: 3, bytes: 300 + 16 + (2 * 3 + 16) + 8 });
    op.process([D('ab', 7), D('ab', 7), D('ab', 'xyz' as unknown as number)], 0, { now: 0 });
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });

  it('snapshot -> JSON -> restore into a fresh operator -> continue equals an uninterrupted run', () => {
    const batches = workload();
    const opts = { groupKeys: [0], aggs, ttlMs: 5000 };
    const whole = groupAggregate(opts);
    const expected: string[] = [];
    batches.forEach((b, i) => expected.push(...show(whole.process(b, 0, { now: i * 400 }))));

    for (const restoreParallelism of [1, 3]) {
      const first = groupAggregate(opts);
      const got: string[] = [];
      batches.slice(0, 10).forEach((b, i) => got.push(...show(first.process(b, 0, { now: i * 400 }))));
      const snap = viaJson(first.snapshot());
      const second = groupAggregate({ ...opts, parallelism: restoreParallelism });
      second.restore(snap);
      expect(second.stateSize()).toEqual(first.stateSize());
      batches.slice(10).forEach((b, i) => got.push(...show(second.process(b, 0, { now: (i + 10) * 400 }))));
      expect(got).toEqual(expected);
      expect(second.stateSize()).toEqual(whole.stateSize());
    }
  });

  it('restores TTL timestamps: a restored group still expires on time', () => {
    const a = groupAggregate({ groupKeys: [0], aggs: [agg('SUM', 1)], ttlMs: 1000 });
    a.process([I('a', 1)], 0, { now: 0 });
    const b = groupAggregate({ groupKeys: [0], aggs: [agg('SUM', 1)], ttlMs: 1000 });
    b.restore(viaJson(a.snapshot()));
    b.onProcessingTime({ now: 1000 });
    expect(b.stateSize().rows).toBe(0);
  });
});

describe('GroupAggregate: map views switch between array and Map forms', () => {
  // [k, v]: MIN, MAX, COUNT(DISTINCT), SUM(DISTINCT), COUNT(v) over one group
  const aggs = [
    agg('MIN', 1),
    agg('MAX', 1),
    agg('COUNT', 1, { distinct: true }),
    agg('SUM', 1, { distinct: true }),
    agg('COUNT', 1),
  ];
  /** The result row a batch computation gives for the live values (null when no group). */
  function expected(live: number[]): string | null {
    if (live.length === 0) return null;
    const d = [...new Set(live)];
    return `[g, ${Math.min(...live)}, ${Math.max(...live)}, ${d.length}, ${d.reduce((a, b) => a + b, 0)}, ${live.length}]`;
  }
  /** Pushes one record at a time and checks the last emitted row and the state size each time. */
  function drive(steps: { v: number; del: boolean }[]) {
    const op = groupAggregate({ groupKeys: [0], aggs });
    const live: number[] = [];
    let last: string | null = null;
    let maxDistinct = 0;
    for (const { v, del } of steps) {
      if (del) live.splice(live.indexOf(v), 1);
      else live.push(v);
      for (const line of show(op.process([del ? D('g', v) : I('g', v)], 0, { now: 0 }))) {
        last = line.startsWith('-D') ? null : line.slice(2);
      }
      expect(last).toBe(expected(live));
      const distinct = new Set(live).size;
      maxDistinct = Math.max(maxDistinct, distinct);
      // group: 64 + 4 slots * 8 + key 'g' (2 + 16) + views 40 + 4 * 128 = 666; each of 4 views: 32 per distinct value
      const size =
        live.length === 0
          ? { rows: 0, bytes: 0 }
          : { rows: 1 + 4 * distinct, bytes: 666 + 4 * 32 * distinct };
      expect(op.stateSize()).toEqual(size);
    }
    return { op, maxDistinct };
  }

  it('retractions stay right when a group grows past the array limit and shrinks back', () => {
    const n = VIEW_ARRAY_MAX + 20;
    const steps: { v: number; del: boolean }[] = [];
    // every value twice (so a delete leaves one copy), in a scrambled order
    for (let i = 0; i < n; i++)
      steps.push({ v: (i * 37) % n, del: false }, { v: (i * 37) % n, del: false });
    // down to a few values: first copies, then the second copies, crossing both limits
    for (let i = 0; i < n; i++) steps.push({ v: (i * 11) % n, del: true });
    for (let i = 0; i < n - 5; i++) steps.push({ v: (i * 11) % n, del: true });
    // and up again
    for (let i = 0; i < n; i++) steps.push({ v: 1000 + i, del: false });
    const { maxDistinct } = drive(steps);
    expect(maxDistinct).toBeGreaterThan(VIEW_ARRAY_MAX);
  });

  it('MIN/MAX after deleting the current extreme, after the group crossed the limit both ways', () => {
    const n = VIEW_ARRAY_MAX + 10;
    const steps: { v: number; del: boolean }[] = [];
    for (let i = 0; i < n; i++) steps.push({ v: i, del: false }); // Map form
    // delete the extremes from both ends until below VIEW_ARRAY_BACK (array form again)
    let lo = 0;
    let hi = n - 1;
    while (hi - lo + 1 > VIEW_ARRAY_BACK - 4) {
      steps.push({ v: hi--, del: true }, { v: lo++, del: true });
    }
    // the extremes of the array form, deleted again, then a new max and min
    steps.push(
      { v: hi--, del: true },
      { v: lo++, del: true },
      { v: 500, del: false },
      { v: -5, del: false },
    );
    steps.push({ v: 500, del: true }, { v: -5, del: true });
    // grow past the limit again and delete the extremes there
    for (let i = 0; i < n; i++) steps.push({ v: 100 + i, del: false });
    steps.push({ v: 100 + n - 1, del: true }, { v: lo, del: true }, { v: hi, del: true });
    drive(steps);
  });

  it('accounts map-view state bytes with the documented formula in both forms, and restores them', () => {
    const op = groupAggregate({ groupKeys: [0], aggs: [agg('MIN', 1, { typeName: 'STRING' })] });
    const values = Array.from({ length: VIEW_ARRAY_MAX + 6 }, (_, i) => 'v' + i);
    const bytesOf = (vs: string[]) => {
      // group: 64 + 8 (one slot) + key 'k' (2 + 16) + views 40 + 128 = 258; entry: 16 + (2 * length + 16) + 8
      let b = 258;
      for (const v of vs) b += 16 + 2 * v.length + 16 + 8;
      return b;
    };
    op.process(
      values.slice(0, 10).map((v) => I('k', v)),
      0,
      { now: 0 },
    );
    expect(op.stateSize()).toEqual({ rows: 11, bytes: bytesOf(values.slice(0, 10)) });
    op.process(
      values.slice(10).map((v) => I('k', v)),
      0,
      { now: 0 },
    );
    expect(op.stateSize()).toEqual({ rows: 1 + values.length, bytes: bytesOf(values) });
    const restored = groupAggregate({
      groupKeys: [0],
      aggs: [agg('MIN', 1, { typeName: 'STRING' })],
      parallelism: 2,
    });
    restored.restore(viaJson(op.snapshot()));
    expect(restored.stateSize()).toEqual(op.stateSize());
    expect(restored.snapshot()).toEqual(op.snapshot());
    for (const o of [op, restored]) {
      o.process(
        values.slice(0, 60).map((v) => D('k', v)),
        0,
        { now: 0 },
      );
      expect(o.stateSize()).toEqual({
        rows: 1 + values.length - 60,
        bytes: bytesOf(values.slice(60)),
      });
    }
    expect(show(restored.process([D('k', 'v60')], 0, { now: 0 }))).toEqual([
      '-U[k, v60]',
      '+U[k, v61]',
    ]);
  });

  it('still suppresses unchanged results when the only COUNT(*) has a FILTER', () => {
    // [k, v, f]
    const op = groupAggregate({
      groupKeys: [0],
      aggs: [agg('COUNT_STAR', null, { filter: 2 }), agg('MAX', 1)],
    });
    expect(run(op, [{ batch: [I('a', 5, true), I('a', 3, false), D('a', 3, false)] }])).toEqual([
      '+I[a, 1, 5]',
    ]);
    const plain = groupAggregate({
      groupKeys: [0],
      aggs: [agg('COUNT_STAR', null), agg('MAX', 1)],
    });
    expect(run(plain, [{ batch: [I('a', 5), I('a', 3)] }])).toEqual([
      '+I[a, 1, 5]',
      '-U[a, 1, 5]',
      '+U[a, 2, 5]',
    ]);
  });
});
