// Temporal joins as Flink's planner takes them (TemporalJoinRewriteWithUniqueKeyRule,
// StreamPhysicalTemporalJoinRule, TemporalJoinUtil), and an event-time temporal join run end to
// end over a versioned changelog table.
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../sql/index';
import { createSimulation } from '../../index';
import { planScript } from '../index';
import type { JobPlan, LookupJoinNode, TemporalJoinNode } from '../graph';

const DDL = `
CREATE TABLE orders (order_id INT, currency STRING, amount INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'orders.json', 'format' = 'json');
CREATE TABLE rates (currency STRING, rate INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'filesystem', 'path' = 'rates.json', 'format' = 'changelog-json');
CREATE TABLE rates_no_pk (currency STRING, rate INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
CREATE TABLE rates_no_wm (currency STRING, rate INT, ts TIMESTAMP(3), PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 't', 'key.format' = 'json', 'value.format' = 'json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE dim (currency STRING, rate INT, PRIMARY KEY (currency) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'dim');
CREATE TABLE out4 (order_id INT, amount INT, rate INT) WITH ('connector' = 'print');
`;

function plan(select: string): { job: JobPlan | undefined; errors: string[] } {
  const p = planScript(parseScript(DDL + `INSERT INTO out4 ${select};`).statements);
  return { job: p.plan.jobs[0], errors: p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}
const error = (select: string) => plan(select).errors.join('\n');

describe('temporal join planning', () => {
  it('FOR SYSTEM_TIME AS OF the left rowtime against a table with a primary key and a watermark', () => {
    const { job, errors } = plan(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency`);
    expect(errors).toEqual([]);
    const n = job!.nodes.find((x): x is TemporalJoinNode => x.kind === 'TemporalJoin')!;
    expect(n).toMatchObject({ joinType: 'INNER', leftKeys: [1], rightKeys: [0], leftTimeIndex: 3, rightTimeIndex: 2, residual: null, changelogMode: 'insert-only' });
    expect(n.label).toMatch(/^TemporalJoin\(joinType=\[InnerJoin\], where=\[=\(currency, currency0\) AND __TEMPORAL_JOIN_CONDITION\(ts, ts0, __TEMPORAL_JOIN_CONDITION_PRIMARY_KEY\(currency\)\)\]/);
  });

  it('LEFT JOIN; conditions on the versioned side are checked against the version found', () => {
    const { job, errors } = plan(`SELECT o.order_id, o.amount, r.rate FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency AND r.rate > 100`);
    expect(errors).toEqual([]);
    const n = job!.nodes.find((x): x is TemporalJoinNode => x.kind === 'TemporalJoin')!;
    expect(n.joinType).toBe('LEFT');
    expect(n.residual).not.toBeNull();
  });

  it("rejects what Flink rejects, with Flink's messages", () => {
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates_no_pk FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency`)).toMatch(/requires both primary key and row time attribute in versioned table, but no primary key can be found\./);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates_no_wm FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency`)).toMatch(/but no row time attribute can be found\./);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.amount AS r ON o.currency = r.currency`)).toMatch(/only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field/);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.amount = r.rate`)).toMatch(/Temporal table's primary key \[currency\] must be included in the equivalence condition of temporal join/);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN rates FOR SYSTEM_TIME AS OF o.pt AS r ON o.currency = r.currency`)).toMatch(/Processing-time temporal join is not supported yet\./);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN dim FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency`)).toMatch(/but no row time attribute can be found\./);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN dim FOR SYSTEM_TIME AS OF o.pt AS r ON o.amount > r.rate`)).toMatch(/Temporal table join requires an equality condition on fields of table \[default_catalog\.default_database\.dim\]\./);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o, dim FOR SYSTEM_TIME AS OF o.pt AS r WHERE o.currency = r.currency`)).toBe('');
    expect(error(`SELECT order_id, amount, rate FROM dim FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'`)).toMatch(/only supported on the right side of a join/);
    expect(error(`SELECT o.order_id, o.amount, r.rate FROM orders AS o FULL JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency`)).toMatch(/only supports INNER JOIN and LEFT JOIN/);
  });
});

