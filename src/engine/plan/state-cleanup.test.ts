// STATE_CLEANUP in the planner: options read per operator and input, conditions bound over the
// right columns, located errors, labels.
import { describe, expect, it } from 'vitest';
import { plannerFixture } from './test-helpers';
import { compileExpr } from '../expr/compile';
import { toPipelineGraph } from './index';
import type { GroupAggregateNode, JobPlan, JoinNode } from './graph';

const DDL = `CREATE TABLE sales (product_id BIGINT, qty INT, status STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE waybills (waybill_id BIGINT, route_id INT, status STRING, create_time TIMESTAMP(3), update_time TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE routes (route_id INT, name STRING, create_time TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE product_sales (product_id BIGINT, sold INT, closed INT, PRIMARY KEY (product_id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE waybill_routes (waybill_id BIGINT, status STRING, name STRING) WITH ('connector' = 'print');
`;
const { planOf, job, diags } = plannerFixture(DDL);
const aggOf = (j: JobPlan) => j.nodes.find((n): n is GroupAggregateNode => n.kind === 'GroupAggregate')!;
const joinOf = (j: JobPlan) => j.nodes.find((n): n is JoinNode => n.kind === 'Join')!;
const evalCtx = { now: () => 0, timeZone: 'UTC' } as unknown as Parameters<typeof compileExpr>[1];

const AGG = (hint: string) =>
  `INSERT INTO product_sales SELECT /*+ STATE_CLEANUP(${hint}) */ product_id, SUM(qty) AS sold, MAX(CASE WHEN status IN ('SOLD_OUT', 'DELISTED') THEN 1 ELSE 0 END) AS closed FROM sales GROUP BY product_id;`;
const JOIN = (hint: string) =>
  `INSERT INTO waybill_routes SELECT /*+ STATE_CLEANUP(${hint}) */ o.waybill_id, o.status, d.name FROM waybills o LEFT JOIN routes d ON o.route_id = d.route_id;`;

describe('STATE_CLEANUP on a group aggregation', () => {
  it('sets the ttl and a condition over the output row, and shows both on the operator', () => {
    const node = aggOf(job(AGG(`'ttl' = '30 d', 'condition' = 'sold >= 100 OR closed = 1'`)));
    expect(node.stateTtlMs).toBe(30 * 86_400_000);
    expect(node.label).toContain('stateCleanup=[ttl=30 d, condition=[');
    expect(node.label).toMatch(/condition=\[.*sold.*>= 100.*closed.*= 1.*\]\]\)$/);
    // over the aggregate's output: [product_id, sold, closed]
    const cond = compileExpr(node.cleanupCondition!, evalCtx);
    expect(cond([1, 99, 0])).toBe(false);
    expect(cond([1, 100, 0])).toBe(true);
    expect(cond([1, 3, 1])).toBe(true);
    expect(cond([1, null, 0])).not.toBe(true);
  });

  it('names select-list aliases that are expressions, and group keys the list leaves out', () => {
    const j = job(
      `INSERT INTO product_sales SELECT /*+ STATE_CLEANUP('condition' = 'doubled > 10 AND product_id = 7') */ product_id, SUM(qty) * 2 AS doubled, 0 AS closed FROM sales GROUP BY product_id;`,
    );
    const cond = compileExpr(aggOf(j).cleanupCondition!, evalCtx);
    expect(cond([7, 6])).toBe(true); // doubled = 12
    expect(cond([7, 5])).toBe(false);
    expect(cond([8, 6])).toBe(false);
    const hidden = job(`INSERT INTO product_sales SELECT /*+ STATE_CLEANUP('condition' = 'status = ''X''') */ 1, SUM(qty), 0 FROM sales GROUP BY status;`);
    expect(compileExpr(aggOf(hidden).cleanupCondition!, evalCtx)(['X', 3])).toBe(true);
  });

  it('the ttl alone overrides STATE_TTL and the job TTL for this operator', () => {
    const node = aggOf(job(AGG(`'ttl' = '12 h'`)));
    expect(node.stateTtlMs).toBe(12 * 3_600_000);
    expect(node.cleanupCondition).toBeNull();
    expect(node.label).toMatch(/stateCleanup=\[ttl=12 h\]\)$/);
  });

  it('the plan graph the studio shows carries the cleanup in the operator label', () => {
    const graph = toPipelineGraph(planOf(AGG(`'condition' = 'closed = 1'`)).plan);
    const op = graph.jobs[0]!.operators.find((o) => o.kind === 'GroupAggregate')!;
    expect(op.label).toContain('stateCleanup=[condition=[closed = 1]])');
    expect(op.hints.map((h) => h.name)).toEqual(['STATE_CLEANUP']);
  });

  it('unknown columns, non-boolean conditions and syntax errors are located inside the hint', () => {
    const hintAt = AGG('').indexOf('STATE_CLEANUP(') + 'STATE_CLEANUP('.length + 1;
    // 'condition' = 'sould >= 1': the value's text starts after `'condition' = '`
    const valueAt = hintAt + `'condition' = '`.length;
    expect(diags(AGG(`'condition' = 'sould >= 1'`))).toEqual([`1:${valueAt} unknown-column: unknown column 'sould'; did you mean 'sold'?`]);
    expect(diags(AGG(`'condition' = 'sold + 1'`))[0]).toBe(`1:${valueAt} type-mismatch: the STATE_CLEANUP condition must be BOOLEAN, found INT`);
    // a doubled quote inside the string moves later positions by one more column
    expect(diags(AGG(`'condition' = '''x'' = ''x'' AND nope'`))[0]).toMatch(new RegExp(`^1:${valueAt + "''x'' = ''x'' AND ".length} unknown-column: unknown column 'nope'`));
    expect(diags(AGG(`'condition' = 'sold >'`))[0]).toMatch(new RegExp(`^1:${valueAt + 'sold >'.length} invalid-hint: in the STATE_CLEANUP condition: `));
    expect(diags(AGG(`'condition' = 'SUM(qty) > 1'`))[0]).toMatch(/misplaced-aggregate: aggregate function SUM is not allowed here/);
    expect(diags(AGG(`'ttl' = 'forever'`))[0]).toMatch(/invalid-hint: invalid duration 'forever' in STATE_CLEANUP/);
    expect(diags(AGG(`'when' = 'x'`))[0]).toMatch(new RegExp(`^1:${hintAt} invalid-hint: unknown STATE_CLEANUP option 'when'`));
    expect(diags(AGG(`'condition' = ''`))[0]).toMatch(/invalid-hint: the STATE_CLEANUP condition is empty/);
  });

  it('a condition that holds JavaScript is SQL text that fails to bind, never code', () => {
    const g = globalThis as Record<string, unknown>;
    delete g.freshetPwned;
    const attempts = [
      `'condition' = 'globalThis.freshetPwned = 1'`,
      `'condition' = '1 = 1); globalThis.freshetPwned = (1'`,
      `'condition' = 'constructor.constructor(''globalThis.freshetPwned = 1'')() = 1'`,
      `'condition' = '(() => { globalThis.freshetPwned = 1 })()'`,
    ];
    for (const a of attempts) {
      const ds = diags(AGG(a));
      expect(ds).toHaveLength(1);
      expect(ds[0]).toMatch(/^1:\d+ (unknown-column|unknown-table|unknown-function|invalid-hint|type-mismatch): /);
    }
    expect(g.freshetPwned).toBeUndefined();
  });

  it('bare ttl/condition without an aggregation is a warning naming the join form', () => {
    expect(diags(JOIN(`'condition' = 'status = ''SIGNED'''`))).toEqual([
      expect.stringMatching(/warning|unknown-hint: STATE_CLEANUP 'ttl' \/ 'condition' without an input name apply to a group aggregation/),
    ]);
  });
});

