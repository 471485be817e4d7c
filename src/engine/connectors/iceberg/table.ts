// A lake table's metadata (Iceberg spec "Table Metadata"): schema, partition spec, properties,
// format version, snapshots, the snapshot log, the current snapshot and the sequence-number and
// row-id counters; and the one way to change its contents, `commit`, which produces a snapshot as
// Iceberg's snapshot producers do (sequence numbers, manifest list, summary).
import { ConnectorError } from '../../errors';
import type { Column, Value } from '../../types';
import { FileContent, isDeletionVector, type ContentFile, type FileFormat } from './content-file';
import {
  isLive,
  liveEntries,
  nextManifestList,
  type Manifest,
  type ManifestEntry,
  EntryStatus,
} from './manifest';
import { createPartitionSpec, partitionPath, type PartitionSpec } from './partition-spec';
import { createSchema, type IcebergSchema } from './schema';
import {
  buildSummary,
  fileTotals,
  nextSnapshotId,
  rowDeltaOperation,
  type Operation,
  type Snapshot,
  type SnapshotIdSource,
} from './snapshot';
import { readWriteSettings, type FormatVersion, type WriteSettings } from './table-properties';

export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: readonly string[];
  /** `PARTITIONED BY` entries: `col`, `day(col)`, `hour(col)`. */
  readonly partitionBy?: readonly string[];
  /** `WITH` options / table properties, verbatim. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Defaults to `warehouse/<name>`. */
  readonly location?: string;
}

export interface SnapshotLogEntry {
  readonly timestampMs: number;
  readonly snapshotId: number;
}

/** One atomic change of the table's contents. */
export interface TableUpdate {
  readonly commitTimeMs: number;
  readonly addedFiles?: readonly ContentFile[];
  /** Paths of live files to remove. */
  readonly removedPaths?: readonly string[];
  /** Defaults to the row-delta rule (snapshot.ts `rowDeltaOperation`). */
  readonly operation?: Operation;
  /** Data sequence number for added data files; a rewrite keeps its starting snapshot's. */
  readonly dataSequenceNumber?: number;
  /** Extra summary properties, e.g. Flink's `flink.max-committed-checkpoint-id`. */
  readonly summary?: Readonly<Record<string, string>>;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

export class IcebergTable {
  readonly name: string;
  readonly location: string;
  readonly tableUuid: string;
  readonly schema: IcebergSchema;
  readonly spec: PartitionSpec;
  readonly properties: Readonly<Record<string, string>>;
  readonly settings: WriteSettings;
  private readonly ids: SnapshotIdSource;
  private readonly snapshotList: Snapshot[] = [];
  private readonly snapshotsById = new Map<number, Snapshot>();
  private readonly log: SnapshotLogEntry[] = [];
  private current: Snapshot | null = null;
  private lastSequence = 0;
  private lastUpdated = 0;
  private nextRow = 0;
  private fileCount = 0;

  constructor(definition: TableDefinition, ids: SnapshotIdSource) {
    this.name = definition.name;
    this.location = definition.location ?? `warehouse/${definition.name}`;
    this.properties = { ...(definition.properties ?? {}) };
    this.settings = readWriteSettings(definition.name, this.properties);
    this.schema = createSchema(definition.name, definition.columns, definition.primaryKey ?? []);
    this.spec = createPartitionSpec(definition.name, this.schema, definition.partitionBy ?? []);
    this.ids = ids;
    const u = [ids.nextU32(), ids.nextU32(), ids.nextU32(), ids.nextU32()].map(hex8).join('');
    this.tableUuid = `${u.slice(0, 8)}-${u.slice(8, 12)}-4${u.slice(13, 16)}-a${u.slice(17, 20)}-${u.slice(20, 32)}`;
  }

