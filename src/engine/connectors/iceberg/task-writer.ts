// The writer side of Flink's Iceberg sink (Iceberg's BaseDeltaTaskWriter over
// BaseEqualityDeltaWriter, one per partition). Rows written between two checkpoints go to open
// files; `complete()` closes them into a WriteResult for the committer.
// - Without equality fields (no primary key) Flink uses an insert-only writer: every row is
//   written as a data row whatever its kind, so a -U/-D becomes another row (as in Flink).
// - With equality fields: +I/+U write the row (upsert first deletes the key); -U/-D delete.
//   A delete of a key this writer inserted since the last checkpoint becomes a position delete
//   (v2) or a deletion-vector position (v3) on that uncommitted file (the insertedRowMap);
//   otherwise an equality delete, which applies only to older commits.
// - Files roll at `write.target-file-size-bytes`, checked every 1000 rows as Iceberg's rolling
//   writers do.
import { ConnectorError } from '../../errors';
import { makeKeyFn, pick, type KeyFn, type StateKey } from '../../runtime/keys';
import { RowKind, type Change, type Column, type Row, type Value } from '../../types';
import {
  FileContent,
  type DataFile,
  type DeleteFile,
  type EqualityDeleteFile,
  type PositionDeleteFile,
} from './content-file';
import {
  deletionVectorBytes,
  encodedRowBytes,
  fileSizeBytes,
  positionDeleteRowBytes,
  PUFFIN_FILE_FIXED_BYTES,
  PUFFIN_FOOTER_BYTES_PER_BLOB,
} from './file-size';
import { partitionFunction, partitionKeyOf } from './partition-spec';
import { fieldIdsOf } from './schema';
import type { IcebergTable } from './table';
import type { DataFileFormat } from './table-properties';

/** What a writer hands the committer at a checkpoint (Iceberg's WriteResult). */
export interface WriteResult {
  readonly dataFiles: readonly DataFile[];
  readonly deleteFiles: readonly DeleteFile[];
  /** Data files that the position deletes / DVs of this result reference. */
  readonly referencedDataFiles: readonly string[];
}

export const EMPTY_WRITE_RESULT: WriteResult = {
  dataFiles: [],
  deleteFiles: [],
  referencedDataFiles: [],
};

/** BaseRollingWriter.ROWS_DIVISOR: the size check runs every this many rows. */
export const ROLL_CHECK_ROWS = 1000;

export interface TaskWriterOptions {
  /** Defaults to the table's `write.upsert.enabled`. */
  readonly upsert?: boolean;
  /** Column indices of the equality fields; defaults to the table's primary key. */
  readonly equalityColumns?: readonly number[];
  /** The sink subtask index: part of file names. */
  readonly taskId?: number;
}

interface FileLocation {
  readonly path: string;
  readonly position: number;
}

/** One open file: rows in order and their encoded bytes; rolls at a target size. */
class RollingFile {
  path: string | null = null;
  rows: Row[] = [];
  encodedBytes = 0;
  readonly closed: { path: string; rows: Row[]; encodedBytes: number }[] = [];

  constructor(
    private readonly newPath: () => string,
    private readonly format: DataFileFormat,
    private readonly codec: string,
    private readonly columns: readonly Column[],
    private readonly targetBytes: number,
  ) {}

  write(row: Row): FileLocation {
    if (this.path === null) this.path = this.newPath();
    const location = { path: this.path, position: this.rows.length };
    this.rows.push(row);
    this.encodedBytes += encodedRowBytes(this.format, this.columns, row);
    if (this.rows.length % ROLL_CHECK_ROWS === 0 && this.length() >= this.targetBytes) this.close();
    return location;
  }

  length(): number {
    return fileSizeBytes(this.format, this.codec, this.columns.length, this.encodedBytes);
  }

  close(): void {
    if (this.path !== null && this.rows.length > 0)
      this.closed.push({ path: this.path, rows: this.rows, encodedBytes: this.encodedBytes });
    this.path = null;
    this.rows = [];
    this.encodedBytes = 0;
  }
}

interface PartitionWriter {
  readonly partition: Value[];
  readonly partitionKey: string;
  readonly data: RollingFile;
  readonly equalityDeletes: RollingFile;
  readonly equalityDeleteKeys: StateKey[];
  /** Key -> where this writer last inserted it since the last checkpoint. */
  readonly insertedRows: Map<StateKey, FileLocation>;
}

/**
 * FlinkSink's checks of upsert mode, with its messages: equality fields (the primary key) are
 * needed, and they must include every partition source column. Throws ConnectorError naming
 * `write.upsert.enabled`; compile runs it on the declared table (connector.ts), the writer again.
 */
