import { describe, expect, it } from 'vitest';
import { checkpointLabel, delta, snapshotRow } from './snapshotRows';

describe('snapshot rows (the Snapshots tab reads Iceberg summaries)', () => {
  it('reads the summary counters, absent ones as 0', () => {
    const row = snapshotRow({
      snapshotId: 42,
      parentId: 7,
      sequenceNumber: 3,
      committedAt: 30_100,
      operation: 'overwrite',
      summary: {
        'flink.max-committed-checkpoint-id': '3',
        'added-data-files': '2',
        'added-records': '200',
        'added-equality-deletes': '189',
        'added-position-deletes': '11',
        'added-delete-files': '4',
        'total-delete-files': '12',
        'total-data-files': '6',
        'total-records': '601',
      },
    });
    expect(row).toMatchObject({
      addedDataFiles: 2,
      removedDataFiles: 0,
      addedRecords: 200,
      deletedRecords: 0,
      addedEqualityDeletes: 189,
      addedPositionDeletes: 11,
      addedDeleteFiles: 4,
      removedDeleteFiles: 0,
      totalDeleteFiles: 12,
      checkpointId: '3',
    });
  });

  it('writes deltas and checkpoint ids as a person reads them', () => {
    expect(delta(2, 0)).toBe('+2');
    expect(delta(0, 3)).toBe('−3');
    expect(delta(4, 1)).toBe('+4 −1');
    expect(delta(0, 0)).toBe('0');
    expect(checkpointLabel('3')).toBe('#3');
    expect(checkpointLabel(String(Number.MAX_SAFE_INTEGER))).toBe('end of input');
    expect(checkpointLabel(null)).toBe('–');
  });
});
