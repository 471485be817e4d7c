import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql';
import { addTable, connectTables, deleteTable, mapColumns, renameTable } from './edits';
import { jobRanges, jobStatementRange, replaceStatement, deleteStatement, statementAt } from './statements';
import { modelOf } from '../script';

const SCRIPT = `-- Orders pipeline: ODS -> DWD -> ADS
SET 'execution.checkpointing.interval' = '10 s';

/* ODS: raw orders from the CDC topic */
CREATE TABLE ods_orders (
  order_id   BIGINT,
  sku        STRING,
  amount     DECIMAL(10, 2),   -- in EUR
  status     STRING,
  updated_at TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ods_orders',   -- same name as the table
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'changelog-json'
);

CREATE TABLE dwd_orders (
  order_id BIGINT,
  sku      STRING,
  amount   DECIMAL(10, 2),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/dwd', 'table-name' = 'dwd_orders');

CREATE TABLE ads_sales (
  sku   STRING,
  total DECIMAL(10, 2),
  PRIMARY KEY (sku) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/ads', 'table-name' = 'ads_sales');

-- clean: keep paid orders from ods_orders only
INSERT INTO dwd_orders
SELECT ods_orders.order_id, ods_orders.sku, amount
FROM ods_orders
WHERE status = 'PAID' /* not 'ods_orders' */;

INSERT INTO ads_sales
SELECT /*+ STATE_TTL('dwd_orders' = '1d') */ sku, SUM(amount) AS total
FROM dwd_orders
GROUP BY sku;
`;

