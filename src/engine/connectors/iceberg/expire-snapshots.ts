// Snapshot expiry (Iceberg's ExpireSnapshots with the spec's retention policy on `main`): a
// snapshot older than `olderThanMs` is expired unless it is among the last `retainLast`
// snapshots of the current snapshot's history (the current one always stays). Files and
// manifests that no retained snapshot references (as live entries) are then deleted from storage.
import { isLive } from './manifest';
import type { IcebergTable } from './table';

export interface ExpireOptions {
  /** Defaults to now - `history.expire.max-snapshot-age-ms`. */
  readonly olderThanMs?: number;
  /** Defaults to `history.expire.min-snapshots-to-keep`. */
  readonly retainLast?: number;
  /** Virtual now. */
  readonly nowMs: number;
}

export interface ExpireResult {
  readonly expiredSnapshotIds: number[];
  /** Files no longer referenced by any retained snapshot, deleted from storage. */
  readonly deletedDataFiles: string[];
  readonly deletedDeleteFiles: string[];
  readonly deletedManifests: string[];
  readonly deletedManifestLists: string[];
}

export function expireSnapshots(table: IcebergTable, options: ExpireOptions): ExpireResult {
  const olderThan = options.olderThanMs ?? options.nowMs - table.settings.maxSnapshotAgeMs;
  const retainLast = Math.max(1, options.retainLast ?? table.settings.minSnapshotsToKeep);
  const retained = new Set<number>();
  const current = table.currentSnapshot();
  table.ancestors(current?.snapshotId ?? null).forEach((s, i) => {
    if (i < retainLast || s.timestampMs >= olderThan) retained.add(s.snapshotId);
  });
  for (const s of table.snapshots) if (s.timestampMs >= olderThan) retained.add(s.snapshotId);
  const expired = table.snapshots.filter((s) => !retained.has(s.snapshotId));
  const kept = table.snapshots.filter((s) => retained.has(s.snapshotId));
  const keptFiles = new Set<string>();
  const keptManifests = new Set<string>();
  for (const s of kept) {
    for (const m of s.manifests) {
      keptManifests.add(m.path);
      for (const e of m.entries) if (isLive(e)) keptFiles.add(e.file.path);
    }
  }
  const deletedData = new Set<string>();
  const deletedDeletes = new Set<string>();
  const deletedManifests = new Set<string>();
  for (const s of expired) {
    for (const m of s.manifests) {
      if (!keptManifests.has(m.path)) deletedManifests.add(m.path);
      for (const e of m.entries) {
        if (keptFiles.has(e.file.path)) continue;
        (e.file.content === 0 ? deletedData : deletedDeletes).add(e.file.path);
      }
    }
  }
  const expiredIds = expired.map((s) => s.snapshotId);
  if (expiredIds.length > 0) table.removeSnapshots(new Set(expiredIds), options.nowMs);
  return {
    expiredSnapshotIds: expiredIds,
    deletedDataFiles: [...deletedData].sort(),
    deletedDeleteFiles: [...deletedDeletes].sort(),
    deletedManifests: [...deletedManifests].sort(),
    deletedManifestLists: expired.map((s) => s.manifestListPath),
  };
}
