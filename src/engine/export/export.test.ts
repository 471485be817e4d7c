// The exporter's rules on small scripts: what each one writes and reports, for both targets.
import { describe, expect, it } from 'vitest';
import { exportFlinkSql } from '../index';
import { substitutePlaceholders } from './placeholders';

const SOURCE = `CREATE TABLE src (id BIGINT, status STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (
  'connector' = 'datagen', 'number-of-rows' = '50', 'fields.id.min' = '1', 'fields.id.max' = '9', 'fields.status.values' = 'A,B'
);`;

describe('exportFlinkSql', () => {
  it('drops sim settings, moves cluster keys to the configuration file and renames keys for 2.x', () => {
    const script = `SET 'sim.duration' = '1 min';\nSET 'taskmanager.memory.task.heap.size' = '64 mb';\nSET 'state.backend' = 'rocksdb';\n${SOURCE}\nCREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT id FROM src;\n`;
    const v1 = exportFlinkSql(script, { target: 'flink-1.20' });
    expect(v1.ok).toBe(true);
    expect(v1.sql).not.toContain('sim.duration');
    expect(v1.sql).not.toContain('taskmanager');
    expect(v1.sql).toContain("SET 'state.backend' = 'rocksdb';");
    expect(v1.config).toEqual({ 'taskmanager.memory.task.heap.size': '64 mb', 'state.backend': 'rocksdb' });
    expect(v1.bundle.map((f) => f.path)).toEqual(['pipeline.sql', 'flink-conf.yaml', 'README.md', 'report.json']);
    const v2 = exportFlinkSql(script, { target: 'flink-2.x' });
    expect(v2.sql).toContain("SET 'state.backend.type' = 'rocksdb';");
    expect(v2.bundle.find((f) => f.path === 'config.yaml')!.content).toContain('state.backend.type: rocksdb');
    // Every entry points at the line it is about, in both files.
    const lines = v2.sql.split('\n');
    const rename = v2.report.find((e) => e.statement === "SET 'state.backend'")!;
    expect(rename.sourceLine).toBe(3);
    expect(lines[rename.exportedLine - 1]).toContain('state.backend.type');
  });

  it("removes Freshet's own job keys with what Flink does instead, and keeps Flink's reuse keys", () => {
    const script = `SET 'table.optimizer.reuse-source-merge-enabled' = 'true';\nSET 'table.optimizer.reuse-source-enabled' = 'true';\n${SOURCE}\nCREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT id FROM src;\n`;
    const r = exportFlinkSql(script, { target: 'flink-2.x' });
    expect(r.sql).not.toContain('reuse-source-merge-enabled');
    expect(r.sql).toContain("SET 'table.optimizer.reuse-source-enabled' = 'true';");
    const entry = r.report.find((e) => e.statement === "SET 'table.optimizer.reuse-source-merge-enabled'")!;
    expect(entry.severity).toBe('approximated');
    expect(entry.message).toMatch(/Freshet extension.*reads stay separate sources/);
  });

  it('reports datagen value lists as lost and keeps the real datagen options', () => {
    const r = exportFlinkSql(`${SOURCE}\nCREATE TABLE snk (id BIGINT, status STRING) WITH ('connector' = 'blackhole');\nINSERT INTO snk SELECT id, status FROM src;\n`);
    expect(r.sql).not.toContain('fields.status.values');
    expect(r.sql).toContain("'fields.id.max' = '9'");
    const lost = r.report.filter((e) => e.severity === 'lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.tables).toEqual(['src']);
  });

  it('turns STATE_CLEANUP into STATE_TTL, drops DROP_ROW_KIND on an upsert sink, and comments MERGE out', () => {
    const script = `${SOURCE}
CREATE TABLE agg (status STRING, n BIGINT, PRIMARY KEY (status) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'agg');
INSERT INTO agg /*+ DROP_ROW_KIND('kinds' = '-U') */
SELECT /*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'n >= 10') */ status, COUNT(*) AS n FROM src GROUP BY status;
`;
    const r = exportFlinkSql(script);
    expect(r.ok).toBe(true);
    expect(r.sql).toContain("SELECT /*+ STATE_TTL('src' = '30 d') */ status");
    expect(r.sql).not.toContain('DROP_ROW_KIND');
    expect(r.sql).toContain("'url' = '${JDBC_URL}'");
    const cleanup = r.report.find((e) => e.rule === 'hints' && e.message.startsWith('STATE_CLEANUP'))!;
    expect(cleanup.severity).toBe('lost');
    expect(cleanup.message).toContain('n >= 10');
    expect(r.report.find((e) => e.message.startsWith('DROP_ROW_KIND'))!.severity).toBe('changed');
    expect(r.placeholders.find((p) => p.name === 'JDBC_URL')!.simulatedValue).toBe('jdbc:mysql://h/db');
    expect(substitutePlaceholders(r.sql, r.placeholders)).toContain("'url' = 'jdbc:mysql://h/db'");
  });

  it('moves iceberg connector tables into a catalog and qualifies every reference', () => {
    const script = `${SOURCE}
CREATE TABLE ods (id BIGINT, status STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2', 'write.upsert.enabled' = 'true');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO ods SELECT id, status FROM src;
INSERT INTO snk SELECT id FROM ods /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true') */;
`;
    const r = exportFlinkSql(script, { icebergCatalogType: 'rest' });
    expect(r.sql).toContain("CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'rest', 'warehouse' = '${ICEBERG_WAREHOUSE}', 'uri' = '${ICEBERG_REST_URI}');");
    expect(r.sql).toContain('CREATE TABLE lake.default_database.ods (');
    expect(r.sql).toContain("WITH ('format-version' = '2', 'write.upsert.enabled' = 'true')");
    expect(r.sql).toContain('INSERT INTO lake.default_database.ods SELECT');
    expect(r.sql).toContain("FROM lake.default_database.ods /*+ OPTIONS('streaming' = 'true') */");
    expect(r.report.some((e) => e.severity === 'lost' && e.message.includes('streaming.changelog'))).toBe(true);
    expect(r.artifacts.map((a) => a.artifact)).toEqual(['iceberg-flink-runtime-1.20']);
  });

  it("uses the chosen catalog over a table's own 'catalog-type', and the table's when none is chosen", () => {
    const script = `${SOURCE}
CREATE TABLE ods (id BIGINT) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'catalog-type' = 'hadoop', 'warehouse' = 'file:///w');
INSERT INTO ods SELECT id FROM src;
`;
    const chosen = exportFlinkSql(script, { icebergCatalogType: 'hive' });
    expect(chosen.sql).toContain("CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'hive'");
    expect(chosen.icebergCatalogs).toEqual([{ name: 'lake', catalogType: 'hive' }]);
    expect(chosen.report.find((e) => e.rule === 'iceberg-catalog' && e.statement.includes('ods'))!.message).toContain(
      "the script's 'catalog-type' = 'hadoop' gives way to the chosen hive catalog",
    );
    const own = exportFlinkSql(script);
    expect(own.sql).toContain("'catalog-type' = 'hadoop'");
    expect(own.icebergCatalogs).toEqual([{ name: 'lake', catalogType: 'hadoop' }]);
    expect(own.report.some((e) => e.message.includes('gives way'))).toBe(false);
  });

  it('wraps a bare window TVF in TABLE(...) and rewrites QUALIFY as a Top-N subquery', () => {
    const script = `${SOURCE}
CREATE TABLE w (ws TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole');
CREATE TABLE top (id BIGINT, status STRING) WITH ('connector' = 'blackhole');
INSERT INTO w SELECT window_start, COUNT(*) FROM TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE) GROUP BY window_start, window_end;
INSERT INTO top SELECT id, status FROM src QUALIFY ROW_NUMBER() OVER (PARTITION BY status ORDER BY id) <= 2;
`;
    const r = exportFlinkSql(script);
    expect(r.sql).toContain("FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY");
    expect(r.sql).toContain('INSERT INTO top SELECT id, status FROM (SELECT id, status, ROW_NUMBER() OVER (PARTITION BY status ORDER BY id) AS qualify_rn FROM src ) WHERE qualify_rn <= 2;');
  });

  it('reports a script with errors as run does and exports nothing', () => {
    const r = exportFlinkSql('CREATE TABLE t (a STRNG) WITH (\'connector\' = \'datagen\');');
    expect(r.ok).toBe(false);
    expect(r.sql).toBe('');
    expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
