// Batch mode (`SET 'execution.runtime-mode' = 'batch'`): bounded inputs only, jobs one after
// another in statement order, final results only.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from './index';

const FILES = {
  'orders.csv': 'id,sku,qty\n1,a,2\n2,b,1\n3,a,5\n4,c,1\n5,a,1\n6,b,4\n',
  'fixes.csv': 'sku,total\na,100\nz,7\n',
};

const SCRIPT = `SET 'execution.runtime-mode' = 'batch';
CREATE TABLE orders (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv');
CREATE TABLE fixes (sku STRING, total INT) WITH ('connector' = 'filesystem', 'path' = 'fixes.csv', 'format' = 'csv');
CREATE TABLE sales (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'sales');
CREATE TABLE lake_sales (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
INSERT INTO sales SELECT sku, SUM(qty) FROM orders GROUP BY sku;
INSERT INTO lake_sales SELECT sku, total FROM sales;
MERGE INTO lake_sales t USING fixes s ON t.sku = s.sku
WHEN MATCHED THEN UPDATE SET total = s.total
WHEN NOT MATCHED THEN INSERT *;
`;

describe('batch mode', () => {
  it('runs the statements in order, each to its end, and writes final results only', () => {
    const sim = createSimulation(SCRIPT, { seed: 1, files: FILES });
    const end = sim.runToEnd(3_600_000);
    expect(end.error).toBeNull();
    const kinds = (t: string) => sim.changelog(t, 1000).map((c) => `${c.kind}${JSON.stringify(c.row)}`);
    // the aggregation's -U/+U churn never reaches the table: one +I per sku
    expect(kinds('sales').sort()).toEqual(['+I["a",8]', '+I["b",5]', '+I["c",1]']);
    // the second statement read the first one's table whole; the MERGE read the second's
    expect(sim.readTable('lake_sales').rows.slice().sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['a', 100],
      ['b', 5],
      ['c', 1],
      ['z', 7],
    ]);
    const snapshots = sim.lakeSnapshots('lake_sales');
    expect(snapshots.map((s) => s.operation)).toEqual(['append', 'overwrite']);
    // jobs ran one after the other: each wrote after the one before had finished
    const salesWritten = Math.max(...sim.changelog('sales', 1000).map((c) => c.time));
    expect(snapshots[0]!.committedAt).toBeGreaterThanOrEqual(salesWritten);
    expect(snapshots[1]!.committedAt).toBeGreaterThanOrEqual(snapshots[0]!.committedAt);
  });

  it('streaming mode runs the same jobs at once, with the aggregation churn in the table', () => {
    const sim = createSimulation(SCRIPT.replace(`'batch'`, `'streaming'`).replace(/MERGE[\s\S]*$/, ''), { seed: 1, files: { ...FILES } });
    sim.runToEnd(3_600_000);
    expect(sim.changelog('sales', 1000).some((c) => c.kind === '-U' || c.kind === '+U')).toBe(true);
  });

  it('an unbounded input is an error naming the table', () => {
    const text = `SET 'execution.runtime-mode' = 'batch';
CREATE TABLE live (id INT) WITH ('connector' = 'datagen');
CREATE TABLE out_t (id INT) WITH ('connector' = 'print');
INSERT INTO out_t SELECT id FROM live;`;
    expect(compile(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([
      `4:1 job-1 (INSERT INTO out_t): 'execution.runtime-mode' is 'batch' and reads only bounded inputs, but table live is unbounded (its source never ends)`,
    ]);
  });
});

describe('INSERT OVERWRITE in batch mode, and what a repair sends downstream', () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${i + 1},p${i + 1},${(i * 7) % 30}`).join('\n');
  const base = `SET 'execution.runtime-mode' = 'batch';
CREATE TABLE src (id INT, name STRING, price INT) WITH ('connector' = 'filesystem', 'path' = 'src.csv', 'format' = 'csv');
CREATE TABLE fix (id INT, price INT) WITH ('connector' = 'filesystem', 'path' = 'fix.csv', 'format' = 'csv');
CREATE TABLE dim (id INT, name STRING, price INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
INSERT INTO dim SELECT * FROM src;
`;
  const files = { 'src.csv': `id,name,price\n${rows}\n`, 'fix.csv': 'id,price\n3,999\n17,998\n' };
  const repairs = {
    merge: `MERGE INTO dim t USING fix s ON t.id = s.id WHEN MATCHED THEN UPDATE SET price = s.price;`,
    overwrite: `INSERT OVERWRITE dim SELECT d.id, d.name, COALESCE(f.price, d.price) FROM src AS d LEFT JOIN fix AS f ON d.id = f.id;`,
  };
  const run = (repair: string) => {
    const sim = createSimulation(base + repair, { seed: 1, files });
    expect(sim.runToEnd(3_600_000).error).toBeNull();
    const table = sim.readTable('dim').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
    const last = sim.lakeSnapshots('dim').at(-1)!;
    return { table, last, operations: sim.lakeSnapshots('dim').map((s) => s.operation) };
  };

  it('both repairs leave the same table; OVERWRITE replaces every file, MERGE touches two rows', () => {
    const merged = run(repairs.merge);
    const overwritten = run(repairs.overwrite);
    expect(overwritten.table).toEqual(merged.table);
    expect(merged.table.find((r) => r[0] === 3)).toEqual([3, 'p3', 999]);
    expect(overwritten.operations).toEqual(['append', 'overwrite']);
    expect(overwritten.last.summary['replace-partitions']).toBe('true');
    expect(overwritten.last.summary['added-records']).toBe('50');
    expect(overwritten.last.summary['deleted-records']).toBe('50');
    // a streaming reader of the repaired table receives 2 updates from the MERGE, 50 deletes and 50 inserts from the OVERWRITE
    expect(merged.operations).toEqual(['append', 'overwrite']);
    expect(merged.last.summary['added-records']).toBe('2');
    expect(Number(merged.last.summary['added-equality-deletes'] ?? merged.last.summary['added-delete-records'] ?? 0)).toBe(2);
  });

  it('OVERWRITE needs batch mode and a sink that supports it', () => {
    const errors = (text: string) => compile(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(errors((base + repairs.overwrite).replace(`'batch'`, `'streaming'`))[0]).toMatch(/^INSERT OVERWRITE is not supported in a streaming job/);
    const jdbc = base.replace(`'connector' = 'iceberg', 'catalog-name' = 'lake'`, `'connector' = 'jdbc', 'url' = 'jdbc:mysql://h/d', 'table-name' = 'dim'`) + repairs.overwrite;
    expect(errors(jdbc)).toEqual([
      "INSERT OVERWRITE requires that the underlying DynamicTableSink of table 'default_catalog.default_database.dim' implements the SupportsOverwrite interface (in Freshet: iceberg tables)",
    ]);
  });
});
