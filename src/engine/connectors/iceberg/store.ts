// The `iceberg` connector's storage: a lake table the simulator reads and writes, over the pure
// table model of this folder (docs/iceberg.md).
// - Each job writing the table gets Flink's Iceberg sink (sink.ts: task writers + the files
//   committer). A checkpoint barrier closes the open files (phase one, `prepareCheckpoint`), the
//   completed checkpoint commits them as snapshots (phase two, `commitCheckpoint`), a bounded job
//   commits at its end, and a failover drops what no completed checkpoint covers. The committer's
//   max-committed-checkpoint-id (stored in every snapshot summary) makes a repeated notification
//   commit nothing, so a restored job never commits twice.
// - A reader sees merge-on-read of the current snapshot; a bounded read (the only read this issue
//   has) waits until every job writing the table has finished, then reads the snapshot Flink's
//   read options pick (`snapshot-id`, `as-of-timestamp`, `start-snapshot-id`/`end-snapshot-id`).
// - Snapshot commit times are epoch ms (simulation epoch + virtual time), as Iceberg stores them;
//   `as-of-timestamp` is compared against them.
import type { Change, Row, RowKind } from '../../types';
import { RowKind as RK } from '../../types';
import type { LakeSnapshotInfo, LakeTableMetrics } from '../../api';
import { ConnectorError } from '../../errors';
import type { TableDef } from '../../plan/graph';
import type { ReaderSpec, ReadResult, SinkWriter, SourceReader, StoreContext, TableStore } from '../store';
import { CommittedChangesStore, PendingCommits, lowerOptions } from '../store';
import { keyOf } from '../../runtime/keys';
import { FileContent } from './content-file';
import { IcebergSink } from './sink';
import type { Snapshot } from './snapshot';
import { planScan, readSnapshot, readTable, type ReadOptions } from './scan';
import { boundedReadCost, DEFAULT_LAKE_READ_COST, type ReadCostBreakdown } from './read-cost';
import { IcebergTable as IcebergModel } from './table';
import { METADATA_TABLES, metadataTable, type MetadataTable, type MetadataTableName } from './metadata-tables';
import { isStreamingRead, streamingReadOptions } from './source/read-options';
import { DEFAULT_LAKE_SOURCE_ENV, StreamingLakeReader } from './source/streaming-reader';
import { IcebergMetadataStore } from './metadata-store';
import { TableMaintenance, maintenanceConfig } from './table-maintenance';
import { FluctuationTracker, type FluctuationCounts } from '../fluctuation';

/** The model table a TableDef describes (throws ConnectorError on bad table properties). */
export function modelTableOf(def: TableDef, ids: { nextU32(): number }): IcebergModel {
  const columns = def.schema.columns;
  return new IcebergModel(
    {
      name: def.name,
      columns,
      primaryKey: def.primaryKeyIndices.map((i) => columns[i]!.name),
      // PARTITIONED BY (identity partitions): data files per partition, equality deletes scoped to one.
      partitionBy: def.partitionedBy,
      properties: lowerOptions(def.options),
    },
    ids,
  );
}

/** Flink's read options from a read's options (lower-cased keys); throws ConnectorError. */
export function icebergReadOptions(options: Record<string, string>, epochMs: number): ReadOptions {
  const num = (key: string): number | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 0) throw new ConnectorError({ option: key, message: `option '${key}' must be a whole number, not '${v}'` });
    return n;
  };
  const out: { -readonly [K in keyof ReadOptions]: ReadOptions[K] } = {};
  const snapshotId = num('snapshot-id');
  const asOf = num('as-of-timestamp');
  const start = num('start-snapshot-id');
  const end = num('end-snapshot-id');
  if (snapshotId !== undefined) out.snapshotId = snapshotId;
  // Below the epoch a timestamp is read as ms of virtual time (what the Snapshots view shows).
  if (asOf !== undefined) out.asOfTimestamp = asOf < epochMs ? asOf + epochMs : asOf;
  if (start !== undefined) out.startSnapshotId = start;
  if (end !== undefined) out.endSnapshotId = end;
  return out;
}

