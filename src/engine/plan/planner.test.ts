import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql/index';
import { compileExpr, compilePredicate } from '../expr/compile';
import type { Value } from '../types';
import { planScript, toPipelineGraph } from './index';
// The registry's connector answers, as compile passes them (tests may reach across layers).
import { CONNECTOR_CAPABILITIES } from '../connectors/capabilities';
import type { CalcNode, GroupAggregateNode, JobPlan, JoinNode, PlanNode, SourceNode, ValuesNode } from './graph';

const DDL = `CREATE TABLE ods_orders (
  id BIGINT, sku STRING, amount DECIMAL(10, 2), qty INT, status STRING, ts TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen');
CREATE TABLE ods_cdc (id BIGINT, sku STRING, amount DECIMAL(10, 2)) WITH ('connector' = 'kafka', 'topic' = 'c', 'format' = 'changelog-json');
CREATE TABLE ods_upsert (id BIGINT, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'u', 'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE dim_sku (sku STRING, name STRING, price DOUBLE, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE dwd_orders (id BIGINT, sku STRING, amount DECIMAL(10, 2), name STRING) WITH ('connector' = 'kafka', 'topic' = 'd', 'format' = 'json');
CREATE TABLE dwd_files (id BIGINT, sku STRING) WITH ('connector' = 'filesystem', 'path' = 'x.csv', 'format' = 'csv');
CREATE TABLE dwd_changelog (sku STRING, total DECIMAL(38, 2)) WITH ('connector' = 'kafka', 'topic' = 'cl', 'format' = 'changelog-json');
CREATE TABLE ads_sales (sku STRING, total DECIMAL(10, 2), cnt BIGINT, PRIMARY KEY (sku) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE ads_nokey (sku STRING, total DECIMAL(10, 2), cnt BIGINT) WITH ('connector' = 'jdbc');
CREATE TABLE ads_print (sku STRING, total DECIMAL(10, 2), cnt BIGINT) WITH ('connector' = 'print');
`;
const DDL_LINES = DDL.split('\n').length - 1;

