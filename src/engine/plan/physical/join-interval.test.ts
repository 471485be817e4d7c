// Which joins are interval joins, as Flink's planner decides (IntervalJoinUtil), and what the
// plan of one looks like.
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../sql/index';
import { planScript } from '../index';
import type { IntervalJoinNode, JobPlan } from '../graph';

const DDL = `
CREATE TABLE clicks (id INT, user_id INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen');
CREATE TABLE views (id INT, user_id INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
CREATE TABLE plain (id INT, user_id INT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE cdc (id INT, user_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 't', 'key.format' = 'json', 'value.format' = 'json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE out2 (a INT, b INT) WITH ('connector' = 'print');
`;

function plan(select: string): { job: JobPlan | undefined; errors: string[] } {
  const p = planScript(parseScript(DDL + `INSERT INTO out2 ${select};`).statements);
  return { job: p.plan.jobs[0], errors: p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

function intervalJoinOf(select: string): IntervalJoinNode | undefined {
  const { job, errors } = plan(select);
  expect(errors).toEqual([]);
  return job!.nodes.find((n): n is IntervalJoinNode => n.kind === 'IntervalJoin');
}

describe('interval join planning', () => {
  it('BETWEEN on the rowtime attributes of both inputs: the bounds on left - right', () => {
    const n = intervalJoinOf(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts`)!;
    expect(n).toMatchObject({ timeKind: 'rowtime', lowerBoundMs: 0, upperBoundMs: 3_600_000, leftTimeIndex: 2, rightTimeIndex: 2, leftKeys: [1], rightKeys: [1], residual: null });
    expect(n.changelogMode).toBe('insert-only');
    expect(n.label).toMatch(/^IntervalJoin\(joinType=\[InnerJoin\], windowBounds=\[isRowTime=true, leftLowerBound=0, leftUpperBound=3600000, leftTimeIndex=2, rightTimeIndex=2\]/);
  });

  it('strict < and > tighten the bound by a millisecond; the time attribute may stand on either side', () => {
    const n = intervalJoinOf(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.ts > v.ts - INTERVAL '10' MINUTE AND v.ts > c.ts - INTERVAL '1' MINUTE`)!;
    // c.ts - v.ts > -10 min  => lower -599999; v.ts > c.ts - 1 min => c.ts - v.ts < 1 min => upper 59999
    expect([n.lowerBoundMs, n.upperBoundMs]).toEqual([-599_999, 59_999]);
  });

  it('an equality of time attributes is a zero-width interval; bounds may come from WHERE', () => {
    expect(intervalJoinOf(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.ts = v.ts`)).toMatchObject({ lowerBoundMs: 0, upperBoundMs: 0 });
    expect(intervalJoinOf(`SELECT c.id, v.id FROM clicks c, views v WHERE c.user_id = v.user_id AND c.ts <= v.ts + INTERVAL '2' SECOND AND c.ts >= v.ts`)).toMatchObject({ lowerBoundMs: 0, upperBoundMs: 2000 });
  });

  it('proctime attributes make a processing-time interval join; no equality key runs on one subtask', () => {
    const n = intervalJoinOf(`SELECT c.id, v.id FROM clicks c LEFT JOIN views v ON v.pt BETWEEN c.pt - INTERVAL '1' MINUTE AND c.pt + INTERVAL '1' MINUTE`)!;
    expect(n).toMatchObject({ timeKind: 'proctime', joinType: 'LEFT', leftKeys: [], lowerBoundMs: -60_000, upperBoundMs: 60_000, parallelism: 1, leftTimeIndex: 3, rightTimeIndex: 3 });
  });

  it('other conditions stay keys and the residual', () => {
    const n = intervalJoinOf(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts AND c.ts + INTERVAL '1' SECOND AND c.id < v.id`)!;
    expect(n.residual).not.toBeNull();
  });

  it('is a regular join when the condition is not an interval on time attributes (as Flink decides)', () => {
    const regular = (sql: string) => {
      const { job, errors } = plan(sql);
      expect(errors).toEqual([]);
      expect(job!.nodes.map((x) => x.kind)).toContain('Join');
      expect(job!.nodes.map((x) => x.kind)).not.toContain('IntervalJoin');
    };
    // Only one bound.
    regular(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts > c.ts`);
    // Not time attributes.
    regular(`SELECT c.id, p.id FROM clicks c JOIN plain p ON c.user_id = p.user_id AND p.ts BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts`);
    // Rowtime against proctime.
    regular(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.pt BETWEEN c.ts - INTERVAL '1' HOUR AND c.ts`);
    // Both bounds on one side's attributes only.
    regular(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND c.ts > c.ts - INTERVAL '1' HOUR AND c.ts < c.ts + INTERVAL '1' HOUR`);
    // A time attribute through a function is a plain value.
    regular(`SELECT c.id, v.id FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts AND TIMESTAMPADD(HOUR, 1, c.ts)`);
  });

  it('time attributes survive a subquery projection but not a regular join or an aggregation', () => {
    expect(intervalJoinOf(`SELECT c.id, v.id FROM (SELECT id, user_id, ts FROM clicks WHERE id > 0) c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts AND c.ts`)).toBeDefined();
    const { job } = plan(
      `SELECT j.id, v.id FROM (SELECT c.id, c.user_id, c.ts FROM clicks c JOIN plain p ON c.id = p.id) j JOIN views v ON j.user_id = v.user_id AND v.ts BETWEEN j.ts AND j.ts + INTERVAL '1' SECOND`,
    );
    expect(job!.nodes.filter((x) => x.kind === 'Join')).toHaveLength(2);
  });

  it('an updating input is rejected with Flink’s message', () => {
    const { errors } = plan(`SELECT c.id, d.id FROM clicks c JOIN cdc d ON c.user_id = d.user_id AND d.ts BETWEEN c.ts AND c.ts + INTERVAL '1' SECOND`);
    expect(errors.join('\n')).toMatch(/StreamPhysicalIntervalJoin doesn't support consuming update and delete changes/);
  });
});