function errorsOf(text: string): string[] {
  return parseScript(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`);
}

describe('fixture', () => {
  it('parses cleanly', () => {
    expect(errorsOf(SCRIPT)).toEqual([]);
  });
});

describe('addTable', () => {
  it('adds a datagen table after the last CREATE, leaving the rest byte-for-byte', () => {
    const r = addTable(SCRIPT, { name: 'ods_clicks', connector: 'datagen' });
    expect(errorsOf(r.script)).toEqual([]);
    const block = r.script.slice(r.selection!.offset, r.selection!.offset + r.selection!.length);
    expect(block).toBe(`CREATE TABLE ods_clicks (
  id BIGINT,
  user_id BIGINT,
  amount DECIMAL(10, 2),
  status STRING,
  event_time TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '1000000',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '1000',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500',
  'fields.status.values' = 'CREATED,PAID,SHIPPED'
);`);
    // removing the inserted block (and its separator) gives the original back
    const before = r.script.slice(0, r.selection!.offset - 2);
    const after = r.script.slice(r.selection!.offset + r.selection!.length);
    expect(before + after).toBe(SCRIPT);
    // it sits before the first INSERT, after ads_sales
    expect(r.selection!.offset).toBeGreaterThan(SCRIPT.indexOf('CREATE TABLE ads_sales'));
    expect(r.selection!.offset).toBeLessThan(r.script.indexOf('INSERT INTO'));
  });

  it('kafka: topic is the name, changelog-json for ODS and json elsewhere', () => {
    const ods = addTable('', { name: 'ods_users', connector: 'kafka' }).script;
    expect(ods).toContain("'topic' = 'ods_users'");
    expect(ods).toContain("'format' = 'changelog-json'");
    expect(ods).toContain("'properties.bootstrap.servers' = 'localhost:9092'");
    expect(errorsOf(ods)).toEqual([]);
    const dwd = addTable('', { name: 'dwd_users', connector: 'kafka' }).script;
    expect(dwd).toContain("'format' = 'json'");
    const layered = addTable('', { name: 'users', connector: 'kafka', layer: 'ODS' }).script;
    expect(layered).toContain("'format' = 'changelog-json'");
  });

  it('jdbc gets a primary key, url and table-name; filesystem a csv path', () => {
    const j = addTable('', { name: 'ads_totals', connector: 'jdbc' }).script;
    expect(j).toContain('PRIMARY KEY (id) NOT ENFORCED');
    expect(j).toContain("'url' = 'jdbc:mysql://localhost:3306/ads'");
    expect(j).toContain("'table-name' = 'ads_totals'");
    expect(errorsOf(j)).toEqual([]);
    const f = addTable('', { name: 'ods_files', connector: 'filesystem' }).script;
    expect(f).toContain("'path' = 'ods_files.csv'");
    expect(f).toContain("'format' = 'csv'");
    for (const c of ['print', 'blackhole', 'upsert-kafka', 'iceberg']) {
      expect(errorsOf(addTable('', { name: 't', connector: c }).script)).toEqual([]);
    }
  });

  it('writes given WITH options over the defaults (a lake table as a cluster user writes it)', () => {
    const r = addTable('', { name: 'dwd_orders', connector: 'iceberg', options: { 'format-version': '3', 'write.upsert.enabled': 'true' } });
    expect(r.script).toContain("  'format-version' = '3',\n  'write.upsert.enabled' = 'true'\n);");
    expect(r.script).not.toContain("'format-version' = '2'");
    expect(r.script).toContain('PRIMARY KEY (id) NOT ENFORCED');
    expect(errorsOf(r.script)).toEqual([]);
    const v1 = addTable('', { name: 'ods_log', connector: 'iceberg', primaryKey: [], options: { 'format-version': '1' } });
    expect(v1.script).not.toContain('PRIMARY KEY');
    expect(errorsOf(v1.script)).toEqual([]);
  });

  it('uses the given columns (quoting names that need it) and datagen options per type', () => {
    const r = addTable('', {
      name: 'ods_x',
      connector: 'datagen',
      columns: [
        { name: 'k', type: 'INT' },
        { name: 'Order Id', type: 'BIGINT' },
        { name: 'label', type: 'VARCHAR(20)' },
      ],
    });
    expect(r.script).toContain('  `Order Id` BIGINT,');
    expect(r.script).toContain("'fields.k.kind' = 'sequence'");
    expect(r.script).toContain("'fields.label.length' = '8'");
    expect(errorsOf(r.script)).toEqual([]);
  });

  it('picks a unique name when taken', () => {
    let s = addTable('', { name: 'ods_table', connector: 'datagen' }).script;
    s = addTable(s, { name: 'ods_table', connector: 'datagen' }).script;
    s = addTable(s, { name: 'ods_table', connector: 'datagen' }).script;
    expect(modelOf(s).tables.map((t) => t.name)).toEqual(['ods_table', 'ods_table_2', 'ods_table_3']);
    expect(errorsOf(s)).toEqual([]);
    // the name is compared as the parser normalizes it
    const s2 = addTable(s, { name: 'ODS_TABLE', connector: 'print' }).script;
    expect(s2).toContain('CREATE TABLE ODS_TABLE_4');
  });

  it('appends to an empty script and to one without a trailing newline or final ;', () => {
    expect(addTable('', { name: 'a', connector: 'print' }).script.startsWith('CREATE TABLE a (')).toBe(true);
    const s = "SET 'parallelism.default' = '2'";
    const r = addTable(s, { name: 'a', connector: 'print' });
    expect(r.script.startsWith("SET 'parallelism.default' = '2';\n\nCREATE TABLE a (")).toBe(true);
    expect(errorsOf(r.script)).toEqual([]);
  });

  it('rejects bad names and unknown connectors', () => {
    expect(() => addTable('', { name: '1abc', connector: 'print' })).toThrow(/not a valid table name/);
    expect(() => addTable('', { name: 'select', connector: 'print' })).toThrow(/reserved/);
    expect(() => addTable('', { name: 'a', connector: 'mongo' })).toThrow(/unknown connector/);
  });
});

describe('connectTables', () => {
  it('maps by name, casts differing types, fills missing with CAST(NULL ...) and selects the new INSERT', () => {
    let s = SCRIPT;
    s = addTable(s, {
      name: 'ads_orders',
      connector: 'jdbc',
      columns: [
        { name: 'order_id', type: 'BIGINT' },
        { name: 'amount', type: 'DOUBLE' },
        { name: 'note', type: 'STRING' },
      ],
    }).script;
    const r = connectTables(s, 'ods_orders', 'ads_orders');
    const text = r.script.slice(r.selection!.offset, r.selection!.offset + r.selection!.length);
    expect(text).toBe(`INSERT INTO ads_orders
SELECT
  order_id,
  CAST(amount AS DOUBLE) AS amount,
  CAST(NULL AS STRING) AS note
FROM ods_orders;`);
    expect(r.script.startsWith(s)).toBe(true);
    expect(errorsOf(r.script)).toEqual([]);
    expect(statementAt(r.script, r.selection!.offset + 3)!.kind).toBe('Insert');
  });

  it('falls back to position for type-compatible columns', () => {
    const src = [
      { name: 'a', type: 'BIGINT', kind: 'physical' as const, writable: true },
      { name: 'b', type: 'STRING', kind: 'physical' as const, writable: true },
      { name: 'c', type: 'BOOLEAN', kind: 'physical' as const, writable: true },
    ];
    const dst = [
      { name: 'x', type: 'BIGINT', kind: 'physical' as const, writable: true },
      { name: 'y', type: 'STRING', kind: 'physical' as const, writable: true },
      { name: 'z', type: 'DATE', kind: 'physical' as const, writable: true },
      { name: 'v', type: 'STRING', kind: 'computed' as const, writable: false },
    ];
    expect(mapColumns(src, dst)).toEqual(['a AS x', 'b AS y', 'CAST(NULL AS DATE) AS z']);
  });

  it('refuses unknown tables, self loops and source-only connectors', () => {
    expect(() => connectTables(SCRIPT, 'nope', 'ads_sales')).toThrow(/no table named "nope"/);
    expect(() => connectTables(SCRIPT, 'ads_sales', 'ads_sales')).toThrow(/cannot feed itself/);
    const s = addTable(SCRIPT, { name: 'ods_gen', connector: 'datagen' }).script;
    expect(() => connectTables(s, 'ods_orders', 'ods_gen')).toThrow(/cannot be written/);
  });
});

describe('renameTable', () => {
  it('renames the CREATE, FROM, INSERT INTO, qualified refs and STATE_TTL keys; not strings or comments', () => {
    const r = renameTable(SCRIPT, 'ods_orders', 'ods_order_events');
    expect(errorsOf(r.script)).toEqual([]);
    const expected = SCRIPT.replace('CREATE TABLE ods_orders (', 'CREATE TABLE ods_order_events (')
      .replace(
        'SELECT ods_orders.order_id, ods_orders.sku, amount\nFROM ods_orders\n',
        'SELECT ods_order_events.order_id, ods_order_events.sku, amount\nFROM ods_order_events\n',
      );
    expect(r.script).toBe(expected);
    // strings and comments keep the old name
    expect(r.script).toContain("'topic' = 'ods_orders'");
    expect(r.script).toContain("/* not 'ods_orders' */");
    expect(r.script).toContain('-- clean: keep paid orders from ods_orders only');
    expect(r.script.slice(r.selection!.offset, r.selection!.offset + r.selection!.length)).toBe('ods_order_events');
  });

  it('renames the INSERT target and STATE_TTL hint keys', () => {
    const r = renameTable(SCRIPT, 'dwd_orders', 'dwd_paid_orders');
    expect(r.script).toContain('INSERT INTO dwd_paid_orders\n');
    expect(r.script).toContain("STATE_TTL('dwd_paid_orders' = '1d')");
    expect(r.script).toContain('FROM dwd_paid_orders\nGROUP BY sku;');
    expect(r.script).toContain("'table-name' = 'dwd_orders'"); // the database table is not renamed
    expect(errorsOf(r.script)).toEqual([]);
  });

  it('leaves aliases, CTEs and other tables alone', () => {
    const s = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
INSERT INTO b SELECT a.x FROM a;
INSERT INTO b SELECT a.x FROM b AS a;
INSERT INTO b WITH a AS (SELECT x FROM b) SELECT a.x FROM a;
INSERT INTO b SELECT t.x FROM (SELECT a.x FROM a) AS t JOIN a ON t.x = a.x;
`;
    expect(errorsOf(s)).toEqual([]);
    const r = renameTable(s, 'a', 'src');
    expect(r.script).toBe(`CREATE TABLE src (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
INSERT INTO b SELECT src.x FROM src;
INSERT INTO b SELECT a.x FROM b AS a;
INSERT INTO b WITH a AS (SELECT x FROM b) SELECT a.x FROM a;
INSERT INTO b SELECT t.x FROM (SELECT src.x FROM src) AS t JOIN src ON t.x = src.x;
`);
  });

  it('renames inside statement sets, views, MERGE and quoted references', () => {
    const s = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
CREATE VIEW v AS SELECT x FROM \`a\`;
EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM a;
  INSERT INTO a SELECT x FROM b;
END;
MERGE INTO a USING b ON a.x = b.x WHEN MATCHED THEN DELETE;
`;
    expect(errorsOf(s)).toEqual([]);
    const r = renameTable(s, 'a', 'z');
    expect(r.script).toBe(`CREATE TABLE z (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
CREATE VIEW v AS SELECT x FROM z;
EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM z;
  INSERT INTO z SELECT x FROM b;
END;
MERGE INTO z USING b ON z.x = b.x WHEN MATCHED THEN DELETE;
`);
  });

  it('renames upper-case and backquoted references, star qualifiers, temporal joins and IN subqueries', () => {
    const s = `CREATE TABLE orders (id BIGINT, sku STRING, pt AS PROCTIME()) WITH ('connector' = 'datagen');
CREATE TABLE dim (sku STRING, name STRING) WITH ('connector' = 'jdbc');
CREATE TABLE out1 (id BIGINT, name STRING) WITH ('connector' = 'print');
INSERT INTO out1 (id, name) SELECT ORDERS.id, d.name FROM ORDERS JOIN dim FOR SYSTEM_TIME AS OF orders.pt AS d ON orders.sku = d.sku WHERE orders.id IN (SELECT id FROM \`orders\`);
INSERT INTO out1 SELECT orders.*, 'orders' FROM orders; -- orders
`;
    expect(errorsOf(s)).toEqual([]);
    expect(renameTable(s, 'orders', 'ods_orders').script).toBe(`CREATE TABLE ods_orders (id BIGINT, sku STRING, pt AS PROCTIME()) WITH ('connector' = 'datagen');
CREATE TABLE dim (sku STRING, name STRING) WITH ('connector' = 'jdbc');
CREATE TABLE out1 (id BIGINT, name STRING) WITH ('connector' = 'print');
INSERT INTO out1 (id, name) SELECT ods_orders.id, d.name FROM ods_orders JOIN dim FOR SYSTEM_TIME AS OF ods_orders.pt AS d ON ods_orders.sku = d.sku WHERE ods_orders.id IN (SELECT id FROM ods_orders);
INSERT INTO out1 SELECT ods_orders.*, 'orders' FROM ods_orders; -- orders
`);
  });

  it('a case-only rename is allowed', () => {
    const s = "CREATE TABLE a (x INT) WITH ('connector' = 'datagen');\n";
    expect(renameTable(s, 'a', 'A').script).toBe("CREATE TABLE A (x INT) WITH ('connector' = 'datagen');\n");
  });

  it('renames in statements that do not parse yet', () => {
    const s = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
INSERT INTO b SELECT a.x, FROM a WHERE;
`;
    const r = renameTable(s, 'a', 'z');
    expect(r.script).toBe(`CREATE TABLE z (x INT) WITH ('connector' = 'datagen');
INSERT INTO b SELECT z.x, FROM z WHERE;
`);
  });

  it('validates the new name', () => {
    expect(() => renameTable(SCRIPT, 'ods_orders', 'dwd_orders')).toThrow(/already exists/);
    expect(() => renameTable(SCRIPT, 'ods_orders', 'DWD_ORDERS')).toThrow(/already exists/);
    expect(() => renameTable(SCRIPT, 'ods_orders', 'bad name')).toThrow(/not a valid table name/);
    expect(() => renameTable(SCRIPT, 'ods_orders', 'from')).toThrow(/reserved/);
    expect(() => renameTable(SCRIPT, 'nope', 'x')).toThrow(/no table named/);
  });
});

describe('deleteTable', () => {
  it('removes the CREATE and the INSERTs into it and reports readers', () => {
    const r = deleteTable(SCRIPT, 'dwd_orders');
    expect(errorsOf(r.script)).toEqual([]);
    expect(r.script).not.toContain('CREATE TABLE dwd_orders');
    expect(r.script).not.toContain('INSERT INTO dwd_orders');
    expect(r.readers.map((x) => x.summary)).toEqual(['INSERT INTO ads_sales']);
    const rd = r.readers[0]!;
    expect(r.script.slice(rd.range.offset, rd.range.offset + rd.range.length)).toMatch(/^INSERT INTO ads_sales[\s\S]*GROUP BY sku$/);
    expect(r.script).toBe(
      SCRIPT.replace(
        `CREATE TABLE dwd_orders (
  order_id BIGINT,
  sku      STRING,
  amount   DECIMAL(10, 2),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/dwd', 'table-name' = 'dwd_orders');

`,
        '',
      ).replace(
        `INSERT INTO dwd_orders
SELECT ods_orders.order_id, ods_orders.sku, amount
FROM ods_orders
WHERE status = 'PAID' /* not 'ods_orders' */;
`,
        '',
      ),
    );
  });

  it('removes only the matching INSERT of a statement set', () => {
    const s = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
CREATE TABLE c (x INT) WITH ('connector' = 'print');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM a;
  INSERT INTO c SELECT x FROM a;
END;
`;
    const r = deleteTable(s, 'b');
    expect(r.script).toBe(`CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE c (x INT) WITH ('connector' = 'print');
EXECUTE STATEMENT SET BEGIN
  INSERT INTO c SELECT x FROM a;
END;
`);
    expect(r.readers).toEqual([]);
    const r2 = deleteTable(s, 'a');
    expect(r2.readers.map((x) => x.kind)).toEqual(['StatementSet']);
  });

  it('reports views and MERGE statements that read the table, and removes MERGE INTO it', () => {
    const s = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
CREATE TABLE b (x INT) WITH ('connector' = 'jdbc');
CREATE VIEW v AS SELECT x FROM a;
MERGE INTO b USING a ON a.x = b.x WHEN MATCHED THEN DELETE;
MERGE INTO a USING b ON a.x = b.x WHEN MATCHED THEN DELETE;
`;
    expect(errorsOf(s)).toEqual([]);
    const r = deleteTable(s, 'a');
    expect(r.script).toBe(`CREATE TABLE b (x INT) WITH ('connector' = 'jdbc');
CREATE VIEW v AS SELECT x FROM a;
MERGE INTO b USING a ON a.x = b.x WHEN MATCHED THEN DELETE;
`);
    expect(r.readers.map((x) => `${x.line}:${x.summary}`)).toEqual(['2:CREATE VIEW v', '3:MERGE INTO b']);
  });

  it('deletes the last table of a script and keeps the comments', () => {
    const s = `-- header\nCREATE TABLE a (x INT) WITH ('connector' = 'datagen'); -- trailing\n`;
    expect(deleteTable(s, 'a').script).toBe(`-- header\n -- trailing\n`);
    const s2 = `-- header\n\nCREATE TABLE a (x INT) WITH ('connector' = 'datagen');\n`;
    expect(deleteTable(s2, 'a').script).toBe(`-- header\n`);
  });
});

describe('statements and jobs', () => {
  it('statementAt finds the statement under the cursor, also in scripts that do not parse', () => {
    const at = SCRIPT.indexOf('GROUP BY sku');
    const st = statementAt(SCRIPT, at)!;
    expect(st.kind).toBe('Insert');
    expect(st.text.startsWith('INSERT INTO ads_sales')).toBe(true);
    expect(st.text.endsWith('GROUP BY sku')).toBe(true);
    expect(statementAt(SCRIPT, 0)).toBeNull(); // a comment between statements
    const broken = 'CREATE TABLE a (x INT) WITH (\'connector\' = \'datagen\');\nINSERT INTO a SELECT FROM WHERE;\n';
    const b = statementAt(broken, broken.indexOf('WHERE'))!;
    expect(b.kind).toBe('Unknown');
    expect(b.text).toBe('INSERT INTO a SELECT FROM WHERE');
  });

  it('jobStatementRange counts INSERTs in order, inside statement sets too', () => {
    const jobs = jobRanges(SCRIPT);
    expect(jobs.map((j) => j.text.split('\n')[0])).toEqual(['INSERT INTO dwd_orders', 'INSERT INTO ads_sales']);
    expect(jobStatementRange(SCRIPT, 1)!.text).toBe(jobs[1]!.text);
    expect(jobStatementRange(SCRIPT, 'job-1')!.text).toBe(jobs[0]!.text);
    expect(jobStatementRange(SCRIPT, 5)).toBeNull();
    const set = `EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM a;
  INSERT INTO c SELECT x FROM a;
END;`;
    expect(jobRanges(set).map((j) => j.text)).toEqual(['INSERT INTO b SELECT x FROM a', 'INSERT INTO c SELECT x FROM a']);
    const inner = statementAt(set, set.indexOf('INTO c'))!;
    expect(inner.text).toBe('INSERT INTO c SELECT x FROM a');
  });

  it('replaceStatement swaps one statement and keeps everything else', () => {
    const job = jobStatementRange(SCRIPT, 1)!;
    const next = 'INSERT INTO ads_sales\nSELECT sku, SUM(amount) AS total\nFROM dwd_orders\nWHERE amount > 0\nGROUP BY sku;\n';
    const r = replaceStatement(SCRIPT, job, next);
    expect(r.script).toBe(SCRIPT.slice(0, job.offset) + next.trimEnd().slice(0, -1) + SCRIPT.slice(job.offset + job.length));
    expect(errorsOf(r.script)).toEqual([]);
    expect(r.selection).toEqual({ offset: job.offset, length: next.trimEnd().length - 1 });
    expect(() => replaceStatement(SCRIPT, { offset: SCRIPT.length, length: 5 }, 'x')).toThrow(/outside the script/);
  });

  it('deleteStatement removes a job with its ; and its lines', () => {
    const job = jobStatementRange(SCRIPT, 0)!;
    const r = deleteStatement(SCRIPT, job);
    expect(r.script).toBe(
      SCRIPT.replace(
        `INSERT INTO dwd_orders
SELECT ods_orders.order_id, ods_orders.sku, amount
FROM ods_orders
WHERE status = 'PAID' /* not 'ods_orders' */;
`,
        '',
      ),
    );
    expect(errorsOf(r.script)).toEqual([]);
    const set = `EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM a;
  INSERT INTO c SELECT x FROM a;
END;
`;
    expect(deleteStatement(set, jobStatementRange(set, 1)!).script).toBe(`EXECUTE STATEMENT SET BEGIN
  INSERT INTO b SELECT x FROM a;
END;
`);
  });
});
