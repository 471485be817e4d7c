import { describe, expect, it } from 'vitest';
import { IcebergSink } from './sink';
import { END_INPUT_CHECKPOINT_ID, MAX_COMMITTED_CHECKPOINT_ID } from './files-committer';
import { ids, ins, ordersTable, ua } from './testkit';

const options = { jobId: 'job', operatorId: 'sink', parallelism: 2 };

describe('IcebergSink (writers + committer)', () => {
  it('freshness follows checkpoints: rows wait in pendingRecords until the checkpoint completes', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    const sink = new IcebergSink(t, options);
    sink.write(0, [ins(1, 'a', 1)]);
    sink.write(1, [ins(2, 'b', 2)]);
    expect(sink.pendingRecords).toBe(4); // two rows and their key deletes
    sink.snapshotState(1);
    expect(ids(t)).toEqual([]);
    expect(sink.notifyCheckpointComplete(1, 1000)).toHaveLength(1);
    expect(ids(t)).toEqual([1, 2]);
    expect(sink.pendingRecords).toBe(0);
  });

  it('exactly once across a failure between the two phases', () => {
    const t = ordersTable({ 'write.upsert.enabled': 'true' });
    const sink = new IcebergSink(t, options);
    sink.write(0, [ins(1, 'a', 1)]);
    const state = sink.snapshotState(1);
    sink.write(0, [ua(1, 'lost', 9)]); // after the barrier: replayed after restore
    sink.fail();
    const { sink: restored, committed } = IcebergSink.restore(t, options, state, 2000);
    expect(committed).toHaveLength(1);
    restored.write(0, [ua(1, 'b', 2)]);
    restored.snapshotState(2);
    restored.notifyCheckpointComplete(2, 3000);
    restored.notifyCheckpointComplete(2, 3001);
    expect(ids(t)).toEqual([1]);
    expect(t.snapshots).toHaveLength(2);
  });

  it('a bounded job commits at its end as checkpoint Long.MAX_VALUE', () => {
    const t = ordersTable();
    const sink = new IcebergSink(t, options);
    sink.write(0, [ins(1, 'a', 1)]);
    const made = sink.endInput(5000);
    expect(made).toHaveLength(1);
    expect(made[0]!.summary[MAX_COMMITTED_CHECKPOINT_ID]).toBe('9223372036854775807');
    expect(sink.maxCommittedCheckpointId).toBe(END_INPUT_CHECKPOINT_ID);
    expect(ids(t)).toEqual([1]);
  });
});
