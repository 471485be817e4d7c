// A streaming read of a lake table (`'streaming' = 'true'`) in one of Flink's two source
// architectures, chosen by `table.exec.iceberg.use-flip27-source` (docs/simulation.md, "Lake
// sources"):
// - legacy (StreamingMonitorFunction + StreamingReaderOperator): a monitor scans on a fixed
//   `monitor-interval` timer and pushes every split it plans to the reader, which queues them in
//   its own heap (and checkpoint state) and emits one whole split at a time while holding the
//   checkpoint lock: a barrier waits for the rest of the split.
// - FLIP-27 (IcebergSource: ContinuousIcebergEnumerator + IcebergSourceReader): the enumerator on
//   the JobManager discovers splits every `monitor-interval` (pausing while its pending splits
//   reach the split counts of the last three discoveries, as EnumerationHistory does), keeps them
//   in its own heap and hands one to each reader subtask that asks; barriers pass between batches.
//   `scan.adaptive` (a Freshet extension after the talk) scans at once while fewer than
//   `scan.adaptive.buffer-threshold` splits are pending, and not at all above it.
// Readers take splits in planning order (so the changes of one key stay in order); reader
// parallelism sets the read rate, not the order.
import { ConnectorError } from '../../../errors';
import type { Change } from '../../../types';
import type { IcebergTable } from '../table';
import type { ReaderSpec, ReadResult, SourceReader } from '../../store';
import { ContinuousSplitPlanner, type EnumeratorPosition, type LakeSplit } from './split-planner';
import type { StreamingReadOptions } from './read-options';
import type { LakeSourceMetrics } from '../../../api';

export type { LakeSourceMetrics };

/** What the simulator's settings say about lake sources (docs/simulation.md, "Lake sources"). */
export interface LakeSourceEnv {
  /** `table.exec.iceberg.use-flip27-source`. */
  readonly flip27: boolean;
  /** `sim.cost.iceberg.split.heap-bytes`: heap of one queued split object. */
  readonly splitHeapBytes: number;
  /** `sim.cost.iceberg.split.file-ref-bytes`: heap per file a queued split references. */
  readonly splitFileRefBytes: number;
}

export const DEFAULT_LAKE_SOURCE_ENV: LakeSourceEnv = { flip27: true, splitHeapBytes: 4096, splitFileRefBytes: 1024 };

/** The FLIP-27 enumerator's EnumerationHistory size (ContinuousIcebergEnumerator). */
const ENUMERATION_HISTORY_SIZE = 3;

/** Where the source's memory lives: the TaskManager (readers) and the JobManager (enumerator). */
export interface LakeSourceHeap {
  taskManagerBytes: number;
  jobManagerBytes: number;
}

interface Assigned {
  split: LakeSplit;
  offset: number;
}

interface StreamingReaderState {
  position: EnumeratorPosition | null;
  pending: LakeSplit[];
  assigned: Assigned[];
  history: number[];
  planner: { splitCount: number };
}

export class StreamingLakeReader implements SourceReader {
  private readonly planner: ContinuousSplitPlanner;
  private position: EnumeratorPosition | null = null;
  /** Splits planned and not handed to a reader: the legacy reader's queue, the FLIP-27 assigner's. */
  private pending: LakeSplit[] = [];
  /** Splits readers are reading (at most one per reader subtask), in planning order. */
  private assigned: Assigned[] = [];
  /** Split counts of the last discoveries that found splits (FLIP-27 throttling). */
  private history: number[] = [];
  private nextScanAt = 0;
  private advancedAt = -1;
  private scans = 0;
  private firstScanAt: number | null = null;
  private lastScanAt: number | null = null;
  private lastFetchCommitTime: number | null = null;
  private lastEmitEventTime: number | null = null;
  /** True once a scan found nothing new after every writer had finished. */
  private drained = false;
  private error: string | null = null;

  constructor(
    table: IcebergTable,
    private readonly spec: ReaderSpec,
    private readonly options: StreamingReadOptions,
    epochMs: number,
    primaryKey: readonly number[],
    private readonly env: LakeSourceEnv,
    /** Reader subtasks (the source's parallelism). */
    private readonly readers: number,
    /** Newest event time of the rows a snapshot committed (the table store knows it). */
    private readonly eventTimeOf: (snapshotId: number) => number | null,
  ) {
    this.planner = new ContinuousSplitPlanner(table, options, epochMs, primaryKey);
  }

  get architecture(): 'legacy' | 'flip27' {
    return this.env.flip27 ? 'flip27' : 'legacy';
  }

  /** Scans when due, then lets idle readers take splits. Idempotent within one virtual time. */
  private advance(now: number): void {
    if (this.advancedAt === now || this.error !== null) return;
    this.advancedAt = now;
    if (this.scanDue(now)) this.scan(now);
    this.assign();
  }

  private scanDue(now: number): boolean {
    const o = this.options;
    if (this.env.flip27 && o.adaptive) {
      // Event-driven: scan whenever the buffer is below the threshold, never above it.
      return this.pending.length < o.adaptiveBufferThreshold;
    }
    return now >= this.nextScanAt;
  }

  private scan(now: number): void {
    const o = this.options;
    this.nextScanAt = now + o.monitorIntervalMs;
    const writersDone = !this.spec.hasWriters || this.spec.writersFinished();
    if (this.env.flip27 && !o.adaptive && this.throttled()) return;
    this.scans++;
    this.firstScanAt ??= now;
    this.lastScanAt = now;
    try {
      const found = this.planner.planSplits(this.position);
      this.position = found.position;
      // As ContinuousIcebergEnumerator: only discoveries with splits enter the history.
      if (found.splits.length > 0 && this.env.flip27) {
        this.history.push(found.splits.length);
        if (this.history.length > ENUMERATION_HISTORY_SIZE) this.history.shift();
      }
      for (const s of found.splits) this.pending.push(s);
      if (writersDone && this.spec.hasWriters && this.planner.caughtUp(found.position)) this.drained = true;
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      this.error = e.message;
    }
  }

