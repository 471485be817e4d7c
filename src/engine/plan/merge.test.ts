// MERGE INTO in the planner: the join it becomes (inner / anti / outer), the MergeAction, and the
// errors a MERGE can have, located.
import { describe, expect, it } from 'vitest';
import { plannerFixture } from './test-helpers';
import type { JobPlan, JoinNode, MergeActionNode } from './graph';

const DDL = `CREATE TABLE target (id INT, name STRING, qty INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE nokey (id INT, name STRING, qty INT) WITH ('connector' = 'jdbc');
CREATE TABLE fixes (id INT, name STRING, qty INT, op STRING) WITH ('connector' = 'filesystem', 'path' = 'f.csv', 'format' = 'csv');
`;
const { job, diags } = plannerFixture(DDL);
const kinds = (j: JobPlan) => j.nodes.map((n) => n.kind).join(' -> ');
const joinOf = (j: JobPlan) => j.nodes.find((n): n is JoinNode => n.kind === 'Join')!;
const actionOf = (j: JobPlan) => j.nodes.find((n): n is MergeActionNode => n.kind === 'MergeAction')!;

const M = `MERGE INTO target AS t USING fixes AS s ON t.id = s.id`;

describe('MERGE INTO: the join rewrite', () => {
  it('MATCHED and NOT MATCHED clauses: a right outer join (every source row), then the merge actions', () => {
    const j = job(`${M} WHEN MATCHED AND s.op = 'd' THEN DELETE WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty WHEN NOT MATCHED THEN INSERT *;`);
    expect(kinds(j)).toBe('Source -> Source -> Join -> MergeAction -> Sink');
    expect(j).toMatchObject({ name: 'MERGE INTO target', sinkTable: 'target', batch: true, sourceTables: ['target', 'fixes'] });
    expect(joinOf(j)).toMatchObject({ joinType: 'RIGHT', leftKeys: [0], rightKeys: [0] });
    expect(joinOf(j).anti).toBeUndefined();
    const action = actionOf(j);
    expect(action).toMatchObject({ targetWidth: 3, targetKey: [0], changelogMode: 'retract' });
    expect(action.clauses.map((c) => [c.matched, c.action, c.condition !== null])).toEqual([
      [true, 'delete', true],
      [true, 'update', false],
      [false, 'insert', false],
    ]);
    expect(action.label).toBe(
      "MergeAction(target=[target], key=[id], actions=[MATCHED AND op = 'd' -> DELETE, MATCHED -> UPDATE(qty = qty + qty0), NOT MATCHED -> INSERT(id = id0, name = name0, qty = qty0)])",
    );
  });

  it('only MATCHED clauses: an inner join', () => {
    expect(joinOf(job(`${M} WHEN MATCHED THEN DELETE;`))).toMatchObject({ joinType: 'INNER' });
  });

  it('only NOT MATCHED clauses: a right anti join', () => {
    const join = joinOf(job(`${M} WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.name, s.qty);`));
    expect(join).toMatchObject({ joinType: 'RIGHT', anti: true });
    expect(join.label).toContain('joinType=[RightAntiJoin]');
  });
});

describe('MERGE INTO: errors', () => {
  it('the target needs a primary key', () => {
    expect(diags(`MERGE INTO nokey AS t USING fixes AS s ON t.id = s.id WHEN MATCHED THEN DELETE;`)).toEqual([
      expect.stringMatching(/^1:12 merge-target: MERGE INTO nokey needs a PRIMARY KEY on the target/),
    ]);
  });

  it('unknown and doubly assigned columns, type mismatches', () => {
    expect(diags(`${M} WHEN MATCHED THEN UPDATE SET qtty = 1;`)).toEqual([`1:85 unknown-column: unknown column 'qtty' in table target; did you mean 'qty'?`]);
    expect(diags(`${M} WHEN MATCHED THEN UPDATE SET qty = 1, qty = 2;`)[0]).toMatch(/duplicate-column: column 'qty' is assigned twice/);
    expect(diags(`${M} WHEN MATCHED THEN UPDATE SET qty = s.op > 1;`)[0]).toMatch(/type-mismatch/);
    expect(diags(`${M} WHEN MATCHED THEN UPDATE SET qty = DATE '2020-01-01';`)[0]).toMatch(/type-mismatch: cannot write DATE into column 'qty' INT of target/);
  });

  it('NOT MATCHED clauses cannot read the target; INSERT must set the key', () => {
    expect(diags(`${M} WHEN NOT MATCHED THEN INSERT VALUES (t.id, s.name, s.qty);`)[0]).toMatch(/unknown-(table|column): unknown table or alias 't'/);
    expect(diags(`${M} WHEN NOT MATCHED AND qty > t.qty THEN INSERT *;`)[0]).toMatch(/unknown/);
    expect(diags(`${M} WHEN NOT MATCHED THEN INSERT (name) VALUES (s.name);`)[0]).toMatch(/merge-target: INSERT must set the target's primary key column 'id'/);
  });

  it('`*` needs a source column for every target column', () => {
    expect(diags(`MERGE INTO target AS t USING (SELECT id, qty FROM fixes) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET *;`)[0]).toMatch(
      /column-count: UPDATE SET \* needs a source column named like every target column; the source has no column 'name'/,
    );
  });

  it('a MERGE without an equality between target and source', () => {
    expect(diags(`MERGE INTO target AS t USING fixes AS s ON t.qty > s.qty WHEN MATCHED THEN DELETE;`)[0]).toMatch(/join-condition/);
  });
});
