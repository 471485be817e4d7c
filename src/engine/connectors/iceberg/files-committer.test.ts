import { describe, expect, it } from 'vitest';
import {
  IcebergFilesCommitter,
  MAX_COMMITTED_CHECKPOINT_ID,
  maxCommittedCheckpointId,
} from './files-committer';
import { IcebergTaskWriter } from './task-writer';
import { del, ids, ins, ordersTable, ua } from './testkit';

const identity = { jobId: 'job-1', operatorId: 'sink-1' };

describe('IcebergFilesCommitter (two-phase commit on checkpoints)', () => {
  it('nothing is visible until the checkpoint completes; then one append snapshot', () => {
    const t = ordersTable();
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.writeBatch([ins(1, 'a', 1), ins(2, 'b', 2)]);
    c.prepare(1, [w.complete()]);
    expect(t.currentSnapshot()).toBeNull();
    expect(c.pendingRecords).toBe(2);
    const made = c.notifyCheckpointComplete(1, 5000);
    expect(made).toHaveLength(1);
    expect(made[0]!.operation).toBe('append');
    expect(made[0]!.timestampMs).toBe(5000);
    expect(made[0]!.summary[MAX_COMMITTED_CHECKPOINT_ID]).toBe('1');
    expect(made[0]!.summary['flink.job-id']).toBe('job-1');
    expect(made[0]!.summary['flink.operator-id']).toBe('sink-1');
    expect(ids(t)).toEqual([1, 2]);
    expect(c.pendingRecords).toBe(0);
  });

  it('committing the same checkpoint twice, or an older one late, does nothing', () => {
    const t = ordersTable();
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    w.write(ins(2, 'b', 2));
    c.prepare(2, [w.complete()]);
    expect(c.notifyCheckpointComplete(2, 100)).toHaveLength(1); // commits 1 and 2 together
    expect(c.notifyCheckpointComplete(2, 200)).toEqual([]);
    expect(c.notifyCheckpointComplete(1, 300)).toEqual([]);
    expect(t.snapshots).toHaveLength(1);
    expect(ids(t)).toEqual([1, 2]);
  });

  it('with delete files, pending checkpoints commit as one row delta each (later deletes apply to earlier rows)', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    w.write(ua(1, 'b', 2));
    c.prepare(2, [w.complete()]);
    const made = c.notifyCheckpointComplete(2, 100);
    expect(made.map((s) => s.summary[MAX_COMMITTED_CHECKPOINT_ID])).toEqual(['1', '2']);
    expect(made.map((s) => s.operation)).toEqual(['overwrite', 'overwrite']);
    expect(made.map((s) => s.sequenceNumber)).toEqual([1, 2]);
    expect(ids(t)).toEqual([1]);
    expect(t.liveEntries().length).toBe(4);
  });

  it('a checkpoint of deletes only commits a `delete` snapshot', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    c.notifyCheckpointComplete(1, 1);
    w.write(del(1, null, null));
    c.prepare(2, [w.complete()]);
    expect(c.notifyCheckpointComplete(2, 2)[0]!.operation).toBe('delete');
    expect(ids(t)).toEqual([]);
  });

  it('empty checkpoints commit nothing except every flink.max-continuous-empty-commits-th', () => {
    const t = ordersTable({ 'flink.max-continuous-empty-commits': '3' });
    const c = new IcebergFilesCommitter(t, identity);
    const made: number[] = [];
    for (let id = 1; id <= 7; id++) {
      c.prepare(id, []);
      made.push(c.notifyCheckpointComplete(id, id).length);
    }
    expect(made).toEqual([0, 0, 1, 0, 0, 1, 0]);
    expect(t.currentSnapshot()!.summary[MAX_COMMITTED_CHECKPOINT_ID]).toBe('6');
    expect(t.currentSnapshot()!.operation).toBe('append');
  });

  it('failover after the checkpoint but before the notification: the restored committer commits once', () => {
    const t = ordersTable();
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    const state = c.state(); // checkpoint 1 completed, notification lost (task failed)
    const { committer, committed } = IcebergFilesCommitter.restore(t, identity, state, 900);
    expect(committed).toHaveLength(1);
    expect(ids(t)).toEqual([1]);
    expect(committer.maxCommittedCheckpointId).toBe(1);
    // A late notification for checkpoint 1 in the new attempt commits nothing.
    expect(committer.notifyCheckpointComplete(1, 950)).toEqual([]);
    // Restoring the same state again (a second failure) does not commit twice.
    expect(IcebergFilesCommitter.restore(t, identity, state, 990).committed).toEqual([]);
    expect(t.snapshots).toHaveLength(1);
  });

  it('failover after the commit: restore finds max-committed-checkpoint-id in the table and commits nothing', () => {
    const t = ordersTable();
    const w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    const state = c.state();
    c.notifyCheckpointComplete(1, 100);
    expect(maxCommittedCheckpointId(t, identity)).toBe(1);
    expect(maxCommittedCheckpointId(t, { jobId: 'other', operatorId: 'sink-1' })).toBe(-1);
    const { committed } = IcebergFilesCommitter.restore(t, identity, state, 200);
    expect(committed).toEqual([]);
    expect(ids(t)).toEqual([1]);
  });

  it('rows written after the last checkpoint are lost with the failed task and replayed by the source', () => {
    const t = ordersTable();
    let w = new IcebergTaskWriter(t);
    const c = new IcebergFilesCommitter(t, identity);
    w.write(ins(1, 'a', 1));
    c.prepare(1, [w.complete()]);
    const state = c.state();
    w.write(ins(2, 'b', 2)); // never checkpointed
    w.abort();
    c.abort();
    const restored = IcebergFilesCommitter.restore(t, identity, state, 10).committer;
    w = new IcebergTaskWriter(t);
    w.write(ins(2, 'b', 2)); // replayed
    restored.prepare(2, [w.complete()]);
    restored.notifyCheckpointComplete(2, 20);
    expect(ids(t)).toEqual([1, 2]);
    expect(t.snapshots.map((s) => s.summary[MAX_COMMITTED_CHECKPOINT_ID])).toEqual(['1', '2']);
  });
});
