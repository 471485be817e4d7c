// PARTITIONED BY on an iceberg table gives its partition spec (identity partitions), through the
// connector: data files per partition under `col=value/`, $partitions per value, FlinkSink's
// upsert check on partition columns. (The store once built the model table without the DDL's
// PARTITIONED BY, so every lake table was unpartitioned.)
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../index';

const ORDERS = ['id,sku,qty', '1,a,1', '2,b,2', '3,a,3', '4,a,4', '5,b,5', '6,c,1'].join('\n');
const SOURCE = `CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');`;

function column(table: { columns: { name: string }[]; rows: unknown[][] }, name: string): unknown[] {
  const i = table.columns.findIndex((c) => c.name === name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return table.rows.map((r) => r[i]);
}

describe('iceberg connector: PARTITIONED BY', () => {
  it('an upsert table partitioned by its key writes data files per partition', () => {
    const sim = createSimulation(
      `${SOURCE}
CREATE TABLE dws (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) PARTITIONED BY (sku)
  WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');
INSERT INTO dws SELECT sku, SUM(qty) FROM ods GROUP BY sku;`,
      { seed: 1, files: { 'o.csv': ORDERS } },
    );
    expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
    const data = sim.readTable('dws$data_files');
    for (const [path, partition] of column(data, 'file_path').map((p, i) => [p, column(data, 'partition')[i]])) {
      const sku = (JSON.parse(String(partition)) as { sku: string }).sku;
      expect(String(path)).toContain(`/data/sku=${sku}/`);
    }
    const partitions = sim.readTable('dws$partitions');
    expect(partitions.columns.map((c) => c.name).slice(0, 2)).toEqual(['partition', 'spec_id']);
    expect(column(partitions, 'partition').map((p) => JSON.parse(String(p)) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { sku: 'a' },
      { sku: 'b' },
      { sku: 'c' },
    ]);
    const rows = sim.readTable('dws').rows.map((r) => [...r]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(rows).toEqual([
      ['a', 8],
      ['b', 7],
      ['c', 1],
    ]);
  });

  it("a keyed non-upsert table partitioned by another column: an update's delete lands in the old row's partition", () => {
    const sim = createSimulation(
      `SET 'execution.checkpointing.interval' = '100 ms';
CREATE TABLE cdc (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'changelog-json');
CREATE TABLE t (id INT, sku STRING, qty INT, PRIMARY KEY (id) NOT ENFORCED) PARTITIONED BY (sku)
  WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '2');
INSERT INTO t SELECT * FROM cdc;`,
      {
        seed: 2,
        files: {
          'c.json': [
            { op: '+I', data: { id: 1, sku: 'a', qty: 1 } },
            { op: '+I', data: { id: 2, sku: 'b', qty: 2 } },
            { op: '-U', data: { id: 1, sku: 'a', qty: 1 } },
            { op: '+U', data: { id: 1, sku: 'b', qty: 5 } },
          ]
            .map((c) => JSON.stringify(c))
            .join('\n'),
        },
      },
    );
    expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
    expect(sim.readTable('t').rows.map((r) => [...r]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'b', 5],
      [2, 'b', 2],
    ]);
    const partitions = sim.readTable('t$partitions');
    expect(column(partitions, 'partition').length).toBe(2);
  });

  it("upsert needs the partition columns in the key (FlinkSink's check)", () => {
    expect(() =>
      createSimulation(
        `${SOURCE}
CREATE TABLE t (id INT, sku STRING, qty INT, PRIMARY KEY (id) NOT ENFORCED) PARTITIONED BY (sku)
  WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');
INSERT INTO t SELECT * FROM ods;`,
        { seed: 1, files: { 'o.csv': ORDERS } },
      ),
    ).toThrow(/In UPSERT mode, source column 'sku' of partition field 'sku', should be included in equality fields/);
  });
});
