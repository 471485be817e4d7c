import { describe, expect, it } from 'vitest';
import { complete, hover, type CompletionItem, type CompletionKind } from './language';

const DDL = `SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE ods_orders (
  order_id BIGINT,
  sku STRING,
  amount DECIMAL(10, 2),
  status STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'ods_orders',
  'format' = 'changelog-json'
);
CREATE TABLE dim_sku (
  sku STRING,
  title STRING,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/dim', 'table-name' = 'dim_sku');
CREATE TABLE ods_gen (id BIGINT, v INT) WITH ('connector' = 'datagen');
CREATE TABLE ads_sales (sku STRING, total DECIMAL(10, 2), PRIMARY KEY (sku) NOT ENFORCED)
  WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/ads', 'table-name' = 'ads_sales');
`;

/** `|` marks the cursor. */
function at(text: string): [string, number] {
  const i = text.indexOf('|');
  if (i < 0) throw new Error('no cursor');
  return [text.slice(0, i) + text.slice(i + 1), i];
}

function items(text: string): CompletionItem[] {
  const [s, o] = at(text);
  return complete(s, o);
}

function labels(text: string, kind?: CompletionKind): string[] {
  return items(text)
    .filter((i) => kind === undefined || i.kind === kind)
    .map((i) => i.label);
}

function hoverAt(text: string): string | null {
  const [s, o] = at(text);
  return hover(s, o)?.contents ?? null;
}

describe('complete: tables', () => {
  it('after FROM and JOIN offers tables (and WITH queries)', () => {
    expect(labels(DDL + 'INSERT INTO ads_sales SELECT sku FROM |', 'table')).toEqual(['ods_orders', 'dim_sku', 'ods_gen', 'ads_sales']);
    expect(labels(DDL + 'SELECT * FROM ods_orders o JOIN |', 'table')).toContain('dim_sku');
    expect(labels(DDL + 'SELECT * FROM ods_orders o, |', 'table')).toContain('dim_sku');
    expect(labels(DDL + 'WITH paid AS (SELECT sku FROM ods_orders) SELECT * FROM |', 'table')).toContain('paid');
  });

  it('after INSERT INTO offers only tables that can be written', () => {
    const l = labels(DDL + 'INSERT INTO |', 'table');
    expect(l).toContain('ads_sales');
    expect(l).not.toContain('ods_gen'); // datagen is a source only
  });

  it('filters by the partial name and replaces it', () => {
    const [s, o] = at(DDL + 'SELECT * FROM ods_o|');
    const r = complete(s, o);
    expect(r[0]!.label).toBe('ods_orders');
    expect(r[0]!.range).toEqual({ offset: o - 5, length: 5 });
    expect(r.map((x) => x.label)).not.toContain('dim_sku');
  });

  it('table items carry columns and connector', () => {
    const t = items(DDL + 'SELECT * FROM |').find((i) => i.label === 'dim_sku')!;
    expect(t.detail).toBe('jdbc · DIM');
    expect(t.documentation).toContain('`title` STRING');
    expect(t.documentation).toContain('(primary key)');
  });
});

describe('complete: columns', () => {
  it('in the SELECT list, before FROM is typed further on', () => {
    const l = labels(DDL + 'INSERT INTO ads_sales SELECT | FROM ods_orders GROUP BY sku;', 'column');
    expect(l).toEqual(['order_id', 'sku', 'amount', 'status']);
    expect(labels(DDL + 'INSERT INTO ads_sales SELECT | FROM ods_orders;', 'function')).toContain('SUM');
  });

  it('in WHERE, ON, GROUP BY and HAVING', () => {
    expect(labels(DDL + 'SELECT sku FROM ods_orders WHERE |', 'column')).toContain('status');
    expect(labels(DDL + 'SELECT o.sku FROM ods_orders o JOIN dim_sku d ON |', 'column')).toEqual(
      ['order_id', 'o.sku', 'amount', 'status', 'd.sku', 'title'],
    );
    expect(labels(DDL + 'SELECT sku, COUNT(*) FROM ods_orders GROUP BY |', 'column')).toContain('sku');
    expect(labels(DDL + 'SELECT sku FROM ods_orders GROUP BY sku HAVING SUM(|) > 1', 'column')).toContain('amount');
  });

  it('after alias. and table. offers that binding only', () => {
    expect(labels(DDL + 'SELECT d.| FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku', 'column')).toEqual(['sku', 'title']);
    expect(labels(DDL + 'SELECT ods_orders.| FROM ods_orders', 'column')).toEqual(['order_id', 'sku', 'amount', 'status']);
    expect(labels(DDL + 'SELECT o.am| FROM ods_orders o')).toEqual(['amount']);
  });

  it('sees CTE and subquery columns, and the enclosing query in a subquery', () => {
    expect(labels(DDL + 'WITH paid AS (SELECT sku, amount AS a FROM ods_orders) SELECT | FROM paid', 'column')).toEqual(['sku', 'a']);
    expect(labels(DDL + 'SELECT t.| FROM (SELECT sku, SUM(amount) AS total FROM ods_orders GROUP BY sku) AS t', 'column')).toEqual(['sku', 'total']);
    expect(labels(DDL + 'SELECT * FROM (SELECT | FROM dim_sku) t', 'column')).toEqual(['sku', 'title']);
  });

  it('INSERT INTO t (|) offers the writable columns of t', () => {
    expect(labels(DDL + 'INSERT INTO ads_sales (|', 'column')).toEqual(['sku', 'total']);
  });

  it('MERGE sees target and source', () => {
    const l = labels(DDL + 'MERGE INTO ads_sales t USING dim_sku s ON t.sku = s.sku WHEN MATCHED THEN UPDATE SET total = |', 'column');
    expect(l).toEqual(expect.arrayContaining(['t.sku', 'total', 's.sku', 'title']));
  });
});

