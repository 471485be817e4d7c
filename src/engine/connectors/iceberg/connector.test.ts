// The iceberg connector end to end: commits follow completed checkpoints, a bounded job commits at
// its end, a second job reads the final table bounded, time travel by OPTIONS hints, lake metrics.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';

const ORDERS = ['id,sku,qty', '1,a,1', '2,b,2', '3,a,3', '4,a,4', '5,b,5', '6,c,1'].join('\n');

const BOUNDED = `
CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE TABLE dwd_sku (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2', 'write.upsert.enabled' = 'true');
CREATE TABLE ads (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/ads', 'table-name' = 'ads');
INSERT INTO dwd_sku SELECT sku, SUM(qty) FROM ods GROUP BY sku;
INSERT INTO ads SELECT sku, total FROM dwd_sku;`;

describe('iceberg connector', () => {
  it('a bounded upsert job commits at its end; a second job reads the final table', () => {
    for (const seed of [1, 2, 3]) {
      const sim = createSimulation(BOUNDED, { seed, files: { 'o.csv': ORDERS } });
      expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
      const sorted = (rows: unknown[][]) => rows.map((r) => [...r]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(sorted(sim.readTable('dwd_sku').rows)).toEqual([
        ['a', 8],
        ['b', 7],
        ['c', 1],
      ]);
      expect(sorted(sim.readTable('ads').rows)).toEqual(sorted(sim.readTable('dwd_sku').rows));
      const snaps = sim.lakeSnapshots('dwd_sku');
      expect(snaps.length).toBeGreaterThanOrEqual(1);
      expect(snaps.at(-1)!.summary['flink.max-committed-checkpoint-id']).toBe('9223372036854775807');
      const lake = sim.metrics().tables.find((t) => t.name === 'dwd_sku')!.lake!;
      expect(lake).toMatchObject({ formatVersion: 2, pendingRows: 0, snapshots: snaps.length, currentSnapshotId: snaps.at(-1)!.snapshotId });
      expect(lake.dataFiles).toBeGreaterThan(0);
      expect(sim.metrics().tables.find((t) => t.name === 'ads')!.lake).toBeUndefined();
      expect(sim.lakeSnapshots('ads')).toEqual([]);
    }
  });

  it('metadata tables: listed per lake table and read with Iceberg\'s columns', () => {
    const sim = createSimulation(BOUNDED, { seed: 1, files: { 'o.csv': ORDERS } });
    sim.runToEnd();
    expect(sim.metadataTableNames()).toEqual(
      ['snapshots', 'history', 'files', 'data_files', 'delete_files', 'manifests', 'partitions'].map((m) => `dwd_sku$${m}`),
    );
    const snapshots = sim.readTable('dwd_sku$snapshots');
    expect(snapshots.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['committed_at', 'snapshot_id', 'parent_id', 'operation']));
    const idColumn = snapshots.columns.findIndex((c) => c.name === 'snapshot_id');
    expect(snapshots.rows.map((r) => r[idColumn])).toEqual(sim.lakeSnapshots('dwd_sku').map((s) => s.snapshotId));
    expect(sim.readTable('DWD_SKU$History').rows).toHaveLength(snapshots.rows.length);
    expect(() => sim.readTable('dwd_sku$nope')).toThrow(/unknown table/);
    expect(() => sim.readTable('ads$snapshots')).toThrow(/unknown table/);
  });

  it('a streaming job commits one snapshot per completed checkpoint; rows wait for it', () => {
    const script = `
SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000000');
CREATE TABLE lake (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');
INSERT INTO lake SELECT id, v FROM g;`;
    const sim = createSimulation(script, { seed: 4 });
    sim.runFor(5_000);
    expect(sim.lakeSnapshots('lake')).toEqual([]);
    expect(sim.readTable('lake').rows).toEqual([]);
    expect(sim.metrics().tables.find((t) => t.name === 'lake')!.lake!.pendingRows).toBeGreaterThan(0);
    sim.runFor(60_000);
    const completed = sim.metrics().checkpoints.completed;
    const snaps = sim.lakeSnapshots('lake');
    expect(completed).toBeGreaterThanOrEqual(5);
    expect(snaps.length).toBe(completed);
    // Commits land at checkpoint completion, about the interval apart.
    for (let i = 1; i < snaps.length; i++) {
      const gap = snaps[i]!.committedAt - snaps[i - 1]!.committedAt;
      expect(gap).toBeGreaterThanOrEqual(9_000);
      expect(gap).toBeLessThanOrEqual(11_000);
    }
    for (const [i, s] of snaps.entries()) {
      expect(s.summary['flink.max-committed-checkpoint-id']).toBe(String(i + 1));
      expect(s.parentId).toBe(i === 0 ? null : snaps[i - 1]!.snapshotId);
    }
    const ids = sim.readTable('lake').rows.map((r) => Number(r[0]));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('time travel: snapshot-id and as-of-timestamp hints read an older snapshot', () => {
    const script = `
SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '2', 'number-of-rows' = '60', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '60');
CREATE TABLE lake (id BIGINT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
INSERT INTO lake SELECT id FROM g;`;
    const sim = createSimulation(script, { seed: 1 });
    expect(sim.runToEnd().status).toBe('finished');
    const snaps = sim.lakeSnapshots('lake');
    expect(snaps.length).toBeGreaterThan(2);
    expect(sim.readTable('lake').rows.length).toBe(60);
    const first = snaps[0]!;
    const travel = (hint: string) => {
      const s = createSimulation(`${script}
CREATE TABLE out1 (id BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT id FROM lake /*+ OPTIONS(${hint}) */;`, { seed: 1 });
      expect(s.runToEnd()).toMatchObject({ status: 'finished', error: null });
      return s.readTable('out1').rows.length;
    };
    expect(travel(`'snapshot-id' = '${first.snapshotId}'`)).toBe(Number(first.summary['total-records']));
    expect(travel(`'as-of-timestamp' = '${first.committedAt}'`)).toBe(Number(first.summary['total-records']));
    expect(travel(`'start-snapshot-id' = '${first.snapshotId}'`)).toBe(60 - Number(first.summary['total-records']));
  });

  it('format-version 3 with upsert runs the same pipeline', () => {
    const sim = createSimulation(BOUNDED.replace("'format-version' = '2', 'write.upsert.enabled' = 'true'", "'format-version' = '3', 'write.upsert.enabled' = 'true'"), { files: { 'o.csv': ORDERS } });
    expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
    expect(sim.metrics().tables.find((t) => t.name === 'dwd_sku')!.lake!.formatVersion).toBe(3);
  });
});
