// The rows one snapshot changed, read from the files it added and removed: Iceberg's incremental
// changelog scan with delete files, as its open proposals define the tasks (apache/iceberg#10935,
// #14264; core's BaseIncrementalChangelogScan still fails with "Delete files are currently not
// supported in changelog scans"):
// - AddedRowsScanTask: a data file the snapshot added, with the deletes it committed itself
//   applied (older deletes never apply to a newer file);
// - DeletedDataFileScanTask: a data file the snapshot removed, its rows as they were live in the
//   parent (the parent's deletes applied, so rows deleted earlier are not deleted again);
// - DeletedRowsScanTask: a data file live before and after whose deletes changed: the rows the
//   added deletes remove and the parent's did not. Removed delete files are handled alike (a row
//   they hid comes back), so a conversion of equality deletes into DVs changes no row.
// `replace` snapshots (compaction) are skipped, as every changelog scan skips them.
// Cost: a snapshot reads its added and removed data files and, of the files its delete files
// touch, only the rows at the deleted positions or with the deleted keys (a per-file key index,
// built once per immutable file); never the table's other live rows.
import { ConnectorError } from '../../../errors';
import type { Row } from '../../../types';
import { makeKeyFn, type StateKey } from '../../../runtime/keys';
import { FileContent, type DataFile, type EqualityDeleteFile, type PositionDeleteFile } from '../content-file';
import { DeleteIndex, equalityDeleteApplies } from '../delete-rules';
import type { ManifestEntry } from '../manifest';
import { isUnpartitioned } from '../partition-spec';
import { readTask } from '../scan';
import type { Snapshot } from '../snapshot';
import type { IcebergTable } from '../table';

/** A changed row and the data file it lives (or lived) in. */
export interface ChangedRow {
  readonly row: Row;
  readonly file: DataFile;
}

export interface SnapshotDelta {
  /** Rows live in the parent and not in the snapshot, retractions first in planning order. */
  readonly removed: ChangedRow[];
  /** Rows live in the snapshot and not in the parent. */
  readonly added: ChangedRow[];
}

/** One snapshot's live files by path and its delete index (built when first needed). */
interface SnapshotView {
  readonly snapshot: Snapshot | null;
  readonly live: Map<string, ManifestEntry>;
  index: DeleteIndex | null;
}

/** Data file -> equality-column signature -> key -> positions holding it. Files never change. */
const keyPositions = new WeakMap<DataFile, Map<string, Map<StateKey, number[]>>>();

export class ChangelogScanner {
  /** The last two views: a snapshot read as `after` is the next one's `before`. */
  private views: SnapshotView[] = [];

  constructor(private readonly table: IcebergTable) {}

  /** The rows `snapshot` changed against its parent. */
  changesOf(snapshot: Snapshot): SnapshotDelta {
    const delta: SnapshotDelta = { removed: [], added: [] };
    if (snapshot.operation === 'replace') return delta;
    const t = this.table;
    const parent = snapshot.parentId === null ? null : (t.snapshot(snapshot.parentId) ?? this.cached(snapshot.parentId));
    if (snapshot.parentId !== null && parent === null)
      throw new ConnectorError({ table: t.name, message: `Cannot find snapshot with ID ${snapshot.parentId}` });
    const before = this.view(parent);
    const after = this.view(snapshot);
    const changedDeletes: ManifestEntry[] = [];
    for (const [path, e] of before.live) {
      if (after.live.has(path)) continue;
      if (e.file.content === FileContent.DATA) {
        for (const r of readTask({ data: e, deletes: this.index(before).forDataFile(e) })) delta.removed.push({ row: r.row, file: e.file as DataFile });
      } else changedDeletes.push(e);
    }
    const addedData: ManifestEntry[] = [];
    for (const [path, e] of after.live) {
      if (before.live.has(path)) continue;
      if (e.file.content === FileContent.DATA) addedData.push(e);
      else changedDeletes.push(e);
    }
    if (changedDeletes.length > 0) this.rowsWithChangedDeletes(before, after, changedDeletes, delta);
    for (const e of addedData) for (const r of readTask({ data: e, deletes: this.index(after).forDataFile(e) })) delta.added.push({ row: r.row, file: e.file as DataFile });
    return delta;
  }

