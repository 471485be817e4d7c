// A repair's downstream impact, counted in the simulation: each repair runs on a copy replayed to
// now, a baseline copy runs on without it, and the numbers are the differences. The pipeline: a
// live order stream written to a DWD table with a pricing bug for product 7, and a streaming
// revenue job reading that table. The fix: MERGE only product 7's rows, against rewriting the table.
import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';

const script = (dwd: string, read = '') => `SET 'execution.checkpointing.interval' = '1 s';
SET 'sim.jitter' = '0';
CREATE TABLE ods_orders (order_id BIGINT, product_id INT, qty INT) WITH ('connector' = 'datagen', 'rows-per-second' = '10',
  'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '100000000',
  'fields.product_id.min' = '1', 'fields.product_id.max' = '20', 'fields.qty.min' = '1', 'fields.qty.max' = '3');
CREATE TABLE dwd_orders (order_id BIGINT, product_id INT, qty INT, amount INT, PRIMARY KEY (order_id) NOT ENFORCED) WITH (${dwd});
CREATE TABLE ads_product_revenue (product_id INT, revenue INT, PRIMARY KEY (product_id) NOT ENFORCED)
  WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/ads', 'table-name' = 'r');
INSERT INTO dwd_orders SELECT order_id, product_id, qty, CASE WHEN product_id = 7 THEN qty * 100 ELSE qty * 10 END FROM ods_orders;
INSERT INTO ads_product_revenue SELECT product_id, SUM(amount) FROM dwd_orders${read} GROUP BY product_id;
`;
const UPSERT_KAFKA = `'connector' = 'upsert-kafka', 'topic' = 'dwd_orders', 'value.format' = 'json'`;
const LAKE = `'connector' = 'iceberg', 'catalog-name' = 'lake', 'write.upsert.enabled' = 'true'`;
const LAKE_READ = ` /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '1 s') */`;

const MERGE = `MERGE INTO dwd_orders t USING (SELECT order_id, qty FROM dwd_orders WHERE product_id = 7) s ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET amount = s.qty * 10;`;
const REWRITE = `INSERT INTO dwd_orders SELECT order_id, product_id, qty, qty * 10 FROM dwd_orders;`;
const OVERWRITE = `INSERT OVERWRITE dwd_orders SELECT order_id, product_id, qty, qty * 10 FROM dwd_orders;`;

type Row = (string | number | null)[];

/** An upsert topic's table as a consumer materializes it: the last record per key, tombstones delete. */
function materialize(records: Row[]): Map<number, Row> {
  const out = new Map<number, Row>();
  for (const [kind, ...row] of records) {
    if (kind === '-D') out.delete(row[0] as number);
    else out.set(row[0] as number, row);
  }
  return out;
}

describe('a copy of a running simulation', () => {
  it('replays faults and repairs at the times they happened and equals the original', () => {
    const sim = createSimulation(`SET 'restart-strategy.type' = 'fixed-delay';\n` + script(UPSERT_KAFKA), { seed: 3 });
    sim.runFor(5_000);
    sim.injectFault(7_000, 'job-2');
    sim.runFor(5_000);
    expect(sim.runRepair(MERGE).status).toBe('finished');
    sim.runFor(2_000);
    // compareRepairs leaves the simulation as it was; a copy's metrics equal the original's
    const before = JSON.stringify(sim.metrics());
    const c = sim.compareRepairs([], 1_000);
    expect(c.runs).toEqual([]);
    expect(JSON.stringify(sim.metrics())).toBe(before);
  });
});

describe('MERGE INTO an upsert-kafka table', () => {
  it('writes the changed keys only, and a consumer of the topic materializes the fixed rows', () => {
    const sim = createSimulation(script(UPSERT_KAFKA), { seed: 1 });
    sim.runFor(30_000);
    // what the table holds before the repair, materialized independently from the topic's records
    const before = materialize(sim.readTable('dwd_orders').rows as Row[]);
    const recordsBefore = sim.readTable('dwd_orders').rows.length;
    const r = sim.runRepair(MERGE);
    expect(r).toMatchObject({ status: 'finished', error: null, diagnostics: [] });
    const records = sim.readTable('dwd_orders').rows as Row[];
    // the repair's own records: after the ones there before, up to those the live job appended since
    const after = materialize(records);
    const product7 = [...before.values()].filter((row) => row[1] === 7);
    expect(product7.length).toBeGreaterThan(5);
    for (const row of product7) expect(after.get(row[0] as number)).toEqual([row[0], 7, row[2], (row[2] as number) * 10]);
    // every other key is untouched, and no tombstone was written
    for (const [key, row] of before) if (row[1] !== 7) expect(after.get(key)).toEqual(row);
    expect(records.slice(recordsBefore).filter((rec) => rec[0] === '-D')).toEqual([]);
  });
});

