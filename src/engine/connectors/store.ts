// Shared connector machinery, kept at the top of connectors/ beside values.ts (value parsing and
// keys), sink-only.ts and testkit.ts rather than in a common/ folder, so that engine/common/
// stays the one folder of engine-wide helpers.
//
// What the simulator needs from a table's storage, whatever its connector: readers (one per
// Source operator that reads the table), writers (one per job that inserts into it), what a
// reader of the table sees now, and the table's counters.
import type { TableDef } from '../plan/graph';
import type { LakeSnapshotInfo, LakeTableMetrics } from '../api';
import type { Change, DataType, Row, RowKind } from '../types';
import type { Random } from '../common/random';
import { rowBytes } from '../runtime/state/size';
import { ConnectorError } from '../errors';
import type { LakeSourceEnv, LakeSourceHeap, LakeSourceMetrics } from './iceberg/source/streaming-reader';
import type { LakeReadCost } from './iceberg/read-cost';

/** Virtual times in storage are ms since the simulation epoch. */
export interface StoreContext {
  def: TableDef;
  /** The simulation epoch, ms since 1970 (for TIMESTAMP values). */
  epochMs: number;
  /** The table's own random stream. */
  random: Random;
  /** File contents by `path` option as written. */
  files: Record<string, string>;
  /** Changes kept for the changelog view. */
  changelogMax: number;
  /** Rows a read of a log-like table returns at most (the newest ones). */
  maxReadRows: number;
}

export interface ReadResult {
  changes: Change[];
  /** Newest origin time (virtual ms) among the records read; null when nothing was read. */
  originTime: number | null;
  /** The job fails with this message (e.g. a malformed CSV line) after the changes before it. */
  error: string | null;
}

export interface ReaderSpec {
  jobId: string;
  /** Source node id, to name the reader's random stream. */
  nodeId: number;
  /** WITH options with OPTIONS-hint overrides applied (lower-cased keys). */
  options: Record<string, string>;
  /** The reader's own random stream (partition interleaving). */
  random: Random;
  /** Whether some job in the script writes this table. */
  hasWriters: boolean;
  /** True once every job writing this table has finished and committed. */
  writersFinished: () => boolean;
  /** The source's parallelism (reader subtasks). */
  parallelism?: number;
  /** How lake (iceberg) streaming sources run: architecture and split heap costs (sim settings). */
  lakeSource?: LakeSourceEnv;
  /** The cost settings of a bounded lake read; defaults when absent. */
  lakeRead?: LakeReadCost;
}

export interface SourceReader {
  /** Records that have arrived by `now` and are not read yet. */
  available(now: number): number;
  /** Reads at most `max` of the available records, in arrival order. */
  read(max: number, now: number): ReadResult;
  /** Nothing more will ever arrive. */
  isFinished(now: number): boolean;
  /** Arrival time of the oldest unread record, or null when none is waiting. */
  oldestUnread(now: number): number | null;
  /** Source position (plus any reader state), plain data. */
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  /** Bytes of reader state in checkpoints (positions, normalize state). */
  stateBytes(): number;
  /** A lake streaming read's split and scan metrics; absent for other readers. */
  lakeMetrics?(now: number): LakeSourceMetrics;
  /** Heap a lake streaming read holds on the TaskManager and on the JobManager. */
  lakeHeap?(): LakeSourceHeap;
  /**
   * A lake streaming read with `watermark.commit-time`: the source's watermark (virtual ms, null
   * before the first snapshot) from snapshot commit times, replacing the table's WATERMARK; null
   * when the option is off.
   */
  commitTimeWatermark?(now: number): { watermarkMs: number | null } | null;
  /** True when commitTimeWatermark sets the source's watermark (`watermark.commit-time`). */
  readonly commitTimeWatermarks?: boolean;
  /** Records the reader must emit before a checkpoint barrier can pass (the legacy lake reader's lock). */
  checkpointLockRecords?(): number;
}

export interface SinkWriter {
  /** Receives a batch at `now`; `eventTime` is the batch's newest event time. Returns an error message or null. */
  write(changes: readonly Change[], eventTime: number | null, now: number): string | null;
  /** Processing time advanced (time-based flushes). */
  tick(now: number): void;
  /** Checkpoint barrier: data written so far belongs to checkpoint `id`. */
  prepareCheckpoint(id: number, now: number): void;
  /** Checkpoint `id` completed: make its data visible (two-phase commit). */
  commitCheckpoint(id: number, now: number): void;
  /** Bounded input ended: flush and commit everything. */
  endOfInput(now: number): void;
  /** Failover: drop what was never committed. */
  abortUncommitted(): void;
  /** Bytes of sink state in a checkpoint (pending data). */
  stateBytes(): number;
}

