import { describe, expect, it } from 'vitest';
import type { ColumnDef, TableRef } from './ast';
import { parseScript } from './parser';
import { one, parseOk, select, slice, sx } from './test-helpers';

describe('SET and RESET', () => {
  it('parses quoted keys and values', () => {
    const text = "SET 'execution.checkpointing.interval' = '10s';";
    const s = one(text, 'Set');
    expect(s).toMatchObject({ key: 'execution.checkpointing.interval', value: '10s' });
    expect(slice(text, s.keySpan)).toBe("'execution.checkpointing.interval'");
    expect(slice(text, s.valueSpan)).toBe("'10s'");
    expect(slice(text, s.span)).toBe(text.slice(0, -1));
  });

  it('tolerates unquoted keys and values, dashes included', () => {
    const [a, b] = parseOk('SET table.exec.mini-batch.enabled = true;\nSET sim.rate = 100;');
    expect(a).toMatchObject({ kind: 'Set', key: 'table.exec.mini-batch.enabled', value: 'true' });
    expect(b).toMatchObject({ kind: 'Set', key: 'sim.rate', value: '100' });
  });

  it('parses RESET', () => {
    expect(parseOk("RESET 'a.b'; RESET;")).toMatchObject([{ kind: 'Reset', key: 'a.b' }, { kind: 'Reset' }]);
  });
});

