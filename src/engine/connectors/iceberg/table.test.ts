import { describe, expect, it } from 'vitest';
import { IcebergTable } from './table';
import { column, dataFile, equalityDelete, idSource, ordersTable } from './testkit';
import { appendOnlyViolation, acceptsChangelog } from './append-only';
import { readWriteSettings } from './table-properties';

describe('table metadata and snapshots', () => {
  it('snapshot ids come from the seeded source: same seed, same ids; positive and below 2^53', () => {
    const ids = (seed: number) => {
      const t = ordersTable({}, {}, seed);
      for (let i = 0; i < 3; i++)
        t.commit({ commitTimeMs: i, addedFiles: [dataFile(t, [[i, 'x', 1]])] });
      return t.snapshots.map((s) => s.snapshotId);
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    for (const id of ids(7)) expect(id > 0 && id < 2 ** 53 && Number.isInteger(id)).toBe(true);
  });

  it('v2/v3 sequence numbers grow by one per commit; v1 snapshots all have 0', () => {
    const v2 = ordersTable();
    const v1 = ordersTable({ 'format-version': '1' });
    for (const t of [v1, v2])
      for (let i = 0; i < 3; i++)
        t.commit({ commitTimeMs: i, addedFiles: [dataFile(t, [[i, 'x', 1]])] });
    expect(v2.snapshots.map((s) => s.sequenceNumber)).toEqual([1, 2, 3]);
    expect(v1.snapshots.map((s) => s.sequenceNumber)).toEqual([0, 0, 0]);
    expect(v2.lastSequenceNumber).toBe(3);
  });

  it('parents, snapshot log and current snapshot follow the commits', () => {
    const t = ordersTable();
    const a = t.commit({ commitTimeMs: 10, addedFiles: [dataFile(t, [[1, 'x', 1]])] });
    const b = t.commit({ commitTimeMs: 20, addedFiles: [dataFile(t, [[2, 'x', 1]])] });
    expect(a.parentId).toBeNull();
    expect(b.parentId).toBe(a.snapshotId);
    expect(t.currentSnapshot()).toBe(b);
    expect(t.snapshotLog).toEqual([
      { timestampMs: 10, snapshotId: a.snapshotId },
      { timestampMs: 20, snapshotId: b.snapshotId },
    ]);
    expect(t.lastUpdatedMs).toBe(20);
    expect(b.manifestListPath).toMatch(
      new RegExp(`^warehouse/orders/metadata/snap-${b.snapshotId}-1-[0-9a-f]{16}\\.avro$`),
    );
  });

  it("summaries carry Iceberg's keys: added counts when non-zero, totals always", () => {
    const t = ordersTable();
    const s1 = t.commit({
      commitTimeMs: 1,
      addedFiles: [
        dataFile(t, [
          [1, 'a', 1],
          [2, 'b', 2],
        ]),
      ],
    });
    expect(s1.summary).toMatchObject({
      operation: 'append',
      'added-data-files': '1',
      'added-records': '2',
      'added-files-size': '100',
      'total-records': '2',
      'total-data-files': '1',
      'total-delete-files': '0',
      'total-equality-deletes': '0',
      'changed-partition-count': '1',
      'manifests-created': '1',
      'manifests-kept': '0',
    });
    expect(s1.summary['deleted-data-files']).toBeUndefined();
    const s2 = t.commit({ commitTimeMs: 2, addedFiles: [equalityDelete(t, [1, 2])] });
    expect(s2.summary).toMatchObject({
      operation: 'delete',
      'added-delete-files': '1',
      'added-equality-delete-files': '1',
      'added-equality-deletes': '2',
      'total-delete-files': '1',
      'total-equality-deletes': '2',
      'total-records': '2',
      'manifests-kept': '1',
    });
  });

  it('fast appends add one manifest per commit until commit.manifest.min-count-to-merge, then merge', () => {
    const t = ordersTable({ 'commit.manifest.min-count-to-merge': '4' });
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.commit({ commitTimeMs: i, addedFiles: [dataFile(t, [[i, 'x', 1]])] });
      counts.push(t.currentSnapshot()!.manifests.length);
    }
    expect(counts).toEqual([1, 2, 3, 1, 2, 3]);
    const merged = t.snapshots[3]!.manifests[0]!;
    expect([merged.addedFilesCount, merged.existingFilesCount]).toEqual([1, 3]);
    const off = ordersTable({
      'commit.manifest-merge.enabled': 'false',
      'commit.manifest.min-count-to-merge': '2',
    });
    for (let i = 0; i < 4; i++)
      off.commit({ commitTimeMs: i, addedFiles: [dataFile(off, [[i, 'x', 1]])] });
    expect(off.currentSnapshot()!.manifests).toHaveLength(4);
  });

  it('v3 snapshots assign row ids (first-row-id, added-rows, next-row-id)', () => {
    const t = ordersTable({ 'format-version': '3' });
    const a = t.commit({
      commitTimeMs: 1,
      addedFiles: [
        dataFile(t, [
          [1, 'a', 1],
          [2, 'b', 2],
        ]),
      ],
    });
    const b = t.commit({ commitTimeMs: 2, addedFiles: [dataFile(t, [[3, 'c', 3]])] });
    expect([a.firstRowId, a.addedRows, b.firstRowId, b.addedRows, t.nextRowId]).toEqual([
      0, 2, 2, 1, 3,
    ]);
    expect(ordersTable().commit({ commitTimeMs: 1 }).firstRowId).toBeNull();
  });

  it("properties: format-version defaults to 2, Iceberg's defaults, and errors name the option", () => {
    const s = readWriteSettings('t', {});
    expect([s.formatVersion, s.dataFormat, s.codec, s.targetFileSizeBytes, s.upsert]).toEqual([
      2,
      'parquet',
      'zstd',
      536870912,
      false,
    ]);
    expect(readWriteSettings('t', { 'write.format.default': 'orc' }).codec).toBe('zlib');
    expect(readWriteSettings('t', { 'write.format.default': 'avro' }).codec).toBe('gzip');
    expect(() => readWriteSettings('t', { 'format-version': '4' })).toThrow(
      /'format-version' must be 1, 2 or 3/,
    );
    expect(() => readWriteSettings('t', { 'write.parquet.compression-codec': 'zip' })).toThrow(
      /must be one of/,
    );
    expect(() =>
      readWriteSettings('t', { 'format-version': '1', 'write.upsert.enabled': 'true' }),
    ).toThrow(/v1 tables are append-only/);
    try {
      readWriteSettings('t', { 'write.target-file-size-bytes': 'big' });
    } catch (e) {
      expect((e as { option?: string }).option).toBe('write.target-file-size-bytes');
    }
  });

  it('schema and partition spec: field ids, identifier fields, day/hour transforms', () => {
    const t = new IcebergTable(
      {
        name: 'ev',
        columns: [column('id'), column('ts', 'TIMESTAMP')],
        primaryKey: ['id'],
        partitionBy: ['hours(ts)', 'id'],
      },
      idSource(),
    );
    expect(t.schema.fieldIds).toEqual([1, 2]);
    expect(t.schema.identifierColumns).toEqual([0]);
    expect(t.spec.fields.map((f) => [f.name, f.transform, f.fieldId, f.sourceId])).toEqual([
      ['ts_hour', 'hour', 1000, 2],
      ['id', 'identity', 1001, 1],
    ]);
    expect(t.newFilePath([3, 7], 'parquet')).toMatch(/data\/ts_hour=1970-01-01-03\/id=7\//);
    expect(
      () =>
        new IcebergTable(
          { name: 'x', columns: [column('id')], partitionBy: ['day(id)'] },
          idSource(),
        ),
    ).toThrow(/cannot partition by day\(id\)/);
  });

  it("v1 tables are append-only: an updating input gets Flink's changelog message", () => {
    expect(acceptsChangelog(1)).toBe(false);
    expect(acceptsChangelog(2)).toBe(true);
    const input = {
      qualifiedTableName: 'default_catalog.default_database.ods_orders',
      formatVersion: 1 as const,
      producesUpdates: true,
      producesDeletes: false,
      originNode: 'GroupAggregate(groupBy=[sku], select=[sku, COUNT(*) AS cnt])',
    };
    expect(appendOnlyViolation(input)).toBe(
      "Table sink 'default_catalog.default_database.ods_orders' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[sku], select=[sku, COUNT(*) AS cnt])",
    );
    expect(appendOnlyViolation({ ...input, producesDeletes: true })).toMatch(
      /consuming update and delete changes/,
    );
    expect(appendOnlyViolation({ ...input, formatVersion: 2 })).toBeNull();
    expect(appendOnlyViolation({ ...input, producesUpdates: false })).toBeNull();
  });
});
