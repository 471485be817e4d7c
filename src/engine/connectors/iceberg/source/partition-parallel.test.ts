// The talk's partition-parallel consumption and commit-time watermarks (streaming-reader.ts):
// one split queue per reader, partitions hashed to queues, order kept within a partition; with
// `watermark.commit-time` the aligned assigner keeps readers on one snapshot, so rows come out in
// commit order and no row is older than the watermark already emitted.
import { describe, expect, it } from 'vitest';
import { fnv1a32Fmix } from '../../../common/hash';
import { Random } from '../../../common/random';
import type { Row } from '../../../types';
import { partitionKeyOf } from '../partition-spec';
import { dataFile, ordersTable } from '../testkit';
import { streamingReadOptions } from './read-options';
import { DEFAULT_LAKE_SOURCE_ENV, StreamingLakeReader } from './streaming-reader';

const READERS = 3;
/** Partition values that land in three different queues, with very different sizes. */
function partitions(): { value: string; rowsPerSnapshot: number }[] {
  const byQueue = new Map<number, string>();
  for (let i = 0; byQueue.size < READERS; i++) {
    const v = `p${i}`;
    const q = fnv1a32Fmix(partitionKeyOf([v])) % READERS;
    if (!byQueue.has(q)) byQueue.set(q, v);
  }
  return [...byQueue.values()].map((value, i) => ({ value, rowsPerSnapshot: [40, 2, 6][i]! }));
}

const SNAPSHOTS = 6;

/** Reads a table of six snapshots (every partition in each) to the end; rows are [id, partition, snapshot]. */
function readAll(extra: Record<string, string>, flip27 = true): { rows: Row[]; watermarks: (number | null)[]; reads: Row[][]; reader: StreamingLakeReader } {
  const t = ordersTable({}, { columns: [{ name: 'id', type: { name: 'BIGINT', nullable: false } }, { name: 'p', type: { name: 'STRING', nullable: true } }, { name: 'k', type: { name: 'BIGINT', nullable: true } }] });
  let id = 0;
  for (let k = 1; k <= SNAPSHOTS; k++) {
    const files = partitions().map(({ value, rowsPerSnapshot }) =>
      dataFile(
        t,
        Array.from({ length: rowsPerSnapshot }, () => [id++, value, k]),
        [value],
      ),
    );
    t.commit({ commitTimeMs: 1000 * k, addedFiles: files, operation: 'append' });
  }
  const options = streamingReadOptions(
    { streaming: 'true', 'starting-strategy': 'INCREMENTAL_FROM_EARLIEST_SNAPSHOT', 'scan.snapshot-mode': 'sequential', 'monitor-interval': '1 s', ...extra },
    0,
  );
  const reader = new StreamingLakeReader(
    t,
    { jobId: 'job-1', nodeId: 1, options: {}, random: new Random(1), hasWriters: false, writersFinished: () => true },
    options,
    0,
    [0],
    { ...DEFAULT_LAKE_SOURCE_ENV, flip27 },
    READERS,
    () => null,
  );
  const rows: Row[] = [];
  const reads: Row[][] = [];
  const watermarks: (number | null)[] = [];
  // The first scan finds the start; the next (a monitor-interval later) plans the snapshots.
  for (let now = 10_000; rows.length < SNAPSHOTS * 48 && now < 20_000; now += 100) {
    if (reader.available(now) === 0) continue;
    watermarks.push(reader.commitTimeWatermark(now)?.watermarkMs ?? null);
    const got = reader.read(9, now).changes.map((c) => c.row);
    reads.push(got);
    rows.push(...got);
  }
  return { rows, watermarks, reads, reader };
}

const snapshotsOf = (rows: Row[]) => rows.map((r) => r[2] as number);
const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

describe('scan.partition-parallel', () => {
  it('each partition comes out in planning order; partitions are read side by side, not one after another', () => {
    const { rows, reader } = readAll({ 'scan.partition-parallel': 'true' });
    expect(rows).toHaveLength(SNAPSHOTS * 48);
    for (const { value } of partitions()) {
      const mine = rows.filter((r) => r[1] === value);
      expect(mine.map((r) => r[0])).toEqual([...mine.map((r) => r[0] as number)].sort((a, b) => a - b));
    }
    // Without alignment the small partitions' readers run ahead of the big one's: the commit order
    // across partitions is not kept.
    expect(nonDecreasing(snapshotsOf(rows))).toBe(false);
    expect(reader.lakeMetrics(0).queuedSplitsPerReader).toEqual([0, 0, 0]);
  });

  it('splits hold one partition each, queued per reader', () => {
    const { reader } = readAll({ 'scan.partition-parallel': 'true' });
    // Planned at the first scan: six snapshots x three partitions, one queue per reader.
    expect(reader.lakeMetrics(0).scans).toBeGreaterThan(0);
    const fresh = readAll({ 'scan.partition-parallel': 'true' });
    expect(fresh.reads[0]!.length).toBe(9);
    // The first read takes from all three readers' first splits (snapshot 1 of each partition).
    expect(new Set(fresh.reads[0]!.map((r) => r[1])).size).toBe(3);
  });

  it('without the option (or on the legacy source) splits are read one after another in planning order', () => {
    for (const flip27 of [true, false]) {
      const { rows } = readAll({ 'scan.partition-parallel': String(!flip27) }, flip27);
      expect(rows).toHaveLength(SNAPSHOTS * 48);
      expect(nonDecreasing(snapshotsOf(rows))).toBe(true);
      expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => i));
    }
  });
});

describe('watermark.commit-time', () => {
  it('aligned assignment: readers stay on one snapshot, rows come out in commit order, per partition in order', () => {
    const { rows } = readAll({ 'scan.partition-parallel': 'true', 'watermark.commit-time': 'true' });
    expect(rows).toHaveLength(SNAPSHOTS * 48);
    expect(nonDecreasing(snapshotsOf(rows))).toBe(true);
    for (const { value } of partitions()) {
      const ids = rows.filter((r) => r[1] === value).map((r) => r[0] as number);
      expect(nonDecreasing(ids)).toBe(true);
    }
  });

  it('the watermark follows commit times, never goes back, and no row read after it is older', () => {
    const { watermarks, reads, reader } = readAll({ 'scan.partition-parallel': 'true', 'watermark.commit-time': 'true' });
    const wm = watermarks.map((w) => w ?? -Infinity);
    expect(nonDecreasing(wm)).toBe(true);
    for (let i = 0; i < reads.length; i++) for (const r of reads[i]!) expect((r[2] as number) * 1000).toBeGreaterThan(wm[i]!);
    // All read: the watermark is the last snapshot's commit time.
    expect(reader.commitTimeWatermark(99_999)).toEqual({ watermarkMs: SNAPSHOTS * 1000 });
    expect(reader.commitTimeWatermarks).toBe(true);
  });

  it('off by default: no commit-time watermark', () => {
    const { reader } = readAll({});
    expect(reader.commitTimeWatermark(0)).toBeNull();
  });
});