  /** EnumerationHistory.shouldPauseSplitDiscovery: pending splits reach the last three discoveries' total. */
  private throttled(): boolean {
    if (this.history.length < ENUMERATION_HISTORY_SIZE) return false;
    return this.pending.length >= this.history.reduce((a, b) => a + b, 0);
  }

  private assign(): void {
    this.assigned = this.assigned.filter((a) => a.offset < a.split.changes.length);
    while (this.assigned.length < this.readers && this.pending.length > 0) this.assigned.push({ split: this.pending.shift()!, offset: 0 });
  }

  available(now: number): number {
    this.advance(now);
    if (this.error !== null) return 1;
    let n = 0;
    for (const a of this.assigned) n += a.split.changes.length - a.offset;
    for (const s of this.pending) n += s.changes.length;
    return n;
  }

  read(max: number, now: number): ReadResult {
    this.advance(now);
    if (this.error !== null) {
      const error = this.error;
      this.error = null;
      this.drained = true;
      return { changes: [], originTime: null, error };
    }
    const changes: Change[] = [];
    let origin: number | null = null;
    while (changes.length < max) {
      this.assign();
      const a = this.assigned[0];
      if (!a) break;
      const take = Math.min(max - changes.length, a.split.changes.length - a.offset);
      for (let i = 0; i < take; i++) changes.push(a.split.changes[a.offset + i]!);
      a.offset += take;
      this.lastFetchCommitTime = a.split.commitTimeMs;
      const t = this.eventTimeOf(a.split.snapshotId) ?? a.split.commitTimeMs;
      if (t !== null && (origin === null || t > origin)) origin = t;
      if (a.offset >= a.split.changes.length) this.assigned.shift();
    }
    if (origin !== null) this.lastEmitEventTime = origin;
    return { changes, originTime: origin, error: null };
  }

  isFinished(now: number): boolean {
    this.advance(now);
    return this.drained && this.error === null && this.pending.length === 0 && this.assigned.every((a) => a.offset >= a.split.changes.length);
  }

  oldestUnread(now: number): number | null {
    this.advance(now);
    const first = this.assigned.find((a) => a.offset < a.split.changes.length)?.split ?? this.pending[0];
    return first ? first.commitTimeMs : null;
  }

  /** Records the legacy reader still has to emit from its current split before a barrier can pass. */
  checkpointLockRecords(): number {
    if (this.env.flip27) return 0;
    const a = this.assigned[0];
    return a ? a.split.changes.length - a.offset : 0;
  }

  private splitObjectBytes(s: LakeSplit): number {
    return this.env.splitHeapBytes + s.fileRefs * this.env.splitFileRefBytes;
  }

  /** Bytes of the split buffer: the legacy reader's queue or the FLIP-27 enumerator's pending splits. */
  splitBufferBytes(): number {
    let b = 0;
    for (const s of this.pending) b += this.splitObjectBytes(s);
    return b;
  }

  lakeHeap(): LakeSourceHeap {
    let readers = 0;
    // A reader holds its split object and the equality-delete rows it loaded to read it.
    for (const a of this.assigned) readers += this.splitObjectBytes(a.split) + a.split.deleteRowBytes;
    const buffer = this.splitBufferBytes();
    return this.env.flip27 ? { taskManagerBytes: readers, jobManagerBytes: buffer } : { taskManagerBytes: readers + buffer, jobManagerBytes: 0 };
  }

  lakeMetrics(now: number): LakeSourceMetrics {
    return {
      architecture: this.architecture,
      pendingSplits: this.pending.length,
      splitBufferBytes: this.splitBufferBytes(),
      avgScanIntervalMs:
        this.scans >= 2 && this.firstScanAt !== null && this.lastScanAt !== null ? (this.lastScanAt - this.firstScanAt) / (this.scans - 1) : null,
      scans: this.scans,
      currentFetchEventTimeLag: this.lastFetchCommitTime === null ? null : Math.max(0, now - this.lastFetchCommitTime),
      currentEmitEventTimeLag: this.lastEmitEventTime === null ? null : Math.max(0, now - this.lastEmitEventTime),
    };
  }

  snapshot(): unknown {
    const state: StreamingReaderState = {
      position: this.position,
      pending: this.pending.slice(),
      assigned: this.assigned.map((a) => ({ split: a.split, offset: a.offset })),
      history: this.history.slice(),
      planner: this.planner.snapshot(),
    };
    return state;
  }

  restore(snapshot: unknown): void {
    const s = snapshot as StreamingReaderState;
    this.position = s.position;
    this.pending = s.pending.slice();
    // An assigned split restarts where the checkpoint saw it.
    this.assigned = s.assigned.map((a) => ({ split: a.split, offset: a.offset }));
    this.history = s.history.slice();
    this.planner.restore(s.planner);
    // A restarted monitor (or enumerator) scans at once, as on a first start.
    this.nextScanAt = 0;
    this.advancedAt = -1;
    this.drained = false;
    this.error = null;
  }

  stateBytes(): number {
    // Checkpointed: the position, and the splits the source holds (the legacy reader's queue is
    // its operator state; the FLIP-27 enumerator checkpoints its pending splits).
    let b = 16;
    for (const s of this.pending) b += this.splitObjectBytes(s);
    for (const a of this.assigned) b += this.splitObjectBytes(a.split) + 8;
    return b;
  }
}
