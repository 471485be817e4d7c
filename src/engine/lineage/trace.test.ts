// Traces over the whole script: jobs chain through the tables they write and read, the
// transformations compose along a path (OpenLineage's merge rule), every example answers for
// every column, and a long script's lineage stays cheap.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnLineage, downstreamOf, findColumn, upstreamOf, type ColumnLineageGraph, type LineageTrace } from '../index';

const CHAIN = `
CREATE TABLE ods (id INT, user_id INT, amount INT, status STRING) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
CREATE TABLE users (user_id INT, city STRING) WITH ('connector' = 'filesystem', 'path' = 'u.csv', 'format' = 'csv');
CREATE TABLE dwd (id INT, city STRING, amount INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
CREATE TABLE ads (city STRING, revenue BIGINT, PRIMARY KEY (city) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE side (id INT) WITH ('connector' = 'blackhole');
INSERT INTO dwd SELECT o.id, u.city, o.amount FROM ods o JOIN users u ON o.user_id = u.user_id WHERE o.status = 'PAID';
INSERT INTO ads SELECT city, SUM(amount) FROM dwd GROUP BY city;
INSERT INTO side SELECT id FROM ods;
`;

function graphOf(script: string): ColumnLineageGraph {
  const r = columnLineage(script);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.graph!;
}

const reached = (t: LineageTrace | null) =>
  (t?.columns ?? []).map((c) => `${c.table}.${c.column} ${c.depth} ${c.transformations.map((x) => x.subtype).join('+')} ${c.jobs.join(',')}`).sort();

describe('lineage traces', () => {
  const g = graphOf(CHAIN);

  it('upstream: a table written by one job and read by another chains, and kinds compose along the path', () => {
    const up = upstreamOf(g, 'ads', 'revenue')!;
    expect(reached(up)).toEqual([
      'dwd.amount 1 AGGREGATION job-2',
      'dwd.city 1 GROUP_BY job-2',
      // amount: copied into dwd, then summed; city (a GROUP BY key here) came from the join.
      'ods.amount 2 AGGREGATION job-1',
      'ods.status 2 GROUP_BY+FILTER job-1',
      'ods.user_id 2 JOIN+GROUP_BY job-1',
      'users.city 2 GROUP_BY job-1',
      'users.user_id 2 JOIN+GROUP_BY job-1',
    ]);
    expect(up.tables.sort()).toEqual(['ads', 'dwd', 'ods', 'users']);
    expect(up.jobs).toEqual(['job-1', 'job-2']);
    expect(up.edges.map((e) => `${e.from.table}.${e.from.column}>${e.to.table}.${e.to.column}`).sort()).toEqual(['dwd.amount>ads.revenue', 'ods.amount>dwd.amount', 'users.city>dwd.city']);
  });

  it('downstream: every column that uses a column, over jobs; a control column steers the whole table it decides', () => {
    expect(reached(downstreamOf(g, 'ods', 'amount'))).toEqual(['ads.revenue 2 AGGREGATION job-2', 'dwd.amount 1 IDENTITY job-1']);
    // status only filters dwd: it steers all of dwd's columns and what they feed.
    expect(reached(downstreamOf(g, 'ods', 'status'))).toEqual([
      // Through dwd.city too, which ads groups by.
      'ads.city 2 GROUP_BY+FILTER job-2',
      'ads.revenue 2 GROUP_BY+FILTER job-2',
      'dwd.amount 1 FILTER job-1',
      'dwd.city 1 FILTER job-1',
      'dwd.id 1 FILTER job-1',
    ]);
    expect(reached(downstreamOf(g, 'ods', 'id'))).toEqual(['dwd.id 1 IDENTITY job-1', 'side.id 1 IDENTITY job-3']);
    expect(reached(downstreamOf(g, 'ads', 'revenue'))).toEqual([]);
  });

  it('names match in any case and come back as the script spells them; an unknown column is null', () => {
    expect(findColumn(g, 'ADS', 'Revenue')).toEqual({ table: 'ads', column: 'revenue' });
    expect(upstreamOf(g, 'ads', 'nope')).toBeNull();
    expect(downstreamOf(g, 'nope', 'x')).toBeNull();
  });

  it('a job that reads and writes the same table (a MERGE) is a cycle the trace walks once', () => {
    const m = graphOf(`SET 'execution.runtime-mode' = 'batch';
CREATE TABLE target (id INT, qty INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE fixes (id INT, qty INT) WITH ('connector' = 'filesystem', 'path' = 'f.csv', 'format' = 'csv');
MERGE INTO target AS t USING fixes AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty;`);
    expect(reached(upstreamOf(m, 'target', 'qty'))).toEqual(['fixes.id 1 JOIN job-1', 'fixes.qty 1 TRANSFORMATION job-1', 'target.id 1 JOIN job-1', 'target.qty 1 TRANSFORMATION job-1']);
  });

  it('a script with errors still answers for what planned', () => {
    const r = columnLineage(CHAIN + 'INSERT INTO ads SELECT nope FROM dwd;');
    expect(r.ok).toBe(false);
    expect(r.graph!.jobs).toHaveLength(3);
    expect(columnLineage('CREATE TABLE (').graph?.edges ?? []).toEqual([]);
  });
});

