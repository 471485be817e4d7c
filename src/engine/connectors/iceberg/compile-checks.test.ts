// Compile-time checks of lake tables, located where the problem is written: an updating input
// into a v1 table (Flink's append-only sink sentence), upsert mode without equality fields
// (FlinkSink's sentence) and a streaming job that never commits because checkpointing is off.
import { describe, expect, it } from 'vitest';
import { compile } from '../../index';

const at = (script: string) =>
  compile(script).diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.severity} ${d.code}: ${d.message}`);

const ODS = `CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');`;
const STREAM = `CREATE TABLE g (id BIGINT, sku STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5');`;

describe('lake compile checks', () => {
  it('an updating input into a v1 table is rejected at the INSERT with Flink\'s sentence', () => {
    const script = `${ODS}
CREATE TABLE v1 (sku STRING, total INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '1');
INSERT INTO v1 SELECT sku, SUM(qty) FROM ods GROUP BY sku;`;
    expect(at(script)).toEqual([
      "3:1 error changelog-mode: Table sink 'default_catalog.default_database.v1' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[sku], select=[sku, SUM(qty) AS EXPR$1])",
    ]);
    // Inserts only into v1, and updates into v2 / v3, are fine.
    expect(compile(`${ODS}\nCREATE TABLE v1 (sku STRING, qty INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '1');\nINSERT INTO v1 SELECT sku, qty FROM ods;`).ok).toBe(true);
    for (const v of ['2', '3'])
      expect(compile(`${ODS}\nCREATE TABLE t (sku STRING, total INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '${v}');\nINSERT INTO t SELECT sku, SUM(qty) FROM ods GROUP BY sku;`).ok).toBe(true);
  });

  it('a changelog source with deletes into v1 names update and delete changes', () => {
    const script = `CREATE TABLE cdc (id INT, v STRING) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'changelog-json');
CREATE TABLE v1 (id INT, v STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'format-version' = '1');
INSERT INTO v1 SELECT * FROM cdc;`;
    expect(at(script)).toEqual([
      "3:1 error changelog-mode: Table sink 'default_catalog.default_database.v1' doesn't support consuming update and delete changes which is produced by node TableSourceScan(table=[[default_catalog, default_database, cdc]], fields=[id, v])",
    ]);
  });

  it("'write.upsert.enabled' needs a PRIMARY KEY covering the partition columns (FlinkSink's sentences, at the option)", () => {
    expect(at(`CREATE TABLE t (id INT, v STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');`)).toEqual([
      "1:113 error connector: table t: Equality field columns shouldn't be empty when configuring to use UPSERT data stream.",
    ]);
    expect(
      at(`CREATE TABLE t (id INT, dt STRING, PRIMARY KEY (id) NOT ENFORCED) PARTITIONED BY (dt)
WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');`),
    ).toEqual([
      "2:79 error connector: table t: In UPSERT mode, source column 'dt' of partition field 'dt', should be included in equality fields: '[id]'",
    ]);
    expect(compile(`CREATE TABLE t (id INT, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'c', 'write.upsert.enabled' = 'true');`).ok).toBe(true);
  });

  it('a streaming job into a lake table without checkpointing is warned that it never commits', () => {
    const lake = `CREATE TABLE lake (id BIGINT, sku STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');`;
    const script = `${STREAM}\n${lake}\nINSERT INTO lake SELECT * FROM g;`;
    expect(at(script)).toEqual([
      "3:1 warning checkpointing: job-1 (INSERT INTO lake) is a streaming job and checkpointing is off: table lake commits only when a checkpoint completes, so it will never commit a snapshot; set 'execution.checkpointing.interval' (a bounded job commits at its end)",
    ]);
    expect(at(`SET 'execution.checkpointing.interval' = '10 s';\n${script}`)).toEqual([]);
    // Bounded jobs commit at their end: a file, and a topic whose only writer is bounded.
    expect(at(`${ODS}\nCREATE TABLE lake (id INT, sku STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');\nINSERT INTO lake SELECT id, sku FROM ods;`)).toEqual([]);
    expect(
      at(`${ODS}
CREATE TABLE q (id INT, sku STRING) WITH ('connector' = 'kafka', 'topic' = 'q', 'format' = 'json', 'properties.bootstrap.servers' = 'k:9092');
CREATE TABLE lake (id INT, sku STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
INSERT INTO q SELECT id, sku FROM ods;
INSERT INTO lake SELECT * FROM q;`),
    ).toEqual([]);
    // A bounded datagen is bounded too; a print sink needs no checkpoint.
    expect(at(`CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');\nCREATE TABLE lake (id BIGINT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');\nINSERT INTO lake SELECT * FROM g;`)).toEqual([]);
    expect(at(`${STREAM}\nCREATE TABLE p (id BIGINT, sku STRING) WITH ('connector' = 'print');\nINSERT INTO p SELECT * FROM g;`)).toEqual([]);
  });
});
