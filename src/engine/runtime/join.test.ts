import { describe, expect, it } from 'vitest';
import type { Batch } from '../types';
import type { JoinType } from '../plan/graph';
import { join, type JoinOptions } from './join';
import { D, I, UA, UB, run, show, viaJson } from './testkit';

// left: [id, k, lv]   right: [k, rv]   ON left.k = right.k
const L = 0;
const R = 1;
function make(joinType: JoinType, extra: Partial<JoinOptions> = {}) {
  return join({ joinType, leftKeys: [1], rightKeys: [0], leftArity: 3, rightArity: 2, ...extra });
}

describe('Join: INNER', () => {
  it('joins both ways and keeps the input row kind', () => {
    const op = make('INNER');
    expect(
      run(op, [
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I('a', 'x'), I('b', 'z')], port: R },
        { batch: [I(2, 'a', 20)], port: L },
        { batch: [UB('a', 'x'), UA('a', 'y')], port: R },
        { batch: [D(1, 'a', 10)], port: L },
        { batch: [UA(3, 'b', 30)], port: L },
      ]),
    ).toEqual([
      '+I[1, a, 10, a, x]',
      '+I[2, a, 20, a, x]',
      '-U[1, a, 10, a, x]',
      '-U[2, a, 20, a, x]',
      '+U[1, a, 10, a, y]',
      '+U[2, a, 20, a, y]',
      '-D[1, a, 10, a, y]',
      '+U[3, b, 30, b, z]',
    ]);
  });

  it('never matches NULL keys', () => {
    const op = make('INNER');
    expect(
      run(op, [
        { batch: [I(1, null, 10)], port: L },
        { batch: [I(null, 'x')], port: R },
        { batch: [D(1, null, 10)], port: L },
      ]),
    ).toEqual([]);
  });

  it('applies the residual condition over left ++ right', () => {
    const op = make('INNER', { residual: (r) => (r[2] as number) > (r[4] as number) });
    expect(
      run(op, [
        { batch: [I('a', 5), I('a', 15)], port: R },
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I('a', 8)], port: R },
      ]),
    ).toEqual(['+I[1, a, 10, a, 5]', '+I[1, a, 10, a, 8]']);
  });

  it('repeats outputs by multiplicity', () => {
    const op = make('INNER');
    expect(
      run(op, [
        { batch: [I('a', 'x'), I('a', 'x')], port: R },
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [D('a', 'x')], port: R },
        { batch: [D(1, 'a', 10)], port: L },
      ]),
    ).toEqual(['+I[1, a, 10, a, x]', '+I[1, a, 10, a, x]', '-D[1, a, 10, a, x]', '-D[1, a, 10, a, x]']);
  });
});

