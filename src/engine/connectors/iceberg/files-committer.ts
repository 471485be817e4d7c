// The committer side of Flink's Iceberg sink (IcebergFilesCommitter, parallelism 1): the two
// phases of its exactly-once commit.
// - prepare (snapshotState of checkpoint n): the writers' results for n become pending, keyed by
//   checkpoint id; this map is the committer's checkpointed state;
// - commit (notifyCheckpointComplete(n)): everything pending up to n becomes table snapshots: one
//   `append` when there are no delete files, else one row delta per checkpoint (so a later
//   checkpoint's equality deletes apply to an earlier one's rows). Every snapshot records
//   `flink.max-committed-checkpoint-id`, `flink.job-id` and `flink.operator-id`;
// - a repeated or late notification (n <= max committed) commits nothing;
// - restore: the max committed checkpoint id is read back from the table (walking the current
//   snapshot's ancestors for this job and operator), and restored results above it are committed
//   once, so a failover neither loses nor repeats a commit.
// Checkpoints without files commit nothing, except every `flink.max-continuous-empty-commits`-th.
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';
import type { WriteResult } from './task-writer';

export const FLINK_JOB_ID = 'flink.job-id';
export const FLINK_OPERATOR_ID = 'flink.operator-id';
export const MAX_COMMITTED_CHECKPOINT_ID = 'flink.max-committed-checkpoint-id';
/** SinkUtil.INITIAL_CHECKPOINT_ID: nothing committed yet. */
export const INITIAL_CHECKPOINT_ID = -1;
/**
 * IcebergStreamWriter.END_INPUT_CHECKPOINT_ID is Long.MAX_VALUE: a bounded job's last commit. The
 * engine's numbers stop at 2^53, so the model uses the largest safe integer and writes Java's
 * value into the summary.
 */
export const END_INPUT_CHECKPOINT_ID = Number.MAX_SAFE_INTEGER;
const END_INPUT_CHECKPOINT_TEXT = '9223372036854775807';

export interface CommitterIdentity {
  readonly jobId: string;
  readonly operatorId: string;
  /**
   * INSERT OVERWRITE (batch): each commit replaces the partitions its data files land in
   * (Iceberg's ReplacePartitions, as Flink's committer does in overwrite mode; an unpartitioned
   * table is one partition), as one `overwrite` snapshot.
   */
  readonly overwrite?: boolean;
}

/** What the committer checkpoints: results prepared but not yet known to be committed. */
export interface CommitterState {
  readonly jobId: string;
  readonly pending: readonly (readonly [checkpointId: number, result: WriteResult])[];
}

function mergeResults(results: readonly WriteResult[]): WriteResult {
  return {
    dataFiles: results.flatMap((r) => r.dataFiles),
    deleteFiles: results.flatMap((r) => r.deleteFiles),
    referencedDataFiles: results.flatMap((r) => r.referencedDataFiles),
  };
}

function fileCount(r: WriteResult): number {
  return r.dataFiles.length + r.deleteFiles.length;
}

/** SinkUtil.getMaxCommittedCheckpointId. */
export function maxCommittedCheckpointId(table: IcebergTable, identity: CommitterIdentity): number {
  for (const s of table.ancestors(table.currentSnapshot()?.snapshotId ?? null)) {
    const operator = s.summary[FLINK_OPERATOR_ID];
    if (
      s.summary[FLINK_JOB_ID] === identity.jobId &&
      (operator === undefined || operator === identity.operatorId)
    ) {
      const value = s.summary[MAX_COMMITTED_CHECKPOINT_ID];
      if (value !== undefined) return Number(value);
    }
  }
  return INITIAL_CHECKPOINT_ID;
}

export class IcebergFilesCommitter {
  private readonly table: IcebergTable;
  private readonly identity: CommitterIdentity;
  private readonly pending = new Map<number, WriteResult>();
  private maxCommitted: number;
  private continuousEmptyCheckpoints = 0;

  constructor(table: IcebergTable, identity: CommitterIdentity) {
    this.table = table;
    this.identity = identity;
    this.maxCommitted = maxCommittedCheckpointId(table, identity);
  }

  /**
   * A committer restored from checkpointed state (initializeState): commits, under the restored
   * job id, the restored results the table does not have yet. Returns it and the snapshots made.
   */
  static restore(
    table: IcebergTable,
    identity: CommitterIdentity,
    state: CommitterState,
    commitTimeMs: number,
  ): { committer: IcebergFilesCommitter; committed: Snapshot[] } {
    const restoredIdentity = { jobId: state.jobId, operatorId: identity.operatorId };
    const restoredMax = maxCommittedCheckpointId(table, restoredIdentity);
    const replay = new IcebergFilesCommitter(table, restoredIdentity);
    for (const [checkpointId, result] of state.pending)
      if (checkpointId > restoredMax) replay.pending.set(checkpointId, result);
    let committed: Snapshot[] = [];
    const last = Math.max(INITIAL_CHECKPOINT_ID, ...replay.pending.keys());
    if (replay.pending.size > 0) committed = replay.commitUpTo(last, commitTimeMs);
    const committer = new IcebergFilesCommitter(table, identity);
    committer.maxCommitted = Math.max(committer.maxCommitted, restoredMax, last);
    return { committer, committed };
  }

