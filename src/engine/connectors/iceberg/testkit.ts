// Test helpers for the lake model: small tables, hand-made files and readable views.
import {
  RowKind,
  type Change,
  type Column,
  type Row,
  type TypeName,
  type Value,
} from '../../types';
import {
  FileContent,
  type DataFile,
  type EqualityDeleteFile,
  type PositionDeleteFile,
} from './content-file';
import { partitionKeyOf } from './partition-spec';
import { readSnapshot } from './scan';
import type { Snapshot, SnapshotIdSource } from './snapshot';
import { IcebergTable, type TableDefinition } from './table';
import { makeKeyFn } from '../../runtime/keys';

/** A deterministic id source for tests (xorshift32); the engine passes its seeded Random. */
export function idSource(seed = 1): SnapshotIdSource {
  let x = seed >>> 0 || 1;
  return {
    nextU32() {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x;
    },
  };
}

export function column(name: string, type: TypeName = 'BIGINT', nullable = true): Column {
  return { name, type: { name: type, nullable } };
}

/** `orders(id BIGINT, name STRING, amount DOUBLE)` keyed by id unless told otherwise. */
export function ordersTable(
  properties: Record<string, string> = {},
  more: Partial<TableDefinition> = {},
  seed = 1,
): IcebergTable {
  return new IcebergTable(
    {
      name: 'orders',
      columns: [column('id'), column('name', 'STRING'), column('amount', 'DOUBLE')],
      primaryKey: ['id'],
      properties,
      ...more,
    },
    idSource(seed),
  );
}

export function dataFile(table: IcebergTable, rows: Row[], partition: Value[] = []): DataFile {
  return {
    content: FileContent.DATA,
    path: table.newFilePath(partition, 'parquet'),
    format: 'parquet',
    specId: 0,
    partition,
    partitionKey: partitionKeyOf(partition),
    recordCount: rows.length,
    sizeBytes: 100,
    rows,
  };
}

/** An equality delete on the table's first column. */
export function equalityDelete(
  table: IcebergTable,
  ids: Value[],
  partition: Value[] = [],
): EqualityDeleteFile {
  const keyOf = makeKeyFn([0]);
  return {
    content: FileContent.EQUALITY_DELETES,
    path: table.newFilePath(partition, 'parquet'),
    format: 'parquet',
    specId: 0,
    partition,
    partitionKey: partitionKeyOf(partition),
    recordCount: ids.length,
    sizeBytes: 50,
    equalityFieldIds: [1],
    rows: ids.map((id) => [id]),
    keys: ids.map((id) => keyOf([id])),
  };
}

export function positionDelete(
  table: IcebergTable,
  target: DataFile,
  positions: number[],
  kind: 'position' | 'dv' = 'position',
): PositionDeleteFile {
  return {
    content: FileContent.POSITION_DELETES,
    kind,
    path: table.newFilePath(target.partition, kind === 'dv' ? 'puffin' : 'parquet'),
    format: kind === 'dv' ? 'puffin' : 'parquet',
    specId: 0,
    partition: target.partition,
    partitionKey: target.partitionKey,
    recordCount: positions.length,
    sizeBytes: 40,
    referencedDataFile: target.path,
    positions,
    contentOffset: kind === 'dv' ? 4 : null,
    contentSizeBytes: kind === 'dv' ? 30 : null,
  };
}

/** The ids (first column) a reader sees, sorted. */
export function ids(
  table: IcebergTable,
  snapshot: Snapshot | null = table.currentSnapshot(),
): Value[] {
  return readSnapshot(table, snapshot)
    .map((r) => r.row[0]!)
    .sort((a, b) => Number(a) - Number(b));
}

/** Rows a reader sees, sorted by first column. */
export function rows(
  table: IcebergTable,
  snapshot: Snapshot | null = table.currentSnapshot(),
): Row[] {
  return readSnapshot(table, snapshot)
    .map((r) => r.row)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

export const ins = (...row: Value[]): Change => ({ kind: RowKind.INSERT, row });
export const ub = (...row: Value[]): Change => ({ kind: RowKind.UPDATE_BEFORE, row });
export const ua = (...row: Value[]): Change => ({ kind: RowKind.UPDATE_AFTER, row });
export const del = (...row: Value[]): Change => ({ kind: RowKind.DELETE, row });