function planOf(sql: string) {
  const parsed = parseScript(DDL + sql);
  expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
  return planScript(parsed.statements, { capabilities: CONNECTOR_CAPABILITIES });
}
/** Plans DDL + sql, expects no diagnostics, returns the jobs. */
function jobs(sql: string): JobPlan[] {
  const r = planOf(sql);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.plan.jobs;
}
function job(sql: string): JobPlan {
  const js = jobs(sql);
  expect(js).toHaveLength(1);
  return js[0]!;
}
/** Diagnostics as `line:col severity code: message`, lines relative to `sql`. */
function diags(sql: string): string[] {
  return planOf(sql).diagnostics.map((d) => `${d.span.start.line - DDL_LINES}:${d.span.start.column} ${d.severity} ${d.code}: ${d.message}`);
}
/** Diagnostics of a script without the shared DDL (absolute line:col). */
function rawDiags(text: string): string[] {
  const parsed = parseScript(text);
  expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
  return planScript(parsed.statements, { capabilities: CONNECTOR_CAPABILITIES }).diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.severity} ${d.code}: ${d.message}`);
}
const kinds = (j: JobPlan) => j.nodes.map((n) => n.kind).join(' -> ');
const node = <K extends PlanNode['kind']>(j: JobPlan, kind: K, nth = 0) => j.nodes.filter((n) => n.kind === kind)[nth] as Extract<PlanNode, { kind: K }>;

describe('binder errors carry line:col and a plain sentence', () => {
  it('unknown column with a suggestion', () => {
    expect(diags(`INSERT INTO ads_sales SELECT sku, SUM(amout), COUNT(*) FROM ods_orders GROUP BY sku;`)).toEqual([
      "1:39 error unknown-column: unknown column 'amout' in table ods_orders; did you mean 'amount'?",
    ]);
  });
  it('unknown qualified column and unknown alias', () => {
    expect(diags(`INSERT INTO dwd_files SELECT o.idd, o.sku FROM ods_orders o;`)[0]).toMatch(/^1:30 error unknown-column: unknown column 'idd' in table ods_orders; did you mean 'id'\?/);
    expect(diags(`INSERT INTO dwd_files SELECT x.id, sku FROM ods_orders o;`)[0]).toBe("1:30 error unknown-table: unknown table or alias 'x'");
  });
  it('ambiguous column', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku;`)).toEqual([
      "1:34 error ambiguous-column: column 'sku' is ambiguous; qualify it as o.sku or d.sku",
    ]);
  });
  it('unknown table with a suggestion', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_order;`)).toEqual([
      "1:43 error unknown-table: unknown table 'ods_order'; did you mean 'ods_orders'?",
    ]);
    expect(diags(`INSERT INTO nowhere SELECT id, sku FROM ods_orders;`)[0]).toBe("1:13 error unknown-table: unknown table 'nowhere'");
  });
  it('aggregate in WHERE, nested aggregates, non-grouped columns', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders WHERE SUM(qty) > 1;`)).toEqual([
      '1:60 error misplaced-aggregate: aggregate function SUM is not allowed in WHERE; filter groups with HAVING',
    ]);
    expect(diags(`INSERT INTO ads_sales SELECT sku, SUM(COUNT(*)), 1 FROM ods_orders GROUP BY sku;`)).toEqual([
      '1:39 error misplaced-aggregate: aggregate function COUNT cannot be nested inside another aggregate function',
    ]);
    expect(diags(`INSERT INTO ads_sales SELECT status, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`)).toEqual([
      "1:30 error not-grouped: column 'status' must appear in GROUP BY or be used in an aggregate function",
    ]);
    expect(diags(`INSERT INTO ads_sales SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku HAVING qty > 1;`)[0]).toMatch(
      /column 'qty' must appear in GROUP BY/,
    );
  });
  it('INSERT column count and column list', () => {
    expect(diags(`INSERT INTO ads_sales SELECT sku, SUM(amount) FROM ods_orders GROUP BY sku;`)).toEqual([
      '1:23 error column-count: INSERT INTO ads_sales has 3 columns but the query produces 2',
    ]);
    expect(diags(`INSERT INTO ads_sales (sku, cnt) SELECT sku, COUNT(*), 1 FROM ods_orders GROUP BY sku;`)[0]).toMatch(
      /INSERT INTO ads_sales lists 2 columns but the query produces 3/,
    );
    // a column list fills the rest with NULL
    const j = job(`INSERT INTO ads_sales (sku, cnt) SELECT sku, COUNT(*) FROM ods_orders GROUP BY sku;`);
    const calc = j.nodes[j.nodes.length - 2] as CalcNode;
    expect(calc.projections[1]).toMatchObject({ op: 'lit', value: null });
  });
  it('type compatibility with the sink: numeric widening and to STRING pass, BOOLEAN into INT fails', () => {
    jobs(`INSERT INTO ads_print SELECT sku, qty, qty FROM ods_orders;`);
    jobs(`INSERT INTO dwd_files SELECT qty, amount FROM ods_orders;`);
    expect(diags(`INSERT INTO dwd_files SELECT id, status = 'x' FROM ods_orders;\nINSERT INTO ads_print SELECT sku, status = 'x', 1 FROM ods_orders;`)).toEqual([
      "2:35 error type-mismatch: cannot write BOOLEAN into column 'total' DECIMAL(10, 2) of ads_print",
    ]);
    expect(diags(`INSERT INTO dwd_files SELECT ts, sku FROM ods_orders;`)[0]).toMatch(/cannot write TIMESTAMP\(3\) into column 'id' BIGINT of dwd_files/);
  });
  it('type errors in expressions', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id + sku, sku FROM ods_orders;`)[0]).toBe("1:30 error type-mismatch: cannot apply '+' to BIGINT and STRING");
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders WHERE qty;`)[0]).toBe('1:60 error type-mismatch: the WHERE condition must be BOOLEAN, found INT');
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders WHERE qty = 'abc';`)[0]).toMatch(/'abc' is not a valid INT/);
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders WHERE ts = sku;`)).toEqual([]);
  });
  it('unknown function is rejected by the binder with line:col', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, UPPR(sku) FROM ods_orders;`)).toEqual([
      '1:34 error unknown-function: unknown function UPPR; did you mean UPPER?',
    ]);
    expect(diags(`INSERT INTO dwd_files SELECT id, CONSTRUCTOR(sku) FROM ods_orders;`)[0]).toMatch(/unknown function CONSTRUCTOR/);
    expect(diags(`INSERT INTO dwd_files SELECT id, UPPER(sku, sku) FROM ods_orders;`)[0]).toMatch(/UPPER takes 1 argument, got 2/);
  });
  it('HAVING without GROUP BY is a global aggregate', () => {
    const j = job(`INSERT INTO ads_print SELECT 'all', SUM(amount), COUNT(*) FROM ods_orders HAVING COUNT(*) > 0;`);
    expect(kinds(j)).toBe('Source -> Calc -> GroupAggregate -> Calc -> Sink');
    expect(node(j, 'GroupAggregate').groupKeys).toEqual([]);
  });
  it('ORDER BY / LIMIT, set operations, subqueries are rejected', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders ORDER BY id;`)).toEqual([
      '1:63 error unsupported: ORDER BY is not supported in a streaming job',
    ]);
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders LIMIT 3;`)[0]).toBe('1:60 error unsupported: LIMIT is not supported in a streaming job');
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders UNION SELECT id, sku FROM ods_orders;`)[0]).toMatch(
      /not supported yet: UNION without ALL/,
    );
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders INTERSECT SELECT id, sku FROM ods_orders;`)[0]).toMatch(/not supported yet: INTERSECT/);
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders EXCEPT SELECT id, sku FROM ods_orders;`)[0]).toMatch(/not supported yet: EXCEPT/);
    expect(diags(`INSERT INTO dwd_files SELECT id, (SELECT MAX(sku) FROM dim_sku) FROM ods_orders;`)[0]).toMatch(/1:34 error unsupported: not supported: scalar subqueries/);
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders WHERE sku IN (SELECT sku FROM dim_sku);`)[0]).toMatch(/not supported: IN \(subquery\)/);
  });
  it('joins need an equality between both sides; CROSS JOIN is rejected; comma join with WHERE equality works', () => {
    expect(diags(`INSERT INTO dwd_files SELECT o.id, d.sku FROM ods_orders o JOIN dim_sku d ON o.amount > d.price;`)).toEqual([
      '1:78 error join-condition: a regular join needs an equality condition between both sides, e.g. ON a.id = b.id',
    ]);
    expect(diags(`INSERT INTO dwd_files SELECT o.id, d.sku FROM ods_orders o CROSS JOIN dim_sku d;`)[0]).toMatch(/not supported: a join without a condition/);
    const j = job(`INSERT INTO dwd_files SELECT o.id, d.sku FROM ods_orders o, dim_sku d WHERE o.sku = d.sku AND o.qty > 1;`);
    expect(kinds(j)).toBe('Source -> Source -> Calc -> Join -> Calc -> Sink');
    expect(node(j, 'Join')).toMatchObject({ joinType: 'INNER', leftKeys: [1], rightKeys: [0], residual: null });
  });
  it('one statement with an error does not stop the others', () => {
    const r = planOf(`INSERT INTO dwd_files SELECT nope, sku FROM ods_orders;\nINSERT INTO dwd_files SELECT id, sku FROM ods_orders;`);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.plan.jobs.map((j) => j.id)).toEqual(['job-2']);
  });
});

describe('CREATE TABLE validation', () => {
  // Connector checks (unknown, missing, reserved, upsert-kafka's key) are in connectors/validate.test.ts.
  it('duplicates, keys, watermarks', () => {
    expect(
      rawDiags(`CREATE TABLE t (a INT, a STRING, ts STRING, PRIMARY KEY (b) NOT ENFORCED, WATERMARK FOR ts AS ts) WITH ('connector' = 'print');
