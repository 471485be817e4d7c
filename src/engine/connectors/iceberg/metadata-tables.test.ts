import { describe, expect, it } from 'vitest';
import { metadataTable, parseMetadataTableName } from './metadata-tables';
import { IcebergTaskWriter } from './task-writer';
import { IcebergFilesCommitter } from './files-committer';
import { IcebergTable } from './table';
import { column, idSource, ins, ordersTable, ua } from './testkit';

function upsertTable(version: '2' | '3') {
  const t = new IcebergTable(
    {
      name: 'orders',
      columns: [column('id'), column('dt', 'DATE'), column('amount', 'DOUBLE')],
      primaryKey: ['id', 'dt'],
      partitionBy: ['dt'],
      properties: { 'format-version': version, 'write.upsert.enabled': 'true' },
    },
    idSource(5),
  );
  const w = new IcebergTaskWriter(t);
  const c = new IcebergFilesCommitter(t, { jobId: 'j', operatorId: 'o' });
  w.writeBatch([ins(1, 0, 1), ins(2, 1, 2)]);
  c.prepare(1, [w.complete()]);
  c.notifyCheckpointComplete(1, 60_000);
  w.writeBatch([ua(1, 0, 5), ua(1, 0, 6)]);
  c.prepare(2, [w.complete()]);
  c.notifyCheckpointComplete(2, 120_000);
  return t;
}

const byName = (m: { columns: { name: string }[]; rows: unknown[][] }) =>
  m.rows.map((r) => Object.fromEntries(m.columns.map((c, i) => [c.name, r[i]])));

describe('metadata tables', () => {
  it('parses Flink names', () => {
    expect(parseMetadataTableName('orders$snapshots')).toEqual({
      table: 'orders',
      metadata: 'snapshots',
    });
    expect(parseMetadataTableName('orders$nope')).toBeNull();
    expect(parseMetadataTableName('orders')).toBeNull();
  });

  it('$snapshots: committed_at, snapshot_id, parent_id, operation, manifest_list, summary (JSON text)', () => {
    const t = upsertTable('2');
    const m = metadataTable(t, 'snapshots');
    expect(m.columns.map((c) => c.name)).toEqual([
      'committed_at',
      'snapshot_id',
      'parent_id',
      'operation',
      'manifest_list',
      'summary',
    ]);
    expect(m.columns[0]!.type).toEqual({ name: 'TIMESTAMP_LTZ', nullable: false, precision: 3 });
    const rows = byName(m);
    expect(rows.map((r) => [r.committed_at, r.operation])).toEqual([
      [60_000, 'overwrite'],
      [120_000, 'overwrite'],
    ]); // upsert deletes the key before every +I
    expect(rows[1]!.parent_id).toBe(rows[0]!.snapshot_id);
    const summary = JSON.parse(rows[1]!.summary as string);
    expect(summary['flink.max-committed-checkpoint-id']).toBe('2');
    expect(summary['added-equality-deletes']).toBe('1');
    expect(summary['added-position-deletes']).toBe('1');
  });

  it('$history: made_current_at, snapshot_id, parent_id, is_current_ancestor', () => {
    const t = upsertTable('2');
    const rows = byName(metadataTable(t, 'history'));
    expect(rows.map((r) => [r.made_current_at, r.is_current_ancestor])).toEqual([
      [60_000, true],
      [120_000, true],
    ]);
  });

  it('$files, $data_files, $delete_files: live files with content, path, format, partition, counts and sizes', () => {
    const t = upsertTable('2');
    const files = byName(metadataTable(t, 'files'));
    expect(files.map((f) => f.content).sort()).toEqual([0, 0, 0, 1, 2, 2, 2]);
    const data = byName(metadataTable(t, 'data_files'));
    expect(data.every((f) => f.content === 0 && f.file_format === 'PARQUET')).toBe(true);
    expect(data.map((f) => f.partition).sort()).toEqual([
      '{"dt":"1970-01-01"}',
      '{"dt":"1970-01-01"}',
      '{"dt":"1970-01-02"}',
    ]);
    expect(data.reduce((n, f) => n + (f.record_count as number), 0)).toBe(4);
    const deletes = byName(metadataTable(t, 'delete_files'));
    const pos = deletes.find((f) => f.content === 1)!;
    expect(pos.referenced_data_file).toMatch(/data\/dt=1970-01-01\//);
    expect(deletes.filter((f) => f.content === 2).every((f) => f.equality_ids === '[1,2]')).toBe(
      true,
    );
    expect(files.every((f) => (f.file_size_in_bytes as number) > 0)).toBe(true);
  });

  it('v3 $delete_files shows deletion vectors in Puffin files with offset and size', () => {
    const t = upsertTable('3');
    const dv = byName(metadataTable(t, 'delete_files')).find((f) => f.content === 1)!;
    expect(dv.file_format).toBe('PUFFIN');
    expect(dv.content_offset).toBe(4);
    expect(dv.content_size_in_bytes).toBeGreaterThan(0);
    const data = byName(metadataTable(t, 'data_files'));
    expect(data.map((f) => f.first_row_id).sort()).toEqual([0, 1, 2]);
  });

  it('$manifests: one row per manifest of the current snapshot with per-content counts', () => {
    const t = upsertTable('2');
    const rows = byName(metadataTable(t, 'manifests'));
    expect(rows.map((r) => r.content).sort()).toEqual([0, 0, 1, 1]);
    const newestData = rows.find(
      (r) => r.content === 0 && r.added_snapshot_id === t.currentSnapshot()!.snapshotId,
    )!;
    expect(newestData.added_data_files_count).toBe(1);
    expect(newestData.added_delete_files_count).toBe(0);
    expect(JSON.parse(newestData.partition_summaries as string)).toEqual([
      { contains_null: false, contains_nan: false, lower_bound: '0', upper_bound: '0' },
    ]);
  });

  it('$partitions: counts per partition; no partition column for an unpartitioned table', () => {
    const t = upsertTable('2');
    const rows = byName(metadataTable(t, 'partitions'));
    expect(
      rows.map((r) => [
        r.partition,
        r.record_count,
        r.file_count,
        r.equality_delete_file_count,
        r.position_delete_file_count,
      ]),
    ).toEqual([
      ['{"dt":"1970-01-01"}', 3, 2, 2, 1],
      ['{"dt":"1970-01-02"}', 1, 1, 1, 0],
    ]);
    expect(rows[0]!.last_updated_at).toBe(120_000);
    const plain = ordersTable();
    expect(metadataTable(plain, 'partitions').columns[0]!.name).toBe('record_count');
  });
});
