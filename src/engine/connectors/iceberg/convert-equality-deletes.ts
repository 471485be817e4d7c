// Turning equality deletes into deletion vectors (v3), as Iceberg's Flink maintenance task
// ConvertEqualityDeletes does in place on one branch: every row an equality delete removes is
// looked up by key in the older data files it applies to, its position joins that file's DV
// (merged with the DV the file already has: at most one per data file), and one row delta adds
// the new DVs and removes the equality delete files and the replaced DVs. Readers then apply
// DVs only, which need no key lookups. Iceberg's row delta names the commit `delete` (it adds
// delete files and no data files).
import { ConnectorError } from '../../errors';
import { FileContent, type DataFile, type PositionDeleteFile } from './content-file';
import { planScan } from './scan';
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';
import { positionDeleteFile } from './task-writer';

export interface ConvertResult {
  /** Null when the table had no equality deletes. */
  readonly snapshot: Snapshot | null;
  readonly convertedEqualityDeleteFiles: number;
  readonly addedDeletionVectors: number;
  readonly replacedDeletionVectors: number;
}

export function convertEqualityDeletes(table: IcebergTable, commitTimeMs: number): ConvertResult {
  if (table.formatVersion < 3) {
    throw new ConnectorError({
      table: table.name,
      message: `table '${table.name}': converting equality deletes into deletion vectors needs format-version 3`,
    });
  }
  const plan = planScan(table);
  const equalityPaths = new Set<string>();
  for (const e of table.liveEntries())
    if (e.file.content === FileContent.EQUALITY_DELETES) equalityPaths.add(e.file.path);
  const none = {
    snapshot: null,
    convertedEqualityDeleteFiles: 0,
    addedDeletionVectors: 0,
    replacedDeletionVectors: 0,
  };
  if (equalityPaths.size === 0) return none;
  const added: PositionDeleteFile[] = [];
  const removed: string[] = [...equalityPaths];
  let replaced = 0;
  for (const task of plan.tasks) {
    if (task.deletes.equalityDeletes.length === 0) continue;
    const file = task.data.file as DataFile;
    const positions = new Set(task.deletes.deletedPositions);
    let found = false;
    for (let p = 0; p < file.rows.length; p++) {
      if (positions.has(p) || !task.deletes.isEqualityDeleted(file.rows[p]!)) continue;
      positions.add(p);
      found = true;
    }
    if (!found) continue;
    const old = task.deletes.deletionVector;
    if (old) {
      removed.push(old.file.path);
      replaced++;
    }
    const sorted = [...positions].sort((a, b) => a - b);
    added.push(positionDeleteFile(table, file.path, file.partition, file.partitionKey, sorted));
  }
  const snapshot = table.commit({ commitTimeMs, addedFiles: added, removedPaths: removed });
  return {
    snapshot,
    convertedEqualityDeleteFiles: equalityPaths.size,
    addedDeletionVectors: added.length,
    replacedDeletionVectors: replaced,
  };
}