describe('event-time temporal join, end to end', () => {
  it('each order gets the rate valid at its time, with updates and a deletion in the versioned table', () => {
    const at = (s: number) => `2026-01-01 00:00:${String(s).padStart(2, '0')}`;
    const files = {
      'rates.json':
        [
          { op: '+I', data: { currency: 'EUR', rate: 114, ts: at(0) } },
          { op: '+I', data: { currency: 'USD', rate: 100, ts: at(0) } },
          { op: '-U', data: { currency: 'EUR', rate: 114, ts: at(0) } },
          { op: '+U', data: { currency: 'EUR', rate: 116, ts: at(10) } },
          { op: '-D', data: { currency: 'USD', rate: 100, ts: at(20) } },
          { op: '+I', data: { currency: 'GBP', rate: 130, ts: at(59) } },
        ]
          .map((x) => JSON.stringify(x))
          .join('\n') + '\n',
      'orders.json':
        [
          [1, 'EUR', 2, 5],
          [2, 'EUR', 3, 12],
          [3, 'USD', 4, 15],
          [4, 'USD', 5, 25],
          [5, 'GBP', 6, 30],
          [6, 'EUR', 7, 59],
        ]
          .map(([id, c, a, s]) => JSON.stringify({ order_id: id, currency: c, amount: a, ts: at(s as number) }))
          .join('\n') + '\n',
    };
    const script = `${DDL}
CREATE TABLE joined (order_id INT, amount INT, rate INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'joined');
INSERT INTO joined SELECT o.order_id, o.amount, r.rate FROM orders AS o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;`;
    const sim = createSimulation(script, { seed: 1, files });
    expect(sim.runToEnd(600_000).error).toBeNull();
    const rows = sim.readTable('joined').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(rows).toEqual([
      [1, 2, 114],
      [2, 3, 116],
      [3, 4, 100],
      [4, 5, null],
      [5, 6, null],
      [6, 7, 116],
    ]);
  });
});