/**
 * Whether a read of a lake table ends (compile's check and the store agree through this one
 * rule): a bounded read ends once every job writing the table has; a streaming read only when
 * some job writes the table and every one of them ends.
 */
export function icebergReadEnds(options: Record<string, string>, hasWriters: boolean, writersBounded: boolean): boolean {
  // A streaming read of a table nobody writes never ends, as in Flink; one of a table whose
  // writers all end finishes once it has read their last commit.
  if (isStreamingRead(lowerOptions(options))) return hasWriters && writersBounded;
  return !hasWriters || writersBounded;
}

interface PendingChange {
  kind: RowKind;
  row: Row;
  time: number | null;
}

export class IcebergTableStore extends CommittedChangesStore implements TableStore {
  readonly canRead = true;
  readonly canWrite = true;
  readonly kindColumn = false;
  readonly model: IcebergModel;
  /** The sinks of the jobs writing the table, for rows pending commit. */
  private readonly sinks = new Set<IcebergSink>();
  private cachedRows: { snapshotId: number | null; rows: Row[] } | null = null;
  /** Newest event time (virtual ms) of the rows each snapshot committed, for streaming readers' freshness. */
  private readonly snapshotEventTime = new Map<number, number>();

  /** Keyed tables: keys a commit left missing between a -U and its +U (none when a commit holds both). */
  private readonly fluctuation: FluctuationTracker | null;

  /** Maintenance the table's `flink-maintenance.*` options switch on, run after commits. */
  readonly maintenance: TableMaintenance;

  constructor(ctx: StoreContext) {
    super(ctx);
    this.model = modelTableOf(ctx.def, ctx.random.fork('snapshots'));
    this.maintenance = new TableMaintenance(maintenanceConfig(this.model.properties), ctx.epochMs);
    this.fluctuation = ctx.def.primaryKeyIndices.length > 0 ? new FluctuationTracker() : null;
  }

  /** Present for keyed tables only: see FluctuationTracker.applyAtomic (a reader sees whole commits). */
  fluctuationWindows(): FluctuationCounts | null {
    return this.fluctuation?.snapshot() ?? null;
  }

  get epochMs(): number {
    return this.ctx.epochMs;
  }

  bounded(hasWriters: boolean, writersBounded: boolean, options: Record<string, string>): boolean {
    return icebergReadEnds(options, hasWriters, writersBounded);
  }

  /** Newest event time of the rows snapshot `snapshotId` (or an earlier one) committed. */
  eventTimeOf(snapshotId: number): number | null {
    return this.snapshotEventTime.get(snapshotId) ?? null;
  }

  /** A sink committed `snapshots`; `changes` are the row changes they made visible. */
  committed(snapshots: readonly Snapshot[], changes: readonly PendingChange[], now: number): void {
    if (snapshots.length === 0 && changes.length === 0) return;
    // Maintenance commits rewrite files, not rows: no change for the changelog view.
    this.maintenance.afterCommit(this.model, snapshots, this.ctx.epochMs + now);
    for (const c of changes) {
      this.logChange(now, c.kind, c.row);
      this.noteEventTime(c.time, now);
    }
    const keys = this.def.primaryKeyIndices;
    if (this.fluctuation && changes.length > 0) this.fluctuation.applyAtomic(changes.map((c) => ({ key: keyOf(c.row, keys), kind: c.kind })), now);
    const newest = this.newestVisibleEventTime();
    if (newest !== null) for (const s of snapshots) this.snapshotEventTime.set(s.snapshotId, newest);
    this.cachedRows = null;
  }

  createReader(spec: ReaderSpec): SourceReader {
    if (isStreamingRead(spec.options)) {
      const options = streamingReadOptions(spec.options, this.ctx.epochMs);
      return new StreamingLakeReader(
        this.model,
        spec,
        options,
        this.ctx.epochMs,
        this.def.primaryKeyIndices,
        spec.lakeSource ?? DEFAULT_LAKE_SOURCE_ENV,
        Math.max(1, spec.parallelism ?? 1),
        (id) => this.eventTimeOf(id),
      );
    }
    return new IcebergReader(this, spec, icebergReadOptions(spec.options, this.ctx.epochMs));
  }

