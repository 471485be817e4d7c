// Reading a lake table. A batch scan plans one snapshot (merge-on-read: data files minus the
// deletes that apply to them, delete-rules.ts); an incremental append scan reads the data files
// that `append` snapshots added between two snapshots (Iceberg's IncrementalAppendScan:
// start exclusive, end inclusive, other operations skipped). Planning reports the counts of
// manifests and files it had to read, the inputs of the read cost.
import { ConnectorError } from '../../errors';
import type { Row } from '../../types';
import { FileContent, type DataFile } from './content-file';
import { DeleteIndex, type DataFileDeletes } from './delete-rules';
import { EntryStatus, isLive, ManifestContent, type ManifestEntry } from './manifest';
import { isUnpartitioned } from './partition-spec';
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';

/** A row as a reader sees it, with where it lives. */
export interface ScannedRow {
  readonly row: Row;
  readonly filePath: string;
  readonly position: number;
}

export interface ScanTask {
  readonly data: ManifestEntry;
  readonly deletes: DataFileDeletes;
}

export interface ScanPlan {
  readonly snapshot: Snapshot | null;
  readonly tasks: readonly ScanTask[];
  readonly dataManifests: number;
  readonly deleteManifests: number;
  /** Manifest entries read, live or not (planning work). */
  readonly manifestEntries: number;
  readonly dataFiles: number;
  readonly deleteFiles: number;
  readonly equalityDeleteFiles: number;
  readonly positionDeleteFiles: number;
  readonly deletionVectors: number;
}

export function planScan(
  table: IcebergTable,
  snapshot: Snapshot | null = table.currentSnapshot(),
): ScanPlan {
  const dataEntries: ManifestEntry[] = [];
  const deleteEntries: ManifestEntry[] = [];
  let dataManifests = 0,
    deleteManifests = 0,
    manifestEntries = 0;
  let eq = 0,
    pos = 0,
    dvs = 0;
  for (const m of snapshot?.manifests ?? []) {
    manifestEntries += m.entries.length;
    if (m.content === ManifestContent.DATA) dataManifests++;
    else deleteManifests++;
    for (const e of m.entries) {
      if (!isLive(e)) continue;
      if (e.file.content === FileContent.DATA) dataEntries.push(e);
      else {
        deleteEntries.push(e);
        if (e.file.content === FileContent.EQUALITY_DELETES) eq++;
        else if (e.file.kind === 'dv') dvs++;
        else pos++;
      }
    }
  }
  const index = new DeleteIndex(deleteEntries, table.schema, isUnpartitioned(table.spec));
  const tasks = dataEntries.map((data) => ({ data, deletes: index.forDataFile(data) }));
  return {
    snapshot,
    tasks,
    dataManifests,
    deleteManifests,
    manifestEntries,
    dataFiles: dataEntries.length,
    deleteFiles: deleteEntries.length,
    equalityDeleteFiles: eq,
    positionDeleteFiles: pos,
    deletionVectors: dvs,
  };
}

/** The rows of one task after its deletes, in file order. */
export function readTask(task: ScanTask): ScannedRow[] {
  const file = task.data.file as DataFile;
  const out: ScannedRow[] = [];
  const { deletedPositions, isEqualityDeleted } = task.deletes;
  for (let position = 0; position < file.rows.length; position++) {
    if (deletedPositions.has(position)) continue;
    const row = file.rows[position]!;
    if (isEqualityDeleted(row)) continue;
    out.push({ row, filePath: file.path, position });
  }
  return out;
}

/** Merge-on-read view of a snapshot (the current one by default); empty before the first commit. */
export function readSnapshot(
  table: IcebergTable,
  snapshot: Snapshot | null = table.currentSnapshot(),
): ScannedRow[] {
  const last = lastScans.get(table);
  if (last && last.snapshot === snapshot) return last.rows.slice();
  const rows = planScan(table, snapshot).tasks.flatMap(readTask);
  lastScans.set(table, { snapshot, rows });
  return rows.slice();
}

/**
 * The last merge-on-read view read of each table. A snapshot never changes, and a streaming
 * changelog read and the table's row count (metrics) both read the newest one: the second read
 * reuses the first's rows instead of planning and merging again.
 */
const lastScans = new WeakMap<IcebergTable, { snapshot: Snapshot | null; rows: readonly ScannedRow[] }>();

function requireSnapshot(table: IcebergTable, snapshotId: number): Snapshot {
  const s = table.snapshot(snapshotId);
  if (!s)
    throw new ConnectorError({
      table: table.name,
      message: `Cannot find snapshot with ID ${snapshotId}`,
    });
  return s;
}