CREATE TABLE t (x INT) WITH ('connector' = 'print');
CREATE TABLE u (x INT, WATERMARK FOR y AS y) WITH ('connector' = 'kafkaa');
CREATE TABLE v (x INT);
CREATE TABLE w (x INT) WITH ('connector' = 'iceberg', 'catalog-name' = 'c');
CREATE TABLE IF NOT EXISTS t (z INT) WITH ('connector' = 'print');
CREATE TABLE k (x INT) WITH ('connector' = 'upsert-kafka');`),
    ).toEqual([
      "1:24 error duplicate-column: column 'a' is declared twice in table t",
      "1:58 error unknown-column: primary key column 'b' is not a column of table t",
      "1:89 error watermark: watermark column 'ts' must be TIMESTAMP(3) or TIMESTAMP_LTZ(3), found STRING",
      "2:14 error duplicate-table: table 't' is already defined at line 1",
      "3:38 error unknown-column: watermark column 'y' is not a column of table u",
    ]);
  });
  it('MERGE INTO plans a job (merge.test.ts has the details); its target needs a key', () => {
    expect(
      rawDiags(`CREATE TABLE a (id INT, v INT) WITH ('connector' = 'print');
CREATE TABLE b (id INT, v INT) WITH ('connector' = 'print');
MERGE INTO a USING b ON a.id = b.id WHEN MATCHED THEN UPDATE SET v = b.v;`),
    ).toEqual([expect.stringMatching(/^3:12 error merge-target: MERGE INTO a needs a PRIMARY KEY/)]);
  });
  it('builds a TableDef: layer, key, watermark, partitions, computed and metadata columns', () => {
    const parsed = parseScript(`CREATE TABLE ods_events (
  id BIGINT NOT NULL, payload STRING, dt STRING, raw_ts BIGINT,
  ts AS TO_TIMESTAMP_LTZ(raw_ts, 3),
  kts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  PRIMARY KEY (id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) COMMENT 'events' PARTITIONED BY (dt) WITH ('connector' = 'kafka', 'topic' = 'e', 'format' = 'json');`);
    const r = planScript(parsed.statements, { capabilities: CONNECTOR_CAPABILITIES });
    expect(r.diagnostics).toEqual([]);
    const t = r.plan.tables[0]!;
    expect(t).toMatchObject({
      name: 'ods_events',
      layer: 'ODS',
      connector: 'kafka',
      primaryKey: ['id'],
      primaryKeyIndices: [0],
      partitionedBy: ['dt'],
      comment: 'events',
      watermark: { column: 'ts', expression: 'ts - INTERVAL ' + "'2' SECOND" },
      options: { connector: 'kafka', topic: 'e', format: 'json' },
    });
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:BIGINT', 'payload:STRING', 'dt:STRING', 'raw_ts:BIGINT', 'ts:TIMESTAMP_LTZ(3)', 'kts:TIMESTAMP_LTZ(3)']);
    expect(t.computedColumns).toEqual([{ index: 4, expr: expect.objectContaining({ op: 'call', fn: 'to_timestamp_ltz' }) }]);
    expect(t.metadataColumns).toEqual([{ index: 5, key: 'timestamp', virtual: true }]);
    expect(t.watermarkDef!.column).toBe(4);
    // the watermark expression evaluates over the row in declared order
    const wm = compileExpr(t.watermarkDef!.expr);
    expect(wm([1, 'p', '2024', 10_000, 10_000, null])).toBe(8_000);
    const comp = compileExpr(t.computedColumns![0]!.expr);
    expect(comp([1, 'p', '2024', 10_000, null, null])).toBe(10_000);
  });
});

describe('hints', () => {
  it('unknown hints are warnings with their span', () => {
    const r = diags(`INSERT INTO ads_sales SELECT /*+ FOO('a'='b') */ sku, SUM(amount), COUNT(*) FROM ods_orders /*+ BAR */ GROUP BY sku;`);
    expect(r).toEqual(['1:34 warning unknown-hint: unknown hint FOO; it is ignored', '1:97 warning unknown-hint: unknown hint BAR; it is ignored']);
  });
  it('STATE_TTL sets the TTL of the aggregate or of each join side; hints stay on their nodes', () => {
    const j = job(`INSERT INTO ads_sales SELECT /*+ STATE_TTL('o'='1d') */ sku, SUM(amount), COUNT(*) FROM ods_orders o GROUP BY sku;`);
    const agg = node(j, 'GroupAggregate');
    expect(agg.stateTtlMs).toBe(86_400_000);
    expect(agg.hints).toMatchObject([{ name: 'STATE_TTL', options: { o: '1d' } }]);
    const j2 = job(
      `INSERT INTO dwd_orders SELECT /*+ STATE_TTL('o'='12h', 'd'='30 d') */ o.id, o.sku, o.amount, d.name FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku;`,
    );
    expect(node(j2, 'Join')).toMatchObject({ leftStateTtlMs: 12 * 3_600_000, rightStateTtlMs: 30 * 86_400_000 });
    expect(diags(`INSERT INTO ads_sales SELECT /*+ STATE_TTL('x'='1d') */ sku, SUM(amount), COUNT(*) FROM ods_orders o GROUP BY sku;`)[0]).toMatch(
      /warning unknown-hint: STATE_TTL names 'x'/,
    );
    expect(diags(`INSERT INTO ads_sales SELECT /*+ STATE_TTL('o'='forever') */ sku, SUM(amount), COUNT(*) FROM ods_orders o GROUP BY sku;`)[0]).toMatch(
      /error invalid-hint: invalid duration 'forever'/,
    );
  });
  it('OPTIONS on a table reference become option overrides; extensions are kept', () => {
    const j = job(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders /*+ OPTIONS('rows-per-second'='5'), REUSE_SOURCE */;`);
    const src = node(j, 'Source');
    expect(src.optionOverrides).toEqual({ 'rows-per-second': '5' });
    expect(src.hints.map((h) => h.name)).toEqual(['OPTIONS', 'REUSE_SOURCE']);
  });
  it('STATE_CLEANUP is kept on the aggregate; without one it is a warning', () => {
    const j = job(`INSERT INTO ads_sales SELECT /*+ STATE_CLEANUP('ttl'='30d', 'condition'='sku = ''sold_out''') */ sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`);
    expect(node(j, 'GroupAggregate').hints).toMatchObject([{ name: 'STATE_CLEANUP', options: { ttl: '30d', condition: "sku = 'sold_out'" } }]);
    expect(diags(`INSERT INTO dwd_files SELECT /*+ STATE_CLEANUP('ttl'='30d') */ id, sku FROM ods_orders;`)).toEqual([
      '1:34 warning unknown-hint: STATE_CLEANUP has no join or aggregation in this query to apply to; it is ignored',
    ]);
  });
  it('DROP_ROW_KIND inserts a DropRowKind before the sink; dropping -U,-D makes an append stream', () => {
    const j = job(`INSERT INTO dwd_changelog /*+ DROP_ROW_KIND('kinds'='-U') */ SELECT sku, SUM(amount) FROM ods_orders GROUP BY sku;`);
    expect(kinds(j)).toBe('Source -> Calc -> GroupAggregate -> DropRowKind -> Sink');
    expect(node(j, 'DropRowKind')).toMatchObject({ dropKinds: [1], changelogMode: 'upsert', label: 'DropRowKind(kinds=[-U])' });
    const j2 = job(`INSERT INTO dwd_files SELECT /*+ DROP_ROW_KIND('kinds'='-U,-D') */ id, sku FROM ods_cdc;`);
    expect(node(j2, 'DropRowKind')).toMatchObject({ dropKinds: [1, 3], changelogMode: 'insert-only' });
  });
});

