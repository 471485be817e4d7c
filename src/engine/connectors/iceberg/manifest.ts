// Manifests and manifest lists (Iceberg spec "Manifests", "Manifest Lists"). Each snapshot has a
// manifest list; a manifest tracks data files or delete files (never both) with one entry per
// file: status, the snapshot that added or deleted it, and its data and file sequence numbers.
// Planning reads every manifest of a snapshot, so its cost grows with their number; merging
// (commit.manifest-merge.enabled) keeps that number bounded.
import { utf8Length } from './file-size';
import { FileContent, type ContentFile } from './content-file';

export const EntryStatus = { EXISTING: 0, ADDED: 1, DELETED: 2 } as const;
export type EntryStatus = (typeof EntryStatus)[keyof typeof EntryStatus];
export const ManifestContent = { DATA: 0, DELETES: 1 } as const;
export type ManifestContent = (typeof ManifestContent)[keyof typeof ManifestContent];

export interface ManifestEntry {
  readonly status: EntryStatus;
  /** The snapshot that added the file, or deleted it when status is DELETED. */
  readonly snapshotId: number;
  /** The age of the content: what delete rules compare (kept by rewrites that reuse it). */
  readonly dataSequenceNumber: number;
  /** The sequence number of the snapshot that added the file. */
  readonly fileSequenceNumber: number;
  readonly file: ContentFile;
}

export interface Manifest {
  readonly path: string;
  readonly content: ManifestContent;
  readonly specId: number;
  readonly addedSnapshotId: number;
  /** Sequence number of the snapshot that added the manifest. */
  readonly sequenceNumber: number;
  /** Smallest data sequence number of the live entries. */
  readonly minSequenceNumber: number;
  readonly entries: readonly ManifestEntry[];
  /** From the manifest size model below. */
  readonly lengthBytes: number;
  readonly addedFilesCount: number;
  readonly existingFilesCount: number;
  readonly deletedFilesCount: number;
  readonly addedRowsCount: number;
  readonly existingRowsCount: number;
  readonly deletedRowsCount: number;
}

/** A Freshet estimate: an Avro manifest's header embeds its schema and partition spec (~6 KiB). */
export const MANIFEST_HEADER_BYTES = 6 * 1024;
/** A Freshet estimate of one entry's fixed fields and metrics, plus its path's bytes. */
export const MANIFEST_ENTRY_BYTES = 160;

export function isLive(entry: ManifestEntry): boolean {
  return entry.status !== EntryStatus.DELETED;
}

export function manifestContentOf(file: ContentFile): ManifestContent {
  return file.content === FileContent.DATA ? ManifestContent.DATA : ManifestContent.DELETES;
}

export function buildManifest(
  path: string,
  content: ManifestContent,
  specId: number,
  addedSnapshotId: number,
  sequenceNumber: number,
  entries: readonly ManifestEntry[],
): Manifest {
  let added = 0,
    existing = 0,
    deleted = 0,
    addedRows = 0,
    existingRows = 0,
    deletedRows = 0;
  let minSeq = Number.POSITIVE_INFINITY;
  let bytes = MANIFEST_HEADER_BYTES;
  for (const e of entries) {
    bytes += MANIFEST_ENTRY_BYTES + utf8Length(e.file.path);
    if (e.status === EntryStatus.ADDED) {
      added++;
      addedRows += e.file.recordCount;
    } else if (e.status === EntryStatus.EXISTING) {
      existing++;
      existingRows += e.file.recordCount;
    } else {
      deleted++;
      deletedRows += e.file.recordCount;
    }
    if (e.status !== EntryStatus.DELETED) minSeq = Math.min(minSeq, e.dataSequenceNumber);
  }
  return {
    path,
    content,
    specId,
    addedSnapshotId,
    sequenceNumber,
    minSequenceNumber: Number.isFinite(minSeq) ? minSeq : sequenceNumber,
    entries,
    lengthBytes: bytes,
    addedFilesCount: added,
    existingFilesCount: existing,
    deletedFilesCount: deleted,
    addedRowsCount: addedRows,
    existingRowsCount: existingRows,
    deletedRowsCount: deletedRows,
  };
}

