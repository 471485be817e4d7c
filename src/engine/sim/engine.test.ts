// End to end through the public API: script text in, tables and metrics out.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../index';

const ORDERS_CSV = ['id,customer,amount,status', '1,ann,5.00,PAID', '2,bob,20.50,PAID', '3,ann,30.25,PAID', '4,cid,12.00,CANCELLED', '5,bob,1.50,PAID', '6,ann,40.00,PAID'].join('\n');
const CUSTOMERS_CSV = ['customer,city', 'ann,Lisbon', 'bob,Lagos', 'cid,Berlin'].join('\n');

const TABLES = `
CREATE TABLE ods_orders (id INT, customer STRING, amount DECIMAL(10, 2), status STRING)
WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv');
CREATE TABLE ods_customers (customer STRING, city STRING)
WITH ('connector' = 'filesystem', 'path' = 'customers.csv', 'format' = 'csv');
`;
const files = { 'orders.csv': ORDERS_CSV, 'customers.csv': CUSTOMERS_CSV };

function run(script: string, seed = 1, f: Record<string, string> = files) {
  const sim = createSimulation(script, { seed, files: f, fileName: 'test.sql' });
  const r = sim.runToEnd();
  return { sim, r };
}

describe('engine end to end', () => {
  it('compiles to a pipeline graph with sorted diagnostics', () => {
    const c = compile(TABLES + `CREATE TABLE dwd (id INT) WITH ('connector' = 'print'); INSERT INTO dwd SELECT id FROM ods_orders;`);
    expect(c.ok).toBe(true);
    expect(c.pipeline!.tables.map((t) => t.name)).toEqual(['ods_orders', 'ods_customers', 'dwd']);
    expect(c.pipeline!.jobs[0]!.operators.map((o) => o.kind)).toContain('Sink');
    const bad = compile(`SET 'sim.tick' = 'often';\nCREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sometimes');\n`);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => d.span.start.line)).toEqual([...bad.diagnostics.map((d) => d.span.start.line)].sort());
    expect(bad.diagnostics[0]!.message).toMatch(/sim.tick/);
  });

  it('warns about unknown sim.* settings', () => {
    const c = compile(`SET 'sim.tik' = '10 ms';\nCREATE TABLE t (a INT) WITH ('connector' = 'print');`);
    expect(c.ok).toBe(true);
    expect(c.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'setting', message: expect.stringContaining("'sim.tik'") })]);
  });

  it('reports connector option errors at the table', () => {
    const c = compile(`\nCREATE TABLE t (a INT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sometimes');\nCREATE TABLE s (a INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT a FROM t;`);
    expect(c.ok).toBe(false);
    expect(c.diagnostics[0]).toMatchObject({ code: 'connector', span: { start: { line: 2, column: 73 } } });
    expect(c.diagnostics[0]!.message).toBe("option 'fields.a.kind' must be one of 'random', 'sequence', not 'sometimes'");
  });

  it('createSimulation throws with formatted diagnostics on a bad script', () => {
    expect(() => createSimulation('CREATE TABLE t (a INT) WITH (;', { fileName: 'bad.sql' })).toThrow(/bad\.sql:1:\d+: error:/);
  });

  it('a filter job into a jdbc table', () => {
    const { sim, r } = run(
      TABLES +
        `CREATE TABLE dwd_big (id INT, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'table-name' = 'big');
         INSERT INTO dwd_big SELECT id, amount FROM ods_orders WHERE amount > 10 AND status = 'PAID';`,
    );
    expect(r.status).toBe('finished');
    expect(sim.readTable('dwd_big').rows).toEqual([
      [2, 20.5],
      [3, 30.25],
      [6, 40],
    ]);
  });

  it('an aggregate into jdbc', () => {
    const { sim } = run(
      TABLES +
        `CREATE TABLE ads (customer STRING, n BIGINT, total DECIMAL(12, 2), PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc');
         INSERT INTO ads SELECT customer, COUNT(*), SUM(amount) FROM ods_orders GROUP BY customer;`,
    );
    expect(sim.readTable('ads')).toEqual({
      columns: [
        { name: 'customer', type: 'STRING', nullable: false },
        { name: 'n', type: 'BIGINT', nullable: true },
        { name: 'total', type: 'DECIMAL(12, 2)', nullable: true },
      ],
      rows: [
        ['ann', 3, 75.25],
        ['bob', 2, 22],
        ['cid', 1, 12],
      ],
    });
  });

  it('a join', () => {
    const { sim } = run(
      TABLES +
        `CREATE TABLE dwd (id INT, city STRING) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'json');
         INSERT INTO dwd SELECT o.id, c.city FROM ods_orders o JOIN ods_customers c ON o.customer = c.customer;`,
    );
    const rows = sim.readTable('dwd').rows.map((r) => r.join(':')).sort();
    expect(rows).toEqual(['1:Lisbon', '2:Lagos', '3:Lisbon', '4:Berlin', '5:Lagos', '6:Lisbon']);
  });

  it('a kafka chain between two jobs: changelog-json ODS feeding an aggregate', () => {
    const script =
      TABLES +
      `CREATE TABLE ods_totals (customer STRING, total DECIMAL(12, 2)) WITH ('connector' = 'kafka', 'topic' = 'totals', 'format' = 'changelog-json');
       CREATE TABLE ads_max (one INT, best DECIMAL(12, 2), PRIMARY KEY (one) NOT ENFORCED) WITH ('connector' = 'jdbc');
       INSERT INTO ods_totals SELECT customer, SUM(amount) FROM ods_orders GROUP BY customer;
       INSERT INTO ads_max SELECT 1, MAX(total) FROM ods_totals GROUP BY 1;`;
    for (const seed of [1, 2, 3]) {
      const { sim, r } = run(script, seed);
      expect(r.status).toBe('finished');
      expect(sim.readTable('ads_max').rows).toEqual([[1, 75.25]]);
      const kinds = sim.readTable('ods_totals').rows.map((row) => row[0]);
      expect(kinds).toContain('+I');
    }
  });

  it('changelog-json and debezium-json files as bounded CDC input', () => {
    const cl = [
      '{"op":"+I","data":{"id":1,"v":10}}',
      '{"op":"+I","data":{"id":2,"v":20}}',
      '{"op":"-U","data":{"id":1,"v":10}}',
      '{"op":"+U","data":{"id":1,"v":15}}',
      '{"op":"-D","data":{"id":2,"v":20}}',
    ].join('\n');
    const dbz = [
      '{"before":null,"after":{"id":7,"v":1},"op":"c"}',
      '{"before":{"id":7,"v":1},"after":{"id":7,"v":2},"op":"u"}',
    ].join('\n');
    const { sim, r } = run(
      `CREATE TABLE ods_cl (id INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'cl.json', 'format' = 'changelog-json');
       CREATE TABLE ods_dbz (id INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'dbz.json', 'format' = 'debezium-json');
       CREATE TABLE ads (k INT, total BIGINT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');
       CREATE TABLE ads2 (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
       INSERT INTO ads SELECT 0, SUM(v), COUNT(*) FROM ods_cl GROUP BY 0;
       INSERT INTO ads2 SELECT id, v FROM ods_dbz;`,
      1,
      { 'cl.json': cl, 'dbz.json': dbz },
    );
    expect(r).toMatchObject({ status: 'finished', error: null });
    expect(sim.readTable('ads').rows).toEqual([[0, 15, 1]]);
    expect(sim.readTable('ads2').rows).toEqual([[7, 2]]);
    expect(sim.readTable('ods_cl').columns[0]!.name).toBe('_kind');
  });

  it('a malformed CSV row fails the run with path:line, or is skipped and counted', () => {
    const script = (ignore: boolean) => `
      CREATE TABLE ods (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'x.csv', 'format' = 'csv'${ignore ? ", 'csv.ignore-parse-errors' = 'true'" : ''});
      CREATE TABLE out (id INT, name STRING) WITH ('connector' = 'print');
      INSERT INTO out SELECT id, name FROM ods;`;
    const f = { 'x.csv': 'id,name\n1,a\nzz,b\n3,c\n' };
    const failed = run(script(false), 1, f);
    expect(failed.r.status).toBe('failed');
    expect(failed.r.error).toContain("x.csv:3: column 'id': cannot read 'zz' as INT");
    const ok = run(script(true), 1, f);
    expect(ok.r.status).toBe('finished');
    expect(ok.sim.readTable('out').rows).toEqual([
      ['+I', 1, 'a'],
      ['+I', 3, 'c'],
    ]);
    expect(ok.sim.metrics().tables.find((t) => t.name === 'ods')!.parseErrors).toBe(1);
  });

  it('INSERT ... VALUES and timestamp formatting', () => {
    const { sim } = run(
      `CREATE TABLE t (id INT, ts TIMESTAMP(3), d DATE, ok BOOLEAN) WITH ('connector' = 'jdbc');
       INSERT INTO t VALUES (1, TIMESTAMP '2026-01-02 03:04:05.006', DATE '2026-02-03', TRUE), (2, TIMESTAMP '2026-01-02 03:04:05', DATE '2026-02-03', FALSE);`,
    );
    expect(sim.readTable('t').rows).toEqual([
      [1, '2026-01-02 03:04:05.006', '2026-02-03', true],
      [2, '2026-01-02 03:04:05', '2026-02-03', false],
    ]);
  });

  it('determinism: same seed gives identical tables and metrics; bounded inputs end the same for any seed', () => {
    const script =
      `SET 'sim.cost.source.rps' = '30';\n` +
      TABLES +
      `CREATE TABLE dwd (id INT, city STRING, amount DECIMAL(10, 2)) WITH ('connector' = 'kafka', 'topic' = 'dwd', 'format' = 'json');
       CREATE TABLE ads (city STRING, total DECIMAL(12, 2), PRIMARY KEY (city) NOT ENFORCED) WITH ('connector' = 'jdbc');
       INSERT INTO dwd SELECT o.id, c.city, o.amount FROM ods_orders o JOIN ods_customers c ON o.customer = c.customer;
       INSERT INTO ads SELECT city, SUM(amount) FROM dwd GROUP BY city;`;
    const out = (seed: number) => {
      const { sim } = run(script, seed);
      return {
        all: JSON.stringify({ tables: sim.tableNames().map((n) => sim.readTable(n)), metrics: sim.metrics(), history: sim.metricsHistory() }),
        ads: JSON.stringify(sim.readTable('ads')),
        dwd: JSON.stringify(sim.changelog('dwd').map((e) => [e.time, e.row])),
      };
    };
    expect(out(11).all).toBe(out(11).all);
    const seeds = [1, 2, 3, 4, 5, 6];
    expect(new Set(seeds.map((s) => out(s).ads)).size).toBe(1);
    expect(new Set(seeds.map((s) => out(s).dwd)).size).toBeGreaterThan(1);
  });

  it('checkpoint/restore through the API gives the same final tables', () => {
    const script =
      `SET 'execution.checkpointing.interval' = '300 ms';\nSET 'sim.cost.source.rps' = '10';\n` +
      TABLES +
      `CREATE TABLE ads (customer STRING, total DECIMAL(12, 2), PRIMARY KEY (customer) NOT ENFORCED) WITH ('connector' = 'jdbc');
       INSERT INTO ads SELECT customer, SUM(amount) FROM ods_orders GROUP BY customer;`;
    const plain = run(script, 4).sim.readTable('ads');
    const sim = createSimulation(script, { seed: 4, files });
    sim.runFor(450);
    expect(sim.metrics().checkpoints.completed).toBeGreaterThan(0);
    expect(sim.restoreFromLastCheckpoint()).toEqual(['job-1']);
    expect(sim.runToEnd().status).toBe('finished');
    expect(sim.readTable('ads')).toEqual(plain);
  });

  it('datagen runs for a duration; freshness and lag are reported', () => {
    const sim = createSimulation(
      `SET 'sim.duration' = '10 s';
       CREATE TABLE ods (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen', 'rows-per-second' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000');
       CREATE TABLE out (id BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'blackhole');
       INSERT INTO out SELECT id, ts FROM ods;`,
      { seed: 1 },
    );
    expect(sim.isBounded()).toBe(true);
    const r = sim.runToEnd();
    expect(r.now).toBe(10_000);
    expect(r.status).toBe('running');
    const m = sim.metrics();
    expect(m.tables.find((t) => t.name === 'out')!.changes).toBeGreaterThan(990);
    expect(m.tables.find((t) => t.name === 'out')!.freshnessMs).toBeLessThan(500);
    expect(m.sources[0]!.lagRecords).toBeLessThan(50);
    expect(sim.metricsHistory().length).toBe(10);
  });
});

describe('boundedness', () => {
  it('a job reading a jdbc table that an unbounded job writes is unbounded', () => {
    const sim = createSimulation(`
      CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
      CREATE TABLE dim (id BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
      CREATE TABLE out (id BIGINT) WITH ('connector' = 'print');
      INSERT INTO dim SELECT id FROM g;
      INSERT INTO out SELECT id FROM dim;`);
    expect(sim.isBounded()).toBe(false);
    expect(sim.unboundedSources().sort()).toEqual(['dim', 'g']);
  });
});