describe('STATE_CLEANUP on a regular join', () => {
  it('cleans each input by its own rule, bound over that input’s row', () => {
    const node = joinOf(job(JOIN(`'o.ttl' = '30 d', 'o.condition' = 'status = ''SIGNED'' OR TIMESTAMPDIFF(DAY, create_time, update_time) >= 15', 'd.ttl' = '60 d'`)));
    expect(node.leftStateTtlMs).toBe(30 * 86_400_000);
    expect(node.rightStateTtlMs).toBe(60 * 86_400_000);
    expect(node.rightCleanupCondition).toBeNull();
    const cond = compileExpr(node.leftCleanupCondition!, evalCtx);
    // waybills: [waybill_id, route_id, status, create_time, update_time] (timestamps as epoch ms)
    expect(cond([1, 2, 'SIGNED', 0, 0])).toBe(true);
    expect(cond([1, 2, 'OPEN', 0, 14 * 86_400_000])).toBe(false);
    expect(cond([1, 2, 'OPEN', 0, 15 * 86_400_000])).toBe(true);
    expect(node.label).toMatch(/leftStateCleanup=\[ttl=30 d, condition=\[.*SIGNED.*\]\], rightStateCleanup=\[ttl=60 d\]\)$/);
  });

  it('a qualified name in a side’s condition and a right-side condition', () => {
    const node = joinOf(job(JOIN(`'d.condition' = 'd.name LIKE ''closed%'''`)));
    expect(node.leftCleanupCondition).toBeNull();
    const cond = compileExpr(node.rightCleanupCondition!, evalCtx);
    expect(cond([1, 'closed route', 0])).toBe(true); // routes: [route_id, name, create_time]
    expect(cond([1, 'open', 0])).toBe(false);
  });

  it('a side’s condition cannot name the other side; an unknown input name is a warning', () => {
    expect(diags(JOIN(`'o.condition' = 'd.name = ''x'''`))[0]).toMatch(/unknown-(column|table): .*'d'/);
    expect(diags(JOIN(`'x.condition' = 'status = ''SIGNED'''`))).toEqual([
      expect.stringMatching(/unknown-hint: STATE_CLEANUP names 'x', which is not an input of a join in this query; it is ignored/),
    ]);
  });

  it('STATE_CLEANUP and STATE_TTL: the cleanup ttl wins for its input', () => {
    const node = joinOf(job(JOIN(`'o.ttl' = '2 d'`).replace('/*+ STATE_CLEANUP', `/*+ STATE_TTL('o' = '1 d', 'd' = '3 d'), STATE_CLEANUP`)));
    expect(node.leftStateTtlMs).toBe(2 * 86_400_000);
    expect(node.rightStateTtlMs).toBe(3 * 86_400_000);
  });
});