/** What one commit does to the parent's manifest list. */
export interface ManifestChange {
  readonly snapshotId: number;
  readonly sequenceNumber: number;
  readonly specId: number;
  readonly addedEntries: readonly ManifestEntry[];
  /** Paths of live files this commit removes. */
  readonly removedPaths: ReadonlySet<string>;
  readonly mergeEnabled: boolean;
  readonly minCountToMerge: number;
  /** A fresh manifest path for the n-th manifest this commit writes. */
  readonly newManifestPath: (n: number) => string;
}

export interface ManifestListResult {
  readonly manifests: readonly Manifest[];
  readonly created: number;
  readonly kept: number;
  readonly replaced: number;
  /** Entries written into new manifests (Iceberg's `entries-processed`). */
  readonly entriesProcessed: number;
}

/**
 * The child's manifest list, as Iceberg's MergingSnapshotProducer builds it:
 * 1. manifests holding a removed file are rewritten: removed entries become DELETED (stamped with
 *    this snapshot), other live entries EXISTING, older DELETED entries are dropped;
 * 2. added files go into one new data manifest and one new delete manifest (a "fast append");
 * 3. when merging is enabled and a content's manifests reach `minCountToMerge`, they are merged
 *    into one (Iceberg bins by commit.manifest.target-size-bytes, 8 MiB; the model's manifests
 *    are small enough to share one bin).
 */
export function nextManifestList(
  parent: readonly Manifest[],
  change: ManifestChange,
): ManifestListResult {
  let n = 0;
  let created = 0,
    replaced = 0,
    entriesProcessed = 0;
  const out: Manifest[] = [];
  for (const m of parent) {
    if (!m.entries.some((e) => isLive(e) && change.removedPaths.has(e.file.path))) {
      out.push(m);
      continue;
    }
    const entries: ManifestEntry[] = [];
    for (const e of m.entries) {
      if (!isLive(e)) continue;
      entries.push(
        change.removedPaths.has(e.file.path)
          ? { ...e, status: EntryStatus.DELETED, snapshotId: change.snapshotId }
          : e.status === EntryStatus.EXISTING
            ? e
            : { ...e, status: EntryStatus.EXISTING },
      );
    }
    replaced++;
    created++;
    entriesProcessed += entries.length;
    out.push(
      buildManifest(
        change.newManifestPath(n++),
        m.content,
        m.specId,
        change.snapshotId,
        change.sequenceNumber,
        entries,
      ),
    );
  }
  for (const content of [ManifestContent.DATA, ManifestContent.DELETES]) {
    const added = change.addedEntries.filter((e) => manifestContentOf(e.file) === content);
    if (added.length === 0) continue;
    created++;
    entriesProcessed += added.length;
    out.unshift(
      buildManifest(
        change.newManifestPath(n++),
        content,
        change.specId,
        change.snapshotId,
        change.sequenceNumber,
        added,
      ),
    );
  }
  let result = out;
  if (change.mergeEnabled) {
    for (const content of [ManifestContent.DATA, ManifestContent.DELETES]) {
      const same = result.filter((m) => m.content === content);
      if (same.length < change.minCountToMerge) continue;
      const entries: ManifestEntry[] = [];
      for (const m of same) {
        for (const e of m.entries) {
          const ownChange = e.snapshotId === change.snapshotId;
          if (e.status === EntryStatus.DELETED && !ownChange) continue;
          entries.push(
            e.status === EntryStatus.ADDED && !ownChange
              ? { ...e, status: EntryStatus.EXISTING }
              : e,
          );
        }
        if (m.addedSnapshotId === change.snapshotId) created--;
        else replaced++;
      }
      created++;
      entriesProcessed += entries.length;
      const merged = buildManifest(
        change.newManifestPath(n++),
        content,
        change.specId,
        change.snapshotId,
        change.sequenceNumber,
        entries,
      );
      result = [merged, ...result.filter((m) => m.content !== content)];
    }
  }
  const kept = result.filter((m) => m.addedSnapshotId !== change.snapshotId).length;
  return { manifests: result, created, kept, replaced, entriesProcessed };
}

/** The live entries of a manifest list (what a scan plans over). */
export function liveEntries(
  manifests: readonly Manifest[],
  content?: ManifestContent,
): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  for (const m of manifests) {
    if (content !== undefined && m.content !== content) continue;
    for (const e of m.entries) if (isLive(e)) out.push(e);
  }
  return out;
}
