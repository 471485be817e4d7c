// Which deletes apply to which data file (Iceberg spec "Scan Planning"):
// - a deletion vector applies to the data file it references when the data file's data sequence
//   number is <= the DV's, in the same partition;
// - a position delete file likewise (<=), unless a DV applies to that data file (a DV replaces
//   every position delete of its file);
// - an equality delete applies to data files of the same partition (or any partition when the
//   delete's spec is unpartitioned) whose data sequence number is strictly smaller.
// "<=" lets a commit delete rows it adds itself; "<" keeps an upsert's new row alive against the
// equality delete written beside it.
import { makeKeyFn, type KeyFn, type StateKey } from '../../runtime/keys';
import {
  FileContent,
  type DataFile,
  type EqualityDeleteFile,
  type PositionDeleteFile,
} from './content-file';
import type { ManifestEntry } from './manifest';
import type { IcebergSchema } from './schema';

function samePartition(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.file.specId === b.file.specId && a.file.partitionKey === b.file.partitionKey;
}

export function positionDeleteApplies(data: ManifestEntry, del: ManifestEntry): boolean {
  const f = del.file as PositionDeleteFile;
  return (
    f.referencedDataFile === data.file.path &&
    data.dataSequenceNumber <= del.dataSequenceNumber &&
    samePartition(data, del)
  );
}

export function equalityDeleteApplies(
  data: ManifestEntry,
  del: ManifestEntry,
  deleteSpecUnpartitioned: boolean,
): boolean {
  return (
    data.dataSequenceNumber < del.dataSequenceNumber &&
    (deleteSpecUnpartitioned || samePartition(data, del))
  );
}

/** The deletes that apply to one data file, and how to test its rows against them. */
export interface DataFileDeletes {
  readonly deletionVector: ManifestEntry | null;
  readonly positionDeletes: readonly ManifestEntry[];
  readonly equalityDeletes: readonly ManifestEntry[];
  /** Positions removed by the DV or the position delete files. */
  readonly deletedPositions: ReadonlySet<number>;
  /** True when an applicable equality delete matches the row. */
  readonly isEqualityDeleted: (row: readonly unknown[]) => boolean;
}

interface EqualityGroup {
  /** Key function over the table row for this group's equality columns. */
  readonly rowKey: KeyFn;
  readonly entries: ManifestEntry[];
}

/**
 * An index of a snapshot's live delete files, built once per scan. Equality deletes are grouped
 * by their equality field ids; within a group, a key's largest applicable sequence number decides.
 */
export class DeleteIndex {
  private readonly dvByPath = new Map<string, ManifestEntry>();
  private readonly positionByPath = new Map<string, ManifestEntry[]>();
  private readonly equalityGroups = new Map<string, EqualityGroup>();
  /** Per group and partition: equality key -> largest sequence number of a delete holding it. */
  private readonly maxSequenceByKey = new Map<string, Map<StateKey, number>>();
  private readonly deleteSpecUnpartitioned: boolean;
  readonly deleteFileCount: number;

  constructor(
    deleteEntries: readonly ManifestEntry[],
    schema: IcebergSchema,
    specUnpartitioned: boolean,
  ) {
    this.deleteSpecUnpartitioned = specUnpartitioned;
    this.deleteFileCount = deleteEntries.length;
    for (const e of deleteEntries) {
      const f = e.file;
      if (f.content === FileContent.POSITION_DELETES) {
        if (f.kind === 'dv') this.dvByPath.set(f.referencedDataFile, e);
        else {
          const list = this.positionByPath.get(f.referencedDataFile) ?? [];
          list.push(e);
          this.positionByPath.set(f.referencedDataFile, list);
        }
      } else if (f.content === FileContent.EQUALITY_DELETES) {
        const signature = f.equalityFieldIds.join(',');
        let group = this.equalityGroups.get(signature);
        if (!group) {
          const columns = f.equalityFieldIds.map((id) => schema.fieldIds.indexOf(id));
          group = { rowKey: makeKeyFn(columns), entries: [] };
          this.equalityGroups.set(signature, group);
        }
        group.entries.push(e);
        const scope = signature + '|' + (specUnpartitioned ? '' : f.partitionKey);
        let keys = this.maxSequenceByKey.get(scope);
        if (!keys) this.maxSequenceByKey.set(scope, (keys = new Map()));
        for (const k of (f as EqualityDeleteFile).keys) {
          const prev = keys.get(k);
          if (prev === undefined || prev < e.dataSequenceNumber) keys.set(k, e.dataSequenceNumber);
        }
      }
    }
  }

  forDataFile(data: ManifestEntry): DataFileDeletes {
    const path = data.file.path;
    const dvEntry = this.dvByPath.get(path);
    const deletionVector = dvEntry && positionDeleteApplies(data, dvEntry) ? dvEntry : null;
    const positionDeletes = deletionVector
      ? []
      : (this.positionByPath.get(path) ?? []).filter((d) => positionDeleteApplies(data, d));
    const deletedPositions = new Set<number>();
    for (const d of deletionVector ? [deletionVector] : positionDeletes) {
      for (const p of (d.file as PositionDeleteFile).positions) deletedPositions.add(p);
    }
    const equalityDeletes: ManifestEntry[] = [];
    const checks: { rowKey: KeyFn; keys: Map<StateKey, number> }[] = [];
    for (const [signature, group] of this.equalityGroups) {
      const applicable = group.entries.filter((d) =>
        equalityDeleteApplies(data, d, this.deleteSpecUnpartitioned),
      );
      if (applicable.length === 0) continue;
      equalityDeletes.push(...applicable);
      const keys = this.maxSequenceByKey.get(
        signature + '|' + (this.deleteSpecUnpartitioned ? '' : data.file.partitionKey),
      );
      if (keys) checks.push({ rowKey: group.rowKey, keys });
    }
    const dataSequence = data.dataSequenceNumber;
    const isEqualityDeleted = (row: readonly unknown[]): boolean => {
      for (const c of checks) {
        const seq = c.keys.get(c.rowKey(row as DataFile['rows'][number]));
        if (seq !== undefined && seq > dataSequence) return true;
      }
      return false;
    };
    return {
      deletionVector,
      positionDeletes,
      equalityDeletes,
      deletedPositions,
      isEqualityDeleted,
    };
  }
}
