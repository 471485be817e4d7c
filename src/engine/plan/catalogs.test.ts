// CREATE CATALOG / CREATE DATABASE / USE CATALOG / USE: scripts written for a cluster with an
// Iceberg catalog load; tables created in it are iceberg tables; qualified names resolve.
import { describe, expect, it } from 'vitest';
import { complete, compile, createSimulation, hover } from '../index';

const at = (script: string) =>
  compile(script).diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.severity} ${d.code}: ${d.message}`);

const CLUSTER_SCRIPT = `SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'hadoop', 'warehouse' = 'hdfs://nn:8020/warehouse');
CREATE DATABASE IF NOT EXISTS lake.dwd;
USE CATALOG lake;
USE dwd;
CREATE TABLE IF NOT EXISTS dwd_sku (sku STRING, total INT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('format-version' = '2', 'write.upsert.enabled' = 'true');
CREATE TABLE lake.dwd.dwd_v1 (id INT, sku STRING) WITH ('format-version' = '1');
USE CATALOG default_catalog;
INSERT INTO lake.dwd.dwd_sku SELECT sku, SUM(qty) FROM ods GROUP BY sku;
INSERT INTO dwd_v1 SELECT id, sku FROM default_catalog.default_database.ods;`;

describe('catalogs', () => {
  it('a script written for an Iceberg catalog loads: its tables are iceberg tables, qualified names resolve', () => {
    const c = compile(CLUSTER_SCRIPT);
    expect(c.diagnostics.map((d) => d.message)).toEqual([]);
    const tables = c.pipeline!.tables;
    expect(tables.map((t) => [t.name, t.connector])).toEqual([
      ['ods', 'filesystem'],
      ['dwd_sku', 'iceberg'],
      ['dwd_v1', 'iceberg'],
    ]);
    expect(c.pipeline!.jobs[0]!.operators.at(-1)!.label).toBe('Sink(table=[lake.dwd.dwd_sku], fields=[sku, total])');
    const sim = createSimulation(CLUSTER_SCRIPT, { files: { 'o.csv': 'id,sku,qty\n1,a,1\n2,b,2\n3,a,3' } });
    expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
    expect(sim.readTable('dwd_sku').rows.map((r) => [...r]).sort()).toEqual([
      ['a', 4],
      ['b', 2],
    ]);
    expect(sim.metrics().tables.find((t) => t.name === 'dwd_v1')!.lake!.formatVersion).toBe(1);
  });

  it("a catalog table's format-version comes from its properties: v1 rejects updates with the catalog path", () => {
    const script = `CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'rest', 'uri' = 'http://rest:8181');
CREATE TABLE lake.ods_db.v1 (sku STRING, total INT) WITH ('format-version' = '1');
INSERT INTO lake.ods_db.v1 SELECT sku, SUM(qty) FROM ods GROUP BY sku;`;
    expect(at(script)).toEqual([
      "4:1 error changelog-mode: Table sink 'lake.ods_db.v1' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[sku], select=[sku, SUM(qty) AS EXPR$1])",
    ]);
  });

  it("Iceberg's catalog factory errors, at the option", () => {
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg', 'catalog-type' = 'glue');`)).toEqual([
      "1:61 error catalog: Unknown catalog-type: glue (Must be 'hive', 'hadoop' or 'rest')",
    ]);
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg', 'catalog-type' = 'hadoop');`)).toEqual([
      '1:61 error catalog: Cannot initialize HadoopCatalog because warehousePath must not be null or empty',
    ]);
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg', 'catalog-type' = 'hive', 'catalog-impl' = 'x.Y');`)[0]).toBe(
      '1:86 error catalog: Cannot create catalog c, both catalog-type and catalog-impl are set: catalog-type=hive, catalog-impl=x.Y',
    );
    // hive is the default catalog-type and needs nothing else here.
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg', 'uri' = 'thrift://hms:9083');`)).toEqual([]);
  });

  it('other catalog types, unknown catalogs and databases, and a connector in an Iceberg catalog are located errors', () => {
    expect(at(`CREATE CATALOG p WITH ('type' = 'paimon', 'warehouse' = 'file:/tmp');`)).toEqual([
      "1:33 error catalog: catalog type 'paimon' is not simulated; Freshet simulates 'iceberg' catalogs (catalog-type hive, hadoop or rest) and 'generic_in_memory'",
    ]);
    expect(at(`CREATE CATALOG p WITH ('warehouse' = 'file:/tmp');`)).toEqual([
      "1:16 error catalog: catalog p has no 'type' option; Freshet simulates 'iceberg' and 'generic_in_memory' catalogs",
    ]);
    expect(at(`USE CATALOG nope;`)).toEqual(['1:13 error unknown-catalog: A catalog with name [nope] does not exist.']);
    expect(at(`USE missing_db;`)).toEqual(['1:5 error unknown-database: A database with name [missing_db] does not exist in the catalog: [default_catalog].']);
    expect(at(`CREATE TABLE nope.db.t (a INT) WITH ('connector' = 'print');`)).toEqual(['1:14 error unknown-catalog: A catalog with name [nope] does not exist.']);
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg');\nCREATE CATALOG c WITH ('type' = 'iceberg');\nCREATE CATALOG IF NOT EXISTS c WITH ('type' = 'iceberg');`)).toEqual([
      '2:16 error duplicate-catalog: Catalog c already exists.',
    ]);
    expect(at(`CREATE DATABASE d;\nCREATE DATABASE d;\nCREATE DATABASE IF NOT EXISTS d;\nUSE d;\nCREATE TABLE t (a INT) WITH ('connector' = 'print');`)).toEqual([
      '2:17 error duplicate-database: Database d already exists in Catalog default_catalog.',
    ]);
    expect(at(`CREATE CATALOG c WITH ('type' = 'iceberg');\nUSE CATALOG c;\nCREATE TABLE t (a INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');`)).toEqual([
      "3:30 error catalog: Cannot create the table with 'connector'='iceberg' table property in an iceberg catalog, Please create table with 'connector'='iceberg' property in a non-iceberg catalog or create table without 'connector'='iceberg' related properties in an iceberg table.",
    ]);
  });

  it('a generic in-memory catalog keeps tables that name their connector', () => {
    const script = `CREATE CATALOG mem WITH ('type' = 'generic_in_memory');
USE CATALOG mem;
CREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
CREATE TABLE p (a INT) WITH ('connector' = 'print');
INSERT INTO mem.\`default\`.p SELECT a FROM t;`;
    const c = compile(script);
    expect(c.diagnostics).toEqual([]);
    expect(c.pipeline!.jobs[0]!.operators[0]!.label).toBe('TableSourceScan(table=[[mem, default, t]], fields=[a])');
  });
});

describe('catalog statements in the editor', () => {
  it('completion offers them and hover and completion do not stumble over them', () => {
    expect(complete('', 0).map((i) => i.label)).toEqual(expect.arrayContaining(['CREATE CATALOG', 'USE CATALOG']));
    expect(complete('CREATE ', 7).map((i) => i.label)).toEqual(expect.arrayContaining(['CATALOG', 'DATABASE']));
    const script = CLUSTER_SCRIPT;
    for (let offset = 0; offset <= script.length; offset += 7) {
      expect(() => complete(script, offset)).not.toThrow();
      expect(() => hover(script, offset)).not.toThrow();
    }
  });
});