export function checkUpsertFields(table: IcebergTable, equalityColumns: readonly number[]): void {
  const fail = (message: string): never => {
    throw new ConnectorError({ table: table.name, option: 'write.upsert.enabled', message });
  };
  if (equalityColumns.length === 0)
    fail("Equality field columns shouldn't be empty when configuring to use UPSERT data stream.");
  for (const f of table.spec.fields) {
    if (!equalityColumns.includes(f.sourceColumn)) {
      const column = table.schema.columns[f.sourceColumn]!.name;
      fail(
        `In UPSERT mode, source column '${column}' of partition field '${f.name}', should be included in equality fields: '[${equalityColumns.map((c) => table.schema.columns[c]!.name).join(', ')}]'`,
      );
    }
  }
}

export class IcebergTaskWriter {
  readonly upsert: boolean;
  readonly equalityColumns: readonly number[];
  private readonly table: IcebergTable;
  private readonly taskId: number;
  private readonly partitionOf: (row: Row) => Value[];
  private readonly keyOf: KeyFn;
  private readonly deleteColumns: readonly Column[];
  private writers = new Map<string, PartitionWriter>();
  /** Data file path -> deleted positions, for position deletes / DVs on uncommitted files. */
  private positionDeletes = new Map<
    string,
    { partition: Value[]; partitionKey: string; positions: number[] }
  >();
  private dataRows = 0;
  private deleteRows = 0;

  constructor(table: IcebergTable, options: TaskWriterOptions = {}) {
    this.table = table;
    this.upsert = options.upsert ?? table.settings.upsert;
    this.equalityColumns = options.equalityColumns ?? table.schema.identifierColumns;
    this.taskId = options.taskId ?? 0;
    if (this.upsert) checkUpsertFields(table, this.equalityColumns);
    this.partitionOf = partitionFunction(table.spec, table.schema);
    this.keyOf = makeKeyFn(this.equalityColumns);
    this.deleteColumns = this.upsert
      ? this.equalityColumns.map((c) => table.schema.columns[c]!)
      : table.schema.columns;
  }

  /** True when rows are written as-is (no equality fields): Flink's insert-only task writer. */
  get insertOnly(): boolean {
    return this.equalityColumns.length === 0;
  }

  /** Rows (data and deletes) written since the last checkpoint: waiting for the next commit. */
  get pendingRecords(): number {
    return this.dataRows + this.deleteRows;
  }

  write(change: Change): void {
    const writer = this.route(change.row);
    if (this.insertOnly) {
      this.insert(writer, change.row);
      return;
    }
    switch (change.kind) {
      case RowKind.INSERT:
      case RowKind.UPDATE_AFTER:
        if (this.upsert) this.deleteKey(writer, change.row);
        this.insert(writer, change.row);
        break;
      case RowKind.UPDATE_BEFORE:
        // Upsert ignores -U: the +U that follows deletes the key (deleting twice is avoided).
        if (!this.upsert) this.deleteRow(writer, change.row);
        break;
      case RowKind.DELETE:
        if (this.upsert) this.deleteKey(writer, change.row);
        else this.deleteRow(writer, change.row);
        break;
    }
  }

  writeBatch(batch: readonly Change[]): void {
    for (const change of batch) this.write(change);
  }

  /** Closes every open file (Flink's prepareSnapshotPreBarrier) and starts afresh. */
  complete(): WriteResult {
    const t = this.table;
    const s = t.settings;
    const dataFiles: DataFile[] = [];
    const deleteFiles: DeleteFile[] = [];
    for (const w of this.writers.values()) {
      w.data.close();
      for (const f of w.data.closed) {
        dataFiles.push({
          content: FileContent.DATA,
          path: f.path,
          format: s.dataFormat,
          specId: t.spec.specId,
          partition: w.partition,
          partitionKey: w.partitionKey,
          recordCount: f.rows.length,
          sizeBytes: fileSizeBytes(s.dataFormat, s.codec, t.schema.columns.length, f.encodedBytes),
          rows: f.rows,
        });
      }
      w.equalityDeletes.close();
      let keyOffset = 0;
      for (const f of w.equalityDeletes.closed) {
        const file: EqualityDeleteFile = {
          content: FileContent.EQUALITY_DELETES,
          path: f.path,
          format: s.deleteFormat,
          specId: t.spec.specId,
          partition: w.partition,
          partitionKey: w.partitionKey,
          recordCount: f.rows.length,
          sizeBytes: fileSizeBytes(
            s.deleteFormat,
            s.deleteCodec,
            this.deleteColumns.length,
            f.encodedBytes,
          ),
          equalityFieldIds: fieldIdsOf(t.schema, this.equalityColumns),
          rows: f.rows,
          keys: w.equalityDeleteKeys.slice(keyOffset, keyOffset + f.rows.length),
        };
        keyOffset += f.rows.length;
        deleteFiles.push(file);
      }
    }
    for (const [path, d] of this.positionDeletes) {
      const positions = d.positions.slice().sort((a, b) => a - b);
      deleteFiles.push(
        positionDeleteFile(this.table, path, d.partition, d.partitionKey, positions, this.taskId),
      );
    }
    const referencedDataFiles = [...this.positionDeletes.keys()];
    this.reset();
    return { dataFiles, deleteFiles, referencedDataFiles };
  }

