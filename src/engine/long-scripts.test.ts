// Long generated SQL through the public API, on Node's default stack: operator chains of 100,000
// terms parse, bind, plan, print and evaluate to the right values, and so do 10,000 chained
// views or WITH queries; nesting past the documented limits is a located error, never a stack
// overflow.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation, readersOf, renameTable } from './index';

const SOURCE = `CREATE TABLE src (a INT) WITH ('connector' = 'filesystem', 'path' = 'a.csv', 'format' = 'csv');\n`;
const files = { 'a.csv': 'a\n1\n2\n' };
const N = 100_000;

function rowsOf(script: string, table = 'out'): unknown[][] {
  const c = compile(script);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const sim = createSimulation(script, { files, fileName: 'long.sql' });
  sim.runToEnd();
  return sim.readTable(table).rows.map((r) => [...r]);
}

function chain(n: number, term: (i: number) => string, op: string): string {
  return Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);
}

describe('long generated scripts', () => {
  it(`evaluates ${N.toLocaleString('en-US')} chained + terms`, () => {
    const script = SOURCE + `CREATE TABLE out (v BIGINT) WITH ('connector' = 'jdbc');\nINSERT INTO out SELECT ${chain(N, () => 'a', '+')} FROM src;\n`;
    expect(rowsOf(script)).toEqual([[N], [2 * N]]);
  });

  it(`filters with ${N.toLocaleString('en-US')} OR terms and with as many AND terms`, () => {
    const sink = `CREATE TABLE out (v INT) WITH ('connector' = 'jdbc');\n`;
    expect(rowsOf(SOURCE + sink + `INSERT INTO out SELECT a FROM src WHERE ${chain(N, (i) => `a = ${i + 2}`, 'OR')};\n`)).toEqual([[2]]);
    expect(rowsOf(SOURCE + sink + `INSERT INTO out SELECT a FROM src WHERE ${chain(N, (i) => `a < ${i + 2}`, 'AND')};\n`)).toEqual([[1]]);
  });

  it(`concatenates ${N.toLocaleString('en-US')} strings with ||`, () => {
    const script = SOURCE + `CREATE TABLE out (v STRING) WITH ('connector' = 'jdbc');\nINSERT INTO out SELECT ${chain(N, (i) => (i % 2 ? "'y'" : 'CAST(a AS STRING)'), '||')} FROM src;\n`;
    const rows = rowsOf(script) as string[][];
    expect(rows.map((r) => r[0]!.length)).toEqual([N, N]);
    expect(rows[1]![0]!.slice(0, 4)).toBe('2y2y');
  });

  it('binds a 5,000-term chain against a GROUP BY', () => {
    const script =
      SOURCE +
      `CREATE TABLE out (k INT, v BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');\n` +
      `INSERT INTO out SELECT a, ${chain(5_000, () => 'a', '+')} + COUNT(*) FROM src GROUP BY a;\n`;
    expect(rowsOf(script)).toEqual([[1, 5_001], [2, 10_001]]);
  });

  it('10,000 nested parentheses are a located error past the documented 200 levels', () => {
    const script = SOURCE + `CREATE TABLE out (v INT) WITH ('connector' = 'jdbc');\nINSERT INTO out SELECT ${'('.repeat(10_000)}a${')'.repeat(10_000)} FROM src;\n`;
    const errors = compile(script).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/nested too deeply \(more than 200 levels/);
    expect(errors[0]!.span.start.line).toBe(3);
  });

  it('views and WITH queries chain 10,000 deep and give the right rows', () => {
    const views = (n: number) => {
      let s = SOURCE + `CREATE TABLE out (v INT) WITH ('connector' = 'jdbc');\nCREATE VIEW v0 AS SELECT a FROM src;\n`;
      for (let i = 1; i < n; i++) s += `CREATE VIEW v${i} AS SELECT a + 1 AS a FROM v${i - 1};\n`;
      return s + `INSERT INTO out SELECT a FROM v${n - 1};\n`;
    };
    const ctes = (n: number) => {
      let s = SOURCE + `CREATE TABLE out (v INT) WITH ('connector' = 'jdbc');\nINSERT INTO out WITH c0 AS (SELECT a FROM src)`;
      for (let i = 1; i < n; i++) s += `, c${i} AS (SELECT a + 1 AS a FROM c${i - 1})`;
      return s + ` SELECT a FROM c${n - 1};\n`;
    };
    expect(rowsOf(views(250))).toEqual([[250], [251]]);
    expect(rowsOf(views(10_000))).toEqual([[10_000], [10_001]]);
    expect(rowsOf(ctes(10_000))).toEqual([[10_000], [10_001]]);
  });

  it('a view chain past the cut depth, read twice in a join, keeps its rows right', () => {
    let s = SOURCE + `CREATE TABLE out (x INT, y INT) WITH ('connector' = 'jdbc');\nCREATE VIEW v0 AS SELECT a FROM src;\n`;
    for (let i = 1; i < 450; i++) s += `CREATE VIEW v${i} AS SELECT a + 1 AS a FROM v${i - 1};\n`;
    // Both sides read the chain past the cut depth; v250 is also read inside v449's chain.
    s += `CREATE VIEW w AS SELECT l.a AS x, r.a AS y FROM v449 AS l JOIN v250 AS r ON l.a = r.a + 199;\n`;
    s += `INSERT INTO out SELECT x, y FROM w;\n`;
    expect(rowsOf(s)).toEqual([
      [450, 251],
      [451, 252],
    ]);
  });
});

describe('long chains through merges, joins and column rewrites', () => {
  it(`a ${N.toLocaleString('en-US')}-term chain over a subquery (merged Calc) and in a join condition`, () => {
    const sink = `CREATE TABLE out (v BIGINT) WITH ('connector' = 'jdbc');\n`;
    expect(rowsOf(SOURCE + sink + `INSERT INTO out SELECT ${chain(N, () => 'a', '+')} FROM (SELECT a FROM src);\n`)).toEqual([[N], [2 * N]]);
    const join =
      SOURCE +
      `CREATE TABLE out (l INT, r INT) WITH ('connector' = 'jdbc');\n` +
      `INSERT INTO out SELECT x.a, y.a FROM src AS x JOIN src AS y ON x.a = y.a WHERE ${chain(N, () => 'y.a', '+')} > ${N + 1};\n`;
    expect(rowsOf(join)).toEqual([[2, 2]]);
  });

  it(`renames a table read with a ${N.toLocaleString('en-US')}-term chain of qualified columns`, () => {
    const script = SOURCE + `CREATE TABLE out (v BIGINT) WITH ('connector' = 'jdbc');\nINSERT INTO out SELECT ${chain(N, () => 'src.a', '+')} FROM src;\n`;
    const renamed = renameTable(script, 'src', 'events').script;
    expect(renamed.split('events.a').length - 1).toBe(N);
    expect(renamed).toContain('FROM events;');
    expect(readersOf(renamed, 'events')).toHaveLength(1);
  });
});
