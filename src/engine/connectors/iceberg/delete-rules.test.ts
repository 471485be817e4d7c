import { describe, expect, it } from 'vitest';
import {
  dataFile,
  equalityDelete,
  ids,
  ordersTable,
  positionDelete,
  column,
  idSource,
} from './testkit';
import { IcebergTable } from './table';
import { planScan } from './scan';
import { equalityDeleteApplies, positionDeleteApplies } from './delete-rules';

describe('delete rules (sequence numbers)', () => {
  it('an equality delete applies only to data files with a strictly smaller data sequence number', () => {
    const t = ordersTable();
    t.commit({
      commitTimeMs: 1000,
      addedFiles: [
        dataFile(t, [
          [1, 'a', 1],
          [2, 'b', 2],
        ]),
      ],
    }); // seq 1
    // Same commit: the new row 1 survives its own equality delete (seq 2 is not < 2)...
    t.commit({
      commitTimeMs: 2000,
      addedFiles: [dataFile(t, [[1, 'a2', 10]]), equalityDelete(t, [1])],
    }); // seq 2
    expect(ids(t)).toEqual([1, 2]);
    expect(planScan(t).tasks.map((x) => x.deletes.equalityDeletes.length)).toEqual([0, 1]);
    // ...and a later one deletes both generations.
    t.commit({ commitTimeMs: 3000, addedFiles: [equalityDelete(t, [1])] }); // seq 3
    expect(ids(t)).toEqual([2]);
  });

  it('a position delete applies to data files with a data sequence number <= its own, so a commit can delete rows it adds', () => {
    const t = ordersTable();
    const older = dataFile(t, [
      [1, 'a', 1],
      [2, 'b', 2],
    ]);
    t.commit({ commitTimeMs: 1, addedFiles: [older] });
    const same = dataFile(t, [
      [3, 'c', 3],
      [4, 'd', 4],
    ]);
    t.commit({
      commitTimeMs: 2,
      addedFiles: [same, positionDelete(t, same, [0]), positionDelete(t, older, [1])],
    });
    expect(ids(t)).toEqual([1, 4]);
  });

  it('the rules compare data sequence numbers: position <=, equality <', () => {
    const t = ordersTable();
    const data = dataFile(t, [[1, 'a', 1]]);
    const pos = positionDelete(t, data, [0]);
    const eq = equalityDelete(t, [1]);
    const entry = <F>(file: F, seq: number) => ({
      status: 1 as const,
      snapshotId: 1,
      dataSequenceNumber: seq,
      fileSequenceNumber: seq,
      file,
    });
    expect(positionDeleteApplies(entry(data, 2), entry(pos, 2))).toBe(true);
    expect(positionDeleteApplies(entry(data, 1), entry(pos, 2))).toBe(true);
    expect(positionDeleteApplies(entry(data, 3), entry(pos, 2))).toBe(false);
    expect(equalityDeleteApplies(entry(data, 1), entry(eq, 2), false)).toBe(true);
    expect(equalityDeleteApplies(entry(data, 2), entry(eq, 2), false)).toBe(false);
    const otherPartition = { ...eq, partitionKey: 'x' };
    expect(equalityDeleteApplies(entry(data, 1), entry(otherPartition, 2), false)).toBe(false);
    expect(equalityDeleteApplies(entry(data, 1), entry(otherPartition, 2), true)).toBe(true);
  });

  it('equality deletes are scoped to their partition', () => {
    const t = new IcebergTable(
      {
        name: 'p',
        columns: [column('id'), column('region', 'STRING')],
        primaryKey: ['id', 'region'],
        partitionBy: ['region'],
      },
      idSource(3),
    );
    t.commit({
      commitTimeMs: 1,
      addedFiles: [dataFile(t, [[1, 'eu']], ['eu']), dataFile(t, [[1, 'us']], ['us'])],
    });
    t.commit({ commitTimeMs: 2, addedFiles: [equalityDelete(t, [1], ['eu'])] });
    expect(rowsOf(t)).toEqual([[1, 'us']]);
  });

  it('equality deletes of an unpartitioned spec are global', () => {
    const t = ordersTable();
    t.commit({
      commitTimeMs: 1,
      addedFiles: [
        dataFile(t, [[1, 'a', 1]]),
        dataFile(t, [
          [2, 'b', 2],
          [1, 'c', 3],
        ]),
      ],
    });
    t.commit({ commitTimeMs: 2, addedFiles: [equalityDelete(t, [1])] });
    expect(ids(t)).toEqual([2]);
  });

  it('a NULL in a delete column matches NULL (IS NULL semantics)', () => {
    const t = ordersTable();
    t.commit({
      commitTimeMs: 1,
      addedFiles: [
        dataFile(t, [
          [null, 'a', 1],
          [2, 'b', 2],
        ]),
      ],
    });
    t.commit({ commitTimeMs: 2, addedFiles: [equalityDelete(t, [null])] });
    expect(ids(t)).toEqual([2]);
  });

  it('v3: a deletion vector applies to its data file with sequence <=, and there is at most one per data file', () => {
    const t = ordersTable({ 'format-version': '3' });
    const a = dataFile(t, [
      [1, 'a', 1],
      [2, 'b', 2],
      [3, 'c', 3],
    ]);
    t.commit({ commitTimeMs: 1, addedFiles: [a, positionDelete(t, a, [0], 'dv')] });
    expect(ids(t)).toEqual([2, 3]);
    expect(() =>
      t.commit({ commitTimeMs: 2, addedFiles: [positionDelete(t, a, [1], 'dv')] }),
    ).toThrow(/two deletion vectors/);
    // A new DV replaces the old one (and must carry its positions).
    const old = t.liveEntries().find((e) => e.file.content === 1)!.file.path;
    t.commit({
      commitTimeMs: 3,
      addedFiles: [positionDelete(t, a, [0, 1], 'dv')],
      removedPaths: [old],
    });
    expect(ids(t)).toEqual([3]);
  });

  it('format versions: v1 takes no delete files, v2 no deletion vectors, v3 no position delete files', () => {
    const v1 = ordersTable({ 'format-version': '1' });
    expect(() => v1.commit({ commitTimeMs: 1, addedFiles: [equalityDelete(v1, [1])] })).toThrow(
      'Cannot write delete files in a v1 table',
    );
    const v2 = ordersTable();
    const d2 = dataFile(v2, [[1, 'a', 1]]);
    expect(() =>
      v2.commit({ commitTimeMs: 1, addedFiles: [d2, positionDelete(v2, d2, [0], 'dv')] }),
    ).toThrow(/deletion vectors need format-version 3/);
    const v3 = ordersTable({ 'format-version': '3' });
    const d3 = dataFile(v3, [[1, 'a', 1]]);
    expect(() =>
      v3.commit({ commitTimeMs: 1, addedFiles: [d3, positionDelete(v3, d3, [0])] }),
    ).toThrow(/must not be added to v3/);
  });

  it('a DV applying to a data file makes the reader ignore position delete files of that file', () => {
    // Only reachable in a table upgraded from v2; the index still follows the spec's rule.
    const t = ordersTable({ 'format-version': '3' });
    const a = dataFile(t, [
      [1, 'a', 1],
      [2, 'b', 2],
    ]);
    t.commit({ commitTimeMs: 1, addedFiles: [a, positionDelete(t, a, [1], 'dv')] });
    const task = planScan(t).tasks[0]!;
    expect(task.deletes.deletionVector).not.toBeNull();
    expect(task.deletes.positionDeletes).toEqual([]);
  });
});

function rowsOf(t: IcebergTable) {
  return planScan(t).tasks.flatMap((task) =>
    task.data.file.content === 0
      ? task.data.file.rows.filter(
          (r, i) => !task.deletes.deletedPositions.has(i) && !task.deletes.isEqualityDeleted(r),
        )
      : [],
  );
}
