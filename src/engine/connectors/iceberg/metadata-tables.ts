// Iceberg's metadata tables, as Flink names them (`t$snapshots`, ...), with Iceberg's column
// names and order. Struct, map and list columns (summary, partition, equality_ids,
// partition_summaries) are JSON text in a STRING column, since the engine's values are scalars;
// timestamps (`committed_at`, ...) are TIMESTAMP_LTZ(3) in milliseconds. `$files` carries the
// file columns up to `content_size_in_bytes` except the column metrics maps, `key_metadata`,
// `split_offsets`, `sort_order_id` and `readable_metrics`, which the model does not keep.
import type { Column, DataType, Row, TypeName } from '../../types';
import { FileContent, type ContentFile } from './content-file';
import { EntryStatus, ManifestContent, liveEntries, type ManifestEntry } from './manifest';
import { isUnpartitioned, partitionJson } from './partition-spec';
import type { IcebergTable } from './table';

export const METADATA_TABLES = [
  'snapshots',
  'history',
  'files',
  'data_files',
  'delete_files',
  'manifests',
  'partitions',
] as const;
export type MetadataTableName = (typeof METADATA_TABLES)[number];

export interface MetadataTable {
  readonly columns: Column[];
  readonly rows: Row[];
}

function col(name: string, type: TypeName, nullable = false, precision?: number): Column {
  const t: DataType =
    precision === undefined ? { name: type, nullable } : { name: type, nullable, precision };
  return { name, type: t };
}

/** Splits `orders$snapshots` into the table and the metadata table, or null for a plain name. */
export function parseMetadataTableName(
  name: string,
): { table: string; metadata: MetadataTableName } | null {
  const at = name.lastIndexOf('$');
  if (at <= 0) return null;
  const metadata = name.slice(at + 1).toLowerCase();
  return (METADATA_TABLES as readonly string[]).includes(metadata)
    ? { table: name.slice(0, at), metadata: metadata as MetadataTableName }
    : null;
}

export function metadataTable(table: IcebergTable, name: MetadataTableName): MetadataTable {
  switch (name) {
    case 'snapshots':
      return snapshotsTable(table);
    case 'history':
      return historyTable(table);
    case 'files':
      return filesTable(table, () => true);
    case 'data_files':
      return filesTable(table, (f) => f.content === FileContent.DATA);
    case 'delete_files':
      return filesTable(table, (f) => f.content !== FileContent.DATA);
    case 'manifests':
      return manifestsTable(table);
    case 'partitions':
      return partitionsTable(table);
  }
}

function snapshotsTable(table: IcebergTable): MetadataTable {
  return {
    columns: [
      col('committed_at', 'TIMESTAMP_LTZ', false, 3),
      col('snapshot_id', 'BIGINT'),
      col('parent_id', 'BIGINT', true),
      col('operation', 'STRING', true),
      col('manifest_list', 'STRING', true),
      col('summary', 'STRING', true),
    ],
    rows: table.snapshots.map((s) => [
      s.timestampMs,
      s.snapshotId,
      s.parentId,
      s.operation,
      s.manifestListPath,
      JSON.stringify(s.summary),
    ]),
  };
}

function historyTable(table: IcebergTable): MetadataTable {
  const ancestors = new Set(
    table.ancestors(table.currentSnapshot()?.snapshotId ?? null).map((s) => s.snapshotId),
  );
  return {
    columns: [
      col('made_current_at', 'TIMESTAMP_LTZ', false, 3),
      col('snapshot_id', 'BIGINT'),
      col('parent_id', 'BIGINT', true),
      col('is_current_ancestor', 'BOOLEAN'),
    ],
    rows: table.snapshotLog.map((entry) => [
      entry.timestampMs,
      entry.snapshotId,
      table.snapshot(entry.snapshotId)?.parentId ?? null,
      ancestors.has(entry.snapshotId),
    ]),
  };
}

function filesTable(table: IcebergTable, keep: (f: ContentFile) => boolean): MetadataTable {
  const rows: Row[] = [];
  for (const e of table.liveEntries()) {
    const f = e.file;
    if (!keep(f)) continue;
    const position = f.content === FileContent.POSITION_DELETES ? f : null;
    rows.push([
      f.content,
      f.path,
      f.format.toUpperCase(),
      f.specId,
      partitionJson(table.spec, table.schema, f.partition),
      f.recordCount,
      f.sizeBytes,
      f.content === FileContent.EQUALITY_DELETES ? JSON.stringify(f.equalityFieldIds) : null,
      f.content === FileContent.DATA && table.formatVersion >= 3 ? firstRowIdOf(table, e) : null,
      position?.referencedDataFile ?? null,
      position?.contentOffset ?? null,
      position?.contentSizeBytes ?? null,
    ]);
  }
  return {
    columns: [
      col('content', 'INT'),
      col('file_path', 'STRING'),
      col('file_format', 'STRING'),
      col('spec_id', 'INT'),
      col('partition', 'STRING'),
      col('record_count', 'BIGINT'),
      col('file_size_in_bytes', 'BIGINT'),
      col('equality_ids', 'STRING', true),
      col('first_row_id', 'BIGINT', true),
      col('referenced_data_file', 'STRING', true),
      col('content_offset', 'BIGINT', true),
      col('content_size_in_bytes', 'BIGINT', true),
    ],
    rows,
  };
}