export interface PresentedColumn {
  name: string;
  type: DataType;
}

/** A note about a table's input file that is not an error: where it is and what it says. */
export interface InputWarning {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface TableStore {
  readonly def: TableDef;
  /** Extra columns shown before the table's columns (e.g. `_kind` for changelog records). */
  readonly kindColumn: boolean;
  /** False for sink-only connectors. */
  readonly canRead: boolean;
  readonly canWrite: boolean;
  /** Whether a reader of this table ever finishes by itself (file, bounded datagen, jdbc scan). */
  bounded(hasWriters: boolean, writersBounded: boolean, options: Record<string, string>): boolean;
  createReader(spec: ReaderSpec): SourceReader;
  /** `mode.overwrite`: INSERT OVERWRITE (batch), for stores whose connector supports it. */
  createWriter(jobId: string, parallelism: number, mode?: { overwrite?: boolean }): SinkWriter;
  /**
   * What a reader sees now: rows (with a leading kind when kindColumn). `limit` allows returning
   * only the first `limit` rows (the caller cuts the rest anyway); datagen uses it to generate less.
   */
  visibleRows(now: number, limit?: number): { kinds: RowKind[] | null; rows: Row[] };
  /** Number of visible rows (not capped by maxReadRows). */
  visibleCount(now: number): number;
  /** Newest committed changes, oldest first; `noop` marks a change that left its key's row as it was. */
  changelog(limit: number, now: number): { time: number; kind: RowKind; row: Row; noop?: true }[];
  /** Changes committed so far. */
  changes(now: number): number;
  parseErrors(): number;
  /** Newest event time (virtual ms) among visible rows, or null. */
  newestVisibleEventTime(now: number): number | null;
  /** Processing time advanced (retention). */
  tick(now: number): void;
  /** Notes about the table's input that are not errors (a skipped CSV header line). */
  warnings?(): readonly InputWarning[];
  /** A lake (iceberg) table's commit state; absent for other connectors. */
  lakeMetrics?(now: number): LakeTableMetrics;
  /** Serving tables: -U/+U windows in which a reader misses a row (see FluctuationMetrics). */
  fluctuationWindows?(): { windows: number; missingMs: number; sameTickWindows: number } | null;
  /** A lake table's snapshots, oldest first; absent for other connectors. */
  lakeSnapshots?(): LakeSnapshotInfo[];
  /** A lake table's metadata table by suffix (`snapshots`, `files`, ...); absent for other connectors. */
  metadataTable?(suffix: string): { columns: readonly { name: string; type: DataType }[]; rows: readonly Row[] } | null;
  /** The suffixes `metadataTable` answers, in Iceberg's order. */
  metadataTableSuffixes?(): readonly string[];
  /** The storage a job reads metadata table `def` through (`def.metadataOf` names this table). */
  metadataStore?(def: TableDef): TableStore;
}

/** A bounded ring of committed changes, for the changelog view. */
export class ChangeRing {
  private buf: { time: number; kind: RowKind; row: Row }[] = [];
  private head = 0;
  total = 0;
  constructor(readonly capacity: number) {}
  push(time: number, kind: RowKind, row: Row): void {
    this.total++;
    if (this.capacity <= 0) return;
    if (this.buf.length < this.capacity) this.buf.push({ time, kind, row });
    else {
      // Reuse the oldest entry (one object per kept change, not per change): `last` copies.
      const oldest = this.buf[this.head]!;
      oldest.time = time;
      oldest.kind = kind;
      oldest.row = row;
      this.head = (this.head + 1) % this.capacity;
    }
  }
  last(limit: number): { time: number; kind: RowKind; row: Row }[] {
    const ordered = this.buf.length < this.capacity ? this.buf : [...this.buf.slice(this.head), ...this.buf.slice(0, this.head)];
    const picked = limit >= ordered.length ? ordered : ordered.slice(ordered.length - limit);
    // Copies: push reuses the entry objects.
    return picked.map((e) => ({ time: e.time, kind: e.kind, row: e.row }));
  }
}

/**
 * What every writable table keeps of the changes it committed: the changelog ring (its `total` is
 * the number of committed changes) and the newest committed event time. Subclasses decide how rows
 * are stored and read.
 */
export abstract class CommittedChangesStore {
  protected readonly ring: ChangeRing;
  protected newestEvent: EventTime = null;

