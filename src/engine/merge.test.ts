// MERGE INTO end to end: a batch script fills a target (jdbc or an Iceberg v2/v3 lake table),
// then a MERGE repairs it from a source; the final target must equal what DuckDB's MERGE INTO
// (1.4+) makes of the same data. Sources are generated without duplicate keys: DuckDB does not
// check the multiple-match rule, which is tested against Freshet alone below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, createSimulation } from './index';
import { openDuck, type Duck } from '../cli/duckdb';

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

interface Data {
  target: [number, string, number][];
  source: [number, string, number, string][];
}

/** Target ids 1..n, source ids drawn without repetition from 1..1.6n (some match, some do not). */
function dataset(seed: number, n: number): Data {
  const next = lcg(seed);
  const target = Array.from({ length: n }, (_, i): [number, string, number] => [i + 1, `t${i + 1}`, Math.floor(next() * 100)]);
  const ids = Array.from({ length: Math.floor(n * 1.6) }, (_, i) => i + 1).filter(() => next() < 0.6);
  const ops = ['update', 'update', 'delete', 'keep'];
  const source = ids.map((id): [number, string, number, string] => [id, `s${id}`, Math.floor(next() * 100) - 20, ops[Math.floor(next() * ops.length)]!]);
  return { target, source };
}

const csv = (header: string, rows: readonly (readonly unknown[])[]) => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';

/** MERGE statements covering every clause kind, with and without conditions, and the `*` forms. */
const MERGES: { name: string; source: 'fixes' | 'same'; sql: string }[] = [
  {
    name: 'update, delete and insert with conditions',
    source: 'fixes',
    sql: `MERGE INTO target AS t USING fixes AS s ON t.id = s.id
WHEN MATCHED AND s.op = 'delete' THEN DELETE
WHEN MATCHED AND s.op = 'update' AND s.qty > 0 THEN UPDATE SET qty = t.qty + s.qty, name = s.name
WHEN NOT MATCHED AND s.op <> 'delete' THEN INSERT VALUES (s.id, s.name, s.qty)`,
  },
  {
    name: 'only MATCHED clauses (an inner join)',
    source: 'fixes',
    sql: `MERGE INTO target AS t USING fixes AS s ON t.id = s.id
WHEN MATCHED AND s.qty < 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET qty = s.qty * 2`,
  },
  {
    name: 'only NOT MATCHED clauses (an anti join), a column list',
    source: 'fixes',
    sql: `MERGE INTO target AS t USING fixes AS s ON t.id = s.id
WHEN NOT MATCHED AND s.qty >= 10 THEN INSERT (id, qty) VALUES (s.id, s.qty)`,
  },
  {
    name: 'UPDATE SET * and INSERT * from a source of the same schema',
    source: 'same',
    sql: `MERGE INTO target USING same ON target.id = same.id
WHEN MATCHED AND same.qty > 50 THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *`,
  },
  {
    // a target row the residual rejects is NOT MATCHED: inserting its id again would break the key
    name: 'a subquery source and a residual ON condition',
    source: 'fixes',
    sql: `MERGE INTO target t USING (SELECT id, name, qty FROM fixes WHERE op <> 'keep') AS s ON t.id = s.id AND t.qty < 60
WHEN MATCHED THEN DELETE
WHEN NOT MATCHED AND s.id > 40 THEN INSERT VALUES (s.id, s.name, s.qty)`,
  },
];

const TARGETS: Record<string, string> = {
  jdbc: `'connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/db', 'table-name' = 'target'`,
  'iceberg v2': `'connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2'`,
  'iceberg v3': `'connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '3'`,
};

function script(targetWith: string, merge: string): string {
  return `SET 'execution.checkpointing.interval' = '1 s';
CREATE TABLE seed (id INT, name STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'seed.csv', 'format' = 'csv');
CREATE TABLE fixes (id INT, name STRING, qty INT, op STRING) WITH ('connector' = 'filesystem', 'path' = 'fixes.csv', 'format' = 'csv');
CREATE TABLE same (id INT, name STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'same.csv', 'format' = 'csv');
CREATE TABLE target (id INT, name STRING, qty INT, PRIMARY KEY (id) NOT ENFORCED) WITH (${targetWith});
INSERT INTO target SELECT * FROM seed;
${merge};
`;
}

function files(d: Data): Record<string, string> {
  return {
    'seed.csv': csv('id,name,qty', d.target),
    'fixes.csv': csv('id,name,qty,op', d.source),
    'same.csv': csv('id,name,qty', d.source.map(([id, , qty]) => [id, `n${id}`, qty])),
  };
}

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck.close());

function duckMerge(d: Data, merge: string): unknown[][] {
  const values = (rows: readonly (readonly unknown[])[]) => rows.map((r) => `(${r.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`).join(', ');
  const same = d.source.map(([id, , qty]) => [id, `n${id}`, qty]);
  const sql = [
    'DROP TABLE IF EXISTS target; DROP TABLE IF EXISTS fixes; DROP TABLE IF EXISTS same;',
    'CREATE TABLE target (id INT PRIMARY KEY, name VARCHAR, qty INT);',
    `INSERT INTO target VALUES ${values(d.target)};`,
    'CREATE TABLE fixes (id INT, name VARCHAR, qty INT, op VARCHAR);',
    d.source.length > 0 ? `INSERT INTO fixes VALUES ${values(d.source)};` : '',
    'CREATE TABLE same (id INT, name VARCHAR, qty INT);',
    same.length > 0 ? `INSERT INTO same VALUES ${values(same)};` : '',
    `${merge};`,
    'SELECT id, name, qty FROM target ORDER BY id',
  ].join('\n');
  return duck.query(sql).rows as unknown[][];
}