describe('lineage of the examples', () => {
  const dir = join(__dirname, '../../../examples');
  // `*.fix.sql` are repair statements for `freshet run --repair` over another example's tables.
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql') && !f.endsWith('.fix.sql'))) {
    it(`${file}: every column answers upstream and downstream, and every written column has an upstream`, () => {
      const g = graphOf(readFileSync(join(dir, file), 'utf8'));
      expect(g.jobs.length).toBeGreaterThan(0);
      for (const t of g.tables)
        for (const c of t.columns) {
          const up = upstreamOf(g, t.name, c)!;
          const down = downstreamOf(g, t.name, c)!;
          expect(up.root).toEqual({ table: t.name, column: c });
          expect(down.root).toEqual({ table: t.name, column: c });
          for (const r of up.columns) expect(g.tables.some((x) => x.name === r.table && x.columns.includes(r.column))).toBe(true);
        }
      // Every job's sink has at least one column fed by a source column, control columns apart.
      for (const j of g.jobs) expect(g.edges.some((e) => e.job === j.id && e.to.table === j.sinkTable)).toBe(true);
    });
  }
});

describe('lineage by size', () => {
  it('a 200-statement chain (each table from the one before) gives 200 hops and traces end to end', () => {
    const n = 200;
    const ddl = Array.from({ length: n + 1 }, (_, i) => `CREATE TABLE t${i} (k INT, v BIGINT, s STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');`);
    ddl[0] = `CREATE TABLE t0 (k INT, v BIGINT, s STRING) WITH ('connector' = 'filesystem', 'path' = 'a.csv', 'format' = 'csv');`;
    const jobs = Array.from({ length: n }, (_, i) =>
      i % 2 === 0 ? `INSERT INTO t${i + 1} SELECT k, v + 1, s FROM t${i} WHERE k > ${i};` : `INSERT INTO t${i + 1} SELECT k, SUM(v), MAX(s) FROM t${i} GROUP BY k;`,
    );
    const g = graphOf([...ddl, ...jobs].join('\n'));
    expect(g.jobs).toHaveLength(n);
    expect(g.edges).toHaveLength(3 * n);
    const up = upstreamOf(g, `t${n}`, 'v')!;
    // v, and k (a filter or a group key at every hop), at every table before.
    expect(up.columns.filter((c) => c.table === 't0').map((c) => c.column).sort()).toEqual(['k', 'v']);
    expect(up.columns.find((c) => c.table === 't0' && c.column === 'v')!.depth).toBe(n);
    expect(downstreamOf(g, 't0', 'k')!.columns).toHaveLength(3 * n);
  });

  it('an expression of 100,000 chained terms (as long-scripts.test.ts plans them) derives without deep recursion', () => {
    const terms = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? 'a' : 'b')).join(' + ');
    const g = graphOf(`CREATE TABLE src (a INT, b INT) WITH ('connector' = 'filesystem', 'path' = 'a.csv', 'format' = 'csv');
CREATE TABLE out (v BIGINT) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT ${terms} FROM src;`);
    expect(g.edges.map((e) => `${e.from.column} ${e.transformations.map((t) => t.subtype).join()}`).sort()).toEqual(['a TRANSFORMATION', 'b TRANSFORMATION']);
  });
});
