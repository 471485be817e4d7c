// Split discovery of a streaming read (Iceberg's ContinuousSplitPlannerImpl): from the last
// enumerated position to the current snapshot, at most `max-planning-snapshot-count` snapshots
// per discovery, planned as splits of about `split-size` bytes.
// - Append reads (open source): the data files `append` snapshots added (IncrementalAppendScan);
//   `replace` (compaction) is skipped; an `overwrite` fails with the message Flink's legacy
//   source raised through IncrementalDataTableScan, a `delete` with the message of Iceberg's
//   streaming reader, unless `streaming-skip-overwrite-snapshots` / `-delete-snapshots` is set.
// - Changelog reads (`streaming.changelog`, a Freshet extension): the row changes between two
//   snapshots, from data files and delete files, as +I / -U / +U / -D; `merged` plans the whole
//   range as one diff (open source plans a range at once), `sequential` one diff per snapshot.
// A split carries its changes (computed at planning: the simulator reads files when it plans
// them, Flink when a reader opens the split) and what reading it costs: data bytes, files
// referenced, and the equality-delete rows a reader must hold in memory while reading it.
import { ConnectorError } from '../../../errors';
import { RowKind, type Change, type Row } from '../../../types';
import { makeKeyFn, rowKey, type KeyFn } from '../../../runtime/keys';
import { rowBytes } from '../../../runtime/state/size';
import { FileContent, type DataFile, type EqualityDeleteFile } from '../content-file';
import { EntryStatus, ManifestContent } from '../manifest';
import { readSnapshot, type ScannedRow } from '../scan';
import type { Snapshot } from '../snapshot';
import type { IcebergTable } from '../table';
import type { StreamingReadOptions } from './read-options';

export interface LakeSplit {
  readonly splitId: string;
  /** The newest snapshot whose changes the split holds. */
  readonly snapshotId: number;
  /** That snapshot's commit time, virtual ms. */
  readonly commitTimeMs: number;
  readonly changes: readonly Change[];
  /** Data bytes the split reads (file size model), at least the open-file cost per file. */
  readonly bytes: number;
  /** Data and delete files the split's tasks reference (what a queued split object holds). */
  readonly fileRefs: number;
  /** Heap bytes of the equality-delete rows a reader loads to read the split. */
  readonly deleteRowBytes: number;
  /** The partition of the split's first file (partition-parallel assignment). */
  readonly partitionKey: string;
}

/** Where discovery stands: the last enumerated snapshot (exclusive start of the next one). */
export interface EnumeratorPosition {
  readonly snapshotId: number | null;
}

export interface Discovery {
  readonly splits: LakeSplit[];
  readonly position: EnumeratorPosition;
  /** Snapshots this discovery covered (0 when nothing new was committed). */
  readonly snapshots: number;
}

function fail(table: IcebergTable, message: string): never {
  throw new ConnectorError({ table: table.name, message });
}

interface Piece {
  changes: Change[];
  bytes: number;
  fileRefs: number;
  partitionKey: string;
}

export class ContinuousSplitPlanner {
  private splitCount = 0;
  /** The live rows of the snapshot the last changelog diff ended at, by content. */
  private lastLive: { snapshotId: number | null; rows: Map<string, ScannedRow[]> } | null = null;
  private readonly keyOf: KeyFn | null;

  constructor(
    private readonly table: IcebergTable,
    private readonly options: StreamingReadOptions,
    private readonly epochMs: number,
    /** Primary key column indexes (changelog reads pair -U/+U by key). */
    primaryKey: readonly number[],
  ) {
    this.keyOf = primaryKey.length > 0 ? makeKeyFn(primaryKey) : null;
  }

  /** Whether `position` is the table's current snapshot (nothing left to discover). */
  caughtUp(position: EnumeratorPosition): boolean {
    return position.snapshotId === (this.table.currentSnapshot()?.snapshotId ?? null);
  }

  /** Plans splits after `position` (null: the first discovery, by the starting strategy). */
  planSplits(position: EnumeratorPosition | null): Discovery {
    return position === null ? this.discoverInitial() : this.discoverIncremental(position);
  }

