// TO_CHANGELOG (Flink 2.3): parsing (named and positional arguments, MAP of strings), planning
// (column order, checks with located errors) and the stream it produces from a retracting
// aggregate, which an append-only sink then accepts.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../../index';

const SRC = `CREATE TABLE src (id INT, k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '6', 'rows-per-second' = '1',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '6', 'fields.k.min' = '1', 'fields.k.max' = '2');
CREATE TABLE agg_sink (k INT, op STRING, cnt BIGINT) WITH ('connector' = 'filesystem', 'path' = 'a.csv', 'format' = 'csv');
CREATE TABLE coded (k INT, code STRING, cnt BIGINT) WITH ('connector' = 'filesystem', 'path' = 'c.csv', 'format' = 'csv');
`;
const COUNTS = `(SELECT k, COUNT(*) AS cnt FROM src GROUP BY k)`;

const errors = (script: string) =>
  compile(script)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`);

describe('TO_CHANGELOG', () => {
  it('turns a retract stream into inserts of [partition key, op, rest] that an append-only sink takes', () => {
    const script = `${SRC}INSERT INTO agg_sink SELECT * FROM TO_CHANGELOG(input => TABLE ${COUNTS} PARTITION BY k);`;
    expect(errors(script)).toEqual([]);
    const sim = createSimulation(script, { seed: 1 });
    sim.runFor(60_000);
    const rows = sim.readTable('agg_sink').rows as [number, string, number][];
    // Replaying the codes per key gives the aggregate's final counts: every key ends at its count.
    const last = new Map<number, number>();
    for (const [k, op, cnt] of rows) {
      expect(['INSERT', 'UPDATE_BEFORE', 'UPDATE_AFTER']).toContain(op);
      if (op !== 'UPDATE_BEFORE') last.set(k, cnt);
    }
    expect([...last.values()].reduce((a, b) => a + b, 0)).toBe(6);
    // Each update is a -U then a +U of one more.
    const ops = rows.map((r) => r[1]);
    expect(ops.filter((o) => o === 'UPDATE_BEFORE').length).toBe(ops.filter((o) => o === 'UPDATE_AFTER').length);
    expect(ops.filter((o) => o === 'INSERT').length).toBe(last.size);
  });

  it('with op and op_mapping (positional here) forwards only the mapped kinds under their codes', () => {
    const script = `${SRC}INSERT INTO coded SELECT * FROM to_changelog(TABLE ${COUNTS} PARTITION BY k, DESCRIPTOR(code), MAP['INSERT', 'I', 'UPDATE_AFTER', 'U']);`;
    expect(errors(script)).toEqual([]);
    const sim = createSimulation(script, { seed: 1 });
    sim.runFor(60_000);
    const rows = sim.readTable('coded').rows as [number, string, number][];
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['I', 'U']));
    expect(rows.length).toBe(6); // one +I or +U per input record, the -U dropped
    const plan = compile(script).pipeline!;
    const op = plan.jobs[0]!.operators.find((o) => o.kind === 'ToChangelog')!;
    expect(op.label).toBe('ToChangelog(partitionBy=[k], op=[code], mapping=[INSERT=I, UPDATE_AFTER=U])');
    expect(op.changelogMode).toBe('insert-only');
  });

  it('names what is wrong, where it is written', () => {
    const q = (tail: string) => `${SRC}INSERT INTO agg_sink SELECT * FROM TO_CHANGELOG(${tail});`;
    expect(errors(q(`input => TABLE ${COUNTS}`))).toEqual([expect.stringMatching(/^5:\d+ TO_CHANGELOG: the input table needs PARTITION BY/)]);
    expect(errors(q(`input => TABLE ${COUNTS} PARTITION BY nope`))).toEqual([expect.stringMatching(/^5:\d+ TO_CHANGELOG: unknown column 'nope' in PARTITION BY/)]);
    expect(errors(q(`input => TABLE ${COUNTS} PARTITION BY k, op => DESCRIPTOR(cnt)`))).toEqual([expect.stringMatching(/the op column 'cnt' clashes with a column of the input/)]);
    expect(errors(q(`input => TABLE ${COUNTS} PARTITION BY k, op_mapping => MAP['UPSERT', 'U']`))).toEqual([expect.stringMatching(/op_mapping key 'UPSERT' is not a RowKind/)]);
    expect(errors(q(`input => TABLE ${COUNTS} PARTITION BY k, op_mapping => MAP['INSERT']`))).toEqual([expect.stringMatching(/needs key, value pairs/)]);
    expect(errors(q(`input => TABLE ${COUNTS} PARTITION BY k, size => 3`))).toEqual([expect.stringMatching(/has no parameter size; its parameters are input, op, op_mapping/)]);
    expect(errors(`${SRC}INSERT INTO agg_sink SELECT * FROM FROM_CHANGELOG(input => TABLE src PARTITION BY k);`)).toEqual([
      expect.stringMatching(/FROM_CHANGELOG is not supported by Freshet yet: read the stream with a changelog format/),
    ]);
  });

  it('a mapped code from the script is data, never code', () => {
    const script = `${SRC}INSERT INTO coded SELECT * FROM TO_CHANGELOG(TABLE ${COUNTS} PARTITION BY k, DESCRIPTOR(code), MAP['INSERT', '"); globalThis.pwned = 1; ("']);`;
    const sim = createSimulation(script, { seed: 1 });
    sim.runFor(60_000);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect((sim.readTable('coded').rows as unknown[][]).every((r) => r[1] === '"); globalThis.pwned = 1; ("')).toBe(true);
  });
});
