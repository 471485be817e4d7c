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
// parallelism sets the read rate, not the order. Two more of the talk's FLIP-27 additions
// (Freshet read options, FLIP-27 only):
// - `scan.partition-parallel`: one split queue per reader subtask; splits (cut so that each holds
//   one partition's files) are hashed by partition to a queue, so each reader reads its
//   partitions in planning order and the readers read side by side: order holds within a
//   partition, not across partitions.
// - `watermark.commit-time`: the source's watermark is the commit time of the oldest snapshot
//   whose splits are not all read (minus 1 ms), or of the last snapshot discovered once all are;
//   an aligned assigner gives a reader its next split only when no other reader still has an
//   older snapshot to read, so readers stay on the same snapshot.
import { ConnectorError } from '../../../errors';
import { fnv1a32Fmix } from '../../../common/hash';
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
  /** The reader subtask reading it (partition-parallel reads: at most one split per reader). */
  reader: number;
}

interface StreamingReaderState {
  position: EnumeratorPosition | null;
  positionCommitTime: number | null;
  queues: LakeSplit[][];
  assigned: Assigned[];
  history: number[];
  planner: { splitCount: number };
}

export class StreamingLakeReader implements SourceReader {
  private readonly planner: ContinuousSplitPlanner;
  private position: EnumeratorPosition | null = null;
  /**
   * Splits planned and not handed to a reader: the legacy reader's queue, the FLIP-27 assigner's;
   * one queue per reader subtask with `scan.partition-parallel`.
   */
  private queues: LakeSplit[][];
  /** Commit time (virtual ms) of the last snapshot discovery reached, for commit-time watermarks. */
  private positionCommitTime: number | null = null;
  /** Splits readers are reading (at most one per reader subtask), in planning order. */
  private assigned: Assigned[] = [];
  /** Split counts of the last discoveries that found splits (FLIP-27 throttling). */
  private history: number[] = [];
  private nextScanAt = 0;
  private advancedAt = -1;
  private scans = 0;
  private firstScanAt: number | null = null;
  private lastScanAt: number | null = null;
  /** Virtual time between the last two scans, for a chart of scan intervals over time. */
  private lastScanIntervalMs: number | null = null;
  private lastFetchCommitTime: number | null = null;
  private lastEmitEventTime: number | null = null;
  /** True once a scan found nothing new after every writer had finished. */
  private drained = false;
  private error: string | null = null;

  constructor(
    private readonly table: IcebergTable,
    private readonly spec: ReaderSpec,
    private readonly options: StreamingReadOptions,
    private readonly epochMs: number,
    primaryKey: readonly number[],
    private readonly env: LakeSourceEnv,
    /** Reader subtasks (the source's parallelism). */
    private readonly readers: number,
    /** Newest event time of the rows a snapshot committed (the table store knows it). */
    private readonly eventTimeOf: (snapshotId: number) => number | null,
  ) {
    this.planner = new ContinuousSplitPlanner(table, options, epochMs, primaryKey);
    this.queues = Array.from({ length: this.partitionParallel ? readers : 1 }, () => []);
  }

  /** `scan.partition-parallel` on a FLIP-27 source. */
  private get partitionParallel(): boolean {
    return this.env.flip27 && this.options.partitionParallel;
  }

  /** `watermark.commit-time` on a FLIP-27 source. */
  get commitTimeWatermarks(): boolean {
    return this.env.flip27 && this.options.watermarkCommitTime;
  }

  private get pendingCount(): number {
    let n = 0;
    for (const q of this.queues) n += q.length;
    return n;
  }

  private *pendingSplits(): Iterable<LakeSplit> {
    for (const q of this.queues) yield* q;
  }

  /** The queue a split waits in: its partition's hash among the readers' queues. */
  private queueOf(split: LakeSplit): LakeSplit[] {
    const n = this.queues.length;
    return this.queues[n === 1 ? 0 : fnv1a32Fmix(split.partitionKey) % n]!;
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
      return this.pendingCount < o.adaptiveBufferThreshold;
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
    if (this.lastScanAt !== null) this.lastScanIntervalMs = now - this.lastScanAt;
    this.lastScanAt = now;
    try {
      const found = this.planner.planSplits(this.position);
      this.position = found.position;
      const at = found.position.snapshotId === null ? undefined : this.table.snapshot(found.position.snapshotId);
      if (at) this.positionCommitTime = at.timestampMs - this.epochMs;
      // As ContinuousIcebergEnumerator: only discoveries with splits enter the history.
      if (found.splits.length > 0 && this.env.flip27) {
        this.history.push(found.splits.length);
        if (this.history.length > ENUMERATION_HISTORY_SIZE) this.history.shift();
      }
      for (const s of found.splits) this.queueOf(s).push(s);
      if (writersDone && this.spec.hasWriters && this.planner.caughtUp(found.position)) this.drained = true;
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      this.error = e.message;
    }
  }

  /** EnumerationHistory.shouldPauseSplitDiscovery: pending splits reach the last three discoveries' total. */
  private throttled(): boolean {
    if (this.history.length < ENUMERATION_HISTORY_SIZE) return false;
    return this.pendingCount >= this.history.reduce((a, b) => a + b, 0);
  }

  private assign(): void {
    this.assigned = this.assigned.filter((a) => a.offset < a.split.changes.length);
    if (!this.partitionParallel) {
      const queue = this.queues[0]!;
      while (this.assigned.length < this.readers && queue.length > 0) this.assigned.push({ split: queue.shift()!, offset: 0, reader: this.assigned.length });
      return;
    }
    for (let r = 0; r < this.readers; r++) {
      const queue = this.queues[r]!;
      if (queue.length === 0 || this.assigned.some((a) => a.reader === r)) continue;
      // Aligned assignment: not ahead of the oldest snapshot another reader still has to read.
      if (this.commitTimeWatermarks && queue[0]!.commitTimeMs > this.oldestOutstandingCommit()!) continue;
      this.assigned.push({ split: queue.shift()!, offset: 0, reader: r });
    }
  }

