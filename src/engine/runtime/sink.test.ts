import { describe, expect, it } from 'vitest';
import { RowKind } from '../types';
import { ChangelogModeError, sink } from './sink';
import { AppendLog } from './state/append-log';
import { RetractTable } from './state/retract-table';
import { UpsertTable } from './state/upsert-table';
import { dropRowKind } from './drop-row-kind';
import { groupAggregate } from './group-aggregate';
import { D, I, UA, UB, viaJson } from './testkit';

const ctx = { now: 0 };

describe('Sink materializers', () => {
  it('AppendLog keeps every +I in order and rejects or ignores updates', () => {
    const log = new AppendLog();
    log.apply([I('a', 1), I('b', 2)]);
    expect(log.rows()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(() => log.apply([UA('a', 3)])).toThrow(ChangelogModeError);
    const lenient = new AppendLog({ onUpdate: 'ignore' });
    lenient.apply([I('a', 1), UB('a', 1), UA('a', 2), D('a', 2)]);
    expect(lenient.rows()).toEqual([['a', 1]]);
    expect(lenient.ignoredChanges()).toBe(3);
    // bytes: 16 + ('a': 2 + 16) + 8 = 42
    expect(lenient.stateSize()).toEqual({ rows: 1, bytes: 42 });
  });

  it('UpsertTable upserts +I/+U by key, deletes on -D, ignores -U, keeps key insertion order', () => {
    const t = new UpsertTable({ primaryKey: [0] });
    t.apply([I('a', 1), I('b', 2), UB('a', 1), UA('a', 3), I('c', 9), D('b', 2), I('b', 5), D('zz', 0)]);
    expect(t.rows()).toEqual([
      ['a', 3],
      ['c', 9],
      ['b', 5],
    ]);
    expect(t.get(['c'])).toEqual(['c', 9]);
    expect(t.ignoredChanges()).toEqual({ updateBefore: 1, deleteMisses: 1 });
    expect(t.stateSize()).toEqual({ rows: 3, bytes: 3 * 42 });
  });

  it('dropping -U before an upsert table leaves the final table unchanged', () => {
    const agg = groupAggregate({
      groupKeys: [0],
      aggs: [{ fn: 'SUM', arg: 1, distinct: false, filter: null, type: { name: 'INT' } }],
    });
    const changes = agg.process([I('a', 1), I('b', 2), I('a', 3), D('b', 2)], 0, ctx);
    const plain = new UpsertTable({ primaryKey: [0] });
    plain.apply(changes);
    const dropped = new UpsertTable({ primaryKey: [0] });
    dropped.apply(dropRowKind({ dropKinds: [RowKind.UPDATE_BEFORE] }).process(changes, 0, ctx));
    expect(dropped.rows()).toEqual(plain.rows());
    expect(plain.rows()).toEqual([['a', 4]]);
  });

  it('RetractTable adds on +I/+U and removes one equal row on -U/-D', () => {
    const t = new RetractTable();
    t.apply([I('a', 1), I('a', 1), I('b', 2), UB('a', 1), UA('a', 5), D('b', 2), D('nope', 0), I('b', 2)]);
    expect(t.rows()).toEqual([
      ['a', 1],
      ['a', 5],
      ['b', 2],
    ]);
    expect(t.size()).toBe(3);
    expect(t.retractMisses()).toBe(1);
    // three distinct rows stored once each: 42 + 8 multiplicity
    expect(t.stateSize()).toEqual({ rows: 3, bytes: 3 * 50 });
  });

  it('snapshot/restore round-trips every materializer through JSON', () => {
    const batch = [I('a', 1), I('b', 2), UA('a', 3), UB('b', 2)];
    const tables = [
      () => new AppendLog({ onUpdate: 'ignore' }),
      () => new UpsertTable({ primaryKey: [0] }),
      () => new RetractTable(),
    ];
    for (const make of tables) {
      const t = make();
      t.apply(batch);
      const u = make();
      u.restore(viaJson(t.snapshot()));
      expect(u.rows()).toEqual(t.rows());
      expect(u.stateSize()).toEqual(t.stateSize());
      u.apply([I('z', 0)]);
      t.apply([I('z', 0)]);
      expect(u.rows()).toEqual(t.rows());
    }
  });

  it('SinkOperator applies batches, emits nothing and snapshots its materializer', () => {
    const op = sink(new UpsertTable({ primaryKey: [0] }), 2);
    expect(op.process([I('a', 1), I('b', 1), I('c', 1)], 0, ctx)).toEqual([]);
    expect(op.lastSubtaskLoad()).toEqual([2, 1]);
    expect(op.materializer.size()).toBe(3);
    const again = sink(new UpsertTable({ primaryKey: [0] }));
    again.restore(viaJson(op.snapshot()));
    expect(again.materializer.rows()).toEqual(op.materializer.rows());
  });
});