describe('Join: outer', () => {
  it('LEFT: null padding is retracted when a match arrives and re-emitted when the last match goes', () => {
    const op = make('LEFT');
    expect(
      run(op, [
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I('a', 'x')], port: R },
        { batch: [I('a', 'y')], port: R },
        { batch: [D('a', 'x')], port: R },
        { batch: [UB('a', 'y')], port: R },
        { batch: [UA(1, 'a', 11)], port: L }, // outer side: accumulate is always +I
        { batch: [D(1, 'a', 10), UB(1, 'a', 11)], port: L }, // outer side: retraction is always -D
      ]),
    ).toEqual([
      '+I[1, a, 10, NULL, NULL]',
      '-D[1, a, 10, NULL, NULL]',
      '+I[1, a, 10, a, x]',
      '+I[1, a, 10, a, y]',
      '-D[1, a, 10, a, x]', // inner side keeps its kind
      '-U[1, a, 10, a, y]',
      '+I[1, a, 10, NULL, NULL]',
      '+I[1, a, 11, NULL, NULL]',
      '-D[1, a, 10, NULL, NULL]',
      '-D[1, a, 11, NULL, NULL]',
    ]);
  });

  it('LEFT: a matched outer row is retracted with -D and its match counts survive restarts of matches', () => {
    const op = make('LEFT');
    expect(
      run(op, [
        { batch: [I('a', 'x')], port: R },
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [UB(1, 'a', 10), UA(1, 'a', 12)], port: L },
        { batch: [D('a', 'x')], port: R },
      ]),
    ).toEqual([
      '+I[1, a, 10, a, x]',
      '-D[1, a, 10, a, x]',
      '+I[1, a, 12, a, x]',
      '-D[1, a, 12, a, x]',
      '+I[1, a, 12, NULL, NULL]',
    ]);
  });

  it('RIGHT: mirror image of LEFT', () => {
    const op = make('RIGHT');
    expect(
      run(op, [
        { batch: [I('a', 'x')], port: R },
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I(2, 'a', 20)], port: L },
        { batch: [D(1, 'a', 10)], port: L },
        { batch: [UB(2, 'a', 20)], port: L },
        { batch: [D('a', 'x')], port: R },
      ]),
    ).toEqual([
      '+I[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
      '+I[1, a, 10, a, x]',
      '+I[2, a, 20, a, x]',
      '-D[1, a, 10, a, x]',
      '-U[2, a, 20, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
    ]);
  });

  it('FULL: both sides pad, retract padding on match, re-pad on unmatch', () => {
    const op = make('FULL');
    expect(
      run(op, [
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I('a', 'x')], port: R },
        { batch: [UB(1, 'a', 10)], port: L },
        { batch: [UA(1, 'a', 11)], port: L },
        { batch: [I('b', 'z')], port: R },
        { batch: [D('a', 'x')], port: R },
      ]),
    ).toEqual([
      '+I[1, a, 10, NULL, NULL]',
      '-D[1, a, 10, NULL, NULL]',
      '+I[1, a, 10, a, x]',
      '-D[1, a, 10, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
      '+I[1, a, 11, a, x]',
      '+I[NULL, NULL, NULL, b, z]',
      '-D[1, a, 11, a, x]',
      '+I[1, a, 11, NULL, NULL]',
    ]);
  });

  it('outer sides pad NULL-key rows and never match them', () => {
    const op = make('FULL');
    expect(
      run(op, [
        { batch: [I(1, null, 10)], port: L },
        { batch: [I(null, 'x')], port: R },
        { batch: [D(1, null, 10)], port: L },
        { batch: [D(null, 'x')], port: R },
      ]),
    ).toEqual([
      '+I[1, NULL, 10, NULL, NULL]',
      '+I[NULL, NULL, NULL, NULL, x]',
      '-D[1, NULL, 10, NULL, NULL]',
      '-D[NULL, NULL, NULL, NULL, x]',
    ]);
    expect(op.stateSize().rows).toBe(0);
  });

  it('LEFT with a residual: only matching pairs count as associations', () => {
    const op = make('LEFT', { residual: (r) => (r[2] as number) > (r[4] as number) });
    expect(
      run(op, [
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [I('a', 50)], port: R }, // fails the residual: padding stays
        { batch: [I('a', 5)], port: R },
        { batch: [D('a', 5)], port: R },
      ]),
    ).toEqual([
      '+I[1, a, 10, NULL, NULL]',
      '-D[1, a, 10, NULL, NULL]',
      '+I[1, a, 10, a, 5]',
      '-D[1, a, 10, a, 5]',
      '+I[1, a, 10, NULL, NULL]',
    ]);
  });

  it('duplicated outer records: one padded row per copy', () => {
    const op = make('RIGHT');
    expect(
      run(op, [
        { batch: [I('a', 'x'), I('a', 'x')], port: R },
        { batch: [I(1, 'a', 10)], port: L },
        { batch: [D(1, 'a', 10)], port: L },
      ]),
    ).toEqual([
      '+I[NULL, NULL, NULL, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
      '+I[1, a, 10, a, x]',
      '+I[1, a, 10, a, x]',
      '-D[1, a, 10, a, x]',
      '-D[1, a, 10, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
    ]);
  });
});