describe('changelog modes and sink checks', () => {
  it('sources: datagen insert-only, changelog-json retract, upsert-kafka upsert', () => {
    expect(node(job(`INSERT INTO ads_print SELECT sku, amount, qty FROM ods_orders;`), 'Source').changelogMode).toBe('insert-only');
    const cdc = job(`INSERT INTO dwd_changelog SELECT sku, amount FROM ods_cdc;`);
    expect(cdc.nodes.map((n) => n.changelogMode)).toEqual(['retract', 'retract', 'retract']);
    expect(node(job(`INSERT INTO ads_print SELECT v, id, id FROM ods_upsert;`), 'Source').changelogMode).toBe('upsert');
  });
  it('an aggregate feeds updates; an append-only sink rejects them with Flink’s sentence', () => {
    expect(diags(`INSERT INTO dwd_files SELECT COUNT(*), sku FROM ods_orders GROUP BY sku;`)).toEqual([
      "1:1 error changelog-mode: Table sink 'default_catalog.default_database.dwd_files' doesn't support consuming update changes which is produced by node GroupAggregate(groupBy=[sku], select=[sku, COUNT(*) AS EXPR$0])",
    ]);
    expect(diags(`INSERT INTO dwd_orders SELECT id, sku, amount, 'x' FROM ods_cdc;`)[0]).toMatch(
      /doesn't support consuming update and delete changes which is produced by node TableSourceScan\(table=\[\[default_catalog, default_database, ods_cdc\]\]/,
    );
    expect(diags(`INSERT INTO dwd_orders SELECT o.id, o.sku, o.amount, d.name FROM ods_orders o LEFT JOIN dim_sku d ON o.sku = d.sku;`)[0]).toMatch(
      /doesn't support consuming update and delete changes which is produced by node Join\(joinType=\[LeftOuterJoin\], where=\[=\(sku, sku0\)\]/,
    );
  });
  it('upsert sinks need a primary key; print and changelog kafka accept everything', () => {
    expect(diags(`INSERT INTO ads_nokey SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`)[0]).toMatch(
      /Table sink 'default_catalog.default_database.ads_nokey' requires a PRIMARY KEY to accept updates/,
    );
    jobs(`INSERT INTO ads_sales SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`);
    jobs(`INSERT INTO ads_print SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`);
    jobs(`INSERT INTO dwd_changelog SELECT sku, SUM(amount) FROM ods_orders GROUP BY sku;`);
    // insert-only into an append-only sink is fine
    jobs(`INSERT INTO dwd_files SELECT id, sku FROM ods_orders;`);
  });
  it('joins: inner of insert-only inputs is insert-only, outer is retract, retract input propagates; union takes the max', () => {
    const inner = job(`INSERT INTO dwd_orders SELECT o.id, o.sku, o.amount, d.name FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku;`);
    expect(node(inner, 'Join').changelogMode).toBe('insert-only');
    const left = job(`INSERT INTO ads_print SELECT o.sku, o.amount, 1 FROM ods_orders o LEFT JOIN dim_sku d ON o.sku = d.sku;`);
    expect(node(left, 'Join').changelogMode).toBe('retract');
    const cdcJoin = job(`INSERT INTO ads_print SELECT c.sku, c.amount, 1 FROM ods_cdc c JOIN dim_sku d ON c.sku = d.sku;`);
    expect(node(cdcJoin, 'Join').changelogMode).toBe('retract');
    const u = job(`INSERT INTO ads_print SELECT sku, amount, 1 FROM ods_orders UNION ALL SELECT sku, amount, 2 FROM ods_cdc;`);
    expect(node(u, 'Union').changelogMode).toBe('retract');
    const agg = job(`INSERT INTO ads_print SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`);
    expect(agg.nodes.map((n) => n.changelogMode)).toEqual(['insert-only', 'insert-only', 'retract', 'retract', 'retract']);
  });
});