  /** Drops everything written since the last checkpoint (a failed task). */
  abort(): void {
    this.reset();
  }

  private reset(): void {
    this.writers = new Map();
    this.positionDeletes = new Map();
    this.dataRows = 0;
    this.deleteRows = 0;
  }

  private route(row: Row): PartitionWriter {
    const partition = this.partitionOf(row);
    const partitionKey = partitionKeyOf(partition);
    let w = this.writers.get(partitionKey);
    if (!w) {
      const t = this.table;
      const s = t.settings;
      w = {
        partition,
        partitionKey,
        data: new RollingFile(
          () => t.newFilePath(partition, s.dataFormat, this.taskId),
          s.dataFormat,
          s.codec,
          t.schema.columns,
          s.targetFileSizeBytes,
        ),
        equalityDeletes: new RollingFile(
          () => t.newFilePath(partition, s.deleteFormat, this.taskId),
          s.deleteFormat,
          s.deleteCodec,
          this.deleteColumns,
          s.deleteTargetFileSizeBytes,
        ),
        equalityDeleteKeys: [],
        insertedRows: new Map(),
      };
      this.writers.set(partitionKey, w);
    }
    return w;
  }

  private insert(w: PartitionWriter, row: Row): void {
    const location = w.data.write(row);
    this.dataRows++;
    if (this.insertOnly) return;
    const key = this.keyOf(row);
    const previous = w.insertedRows.get(key);
    w.insertedRows.set(key, location);
    // The same key inserted twice in one checkpoint: the older copy is deleted by position.
    if (previous) this.positionDelete(w, previous);
  }

  private positionDelete(w: PartitionWriter, at: FileLocation): void {
    let d = this.positionDeletes.get(at.path);
    if (!d)
      this.positionDeletes.set(
        at.path,
        (d = { partition: w.partition, partitionKey: w.partitionKey, positions: [] }),
      );
    d.positions.push(at.position);
    this.deleteRows++;
  }

  /** A delete of a key inserted since the last checkpoint becomes a position delete. */
  private deleteInserted(w: PartitionWriter, key: StateKey): boolean {
    const previous = w.insertedRows.get(key);
    if (!previous) return false;
    w.insertedRows.delete(key);
    this.positionDelete(w, previous);
    return true;
  }

  private deleteKey(w: PartitionWriter, row: Row): void {
    const key = this.keyOf(row);
    if (this.deleteInserted(w, key)) return;
    w.equalityDeletes.write(pick(row, this.equalityColumns));
    w.equalityDeleteKeys.push(key);
    this.deleteRows++;
  }

  private deleteRow(w: PartitionWriter, row: Row): void {
    const key = this.keyOf(row);
    if (this.deleteInserted(w, key)) return;
    w.equalityDeletes.write(row);
    w.equalityDeleteKeys.push(key);
    this.deleteRows++;
  }
}

/** A file-scoped position delete file (v2) or a deletion vector in its own Puffin file (v3). */
export function positionDeleteFile(
  table: IcebergTable,
  dataFilePath: string,
  partition: readonly Value[],
  partitionKey: string,
  positions: readonly number[],
  taskId = 0,
): PositionDeleteFile {
  const s = table.settings;
  if (table.formatVersion >= 3) {
    const blob = deletionVectorBytes(positions);
    return {
      content: FileContent.POSITION_DELETES,
      kind: 'dv',
      path: table.newFilePath(partition, 'puffin', taskId),
      format: 'puffin',
      specId: table.spec.specId,
      partition,
      partitionKey,
      recordCount: positions.length,
      sizeBytes: PUFFIN_FILE_FIXED_BYTES + PUFFIN_FOOTER_BYTES_PER_BLOB + blob,
      referencedDataFile: dataFilePath,
      positions,
      contentOffset: 4,
      contentSizeBytes: blob,
    };
  }
  return {
    content: FileContent.POSITION_DELETES,
    kind: 'position',
    path: table.newFilePath(partition, s.deleteFormat, taskId),
    format: s.deleteFormat,
    specId: table.spec.specId,
    partition,
    partitionKey,
    recordCount: positions.length,
    sizeBytes: fileSizeBytes(
      s.deleteFormat,
      s.deleteCodec,
      2,
      positions.length * positionDeleteRowBytes(s.deleteFormat, dataFilePath),
    ),
    referencedDataFile: dataFilePath,
    positions,
    contentOffset: null,
    contentSizeBytes: null,
  };
}