/** v3 row lineage: a data file's first row id, inherited from its snapshot's `first-row-id`. */
function firstRowIdOf(table: IcebergTable, entry: ManifestEntry): number | null {
  const snapshot = table.snapshot(entry.snapshotId);
  if (!snapshot || snapshot.firstRowId === null) return null;
  let offset = snapshot.firstRowId;
  for (const m of snapshot.manifests) {
    if (m.content !== ManifestContent.DATA || m.addedSnapshotId !== snapshot.snapshotId) continue;
    for (const e of m.entries) {
      if (e.status !== EntryStatus.ADDED || e.snapshotId !== snapshot.snapshotId) continue;
      if (e.file.path === entry.file.path) return offset;
      offset += e.file.recordCount;
    }
  }
  return null;
}

function manifestsTable(table: IcebergTable): MetadataTable {
  const manifests = table.currentSnapshot()?.manifests ?? [];
  return {
    columns: [
      col('content', 'INT'),
      col('path', 'STRING'),
      col('length', 'BIGINT'),
      col('partition_spec_id', 'INT'),
      col('added_snapshot_id', 'BIGINT'),
      col('added_data_files_count', 'INT'),
      col('existing_data_files_count', 'INT'),
      col('deleted_data_files_count', 'INT'),
      col('added_delete_files_count', 'INT'),
      col('existing_delete_files_count', 'INT'),
      col('deleted_delete_files_count', 'INT'),
      col('partition_summaries', 'STRING'),
    ],
    rows: manifests.map((m) => {
      const data = m.content === ManifestContent.DATA;
      const summaries = table.spec.fields.map((_, i) => {
        const values = m.entries.map((e) => e.file.partition[i] ?? null);
        const present = values
          .filter((v) => v !== null)
          .map((v) => String(v))
          .sort();
        return {
          contains_null: values.includes(null),
          contains_nan: values.some((v) => typeof v === 'number' && Number.isNaN(v)),
          lower_bound: present[0] ?? null,
          upper_bound: present[present.length - 1] ?? null,
        };
      });
      return [
        m.content,
        m.path,
        m.lengthBytes,
        m.specId,
        m.addedSnapshotId,
        data ? m.addedFilesCount : 0,
        data ? m.existingFilesCount : 0,
        data ? m.deletedFilesCount : 0,
        data ? 0 : m.addedFilesCount,
        data ? 0 : m.existingFilesCount,
        data ? 0 : m.deletedFilesCount,
        JSON.stringify(summaries),
      ];
    }),
  };
}

interface PartitionStats {
  partition: string;
  specId: number;
  recordCount: number;
  fileCount: number;
  dataBytes: number;
  positionDeleteRecords: number;
  positionDeleteFiles: number;
  equalityDeleteRecords: number;
  equalityDeleteFiles: number;
  lastUpdatedAt: number | null;
  lastUpdatedSnapshotId: number | null;
}

function partitionsTable(table: IcebergTable): MetadataTable {
  const stats = new Map<string, PartitionStats>();
  for (const e of liveEntries(table.currentSnapshot()?.manifests ?? [])) {
    const f = e.file;
    let s = stats.get(f.partitionKey);
    if (!s) {
      s = {
        partition: partitionJson(table.spec, table.schema, f.partition),
        specId: f.specId,
        recordCount: 0,
        fileCount: 0,
        dataBytes: 0,
        positionDeleteRecords: 0,
        positionDeleteFiles: 0,
        equalityDeleteRecords: 0,
        equalityDeleteFiles: 0,
        lastUpdatedAt: null,
        lastUpdatedSnapshotId: null,
      };
      stats.set(f.partitionKey, s);
    }
    if (f.content === FileContent.DATA) {
      s.recordCount += f.recordCount;
      s.fileCount++;
      s.dataBytes += f.sizeBytes;
    } else if (f.content === FileContent.EQUALITY_DELETES) {
      s.equalityDeleteRecords += f.recordCount;
      s.equalityDeleteFiles++;
    } else {
      s.positionDeleteRecords += f.recordCount;
      s.positionDeleteFiles++;
    }
    const snapshot = table.snapshot(e.snapshotId);
    if (snapshot && (s.lastUpdatedAt === null || snapshot.timestampMs > s.lastUpdatedAt)) {
      s.lastUpdatedAt = snapshot.timestampMs;
      s.lastUpdatedSnapshotId = snapshot.snapshotId;
    }
  }
  const partitioned = !isUnpartitioned(table.spec);
  const columns = [
    ...(partitioned ? [col('partition', 'STRING'), col('spec_id', 'INT')] : []),
    col('record_count', 'BIGINT'),
    col('file_count', 'INT'),
    col('total_data_file_size_in_bytes', 'BIGINT'),
    col('position_delete_record_count', 'BIGINT'),
    col('position_delete_file_count', 'INT'),
    col('equality_delete_record_count', 'BIGINT'),
    col('equality_delete_file_count', 'INT'),
    col('last_updated_at', 'TIMESTAMP_LTZ', true, 3),
    col('last_updated_snapshot_id', 'BIGINT', true),
  ];
  const rows = [...stats.values()]
    .sort((a, b) => (a.partition < b.partition ? -1 : a.partition > b.partition ? 1 : 0))
    .map((s): Row => [
      ...(partitioned ? [s.partition, s.specId] : []),
      s.recordCount,
      s.fileCount,
      s.dataBytes,
      s.positionDeleteRecords,
      s.positionDeleteFiles,
      s.equalityDeleteRecords,
      s.equalityDeleteFiles,
      s.lastUpdatedAt,
      s.lastUpdatedSnapshotId,
    ]);
  return { columns, rows };
}
