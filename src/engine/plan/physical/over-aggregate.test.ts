// Which OVER aggregations Flink's planner accepts (StreamExecOverAggregate, Calcite's window
// validation, AggFunctionFactory for LAG / LEAD), with its messages, and the plan of one.
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../sql/index';
import { planScript } from '../index';
import type { JobPlan, OverAggregateNode } from '../graph';

const DDL = `
CREATE TABLE orders (id INT, product STRING, amount INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
CREATE TABLE plain (id INT, product STRING, amount INT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE cdc (id INT, product STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 't', 'key.format' = 'json', 'value.format' = 'json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE out3 (a INT, b BIGINT, c INT) WITH ('connector' = 'print');
`;

function plan(select: string): { job: JobPlan | undefined; errors: string[] } {
  const p = planScript(parseScript(DDL + `INSERT INTO out3 ${select};`).statements);
  return { job: p.plan.jobs[0], errors: p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

function overOf(select: string): OverAggregateNode {
  const { job, errors } = plan(select);
  expect(errors).toEqual([]);
  return job!.nodes.find((n): n is OverAggregateNode => n.kind === 'OverAggregate')!;
}

const error = (select: string) => plan(select).errors.join('\n');

describe('OVER aggregation planning', () => {
  it('ROWS BETWEEN n PRECEDING on event time: partitioned, insert-only, the input row then the calls', () => {
    const n = overOf(`SELECT id, COUNT(*) OVER w, SUM(amount) OVER w FROM orders WINDOW w AS (PARTITION BY product ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)`);
    expect(n).toMatchObject({ timeKind: 'rowtime', timeIndex: 3, rows: true, preceding: 2, partitionKeys: [1], changelogMode: 'insert-only' });
    expect(n.aggs.map((a) => a.fn)).toEqual(['COUNT_STAR', 'SUM']);
    expect(n.label).toBe('OverAggregate(partitionBy=[product], orderBy=[ts ASC], window=[ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[id, product, amount, ts, pt, COUNT(*) AS w0$o0, SUM(amount) AS w0$o1])');
  });

  it('RANGE INTERVAL PRECEDING, the default frame, shorthand frames and processing time', () => {
    expect(overOf(`SELECT id, COUNT(*) OVER (PARTITION BY product ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW), amount FROM orders`)).toMatchObject({ rows: false, preceding: 3_600_000 });
    expect(overOf(`SELECT id, COUNT(*) OVER (ORDER BY ts), amount FROM orders`)).toMatchObject({ rows: false, preceding: null, partitionKeys: [], parallelism: 1 });
    expect(overOf(`SELECT id, COUNT(*) OVER (PARTITION BY product ORDER BY pt ROWS 10 PRECEDING), amount FROM orders`)).toMatchObject({ timeKind: 'proctime', rows: true, preceding: 10 });
    expect(overOf(`SELECT id, COUNT(*) OVER (ORDER BY ts RANGE UNBOUNDED PRECEDING), amount FROM orders`)).toMatchObject({ rows: false, preceding: null });
  });

  it('expressions as arguments and partition keys go through a Calc; equal calls are computed once', () => {
    const n = overOf(`SELECT id, SUM(amount * 2) OVER w, CAST(SUM(amount * 2) OVER w AS INT) FROM orders WINDOW w AS (PARTITION BY UPPER(product) ORDER BY ts)`);
    expect(n.aggs).toHaveLength(1);
    expect(n.partitionKeys).toEqual([5]);
  });

  it('a named window may be refined by the call with a frame', () => {
    expect(overOf(`SELECT id, COUNT(*) OVER (w ROWS 1 PRECEDING), amount FROM orders WINDOW w AS (PARTITION BY product ORDER BY ts)`)).toMatchObject({ rows: true, preceding: 1 });
  });

  it('LAG in an unbounded frame', () => {
    const n = overOf(`SELECT id, CAST(LAG(amount) OVER w AS BIGINT), LAG(amount, 2, 0) OVER w FROM orders WINDOW w AS (PARTITION BY product ORDER BY ts)`);
    expect(n.aggs.map((a) => [a.fn, a.lag])).toEqual([['LAG', { offset: 1, defaultValue: null }], ['LAG', { offset: 2, defaultValue: 0 }]]);
  });

  it("rejects what Flink rejects, with Flink's messages", () => {
    expect(error(`SELECT id, COUNT(*) OVER (PARTITION BY product ORDER BY amount), amount FROM orders`)).toMatch(/OVER windows' ordering in stream mode must be defined on a time attribute\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts), amount FROM plain`)).toMatch(/OVER windows' ordering in stream mode must be defined on a time attribute\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts DESC), amount FROM orders`)).toMatch(/The window can only be ordered in ASCENDING mode\./);
    expect(error(`SELECT id, COUNT(*) OVER (PARTITION BY product), amount FROM orders`)).toMatch(/The window can only be ordered by a single time column\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts, id), amount FROM orders`)).toMatch(/The window can only be ordered by a single time column\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING), amount FROM orders`)).toMatch(/OVER RANGE FOLLOWING windows are not supported yet\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts), SUM(amount) OVER (ORDER BY ts ROWS 2 PRECEDING) FROM orders`)).toMatch(/All aggregates must be computed on the same window\./);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts), amount FROM cdc`)).toMatch(/StreamPhysicalOverAggregate doesn't support consuming update and delete changes/);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts RANGE 5 PRECEDING), amount FROM orders`)).toMatch(/Data Type mismatch between ORDER BY and RANGE clause/);
    expect(error(`SELECT id, COUNT(*) OVER (ORDER BY ts ROWS INTERVAL '1' SECOND PRECEDING), amount FROM orders`)).toMatch(/ROWS value must be a non-negative integral constant/);
    expect(error(`SELECT id, CAST(LEAD(amount) OVER (ORDER BY ts) AS BIGINT), amount FROM orders`)).toMatch(/LEAD Function is not supported in stream mode\./);
    expect(error(`SELECT id, CAST(LAG(amount) OVER (ORDER BY ts ROWS 2 PRECEDING) AS BIGINT), amount FROM orders`)).toMatch(/LAG Function with retraction is not supported in stream mode\./);
    expect(error(`SELECT id, COUNT(*) OVER v, amount FROM orders WINDOW w AS (ORDER BY ts)`)).toMatch(/Window 'v' not found/);
    expect(error(`SELECT id, CAST(STDDEV_POP(amount) OVER (ORDER BY ts) AS BIGINT), amount FROM orders`)).toMatch(/not supported yet: STDDEV_POP/);
  });
});
