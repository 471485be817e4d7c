// Compaction (Iceberg's RewriteDataFiles, bin-pack): the data files of a partition are read with
// their deletes applied and rewritten into files of the target size, as one `replace` snapshot.
// The new files keep the starting snapshot's sequence number as their data sequence number
// (`use-starting-sequence-number`, Iceberg's default), so equality deletes committed after the
// start still apply to them. Position deletes and DVs of the rewritten files are removed with
// them (nothing else can reference those files); `removeDanglingDeletes` also removes equality
// deletes that no longer apply to any live data file of their partition (Iceberg's
// `remove-dangling-deletes`, off by default there too).
import { FileContent, type DataFile } from './content-file';
import { encodedRowBytes, fileSizeBytes } from './file-size';
import { planScan, readTask, type ScanTask } from './scan';
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';

export interface RewriteOptions {
  readonly commitTimeMs: number;
  /** Iceberg's `min-input-files` (default 5): a partition with fewer data files is left alone... */
  readonly minInputFiles?: number;
  /** ...unless one of its files has at least this many deletes applying (`delete-file-threshold`). */
  readonly deleteFileThreshold?: number;
  /** Rewrite every partition that has data files, whatever the thresholds say. */
  readonly rewriteAll?: boolean;
  /** Only these partition keys (`rowKey(partition)`); all by default. */
  readonly partitionKeys?: ReadonlySet<string>;
  readonly removeDanglingDeletes?: boolean;
}

export const MIN_INPUT_FILES_DEFAULT = 5;
export const DELETE_FILE_THRESHOLD_DEFAULT = 2147483647;

export interface RewriteResult {
  /** Null when nothing qualified (no snapshot is committed then). */
  readonly snapshot: Snapshot | null;
  readonly rewrittenDataFiles: number;
  readonly addedDataFiles: number;
  readonly removedDeleteFiles: number;
}

export function rewriteDataFiles(table: IcebergTable, options: RewriteOptions): RewriteResult {
  const start = table.currentSnapshot();
  const none = { snapshot: null, rewrittenDataFiles: 0, addedDataFiles: 0, removedDeleteFiles: 0 };
  if (!start) return none;
  const minInputFiles = options.minInputFiles ?? MIN_INPUT_FILES_DEFAULT;
  const deleteThreshold = options.deleteFileThreshold ?? DELETE_FILE_THRESHOLD_DEFAULT;
  const plan = planScan(table, start);
  const byPartition = new Map<string, ScanTask[]>();
  for (const task of plan.tasks) {
    const key = task.data.file.partitionKey;
    if (options.partitionKeys && !options.partitionKeys.has(key)) continue;
    const list = byPartition.get(key) ?? [];
    list.push(task);
    byPartition.set(key, list);
  }
  const s = table.settings;
  const removedPaths: string[] = [];
  const addedFiles: DataFile[] = [];
  const rewritten = new Set<string>();
  for (const tasks of byPartition.values()) {
    const deleteCount = (t: ScanTask) =>
      t.deletes.equalityDeletes.length +
      t.deletes.positionDeletes.length +
      (t.deletes.deletionVector ? 1 : 0);
    const qualifies =
      options.rewriteAll ||
      tasks.length >= minInputFiles ||
      tasks.some((t) => deleteCount(t) >= deleteThreshold);
    if (!qualifies) continue;
    const partition = tasks[0]!.data.file.partition;
    const partitionKey = tasks[0]!.data.file.partitionKey;
    let rows: DataFile['rows'][number][] = [];
    let bytes = 0;
    const flush = () => {
      if (rows.length === 0) return;
      addedFiles.push({
        content: FileContent.DATA,
        path: table.newFilePath(partition, s.dataFormat),
        format: s.dataFormat,
        specId: table.spec.specId,
        partition,
        partitionKey,
        recordCount: rows.length,
        sizeBytes: fileSizeBytes(s.dataFormat, s.codec, table.schema.columns.length, bytes),
        rows,
      });
      rows = [];
      bytes = 0;
    };
    for (const task of tasks) {
      removedPaths.push(task.data.file.path);
      rewritten.add(task.data.file.path);
      for (const scanned of readTask(task)) {
        rows.push(scanned.row);
        bytes += encodedRowBytes(s.dataFormat, table.schema.columns, scanned.row);
        if (
          fileSizeBytes(s.dataFormat, s.codec, table.schema.columns.length, bytes) >=
          s.targetFileSizeBytes
        )
          flush();
      }
    }
    flush();
  }
  if (removedPaths.length === 0) return none;
  // Deletes that can no longer apply to anything.
  const remainingData = plan.tasks
    .filter((t) => !rewritten.has(t.data.file.path))
    .map((t) => t.data);
  const minDataSequence = new Map<string, number>();
  for (const e of remainingData)
    minDataSequence.set(
      e.file.partitionKey,
      Math.min(minDataSequence.get(e.file.partitionKey) ?? Infinity, e.dataSequenceNumber),
    );
  for (const f of addedFiles)
    minDataSequence.set(
      f.partitionKey,
      Math.min(minDataSequence.get(f.partitionKey) ?? Infinity, start.sequenceNumber),
    );
  let removedDeleteFiles = 0;
  for (const e of table.liveEntries(start)) {
    const f = e.file;
    const positional =
      f.content === FileContent.POSITION_DELETES && rewritten.has(f.referencedDataFile);
    const dangling =
      options.removeDanglingDeletes === true &&
      f.content === FileContent.EQUALITY_DELETES &&
      !(e.dataSequenceNumber > (minDataSequence.get(f.partitionKey) ?? Infinity));
    if (positional || dangling) {
      removedPaths.push(f.path);
      removedDeleteFiles++;
    }
  }
  const snapshot = table.commit({
    commitTimeMs: options.commitTimeMs,
    addedFiles,
    removedPaths,
    operation: 'replace',
    dataSequenceNumber: start.sequenceNumber,
  });
  return {
    snapshot,
    rewrittenDataFiles: rewritten.size,
    addedDataFiles: addedFiles.length,
    removedDeleteFiles,
  };
}