  get maxCommittedCheckpointId(): number {
    return this.maxCommitted;
  }

  /** Checkpoint ids prepared and not yet committed, ascending. */
  get pendingCheckpointIds(): number[] {
    return [...this.pending.keys()].sort((a, b) => a - b);
  }

  /** Records pending in prepared results (rows and deletes not yet visible to readers). */
  get pendingRecords(): number {
    let n = 0;
    for (const r of this.pending.values()) {
      for (const f of r.dataFiles) n += f.recordCount;
      for (const f of r.deleteFiles) n += f.recordCount;
    }
    return n;
  }

  /** Phase one: the writers' results of checkpoint `checkpointId` (one per writer subtask). */
  prepare(checkpointId: number, results: readonly WriteResult[]): void {
    const merged = mergeResults([
      ...(this.pending.has(checkpointId) ? [this.pending.get(checkpointId)!] : []),
      ...results,
    ]);
    this.pending.set(checkpointId, merged);
  }

  /** The checkpointed state, taken right after `prepare`. */
  state(): CommitterState {
    const pending = [...this.pending.entries()].sort((a, b) => a[0] - b[0]);
    return { jobId: this.identity.jobId, pending };
  }

  /** Phase two: checkpoint `checkpointId` completed. Returns the snapshots committed (maybe none). */
  notifyCheckpointComplete(checkpointId: number, commitTimeMs: number): Snapshot[] {
    if (checkpointId <= this.maxCommitted) return [];
    const committed = this.commitUpTo(checkpointId, commitTimeMs);
    this.maxCommitted = checkpointId;
    return committed;
  }

  /** A bounded input ended (endInput): the last results commit at once, as checkpoint Long.MAX_VALUE. */
  endInput(results: readonly WriteResult[], commitTimeMs: number): Snapshot[] {
    this.prepare(END_INPUT_CHECKPOINT_ID, results);
    const committed = this.commitUpTo(END_INPUT_CHECKPOINT_ID, commitTimeMs);
    this.maxCommitted = END_INPUT_CHECKPOINT_ID;
    return committed;
  }

  /** Drops prepared results of checkpoints that never completed (the job failed). */
  abort(): void {
    this.pending.clear();
  }

  /** Overwrite mode: the new files replace every live file of the partitions they are written to. */
  private replacePartitions(results: readonly WriteResult[], _checkpointId: number, summary: Record<string, string>, commitTimeMs: number): Snapshot[] {
    const added = results.flatMap((r) => [...r.dataFiles, ...r.deleteFiles]);
    if (added.length === 0) return [];
    const replaced = new Set(results.flatMap((r) => r.dataFiles.map((f) => f.partitionKey)));
    const removedPaths = this.table
      .liveEntries()
      .filter((e) => replaced.has(e.file.partitionKey))
      .map((e) => e.file.path);
    return [this.table.commit({ commitTimeMs, addedFiles: added, removedPaths, operation: 'overwrite', summary: { ...summary, 'replace-partitions': 'true' } })];
  }

  private commitUpTo(checkpointId: number, commitTimeMs: number): Snapshot[] {
    const ids = [...this.pending.keys()].filter((id) => id <= checkpointId).sort((a, b) => a - b);
    const results = ids
      .map((id) => [id, this.pending.get(id)!] as const)
      .filter(([, r]) => fileCount(r) > 0);
    for (const id of ids) this.pending.delete(id);
    const totalFiles = results.reduce((n, [, r]) => n + fileCount(r), 0);
    this.continuousEmptyCheckpoints = totalFiles === 0 ? this.continuousEmptyCheckpoints + 1 : 0;
    if (
      totalFiles === 0 &&
      this.continuousEmptyCheckpoints % this.table.settings.maxContinuousEmptyCommits !== 0
    )
      return [];
    this.continuousEmptyCheckpoints = 0;
    const summary = (id: number) => ({
      [MAX_COMMITTED_CHECKPOINT_ID]:
        id === END_INPUT_CHECKPOINT_ID ? END_INPUT_CHECKPOINT_TEXT : String(id),
      [FLINK_JOB_ID]: this.identity.jobId,
      [FLINK_OPERATOR_ID]: this.identity.operatorId,
    });
    const deleteFiles = results.reduce((n, [, r]) => n + r.deleteFiles.length, 0);
    if (this.identity.overwrite === true) return this.replacePartitions(results.map(([, r]) => r), checkpointId, summary(checkpointId), commitTimeMs);
    if (deleteFiles === 0) {
      const dataFiles = results.flatMap(([, r]) => r.dataFiles);
      return [
        this.table.commit({
          commitTimeMs,
          addedFiles: dataFiles,
          operation: 'append',
          summary: summary(checkpointId),
        }),
      ];
    }
    // One row delta per checkpoint: merged, checkpoint n+1's equality deletes would not apply to
    // checkpoint n's rows (same sequence number).
    return results.map(([id, r]) =>
      this.table.commit({
        commitTimeMs,
        addedFiles: [...r.dataFiles, ...r.deleteFiles],
        summary: summary(id),
      }),
    );
  }
}