describe('MERGE INTO a changelog topic', () => {
  it('appends the net changes as debezium records: the old row removed, the new rows added', () => {
    const sim = createSimulation(`CREATE TABLE dim (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'kafka', 'topic' = 'dim', 'format' = 'debezium-json');
INSERT INTO dim VALUES (1, 'a'), (2, 'b');`);
    sim.runToEnd();
    const r = sim.runRepair(`MERGE INTO dim t USING (VALUES (2, 'B'), (3, 'c')) AS s (id, name) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT *;`);
    expect(r.status).toBe('finished');
    expect(sim.readTable('dim').rows.slice(2)).toEqual([
      ['-D', 2, 'b'],
      ['+I', 3, 'c'],
      ['+I', 2, 'B'],
    ]);
  });
});

describe('downstream impact of a repair, MERGE against a full rewrite', () => {
  it('upsert-kafka: MERGE sends the product-7 keys, a rewrite every key; the reader passes on only what changed', () => {
    const sim = createSimulation(script(UPSERT_KAFKA), { seed: 1 });
    sim.runFor(30_000);
    const product7 = [...materialize(sim.readTable('dwd_orders').rows as Row[]).values()].filter((row) => row[1] === 7).length;
    const total = materialize(sim.readTable('dwd_orders').rows as Row[]).size;
    const c = sim.compareRepairs([MERGE, OVERWRITE, REWRITE], 10_000);
    expect(c.atMs).toBe(30_000);
    const [merge, overwrite, rewrite] = c.runs;
    expect(merge).toMatchObject({ status: 'finished', targets: [{ table: 'dwd_orders', changes: product7 }] });
    // Flink rejects INSERT OVERWRITE into upsert-kafka (not SupportsOverwrite)
    expect(overwrite!.status).toBe('rejected');
    expect(overwrite!.diagnostics[0]!.message).toMatch(/SupportsOverwrite/);
    expect(rewrite!.status).toBe('finished');
    // every key the table held (and the one or two the live job added while the rewrite read)
    expect(rewrite!.targets[0]!.changes).toBeGreaterThanOrEqual(total);
    expect(rewrite!.targets[0]!.changes).toBeLessThanOrEqual(total + 2);
    // ChangelogNormalize drops an upsert equal to the row it holds (Flink does without state TTL):
    // both reach the revenue job as one -U/+U per product-7 order
    expect(merge!.readers).toEqual([{ jobId: 'job-2', jobName: 'INSERT INTO ads_product_revenue', table: 'dwd_orders', received: 2 * product7, emitted: merge!.readers[0]!.emitted }]);
    expect(rewrite!.readers[0]!.received).toBe(2 * product7);
    expect(merge!.readers[0]!.emitted).toBeGreaterThan(0);
    // the simulation itself did not move
    expect(sim.now()).toBe(30_000);
  });

  it('lake: MERGE commits the changed rows; INSERT OVERWRITE replaces the table and drops rows committed meanwhile', () => {
    const sim = createSimulation(script(LAKE, LAKE_READ), { seed: 1 });
    sim.runFor(30_000);
    const c = sim.compareRepairs([MERGE, OVERWRITE], 10_000);
    const [merge, overwrite] = c.runs;
    const fixed = merge!.targets[0]!.rowsAdded;
    expect(fixed).toBeGreaterThan(5);
    // an upsert table: each fixed row is one upsert (an equality delete of its key and the new row)
    expect(merge!.targets[0]).toEqual({ table: 'dwd_orders', rowsRemoved: fixed, rowsAdded: fixed, changes: fixed });
    expect(merge!.readers[0]!.received).toBe(2 * fixed);
    // the overwrite deletes every row and writes the table again...
    expect(overwrite!.targets[0]!.changes).toBeGreaterThan(10 * fixed);
    // ...and the rows the live job committed between the overwrite's read and its commit are gone
    expect(overwrite!.targets[0]!.rowsRemoved).toBeGreaterThan(fixed);
    expect(overwrite!.readers[0]!.received).toBeGreaterThan(2 * fixed);
    expect(c.sameResult).toBe(false);
  });
});
