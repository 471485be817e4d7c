// Column lineage read off the physical plan, hand-computed for each operator kind the planner
// emits: which source columns reach each sink column, how (OpenLineage's transformations), and
// which columns decide the rows a job writes (dataset-level, INDIRECT).
import { describe, expect, it } from 'vitest';
import { columnLineage, type ColumnLineageGraph } from '../index';

const DDL = `
CREATE TABLE orders (id INT, user_id INT, product STRING, amount INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'o.json', 'format' = 'json');
CREATE TABLE clicks (id INT, user_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE users (user_id INT, city STRING) WITH ('connector' = 'filesystem', 'path' = 'u.csv', 'format' = 'csv');
CREATE TABLE rates (product STRING, rate INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (product) NOT ENFORCED) WITH ('connector' = 'filesystem', 'path' = 'r.json', 'format' = 'changelog-json');
CREATE TABLE dim (user_id INT, city STRING, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'dim');
CREATE TABLE out2 (a STRING, b BIGINT) WITH ('connector' = 'print');
CREATE TABLE out3 (a INT, b INT, c STRING) WITH ('connector' = 'print');
CREATE TABLE outk (k INT, v BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'k');
`;

function graphOf(script: string): ColumnLineageGraph {
  const r = columnLineage(DDL + script);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.graph!;
}

const kinds = (ts: readonly { subtype: string; masking: boolean }[]) => ts.map((t) => t.subtype + (t.masking ? '(masked)' : '')).join('+');

/** `table.column <- from.column KINDS` lines of the edges into `table`, sorted. */
function into(g: ColumnLineageGraph, table: string): string[] {
  return g.edges
    .filter((e) => e.to.table === table)
    .map((e) => `${e.to.column} <- ${e.from.table}.${e.from.column} ${kinds(e.transformations)}`)
    .sort();
}

/** The dataset-level lines (`* <- from.column KINDS`) of the jobs writing `table`, sorted. */
function rowsOf(g: ColumnLineageGraph, table: string): string[] {
  return g.datasetEdges
    .filter((e) => e.table === table)
    .map((e) => `* <- ${e.from.table}.${e.from.column} ${kinds(e.transformations)}`)
    .sort();
}