describe('lookup join', () => {
  it('plans a LookupJoin reading the jdbc table (no Source for it), with its cache options', () => {
    const p = planScript(
      parseScript(
        DDL.replace("'table-name' = 'dim')", "'table-name' = 'dim', 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.expire-after-write' = '10 min', 'lookup.partial-cache.max-rows' = '1000')") +
          `INSERT INTO out4 SELECT o.order_id, o.amount, r.rate FROM orders AS o LEFT JOIN dim FOR SYSTEM_TIME AS OF o.pt AS r ON UPPER(o.currency) = r.currency AND r.rate > 0;`,
      ).statements,
    );
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const job = p.plan.jobs[0]!;
    expect(job.nodes.filter((n) => n.kind === 'Source').map((n) => (n as { table: string }).table)).toEqual(['orders']);
    expect(job.sourceTables).toEqual(['orders', 'dim']);
    const n = job.nodes.find((x): x is LookupJoinNode => x.kind === 'LookupJoin')!;
    expect(n).toMatchObject({ table: 'dim', joinType: 'LEFT', lookupKeys: [0], cache: { maxRows: 1000, expireAfterWriteMs: 600_000, expireAfterAccessMs: null, cacheMissingKey: true } });
    expect(n.residual).not.toBeNull();
    expect(n.label).toMatch(/^LookupJoin\(table=\[default_catalog\.default_database\.dim\], joinType=\[LeftOuterJoin\], lookup=\[currency=\$f5\]/);
  });

  it('runs: each order reads the dimension table as the writing job has flushed it', () => {
    const files = {
      'dim.json': [{ currency: 'EUR', rate: 114 }, { currency: 'USD', rate: 100 }].map((x) => JSON.stringify(x)).join('\n') + '\n',
      'orders.json': [[1, 'EUR', 2], [2, 'USD', 3], [3, 'GBP', 4]].map(([id, c, a]) => JSON.stringify({ order_id: id, currency: c, amount: a, ts: '2026-01-01 00:00:00' })).join('\n') + '\n',
    };
    const script = `${DDL.replace("'table-name' = 'dim')", "'table-name' = 'dim', 'sink.buffer-flush.max-rows' = '0')")}
CREATE TABLE dim_src (currency STRING, rate INT) WITH ('connector' = 'filesystem', 'path' = 'dim.json', 'format' = 'json');
CREATE TABLE joined (order_id INT, amount INT, rate INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'joined');
INSERT INTO dim SELECT * FROM dim_src;
INSERT INTO joined SELECT o.order_id, o.amount, r.rate FROM orders AS o LEFT JOIN dim FOR SYSTEM_TIME AS OF o.pt AS r ON o.currency = r.currency;`;
    const sim = createSimulation(script, { seed: 1, files });
    expect(sim.runToEnd(600_000).error).toBeNull();
    const rows = sim.readTable('joined').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(rows).toEqual([
      [1, 2, 114],
      [2, 3, 100],
      [3, 4, null],
    ]);
  });
});

describe('versioned view (a deduplicating view on the versioned side, as Flink docs define it)', () => {
  const at = (s: number) => `2026-01-01 00:00:${String(s).padStart(2, '0')}`;
  const VIEW = `
CREATE TABLE rates_history (currency STRING, rate INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'history.json', 'format' = 'json');
CREATE VIEW versioned_rates AS
SELECT currency, rate, ts
  FROM (
     SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rownum
     FROM rates_history)
WHERE rownum = 1;
CREATE TABLE joined (order_id INT, amount INT, rate INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 'joined');
`;
  it('joins each order with the version of the view valid at its time; the dedup key is the primary key', () => {
    const files = {
      'history.json':
        [
          ['EUR', 114, 0],
          ['USD', 100, 0],
          ['EUR', 116, 10],
          ['GBP', 130, 59],
        ]
          .map(([c, r, s]) => JSON.stringify({ currency: c, rate: r, ts: at(s as number) }))
          .join('\n') + '\n',
      'orders.json':
        [
          [1, 'EUR', 2, 5],
          [2, 'EUR', 3, 12],
          [3, 'USD', 4, 15],
          [4, 'USD', 5, 25],
          [5, 'GBP', 6, 30],
          [6, 'EUR', 7, 59],
        ]
          .map(([id, c, a, s]) => JSON.stringify({ order_id: id, currency: c, amount: a, ts: at(s as number) }))
          .join('\n') + '\n',
    };
    const script = `${DDL}${VIEW}
INSERT INTO joined SELECT o.order_id, o.amount, r.rate FROM orders AS o LEFT JOIN versioned_rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;`;
    const p = planScript(parseScript(script).statements);
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(p.plan.jobs[0]!.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['Deduplicate', 'TemporalJoin']));
    const sim = createSimulation(script, { seed: 1, files });
    expect(sim.runToEnd(600_000).error).toBeNull();
    const rows = sim.readTable('joined').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(rows).toEqual([
      [1, 2, 114],
      [2, 3, 116],
      [3, 4, 100],
      [4, 5, 100],
      [5, 6, null],
      [6, 7, 116],
    ]);
  });

  it('a WITH query works the same; a view without a unique key is rejected with Flink\'s sentence', () => {
    const ok = planScript(
      parseScript(
        `${DDL}${VIEW}INSERT INTO joined WITH v AS (SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates_history) WHERE rn = 1)
SELECT o.order_id, o.amount, v.rate FROM orders AS o JOIN v FOR SYSTEM_TIME AS OF o.ts ON o.currency = v.currency;`,
      ).statements,
    );
    expect(ok.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const bad = planScript(
      parseScript(`${DDL}${VIEW}CREATE VIEW plain AS SELECT currency, rate, ts FROM rates_history;
INSERT INTO joined SELECT o.order_id, o.amount, r.rate FROM orders AS o JOIN plain FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency;`).statements,
    );
    expect(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'Event-Time Temporal Table Join requires both primary key and row time attribute in versioned table, but no primary key can be found.',
    ]);
  });
});
