import { describe, expect, it } from 'vitest';
import {
  appendsBetween,
  planScan,
  readAppends,
  readSnapshot,
  readTable,
  snapshotAsOf,
} from './scan';
import { dataFile, equalityDelete, ids, ordersTable, positionDelete } from './testkit';

function history() {
  const t = ordersTable();
  const s1 = t.commit({
    commitTimeMs: 1000,
    addedFiles: [
      dataFile(t, [
        [1, 'a', 1],
        [2, 'b', 2],
      ]),
    ],
  }); // append
  const s2 = t.commit({ commitTimeMs: 2000, addedFiles: [dataFile(t, [[3, 'c', 3]])] }); // append
  const s3 = t.commit({
    commitTimeMs: 3000,
    addedFiles: [dataFile(t, [[1, 'a2', 9]]), equalityDelete(t, [1])],
  }); // overwrite
  const s4 = t.commit({ commitTimeMs: 4000, addedFiles: [dataFile(t, [[4, 'd', 4]])] }); // append
  return { t, s1, s2, s3, s4 };
}

describe('reads', () => {
  it("merge-on-read of any snapshot, with each row's file and position", () => {
    const { t, s1, s3 } = history();
    expect(ids(t, s1)).toEqual([1, 2]);
    expect(ids(t, s3)).toEqual([1, 2, 3]);
    expect(readSnapshot(t, s3).find((r) => r.row[0] === 1)!.row).toEqual([1, 'a2', 9]);
    const first = readSnapshot(t, s1);
    expect(first.map((r) => r.position)).toEqual([0, 1]);
    expect(new Set(first.map((r) => r.filePath)).size).toBe(1);
    expect(readSnapshot(t, null)).toEqual([]);
  });

  it('plans count manifests and files: planning cost grows with commits', () => {
    const { t } = history();
    const plan = planScan(t);
    expect(plan.dataFiles).toBe(4);
    expect(plan.deleteFiles).toBe(1);
    expect(plan.equalityDeleteFiles).toBe(1);
    expect(plan.dataManifests).toBe(4);
    expect(plan.deleteManifests).toBe(1);
  });

  it('as-of-timestamp uses the snapshot log: the last snapshot at or before the time', () => {
    const { t, s2, s4 } = history();
    expect(snapshotAsOf(t, 2000).snapshotId).toBe(s2.snapshotId);
    expect(snapshotAsOf(t, 2999).snapshotId).toBe(s2.snapshotId);
    expect(snapshotAsOf(t, 99999).snapshotId).toBe(s4.snapshotId);
    expect(() => snapshotAsOf(t, 999)).toThrow(
      'Cannot find a snapshot older than 1970-01-01T00:00:00.999',
    );
    expect(
      readTable(t, { asOfTimestamp: 2500 })
        .rows.map((r) => r.row[0])
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  it('snapshot-id reads that snapshot; an unknown id fails', () => {
    const { t, s1 } = history();
    const r = readTable(t, { snapshotId: s1.snapshotId });
    expect(r.mode).toBe('batch');
    expect(r.rows.map((x) => x.row[0])).toEqual([1, 2]);
    expect(() => readTable(t, { snapshotId: 42 })).toThrow('Cannot find snapshot with ID 42');
    expect(() => readTable(t, { snapshotId: s1.snapshotId, asOfTimestamp: 1 })).toThrow(
      /Cannot override snapshot/,
    );
  });

  it('incremental reads take appends only: start exclusive, end inclusive, other operations skipped', () => {
    const { t, s1, s2, s3, s4 } = history();
    expect(appendsBetween(t, s1.snapshotId, s4.snapshotId).map((s) => s.snapshotId)).toEqual([
      s2.snapshotId,
      s4.snapshotId,
    ]);
    expect(readAppends(t, s1.snapshotId, s4.snapshotId).map((r) => r.row[0])).toEqual([3, 4]);
    expect(readAppends(t, null, s2.snapshotId).map((r) => r.row[0])).toEqual([1, 2, 3]);
    // The overwrite's new row 1 is not an append: skipped.
    expect(readAppends(t, s2.snapshotId, s3.snapshotId)).toEqual([]);
    const r = readTable(t, { startSnapshotId: s2.snapshotId });
    expect(r.mode).toBe('incremental-append');
    expect(r.snapshotId).toBe(s4.snapshotId);
    expect(r.rows.map((x) => x.row[0])).toEqual([4]);
    expect(() => readAppends(t, s4.snapshotId, s2.snapshotId)).toThrow(
      `Starting snapshot (exclusive) ${s4.snapshotId} is not a parent ancestor of end snapshot ${s2.snapshotId}`,
    );
  });

  it('incremental reads ignore deletes: the rows appended, as written', () => {
    const t = ordersTable();
    const a = dataFile(t, [[1, 'a', 1]]);
    const s1 = t.commit({ commitTimeMs: 1, addedFiles: [a] });
    t.commit({ commitTimeMs: 2, addedFiles: [positionDelete(t, a, [0])] });
    expect(ids(t)).toEqual([]);
    expect(readTable(t, { endSnapshotId: s1.snapshotId }).rows.map((r) => r.row[0])).toEqual([1]);
  });
});