describe('complete: WITH options', () => {
  it('offers the option keys of the connector, minus those written', () => {
    const l = labels(DDL + "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 'x', '|')", 'option');
    expect(l).toContain('properties.bootstrap.servers');
    expect(l).toContain('scan.startup.mode');
    expect(l).toContain('retention.ms');
    expect(l).not.toContain('topic');
    expect(l).not.toContain('url');
  });

  it('adds the options of the chosen format', () => {
    const l = labels("CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'format' = 'csv', '|');", 'option');
    expect(l).toEqual(expect.arrayContaining(['path', 'csv.field-delimiter', 'csv.ignore-parse-errors', 'sink.rolling-policy.file-size']));
    expect(l).not.toContain('json.ignore-parse-errors');
  });

  it('expands datagen field options per column', () => {
    const l = labels("CREATE TABLE g (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'fields.|", 'option');
    expect(l).toEqual(expect.arrayContaining(['fields.id.kind', 'fields.name.length', 'fields.name.values', 'fields.id.max-past']));
    expect(l.every((x) => x.startsWith('fields.'))).toBe(true);
  });

  it('offers connector names, formats and enum values after =', () => {
    expect(labels("CREATE TABLE t (a INT) WITH ('connector' = '|')", 'value')).toEqual(
      ['datagen', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc', 'print', 'blackhole', 'iceberg'],
    );
    expect(labels("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = '|')", 'value')).toEqual(
      ['csv', 'json', 'changelog-json', 'debezium-json'],
    );
    expect(labels("CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'scan.startup.mode' = '|')", 'value')).toContain('earliest-offset');
  });

  it('outside a string, inserts the whole pair', () => {
    const it0 = items("CREATE TABLE t (a INT) WITH (\n  'connector' = 'print',\n  |\n)").find((i) => i.label === 'print-identifier')!;
    expect(it0.insertText).toBe("'print-identifier' = ''");
    expect(it0.snippet).toBe("'print-identifier' = '$0'");
    expect(it0.documentation).toContain('prefixes every printed row');
  });

  it('works while the string and the statement are still open', () => {
    const l = labels(DDL + "CREATE TABLE t (a INT) WITH (\n  'connector' = 'jdbc',\n  'ur|\n\nINSERT INTO ads_sales SELECT * FROM dim_sku;\n");
    expect(l[0]).toBe('url');
    const r = items("CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'ta|");
    expect(r.map((x) => x.label)).toContain('table-name');
    expect(r[0]!.insertText).toBe('table-name');
  });
});

describe('complete: column definitions', () => {
  it('types after a column name, constraints after a type', () => {
    expect(labels('CREATE TABLE t (a |', 'type')).toEqual(expect.arrayContaining(['BIGINT', 'DECIMAL', 'TIMESTAMP', 'STRING']));
    expect(items('CREATE TABLE t (a DEC|').find((i) => i.label === 'DECIMAL')!.insertText).toBe('DECIMAL(10, 2)');
    expect(labels('CREATE TABLE t (a INT, b |, c STRING) WITH ()', 'type')).toContain('INT');
    expect(labels('CREATE TABLE t (a INT |', 'keyword')).toContain('NOT NULL');
    expect(labels('CREATE TABLE t (a INT, |', 'keyword')).toEqual(['PRIMARY KEY', 'WATERMARK FOR']);
  });

  it('columns in PRIMARY KEY (...) and WATERMARK FOR', () => {
    expect(labels('CREATE TABLE t (a INT, ts TIMESTAMP(3), PRIMARY KEY (|', 'column')).toEqual(['a', 'ts']);
    expect(labels('CREATE TABLE t (a INT, ts TIMESTAMP(3), WATERMARK FOR |', 'column')).toEqual(['a', 'ts']);
  });

  it('WITH after the column list', () => {
    expect(labels('CREATE TABLE t (a INT) |', 'keyword')).toEqual(['WITH', 'PARTITIONED BY', 'COMMENT']);
  });
});

describe('complete: hints', () => {
  it('hint names by placement', () => {
    expect(labels(DDL + 'INSERT INTO ads_sales SELECT /*+ | */ sku FROM ods_orders', 'hint')).toEqual(['STATE_TTL', 'STATE_CLEANUP']);
    expect(labels(DDL + 'SELECT * FROM ods_orders /*+ |', 'hint')).toEqual(['OPTIONS', 'REUSE_SOURCE']);
    expect(labels(DDL + 'INSERT INTO ads_sales /*+ | */ SELECT sku FROM ods_orders', 'hint')).toEqual(['DROP_ROW_KIND']);
    expect(labels(DDL + 'SELECT /*+ STATE_TTL(o = 1), S| */ * FROM ods_orders o', 'hint')).toEqual(['STATE_TTL', 'STATE_CLEANUP']);
  });

  it('hint keys', () => {
    expect(labels(DDL + "INSERT INTO ads_sales SELECT /*+ STATE_CLEANUP('|') */ sku FROM ods_orders", 'hintKey')).toEqual(['ttl', 'condition']);
    expect(labels(DDL + "INSERT INTO ads_sales SELECT /*+ STATE_CLEANUP('ttl' = '1 d', |", 'hintKey')).toEqual(['ttl', 'condition']);
    expect(labels(DDL + "INSERT INTO ads_sales /*+ DROP_ROW_KIND('kinds' = '|') */ SELECT sku FROM ods_orders", 'value')).toEqual(['-U', '-U,-D', '-D']);
    expect(labels(DDL + 'SELECT /*+ STATE_TTL(| */ * FROM ods_orders o JOIN dim_sku d ON o.sku = d.sku', 'hintKey')).toEqual(['o', 'd']);
    const opts = labels(DDL + "SELECT * FROM ods_orders /*+ OPTIONS('|') */", 'hintKey');
    expect(opts).toContain('scan.startup.mode');
    expect(opts).not.toContain('topic'); // already written in the table
  });
});

describe('complete: SET, keywords and places with nothing to offer', () => {
  it('SET keys and values', () => {
    const l = labels("SET '|", 'setting');
    expect(l).toEqual(expect.arrayContaining(['execution.checkpointing.interval', 'table.exec.state.ttl', 'sim.duration', 'sim.cost.source.rps', 'execution.runtime-mode', 'pipeline.name']));
    expect(items("SET 'sim.dur|").map((x) => x.insertText)).toEqual(['sim.duration']);
    expect(items('SET |').find((x) => x.label === 'pipeline.name')!.insertText).toBe("'pipeline.name' = ''");
    expect(labels("SET 'execution.runtime-mode' = '|", 'value')).toEqual(['STREAMING', 'BATCH', 'AUTOMATIC']);
  });

  it('statement keywords at the start of a statement', () => {
    expect(labels('|', 'keyword')).toContain('CREATE TABLE');
    expect(labels(DDL + 'INS|')).toEqual(['INSERT INTO', 'INSERT OVERWRITE']);
    expect(labels("SET 'a' = 'b';\n|", 'keyword')).toContain('INSERT INTO');
  });

  it('nothing inside comments or plain string literals', () => {
    expect(items(DDL + '-- SELECT * FROM |')).toEqual([]);
    expect(items(DDL + '/* FROM | */')).toEqual([]);
    expect(items(DDL + "SELECT * FROM ods_orders WHERE status = 'PA|'")).toEqual([]);
  });

  it('keeps working after a broken statement', () => {
    const broken = DDL + 'INSERT INTO ads_sales SELECT FROM WHERE ;\nSELECT | FROM dim_sku;';
    expect(labels(broken, 'column')).toEqual(['sku', 'title']);
    const open = DDL + 'INSERT INTO ads_sales SELECT sku, SUM(amount FROM ods_orders WHERE |';
    expect(labels(open, 'column')).toContain('status');
    const unterminated = "CREATE TABLE x (a INT) WITH ('connector' = 'kafka', 'topic' = 'it''s\nSELECT | FROM ods_orders";
    expect(() => complete(...at(unterminated))).not.toThrow();
  });
});

describe('hover', () => {
  it('hint names and keys', () => {
    expect(hoverAt(DDL + "SELECT /*+ STATE_C|LEANUP('ttl' = '1 d') */ sku FROM ods_orders")).toContain('Freshet extension');
    expect(hoverAt(DDL + "SELECT /*+ STATE_CLEANUP('con|dition' = 'x') */ sku FROM ods_orders")).toContain('state is cleared');
    expect(hoverAt(DDL + "SELECT /*+ STATE_T|TL('o' = '1 d') */ sku FROM ods_orders o")).toContain('Flink hint');
    // The hint's title is code: bare `/*+` beside `**` would render as literal asterisks.
    expect(hoverAt(DDL + "SELECT /*+ STATE_T|TL('o' = '1 d') */ sku FROM ods_orders o")).toContain('**`/*+ STATE_TTL */`**');
    expect(hoverAt(DDL + "SELECT /*+ STATE_TTL('|o' = '1 d') */ sku FROM ods_orders o")).toContain('ods_orders');
    expect(hoverAt(DDL + "SELECT * FROM ods_orders /*+ OPTIONS('scan.startup.m|ode' = 'earliest-offset') */")).toContain('Startup mode');
    expect(hoverAt(DDL + 'SELECT /*+ NO_SUCH|_HINT */ 1')).toContain('unknown hint');
  });

  it('option keys (connector-aware, datagen field patterns) and values', () => {
    expect(hoverAt(DDL.replace("'topic' = 'ods_orders'", "'to|pic' = 'ods_orders'"))).toContain('**\'topic\'** (kafka)');
    expect(hoverAt("CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.k|ind' = 'sequence')")).toContain("'sequence' or 'random'");
    expect(hoverAt("CREATE TABLE g (id BIGINT) WITH ('connector' = 'kaf|ka')")).toContain('**kafka** connector');
    expect(hoverAt("CREATE TABLE g (id BIGINT) WITH ('connector' = 'kafka', 'format' = 'changelog|-json')")).toContain('changelog (+I -U +U -D)');
    expect(hoverAt("CREATE TABLE g (id BIGINT) WITH ('connector' = 'iceber|g')")).toContain('**iceberg** connector');
  });

  it('SET keys', () => {
    expect(hoverAt("SET 'table.exec.st|ate.ttl' = '1 d';")).toContain('keep forever');
    expect(hoverAt("SET 'sim.dur|ation' = '1 h';")).toContain('Freshet simulator setting');
    expect(hoverAt("SET 'no.such|.key' = '1';")).toContain('not a setting');
  });

  it('a table name where its CREATE TABLE names it', () => {
    expect(hoverAt(DDL.replace('CREATE TABLE ods_orders', 'CREATE TABLE ods_or|ders'))).toContain('**ods_orders**: kafka table · layer ODS');
    expect(hoverAt("CREATE TABLE IF NOT EXISTS g|en (id BIGINT) WITH ('connector' = 'datagen')")).toContain('**gen**');
  });

  it('tables, aliases, columns, functions and types', () => {
    const t = hoverAt(DDL + 'INSERT INTO ads_sales SELECT sku FROM ods_or|ders;')!;
    expect(t).toContain('**ods_orders**: kafka table · layer ODS');
    expect(t).toContain('- `amount` DECIMAL(10, 2)');
    expect(hoverAt(DDL + 'SELECT o|.sku FROM ods_orders o')).toContain('alias of `ods_orders`');
    expect(hoverAt(DDL + 'SELECT o.am|ount FROM ods_orders o')).toBe('Column `amount` DECIMAL(10, 2) of `ods_orders`');
    expect(hoverAt(DDL + 'SELECT tit|le FROM dim_sku')).toBe('Column `title` STRING of `dim_sku`');
    expect(hoverAt(DDL + 'SELECT SU|M(amount) FROM ods_orders')).toContain('aggregate');
    expect(hoverAt('CREATE TABLE t (a DECI|MAL(10, 2))')).toContain('Exact decimal');
    expect(hoverAt(DDL + 'SELECT 1 -- ods_or|ders')).toBeNull();
    expect(hoverAt(DDL + "SELECT 'ods_or|ders'")).toBeNull();
  });
});