  constructor(protected readonly ctx: StoreContext) {
    this.ring = new ChangeRing(Math.max(ctx.changelogMax, 0));
  }

  get def(): TableDef {
    return this.ctx.def;
  }

  /** One committed change, made visible at `now`. */
  protected logChange(now: number, kind: RowKind, row: Row): void {
    this.ring.push(now, kind, row);
  }

  /** Committed changes carried event time `eventTime` (or, without one, processing time `now`). */
  protected noteEventTime(eventTime: EventTime, now: number): void {
    this.newestEvent = maxTime(this.newestEvent, eventTime ?? now);
  }

  changelog(limit: number): { time: number; kind: RowKind; row: Row }[] {
    return this.ring.last(limit);
  }

  changes(): number {
    return this.ring.total;
  }

  parseErrors(): number {
    return 0;
  }

  newestVisibleEventTime(): number | null {
    return this.newestEvent;
  }

  tick(): void {}
}

/**
 * Which columns storage holds: not computed (`c AS expr`, filled by the source operator) and not
 * metadata (`c TYPE METADATA`, filled by the reader from the record).
 */
export function physicalMask(def: TableDef): boolean[] {
  const mask = def.schema.columns.map(() => true);
  for (const c of def.computedColumns ?? []) mask[c.index] = false;
  for (const m of def.metadataColumns ?? []) mask[m.index] = false;
  return mask;
}

/** Table options with lower-cased keys. */
export function lowerOptions(options: Record<string, string>): Record<string, string> {
  // fromEntries defines own properties: a key such as '__proto__' stays a key.
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
}

export function boolOption(options: Record<string, string>, key: string, def: boolean): boolean {
  const v = options[key];
  if (v === undefined) return def;
  const l = v.trim().toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  throw new ConnectorError({ option: key, message: `option '${key}' must be 'true' or 'false', not '${v}'` });
}

export function intOption(options: Record<string, string>, key: string, def: number, min = 0): number {
  const v = options[key];
  if (v === undefined) return def;
  const n = Number(v.trim());
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < min)
    throw new ConnectorError({ option: key, message: `option '${key}' must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not '${v}'` });
  return n;
}

/** The event time of a change for freshness: set by the scheduler. */
export type EventTime = number | null;

export function maxTime(a: EventTime, b: EventTime): EventTime {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/**
 * Records an exactly-once sink holds back until a checkpoint completes (two-phase commit):
 * written records, then per prepared checkpoint id the records that belong to it.
 */
export class PendingCommits<T extends { row: Row }> {
  private current: T[] = [];
  private readonly prepared = new Map<number, T[]>();
  /** bytes(row) of every held record, kept as records come and go (the heap check asks every tick). */
  private heldBytes = 0;

  add(record: T): void {
    this.current.push(record);
    this.heldBytes += rowBytes(record.row);
  }

  /** Checkpoint barrier: the records written so far belong to checkpoint `id`. */
  prepare(id: number): void {
    this.prepared.set(id, this.current);
    this.current = [];
  }

  /**
   * Hands `apply` the records of checkpoint `id` and of every earlier prepared one, oldest first
   * (a failed checkpoint's data is committed with the next successful one).
   */
  commit(id: number, apply: (records: readonly T[]) => void): void {
    const ids = [...this.prepared.keys()].filter((k) => k <= id).sort((a, b) => a - b);
    for (const k of ids) {
      const records = this.prepared.get(k)!;
      apply(records);
      for (const r of records) this.heldBytes -= rowBytes(r.row);
      this.prepared.delete(k);
    }
  }

  /** End of input: commits every prepared checkpoint, then the records written since. */
  commitAll(apply: (records: readonly T[]) => void): void {
    this.commit(Number.MAX_SAFE_INTEGER, apply);
    apply(this.current);
    this.current = [];
    this.heldBytes = 0;
  }

  /** Failover: drops everything not committed. */
  clear(): void {
    this.current = [];
    this.prepared.clear();
    this.heldBytes = 0;
  }

  /** Bytes of the held records, part of the checkpoint. */
  bytes(): number {
    return this.heldBytes;
  }
}