describe('plan shapes', () => {
  it('filter + projection: one Calc, labels like Flink EXPLAIN', () => {
    const j = job(`INSERT INTO dwd_files SELECT id, sku FROM (SELECT id, sku, qty * 2 AS q FROM ods_orders WHERE status = 'paid') t WHERE q > 4;`);
    expect(kinds(j)).toBe('Source -> Calc -> Sink');
    const calc = node(j, 'Calc');
    expect(calc.label).toBe("Calc(select=[id, sku], where=[(status = 'paid') AND ((qty * 2) > 4)])");
    expect(node(j, 'Source').label).toBe('TableSourceScan(table=[[default_catalog, default_database, ods_orders]], fields=[id, sku, amount, qty, status, ts])');
    expect(node(j, 'Sink').label).toBe('Sink(table=[default_catalog.default_database.dwd_files], fields=[id, sku])');
    const keep = compilePredicate(calc.filter!);
    expect(keep([1, 'a', 1, 3, 'paid', 0])).toBe(true);
    expect(keep([1, 'a', 1, 2, 'paid', 0])).toBe(false);
    expect(keep([1, 'a', 1, 3, null, 0])).toBe(false);
    const j2 = job(`INSERT INTO dwd_files SELECT * FROM (SELECT id, sku FROM ods_orders);`);
    expect(kinds(j2)).toBe('Source -> Calc -> Sink');
  });
  it('group aggregation: Calc (keys, args, filters) -> GroupAggregate -> Calc (HAVING, final projection)', () => {
    const j = job(
      `INSERT INTO ads_sales SELECT UPPER(sku) AS s, SUM(amount * qty) AS total, COUNT(DISTINCT id) FILTER (WHERE status = 'paid') FROM ods_orders WHERE qty > 0 GROUP BY UPPER(sku) HAVING SUM(amount * qty) > 10;`,
    );
    expect(kinds(j)).toBe('Source -> Calc -> GroupAggregate -> Calc -> Sink');
    const pre = node(j, 'Calc', 0);
    expect(pre.label).toBe("Calc(select=[UPPER(sku) AS $f0, amount * qty AS $f1, id, status = 'paid' AS $f3], where=[qty > 0])");
    const agg = node(j, 'GroupAggregate');
    expect(agg.groupKeys).toEqual([0]);
    expect(agg.aggs).toMatchObject([
      { fn: 'SUM', arg: 1, distinct: false, filter: null, type: { name: 'DECIMAL', precision: 38, scale: 2 } },
      { fn: 'COUNT', arg: 2, distinct: true, filter: 3, type: { name: 'BIGINT' } },
    ]);
    expect(agg.label).toBe('GroupAggregate(groupBy=[EXPR$0], select=[EXPR$0, SUM($f1) AS total, COUNT(DISTINCT id) FILTER $f3 AS EXPR$2])');
    const post = node(j, 'Calc', 1);
    expect(post.filter).toMatchObject({ op: 'call', fn: '>' });
    expect(agg.uniqueKey).toEqual([0]);
  });
  it('Flink result types: COUNT BIGINT, SUM(INT) INT, AVG(INT) INT, AVG(DECIMAL) DECIMAL(38, 6)', () => {
    const j = job(`INSERT INTO ads_print SELECT sku, AVG(amount), SUM(qty) + AVG(qty) FROM ods_orders GROUP BY sku;`);
    expect(node(j, 'GroupAggregate').aggs.map((a) => `${a.fn}:${a.type.name}${a.type.scale ?? ''}`)).toEqual(['AVG:DECIMAL6', 'SUM:INT', 'AVG:INT']);
  });
  it('SELECT DISTINCT is a GroupAggregate without aggregates', () => {
    const j = job(`INSERT INTO dwd_changelog SELECT DISTINCT sku, amount FROM ods_orders;`);
    expect(kinds(j)).toBe('Source -> Calc -> GroupAggregate -> Sink');
    expect(node(j, 'GroupAggregate')).toMatchObject({ groupKeys: [0, 1], aggs: [], changelogMode: 'retract' });
  });
  it('join: equi-keys from ON, residual, single-side predicates pushed below an inner join', () => {
    const j = job(
      `INSERT INTO dwd_orders SELECT o.id, o.sku, o.amount, d.name FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku AND o.amount > d.price AND d.name <> '' WHERE o.status = 'paid' AND d.price > 1;`,
    );
    expect(kinds(j)).toBe('Source -> Source -> Calc -> Calc -> Join -> Calc -> Sink');
    const join = node(j, 'Join') as JoinNode;
    expect(join).toMatchObject({ joinType: 'INNER', leftKeys: [1], rightKeys: [0] });
    expect(join.label).toBe('Join(joinType=[InnerJoin], where=[AND(=(sku, sku0), >(amount, price))], select=[id, sku, amount, qty, status, ts, sku0, name, price])');
    expect(node(j, 'Calc', 0).label).toBe("Calc(select=[id, sku, amount, qty, status, ts], where=[status = 'paid'])");
    expect(node(j, 'Calc', 1).label).toBe("Calc(select=[sku, name, price], where=[(price > 1) AND (name <> '')])");
    // residual evaluates over left ++ right
    const res = compileExpr(join.residual!);
    expect(res([1, 'a', 5, 1, 'paid', 0, 'a', 'n', 2])).toBe(true);
  });
  it('join on computed keys: each input computes its key expressions, a Calc drops them after the join (as Flink)', () => {
    const j = job(
      `INSERT INTO ads_print SELECT o.sku, o.amount, d.price FROM ods_orders o LEFT JOIN dim_sku d ON UPPER(o.sku) = UPPER(d.sku) AND o.qty + 1 = d.price AND o.amount > d.price WHERE o.status = 'paid';`,
    );
    expect(kinds(j)).toBe('Source -> Source -> Calc -> Calc -> Join -> Calc -> Sink');
    expect(node(j, 'Calc', 0).label).toBe("Calc(select=[id, sku, amount, qty, status, ts, UPPER(sku) AS $f6, qty + 1 AS $f7], where=[status = 'paid'])");
    // A key that is a plain column on one side stays that column.
    expect(node(j, 'Calc', 1).label).toBe('Calc(select=[sku, name, price, UPPER(sku) AS $f3])');
    const join = node(j, 'Join') as JoinNode;
    expect(join).toMatchObject({ joinType: 'LEFT', leftKeys: [6, 7], rightKeys: [3, 2] });
    expect(join.label).toBe(
      'Join(joinType=[LeftOuterJoin], where=[AND(=($f6, $f3), =($f7, price), >(amount, price))], select=[id, sku, amount, qty, status, ts, $f6, $f7, sku0, name, price, $f3])',
    );
    // The residual reads the right side past the left's key columns: amount (2) > price (10).
    const res = compileExpr(join.residual!);
    expect(res([1, 'a', 5, 1, 'paid', 0, 'A', 2, 'a', 'n', 2, 'A'])).toBe(true);
    expect(res([1, 'a', 1, 1, 'paid', 0, 'A', 2, 'a', 'n', 2, 'A'])).toBe(false);
    // The right side (key columns included) is nullable in a LEFT join; the sink sees the query's columns only.
    expect(join.schema.columns.slice(8).every((c) => c.type.nullable)).toBe(true);
    expect(node(j, 'Calc', 2).label).toBe('Calc(select=[sku, amount AS total, CAST(price AS BIGINT) AS cnt])');
    expect(node(j, 'Sink').inputs).toEqual([node(j, 'Calc', 2).id]);
  });
  it('computed keys also come from WHERE for a comma join, and from either order of the sides', () => {
    const j = job(`INSERT INTO dwd_files SELECT o.id, d.sku FROM ods_orders o, dim_sku d WHERE LOWER(d.name) = o.status || 'x' AND o.qty > 1;`);
    expect(kinds(j)).toBe('Source -> Source -> Calc -> Calc -> Join -> Calc -> Sink');
    expect(node(j, 'Join')).toMatchObject({ joinType: 'INNER', leftKeys: [6], rightKeys: [3], residual: null });
    expect(node(j, 'Calc', 0).label).toBe("Calc(select=[id, sku, amount, qty, status, ts, CONCAT(status, 'x') AS $f6], where=[qty > 1])");
    expect(node(j, 'Calc', 1).label).toBe('Calc(select=[sku, name, price, LOWER(name) AS $f3])');
    // An expression over one side only is still no join key.
    expect(diags(`INSERT INTO dwd_files SELECT o.id, d.sku FROM ods_orders o JOIN dim_sku d ON UPPER(o.sku) = o.status;`)).toEqual([
      '1:78 error join-condition: a regular join needs an equality condition between both sides, e.g. ON a.id = b.id',
    ]);
  });
  it('left join keeps left-side ON conditions in the join and pushes right-side ones', () => {
    const j = job(
      `INSERT INTO ads_print SELECT o.sku, o.amount, 1 FROM ods_orders o LEFT JOIN dim_sku d ON o.sku = d.sku AND o.qty > 1 AND d.price > 2 WHERE o.status = 'x';`,
    );
    const join = node(j, 'Join') as JoinNode;
    expect(join.joinType).toBe('LEFT');
    expect(join.residual).toMatchObject({ fn: '>' });
    expect(kinds(j)).toBe('Source -> Source -> Calc -> Calc -> Join -> Calc -> Sink');
    expect(join.schema.columns.slice(6).every((c) => c.type.nullable)).toBe(true);
  });
  it('USING joins and three-way joins', () => {
    const j = job(`INSERT INTO dwd_files SELECT o.id, sku FROM ods_orders o JOIN dim_sku d USING (sku);`);
    expect(node(j, 'Join')).toMatchObject({ leftKeys: [1], rightKeys: [0] });
    const j3 = job(
      `INSERT INTO dwd_orders SELECT a.id, a.sku, b.amount, d.name FROM ods_orders a JOIN ods_orders b ON a.id = b.id JOIN dim_sku d ON b.sku = d.sku;`,
    );
    // The self-join's two scans have one digest: Flink's source reuse reads ods_orders once.
    expect(j3.nodes.filter((n) => n.kind === 'Source')).toHaveLength(2);
    expect(node(j3, 'Join', 0).inputs).toEqual([1, 1]);
    expect(node(j3, 'Join', 1)).toMatchObject({ leftKeys: [7], rightKeys: [0] });
  });
  it('UNION ALL -> one Union over all inputs, with casts to the common type', () => {
    const j = job(
      `INSERT INTO ads_print SELECT sku, amount, qty FROM ods_orders UNION ALL SELECT sku, price, 1 FROM dim_sku UNION ALL SELECT 'x', 1, 2 FROM ods_orders;`,
    );
    const u = node(j, 'Union');
    expect(u.inputs).toHaveLength(3);
    expect(u.schema.columns.map((c) => c.type.name)).toEqual(['STRING', 'DOUBLE', 'INT']);
  });
  it('VALUES -> a Values node with constant rows', () => {
    const j = job(`INSERT INTO ads_print VALUES ('a', 1.5, 1), ('b', NULL, 2 + 3);`);
    expect(kinds(j)).toBe('Values -> Sink');
    const v = node(j, 'Values') as ValuesNode;
    expect(v.rows).toEqual([
      ['a', 1.5, 1],
      ['b', null, 5],
    ]);
    const j2 = job(`INSERT INTO dwd_files SELECT id, name FROM (VALUES (1, 'x'), (2, 'y')) AS t (id, name) WHERE id > 1;`);
    expect(kinds(j2)).toBe('Values -> Calc -> Sink');
  });
  it('CTEs and subqueries are inlined; a table read twice with the same digest is one Source (source reuse)', () => {
    const j = job(`INSERT INTO dwd_orders
WITH paid AS (SELECT * FROM ods_orders WHERE status = 'paid'),
     big AS (SELECT id, sku, amount FROM paid WHERE amount > 100)
SELECT b.id, b.sku, b.amount, p.status FROM big b JOIN paid p ON b.id = p.id;`);
    // ods_orders (kafka) takes no push-down, so both scans are the same and Flink reuses one.
    expect(j.nodes.filter((n) => n.kind === 'Source').map((n) => (n as SourceNode).table)).toEqual(['ods_orders']);
    expect(j.sourceTables).toEqual(['ods_orders']);
    expect(kinds(j)).toBe('Source -> Calc -> Calc -> Join -> Calc -> Sink');
    expect((node(j, 'Source') as SourceNode).reads).toBe(2);
  });
  it('casts the final projection to the sink types', () => {
    const j = job(`INSERT INTO ads_sales SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;`);
    const final = j.nodes[j.nodes.length - 2] as CalcNode;
    expect(final.projections[1]).toMatchObject({ op: 'cast', type: { name: 'DECIMAL', precision: 10, scale: 2 } });
    expect(final.schema.columns.map((c) => c.name)).toEqual(['sku', 'total', 'cnt']);
  });
  it('expressions evaluate through the compiled Calc', () => {
    const j = job(
      `INSERT INTO dwd_files SELECT CAST(EXTRACT(HOUR FROM ts) AS BIGINT), CONCAT(UPPER(sku), '-', DATE_FORMAT(FLOOR(ts TO HOUR), 'yyyy-MM-dd HH:mm')) FROM ods_orders WHERE sku LIKE 'a%' AND ts >= TIMESTAMP '2024-01-01 00:00:00' AND ts < '2025-01-01' + INTERVAL '1' MONTH;`,
    );
    const calc = node(j, 'Calc');
    const ts = Date.UTC(2024, 5, 1, 13, 45);
    const row: Value[] = [1, 'abc', 1, 1, 'paid', ts];
    expect(compilePredicate(calc.filter!)(row)).toBe(true);
    expect(calc.projections.map((p) => compileExpr(p)(row))).toEqual([13, 'ABC-2024-06-01 13:00']);
  });
});