  get formatVersion(): FormatVersion {
    return this.settings.formatVersion;
  }
  get snapshots(): readonly Snapshot[] {
    return this.snapshotList;
  }
  get snapshotLog(): readonly SnapshotLogEntry[] {
    return this.log;
  }
  get lastSequenceNumber(): number {
    return this.lastSequence;
  }
  get lastUpdatedMs(): number {
    return this.lastUpdated;
  }
  /** v3 row lineage: the next snapshot's `first-row-id`. */
  get nextRowId(): number {
    return this.nextRow;
  }
  currentSnapshot(): Snapshot | null {
    return this.current;
  }
  snapshot(snapshotId: number): Snapshot | undefined {
    return this.snapshotsById.get(snapshotId);
  }

  /** Live entries (data and delete files) of a snapshot; the current one by default. */
  liveEntries(snapshot: Snapshot | null = this.current): ManifestEntry[] {
    return snapshot ? liveEntries(snapshot.manifests) : [];
  }

  /** A fresh file location under `data/<partition path>/`, named as Iceberg's OutputFileFactory does. */
  newFilePath(partition: readonly Value[], format: FileFormat, taskId = 0): string {
    const dir = partitionPath(this.spec, this.schema, partition);
    const n = String(++this.fileCount).padStart(5, '0');
    const name = `${String(taskId).padStart(5, '0')}-${taskId}-${this.tableUuid.slice(0, 8)}-${n}.${format}`;
    return `${this.location}/data/${dir ? dir + '/' : ''}${name}`;
  }

  /** Ancestors of a snapshot, newest first, the snapshot itself included. */
  ancestors(snapshotId: number | null): Snapshot[] {
    const out: Snapshot[] = [];
    let s = snapshotId === null ? undefined : this.snapshotsById.get(snapshotId);
    while (s) {
      out.push(s);
      s = s.parentId === null ? undefined : this.snapshotsById.get(s.parentId);
    }
    return out;
  }

  commit(update: TableUpdate): Snapshot {
    const added = update.addedFiles ?? [];
    const removedPaths = new Set(update.removedPaths ?? []);
    const parent = this.current;
    const parentLive = new Map<string, ManifestEntry>();
    for (const e of this.liveEntries(parent)) parentLive.set(e.file.path, e);
    this.validate(added, removedPaths, parentLive);

    const snapshotId = nextSnapshotId(this.ids, (id) => this.snapshotsById.has(id));
    const sequenceNumber = this.formatVersion === 1 ? 0 : this.lastSequence + 1;
    const commitId = hex8(this.ids.nextU32()) + hex8(this.ids.nextU32());
    const addedEntries: ManifestEntry[] = added.map((file) => ({
      status: EntryStatus.ADDED,
      snapshotId,
      dataSequenceNumber:
        file.content === FileContent.DATA
          ? (update.dataSequenceNumber ?? sequenceNumber)
          : sequenceNumber,
      fileSequenceNumber: sequenceNumber,
      file,
    }));
    const list = nextManifestList(parent?.manifests ?? [], {
      snapshotId,
      sequenceNumber,
      specId: this.spec.specId,
      addedEntries,
      removedPaths,
      mergeEnabled: this.settings.manifestMergeEnabled,
      minCountToMerge: this.settings.manifestMinMergeCount,
      newManifestPath: (n) => `${this.location}/metadata/${commitId}-m${n}.avro`,
    });
    const removed = [...removedPaths].map((p) => parentLive.get(p)!.file);
    const addsData = added.some((f) => f.content === FileContent.DATA);
    const addsDeletes = added.some((f) => f.content !== FileContent.DATA);
    const removesData = removed.some((f) => f.content === FileContent.DATA);
    const operation = update.operation ?? rowDeltaOperation(addsData, addsDeletes, removesData);
    const changedPartitions = new Set([...added, ...removed].map((f) => f.partitionKey)).size;
    const summary = buildSummary({
      operation,
      added,
      removed,
      totals: fileTotals(liveEntries(list.manifests).map((e) => e.file)),
      changedPartitions,
      manifestsCreated: list.created,
      manifestsKept: list.kept,
      manifestsReplaced: list.replaced,
      entriesProcessed: list.entriesProcessed,
      ...(update.summary ? { extra: update.summary } : {}),
    });
    const addedRows = added.reduce(
      (n, f) => (f.content === FileContent.DATA ? n + f.recordCount : n),
      0,
    );
    const snapshot: Snapshot = {
      snapshotId,
      parentId: parent?.snapshotId ?? null,
      sequenceNumber,
      timestampMs: update.commitTimeMs,
      operation,
      summary,
      manifestListPath: `${this.location}/metadata/snap-${snapshotId}-1-${commitId}.avro`,
      manifests: list.manifests,
      schemaId: this.schema.schemaId,
      firstRowId: this.formatVersion >= 3 ? this.nextRow : null,
      addedRows: this.formatVersion >= 3 ? addedRows : null,
    };
    if (this.formatVersion >= 3) this.nextRow += addedRows;
    this.snapshotList.push(snapshot);
    this.snapshotsById.set(snapshotId, snapshot);
    this.log.push({ timestampMs: update.commitTimeMs, snapshotId });
    this.current = snapshot;
    this.lastSequence = sequenceNumber;
    this.lastUpdated = update.commitTimeMs;
    return snapshot;
  }

