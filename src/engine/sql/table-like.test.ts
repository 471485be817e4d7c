// CREATE TABLE ... LIKE: Flink's merge of the source table into the new one, its defaults and its
// errors (MergeTableLikeUtil's sentences), read off the parsed (merged) statement.
import { describe, expect, it } from 'vitest';
import type * as A from './ast';
import { parseScript } from './parser';
import { compile, createSimulation } from '../index';

const BASE = `CREATE TABLE orders (
  id BIGINT,
  amount DOUBLE,
  ts TIMESTAMP(3),
  cost AS amount * 2,
  part STRING METADATA FROM 'partition' VIRTUAL,
  PRIMARY KEY (id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) PARTITIONED BY (id) WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json');
`;

function derived(sql: string): { table: A.CreateTableStmt; errors: string[] } {
  const r = parseScript(BASE + sql);
  const table = r.statements[r.statements.length - 1] as A.CreateTableStmt;
  return { table, errors: r.diagnostics.map((d) => `${d.span.start.line - 9}:${d.span.start.column} ${d.message}`) };
}
const shape = (t: A.CreateTableStmt) => ({
  columns: t.columns.map((c) => `${c.name.name}:${c.columnKind}`),
  key: t.primaryKey?.columns.map((c) => c.name) ?? null,
  watermark: t.watermark ? `${t.watermark.column.name}` : null,
  partitions: t.partitionedBy.map((p) => p.name),
  options: Object.fromEntries(t.options.map((o) => [o.key, o.value])),
});

describe('CREATE TABLE ... LIKE', () => {
  it('default INCLUDING ALL OVERWRITING OPTIONS: everything of the source, the new options win', () => {
    const { table, errors } = derived(`CREATE TABLE orders2 (note STRING) WITH ('topic' = 'orders2') LIKE orders;`);
    expect(errors).toEqual([]);
    expect(shape(table)).toEqual({
      columns: ['id:physical', 'amount:physical', 'ts:physical', 'cost:computed', 'part:metadata', 'note:physical'],
      key: ['id'],
      watermark: 'ts',
      partitions: ['id'],
      options: { connector: 'kafka', topic: 'orders2', format: 'json' },
    });
  });

  it("Flink's documented example: a watermark added, EXCLUDING ALL INCLUDING GENERATED", () => {
    const { table, errors } = derived(`CREATE TABLE orders_wm (
    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'datagen')
LIKE orders (
   EXCLUDING ALL
   INCLUDING GENERATED
);`);
    expect(errors).toEqual([]);
    expect(shape(table)).toEqual({
      columns: ['id:physical', 'amount:physical', 'ts:physical', 'cost:computed'],
      key: null,
      watermark: 'ts',
      partitions: [],
      options: { connector: 'datagen' },
    });
  });

  it('the column list may be left out; OVERWRITING replaces generated columns and the watermark', () => {
    const { table, errors } = derived(`CREATE TABLE o3 (cost AS amount * 3, WATERMARK FOR ts AS ts) LIKE orders (OVERWRITING GENERATED OVERWRITING WATERMARKS EXCLUDING OPTIONS EXCLUDING PARTITIONS);
CREATE TABLE o4 WITH ('topic' = 't4') LIKE o3;`);
    expect(errors).toEqual([]);
    const o3 = parseScript(BASE + `CREATE TABLE o3 (cost AS amount * 3, WATERMARK FOR ts AS ts) LIKE orders (OVERWRITING GENERATED OVERWRITING WATERMARKS EXCLUDING OPTIONS EXCLUDING PARTITIONS);`).statements[1] as A.CreateTableStmt;
    const cost = o3.columns.find((c) => c.name.name === 'cost') as A.ComputedColumnDef;
    expect(cost.expr.span.start.line).toBe(10);
    expect(o3.watermark!.span.start.line).toBe(10);
    expect(shape(table).columns).toEqual(['id:physical', 'amount:physical', 'ts:physical', 'cost:computed', 'part:metadata']);
    expect(shape(table).options).toEqual({ topic: 't4' });
  });

  it("reports Flink's merge errors at the conflicting part", () => {
    expect(derived(`CREATE TABLE x (id INT) LIKE orders;`).errors).toEqual(["1:17 A column named 'id' already exists in the base table."]);
    expect(derived(`CREATE TABLE x (cost AS amount) LIKE orders;`).errors).toEqual([
      "1:17 A generated column named 'cost' already exists in the base table. You might want to specify EXCLUDING GENERATED or OVERWRITING GENERATED.",
    ]);
    expect(derived(`CREATE TABLE x (k INT, PRIMARY KEY (k) NOT ENFORCED) LIKE orders;`).errors).toEqual([
      '1:24 The base table already has a primary key. You might want to specify EXCLUDING CONSTRAINTS.',
    ]);
    expect(derived(`CREATE TABLE x (WATERMARK FOR ts AS ts) LIKE orders;`).errors[0]).toMatch(
      /^1:17 There already exists a watermark spec for column 'ts' in the base table\. You might want to specify EXCLUDING WATERMARKS or OVERWRITING WATERMARKS\./,
    );
    expect(derived(`CREATE TABLE x (k INT) PARTITIONED BY (k) LIKE orders;`).errors).toEqual([
      '1:40 The base table already has partitions defined. You might want to specify EXCLUDING PARTITIONS.',
    ]);
    expect(derived(`CREATE TABLE x (k INT) WITH ('topic' = 'y') LIKE orders (INCLUDING OPTIONS);`).errors).toEqual([
      "1:30 There already exists an option ['topic' -> 'orders'] in the base table. You might want to specify EXCLUDING OPTIONS or OVERWRITING OPTIONS.",
    ]);
    expect(derived(`CREATE TABLE x (k INT) LIKE orders (OVERWRITING CONSTRAINTS);`).errors).toEqual(["1:37 Illegal merging strategy 'OVERWRITING' for 'CONSTRAINTS' option."]);
    expect(derived(`CREATE TABLE x (k INT) LIKE orders (EXCLUDING OPTIONS INCLUDING OPTIONS);`).errors).toEqual(['1:55 Each like option feature can be declared only once.']);
    expect(derived(`CREATE TABLE x (k INT) LIKE nope;`).errors).toEqual(["1:29 Source table 'nope' of the LIKE clause not found in the catalog"]);
    expect(derived(`CREATE VIEW v AS SELECT id FROM orders;\nCREATE TABLE x (k INT) LIKE v;`).errors).toEqual(["2:29 Source table 'v' of the LIKE clause can not be a VIEW"]);
    expect(derived(`CREATE TABLE x WITH ('a' = 'b');`).errors).toEqual(['1:14 table x needs a column list (or LIKE another table)']);
  });

  it('a LIKE table runs as the merged definition', () => {
    const script = `CREATE TABLE src (id BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE src2 WITH ('number-of-rows' = '3') LIKE src;
CREATE TABLE out_t (id BIGINT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc');
CREATE TABLE out2 LIKE out_t;
INSERT INTO out2 SELECT id, v FROM src2;
`;
    const r = compile(script);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sim = createSimulation(script, { seed: 1 });
    expect(sim.runToEnd(60_000).error).toBeNull();
    expect(sim.readTable('out2').rows).toHaveLength(3);
  });
});