describe('script-level planning', () => {
  it('settings (last wins), parallelism, job ids, statement sets, the pipeline graph', () => {
    const r = planOf(`SET 'parallelism.default' = '4';
SET 'table.exec.state.ttl' = '1h';
SET 'table.exec.state.ttl' = '2h';
EXECUTE STATEMENT SET BEGIN
INSERT INTO dwd_files SELECT id, sku FROM ods_orders;
INSERT INTO ads_sales SELECT sku, SUM(amount), COUNT(*) FROM ods_orders GROUP BY sku;
END;`);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan.settings).toEqual({ 'parallelism.default': '4', 'table.exec.state.ttl': '2h' });
    expect(r.plan.jobs.map((j) => [j.id, j.name])).toEqual([
      ['job-1', 'INSERT INTO dwd_files'],
      ['job-2', 'INSERT INTO ads_sales'],
    ]);
    expect(r.plan.jobs[0]!.nodes.every((n) => n.parallelism === 4)).toBe(true);
    const g = toPipelineGraph(r.plan);
    expect(g.tables.map((t) => t.name)).toContain('ods_orders');
    expect(g.jobs[1]!.operators.map((o) => [o.id, o.kind, o.inputs, o.changelogMode])).toEqual([
      [1, 'Source', [], 'insert-only'],
      [2, 'Calc', [1], 'insert-only'],
      [3, 'GroupAggregate', [2], 'retract'],
      [4, 'Calc', [3], 'retract'],
      [5, 'Sink', [4], 'retract'],
    ]);
    expect(g.jobs[1]!.sourceTables).toEqual(['ods_orders']);
    // plain data: survives a JSON round trip unchanged
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    expect(structuredClone(r.plan)).toEqual(r.plan);
  });
});