/**
 * The snapshot current at `timestampMs`, looked up in the snapshot log (spec: "Point in Time
 * Reads"): the last entry at or before the time.
 */
export function snapshotAsOf(table: IcebergTable, timestampMs: number): Snapshot {
  let best: { timestampMs: number; snapshotId: number } | null = null;
  for (const entry of table.snapshotLog) {
    if (entry.timestampMs <= timestampMs && (best === null || entry.timestampMs > best.timestampMs))
      best = entry;
  }
  if (!best) {
    throw new ConnectorError({
      table: table.name,
      message: `Cannot find a snapshot older than ${new Date(timestampMs).toISOString().replace('Z', '')}`,
    });
  }
  return requireSnapshot(table, best.snapshotId);
}

/** The `append` snapshots after `startExclusive` up to `endInclusive`, oldest first. */
export function appendsBetween(
  table: IcebergTable,
  startExclusive: number | null,
  endInclusive: number,
): Snapshot[] {
  requireSnapshot(table, endInclusive);
  if (startExclusive !== null) requireSnapshot(table, startExclusive);
  const out: Snapshot[] = [];
  let reachedStart = startExclusive === null;
  for (const s of table.ancestors(endInclusive)) {
    if (s.snapshotId === startExclusive) {
      reachedStart = true;
      break;
    }
    if (s.operation === 'append') out.push(s);
  }
  if (!reachedStart) {
    throw new ConnectorError({
      table: table.name,
      message: `Starting snapshot (exclusive) ${startExclusive} is not a parent ancestor of end snapshot ${endInclusive}`,
    });
  }
  return out.reverse();
}

/** Rows of the data files ADDED by the append snapshots between the two (no deletes apply). */
export function readAppends(
  table: IcebergTable,
  startExclusive: number | null,
  endInclusive: number,
): ScannedRow[] {
  const out: ScannedRow[] = [];
  for (const s of appendsBetween(table, startExclusive, endInclusive)) {
    for (const m of s.manifests) {
      if (m.content !== ManifestContent.DATA || m.addedSnapshotId !== s.snapshotId) continue;
      for (const e of m.entries) {
        if (e.status !== EntryStatus.ADDED || e.snapshotId !== s.snapshotId) continue;
        const file = e.file as DataFile;
        file.rows.forEach((row, position) => out.push({ row, filePath: file.path, position }));
      }
    }
  }
  return out;
}

/** Flink's Iceberg read options (`OPTIONS` hint keys), already parsed to numbers. */
export interface ReadOptions {
  readonly snapshotId?: number;
  readonly asOfTimestamp?: number;
  readonly startSnapshotId?: number;
  readonly endSnapshotId?: number;
}

export interface ReadResult {
  readonly mode: 'batch' | 'incremental-append';
  /** The snapshot read (batch) or the end snapshot (incremental); null for an empty table. */
  readonly snapshotId: number | null;
  readonly rows: ScannedRow[];
}

/** A bounded read as Flink's FlinkSplitPlanner picks it: incremental when a start or end is set. */
export function readTable(table: IcebergTable, options: ReadOptions = {}): ReadResult {
  const fail = (message: string): never => {
    throw new ConnectorError({ table: table.name, message });
  };
  if (options.startSnapshotId !== undefined || options.endSnapshotId !== undefined) {
    if (options.snapshotId !== undefined || options.asOfTimestamp !== undefined) {
      fail(
        'snapshot-id and as-of-timestamp cannot be combined with start-snapshot-id / end-snapshot-id',
      );
    }
    const end = options.endSnapshotId ?? table.currentSnapshot()?.snapshotId ?? null;
    if (end === null) return { mode: 'incremental-append', snapshotId: null, rows: [] };
    return {
      mode: 'incremental-append',
      snapshotId: end,
      rows: readAppends(table, options.startSnapshotId ?? null, end),
    };
  }
  if (options.snapshotId !== undefined && options.asOfTimestamp !== undefined) {
    fail(`Cannot override snapshot, already set snapshot id=${options.snapshotId}`);
  }
  const snapshot =
    options.snapshotId !== undefined
      ? requireSnapshot(table, options.snapshotId)
      : options.asOfTimestamp !== undefined
        ? snapshotAsOf(table, options.asOfTimestamp)
        : table.currentSnapshot();
  return {
    mode: 'batch',
    snapshotId: snapshot?.snapshotId ?? null,
    rows: readSnapshot(table, snapshot),
  };
}
