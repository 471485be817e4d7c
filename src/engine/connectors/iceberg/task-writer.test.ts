import { describe, expect, it } from 'vitest';
import { IcebergTaskWriter, ROLL_CHECK_ROWS } from './task-writer';
import { IcebergFilesCommitter } from './files-committer';
import { column, del, idSource, ins, ordersTable, rows, ua, ub } from './testkit';
import { IcebergTable } from './table';
import type { IcebergTable as Table } from './table';
import type { Change } from '../../types';

const identity = { jobId: 'job-1', operatorId: 'sink-1' };

/** Writes each batch as one checkpoint and commits it. */
function run(table: Table, checkpoints: Change[][], options: { upsert?: boolean } = {}) {
  const writer = new IcebergTaskWriter(table, options);
  const committer = new IcebergFilesCommitter(table, identity);
  checkpoints.forEach((batch, i) => {
    writer.writeBatch(batch);
    committer.prepare(i + 1, [writer.complete()]);
    committer.notifyCheckpointComplete(i + 1, (i + 1) * 1000);
  });
  return { writer, committer };
}

describe('IcebergTaskWriter (Flink delta writer)', () => {
  it('upsert: +I/+U delete the key then write; a key written twice in one checkpoint is deleted by position', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    const writer = new IcebergTaskWriter(t);
    writer.writeBatch([ins(1, 'a', 1), ins(2, 'b', 2), ua(1, 'a2', 5)]);
    const result = writer.complete();
    // +I 1 -> eq delete(1); +I 2 -> eq delete(2); +U 1 -> position delete of the first row 1.
    expect(result.dataFiles).toHaveLength(1);
    expect(result.dataFiles[0]!.rows).toEqual([
      [1, 'a', 1],
      [2, 'b', 2],
      [1, 'a2', 5],
    ]);
    const eq = result.deleteFiles.filter((f) => f.content === 2);
    const pos = result.deleteFiles.filter((f) => f.content === 1);
    expect(eq).toHaveLength(1);
    expect(eq[0]!.rows).toEqual([[1], [2]]);
    expect(pos).toHaveLength(1);
    expect(pos[0]!.content === 1 && pos[0]!.positions).toEqual([0]);
    expect(result.referencedDataFiles).toEqual([result.dataFiles[0]!.path]);
  });

  it('upsert across checkpoints: the later +U hides the older row through an equality delete', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    run(t, [
      [ins(1, 'a', 1), ins(2, 'b', 2)],
      [ua(1, 'a2', 5), del(2, null, null)],
    ]);
    expect(rows(t)).toEqual([[1, 'a2', 5]]);
    const s = t.currentSnapshot()!;
    expect(s.summary['added-equality-deletes']).toBe('2');
  });

  it('upsert ignores -U (the +U deletes the key)', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    run(t, [[ins(1, 'a', 1)], [ub(1, 'a', 1), ua(1, 'b', 2)]]);
    expect(rows(t)).toEqual([[1, 'b', 2]]);
    expect(t.currentSnapshot()!.summary['added-equality-deletes']).toBe('1');
  });

  it('retract (no upsert): -U/-D write equality deletes of whole rows, or position deletes for rows of the same checkpoint', () => {
    const t = ordersTable();
    const writer = new IcebergTaskWriter(t);
    writer.writeBatch([ins(1, 'a', 1), ub(1, 'a', 1), ua(1, 'b', 2), del(7, 'x', 0)]);
    const r = writer.complete();
    const eq = r.deleteFiles.filter((f) => f.content === 2);
    expect(eq[0]!.rows).toEqual([[7, 'x', 0]]);
    expect(r.deleteFiles.filter((f) => f.content === 1 && f.kind === 'position')).toHaveLength(1);
    run(t, [[ins(1, 'a', 1)], [ub(1, 'a', 1), ua(1, 'b', 2)], [del(1, 'b', 2)]]);
    expect(rows(t)).toEqual([]);
  });

  it('v3 writes deletion vectors instead of position deletes', () => {
    const t = ordersTable({ 'format-version': '3', 'write.upsert.enabled': 'true' });
    const writer = new IcebergTaskWriter(t);
    writer.writeBatch([ins(1, 'a', 1), ua(1, 'b', 2), ua(1, 'c', 3)]);
    const r = writer.complete();
    const dvs = r.deleteFiles.filter((f) => f.content === 1);
    expect(dvs).toHaveLength(1);
    expect(dvs[0]!.content === 1 && dvs[0]!.kind).toBe('dv');
    expect(dvs[0]!.content === 1 && dvs[0]!.positions).toEqual([0, 1]);
    expect(dvs[0]!.format).toBe('puffin');
  });

  it('without equality fields every row is written as data whatever its kind (Flink insert-only writer)', () => {
    const t = new IcebergTable(
      { name: 'logs', columns: [column('id'), column('msg', 'STRING')] },
      idSource(),
    );
    const writer = new IcebergTaskWriter(t);
    expect(writer.insertOnly).toBe(true);
    writer.writeBatch([ins(1, 'a'), del(1, 'a')]);
    const r = writer.complete();
    expect(r.dataFiles[0]!.rows).toEqual([
      [1, 'a'],
      [1, 'a'],
    ]);
    expect(r.deleteFiles).toEqual([]);
  });

  it('upsert needs equality fields that include the partition source columns (FlinkSink checks)', () => {
    const keyless = new IcebergTable(
      { name: 'k', columns: [column('id')], properties: { 'write.upsert.enabled': 'true' } },
      idSource(),
    );
    expect(() => new IcebergTaskWriter(keyless)).toThrow(
      "Equality field columns shouldn't be empty when configuring to use UPSERT data stream.",
    );
    const partitioned = new IcebergTable(
      {
        name: 'p',
        columns: [column('id'), column('dt', 'STRING')],
        primaryKey: ['id'],
        partitionBy: ['dt'],
        properties: { 'write.upsert.enabled': 'true' },
      },
      idSource(),
    );
    expect(() => new IcebergTaskWriter(partitioned)).toThrow(
      /In UPSERT mode, source column 'dt' of partition field 'dt', should be included in equality fields/,
    );
  });

  it('routes rows to one file per partition and rolls files at the target size, checked every 1000 rows', () => {
    const t = new IcebergTable(
      {
        name: 'events',
        columns: [column('id'), column('ts', 'TIMESTAMP')],
        partitionBy: ['day(ts)'],
        properties: { 'write.target-file-size-bytes': '1000' },
      },
      idSource(),
    );
    const writer = new IcebergTaskWriter(t);
    const day = 86_400_000;
    for (let i = 0; i < 2500; i++) writer.write(ins(i, (i % 2) * day + i));
    const r = writer.complete();
    const counts = r.dataFiles.map((f) => [f.partition[0], f.recordCount]);
    // 1250 rows per day: a roll after row 1000 of each partition, then the remaining 250.
    expect(counts).toEqual([
      [0, ROLL_CHECK_ROWS],
      [0, 250],
      [1, ROLL_CHECK_ROWS],
      [1, 250],
    ]);
    expect(r.dataFiles[0]!.path).toMatch(/^warehouse\/events\/data\/ts_day=1970-01-01\//);
    expect(writer.pendingRecords).toBe(0);
  });

  it('abort drops everything written since the last checkpoint', () => {
    const t = ordersTable();
    const writer = new IcebergTaskWriter(t);
    writer.writeBatch([ins(1, 'a', 1)]);
    expect(writer.pendingRecords).toBe(1);
    writer.abort();
    expect(writer.complete().dataFiles).toEqual([]);
  });
});