  /**
   * Drops expired snapshots from the metadata (expire-snapshots.ts decides which). The snapshot log
   * loses every entry up to the last one naming an expired snapshot, as the spec asks.
   */
  removeSnapshots(snapshotIds: ReadonlySet<number>, timeMs: number): void {
    if (this.current && snapshotIds.has(this.current.snapshotId)) {
      throw new ConnectorError({
        table: this.name,
        message: `table '${this.name}': cannot expire the current snapshot`,
      });
    }
    for (let i = this.snapshotList.length - 1; i >= 0; i--) {
      if (snapshotIds.has(this.snapshotList[i]!.snapshotId)) this.snapshotList.splice(i, 1);
    }
    for (const id of snapshotIds) this.snapshotsById.delete(id);
    let lastExpired = -1;
    this.log.forEach((entry, i) => {
      if (snapshotIds.has(entry.snapshotId)) lastExpired = i;
    });
    this.log.splice(0, lastExpired + 1);
    this.lastUpdated = Math.max(this.lastUpdated, timeMs);
  }

  private validate(
    added: readonly ContentFile[],
    removed: ReadonlySet<string>,
    parentLive: ReadonlyMap<string, ManifestEntry>,
  ): void {
    const fail = (message: string): never => {
      throw new ConnectorError({ table: this.name, message: `table '${this.name}': ${message}` });
    };
    for (const path of removed)
      if (!parentLive.has(path)) fail(`cannot remove ${path}: not a live file`);
    const addedPaths = new Set<string>();
    for (const f of added) {
      if (parentLive.has(f.path) || addedPaths.has(f.path))
        fail(`file ${f.path} is already in the table`);
      addedPaths.add(f.path);
      if (f.content === FileContent.DATA) continue;
      // ManifestFiles.writeDeleteManifest: "Cannot write delete files in a v1 table".
      if (this.formatVersion === 1) fail('Cannot write delete files in a v1 table');
      if (f.content === FileContent.POSITION_DELETES) {
        if (this.formatVersion >= 3 && f.kind === 'position')
          fail('position delete files must not be added to v3 tables: write deletion vectors');
        if (this.formatVersion === 2 && f.kind === 'dv')
          fail('deletion vectors need format-version 3');
      }
    }
    if (this.formatVersion < 3) return;
    // At most one deletion vector per data file in a snapshot.
    const dvFor = new Map<string, string>();
    const check = (f: ContentFile) => {
      if (!isDeletionVector(f)) return;
      const other = dvFor.get(f.referencedDataFile);
      if (other !== undefined)
        fail(
          `data file ${f.referencedDataFile} would have two deletion vectors (${other}, ${f.path})`,
        );
      dvFor.set(f.referencedDataFile, f.path);
    };
    for (const [path, e] of parentLive) if (!removed.has(path) && isLive(e)) check(e.file);
    for (const f of added) check(f);
  }
}

export type { Manifest };
