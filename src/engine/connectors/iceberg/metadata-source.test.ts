// Metadata tables read in a job: `orders$snapshots` plans as a bounded source with Iceberg's
// columns, and its rows are the metadata table once the jobs writing `orders` have finished.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../../index';

const ORDERS = ['id,sku,qty', '1,a,1', '2,b,2', '3,a,3', '4,a,4', '5,b,5', '6,c,1'].join('\n');

const SCRIPT = `
CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE TABLE dwd (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');
CREATE TABLE commits (snapshot_id BIGINT, operation STRING, committed_at TIMESTAMP_LTZ(3), PRIMARY KEY (snapshot_id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/ads', 'table-name' = 't');
CREATE TABLE file_counts (content INT, files BIGINT, records BIGINT, PRIMARY KEY (content) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/ads', 'table-name' = 't');
INSERT INTO dwd SELECT sku, SUM(qty) FROM ods GROUP BY sku;
INSERT INTO commits SELECT snapshot_id, operation, committed_at FROM \`dwd$snapshots\`;
INSERT INTO file_counts SELECT content, COUNT(*), SUM(record_count) FROM \`dwd$files\` GROUP BY content;`;

describe('metadata tables as job sources', () => {
  it('a second job reads $snapshots and $files after the writer finished', () => {
    const compiled = compile(SCRIPT);
    expect(compiled.diagnostics.map((d) => d.message)).toEqual([]);
    const reader = compiled.pipeline!.jobs[1]!;
    expect(reader.sourceTables).toEqual(['dwd$snapshots']);
    expect(reader.operators[0]!.label).toBe(
      'TableSourceScan(table=[[default_catalog, default_database, dwd$snapshots]], fields=[committed_at, snapshot_id, parent_id, operation, manifest_list, summary])',
    );
    for (const seed of [1, 2]) {
      const sim = createSimulation(SCRIPT, { seed, files: { 'o.csv': ORDERS } });
      expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
      const snapshots = sim.readTable('dwd$snapshots');
      const col = (name: string) => snapshots.columns.findIndex((c) => c.name === name);
      const expected = snapshots.rows.map((r) => [r[col('snapshot_id')], r[col('operation')], r[col('committed_at')]]);
      expect(expected.length).toBeGreaterThan(0);
      expect(sim.readTable('commits').rows).toEqual(expected);
      const files = sim.readTable('dwd$files');
      const byContent = new Map<number, [number, number]>();
      const content = files.columns.findIndex((c) => c.name === 'content');
      const records = files.columns.findIndex((c) => c.name === 'record_count');
      for (const r of files.rows) {
        const k = r[content] as number;
        const [n, rec] = byContent.get(k) ?? [0, 0];
        byContent.set(k, [n + 1, rec + (r[records] as number)]);
      }
      expect(sim.readTable('file_counts').rows).toEqual([...byContent.entries()].sort((a, b) => a[0] - b[0]).map(([k, [n, rec]]) => [k, n, rec]));
    }
  });

  it('metadata tables are read-only and only exist for lake tables with a known suffix', () => {
    const diags = (sql: string) =>
      compile(`CREATE TABLE dwd (id INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
CREATE TABLE p (id BIGINT) WITH ('connector' = 'print');
CREATE TABLE j (id INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/ads', 'table-name' = 't');
${sql}`).diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}: ${d.message}`);
    expect(diags('INSERT INTO `dwd$snapshots` SELECT 1, 2, 3, 4, 5, 6;')).toEqual([
      "4:13 read-only: dwd$snapshots is a metadata table of dwd and can only be read",
    ]);
    expect(diags('INSERT INTO p SELECT snapshot_id FROM `dwd$nope`;')).toEqual(["4:39 unknown-table: unknown table 'dwd$nope'"]);
    expect(diags('INSERT INTO p SELECT snapshot_id FROM `j$snapshots`;')[0]).toMatch(/^4:39 unknown-table: unknown table 'j\$snapshots'/);
    expect(diags('INSERT INTO p SELECT snapshot_id FROM `DWD$History`;')).toEqual([]);
  });
});