  private discoverInitial(): Discovery {
    const t = this.table;
    const o = this.options;
    const current = t.currentSnapshot();
    let start: Snapshot | null;
    switch (o.startingStrategy) {
      case 'TABLE_SCAN_THEN_INCREMENTAL':
      case 'INCREMENTAL_FROM_LATEST_SNAPSHOT':
        start = current;
        break;
      case 'INCREMENTAL_FROM_EARLIEST_SNAPSHOT': {
        const chain = t.ancestors(current?.snapshotId ?? null);
        start = chain.length > 0 ? chain[chain.length - 1]! : null;
        break;
      }
      case 'INCREMENTAL_FROM_SNAPSHOT_ID':
        start = t.snapshot(o.startSnapshotId!) ?? fail(t, `Start snapshot id not found in history: ${o.startSnapshotId}`);
        break;
      case 'INCREMENTAL_FROM_SNAPSHOT_TIMESTAMP': {
        // SnapshotUtil.oldestAncestorAfter: the oldest ancestor committed at or after the time.
        start = null;
        for (const s of t.ancestors(current?.snapshotId ?? null)) if (s.timestampMs >= o.startSnapshotTimestamp!) start = s;
        if (start === null) fail(t, `Cannot find a snapshot after: ${o.startSnapshotTimestamp}`);
        break;
      }
    }
    if (start === null) return { splits: [], position: { snapshotId: null }, snapshots: 0 };
    if (o.startingStrategy === 'TABLE_SCAN_THEN_INCREMENTAL') {
      // A batch scan of the start snapshot (merge-on-read), then incremental after it.
      const rows = readSnapshot(t, start);
      if (o.changelog) this.lastLive = { snapshotId: start.snapshotId, rows: contentMap(rows) };
      const pieces = this.piecesOfRows(rows, RowKind.INSERT);
      return { splits: this.pack(pieces, start), position: { snapshotId: start.snapshotId }, snapshots: 1 };
    }
    // Every other strategy consumes the start snapshot inclusively: start after its parent.
    return { splits: [], position: { snapshotId: start.parentId }, snapshots: 0 };
  }

  private discoverIncremental(position: EnumeratorPosition): Discovery {
    const t = this.table;
    const current = t.currentSnapshot();
    if (current === null || current.snapshotId === position.snapshotId) return { splits: [], position, snapshots: 0 };
    // Ancestors after the position, newest first.
    const range: Snapshot[] = [];
    let reached = position.snapshotId === null;
    for (const s of t.ancestors(current.snapshotId)) {
      if (s.snapshotId === position.snapshotId) {
        reached = true;
        break;
      }
      range.push(s);
    }
    if (!reached) fail(t, `Starting snapshot (exclusive) ${position.snapshotId} is not a parent ancestor of end snapshot ${current.snapshotId}`);
    range.reverse();
    const planned = range.slice(0, this.options.maxPlanningSnapshotCount);
    const to = planned[planned.length - 1]!;
    const splits = this.options.changelog ? this.planChangelog(position.snapshotId, planned) : this.planAppends(position.snapshotId, planned);
    return { splits, position: { snapshotId: to.snapshotId }, snapshots: planned.length };
  }

  // ---- append reads -------------------------------------------------------------------------

  private planAppends(from: number | null, snapshots: readonly Snapshot[]): LakeSplit[] {
    const t = this.table;
    const o = this.options;
    const to = snapshots[snapshots.length - 1]!;
    const out: LakeSplit[] = [];
    let pending: Piece[] = [];
    for (const s of snapshots) {
      if (s.operation === 'overwrite' && !o.skipOverwriteSnapshots)
        fail(t, `java.lang.UnsupportedOperationException: Found overwrite operation, cannot support incremental data in snapshots (${from}, ${to.snapshotId}]`);
      if (s.operation === 'delete' && !o.skipDeleteSnapshots)
        fail(t, `Cannot process delete snapshot: ${s.snapshotId}, to ignore deletes, set streaming-skip-delete-snapshots=true`);
      if (s.operation !== 'append') continue;
      pending.push(...this.piecesOfAddedFiles(s));
      if (o.snapshotMode === 'sequential') {
        out.push(...this.pack(pending, s));
        pending = [];
      }
    }
    if (pending.length > 0) out.push(...this.pack(pending, to));
    return out;
  }

  /** The data files snapshot `s` added, cut at `split-size`. */
  private piecesOfAddedFiles(s: Snapshot): Piece[] {
    const pieces: Piece[] = [];
    for (const m of s.manifests) {
      if (m.content !== ManifestContent.DATA || m.addedSnapshotId !== s.snapshotId) continue;
      for (const e of m.entries) {
        if (e.status !== EntryStatus.ADDED || e.snapshotId !== s.snapshotId) continue;
        const file = e.file as DataFile;
        pieces.push(...this.cutFile(file, file.rows.map((row) => ({ kind: RowKind.INSERT, row }))));
      }
    }
    return pieces;
  }