describe('Join: TTL and cleanup', () => {
  it('an expired dimension row makes a later order come out unmatched (wrong but realistic)', () => {
    const op = make('LEFT', { rightTtlMs: 1000 });
    expect(
      run(op, [
        { batch: [I('a', 'x')], port: R, now: 0 },
        { batch: [I(1, 'a', 10)], port: L, now: 500 },
        { batch: [I(2, 'a', 20)], port: L, now: 1500 },
        // The dimension's retraction finds no state of its own, but Flink computes its output
        // from the other side anyway: it retracts a joined row it never emitted for order 2.
        { batch: [D('a', 'x')], port: R, now: 1600 },
      ]),
    ).toEqual([
      '+I[1, a, 10, a, x]',
      '+I[2, a, 20, NULL, NULL]',
      '-D[1, a, 10, a, x]',
      '-D[2, a, 20, a, x]',
      '+I[1, a, 10, NULL, NULL]',
    ]);
    expect(op.getCounters().expiredRight).toBe(1);
  });

  it('updating an outer record’s association count refreshes its TTL', () => {
    const op = make('RIGHT', { rightTtlMs: 1000 });
    expect(
      run(op, [
        { batch: [I('a', 'x')], port: R, now: 0 },
        { batch: [I(1, 'a', 10)], port: L, now: 900 }, // assoc write: alive until 1900
        { batch: [I(2, 'a', 20)], port: L, now: 1500 },
      ]),
    ).toEqual(['+I[NULL, NULL, NULL, a, x]', '-D[NULL, NULL, NULL, a, x]', '+I[1, a, 10, a, x]', '+I[2, a, 20, a, x]']);
  });

  it('onProcessingTime sweeps each side by its own TTL', () => {
    const op = make('INNER', { leftTtlMs: 1000, rightTtlMs: 5000 });
    run(op, [
      { batch: [I(1, 'a', 10), I(2, 'b', 20)], port: L, now: 0 },
      { batch: [I('a', 'x')], port: R, now: 0 },
    ]);
    expect(op.stateSize().rows).toBe(3);
    op.onProcessingTime({ now: 999 });
    expect(op.stateSize().rows).toBe(3);
    op.onProcessingTime({ now: 1000 });
    expect(op.sideStateSize(0)).toEqual({ rows: 0, bytes: 0 });
    expect(op.sideStateSize(1).rows).toBe(1);
    op.onProcessingTime({ now: 5000 });
    expect(op.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });

  it('a cleanup condition removes the record and decrements the other side’s association counts', () => {
    // left = waybills [id, k, status], right (outer) = dimension [k, name]
    const opts: Partial<JoinOptions> = { leftCleanupCondition: (r) => r[2] === 'signed' };
    const seq = [
      { batch: [I('a', 'x')], port: R },
      { batch: [I(1, 'a', 'open')], port: L },
      { batch: [I(2, 'a', 'signed')], port: L }, // joined, then cleaned from left state
      { batch: [D(1, 'a', 'open')], port: L }, // last live association goes: pad re-emitted
    ];
    const op = make('RIGHT', opts);
    expect(run(op, seq)).toEqual([
      '+I[NULL, NULL, NULL, a, x]',
      '-D[NULL, NULL, NULL, a, x]',
      '+I[1, a, open, a, x]',
      '+I[2, a, signed, a, x]',
      '-D[1, a, open, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
    ]);
    expect(op.getCounters().cleanedLeft).toBe(1);
    expect(op.sideStateSize(0).rows).toBe(0);
    // without cleanup the signed waybill still holds an association: no padding comes back
    expect(run(make('RIGHT'), seq).at(-1)).toBe('-D[1, a, open, a, x]');
  });

  it('plain TTL expiry leaves association counts stale unless configured otherwise', () => {
    const go = (opts: Partial<JoinOptions>) => {
      const op = make('RIGHT', opts);
      run(op, [
        { batch: [I('a', 'x')], port: R, now: 0 },
        { batch: [I(1, 'a', 10)], port: L, now: 0 },
        { batch: [I(2, 'a', 20)], port: L, now: 800 },
      ]);
      op.onProcessingTime({ now: 1100 }); // left 1 expired at 1000
      return show(op.process([D(2, 'a', 20)], L, { now: 1200 }));
    };
    // the dimension still counts the expired waybill: its padding never comes back
    expect(go({ leftTtlMs: 1000 })).toEqual(['-D[2, a, 20, a, x]']);
    expect(go({ leftTtlMs: 1000, ttlDecrementsAssociations: true })).toEqual([
      '-D[2, a, 20, a, x]',
      '+I[NULL, NULL, NULL, a, x]',
    ]);
  });
});

describe('Join: parallelism, state size, snapshots', () => {
  function workload(): { batch: Batch; port: number }[] {
    const steps: { batch: Batch; port: number }[] = [];
    const live: [number, unknown[]][] = [];
    let x = 777;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000;
    for (let s = 0; s < 40; s++) {
      const port = next() % 2;
      const batch: Batch = [];
      for (let i = 0; i < 20; i++) {
        const r = next();
        const mine = live.filter(([p]) => p === port);
        if (r < 350 && mine.length > 0) {
          const victim = mine[r % mine.length]!;
          live.splice(live.indexOf(victim), 1);
          batch.push(r % 2 === 0 ? D(...(victim[1] as never[])) : UB(...(victim[1] as never[])));
        } else {
          const k = r % 13 === 0 ? null : 'k' + (r % 9);
          const row = port === 0 ? [r, k, r % 50] : [k, r % 40];
          live.push([port, row]);
          batch.push(r % 4 === 0 ? UA(...(row as never[])) : I(...(row as never[])));
        }
      }
      steps.push({ batch, port });
    }
    return steps;
  }
  const residual = (r: readonly unknown[]) => (r[2] as number) >= (r[4] as number);

  it('gives the same output regardless of parallelism for every join type', () => {
    for (const t of ['INNER', 'LEFT', 'RIGHT', 'FULL'] as const) {
      const outs: string[][] = [];
      for (const parallelism of [1, 3, 8]) {
        const op = make(t, { parallelism, residual });
        const out: string[] = [];
        for (const s of workload()) {
          out.push(...show(op.process(s.batch, s.port, { now: 0 })));
          expect(op.lastSubtaskLoad().reduce((a, c) => a + c, 0)).toBe(s.batch.length);
        }
        const per = op.stateSizePerSubtask();
        expect(per).toHaveLength(parallelism);
        expect(per.reduce((a, p) => a + p.bytes, 0)).toBe(op.stateSize().bytes);
        outs.push(out);
      }
      expect(outs[0]!.length).toBeGreaterThan(50);
      for (const o of outs) expect(o).toEqual(outs[0]);
    }
  });

  it('accounts state bytes with the documented formula', () => {
    const inner = make('INNER');
    inner.process([I(1, 'a', 10)], L, { now: 0 });
    // key 'a': 16 + (2 + 16) = 34; record [1,'a',10]: 16 + 8 + 18 + 8 = 50, + 140 + 8 multiplicity
    expect(inner.stateSize()).toEqual({ rows: 1, bytes: 34 + 198 });
    inner.process([I(1, 'a', 10)], L, { now: 0 });
    expect(inner.stateSize()).toEqual({ rows: 1, bytes: 34 + 198 });
    const left = make('LEFT');
    left.process([I(1, 'a', 10)], L, { now: 0 });
    expect(left.stateSize()).toEqual({ rows: 1, bytes: 34 + 198 + 8 }); // + association count
    left.process([D(1, 'a', 10)], L, { now: 0 });
    expect(left.stateSize()).toEqual({ rows: 0, bytes: 0 });
  });

  it('accounts state bytes as a key goes from one record to several and back, per subtask too', () => {
    for (const parallelism of [1, 3]) {
      const op = make('LEFT', { parallelism, leftTtlMs: 1000 });
      // key 'a': 34; key 'bb': 16 + (4 + 16) = 36; record [n, 'a', n]: 50 + 140 + 8 + 8 (outer
      // side) = 206, [n, 'bb', n]: 52 + 156 = 208
      const check = (keys: number, a: number, bb: number) => {
        const want = { rows: a + bb, bytes: keys + 206 * a + 208 * bb };
        expect(op.stateSize()).toEqual(want);
        expect(op.sideStateSize(L)).toEqual(want);
        const per = op.stateSizePerSubtask();
        expect(per).toHaveLength(parallelism);
        expect({
          rows: per.reduce((x, p) => x + p.rows, 0),
          bytes: per.reduce((x, p) => x + p.bytes, 0),
        }).toEqual(want);
      };
      op.process([I(1, 'a', 1), I(2, 'bb', 2)], L, { now: 0 });
      check(34 + 36, 1, 1);
      op.process([I(3, 'a', 3), I(3, 'a', 3), I(4, 'a', 4)], L, { now: 0 });
      check(34 + 36, 3, 1);
      op.process([D(1, 'a', 1), D(3, 'a', 3), D(4, 'a', 4)], L, { now: 0 });
      check(34 + 36, 1, 1); // [3, 'a', 3] is left, once
      op.process([D(3, 'a', 3), D(2, 'bb', 2)], L, { now: 0 });
      check(0, 0, 0);
      op.process([I(5, 'a', 5), I(6, 'bb', 6), I(7, 'bb', 7)], L, { now: 0 });
      check(34 + 36, 1, 2);
      op.onProcessingTime({ now: 1000 }); // both kinds of keys expire
      check(0, 0, 0);
      expect(op.getCounters().expiredLeft).toBe(3);
    }
  });

  it('keeps records in insertion order across keys in snapshots when a key gains a second record', () => {
    const op = make('INNER');
    op.process([I(1, 'a', 1), I(2, 'b', 2), I(3, 'a', 3), I(4, 'c', 4), I(5, 'b', 5)], L, { now: 7 });
    op.process([D(2, 'b', 2)], L, { now: 8 });
    expect(viaJson(op.snapshot())).toEqual({
      v: 1,
      left: [
        [
          [[1, 'a', 1], 1, 0, 7],
          [[3, 'a', 3], 1, 0, 7],
        ],
        [[[5, 'b', 5], 1, 0, 7]],
        [[[4, 'c', 4], 1, 0, 7]],
      ],
      right: [],
    });
    expect(run(op, [{ batch: [I('a', 9), I('b', 9)], port: R }])).toEqual([
      '+I[1, a, 1, a, 9]',
      '+I[3, a, 3, a, 9]',
      '+I[5, b, 5, b, 9]',
    ]);
  });

  it('keeps large buckets consistent (row index) across inserts and retractions', () => {
    const op = make('LEFT');
    const rows = Array.from({ length: 40 }, (_, i) => [i, 'a', i % 5]);
    op.process(rows.map((r) => I(...(r as never[]))), L, { now: 0 });
    op.process(rows.slice(0, 20).map((r) => I(...(r as never[]))), L, { now: 0 });
    expect(op.sideStateSize(0).rows).toBe(40);
    const out = op.process([I('a', 'x')], R, { now: 0 });
    expect(out).toHaveLength(60 * 2); // -D pad and +I join per copy
    op.process(rows.map((r) => D(...(r as never[]))), L, { now: 0 });
    op.process(rows.slice(0, 20).map((r) => D(...(r as never[]))), L, { now: 0 });
    expect(op.sideStateSize(0)).toEqual({ rows: 0, bytes: 0 });
  });

  it('snapshot -> JSON -> restore -> continue equals an uninterrupted run', () => {
    const steps = workload();
    for (const t of ['INNER', 'LEFT', 'FULL'] as const) {
      const opts: Partial<JoinOptions> = { residual, leftTtlMs: 3000, rightTtlMs: 6000 };
      const whole = make(t, opts);
      const expected: string[] = [];
      steps.forEach((s, i) => expected.push(...show(whole.process(s.batch, s.port, { now: i * 250 }))));
      const first = make(t, opts);
      const got: string[] = [];
      steps.slice(0, 20).forEach((s, i) => got.push(...show(first.process(s.batch, s.port, { now: i * 250 }))));
      const second = make(t, { ...opts, parallelism: 4 });
      second.restore(viaJson(first.snapshot()));
      expect(second.stateSize()).toEqual(first.stateSize());
      steps.slice(20).forEach((s, i) => got.push(...show(second.process(s.batch, s.port, { now: (i + 20) * 250 }))));
      expect(got).toEqual(expected);
      expect(second.stateSize()).toEqual(whole.stateSize());
    }
  });
});
