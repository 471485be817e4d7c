// Differential checks: after a random changelog (inserts, updates and deletes of live rows),
// what a reader sees downstream of the streaming operators equals a from-scratch batch
// computation over the live input rows.
import { describe, expect, it } from 'vitest';
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import { join } from './join';
import { groupAggregate } from './group-aggregate';
import { RetractTable } from './state/retract-table';
import { UpsertTable } from './state/upsert-table';

function rng(seed: number) {
  let x = seed >>> 0;
  return (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
}

const sortRows = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

/** Random changelog over `make(r)` rows; returns batches and the live multiset at the end. */
function changelog(seed: number, steps: number, make: (next: (n: number) => number) => Row) {
  const next = rng(seed);
  const live: Row[] = [];
  const batches: Batch[] = [];
  for (let s = 0; s < steps; s++) {
    const batch: Batch = [];
    for (let i = 0; i < 25; i++) {
      const r = next(100);
      if (r < 35 && live.length > 0) {
        const victim = live.splice(next(live.length), 1)[0]!;
        if (r < 15) {
          const repl = make(next);
          batch.push({ kind: RowKind.UPDATE_BEFORE, row: victim }, { kind: RowKind.UPDATE_AFTER, row: repl });
          live.push(repl);
        } else batch.push({ kind: RowKind.DELETE, row: victim });
      } else {
        const row = make(next);
        live.push(row);
        batch.push({ kind: RowKind.INSERT, row });
      }
    }
    batches.push(batch);
  }
  return { batches, live };
}

describe('differential: streaming join vs batch join', () => {
  for (const joinType of ['INNER', 'LEFT', 'RIGHT', 'FULL'] as const) {
    it(`${joinType} JOIN with a residual, few keys (large buckets), duplicates and NULL keys`, () => {
      const key = (next: (n: number) => number): Value => (next(10) === 0 ? null : 'k' + next(3));
      const left = changelog(11, 60, (next) => [next(6), key(next), next(20)]);
      const right = changelog(29, 60, (next) => [key(next), next(20)]);
      const residual = (r: readonly Value[]) => (r[2] as number) + 3 >= (r[4] as number);
      const op = join({ joinType, leftKeys: [1], rightKeys: [0], leftArity: 3, rightArity: 2, residual, parallelism: 3 });
      const table = new RetractTable();
      for (let i = 0; i < 60; i++) {
        table.apply(op.process(left.batches[i]!, 0, { now: i }));
        table.apply(op.process(right.batches[i]!, 1, { now: i }));
      }
      const expected: Row[] = [];
      const rightMatched = new Set<number>();
      for (const l of left.live) {
        let any = false;
        right.live.forEach((r, j) => {
          if (l[1] !== null && l[1] === r[0] && residual([...l, ...r])) {
            expected.push([...l, ...r]);
            rightMatched.add(j);
            any = true;
          }
        });
        if (!any && (joinType === 'LEFT' || joinType === 'FULL')) expected.push([...l, null, null]);
      }
      if (joinType === 'RIGHT' || joinType === 'FULL') {
        right.live.forEach((r, j) => {
          if (!rightMatched.has(j)) expected.push([null, null, null, ...r]);
        });
      }
      expect(table.retractMisses()).toBe(0);
      expect(sortRows(table.rows())).toEqual(sortRows(expected));
      expect(op.stateSize().rows).toBeGreaterThan(0);
    });
  }
});

describe('differential: streaming aggregate vs batch aggregate', () => {
  it('COUNT(*), SUM, MIN, MAX, COUNT(DISTINCT), AVG with FILTER into an upsert table', () => {
    const input = changelog(7, 80, (next) => ['g' + next(5), next(4) === 0 ? null : next(50), next(2) === 0]);
    const op = groupAggregate({
      groupKeys: [0],
      parallelism: 4,
      aggs: [
        { fn: 'COUNT_STAR', arg: null, distinct: false, filter: null, type: { name: 'BIGINT' } },
        { fn: 'SUM', arg: 1, distinct: false, filter: null, type: { name: 'INT' } },
        { fn: 'MIN', arg: 1, distinct: false, filter: null, type: { name: 'INT' } },
        { fn: 'MAX', arg: 1, distinct: false, filter: 2, type: { name: 'INT' } },
        { fn: 'COUNT', arg: 1, distinct: true, filter: null, type: { name: 'BIGINT' } },
        { fn: 'AVG', arg: 1, distinct: false, filter: null, type: { name: 'INT' } },
      ],
    });
    const table = new UpsertTable({ primaryKey: [0] });
    input.batches.forEach((b, i) => table.apply(op.process(b, 0, { now: i })));
    const groups = new Map<Value, Row[]>();
    for (const r of input.live) groups.set(r[0]!, [...(groups.get(r[0]!) ?? []), r]);
    const expected: Row[] = [];
    for (const [g, rows] of groups) {
      const vs = rows.map((r) => r[1]).filter((v): v is number => v !== null);
      const fvs = rows.filter((r) => r[2] === true && r[1] !== null).map((r) => r[1] as number);
      expected.push([
        g,
        rows.length,
        vs.length ? vs.reduce((a, b) => a + b, 0) : null,
        vs.length ? Math.min(...vs) : null,
        fvs.length ? Math.max(...fvs) : null,
        new Set(vs).size,
        vs.length ? Math.trunc(vs.reduce((a, b) => a + b, 0) / vs.length) : null,
      ]);
    }
    expect(sortRows(table.rows())).toEqual(sortRows(expected));
  });
});