describe('security: hostile identifiers and option keys are data', () => {
  it('columns named constructor, __proto__, toString and a quoted injection attempt', () => {
    const text = `CREATE TABLE ods_h (\`constructor\` STRING, \`__proto__\` STRING, toString INT, \`x"]);alert(1);//\` STRING, \`\${globalThis.x=1}\` STRING)
  WITH ('connector' = 'datagen', '__proto__' = 'polluted', 'constructor' = 'c');
CREATE TABLE ads_h (a STRING, b STRING, c INT, d STRING) WITH ('connector' = 'print');
INSERT INTO ads_h SELECT \`constructor\`, CONCAT(\`__proto__\`, '\`); process.exit(1); //'), toString + 1, \`x"]);alert(1);//\` FROM ods_h WHERE \`\${globalThis.x=1}\` = '\${globalThis.x=1}';`;
    const parsed = parseScript(text);
    expect(parsed.diagnostics).toEqual([]);
    const r = planScript(parsed.statements, { capabilities: CONNECTOR_CAPABILITIES });
    expect(r.diagnostics).toEqual([]);
    const t = r.plan.tables[0]!;
    expect(Object.getPrototypeOf(t.options)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(t.options, '__proto__')).toBe(true);
    expect(t.options['__proto__' as keyof typeof t.options]).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const calc = r.plan.jobs[0]!.nodes.find((n) => n.kind === 'Calc') as CalcNode;
    const row: Value[] = ['c', 'p', 41, 'inj', '${globalThis.x=1}'];
    expect(compilePredicate(calc.filter!)(row)).toBe(true);
    expect(calc.projections.map((p) => compileExpr(p)(row))).toEqual(['c', 'p`); process.exit(1); //', 42, 'inj']);
    expect(calc.label).toContain('`x"]);alert(1);//`');
    expect((globalThis as Record<string, unknown>).x).toBeUndefined();
    const g = toPipelineGraph(r.plan);
    expect(JSON.parse(JSON.stringify(g.tables[0]!.options))).toMatchObject({ constructor: 'c' });
  });
  it('unknown names that exist on Object.prototype are still unknown', () => {
    expect(diags(`INSERT INTO dwd_files SELECT id, sku FROM constructor;`)[0]).toMatch(/unknown table 'constructor'/);
    expect(diags(`INSERT INTO dwd_files SELECT id, hasOwnProperty FROM ods_orders;`)[0]).toMatch(/unknown column 'hasownproperty'/);
    expect(diags(`INSERT INTO dwd_files SELECT id, __proto__(sku) FROM ods_orders;`)[0]).toMatch(/unknown function/);
  });
});

void ({} as GroupAggregateNode);
