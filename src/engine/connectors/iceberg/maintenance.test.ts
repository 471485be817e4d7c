import { describe, expect, it } from 'vitest';
import { rewriteDataFiles } from './rewrite-data-files';
import { expireSnapshots } from './expire-snapshots';
import { convertEqualityDeletes } from './convert-equality-deletes';
import { IcebergTaskWriter } from './task-writer';
import { IcebergFilesCommitter } from './files-committer';
import { planScan } from './scan';
import {
  dataFile,
  equalityDelete,
  ins,
  ordersTable,
  positionDelete,
  rows,
  ua,
  del,
} from './testkit';
import type { IcebergTable } from './table';
import type { Change } from '../../types';

function stream(t: IcebergTable, checkpoints: Change[][]) {
  const w = new IcebergTaskWriter(t);
  const c = new IcebergFilesCommitter(t, { jobId: 'j', operatorId: 'o' });
  checkpoints.forEach((batch, i) => {
    w.writeBatch(batch);
    c.prepare(i + 1, [w.complete()]);
    c.notifyCheckpointComplete(i + 1, (i + 1) * 1000);
  });
}

const upserts: Change[][] = [
  [ins(1, 'a', 1), ins(2, 'b', 2), ins(3, 'c', 3)],
  [ua(1, 'a2', 10), ua(1, 'a3', 11)],
  [del(2, null, null), ins(4, 'd', 4)],
  [ua(3, 'c2', 30)],
];
const expected = [
  [1, 'a3', 11],
  [3, 'c2', 30],
  [4, 'd', 4],
];

