// Composite keys must be exact: ('x\u0001sy', 'z') and ('x', 'y\u0001sz') are two keys in every
// connector path (a separator-joined encoding made them one and lost a row without a word).
import { describe, expect, it } from 'vitest';
import type { Row } from '../types';
import { RowKind } from '../types';
import { fnv1a32 } from '../common/hash';
import { keyOf } from '../runtime/keys';
import { JdbcTable } from './jdbc/store';
import { KafkaTable, TopicRegistry } from './kafka/store';
import { readerSpec, storeContext, t, tableDef } from './testkit';

const I = RowKind.INSERT;
const D = RowKind.DELETE;
const cols: [string, ReturnType<typeof t>][] = [
  ['a', t('STRING')],
  ['b', t('STRING')],
  ['v', t('INT')],
];
const first: Row = ['x\u0001sy', 'z', 1];
const second: Row = ['x', 'y\u0001sz', 2];

describe('composite keys are exact', () => {
  it('the key encoding tells the two keys apart, and 1 from "1"', () => {
    expect(keyOf(first, [0, 1])).not.toBe(keyOf(second, [0, 1]));
    expect(keyOf([1, 'a'], [0, 1])).not.toBe(keyOf(['1', 'a'], [0, 1]));
    expect(keyOf([null, 'a'], [0, 1])).not.toBe(keyOf(['~', 'a'], [0, 1]));
    expect(keyOf([-0, 'a'], [0, 1])).toBe(keyOf([0, 'a'], [0, 1]));
  });

  it('jdbc upserts keep both rows of a table keyed (a, b)', () => {
    const j = new JdbcTable(storeContext(tableDef('ads', cols, { connector: 'jdbc', 'sink.buffer-flush.max-rows': '0' }, ['a', 'b'])));
    const w = j.createWriter();
    w.write(
      [
        { kind: I, row: first },
        { kind: I, row: second },
      ],
      0,
      0,
    );
    expect(j.visibleCount()).toBe(2);
    expect(j.visibleRows().rows).toEqual([second, first]);
    // Deleting one key leaves the other.
    w.write([{ kind: D, row: second }], 0, 1);
    expect(j.visibleRows().rows).toEqual([first]);
  });

  it("upsert-kafka's normalize does not retract another key's row", () => {
    const reg = new TopicRegistry();
    const up = new KafkaTable(
      storeContext(tableDef('ads', cols, { connector: 'upsert-kafka', 'key.format': 'json', 'value.format': 'json', partitions: '1' }, ['a', 'b'])),
      reg,
    );
    up.createWriter('j', 1).write(
      [
        { kind: I, row: first },
        { kind: I, row: second },
      ],
      0,
      0,
    );
    const got = up.createReader(readerSpec()).read(100, 0).changes;
    expect(got).toEqual([
      { kind: I, row: first },
      { kind: I, row: second },
    ]);
  });

  it('upsert-kafka normalize compares whole rows exactly (an equal-looking row is still an update)', () => {
    const reg = new TopicRegistry();
    const wide: [string, ReturnType<typeof t>][] = [['k', t('INT')], ['a', t('STRING')], ['b', t('STRING')]];
    const up = new KafkaTable(
      storeContext(tableDef('ads', wide, { connector: 'upsert-kafka', 'key.format': 'json', 'value.format': 'json', partitions: '1' }, ['k'])),
      reg,
    );
    up.createWriter('j', 1).write(
      [
        { kind: I, row: [1, 'x\u0001sy', 'z'] },
        { kind: RowKind.UPDATE_AFTER, row: [1, 'x', 'y\u0001sz'] },
      ],
      0,
      0,
    );
    expect(up.createReader(readerSpec()).read(100, 0).changes.map((c) => c.kind)).toEqual([I, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER]);
  });

  it('kafka partitions by the exact key, deterministically', () => {
    const partitionsOf = (rows: Row[]): number[] => {
      const reg = new TopicRegistry();
      const k = new KafkaTable(storeContext(tableDef('ods', cols, { connector: 'kafka', format: 'json', partitions: '4', 'key.fields': 'a;b' })), reg);
      k.createWriter('j', 1).write(
        rows.map((row) => ({ kind: I, row })),
        0,
        0,
      );
      const out: number[] = [];
      for (const row of rows) out.push(k.topic.partitions.findIndex((p) => p.records.some((r) => r.row === row)));
      return out;
    };
    // Pairs whose old '\u0001'-joined keys were equal: the old encoding put each pair on one
    // partition; the exact one spreads them as the hash of two different keys does.
    const firsts: Row[] = [];
    const seconds: Row[] = [];
    for (let i = 0; i < 32; i++) {
      firsts.push(['x' + i + '\u0001sy', 'z', i]);
      seconds.push(['x' + i, 'y\u0001sz', i]);
    }
    const pf = partitionsOf(firsts);
    const ps = partitionsOf(seconds);
    expect(pf.some((p, i) => p !== ps[i])).toBe(true);
    // The partition is the documented function of the exact key, the same in every run.
    for (let i = 0; i < firsts.length; i++) expect(pf[i]).toBe(fnv1a32(keyOf(firsts[i]!, [0, 1])) % 4);
    expect(partitionsOf(firsts)).toEqual(pf);
  });
});