  /** A file bigger than `split-size` becomes several pieces (Iceberg splits at offsets). */
  private cutFile(file: { sizeBytes: number; partitionKey: string }, changes: Change[]): Piece[] {
    const size = this.options.splitSizeBytes;
    const n = Math.max(1, Math.ceil(file.sizeBytes / size));
    const out: Piece[] = [];
    for (let i = 0; i < n; i++) {
      const from = Math.floor((i * changes.length) / n);
      const to = Math.floor(((i + 1) * changes.length) / n);
      out.push({ changes: changes.slice(from, to), bytes: file.sizeBytes / n, fileRefs: 1, partitionKey: file.partitionKey });
    }
    return out;
  }

  /** Bins pieces into splits of at most `split-size`, each piece weighing at least the open-file cost. */
  private pack(pieces: readonly Piece[], last: Snapshot, deleteRowBytes = 0): LakeSplit[] {
    const o = this.options;
    const out: LakeSplit[] = [];
    let bin: Piece[] = [];
    let weight = 0;
    const flush = (): void => {
      if (bin.length === 0) return;
      const changes: Change[] = [];
      let bytes = 0;
      let fileRefs = 0;
      for (const p of bin) {
        for (const c of p.changes) changes.push(c);
        bytes += p.bytes;
        fileRefs += p.fileRefs;
      }
      out.push({
        splitId: `${last.snapshotId}-${this.splitCount++}`,
        snapshotId: last.snapshotId,
        commitTimeMs: last.timestampMs - this.epochMs,
        changes,
        bytes: Math.round(bytes),
        fileRefs,
        deleteRowBytes,
        partitionKey: bin[0]!.partitionKey,
      });
      bin = [];
      weight = 0;
    };
    for (const p of pieces) {
      const w = Math.max(p.bytes, o.splitOpenFileCostBytes);
      // Partition-parallel reads hash splits by partition: a split holds one partition's files.
      const otherPartition = o.partitionParallel && bin.length > 0 && bin[0]!.partitionKey !== p.partitionKey;
      if (bin.length > 0 && (weight + w > o.splitSizeBytes || otherPartition)) flush();
      bin.push(p);
      weight += w;
    }
    flush();
    return out;
  }

  // ---- changelog reads (Freshet extension) -------------------------------------------------

  private planChangelog(from: number | null, snapshots: readonly Snapshot[]): LakeSplit[] {
    if (this.options.snapshotMode === 'sequential') {
      const out: LakeSplit[] = [];
      let prev = from;
      for (const s of snapshots) {
        out.push(...this.diffSplits(prev, s, [s]));
        prev = s.snapshotId;
      }
      return out;
    }
    return this.diffSplits(from, snapshots[snapshots.length - 1]!, snapshots);
  }

  /**
   * The changes from snapshot `from` to `to` as splits. Rows are compared by content (a multiset),
   * so a compaction (`replace`), which moves rows between files without changing them, yields no
   * change. `covered` are the snapshots whose equality deletes a reader loads to read the splits.
   */
  private diffSplits(from: number | null, to: Snapshot, covered: readonly Snapshot[]): LakeSplit[] {
    const t = this.table;
    const before =
      this.lastLive !== null && this.lastLive.snapshotId === from
        ? this.lastLive.rows
        : contentMap(readSnapshot(t, from === null ? null : (t.snapshot(from) ?? null)));
    const after = contentMap(readSnapshot(t, to));
    this.lastLive = { snapshotId: to.snapshotId, rows: after };
    const removed: ScannedRow[] = [];
    const added: ScannedRow[] = [];
    for (const [k, rows] of before) {
      const kept = after.get(k)?.length ?? 0;
      for (let i = kept; i < rows.length; i++) removed.push(rows[i]!);
    }
    for (const [k, rows] of after) {
      const had = before.get(k)?.length ?? 0;
      for (let i = had; i < rows.length; i++) added.push(rows[i]!);
    }
    if (removed.length === 0 && added.length === 0) return [];
    const changes = this.pairChanges(removed, added);
    // Bytes per change: its data file's size per row.
    const perRow = new Map<string, { bytes: number; partitionKey: string }>();
    const noteFiles = (s: Snapshot | null): void => {
      for (const e of t.liveEntries(s)) {
        if (e.file.content !== FileContent.DATA) continue;
        perRow.set(e.file.path, { bytes: e.file.sizeBytes / Math.max(1, e.file.recordCount), partitionKey: e.file.partitionKey });
      }
    };
    noteFiles(from === null ? null : (t.snapshot(from) ?? null));
    noteFiles(to);
    let deleteRowBytes = 0;
    let deleteFiles = 0;
    for (const s of covered)
      for (const m of s.manifests) {
        if (m.content !== ManifestContent.DELETES || m.addedSnapshotId !== s.snapshotId) continue;
        for (const e of m.entries) {
          if (e.status !== EntryStatus.ADDED || e.snapshotId !== s.snapshotId) continue;
          deleteFiles++;
          if (e.file.content === FileContent.EQUALITY_DELETES) for (const row of (e.file as EqualityDeleteFile).rows) deleteRowBytes += rowBytes(row);
        }
      }
    // Cut the ordered changes into splits of about split-size bytes; planning order is kept, so
    // the changes of one key stay in order across splits. Partition-parallel reads group them by
    // partition first (a stable sort: order within a partition is kept).
    let ordered = changes;
    if (this.options.partitionParallel) {
      const partitionOf = (c: { path: string }) => perRow.get(c.path)?.partitionKey ?? '';
      ordered = changes.map((c, i) => ({ c, i, p: partitionOf(c) })).sort((x, y) => (x.p < y.p ? -1 : x.p > y.p ? 1 : x.i - y.i)).map((x) => x.c);
    }
    const pieces: Piece[] = [];
    let cur: Piece | null = null;
    for (const c of ordered) {
      const info = perRow.get(c.path) ?? { bytes: rowBytes(c.change.row), partitionKey: '' };
      if (cur === null || cur.bytes + info.bytes > this.options.splitSizeBytes || (this.options.partitionParallel && cur.partitionKey !== info.partitionKey)) {
        cur = { changes: [], bytes: 0, fileRefs: 1, partitionKey: info.partitionKey };
        pieces.push(cur);
      }
      cur.changes.push(c.change);
      cur.bytes += info.bytes;
    }
    if (pieces.length > 0) pieces[0]!.fileRefs += deleteFiles;
    const out: LakeSplit[] = [];
    for (const p of pieces) out.push(...this.pack([p], to, deleteRowBytes));
    return out;
  }