  createWriter(jobId: string, parallelism: number, mode?: { overwrite?: boolean }): SinkWriter {
    const sink = new IcebergSink(this.model, { jobId, operatorId: `${this.def.name}-sink`, parallelism, ...(mode?.overwrite ? { overwrite: true } : {}) });
    this.sinks.add(sink);
    return new IcebergWriter(this, sink);
  }

  /** Merge-on-read of the current snapshot. */
  currentRows(): Row[] {
    const id = this.model.currentSnapshot()?.snapshotId ?? null;
    if (this.cachedRows?.snapshotId !== id || this.cachedRows === null)
      this.cachedRows = { snapshotId: id, rows: readSnapshot(this.model, this.model.currentSnapshot()).map((r) => r.row) };
    return this.cachedRows.rows;
  }

  visibleRows(): { kinds: RowKind[] | null; rows: Row[] } {
    return { kinds: null, rows: this.currentRows().slice(0, this.ctx.maxReadRows) };
  }

  visibleCount(): number {
    return this.currentRows().length;
  }


  lakeMetrics(): LakeTableMetrics {
    const current = this.model.currentSnapshot();
    let dataFiles = 0;
    let deleteFiles = 0;
    for (const e of this.model.liveEntries()) {
      if (e.file.content === FileContent.DATA) dataFiles++;
      else deleteFiles++;
    }
    let pendingRows = 0;
    for (const s of this.sinks) pendingRows += s.pendingRecords;
    return {
      formatVersion: this.model.formatVersion,
      snapshots: this.model.snapshots.length,
      currentSnapshotId: current?.snapshotId ?? null,
      dataFiles,
      deleteFiles,
      pendingRows,
      lastCommitAt: current ? current.timestampMs - this.ctx.epochMs : null,
    };
  }

  lakeSnapshots(): LakeSnapshotInfo[] {
    return this.model.snapshots.map((s) => ({
      snapshotId: s.snapshotId,
      parentId: s.parentId,
      sequenceNumber: s.sequenceNumber,
      committedAt: s.timestampMs - this.ctx.epochMs,
      operation: s.operation,
      summary: { ...s.summary },
    }));
  }

  /** Iceberg's metadata tables of this table, by suffix (`snapshots`, `files`, ...); null for another suffix. */
  metadataTable(suffix: string): MetadataTable | null {
    const name = suffix.toLowerCase();
    return (METADATA_TABLES as readonly string[]).includes(name) ? metadataTable(this.model, name as MetadataTableName) : null;
  }

  metadataTableSuffixes(): readonly string[] {
    return METADATA_TABLES;
  }

  metadataStore(def: TableDef): TableStore {
    return new IcebergMetadataStore(def, this);
  }
}

/** Flink's Iceberg sink behind the simulator's two-phase-commit writer interface. */
class IcebergWriter implements SinkWriter {
  /** The row changes of each prepared checkpoint, for the changelog view and freshness. */
  private readonly pending = new PendingCommits<PendingChange>();
  private readonly keyIndices: number[];

  constructor(
    private readonly table: IcebergTableStore,
    private readonly sink: IcebergSink,
  ) {
    this.keyIndices = table.def.primaryKeyIndices;
  }

  /** Rows of one key go to one writer subtask (Flink keys the sink input by equality fields). */
  private subtaskOf(row: Row, index: number): number {
    if (this.sink.parallelism === 1) return 0;
    if (this.keyIndices.length === 0) return index % this.sink.parallelism;
    const key = keyOf(row, this.keyIndices);
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    return Math.abs(h) % this.sink.parallelism;
  }

  write(changes: readonly Change[], eventTime: number | null): string | null {
    try {
      if (this.table.model.formatVersion === 1)
        for (const c of changes)
          if (c.kind !== RK.INSERT)
            return `table '${this.table.def.name}' is an Iceberg v1 table (append-only) and received an update or delete; use 'format-version' = '2'`;
      changes.forEach((c, i) => {
        this.sink.write(this.subtaskOf(c.row, i), [c]);
        this.pending.add({ kind: c.kind, row: c.row, time: eventTime });
      });
      return null;
    } catch (e) {
      if (e instanceof ConnectorError) return e.message;
      throw e;
    }
  }

