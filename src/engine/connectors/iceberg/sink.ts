// Flink's Iceberg sink as one object the simulator drives: `parallelism` writer subtasks and the
// single committer. The checkpoint coordinator calls `snapshotState` when a checkpoint barrier
// passes (writers close their files, the committer stores the results: phase one) and
// `notifyCheckpointComplete` when the checkpoint is complete (phase two: the commit). Rows are
// visible to readers only after that; `pendingRecords` counts those still waiting.
import type { Change } from '../../types';
import {
  IcebergFilesCommitter,
  type CommitterIdentity,
  type CommitterState,
} from './files-committer';
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';
import { IcebergTaskWriter, type TaskWriterOptions } from './task-writer';

export interface IcebergSinkOptions extends CommitterIdentity {
  readonly parallelism?: number;
  readonly upsert?: boolean;
  readonly equalityColumns?: readonly number[];
}

export class IcebergSink {
  readonly table: IcebergTable;
  private readonly writers: IcebergTaskWriter[];
  private committer: IcebergFilesCommitter;

  constructor(table: IcebergTable, options: IcebergSinkOptions, committer?: IcebergFilesCommitter) {
    this.table = table;
    const parallelism = Math.max(1, Math.floor(options.parallelism ?? 1));
    this.writers = Array.from({ length: parallelism }, (_, taskId) => {
      const writerOptions: TaskWriterOptions = {
        taskId,
        ...(options.upsert !== undefined ? { upsert: options.upsert } : {}),
        ...(options.equalityColumns !== undefined
          ? { equalityColumns: options.equalityColumns }
          : {}),
      };
      return new IcebergTaskWriter(table, writerOptions);
    });
    this.committer = committer ?? new IcebergFilesCommitter(table, options);
  }

  /** A sink restored from a checkpoint: commits what the checkpoint prepared and the table lacks. */
  static restore(
    table: IcebergTable,
    options: IcebergSinkOptions,
    state: CommitterState,
    timeMs: number,
  ): { sink: IcebergSink; committed: Snapshot[] } {
    const { committer, committed } = IcebergFilesCommitter.restore(table, options, state, timeMs);
    return { sink: new IcebergSink(table, options, committer), committed };
  }

  get parallelism(): number {
    return this.writers.length;
  }

  /** Rows written but not yet committed (open files plus prepared results). */
  get pendingRecords(): number {
    return this.writers.reduce((n, w) => n + w.pendingRecords, 0) + this.committer.pendingRecords;
  }

  get maxCommittedCheckpointId(): number {
    return this.committer.maxCommittedCheckpointId;
  }

  /** Rows for one writer subtask (the caller distributes them, e.g. keyed by equality fields). */
  write(subtask: number, batch: readonly Change[]): void {
    this.writers[subtask % this.writers.length]!.writeBatch(batch);
  }

  /** Phase one of checkpoint `checkpointId`; returns the committer's state to checkpoint. */
  snapshotState(checkpointId: number): CommitterState {
    this.committer.prepare(
      checkpointId,
      this.writers.map((w) => w.complete()),
    );
    return this.committer.state();
  }

  /** Phase two: the snapshots committed (none for a repeated or empty checkpoint). */
  notifyCheckpointComplete(checkpointId: number, timeMs: number): Snapshot[] {
    return this.committer.notifyCheckpointComplete(checkpointId, timeMs);
  }

  /** A bounded job's end: everything written so far is committed. */
  endInput(timeMs: number): Snapshot[] {
    return this.committer.endInput(
      this.writers.map((w) => w.complete()),
      timeMs,
    );
  }

  /** The job failed: uncheckpointed rows and prepared results are dropped (restore from state). */
  fail(): void {
    for (const w of this.writers) w.abort();
    this.committer.abort();
  }
}