  /** Retractions first, then additions; with a primary key a removed and an added row of one key are -U/+U. */
  private pairChanges(removed: readonly ScannedRow[], added: readonly ScannedRow[]): { change: Change; path: string }[] {
    const out: { change: Change; path: string }[] = [];
    const keyOf = this.keyOf;
    if (keyOf === null) {
      for (const r of removed) out.push({ change: { kind: RowKind.DELETE, row: r.row }, path: r.filePath });
      for (const r of added) out.push({ change: { kind: RowKind.INSERT, row: r.row }, path: r.filePath });
      return out;
    }
    const addedKeys = new Set<unknown>();
    for (const r of added) addedKeys.add(keyOf(r.row));
    const removedKeys = new Set<unknown>();
    for (const r of removed) {
      const k = keyOf(r.row);
      removedKeys.add(k);
      out.push({ change: { kind: addedKeys.has(k) ? RowKind.UPDATE_BEFORE : RowKind.DELETE, row: r.row }, path: r.filePath });
    }
    for (const r of added) out.push({ change: { kind: removedKeys.has(keyOf(r.row)) ? RowKind.UPDATE_AFTER : RowKind.INSERT, row: r.row }, path: r.filePath });
    return out;
  }

  private piecesOfRows(rows: readonly ScannedRow[], kind: RowKind): Piece[] {
    const byFile = new Map<string, Change[]>();
    for (const r of rows) {
      let list = byFile.get(r.filePath);
      if (!list) byFile.set(r.filePath, (list = []));
      list.push({ kind, row: r.row });
    }
    const files = new Map<string, { sizeBytes: number; partitionKey: string }>();
    for (const e of this.table.liveEntries()) if (e.file.content === FileContent.DATA) files.set(e.file.path, e.file);
    const out: Piece[] = [];
    for (const [path, changes] of byFile) out.push(...this.cutFile(files.get(path) ?? { sizeBytes: 0, partitionKey: '' }, changes));
    return out;
  }

  /** Planner state a checkpoint keeps (the diff base is rebuilt from the table). */
  snapshot(): { splitCount: number } {
    return { splitCount: this.splitCount };
  }

  restore(s: { splitCount: number }): void {
    this.splitCount = s.splitCount;
    this.lastLive = null;
  }
}

/**
 * Content keys of data-file rows. A data file never changes and a scan hands out its row arrays
 * themselves, so a row keeps its key across the diffs of every later snapshot: a changelog read
 * diffs the whole table per snapshot, and building each row's key string again was most of an
 * hour-long lake run's CPU (bench/lake.ts).
 */
const contentKeys = new WeakMap<Row, string>();

function contentKey(row: Row): string {
  let k = contentKeys.get(row);
  if (k === undefined) contentKeys.set(row, (k = rowKey(row)));
  return k;
}

/** Live rows by content: equal rows share a key, their copies in a list. */
function contentMap(rows: readonly ScannedRow[]): Map<string, ScannedRow[]> {
  const m = new Map<string, ScannedRow[]>();
  for (const r of rows) {
    const k = contentKey(r.row);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