  tick(): void {}

  prepareCheckpoint(id: number): void {
    this.sink.snapshotState(id);
    this.pending.prepare(id);
  }

  commitCheckpoint(id: number, now: number): void {
    const snapshots = this.sink.notifyCheckpointComplete(id, this.table.epochMs + now);
    const changes: PendingChange[] = [];
    this.pending.commit(id, (records) => {
      for (const r of records) changes.push(r);
    });
    this.table.committed(snapshots, changes, now);
  }

  endOfInput(now: number): void {
    const snapshots = this.sink.endInput(this.table.epochMs + now);
    const changes: PendingChange[] = [];
    this.pending.commitAll((records) => {
      for (const r of records) changes.push(r);
    });
    this.table.committed(snapshots, changes, now);
  }

  abortUncommitted(): void {
    this.sink.fail();
    this.pending.clear();
  }

  stateBytes(): number {
    // The committer's checkpointed state is the manifests of prepared files: a few hundred bytes
    // per file; the pending row images stand in for it.
    return this.pending.bytes();
  }
}

class IcebergReader implements SourceReader {
  private rows: Row[] | null = null;
  private pos = 0;
  /** A read option naming a snapshot the table does not have fails the job once. */
  private error: string | null = null;
  /** Virtual time the first row can be emitted: the start plus planning and merge-on-read cost. */
  private readyAt = 0;
  /** What planning and merge-on-read cost this read (read-cost.ts). */
  cost: ReadCostBreakdown | null = null;
  constructor(
    private readonly table: IcebergTableStore,
    private readonly spec: ReaderSpec,
    private readonly options: ReadOptions,
  ) {}

  private ready(now: number): boolean {
    if (!this.rows) {
      if (this.spec.hasWriters && !this.spec.writersFinished()) return false;
      try {
        const result = readTable(this.table.model, this.options);
        this.rows = result.rows.map((r) => r.row);
        const snapshot = result.snapshotId === null ? null : (this.table.model.snapshot(result.snapshotId) ?? null);
        const plan = planScan(this.table.model, snapshot);
        // An incremental append read plans the same manifests and applies no deletes.
        const cost = boundedReadCost(result.mode === 'batch' ? plan : { ...plan, tasks: [] }, this.spec.lakeRead ?? DEFAULT_LAKE_READ_COST, this.spec.parallelism ?? 1);
        this.cost = cost;
        this.readyAt = now + cost.totalMs;
      } catch (e) {
        if (!(e instanceof ConnectorError)) throw e;
        this.rows = [];
        this.error = e.message;
        this.readyAt = now;
      }
    }
    return now >= this.readyAt;
  }

  available(now: number): number {
    return this.ready(now) ? this.rows!.length - this.pos : 0;
  }

  read(max: number, now: number): ReadResult {
    if (!this.ready(now)) return { changes: [], originTime: null, error: null };
    if (this.error !== null) {
      const error = this.error;
      this.error = null;
      return { changes: [], originTime: null, error };
    }
    const n = Math.min(max, this.rows!.length - this.pos);
    const changes: Change[] = new Array(n);
    for (let i = 0; i < n; i++) changes[i] = { kind: RK.INSERT, row: this.rows![this.pos + i]! };
    this.pos += n;
    return { changes, originTime: n > 0 ? this.table.newestVisibleEventTime() : null, error: null };
  }

  isFinished(now: number): boolean {
    return this.ready(now) && this.pos >= this.rows!.length && this.error === null;
  }

  oldestUnread(now: number): number | null {
    return this.available(now) > 0 ? now : null;
  }

  snapshot(): unknown {
    return { pos: this.pos, started: this.rows !== null, readyAt: this.readyAt };
  }

  restore(s: unknown): void {
    const snap = s as { pos: number; started: boolean; readyAt?: number };
    this.pos = snap.pos;
    if (!snap.started) this.rows = null;
    else this.readyAt = snap.readyAt ?? this.readyAt;
  }

  stateBytes(): number {
    return 8;
  }
}
