// A keyed print table: current rows by key, the raw changes as `name$changelog`, and no-op
// re-upserts flagged in the changelog.
import { describe, expect, it } from 'vitest';
import { RowKind } from '../../types';
import type { DataType } from '../../types';
import { storeContext, tableDef } from '../testkit';
import { createSimulation } from '../../index';
import { PrintTable } from './store';

const INT: DataType = { name: 'INT', nullable: false };
const STR: DataType = { name: 'STRING', nullable: true };
const cols: [string, DataType][] = [
  ['k', INT],
  ['v', STR],
];
const { INSERT: I, UPDATE_BEFORE: UB, UPDATE_AFTER: UA, DELETE: D } = RowKind;

function keyed(): PrintTable {
  return new PrintTable(storeContext(tableDef('p', cols, { connector: 'print' }, ['k'])));
}

describe('print with a primary key', () => {
  it('reads as the current row per key and keeps the raw changes as $changelog', () => {
    const p = keyed();
    p.createWriter().write(
      [
        { kind: I, row: [1, 'a'] },
        { kind: I, row: [2, 'b'] },
        { kind: UB, row: [1, 'a'] },
        { kind: UA, row: [1, 'c'] },
        { kind: D, row: [2, 'b'] },
      ],
      0,
      0,
    );
    expect(p.kindColumn).toBe(false);
    expect(p.visibleRows()).toEqual({ kinds: null, rows: [[1, 'c']] });
    expect(p.visibleCount()).toBe(1);
    expect(p.metadataTableSuffixes()).toEqual(['changelog']);
    expect(p.metadataTable('changelog')?.rows).toEqual([
      ['+I', 1, 'a'],
      ['+I', 2, 'b'],
      ['-U', 1, 'a'],
      ['+U', 1, 'c'],
      ['-D', 2, 'b'],
    ]);
    expect(p.metadataTable('changelog')?.columns.map((c) => c.name)).toEqual(['_kind', 'k', 'v']);
  });

  it('flags a -U/+U of the same row and an identical upsert as no-ops, not a real update', () => {
    const p = keyed();
    const w = p.createWriter();
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    // A retraction and its update of the same row: both no-ops.
    w.write([{ kind: UB, row: [1, 'a'] }], 0, 1);
    w.write([{ kind: UA, row: [1, 'a'] }], 0, 2);
    // An upsert (no -U) of the row as it stands: a no-op; then a real change.
    w.write([{ kind: UA, row: [1, 'a'] }, { kind: UA, row: [1, 'b'] }], 0, 3);
    // A -U/+U that changes the row is not.
    w.write([{ kind: UB, row: [1, 'b'] }, { kind: UA, row: [1, 'c'] }], 0, 4);
    const log = p.changelog(100);
    expect(log.map((e) => `${e.kind}${e.noop ? '!' : ''}`)).toEqual(['0', '1!', '2!', '2!', '2', '1', '2']);
    expect(p.visibleRows().rows).toEqual([[1, 'c']]);
  });

  it('an unkeyed print table still reads as its changes, with kinds, and has no $changelog', () => {
    const p = new PrintTable(storeContext(tableDef('p', cols, { connector: 'print' })));
    p.createWriter().write([{ kind: I, row: [1, 'a'] }, { kind: I, row: [1, 'a'] }], 0, 0);
    expect(p.kindColumn).toBe(true);
    expect(p.visibleRows()).toEqual({ kinds: [I, I], rows: [[1, 'a'], [1, 'a']] });
    expect(p.metadataTableSuffixes()).toEqual([]);
    expect(p.changelog(10).some((e) => e.noop)).toBe(false);
  });

  it('flags survive only while their change is in the ring', () => {
    const ctx = { ...storeContext(tableDef('p', cols, { connector: 'print' }, ['k'])), changelogMax: 3 };
    const p = new PrintTable(ctx);
    const w = p.createWriter();
    for (let i = 0; i < 10; i++) w.write([{ kind: I, row: [1, 'same'] }], 0, i);
    const log = p.changelog(10);
    expect(log).toHaveLength(3);
    expect(log.every((e) => e.noop)).toBe(true);
  });
});

describe('a keyed print table in a simulation', () => {
  const script = `SET 'parallelism.default' = '1';
CREATE TABLE src (k INT, v STRING) WITH ('connector' = 'filesystem', 'path' = 'in.csv', 'format' = 'csv');
CREATE TABLE p (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'print');
INSERT INTO p SELECT k, v FROM src;`;
  const files = { 'in.csv': '1,a\n2,b\n1,a\n1,c\n' };

  it('readTable gives the current rows, p$changelog the raw log, changelog flags the re-upsert', () => {
    const sim = createSimulation(script, { seed: 1, files });
    sim.runToEnd(3_600_000);
    expect(sim.status()).toBe('finished');
    const current = sim.readTable('p');
    expect(current.columns.map((c) => c.name)).toEqual(['k', 'v']);
    expect([...current.rows].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'c'],
      [2, 'b'],
    ]);
    expect(sim.metadataTableNames()).toContain('p$changelog');
    const raw = sim.readTable('p$changelog');
    expect(raw.columns.map((c) => c.name)).toEqual(['_kind', 'k', 'v']);
    expect(raw.rows.map((r) => r.join(' '))).toEqual(['+I 1 a', '+I 2 b', '+I 1 a', '+I 1 c']);
    expect(sim.changelog('p', 10).map((e) => Boolean(e.noop))).toEqual([false, false, true, false]);
  });
});