describe('maintenance', () => {
  it('compaction rewrites a partition applying deletes, as one `replace` snapshot that keeps the view', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    stream(t, upserts);
    const before = planScan(t);
    expect(before.dataFiles).toBe(4);
    expect(before.deleteFiles).toBeGreaterThan(0);
    const r = rewriteDataFiles(t, { commitTimeMs: 9000, minInputFiles: 2 });
    expect(r.rewrittenDataFiles).toBe(4);
    expect(r.addedDataFiles).toBe(1);
    const s = t.currentSnapshot()!;
    expect(s.operation).toBe('replace');
    expect(rows(t)).toEqual(expected);
    // The new file keeps the starting snapshot's sequence number; position deletes go with their files.
    const after = planScan(t);
    expect(after.dataFiles).toBe(1);
    expect(after.tasks[0]!.data.dataSequenceNumber).toBe(4);
    expect(after.tasks[0]!.data.fileSequenceNumber).toBe(5);
    expect(after.positionDeleteFiles).toBe(0);
    expect(after.equalityDeleteFiles).toBeGreaterThan(0);
    expect(s.summary['deleted-data-files']).toBe('4');
    // An equality delete committed after the rewrite's start still applies to the rewritten rows.
    t.commit({ commitTimeMs: 9500, addedFiles: [equalityDelete(t, [4])] });
    expect(rows(t)).toEqual(expected.slice(0, 2));
  });

  it('compaction leaves partitions under min-input-files alone; remove-dangling-deletes drops dead equality deletes', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    stream(t, upserts);
    expect(rewriteDataFiles(t, { commitTimeMs: 9000 }).snapshot).toBeNull(); // 4 files < 5
    const r = rewriteDataFiles(t, {
      commitTimeMs: 9000,
      rewriteAll: true,
      removeDanglingDeletes: true,
    });
    expect(r.removedDeleteFiles).toBeGreaterThan(0);
    expect(planScan(t).deleteFiles).toBe(0);
    expect(rows(t)).toEqual(expected);
  });

  it('v3 compaction removes the deletion vectors of rewritten files', () => {
    const t = ordersTable({ 'format-version': '3' });
    const a = dataFile(t, [
      [1, 'a', 1],
      [2, 'b', 2],
    ]);
    t.commit({ commitTimeMs: 1, addedFiles: [a, positionDelete(t, a, [0], 'dv')] });
    rewriteDataFiles(t, { commitTimeMs: 2, rewriteAll: true });
    expect(planScan(t).deletionVectors).toBe(0);
    expect(rows(t)).toEqual([[2, 'b', 2]]);
  });

  it('expiry keeps the last N snapshots and younger ones, trims the log and deletes unreferenced files', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    stream(t, upserts); // snapshots at 1000..4000
    rewriteDataFiles(t, { commitTimeMs: 5000, rewriteAll: true }); // 5000
    const liveBefore = new Set(t.liveEntries().map((e) => e.file.path));
    const r = expireSnapshots(t, { nowMs: 6000, olderThanMs: 4500, retainLast: 1 });
    expect(r.expiredSnapshotIds).toHaveLength(4);
    expect(t.snapshots).toHaveLength(1);
    expect(t.snapshotLog).toHaveLength(1);
    expect(r.deletedDataFiles).toHaveLength(4); // the compacted files
    for (const p of [...r.deletedDataFiles, ...r.deletedDeleteFiles])
      expect(liveBefore.has(p)).toBe(false);
    expect(r.deletedManifestLists).toHaveLength(4);
    expect(rows(t)).toEqual(expected);
    // Nothing older than the cut-off beyond retainLast: a second run is a no-op.
    expect(expireSnapshots(t, { nowMs: 7000, olderThanMs: 6500 }).expiredSnapshotIds).toEqual([]);
  });

  it("expiry honours retainLast and the table's history.expire.* defaults", () => {
    const t = ordersTable({
      'history.expire.min-snapshots-to-keep': '2',
      'history.expire.max-snapshot-age-ms': '1500',
    });
    for (let i = 1; i <= 4; i++)
      t.commit({ commitTimeMs: i * 1000, addedFiles: [dataFile(t, [[i, 'x', 1]])] });
    const r = expireSnapshots(t, { nowMs: 5000 }); // older than 3500 expires, but the last 2 stay
    expect(r.expiredSnapshotIds).toHaveLength(2);
    expect(t.snapshots.map((s) => s.timestampMs)).toEqual([3000, 4000]);
    expect(r.deletedDataFiles).toEqual([]); // appended files are still live
  });

  it('v3: equality deletes become deletion vectors merged with existing ones; the view is unchanged', () => {
    const t = ordersTable({ 'format-version': '3', 'write.upsert.enabled': 'true' });
    stream(t, upserts);
    const before = rows(t);
    const plan = planScan(t);
    expect(plan.equalityDeleteFiles).toBeGreaterThan(0);
    const r = convertEqualityDeletes(t, 9000);
    expect(r.convertedEqualityDeleteFiles).toBe(plan.equalityDeleteFiles);
    const after = planScan(t);
    expect(after.equalityDeleteFiles).toBe(0);
    expect(after.deletionVectors).toBeGreaterThan(0);
    expect(rows(t)).toEqual(before);
    expect(t.currentSnapshot()!.operation).toBe('delete');
    // At most one DV per data file.
    const referenced = t
      .liveEntries()
      .flatMap((e) => (e.file.content === 1 ? [e.file.referencedDataFile] : []));
    expect(new Set(referenced).size).toBe(referenced.length);
    expect(convertEqualityDeletes(t, 9500).snapshot).toBeNull();
  });

  it("conversion merges a data file's existing DV into the new one", () => {
    const t = ordersTable({ 'format-version': '3' });
    const a = dataFile(t, [
      [1, 'a', 1],
      [2, 'b', 2],
      [3, 'c', 3],
    ]);
    t.commit({ commitTimeMs: 1, addedFiles: [a, positionDelete(t, a, [0], 'dv')] });
    t.commit({ commitTimeMs: 2, addedFiles: [equalityDelete(t, [3])] });
    const r = convertEqualityDeletes(t, 3);
    expect(r.replacedDeletionVectors).toBe(1);
    const dv = t.liveEntries().find((e) => e.file.content === 1)!.file;
    expect(dv.content === 1 && dv.positions).toEqual([0, 2]);
    expect(rows(t)).toEqual([[2, 'b', 2]]);
    expect(() => convertEqualityDeletes(ordersTable(), 1)).toThrow(/needs format-version 3/);
  });
});
