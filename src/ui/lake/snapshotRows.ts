// A lake table's commits as the Snapshots tab shows them: Iceberg's snapshot summary (string
// counters, present only when non-zero) read into numbers, one row per snapshot.
import type { LakeSnapshotInfo } from '../../engine/api';

export interface SnapshotRow {
  snapshotId: number;
  parentId: number | null;
  sequenceNumber: number;
  /** Virtual ms since the simulation epoch. */
  committedAt: number;
  operation: LakeSnapshotInfo['operation'];
  addedDataFiles: number;
  removedDataFiles: number;
  addedRecords: number;
  /** Records of data files this commit removed (compaction, overwrite). */
  deletedRecords: number;
  /** Rows of the equality and position delete files this commit wrote (DV positions count as position deletes). */
  addedEqualityDeletes: number;
  addedPositionDeletes: number;
  addedDeleteFiles: number;
  removedDeleteFiles: number;
  /** Delete files live after this commit: what every reader of this snapshot must merge. */
  totalDeleteFiles: number;
  totalDataFiles: number;
  totalRecords: number;
  /** The Flink checkpoint this commit completed (`flink.max-committed-checkpoint-id`), when the sink wrote one. */
  checkpointId: string | null;
  summary: Record<string, string>;
}

function count(summary: Record<string, string>, key: string): number {
  const n = Number(summary[key] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function snapshotRow(s: LakeSnapshotInfo): SnapshotRow {
  const m = s.summary;
  return {
    snapshotId: s.snapshotId,
    parentId: s.parentId,
    sequenceNumber: s.sequenceNumber,
    committedAt: s.committedAt,
    operation: s.operation,
    addedDataFiles: count(m, 'added-data-files'),
    removedDataFiles: count(m, 'deleted-data-files'),
    addedRecords: count(m, 'added-records'),
    deletedRecords: count(m, 'deleted-records'),
    addedEqualityDeletes: count(m, 'added-equality-deletes'),
    addedPositionDeletes: count(m, 'added-position-deletes'),
    addedDeleteFiles: count(m, 'added-delete-files'),
    removedDeleteFiles: count(m, 'removed-delete-files'),
    totalDeleteFiles: count(m, 'total-delete-files'),
    totalDataFiles: count(m, 'total-data-files'),
    totalRecords: count(m, 'total-records'),
    checkpointId: m['flink.max-committed-checkpoint-id'] ?? null,
    summary: m,
  };
}

/** `+3`, `+3 −1`, `−1`, or `0`: what a commit added and removed of something. */
export function delta(added: number, removed: number, format: (n: number) => string = String): string {
  const parts: string[] = [];
  if (added) parts.push(`+${format(added)}`);
  if (removed) parts.push(`−${format(removed)}`);
  return parts.length ? parts.join(' ') : '0';
}

/**
 * The Flink checkpoint id as a person reads it: a bounded job's final commit uses Long.MAX_VALUE
 * (the model's 2^53 - 1), which means "end of input", not a checkpoint number.
 */
export function checkpointLabel(id: string | null): string {
  if (id === null) return '–';
  return id === '9223372036854775807' || id === String(Number.MAX_SAFE_INTEGER) ? 'end of input' : `#${id}`;
}
