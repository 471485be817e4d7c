// Snapshots (Iceberg spec "Snapshots") and their summaries (Appendix F "Optional Snapshot Summary
// Fields", written as Iceberg's SnapshotSummary.Builder writes them: added/removed counts only
// when non-zero, totals always).
import { FileContent, isDeletionVector, type ContentFile } from './content-file';
import type { Manifest } from './manifest';

/** The spec's `operation` values. */
export type Operation = 'append' | 'replace' | 'overwrite' | 'delete';

export interface Snapshot {
  readonly snapshotId: number;
  readonly parentId: number | null;
  /** 0 for every v1 snapshot (v1 has no sequence numbers; readers use 0). */
  readonly sequenceNumber: number;
  /** Virtual commit time, ms since the epoch. */
  readonly timestampMs: number;
  readonly operation: Operation;
  /** String to string, as the spec stores it; includes `operation`. */
  readonly summary: Readonly<Record<string, string>>;
  readonly manifestListPath: string;
  readonly manifests: readonly Manifest[];
  readonly schemaId: number;
  /** v3 row lineage: the first row id of this snapshot's added rows, and their count. */
  readonly firstRowId: number | null;
  readonly addedRows: number | null;
}

/**
 * Where snapshot ids come from: the engine's seeded generator satisfies it (its `nextU32`), so the
 * same seed gives the same ids, and this folder does not depend on where that generator lives.
 */
export interface SnapshotIdSource {
  nextU32(): number;
}

/** A positive id below 2^53 (the spec asks for a positive long; the engine's numbers are exact to 2^53). */
export function nextSnapshotId(source: SnapshotIdSource, taken: (id: number) => boolean): number {
  for (;;) {
    const high = source.nextU32() & 0x1fffff;
    const id = high * 4294967296 + source.nextU32();
    if (id > 0 && !taken(id)) return id;
  }
}

/** The operation Iceberg's row delta names a commit (BaseRowDelta.operation). */
export function rowDeltaOperation(
  addsData: boolean,
  addsDeletes: boolean,
  removesData: boolean,
): Operation {
  if (addsData && !addsDeletes && !removesData) return 'append';
  if (addsDeletes && !addsData) return 'delete';
  return 'overwrite';
}

interface FileTotals {
  dataFiles: number;
  deleteFiles: number;
  records: number;
  filesSize: number;
  positionDeletes: number;
  equalityDeletes: number;
  equalityDeleteFiles: number;
  /** Position delete files that are not deletion vectors. */
  positionDeleteFiles: number;
  deletionVectors: number;
}

/** Counts over a set of files: live ones for the `total-*` fields, added / removed for the rest. */
export function fileTotals(files: Iterable<ContentFile>): FileTotals {
  const t: FileTotals = {
    dataFiles: 0,
    deleteFiles: 0,
    records: 0,
    filesSize: 0,
    positionDeletes: 0,
    equalityDeletes: 0,
    equalityDeleteFiles: 0,
    positionDeleteFiles: 0,
    deletionVectors: 0,
  };
  for (const f of files) {
    t.filesSize += f.sizeBytes;
    if (f.content === FileContent.DATA) {
      t.dataFiles++;
      t.records += f.recordCount;
      continue;
    }
    t.deleteFiles++;
    if (f.content === FileContent.EQUALITY_DELETES) {
      t.equalityDeleteFiles++;
      t.equalityDeletes += f.recordCount;
    } else {
      if (isDeletionVector(f)) t.deletionVectors++;
      else t.positionDeleteFiles++;
      t.positionDeletes += f.recordCount;
    }
  }
  return t;
}

export interface SummaryInput {
  operation: Operation;
  added: readonly ContentFile[];
  removed: readonly ContentFile[];
  totals: FileTotals;
  changedPartitions: number;
  manifestsCreated: number;
  manifestsKept: number;
  manifestsReplaced: number;
  entriesProcessed: number;
  /** Extra properties (Flink's `flink.*` keys); cannot override the computed ones. */
  extra?: Readonly<Record<string, string>>;
}

export function buildSummary(input: SummaryInput): Record<string, string> {
  const summary: Record<string, string> = { ...(input.extra ?? {}), operation: input.operation };
  const a = fileTotals(input.added);
  const r = fileTotals(input.removed);
  const setIf = (key: string, value: number) => {
    if (value > 0) summary[key] = String(value);
  };
  setIf('added-data-files', a.dataFiles);
  setIf('deleted-data-files', r.dataFiles);
  setIf('added-equality-delete-files', a.equalityDeleteFiles);
  setIf('removed-equality-delete-files', r.equalityDeleteFiles);
  setIf('added-position-delete-files', a.positionDeleteFiles);
  setIf('removed-position-delete-files', r.positionDeleteFiles);
  setIf('added-delete-files', a.deleteFiles);
  setIf('removed-delete-files', r.deleteFiles);
  setIf('added-dvs', a.deletionVectors);
  setIf('removed-dvs', r.deletionVectors);
  setIf('added-records', a.records);
  setIf('deleted-records', r.records);
  setIf('added-files-size', a.filesSize);
  setIf('removed-files-size', r.filesSize);
  setIf('added-position-deletes', a.positionDeletes);
  setIf('removed-position-deletes', r.positionDeletes);
  setIf('added-equality-deletes', a.equalityDeletes);
  setIf('removed-equality-deletes', r.equalityDeletes);
  summary['changed-partition-count'] = String(input.changedPartitions);
  summary['total-records'] = String(input.totals.records);
  summary['total-files-size'] = String(input.totals.filesSize);
  summary['total-data-files'] = String(input.totals.dataFiles);
  summary['total-delete-files'] = String(input.totals.deleteFiles);
  summary['total-position-deletes'] = String(input.totals.positionDeletes);
  summary['total-equality-deletes'] = String(input.totals.equalityDeletes);
  summary['manifests-created'] = String(input.manifestsCreated);
  summary['manifests-kept'] = String(input.manifestsKept);
  summary['manifests-replaced'] = String(input.manifestsReplaced);
  summary['entries-processed'] = String(input.entriesProcessed);
  return summary;
}
