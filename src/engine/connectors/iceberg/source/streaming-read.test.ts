// Streaming reads of lake tables end to end: appends read incrementally as snapshots commit,
// overwrite/delete snapshots fail the job (or are skipped with the skip options), the changelog
// extension carries updates and deletes down a chain, starting strategies and their errors.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../index';

/** A changelog of `n` keyed changes: inserts, then updates and deletes of earlier keys. */
function changelogFile(n: number): string {
  const lines: string[] = [];
  const live = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = (i * 7) % 23;
    const old = live.get(id);
    if (old === undefined) {
      live.set(id, i);
      lines.push(JSON.stringify({ op: '+I', data: { id, v: i } }));
    } else if (i % 5 === 0) {
      live.delete(id);
      lines.push(JSON.stringify({ op: '-D', data: { id, v: old } }));
    } else {
      live.set(id, i);
      lines.push(JSON.stringify({ op: '-U', data: { id, v: old } }));
      lines.push(JSON.stringify({ op: '+U', data: { id, v: i } }));
    }
  }
  return lines.join('\n');
}

const sortRows = (rows: unknown[][]): unknown[][] => rows.map((r) => [...r]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const CHAIN = (odsOptions: string, readHint: string, sink = `'connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true'`) => `
SET 'execution.checkpointing.interval' = '500 ms';
SET 'sim.cost.source.rps' = '40';
CREATE TABLE cdc (id INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'cdc.json', 'format' = 'changelog-json');
CREATE TABLE ods (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake'${odsOptions});
CREATE TABLE dwd (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH (${sink});
INSERT INTO ods SELECT id, v FROM cdc;
INSERT INTO dwd SELECT id, v FROM ods /*+ OPTIONS(${readHint}) */;`;

describe('streaming reads of lake tables', () => {
  it('an append-only table is read incrementally, snapshot by snapshot, as it commits', () => {
    const inserts = Array.from({ length: 200 }, (_, i) => JSON.stringify({ op: '+I', data: { id: i, v: i * 10 } })).join('\n');
    const script = CHAIN(`, 'format-version' = '2'`, `'streaming' = 'true', 'monitor-interval' = '1 s'`, `'connector' = 'jdbc', 'url' = 'jdbc:mysql://x/d', 'table-name' = 'dwd'`);
    const sim = createSimulation(script, { seed: 1, files: { 'cdc.json': inserts } });
    sim.runFor(2_500);
    const early = sim.readTable('dwd').rows.length;
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(200);
    expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
    expect(sortRows(sim.readTable('dwd').rows)).toEqual(sortRows(sim.readTable('ods').rows));
    expect(sim.lakeSnapshots('ods').length).toBeGreaterThan(2);
    const lake = sim.metrics().sources.find((s) => s.table === 'ods')!.lake!;
    // FLIP-27 by default; discovery on the monitor-interval timer.
    expect(lake).toMatchObject({ architecture: 'flip27', pendingSplits: 0, splitBufferBytes: 0 });
    expect(lake.avgScanIntervalMs).toBe(1000);
    expect(lake.lastScanIntervalMs).toBe(1000);
    expect(lake.currentFetchEventTimeLag).not.toBeNull();
  });

  it('the last scan interval is null before the second scan, then the time between the last two scans', () => {
    const inserts = Array.from({ length: 50 }, (_, i) => JSON.stringify({ op: '+I', data: { id: i, v: i } })).join('\n');
    const script = CHAIN(`, 'format-version' = '2'`, `'streaming' = 'true', 'monitor-interval' = '2 s'`, `'connector' = 'jdbc', 'url' = 'jdbc:mysql://x/d', 'table-name' = 'dwd'`);
    const sim = createSimulation(script, { seed: 1, files: { 'cdc.json': inserts } });
    const lakeAt = () => sim.metrics().sources.find((s) => s.table === 'ods')!.lake!;
    sim.step();
    expect(lakeAt().scans).toBe(1);
    expect(lakeAt().lastScanIntervalMs).toBeNull();
    sim.runFor(10_000);
    expect(lakeAt().scans).toBeGreaterThanOrEqual(2);
    // Discovery runs on the 2 s timer (a throttled discovery is skipped and waits for the next).
    expect(lakeAt().lastScanIntervalMs! % 2000).toBe(0);
    expect(lakeAt().lastScanIntervalMs).toBeGreaterThan(0);
  });

  it('an overwrite snapshot fails the job with the connector message unless skipped', () => {
    const script = CHAIN(`, 'write.upsert.enabled' = 'true'`, `'streaming' = 'true', 'monitor-interval' = '1 s'`);
    const sim = createSimulation(script, { seed: 1, files: { 'cdc.json': changelogFile(80) } });
    const end = sim.runToEnd();
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/job-2 \(INSERT INTO dwd\) failed: java.lang.UnsupportedOperationException: Found overwrite operation, cannot support incremental data in snapshots \((null|\d+), \d+\]/);

    const skipping = createSimulation(
      CHAIN(`, 'write.upsert.enabled' = 'true'`, `'streaming' = 'true', 'monitor-interval' = '1 s', 'streaming-skip-overwrite-snapshots' = 'true', 'streaming-skip-delete-snapshots' = 'true'`),
      { seed: 1, files: { 'cdc.json': changelogFile(80) } },
    );
    expect(skipping.runToEnd()).toMatchObject({ status: 'finished', error: null });
    // Skipping loses the rows of the skipped commits: the downstream table differs.
    expect(sortRows(skipping.readTable('dwd').rows)).not.toEqual(sortRows(skipping.readTable('ods').rows));
  });

  it('the changelog extension carries updates and deletes of an upsert table down the chain', () => {
    for (const seed of [1, 2, 3]) {
      for (const [mode, settings] of [
        ['merged', ''],
        ['sequential', ''],
        ['merged', `SET 'table.exec.iceberg.use-flip27-source' = 'false';`],
      ] as const) {
        const script = settings + CHAIN(
          `, 'write.upsert.enabled' = 'true'`,
          `'streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '700 ms', 'scan.snapshot-mode' = '${mode}'`,
        );
        const sim = createSimulation(script, { seed, files: { 'cdc.json': changelogFile(120) } });
        expect(sim.runToEnd(), `seed ${seed} ${mode}`).toMatchObject({ status: 'finished', error: null });
        const ods = sortRows(sim.readTable('ods').rows);
        expect(ods.length).toBeGreaterThan(5);
        expect(sortRows(sim.readTable('dwd').rows), `seed ${seed} ${mode}`).toEqual(ods);
      }
    }
  });

  it('starting strategies: latest skips what was committed before the first scan; table scan reads it', () => {
    const files = { 'cdc.json': changelogFile(60) };
    const upsert = `, 'write.upsert.enabled' = 'true'`;
    // TABLE_SCAN_THEN_INCREMENTAL and EARLIEST read everything whatever the timing.
    for (const strategy of ['TABLE_SCAN_THEN_INCREMENTAL', 'INCREMENTAL_FROM_EARLIEST_SNAPSHOT']) {
      const sim = createSimulation(CHAIN(upsert, `'streaming' = 'true', 'streaming.changelog' = 'true', 'starting-strategy' = '${strategy}'`), { seed: 1, files });
      expect(sim.runToEnd(), strategy).toMatchObject({ status: 'finished' });
      expect(sortRows(sim.readTable('dwd').rows), strategy).toEqual(sortRows(sim.readTable('ods').rows));
    }
    const missing = createSimulation(CHAIN(upsert, `'streaming' = 'true', 'start-snapshot-id' = '42'`), { seed: 1, files });
    expect(missing.runToEnd().error).toMatch(/Start snapshot id not found in history: 42/);
    // ScanContext's checks: the job cannot be built.
    expect(() => createSimulation(CHAIN(upsert, `'streaming' = 'true', 'snapshot-id' = '42'`), { seed: 1, files })).toThrow(/Cannot set snapshot-id option for streaming reader/);
    expect(() => createSimulation(CHAIN(upsert, `'streaming' = 'true', 'as-of-timestamp' = '1'`), { seed: 1, files })).toThrow(/Cannot set as-of-timestamp option for streaming reader/);
    expect(() => createSimulation(CHAIN(upsert, `'streaming' = 'true', 'max-planning-snapshot-count' = '0'`), { seed: 1, files })).toThrow(/The max-planning-snapshot-count must be greater than zero/);
  });

  it('a streaming read of a table nobody writes never ends', () => {
    const script = `
SET 'sim.duration' = '5 s';
CREATE TABLE lake (id INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
CREATE TABLE out1 (id INT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT id FROM lake /*+ OPTIONS('streaming' = 'true') */;`;
    const sim = createSimulation(script, { seed: 1 });
    expect(sim.runToEnd()).toMatchObject({ status: 'running' });
  });
});
