// The warning before a filter on a changing column feeds an Iceberg upsert table, and the
// behaviour it warns about: the simulation keeps the row as Flink + Iceberg do, while a jdbc
// table fed by the same query deletes it.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../index';

const HEAD = `SET 'execution.checkpointing.interval' = '10s';
CREATE TABLE src (id INT, k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '40', 'rows-per-second' = '4',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '40', 'fields.k.min' = '1', 'fields.k.max' = '3');
CREATE TABLE lake (k INT, cnt BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'iceberg', 'format-version' = '2', 'write.upsert.enabled' = 'true');
CREATE TABLE plain (k INT, cnt BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'iceberg', 'format-version' = '2');
CREATE TABLE db (k INT, cnt BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');
`;
const FILTERED = `SELECT k, cnt FROM (SELECT k, COUNT(*) AS cnt FROM src GROUP BY k) WHERE cnt < 5`;

const warnings = (script: string) => compile(script).diagnostics.filter((d) => d.code === 'stale-upsert-rows');

describe('a filter on a changing column in front of an Iceberg upsert table', () => {
  it('is warned at the INSERT, naming the column and the table', () => {
    const w = warnings(`${HEAD}INSERT INTO lake ${FILTERED};`);
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    expect(w[0]!.span.start.line).toBe(7);
    expect(w[0]!.message).toMatch(/job-1 .*filters on cnt.*table lake \('write\.upsert\.enabled'\) ignores UPDATE_BEFORE/);
  });

  it('is not warned for a filter on the key, an insert-only input, a non-upsert table or jdbc', () => {
    expect(warnings(`${HEAD}INSERT INTO lake SELECT k, cnt FROM (SELECT k, COUNT(*) AS cnt FROM src GROUP BY k) WHERE k < 3;`)).toEqual([]);
    expect(warnings(`${HEAD}INSERT INTO lake SELECT k, CAST(id AS BIGINT) FROM src WHERE id < 5;`)).toEqual([]);
    expect(warnings(`${HEAD}INSERT INTO plain ${FILTERED};`)).toEqual([]);
    expect(warnings(`${HEAD}INSERT INTO db ${FILTERED};`)).toEqual([]);
    // A filter below the aggregate reads the insert-only source: the aggregate retracts correctly.
    expect(warnings(`${HEAD}INSERT INTO lake SELECT k, COUNT(*) FROM src WHERE id > 3 GROUP BY k;`)).toEqual([]);
  });

  it('keeps the stale rows in the upsert table, while jdbc and a non-upsert table delete them', () => {
    const script = `${HEAD}INSERT INTO lake ${FILTERED};\nINSERT INTO plain ${FILTERED};\nINSERT INTO db ${FILTERED};`;
    const sim = createSimulation(script, { seed: 1 });
    sim.runFor(120_000);
    const rows = (t: string) => sim.readTable(t).rows;
    // Every key ends with a count of 5 or more (40 rows over 3 keys), so the true answer is empty.
    expect(rows('db')).toEqual([]);
    expect(rows('plain')).toEqual([]);
    expect(rows('lake').length).toBe(3);
    for (const [, cnt] of rows('lake') as [number, number][]) expect(cnt).toBe(4);
  });
});