describe('CREATE TABLE', () => {
  const ddl = `CREATE TABLE IF NOT EXISTS ods_orders (
  order_id BIGINT NOT NULL COMMENT 'the id',
  \`Customer Name\` VARCHAR(64),
  amount DECIMAL(10, 2),
  price NUMERIC,
  flag BOOLEAN, t TINYINT, s SMALLINT, i INT, j INTEGER, f FLOAT, d DOUBLE, dp DOUBLE PRECISION,
  c CHAR(3), s2 STRING, dt DATE,
  ts TIMESTAMP(3),
  ts0 TIMESTAMP,
  ltz TIMESTAMP(3) WITH LOCAL TIME ZONE,
  ltz2 TIMESTAMP_LTZ(3),
  PRIMARY KEY (order_id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) COMMENT 'raw orders'
PARTITIONED BY (dt, s2)
WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'format' = 'changelog-json'
);`;

  it('parses columns, types, key, watermark, comment, partitions and options', () => {
    const c = one(ddl, 'CreateTable');
    expect(c.ifNotExists).toBe(true);
    expect(c.temporary).toBe(false);
    expect(c.name.name).toBe('ods_orders');
    const types = c.columns.map((col) => (col.columnKind === 'computed' ? '?' : `${col.name.name}:${col.type.name}${col.type.precision ?? ''}${col.type.scale !== undefined ? ',' + col.type.scale : ''}${col.type.nullable ? '' : '!'}`));
    expect(types).toEqual([
      'order_id:BIGINT!', 'Customer Name:VARCHAR64', 'amount:DECIMAL10,2', 'price:DECIMAL10,0', 'flag:BOOLEAN',
      't:TINYINT', 's:SMALLINT', 'i:INT', 'j:INT', 'f:FLOAT', 'd:DOUBLE', 'dp:DOUBLE', 'c:CHAR3', 's2:STRING',
      'dt:DATE', 'ts:TIMESTAMP3', 'ts0:TIMESTAMP', 'ltz:TIMESTAMP_LTZ3', 'ltz2:TIMESTAMP_LTZ3',
    ]);
    expect(c.columns[0]).toMatchObject({ notNull: true, comment: 'the id', primaryKey: false });
    expect(c.columns[1]!.name).toMatchObject({ name: 'Customer Name', quoted: true, raw: '`Customer Name`' });
    expect(c.primaryKey!.columns.map((i) => i.name)).toEqual(['order_id']);
    expect(slice(ddl, c.primaryKey!.span)).toBe('PRIMARY KEY (order_id) NOT ENFORCED');
    expect(c.watermark!.column.name).toBe('ts');
    expect(sx(c.watermark!.expr)).toBe('(- ts interval(5 SECOND))');
    expect(slice(ddl, c.watermark!.span)).toBe("WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
    expect(c.comment).toBe('raw orders');
    expect(c.partitionedBy.map((i) => i.name)).toEqual(['dt', 's2']);
    expect(c.options.map((o) => [o.key, o.value])).toEqual([
      ['connector', 'kafka'], ['topic', 'orders'], ['format', 'changelog-json'],
    ]);
    expect(slice(ddl, c.options[1]!.keySpan)).toBe("'topic'");
    expect(slice(ddl, c.options[1]!.valueSpan)).toBe("'orders'");
    expect(slice(ddl, c.span)).toBe(ddl.slice(0, -1));
  });

  it('records type and column spans exactly', () => {
    const c = one(ddl, 'CreateTable');
    const amount = c.columns[2] as Extract<ColumnDef, { columnKind: 'physical' }>;
    expect(slice(ddl, amount.typeSpan)).toBe('DECIMAL(10, 2)');
    expect(slice(ddl, amount.span)).toBe('amount DECIMAL(10, 2)');
    const ltz = c.columns[17] as Extract<ColumnDef, { columnKind: 'physical' }>;
    expect(slice(ddl, ltz.typeSpan)).toBe('TIMESTAMP(3) WITH LOCAL TIME ZONE');
    expect(slice(ddl, c.columns[0]!.span)).toBe("order_id BIGINT NOT NULL COMMENT 'the id'");
  });

  it('parses an inline primary key, computed and metadata columns, TEMPORARY and qualified names', () => {
    const text = `CREATE TEMPORARY TABLE cat.db.t (
  id INT PRIMARY KEY NOT ENFORCED,
  proc AS PROCTIME(),
  kts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  part INT METADATA,
  CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'datagen');`;
    const c = one(text, 'CreateTable');
    expect(c.temporary).toBe(true);
    expect(c.name.name).toBe('cat.db.t');
    expect(c.name.parts.map((p) => p.name)).toEqual(['cat', 'db', 't']);
    expect(c.columns[0]).toMatchObject({ columnKind: 'physical', primaryKey: true, notNull: true });
    expect(c.columns[1]).toMatchObject({ columnKind: 'computed', name: { name: 'proc' } });
    expect(c.columns[2]).toMatchObject({ columnKind: 'metadata', metadataKey: 'timestamp', virtual: true });
    expect(c.columns[3]).toMatchObject({ columnKind: 'metadata', virtual: false });
    expect(c.columns[3]).not.toHaveProperty('metadataKey');
    expect(c.primaryKey!.columns.map((i) => i.name)).toEqual(['id']);
  });

  it('accepts common keywords as column names', () => {
    const c = one(
      "CREATE TABLE t (status STRING, `value` INT, value2 INT, `timestamp` TIMESTAMP(3), date DATE, year INT, key STRING, `comment` STRING, watermark INT, primary INT, timestamp TIMESTAMP(3), interval INT) WITH ('connector'='print');",
      'CreateTable',
    );
    expect(c.columns.map((col) => col.name.name)).toEqual([
      'status', 'value', 'value2', 'timestamp', 'date', 'year', 'key', 'comment', 'watermark', 'primary', 'timestamp', 'interval',
    ]);
  });
});

describe('CREATE VIEW', () => {
  it('parses a temporary view', () => {
    const v = one('CREATE TEMPORARY VIEW IF NOT EXISTS v (a, b) AS SELECT x, y FROM t;', 'CreateView');
    expect(v).toMatchObject({ temporary: true, ifNotExists: true, name: { name: 'v' } });
    expect(v.columns!.map((c) => c.name)).toEqual(['a', 'b']);
    expect(v.query.kind).toBe('Select');
  });
});

describe('INSERT', () => {
  it('parses INSERT INTO ... SELECT with a column list and target hints', () => {
    const text = "INSERT INTO dwd_orders /*+ OPTIONS('sink.parallelism'='2'), DROP_ROW_KIND('kinds'='-U,-D') */ (id, amount)\nSELECT id, amount FROM ods_orders;";
    const ins = one(text, 'Insert');
    expect(ins.table.name).toBe('dwd_orders');
    expect(ins.overwrite).toBe(false);
    expect(ins.columns!.map((c) => c.name)).toEqual(['id', 'amount']);
    expect(ins.hints.map((h) => h.name)).toEqual(['OPTIONS', 'DROP_ROW_KIND']);
    expect(ins.hints[1]!.args).toEqual([{ key: 'kinds', value: '-U,-D', span: ins.hints[1]!.args[0]!.span, valueSpan: ins.hints[1]!.args[0]!.valueSpan }]);
    expect(slice(text, ins.hints[1]!.args[0]!.valueSpan)).toBe("'-U,-D'");
    expect(slice(text, ins.hints[0]!.span)).toBe("OPTIONS('sink.parallelism'='2')");
    expect(slice(text, ins.hints[1]!.nameSpan)).toBe('DROP_ROW_KIND');
    expect(slice(text, ins.hints[1]!.args[0]!.span)).toBe("'kinds'='-U,-D'");
    expect(select(ins.source).from).toMatchObject({ kind: 'TableRef', name: { name: 'ods_orders' } });
    expect(slice(text, ins.span)).toBe(text.slice(0, -1));
  });

  it('parses INSERT ... VALUES, INSERT OVERWRITE, static partitions and a parenthesized query', () => {
    const [a, b, c] = parseOk(`INSERT INTO t VALUES (1, 'a'), (2, 'b');
INSERT OVERWRITE t PARTITION (dt = '2024-01-01') SELECT * FROM s;
INSERT INTO t (SELECT 1);`);
    expect(a).toMatchObject({ kind: 'Insert', overwrite: false, source: { kind: 'Values' } });
    if (a!.kind !== 'Insert' || a!.source.kind !== 'Values') throw new Error();
    expect(a!.source.rows.map((r) => r.map(sx))).toEqual([["1", "'a'"], ["2", "'b'"]]);
    expect(b).toMatchObject({ kind: 'Insert', overwrite: true });
    if (b!.kind !== 'Insert') throw new Error();
    expect(b!.partition!.map((p) => [p.column.name, sx(p.value)])).toEqual([['dt', "'2024-01-01'"]]);
    expect(c).toMatchObject({ kind: 'Insert', source: { kind: 'Select' } });
    if (c!.kind !== 'Insert') throw new Error();
    expect(c!.columns).toBeUndefined();
  });
});

describe('statement sets', () => {
  it('parses EXECUTE STATEMENT SET BEGIN ... END', () => {
    const text = 'EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO a SELECT * FROM s;\n  INSERT INTO b SELECT * FROM s;\nEND;';
    const set = one(text, 'StatementSet');
    expect(set.inserts.map((i) => i.table.name)).toEqual(['a', 'b']);
    expect(slice(text, set.span)).toBe(text.slice(0, -1));
    expect(slice(text, set.inserts[1]!.span)).toBe('INSERT INTO b SELECT * FROM s');
  });

  it('parses BEGIN STATEMENT SET; ... END;', () => {
    const stmts = parseOk('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;\nSET \'a\' = \'b\';');
    expect(stmts.map((s) => s.kind)).toEqual(['StatementSet', 'Set']);
  });
});

describe('MERGE', () => {
  it('parses every clause form', () => {
    const text = `MERGE INTO dim_users /*+ OPTIONS('x'='y') */ AS t
USING (SELECT * FROM ods_users) AS s
ON t.id = s.id
WHEN MATCHED AND s.op = 'D' THEN DELETE
WHEN MATCHED AND s.v > 0 THEN UPDATE SET name = s.name, t.v = s.v + 1
WHEN MATCHED THEN UPDATE SET *
WHEN MATCHED THEN UPDATE *
WHEN NOT MATCHED AND s.op <> 'D' THEN INSERT (id, name) VALUES (s.id, s.name)
WHEN NOT MATCHED THEN INSERT *;`;
    const m = one(text, 'Merge');
    expect(m.target).toMatchObject({ kind: 'TableRef', name: { name: 'dim_users' }, alias: { name: 't' } });
    expect(m.target.hints.map((h) => h.name)).toEqual(['OPTIONS']);
    expect(m.source).toMatchObject({ kind: 'SubqueryRef', alias: { name: 's' } });
    expect(sx(m.on)).toBe('(= t.id s.id)');
    expect(m.clauses.map((c) => `${c.matched ? 'M' : 'NM'}:${c.action.kind}:${c.condition ? sx(c.condition) : '-'}`)).toEqual([
      "M:Delete:(= s.op 'D')",
      'M:UpdateSet:(> s.v 0)',
      'M:UpdateStar:-',
      'M:UpdateStar:-',
      "NM:InsertValues:(<> s.op 'D')",
      'NM:InsertStar:-',
    ]);
    const upd = m.clauses[1]!.action;
    if (upd.kind !== 'UpdateSet') throw new Error();
    expect(upd.assignments.map((a) => `${a.column.name}=${sx(a.value)}`)).toEqual(['name=s.name', 'v=(+ s.v 1)']);
    const ins = m.clauses[4]!.action;
    if (ins.kind !== 'InsertValues') throw new Error();
    expect(ins.columns!.map((c) => c.name)).toEqual(['id', 'name']);
    expect(ins.values.map(sx)).toEqual(['s.id', 's.name']);
    expect(slice(text, m.clauses[0]!.span)).toBe("WHEN MATCHED AND s.op = 'D' THEN DELETE");
    expect(slice(text, m.span)).toBe(text.slice(0, -1));
  });

  it('accepts a plain table as the source', () => {
    const m = one('MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;', 'Merge');
    expect(m.source).toMatchObject({ kind: 'TableRef', name: { name: 's' } });
    expect(m.target.alias).toBeUndefined();
  });
});

describe('queries', () => {
  it('parses WITH, UNION ALL, DISTINCT, GROUP BY, HAVING, ORDER BY, LIMIT', () => {
    const q = one(
      `WITH a AS (SELECT x FROM t1), b (y) AS (SELECT x FROM t2)
SELECT DISTINCT x, COUNT(*) AS n FROM a GROUP BY x HAVING COUNT(*) > 1
UNION ALL SELECT y, 0 FROM b
ORDER BY n DESC NULLS LAST, x LIMIT 10;`,
      'Query',
    ).query;
    if (q.kind !== 'With') throw new Error();
    expect(q.ctes.map((c) => c.name.name)).toEqual(['a', 'b']);
    expect(q.ctes[1]!.columns!.map((c) => c.name)).toEqual(['y']);
    const body = q.body;
    if (body.kind !== 'SetOp') throw new Error();
    expect(body.op).toBe('UNION ALL');
    expect(body.orderBy.map((o) => [sx(o.expr), o.descending, o.nullsFirst])).toEqual([['n', true, false], ['x', false, undefined]]);
    expect(sx(body.limit!)).toBe('10');
    const left = select(body.left);
    expect(left.distinct).toBe(true);
    expect(left.groupBy.map(sx)).toEqual(['x']);
    expect(sx(left.having!)).toBe('(> COUNT(*) 1)');
  });

  it('parses UNION, INTERSECT and EXCEPT so the binder can reject them', () => {
    const q = one('SELECT 1 UNION SELECT 2 EXCEPT SELECT 3 INTERSECT SELECT 4;', 'Query').query;
    // INTERSECT binds tighter; UNION/EXCEPT are left-associative
    expect(q).toMatchObject({ kind: 'SetOp', op: 'EXCEPT', left: { op: 'UNION' }, right: { op: 'INTERSECT' } });
  });

  it('parses joins and comma joins', () => {
    const s = select(
      one(
        `SELECT * FROM a JOIN b ON a.id = b.id
LEFT OUTER JOIN c ON b.id = c.id RIGHT JOIN d ON 1 = 1 FULL OUTER JOIN e ON TRUE
INNER JOIN f USING (id) CROSS JOIN g, h;`,
        'Query',
      ).query,
    );
    const types: string[] = [];
    let f = s.from!;
    while (f.kind === 'Join') {
      types.unshift(f.joinType);
      f = f.left;
    }
    expect(types).toEqual(['INNER', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS', 'CROSS']);
    expect((f as TableRef).name.name).toBe('a');
  });

  it('parses subqueries in FROM, table hints, aliases and lookup joins', () => {
    const text = `SELECT o.*, d.name FROM (SELECT * FROM orders /*+ OPTIONS('scan.startup.mode'='earliest-offset') */) AS o (id, amt)
JOIN dim_users FOR SYSTEM_TIME AS OF o.proc AS d ON o.uid = d.id`;
    const s = select(one(text, 'Query').query);
    expect(s.items[0]).toMatchObject({ kind: 'Star', qualifier: { name: 'o' } });
    if (s.from!.kind !== 'Join') throw new Error();
    const sub = s.from!.left;
    if (sub.kind !== 'SubqueryRef') throw new Error();
    expect(sub.alias!.name).toBe('o');
    expect(sub.columnAliases!.map((c) => c.name)).toEqual(['id', 'amt']);
    const inner = select(sub.query).from as TableRef;
    expect(inner.hints[0]!.args[0]).toMatchObject({ key: 'scan.startup.mode', value: 'earliest-offset' });
    expect(slice(text, inner.hints[0]!.span)).toBe("OPTIONS('scan.startup.mode'='earliest-offset')");
    expect(slice(text, inner.span)).toBe("orders /*+ OPTIONS('scan.startup.mode'='earliest-offset') */");
    const dim = s.from!.right as TableRef;
    expect(sx(dim.forSystemTimeAsOf!)).toBe('o.proc');
    expect(dim.alias!.name).toBe('d');
  });

  it('keeps SELECT hints with exact spans, several per block and several blocks', () => {
    const text = "SELECT /*+ STATE_TTL('o'='1d', 'p'='12h'), STATE_CLEANUP('ttl'='30d','condition'='status = ''DONE'''), REUSE_SOURCE */ /*+ BROADCAST(dim) */ a FROM t";
    const s = select(one(text, 'Query').query);
    expect(s.hints.map((h) => h.name)).toEqual(['STATE_TTL', 'STATE_CLEANUP', 'REUSE_SOURCE', 'BROADCAST']);
    expect(s.hints[0]!.args.map((a) => [a.key, a.value])).toEqual([['o', '1d'], ['p', '12h']]);
    expect(s.hints[1]!.args[1]).toMatchObject({ key: 'condition', value: "status = 'DONE'" });
    expect(s.hints[2]!.args).toEqual([]);
    expect(s.hints[3]!.args).toEqual([{ value: 'dim', span: s.hints[3]!.args[0]!.span, valueSpan: s.hints[3]!.args[0]!.span }]);
    expect(slice(text, s.hints[0]!.span)).toBe("STATE_TTL('o'='1d', 'p'='12h')");
    expect(slice(text, s.hints[2]!.span)).toBe('REUSE_SOURCE');
    expect(s.hints[0]!.span.start).toEqual({ offset: 11, line: 1, column: 12 });
  });

  it('parses a Top-N / dedup query with ROW_NUMBER() OVER', () => {
    const s = select(
      one('SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1', 'Query').query,
    );
    const sub = s.from!;
    if (sub.kind !== 'SubqueryRef') throw new Error();
    const item = select(sub.query).items[1]!;
    if (item.kind !== 'SelectExpr' || item.expr.kind !== 'FunctionCall') throw new Error();
    expect(item.expr.over!.partitionBy.map(sx)).toEqual(['id']);
    expect(item.expr.over!.orderBy[0]!.descending).toBe(true);
  });

  it('parses FETCH FIRST, OFFSET and VALUES without parentheses', () => {
    const q = one('SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY;', 'Query').query;
    expect(q).toMatchObject({ kind: 'Select' });
    expect(sx((q as ReturnType<typeof select>).limit!)).toBe('3');
    expect(sx((q as ReturnType<typeof select>).offset!)).toBe('5');
    expect(one('VALUES 1, 2;', 'Query').query).toMatchObject({ kind: 'Values', rows: [[{ value: 1 }], [{ value: 2 }]] });
  });

  it('returns statements in order with their spans', () => {
    const text = "SET 'a' = 'b';\n\nINSERT INTO x SELECT 1;\n";
    const r = parseScript(text);
    expect(r.statements.map((s) => slice(text, s.span))).toEqual(["SET 'a' = 'b'", 'INSERT INTO x SELECT 1']);
    expect(r.statements[1]!.span.start).toEqual({ offset: 16, line: 3, column: 1 });
  });
});