  /** DeletedRowsScanTask: rows of files live on both sides whose liveness a changed delete file may flip. */
  private rowsWithChangedDeletes(before: SnapshotView, after: SnapshotView, changed: readonly ManifestEntry[], delta: SnapshotDelta): void {
    const t = this.table;
    const unpartitioned = isUnpartitioned(t.spec);
    const candidates = new Map<string, Set<number>>();
    const add = (path: string, positions: Iterable<number>): void => {
      let set = candidates.get(path);
      if (!set) candidates.set(path, (set = new Set()));
      for (const p of positions) set.add(p);
    };
    const survivors: ManifestEntry[] = [];
    for (const [path, e] of after.live) if (e.file.content === FileContent.DATA && before.live.has(path)) survivors.push(e);
    for (const d of changed) {
      if (d.file.content === FileContent.POSITION_DELETES) {
        const f = d.file as PositionDeleteFile;
        if (before.live.has(f.referencedDataFile) && after.live.has(f.referencedDataFile)) add(f.referencedDataFile, f.positions);
        continue;
      }
      const f = d.file as EqualityDeleteFile;
      const signature = f.equalityFieldIds.join(',');
      for (const data of survivors) {
        if (!equalityDeleteApplies(data, d, unpartitioned)) continue;
        const byKey = this.keyIndex(data.file as DataFile, signature, f.equalityFieldIds);
        for (const k of f.keys) {
          const positions = byKey.get(k);
          if (positions) add(data.file.path, positions);
        }
      }
    }
    for (const [path, positions] of candidates) {
      const entryBefore = before.live.get(path)!;
      const entryAfter = after.live.get(path)!;
      const file = entryAfter.file as DataFile;
      const was = this.index(before).forDataFile(entryBefore);
      const is = this.index(after).forDataFile(entryAfter);
      const comesBack: ChangedRow[] = [];
      for (const p of [...positions].sort((a, b) => a - b)) {
        const row = file.rows[p]!;
        const liveBefore = !was.deletedPositions.has(p) && !was.isEqualityDeleted(row);
        const liveAfter = !is.deletedPositions.has(p) && !is.isEqualityDeleted(row);
        if (liveBefore && !liveAfter) delta.removed.push({ row, file });
        else if (!liveBefore && liveAfter) comesBack.push({ row, file });
      }
      for (const r of comesBack) delta.added.push(r);
    }
  }

  private keyIndex(file: DataFile, signature: string, fieldIds: readonly number[]): Map<StateKey, number[]> {
    let bySignature = keyPositions.get(file);
    if (!bySignature) keyPositions.set(file, (bySignature = new Map()));
    let byKey = bySignature.get(signature);
    if (!byKey) {
      const keyOf = makeKeyFn(fieldIds.map((id) => this.table.schema.fieldIds.indexOf(id)));
      byKey = new Map();
      for (let p = 0; p < file.rows.length; p++) {
        const k = keyOf(file.rows[p]!);
        const list = byKey.get(k);
        if (list) list.push(p);
        else byKey.set(k, [p]);
      }
      bySignature.set(signature, byKey);
    }
    return byKey;
  }

  private cached(snapshotId: number): Snapshot | null {
    return this.views.find((v) => v.snapshot?.snapshotId === snapshotId)?.snapshot ?? null;
  }

  private view(snapshot: Snapshot | null): SnapshotView {
    const found = this.views.find((v) => v.snapshot === snapshot);
    if (found) return found;
    const live = new Map<string, ManifestEntry>();
    for (const e of this.table.liveEntries(snapshot)) live.set(e.file.path, e);
    const v: SnapshotView = { snapshot, live, index: null };
    this.views.push(v);
    if (this.views.length > 2) this.views.shift();
    return v;
  }

  private index(v: SnapshotView): DeleteIndex {
    if (v.index === null) {
      const deletes: ManifestEntry[] = [];
      for (const e of v.live.values()) if (e.file.content !== FileContent.DATA) deletes.push(e);
      v.index = new DeleteIndex(deletes, this.table.schema, isUnpartitioned(this.table.spec));
    }
    return v.index;
  }
}
