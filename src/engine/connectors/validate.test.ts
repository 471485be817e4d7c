import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql/index';
import { planScript } from '../plan/index';
import { declarationDiagnostics } from './validate';

function declarationDiags(text: string): string[] {
  const parsed = parseScript(text);
  const { plan } = planScript(parsed.statements);
  return declarationDiagnostics(parsed.statements, plan.tables).map(
    (d) => `${d.span.start.line}:${d.span.start.column} ${d.severity} ${d.code}: ${d.message}`,
  );
}

describe('connector declarations', () => {
  it('unknown, missing and reserved connectors; upsert-kafka needs a key (one supported list)', () => {
    expect(
      declarationDiags(`CREATE TABLE t (a INT, a STRING, ts STRING, PRIMARY KEY (b) NOT ENFORCED, WATERMARK FOR ts AS ts) WITH ('connector' = 'print');
CREATE TABLE t (x INT) WITH ('connector' = 'print');
CREATE TABLE u (x INT, WATERMARK FOR y AS y) WITH ('connector' = 'kafkaa');
CREATE TABLE v (x INT);
CREATE TABLE w (x INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
CREATE TABLE IF NOT EXISTS t (z INT) WITH ('connector' = 'print');
CREATE TABLE k (x INT) WITH ('connector' = 'upsert-kafka');`),
    ).toEqual([
      "3:66 error unknown-connector: unknown connector 'kafkaa'; supported connectors: datagen, filesystem, kafka, upsert-kafka, jdbc, print, blackhole, iceberg",
      "4:14 error missing-connector: table v has no 'connector' option; supported connectors: datagen, filesystem, kafka, upsert-kafka, jdbc, print, blackhole, iceberg",
      "7:14 error primary-key: 'upsert-kafka' tables require a PRIMARY KEY; add PRIMARY KEY (...) NOT ENFORCED to k",
    ]);
  });
});

describe('connector values at compile', () => {
  it('a read option from an OPTIONS hint is reported at the job; a topic declared twice at the table', async () => {
    const { compile } = await import('../index');
    const script = `CREATE TABLE k (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json');
CREATE TABLE s (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id FROM k /*+ OPTIONS('scan.startup.mode' = 'timestamp') */;`;
    const d = compile(script).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/^job-1 \(.*\): 'scan\.startup\.mode' = 'timestamp' needs 'scan\.startup\.timestamp-millis'/);
    expect(d[0]!.span.start.line).toBe(3);
    const twice = compile(`CREATE TABLE a (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json', 'partitions' = '2');
CREATE TABLE b (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json', 'partitions' = '3');`).diagnostics.filter((x) => x.severity === 'error');
    expect(twice.map((x) => [x.message, x.span.start.line, x.span.start.column])).toEqual([["table b: topic 't' is declared with 2 and with 3 partitions", 2, 1]]);
  });
});
