import { describe, expect, it } from 'vitest';
import { RowKind } from '../types';
import { FileTable } from './filesystem/store';
import { JdbcTable } from './jdbc/store';
import { KafkaTable, TopicRegistry } from './kafka/store';
import { PrintTable } from './print/store';
import { BlackholeTable } from './blackhole/store';
import { readerSpec, storeContext, t, tableDef } from './testkit';

const I = RowKind.INSERT;
const UB = RowKind.UPDATE_BEFORE;
const UA = RowKind.UPDATE_AFTER;
const D = RowKind.DELETE;
const cols: [string, ReturnType<typeof t>][] = [
  ['id', t('INT')],
  ['name', t('STRING')],
];

describe('filesystem', () => {
  const csv = 'id,name\n1,a\n2,b\n3\n4,d\n';

  it('fails the job at a malformed row with path:line', () => {
    const f = new FileTable(storeContext(tableDef('ods', cols, { connector: 'filesystem', path: 'data/x.csv', format: 'csv' }), { 'data/x.csv': csv }));
    const r = f.createReader(readerSpec());
    expect(r.available(0)).toBe(4);
    const res = r.read(100, 0);
    expect(res.changes.map((c) => c.row)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(res.error).toBe('data/x.csv:4: expected 2 fields, found 1');
    expect(f.parseErrors()).toBe(1);
  });

  it('skips and counts malformed rows with csv.ignore-parse-errors', () => {
    const f = new FileTable(
      storeContext(tableDef('ods', cols, { connector: 'filesystem', path: 'x.csv', format: 'csv', 'csv.ignore-parse-errors': 'true' }), { 'x.csv': csv }),
    );
    const r = f.createReader(readerSpec());
    const res = r.read(100, 0);
    expect(res.error).toBeNull();
    expect(res.changes.map((c) => c.row[0])).toEqual([1, 2, 4]);
    expect(f.parseErrors()).toBe(1);
    expect(r.isFinished(0)).toBe(true);
    expect(f.visibleRows().rows).toHaveLength(3);
  });

  it('reads json lines with json.ignore-parse-errors', () => {
    const f = new FileTable(
      storeContext(tableDef('ods', cols, { connector: 'filesystem', path: 'x.json', format: 'json', 'json.ignore-parse-errors': 'true' }), {
        'x.json': '{"id":1,"name":"a"}\n{oops\n{"id":2}\n',
      }),
    );
    expect(f.visibleRows().rows).toEqual([
      [1, 'a'],
      [2, null],
    ]);
    expect(f.parseErrors()).toBe(1);
  });

  it('reports a missing file when nobody writes the table', () => {
    const f = new FileTable(storeContext(tableDef('ods', cols, { connector: 'filesystem', path: 'nope.csv', format: 'csv' })));
    expect(f.createReader(readerSpec()).read(10, 0).error).toMatch(/nope.csv: file not found/);
  });

  it('as a sink, rows become visible on checkpoint commit or at end of input', () => {
    const f = new FileTable(storeContext(tableDef('dwd', cols, { connector: 'filesystem', path: 'out', format: 'json' })));
    const w = f.createWriter();
    const reader = f.createReader(readerSpec({}, { hasWriters: true, writersFinished: () => false }));
    w.write([{ kind: I, row: [1, 'a'] }], 5, 100);
    expect(f.visibleCount()).toBe(0);
    w.prepareCheckpoint(1, 200);
    w.write([{ kind: I, row: [2, 'b'] }], 6, 250);
    w.commitCheckpoint(1, 300);
    expect(f.visibleRows().rows).toEqual([[1, 'a']]);
    expect(f.newestVisibleEventTime()).toBe(5);
    expect(reader.read(10, 300).changes).toHaveLength(1);
    expect(reader.isFinished(300)).toBe(false);
    w.endOfInput(400);
    expect(f.visibleCount()).toBe(2);
    expect(w.write([{ kind: D, row: [2, 'b'] }], 7, 500)).toMatch(/accepts only inserts/);
  });

  it('a failover drops what was never committed', () => {
    const f = new FileTable(storeContext(tableDef('dwd', cols, { connector: 'filesystem', path: 'out', format: 'csv' })));
    const w = f.createWriter();
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    w.prepareCheckpoint(1, 0);
    w.abortUncommitted();
    w.endOfInput(10);
    expect(f.visibleCount()).toBe(0);
  });
});

describe('kafka', () => {
  function topicTable(registry: TopicRegistry, name: string, options: Record<string, string>, pk: string[] = []) {
    return new KafkaTable(storeContext(tableDef(name, cols, { connector: 'kafka', format: 'json', ...options }, pk)), registry);
  }

  it('partitions by key, assigns offsets, and a reader on the same topic sees every record once', () => {
    const reg = new TopicRegistry();
    const out = topicTable(reg, 'ods_a', { topic: 'orders', partitions: '3' });
    const inp = topicTable(reg, 'dwd_in', { topic: 'orders', partitions: '3', 'scan.startup.mode': 'earliest-offset' });
    const w = out.createWriter('job-1', 1);
    const rows = Array.from({ length: 30 }, (_, i) => ({ kind: I, row: [i, 'n' + i] }));
    w.write(rows, 0, 10);
    expect(out.topic.partitions.map((p) => p.endOffset).reduce((a, b) => a + b)).toBe(30);
    expect(out.topic.partitions.every((p) => p.endOffset > 0)).toBe(true);
    const r = inp.createReader(readerSpec());
    expect(r.available(10)).toBe(30);
    const got = [...r.read(12, 10).changes, ...r.read(100, 10).changes];
    expect(got.map((c) => c.row[0]).sort((a, b) => (a as number) - (b as number))).toEqual(rows.map((c) => c.row[0]));
    expect(r.available(10)).toBe(0);
    expect(out.visibleRows().rows.map((x) => x[0])).toEqual(rows.map((c) => c.row[0]));
  });

  it('latest-offset skips what is already there; timestamp mode skips older records', () => {
    const reg = new TopicRegistry();
    const out = topicTable(reg, 't', { partitions: '1' });
    const w = out.createWriter('job-1', 1);
    w.write([{ kind: I, row: [1, 'a'] }], 0, 1000);
    const latest = topicTable(reg, 't2', { topic: 't', partitions: '1', 'scan.startup.mode': 'latest-offset' }).createReader(readerSpec({ 'scan.startup.mode': 'latest-offset' }));
    const epoch = Date.UTC(2026, 0, 1);
    const byTime = out.createReader(readerSpec({ 'scan.startup.mode': 'timestamp', 'scan.startup.timestamp-millis': String(epoch + 1500) }));
    const earliest = out.createReader(readerSpec({}));
    w.write([{ kind: I, row: [2, 'b'] }], 0, 2000);
    expect(latest.read(10, 2000).changes.map((c) => c.row[0])).toEqual([2]);
    expect(byTime.read(10, 2000).changes.map((c) => c.row[0])).toEqual([2]);
    expect(earliest.read(10, 2000).changes.map((c) => c.row[0])).toEqual([1, 2]);
    const specific = out.createReader(readerSpec({ 'scan.startup.mode': 'specific-offsets', 'scan.startup.specific-offsets': 'partition:0,offset:1' }));
    expect(specific.read(10, 2000).changes.map((c) => c.row[0])).toEqual([2]);
  });

  it('retention drops old records; a lagging reader moves past them', () => {
    const reg = new TopicRegistry();
    const tbl = topicTable(reg, 't', { partitions: '1', 'retention.ms': '1000' });
    const r = tbl.createReader(readerSpec());
    const w = tbl.createWriter('job-1', 1);
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    w.write([{ kind: I, row: [2, 'b'] }], 0, 800);
    expect(r.oldestUnread(800)).toBe(0);
    tbl.tick(1500);
    expect(tbl.visibleCount()).toBe(1);
    expect(r.available(1500)).toBe(1);
    expect(r.read(10, 1500).changes.map((c) => c.row[0])).toEqual([2]);
    expect(tbl.changes()).toBe(2);
  });

  it('json topics refuse updates; changelog-json keeps kinds; debezium-json maps them', () => {
    const reg = new TopicRegistry();
    const json = topicTable(reg, 'a', {});
    expect(json.createWriter('j', 1).write([{ kind: UA, row: [1, 'x'] }], 0, 0)).toMatch(/accepts only inserts/);
    const cl = topicTable(reg, 'b', { format: 'changelog-json', partitions: '1' });
    cl.createWriter('j', 1).write(
      [
        { kind: I, row: [1, 'x'] },
        { kind: UB, row: [1, 'x'] },
        { kind: UA, row: [1, 'y'] },
      ],
      0,
      0,
    );
    expect(cl.visibleRows().kinds).toEqual([I, UB, UA]);
    expect(cl.createReader(readerSpec()).read(10, 0).changes.map((c) => c.kind)).toEqual([I, UB, UA]);
    const dbz = topicTable(reg, 'c', { format: 'debezium-json', partitions: '1' });
    dbz.createWriter('j', 1).write(
      [
        { kind: I, row: [1, 'x'] },
        { kind: UB, row: [1, 'x'] },
        { kind: UA, row: [1, 'y'] },
      ],
      0,
      0,
    );
    expect(dbz.createReader(readerSpec()).read(10, 0).changes.map((c) => c.kind)).toEqual([I, D, I]);
  });

  it('upsert-kafka writes values and tombstones by key and normalizes them when read', () => {
    const reg = new TopicRegistry();
    const up = new KafkaTable(
      storeContext(tableDef('ads', cols, { connector: 'upsert-kafka', 'key.format': 'json', 'value.format': 'json', partitions: '2' }, ['id'])),
      reg,
    );
    const w = up.createWriter('j', 1);
    w.write(
      [
        { kind: I, row: [1, 'a'] },
        { kind: UB, row: [1, 'a'] },
        { kind: UA, row: [1, 'b'] },
        { kind: I, row: [2, 'c'] },
        { kind: D, row: [2, 'c'] },
        { kind: UA, row: [1, 'b'] },
      ],
      0,
      0,
    );
    expect(up.visibleCount()).toBe(5);
    const got = up.createReader(readerSpec()).read(100, 0).changes;
    const byKey1 = got.filter((c) => c.row[0] === 1);
    expect(byKey1).toEqual([
      { kind: I, row: [1, 'a'] },
      { kind: UB, row: [1, 'a'] },
      { kind: UA, row: [1, 'b'] },
    ]);
    expect(got.filter((c) => c.row[0] === 2)).toEqual([
      { kind: I, row: [2, 'c'] },
      { kind: D, row: [2, 'c'] },
    ]);
  });

  it('exactly-once sinks publish on checkpoint commit', () => {
    const reg = new TopicRegistry();
    const tbl = topicTable(reg, 't', { 'sink.delivery-guarantee': 'exactly-once' });
    const w = tbl.createWriter('j', 1);
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    expect(tbl.visibleCount()).toBe(0);
    w.prepareCheckpoint(1, 10);
    w.commitCheckpoint(1, 20);
    expect(tbl.visibleCount()).toBe(1);
  });

  it('a reader ends once every writer finished and it caught up', () => {
    const reg = new TopicRegistry();
    const tbl = topicTable(reg, 't', {});
    let done = false;
    const r = tbl.createReader(readerSpec({}, { hasWriters: true, writersFinished: () => done }));
    tbl.createWriter('j', 1).write([{ kind: I, row: [1, 'a'] }], 0, 0);
    expect(r.isFinished(0)).toBe(false);
    done = true;
    expect(r.isFinished(0)).toBe(false);
    r.read(10, 0);
    expect(r.isFinished(0)).toBe(true);
    expect(tbl.bounded(true, true)).toBe(true);
    expect(tbl.bounded(false, true)).toBe(false);
  });
});

describe('jdbc', () => {
  it('upserts and deletes by primary key; rows sorted by key', () => {
    const j = new JdbcTable(storeContext(tableDef('ads', cols, { connector: 'jdbc', 'sink.buffer-flush.max-rows': '0' }, ['id'])));
    const w = j.createWriter();
    w.write(
      [
        { kind: I, row: [2, 'b'] },
        { kind: I, row: [1, 'a'] },
        { kind: UB, row: [1, 'a'] },
        { kind: UA, row: [1, 'a2'] },
        { kind: I, row: [3, 'c'] },
        { kind: D, row: [3, 'c'] },
      ],
      7,
      100,
    );
    expect(j.visibleRows().rows).toEqual([
      [1, 'a2'],
      [2, 'b'],
    ]);
    expect(j.newestVisibleEventTime()).toBe(7);
  });

  it('orders numeric keys as compareValues does (negatives, fractions, NaN last), and string keys', () => {
    const numeric = new JdbcTable(storeContext(tableDef('ads', [['id', t('DOUBLE')], ['name', t('STRING')]], { connector: 'jdbc', 'sink.buffer-flush.max-rows': '0' }, ['id'])));
    const keys = [3, -1.5, NaN, 0, 1e300, -0, 2];
    numeric.createWriter().write(keys.map((k) => ({ kind: I, row: [k, String(k)] })), 0, 0);
    // -0 is the key 0: its row (written later) replaced 0's.
    expect(numeric.visibleRows().rows.map((r) => r[0])).toEqual([-1.5, -0, 2, 3, 1e300, NaN]);
    const text = new JdbcTable(storeContext(tableDef('ads', cols, { connector: 'jdbc', 'sink.buffer-flush.max-rows': '0' }, ['name'])));
    text.createWriter().write(['b', 'a', 'c'].map((k, i) => ({ kind: I, row: [i, k] })), 0, 0);
    expect(text.visibleRows().rows.map((r) => r[1])).toEqual(['a', 'b', 'c']);
  });

  it('buffers and reduces by key; a -U and +U in different flushes leave a gap', () => {
    const j = new JdbcTable(storeContext(tableDef('ads', cols, { connector: 'jdbc', 'sink.buffer-flush.max-rows': '100', 'sink.buffer-flush.interval': '1 s' }, ['id'])));
    const w = j.createWriter();
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    expect(j.visibleCount()).toBe(0);
    w.tick(1000);
    expect(j.visibleCount()).toBe(1);
    w.write([{ kind: UB, row: [1, 'a'] }], 0, 1100);
    w.tick(2000);
    expect(j.visibleCount()).toBe(0); // the fluctuation
    w.write([{ kind: UA, row: [1, 'b'] }], 0, 2100);
    w.prepareCheckpoint(1, 2200);
    expect(j.visibleRows().rows).toEqual([[1, 'b']]);
  });

  it('without a primary key it appends and refuses updates', () => {
    const j = new JdbcTable(storeContext(tableDef('ads', cols, { connector: 'jdbc' })));
    const w = j.createWriter();
    w.write([{ kind: I, row: [1, 'a'] }], 0, 0);
    w.endOfInput(0);
    expect(j.visibleRows().rows).toEqual([[1, 'a']]);
    expect(w.write([{ kind: D, row: [1, 'a'] }], 0, 0)).toMatch(/PRIMARY KEY/);
  });

  it('as a source, scans the table once its writers have finished', () => {
    const j = new JdbcTable(storeContext(tableDef('dim', cols, { connector: 'jdbc', 'sink.buffer-flush.max-rows': '0' }, ['id'])));
    let done = false;
    const r = j.createReader(readerSpec({}, { hasWriters: true, writersFinished: () => done }));
    j.createWriter().write([{ kind: I, row: [1, 'a'] }], 0, 0);
    expect(r.available(0)).toBe(0);
    done = true;
    expect(r.read(10, 0).changes).toEqual([{ kind: I, row: [1, 'a'] }]);
    expect(r.isFinished(0)).toBe(true);
  });
});

describe('print and blackhole', () => {
  it('print keeps changes with kinds; blackhole counts', () => {
    const p = new PrintTable(storeContext(tableDef('p', cols, { connector: 'print' })));
    p.createWriter().write(
      [
        { kind: I, row: [1, 'a'] },
        { kind: D, row: [1, 'a'] },
      ],
      0,
      0,
    );
    expect(p.visibleRows()).toEqual({ kinds: [I, D], rows: [[1, 'a'], [1, 'a']] });
    const b = new BlackholeTable(storeContext(tableDef('b', cols, { connector: 'blackhole' })));
    b.createWriter().write([{ kind: I, row: [1, 'a'] }], 0, 0);
    expect(b.changes()).toBe(1);
    expect(b.visibleCount()).toBe(0);
  });
});