describe('column lineage per operator', () => {
  it('Calc: a copy is IDENTITY, an expression TRANSFORMATION, CASE conditions CONDITIONAL, WHERE columns FILTER', () => {
    const g = graphOf(`INSERT INTO out3 SELECT id, amount * 2, CASE WHEN amount > 10 THEN product ELSE 'small' END FROM orders WHERE user_id <> 7;`);
    expect(into(g, 'out3')).toEqual([
      'a <- orders.id IDENTITY',
      'b <- orders.amount TRANSFORMATION',
      'c <- orders.amount CONDITIONAL',
      'c <- orders.product IDENTITY',
    ]);
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.user_id FILTER']);
    const e = g.edges.find((x) => x.to.column === 'a')!;
    expect(e.job).toBe('job-1');
    expect(e.operators.map((o) => o.kind)).toEqual(['Source', 'Calc', 'Sink']);
  });

  it('an implicit widening cast keeps IDENTITY, an explicit CAST transforms; COALESCE and IF steer', () => {
    const g = graphOf(`INSERT INTO out3 SELECT CAST(product AS INT), COALESCE(user_id, id), IF(amount > 0, product, 'x') FROM orders;`);
    expect(into(g, 'out3')).toEqual([
      'a <- orders.product TRANSFORMATION',
      'b <- orders.id IDENTITY',
      'b <- orders.user_id IDENTITY+CONDITIONAL',
      'c <- orders.amount CONDITIONAL',
      'c <- orders.product IDENTITY',
    ]);
    const w = graphOf(`INSERT INTO outk SELECT id, amount FROM orders;`);
    expect(into(w, 'outk')).toEqual(['k <- orders.id IDENTITY', 'v <- orders.amount IDENTITY']);
  });

  it('GroupAggregate: keys IDENTITY and GROUP_BY for the rows, arguments AGGREGATION, COUNT masks, FILTER clauses steer one call', () => {
    const g = graphOf(`INSERT INTO out2 SELECT product, SUM(amount) FROM orders GROUP BY product;
INSERT INTO outk SELECT user_id, COUNT(id) FILTER (WHERE amount > 5) FROM orders GROUP BY user_id;`);
    expect(into(g, 'out2')).toEqual(['a <- orders.product IDENTITY', 'b <- orders.amount AGGREGATION']);
    expect(rowsOf(g, 'out2')).toEqual(['* <- orders.product GROUP_BY']);
    expect(into(g, 'outk')).toEqual(['k <- orders.user_id IDENTITY', 'v <- orders.amount FILTER', 'v <- orders.id AGGREGATION(masked)']);
    // COUNT(*) reads no column: the count has only the group to answer to.
    const star = graphOf(`INSERT INTO out2 SELECT product, COUNT(*) FROM orders GROUP BY product;`);
    expect(into(star, 'out2')).toEqual(['a <- orders.product IDENTITY']);
  });

  it('regular join: both sides copied, keys and residual JOIN', () => {
    const g = graphOf(`INSERT INTO out3 SELECT o.id, o.amount, u.city FROM orders o LEFT JOIN users u ON o.user_id = u.user_id AND o.amount > 1;`);
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- orders.amount IDENTITY', 'c <- users.city IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.amount JOIN', '* <- orders.user_id JOIN', '* <- users.user_id JOIN']);
    const city = g.edges.find((e) => e.to.column === 'c')!;
    expect(city.operators.map((o) => o.kind)).toEqual(['Source', 'Join', 'Calc', 'Sink']);
  });

  it('interval join: the time attributes join too', () => {
    const g = graphOf(`INSERT INTO out3 SELECT o.id, c.id, o.product FROM orders o JOIN clicks c ON o.user_id = c.user_id AND c.ts BETWEEN o.ts - INTERVAL '1' HOUR AND o.ts;`);
    expect(g.edges.some((e) => e.operators.some((o) => o.kind === 'IntervalJoin'))).toBe(true);
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- clicks.id IDENTITY', 'c <- orders.product IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- clicks.ts JOIN', '* <- clicks.user_id JOIN', '* <- orders.ts JOIN', '* <- orders.user_id JOIN']);
  });

  it('event-time temporal join: the versioned side is copied; key and both times JOIN', () => {
    const g = graphOf(`INSERT INTO out3 SELECT o.id, r.rate, o.product FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.product = r.product;`);
    expect(g.edges.some((e) => e.operators.some((o) => o.kind === 'TemporalJoin'))).toBe(true);
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- rates.rate IDENTITY', 'c <- orders.product IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.product JOIN', '* <- orders.ts JOIN', '* <- rates.product JOIN', '* <- rates.ts JOIN']);
  });

  it('lookup join: the looked-up table is read by the LookupJoin itself', () => {
    const g = graphOf(`INSERT INTO out3 SELECT o.id, o.amount, d.city FROM orders AS o JOIN dim FOR SYSTEM_TIME AS OF o.pt AS d ON o.user_id = d.user_id;`);
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- orders.amount IDENTITY', 'c <- dim.city IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- dim.user_id JOIN', '* <- orders.user_id JOIN']);
    expect(g.edges.find((e) => e.from.table === 'dim')!.operators.map((o) => o.kind)).toEqual(['LookupJoin', 'Calc', 'Sink']);
  });

  it('window TVF and window aggregation: window bounds TRANSFORMATION of the time attribute, WINDOW and GROUP_BY for the rows', () => {
    const g = graphOf(`INSERT INTO out2 SELECT CAST(window_start AS STRING), SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`);
    expect(into(g, 'out2')).toEqual(['a <- orders.ts TRANSFORMATION', 'b <- orders.amount AGGREGATION']);
    expect(rowsOf(g, 'out2')).toEqual(['* <- orders.ts GROUP_BY+WINDOW']);
    expect(g.edges[0]!.operators.map((o) => o.kind)).toContain('WindowAggregate');
  });

  it('window join: both windowed sides copied; keys and window bounds JOIN', () => {
    const side = `SELECT product, window_start, window_end, SUM(amount) AS s FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY product, window_start, window_end`;
    const g = graphOf(`INSERT INTO out3 SELECT CAST(L.s AS INT), CAST(R.s AS INT), L.product FROM (${side}) L JOIN (${side}) R ON L.product = R.product AND L.window_start = R.window_start AND L.window_end = R.window_end;`);
    expect(g.edges.some((e) => e.operators.some((o) => o.kind === 'WindowJoin'))).toBe(true);
    expect(into(g, 'out3')).toEqual(['a <- orders.amount AGGREGATION', 'b <- orders.amount AGGREGATION', 'c <- orders.product IDENTITY']);
    // Each side groups by product and the window (from ts); the join pairs them on the same.
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.product JOIN+GROUP_BY', '* <- orders.ts JOIN+GROUP_BY+WINDOW']);
  });

  it('a legacy group window (GROUP BY TUMBLE) is the same window aggregation', () => {
    const g = graphOf(`INSERT INTO out2 SELECT product, COUNT(amount) FROM orders GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), product;`);
    expect(into(g, 'out2')).toEqual(['a <- orders.product IDENTITY', 'b <- orders.amount AGGREGATION(masked)']);
    expect(rowsOf(g, 'out2')).toEqual(['* <- orders.product GROUP_BY', '* <- orders.ts GROUP_BY+WINDOW']);
  });

  it('LAG copies a value from an earlier row of the window: a TRANSFORMATION', () => {
    const g = graphOf(`INSERT INTO out3 SELECT id, LAG(amount) OVER (PARTITION BY user_id ORDER BY ts), product FROM orders;`);
    expect(into(g, 'out3').filter((l) => l.startsWith('b '))).toEqual(['b <- orders.amount TRANSFORMATION', 'b <- orders.ts SORT', 'b <- orders.user_id WINDOW']);
  });

  it('DROP_ROW_KIND passes columns through', () => {
    const g = graphOf(`INSERT INTO out2 /*+ DROP_ROW_KIND('kinds'='-U,-D') */ SELECT product, SUM(amount) FROM orders GROUP BY product;`);
    expect(g.edges[0]!.operators.map((o) => o.kind)).toContain('DropRowKind');
    expect(into(g, 'out2')).toEqual(['a <- orders.product IDENTITY', 'b <- orders.amount AGGREGATION']);
  });

  it('a lake table\'s metadata table is a table of its own (its columns describe commits, not values)', () => {
    const g = graphOf(`CREATE TABLE lake (id INT, v INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
CREATE TABLE commits (snapshot_id BIGINT, operation STRING, PRIMARY KEY (snapshot_id) NOT ENFORCED) WITH ('connector' = 'jdbc');
INSERT INTO lake SELECT id, amount FROM orders;
INSERT INTO commits SELECT snapshot_id, operation FROM \`lake$snapshots\`;`);
    expect(into(g, 'commits')).toEqual(['operation <- lake$snapshots.operation IDENTITY', 'snapshot_id <- lake$snapshots.snapshot_id IDENTITY']);
    expect(g.tables.map((t) => t.name)).toContain('lake$snapshots');
  });

  it('OVER aggregation: the call aggregates its argument, PARTITION BY is WINDOW and ORDER BY SORT for that column only', () => {
    const g = graphOf(`INSERT INTO out3 SELECT id, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), product FROM orders;`);
    expect(into(g, 'out3')).toEqual([
      'a <- orders.id IDENTITY',
      'b <- orders.amount AGGREGATION',
      'b <- orders.ts SORT',
      'b <- orders.user_id WINDOW',
      'c <- orders.product IDENTITY',
    ]);
    expect(rowsOf(g, 'out3')).toEqual([]);
  });

  it('Top-N, deduplication and window Top-N: partitions WINDOW, order SORT, for the rows', () => {
    const top = graphOf(`INSERT INTO out3 SELECT id, amount, product FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY product ORDER BY amount DESC) AS rn FROM orders) WHERE rn <= 3;`);
    expect(top.edges.some((e) => e.operators.some((o) => o.kind === 'Rank'))).toBe(true);
    expect(into(top, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- orders.amount IDENTITY', 'c <- orders.product IDENTITY']);
    expect(rowsOf(top, 'out3')).toEqual(['* <- orders.amount SORT', '* <- orders.product WINDOW']);
    const dedup = graphOf(`INSERT INTO out3 SELECT id, amount, product FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM orders) WHERE rn = 1;`);
    expect(dedup.edges.some((e) => e.operators.some((o) => o.kind === 'Deduplicate'))).toBe(true);
    expect(rowsOf(dedup, 'out3')).toEqual(['* <- orders.ts SORT', '* <- orders.user_id WINDOW']);
    const wtop = graphOf(`INSERT INTO out3 SELECT id, amount, product FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY amount DESC) AS rn FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))) WHERE rn <= 2;`);
    expect(wtop.edges.some((e) => e.operators.some((o) => o.kind === 'WindowRank'))).toBe(true);
    expect(rowsOf(wtop, 'out3')).toEqual(['* <- orders.amount SORT', '* <- orders.ts WINDOW']);
  });

  it('the row number, when written, is made of the partition and the order alone', () => {
    const g = graphOf(`INSERT INTO out3 SELECT id, CAST(rn AS INT), product FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY product ORDER BY amount DESC) AS rn FROM orders) WHERE rn <= 3;`);
    expect(into(g, 'out3').filter((l) => l.startsWith('b '))).toEqual(['b <- orders.amount SORT', 'b <- orders.product WINDOW']);
  });

  it('UNION ALL: each position from every branch; a branch filter steers the rows', () => {
    const g = graphOf(`INSERT INTO out3 SELECT id, amount, product FROM orders WHERE amount > 0 UNION ALL SELECT id, user_id, 'click' FROM clicks;`);
    expect(into(g, 'out3')).toEqual(['a <- clicks.id IDENTITY', 'a <- orders.id IDENTITY', 'b <- clicks.user_id IDENTITY', 'b <- orders.amount IDENTITY', 'c <- orders.product IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.amount FILTER']);
  });

  it('TO_CHANGELOG: columns copied, the op code column from no column', () => {
    const g = graphOf(`CREATE TABLE coded (p STRING, op STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO coded SELECT * FROM TO_CHANGELOG(input => TABLE (SELECT product, COUNT(*) AS n FROM orders GROUP BY product) PARTITION BY product);`);
    expect(into(g, 'coded')).toEqual(['p <- orders.product IDENTITY']);
    expect(g.edges[0]!.operators.map((o) => o.kind)).toContain('ToChangelog');
  });

  it('MERGE INTO: each assignment flows into its column, clause conditions steer, a delete filters, ON joins', () => {
    const g = graphOf(`SET 'execution.runtime-mode' = 'batch';
CREATE TABLE target (id INT, name STRING, qty INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE fixes (id INT, name STRING, qty INT, op STRING) WITH ('connector' = 'filesystem', 'path' = 'f.csv', 'format' = 'csv');
MERGE INTO target AS t USING fixes AS s ON t.id = s.id WHEN MATCHED AND s.op = 'd' THEN DELETE WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty WHEN NOT MATCHED THEN INSERT *;`);
    const qty = into(g, 'target').filter((l) => l.startsWith('qty '));
    expect(qty).toEqual(['qty <- fixes.qty IDENTITY+TRANSFORMATION', 'qty <- target.qty TRANSFORMATION']);
    expect(into(g, 'target')).toContain('name <- target.name IDENTITY');
    expect(into(g, 'target')).toContain('name <- fixes.name IDENTITY');
    expect(rowsOf(g, 'target')).toEqual(['* <- fixes.id JOIN', '* <- fixes.op FILTER', '* <- target.id JOIN']);
    expect(g.jobs[0]).toMatchObject({ name: 'MERGE INTO target', sinkTable: 'target' });
  });

  it('VALUES: constants have no upstream', () => {
    const g = graphOf(`INSERT INTO out3 VALUES (1, 2, 'x');`);
    expect(into(g, 'out3')).toEqual([]);
    expect(g.jobs).toHaveLength(1);
  });

  it('computed columns are edges within their table, with no job', () => {
    const g = graphOf(`CREATE TABLE priced (id INT, amount INT, doubled AS amount * 2) WITH ('connector' = 'filesystem', 'path' = 'p.csv', 'format' = 'csv');
INSERT INTO out3 SELECT id, doubled, 'x' FROM priced;`);
    expect(into(g, 'priced')).toEqual(['doubled <- priced.amount TRANSFORMATION']);
    expect(g.edges.find((e) => e.to.table === 'priced')!.job).toBeNull();
    expect(into(g, 'out3')).toEqual(['a <- priced.id IDENTITY', 'b <- priced.doubled IDENTITY']);
  });
});

describe('column lineage across the script', () => {
  it('views and WITH queries dissolve into the plan: lineage names the tables under them', () => {
    const g = graphOf(`CREATE VIEW big AS SELECT id, amount, product FROM orders WHERE amount > 100;
INSERT INTO out3 WITH w AS (SELECT id, amount + 1 AS a1, product FROM big) SELECT id, a1, product FROM w;`);
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- orders.amount TRANSFORMATION', 'c <- orders.product IDENTITY']);
    expect(rowsOf(g, 'out3')).toEqual(['* <- orders.amount FILTER']);
  });

  it('a statement set is one job per INSERT, and a reused (merged) source serves both branches', () => {
    const g = graphOf(`EXECUTE STATEMENT SET BEGIN
INSERT INTO out2 SELECT product, CAST(amount AS BIGINT) FROM orders;
INSERT INTO outk SELECT id, CAST(user_id AS BIGINT) FROM orders;
END;
INSERT INTO out3 SELECT id, amount, product FROM orders /*+ REUSE_SOURCE */ WHERE amount < 10 UNION ALL SELECT id, user_id, product FROM orders;`);
    expect(g.jobs.map((j) => j.sinkTable)).toEqual(['out2', 'outk', 'out3']);
    expect(new Set(g.edges.filter((e) => e.to.table === 'out2').map((e) => e.job))).toEqual(new Set([g.jobs[0]!.id]));
    expect(into(g, 'out3')).toEqual(['a <- orders.id IDENTITY', 'b <- orders.amount IDENTITY', 'b <- orders.user_id IDENTITY', 'c <- orders.product IDENTITY']);
  });
});