describe('MERGE INTO: the final target equals DuckDB MERGE INTO on the same data', () => {
  for (const [targetName, targetWith] of Object.entries(TARGETS)) {
    for (const m of MERGES) {
      it(`${targetName}: ${m.name}`, () => {
        for (const seed of [1, 2, 3]) {
          const d = dataset(seed, 40);
          const sim = createSimulation(script(targetWith, m.sql), { seed, files: files(d) });
          const end = sim.runToEnd(3_600_000);
          expect(end.error).toBeNull();
          const ours = sim.readTable('target').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
          expect(ours).toEqual(duckMerge(d, m.sql));
        }
      });
    }
  }
});

describe('MERGE INTO a lake table commits one snapshot', () => {
  it('an update/delete/insert MERGE commits an overwrite with equality deletes; a delete-only MERGE a delete', () => {
    const d = dataset(5, 30);
    const sim = createSimulation(script(TARGETS['iceberg v2']!, MERGES[0]!.sql), { seed: 1, files: files(d) });
    sim.runToEnd(3_600_000);
    const snapshots = sim.lakeSnapshots('target');
    expect(snapshots.map((s) => s.operation)).toEqual(['append', 'overwrite']);
    const last = snapshots.at(-1)!;
    expect(Number(last.summary['added-equality-delete-files'] ?? 0) + Number(last.summary['added-position-delete-files'] ?? 0)).toBeGreaterThan(0);

    const deleteOnly = `MERGE INTO target AS t USING fixes AS s ON t.id = s.id WHEN MATCHED THEN DELETE`;
    const sim2 = createSimulation(script(TARGETS['iceberg v3']!, deleteOnly), { seed: 1, files: files(d) });
    sim2.runToEnd(3_600_000);
    expect(sim2.lakeSnapshots('target').map((s) => s.operation)).toEqual(['append', 'delete']);
  });
});

describe('MERGE INTO: a target row matched by more than one source row', () => {
  it('fails the job before writing, pointing at the ON condition', () => {
    const text = script(TARGETS.jdbc!, `MERGE INTO target AS t USING fixes AS s ON t.id = s.id\nWHEN MATCHED THEN UPDATE SET qty = s.qty`);
    const sim = createSimulation(text, {
      seed: 1,
      files: { 'seed.csv': 'id,name,qty\n1,a,1\n2,b,2\n', 'fixes.csv': 'id,name,qty,op\n2,x,5,update\n2,y,6,update\n', 'same.csv': 'id,name,qty\n' },
    });
    const end = sim.runToEnd(3_600_000);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/^job-2 \(MERGE INTO target\) failed: MERGE: the target row with key \(2\) is matched by more than one source row/);
    const onAt = text.indexOf('t.id = s.id');
    expect(end.errorSpan?.start.offset).toBe(onAt);
    expect(sim.readTable('target').rows).toEqual([
      [1, 'a', 1],
      [2, 'b', 2],
    ]);
  });
});

describe('MERGE INTO reads only bounded inputs', () => {
  it('an unbounded source is a compile error naming the table', () => {
    const text = `CREATE TABLE target (id INT, qty INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db', 'table-name' = 't');
CREATE TABLE live (id INT, qty INT) WITH ('connector' = 'datagen');
MERGE INTO target t USING live s ON t.id = s.id WHEN MATCHED THEN UPDATE SET qty = s.qty;`;
    const errors = compile(text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}: ${d.message}`)).toEqual([
      '3:1 unbounded-input: job-1 (MERGE INTO target): MERGE INTO runs as a batch statement and reads only bounded inputs, but table live is unbounded (its source never ends)',
    ]);
    const bounded = text.replace(`WITH ('connector' = 'datagen')`, `WITH ('connector' = 'datagen', 'number-of-rows' = '10')`);
    expect(compile(bounded).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('a repair against a running pipeline', () => {
  const text = `SET 'execution.checkpointing.interval' = '1 s';
CREATE TABLE clicks (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '10');
CREATE TABLE click_log (id INT) WITH ('connector' = 'blackhole');
CREATE TABLE dim (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
INSERT INTO click_log SELECT id FROM clicks;
INSERT INTO dim VALUES (1, 'a'), (2, 'b'), (3, 'c');
`;

  it('runs a MERGE once, now, against the live tables while the streaming job goes on', () => {
    const sim = createSimulation(text, { seed: 1 });
    sim.runFor(5_000);
    const fix = `MERGE INTO dim AS t USING (VALUES (2, 'B'), (4, 'd')) AS s (id, name) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
WHEN NOT MATCHED THEN INSERT *;`;
    const r = sim.runRepair(fix);
    expect(r).toMatchObject({ diagnostics: [], jobIds: ['repair-1'], status: 'finished', error: null });
    expect(sim.readTable('dim').rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [1, 'a'],
      [2, 'B'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(sim.lakeSnapshots('dim').map((s) => s.operation)).toEqual(['append', 'overwrite']);
    expect(sim.status()).toBe('running');
    const before = sim.now();
    sim.runFor(1_000);
    expect(sim.now()).toBe(before + 1_000);
  });

  it('a repair with errors is rejected with diagnostics in its own text', () => {
    const sim = createSimulation(text, { seed: 1 });
    sim.runFor(1_000);
    const r = sim.runRepair(`MERGE INTO dim AS t USING (VALUES (2, 'B')) AS s (id, name) ON t.id = s.id\nWHEN MATCHED THEN UPDATE SET nam = s.name;`);
    expect(r.status).toBe('rejected');
    expect(r.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([
      "2:30 unknown column 'nam' in table dim; did you mean 'name'?",
    ]);
  });
});