  /** Commit time of the oldest split not read to its end (queues are in commit order), or null. */
  private oldestOutstandingCommit(): number | null {
    let min: number | null = null;
    for (const a of this.assigned) if (a.offset < a.split.changes.length && (min === null || a.split.commitTimeMs < min)) min = a.split.commitTimeMs;
    for (const q of this.queues) if (q.length > 0 && (min === null || q[0]!.commitTimeMs < min)) min = q[0]!.commitTimeMs;
    return min;
  }

  /**
   * `watermark.commit-time`: the source's watermark (virtual ms): just below the oldest commit
   * time not read yet, or the last discovered snapshot's once everything is read; null before the
   * first snapshot. Null when the option is off (the table's WATERMARK, if any, applies).
   */
  commitTimeWatermark(now: number): { watermarkMs: number | null } | null {
    if (!this.commitTimeWatermarks) return null;
    this.advance(now);
    const oldest = this.oldestOutstandingCommit();
    return { watermarkMs: oldest !== null ? oldest - 1 : this.positionCommitTime };
  }

  available(now: number): number {
    this.advance(now);
    if (this.error !== null) return 1;
    let n = 0;
    for (const a of this.assigned) n += a.split.changes.length - a.offset;
    for (const s of this.pendingSplits()) n += s.changes.length;
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
    const note = (split: LakeSplit): void => {
      this.lastFetchCommitTime = split.commitTimeMs;
      const t = this.eventTimeOf(split.snapshotId) ?? split.commitTimeMs;
      if (origin === null || t > origin) origin = t;
    };
    if (this.partitionParallel) {
      // Readers read side by side: each round, every reader with a split takes an equal share.
      for (let progress = true; progress && changes.length < max; ) {
        progress = false;
        this.assign();
        const active = this.assigned;
        if (active.length === 0) break;
        const share = Math.max(1, Math.floor((max - changes.length) / active.length));
        for (const a of active) {
          const take = Math.min(share, max - changes.length, a.split.changes.length - a.offset);
          if (take <= 0) continue;
          for (let i = 0; i < take; i++) changes.push(a.split.changes[a.offset + i]!);
          a.offset += take;
          note(a.split);
          progress = true;
        }
      }
      this.assigned = this.assigned.filter((a) => a.offset < a.split.changes.length);
      if (origin !== null) this.lastEmitEventTime = origin;
      return { changes, originTime: origin, error: null };
    }
    while (changes.length < max) {
      this.assign();
      const a = this.assigned[0];
      if (!a) break;
      const take = Math.min(max - changes.length, a.split.changes.length - a.offset);
      for (let i = 0; i < take; i++) changes.push(a.split.changes[a.offset + i]!);
      a.offset += take;
      note(a.split);
      if (a.offset >= a.split.changes.length) this.assigned.shift();
    }
    if (origin !== null) this.lastEmitEventTime = origin;
    return { changes, originTime: origin, error: null };
  }

  isFinished(now: number): boolean {
    this.advance(now);
    return this.drained && this.error === null && this.pendingCount === 0 && this.assigned.every((a) => a.offset >= a.split.changes.length);
  }

  oldestUnread(now: number): number | null {
    this.advance(now);
    return this.oldestOutstandingCommit();
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
    for (const s of this.pendingSplits()) b += this.splitObjectBytes(s);
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
      pendingSplits: this.pendingCount,
      ...(this.partitionParallel ? { queuedSplitsPerReader: this.queues.map((q) => q.length) } : {}),
      ...(this.commitTimeWatermarks ? { commitTimeWatermark: this.commitTimeWatermark(now)!.watermarkMs } : {}),
      splitBufferBytes: this.splitBufferBytes(),
      avgScanIntervalMs:
        this.scans >= 2 && this.firstScanAt !== null && this.lastScanAt !== null ? (this.lastScanAt - this.firstScanAt) / (this.scans - 1) : null,
      lastScanIntervalMs: this.lastScanIntervalMs,
      scans: this.scans,
      currentFetchEventTimeLag: this.lastFetchCommitTime === null ? null : Math.max(0, now - this.lastFetchCommitTime),
      currentEmitEventTimeLag: this.lastEmitEventTime === null ? null : Math.max(0, now - this.lastEmitEventTime),
    };
  }

  snapshot(): unknown {
    const state: StreamingReaderState = {
      position: this.position,
      positionCommitTime: this.positionCommitTime,
      queues: this.queues.map((q) => q.slice()),
      assigned: this.assigned.map((a) => ({ split: a.split, offset: a.offset, reader: a.reader })),
      history: this.history.slice(),
      planner: this.planner.snapshot(),
    };
    return state;
  }

  restore(snapshot: unknown): void {
    const s = snapshot as StreamingReaderState;
    this.position = s.position;
    this.positionCommitTime = s.positionCommitTime;
    this.queues = s.queues.map((q) => q.slice());
    // An assigned split restarts where the checkpoint saw it.
    this.assigned = s.assigned.map((a) => ({ split: a.split, offset: a.offset, reader: a.reader }));
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
    for (const s of this.pendingSplits()) b += this.splitObjectBytes(s);
    for (const a of this.assigned) b += this.splitObjectBytes(a.split) + 8;
    return b;
  }
}
