// Realistic Flink scripts, end to end through the front end.
import { describe, expect, it } from 'vitest';
import type { CreateTableStmt, InsertStmt, Statement } from './ast';
import { parseScript } from './parser';
import { select, slice } from './test-helpers';

const ODS_DWD_ADS = `-- Orders pipeline: Kafka changelog -> Iceberg DWD -> MySQL serving table
SET 'execution.runtime-mode' = 'streaming';
SET 'execution.checkpointing.interval' = '30s';
SET 'table.exec.state.ttl' = '1 d';
SET 'sim.seed' = '42';

CREATE TABLE ods_orders (
  order_id    BIGINT,
  user_id     BIGINT,
  sku         STRING,
  amount      DECIMAL(12, 2),
  \`status\`    STRING COMMENT 'CREATED | PAID | CANCELLED',
  order_time  TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) COMMENT 'orders CDC from the OLTP database'
WITH (
  'connector' = 'kafka',
  'topic' = 'ods_orders',
  'properties.bootstrap.servers' = 'kafka:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'changelog-json'
);

CREATE TABLE ods_users (
  user_id BIGINT NOT NULL,
  name    STRING,
  city    STRING,
  ts      TIMESTAMP_LTZ(3),
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '50',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '1000'
);

CREATE TABLE dwd_orders (
  order_id   BIGINT,
  user_id    BIGINT,
  city       STRING,
  amount     DECIMAL(12, 2),
  status     STRING,
  order_date DATE,
  order_time TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) PARTITIONED BY (order_date)
WITH (
  'connector' = 'iceberg',
  'catalog-name' = 'lake',
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);

CREATE TABLE ads_city_gmv (
  city        STRING,
  order_date  DATE,
  gmv         DECIMAL(18, 2),
  paid_orders BIGINT,
  buyers      BIGINT,
  PRIMARY KEY (city, order_date) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://mysql:3306/ads',
  'table-name' = 'city_gmv'
);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO dwd_orders
  SELECT /*+ STATE_TTL('o' = '1d', 'u' = '7d') */
    o.order_id,
    o.user_id,
    COALESCE(u.city, 'unknown') AS city,
    o.amount,
    UPPER(o.status) AS status,
    CAST(o.order_time AS DATE) AS order_date,
    o.order_time
  FROM ods_orders /*+ REUSE_SOURCE */ AS o
  LEFT JOIN ods_users AS u ON o.user_id = u.user_id
  WHERE o.amount > 0 AND o.status <> 'TEST';

  INSERT INTO ads_city_gmv /*+ DROP_ROW_KIND('kinds' = '-U,-D') */
  SELECT /*+ STATE_CLEANUP('ttl' = '30d', 'condition' = 'order_date < CURRENT_DATE - INTERVAL ''30'' DAY') */
    city,
    order_date,
    SUM(amount) FILTER (WHERE status = 'PAID') AS gmv,
    COUNT(*) FILTER (WHERE status = 'PAID') AS paid_orders,
    COUNT(DISTINCT user_id) AS buyers
  FROM dwd_orders
  GROUP BY city, order_date
  HAVING SUM(amount) > 0;
END;
`;

const kinds = (s: Statement[]) => s.map((x) => x.kind);

describe('realistic scripts', () => {
  it('parses an ODS -> DWD -> ADS pipeline with kafka changelog-json, datagen, iceberg and jdbc', () => {
    const r = parseScript(ODS_DWD_ADS);
    expect(r.diagnostics).toEqual([]);
    expect(kinds(r.statements)).toEqual(['Set', 'Set', 'Set', 'Set', 'CreateTable', 'CreateTable', 'CreateTable', 'CreateTable', 'StatementSet']);
    const tables = r.statements.filter((s): s is CreateTableStmt => s.kind === 'CreateTable');
    expect(tables.map((t) => [t.name.name, t.options.find((o) => o.key === 'connector')!.value])).toEqual([
      ['ods_orders', 'kafka'], ['ods_users', 'datagen'], ['dwd_orders', 'iceberg'], ['ads_city_gmv', 'jdbc'],
    ]);
    expect(tables[0]!.columns.map((c) => c.name.name)).toEqual(['order_id', 'user_id', 'sku', 'amount', 'status', 'order_time']);
    expect(tables[3]!.primaryKey!.columns.map((c) => c.name)).toEqual(['city', 'order_date']);
    expect(tables[2]!.partitionedBy.map((c) => c.name)).toEqual(['order_date']);

    const set = r.statements[8]!;
    if (set.kind !== 'StatementSet') throw new Error();
    const [dwd, ads] = set.inserts as [InsertStmt, InsertStmt];
    const dwdSel = select(dwd.source);
    expect(dwdSel.hints.map((h) => h.name)).toEqual(['STATE_TTL']);
    expect(dwdSel.items).toHaveLength(7);
    if (dwdSel.from!.kind !== 'Join') throw new Error();
    expect(dwdSel.from!.joinType).toBe('LEFT');
    expect(dwdSel.from!.left).toMatchObject({ kind: 'TableRef', hints: [{ name: 'REUSE_SOURCE', args: [] }], alias: { name: 'o' } });

    expect(ads.hints).toMatchObject([{ name: 'DROP_ROW_KIND', args: [{ key: 'kinds', value: '-U,-D' }] }]);
    const adsSel = select(ads.source);
    expect(adsSel.hints[0]!.args).toMatchObject([
      { key: 'ttl', value: '30d' },
      { key: 'condition', value: "order_date < CURRENT_DATE - INTERVAL '30' DAY" },
    ]);
    expect(adsSel.groupBy).toHaveLength(2);
    expect(slice(ODS_DWD_ADS, ads.hints[0]!.span)).toBe("DROP_ROW_KIND('kinds' = '-U,-D')");
  });

  it('parses a dedup + lookup-join + MERGE script', () => {
    const text = `CREATE TABLE ods_events (
  id STRING, uid BIGINT, op STRING, payload STRING, ts TIMESTAMP(3),
  proc_time AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE dim_user (uid BIGINT, tier STRING, PRIMARY KEY (uid) NOT ENFORCED)
WITH ('connector' = 'jdbc', 'table-name' = 'users');

CREATE TABLE dwd_user_state (uid BIGINT, tier STRING, last_ts TIMESTAMP(3), PRIMARY KEY (uid) NOT ENFORCED)
WITH ('connector' = 'iceberg', 'format-version' = '2');

INSERT INTO dwd_user_state
SELECT uid, tier, ts FROM (
  SELECT e.uid, d.tier, e.ts,
         ROW_NUMBER() OVER (PARTITION BY e.uid ORDER BY e.ts DESC) AS rn
  FROM ods_events AS e
  JOIN dim_user FOR SYSTEM_TIME AS OF e.proc_time AS d ON e.uid = d.uid
  WHERE e.op IN ('I', 'U') AND e.payload IS NOT NULL
) WHERE rn = 1;

MERGE INTO dwd_user_state AS t
USING (SELECT uid, op, ts FROM ods_events WHERE ts >= TIMESTAMP '2024-01-01 00:00:00') AS s
ON t.uid = s.uid
WHEN MATCHED AND s.op = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET last_ts = s.ts
WHEN NOT MATCHED THEN INSERT (uid, tier, last_ts) VALUES (s.uid, 'new', s.ts);

INSERT INTO dwd_user_state VALUES (1, 'gold', TIMESTAMP '2024-01-01 00:00:00'), (2, 'silver', NULL);
`;
    const r = parseScript(text);
    expect(r.diagnostics).toEqual([]);
    expect(kinds(r.statements)).toEqual(['CreateTable', 'CreateTable', 'CreateTable', 'Insert', 'Merge', 'Insert']);
  });

  it('reports every mistake in a broken pipeline and keeps the rest', () => {
    const broken = ODS_DWD_ADS.replace('DECIMAL(12, 2),\n  `status`', 'DECIML(12, 2),\n  `status`')
      .replace("'table.exec.state.ttl' = '1 d';", "'table.exec.state.ttl' = '1 d'")
      .replace('PRIMARY KEY (city, order_date) NOT ENFORCED', 'PRIMARY KEY (city, order_date)')
      .replace('COUNT(DISTINCT user_id) AS buyers', 'COUNT(DISTINCT user_id AS buyers');
    const r = parseScript(broken);
    expect(r.diagnostics.map((d) => `${d.span.start.line}: ${d.message}`)).toEqual([
      "4: missing ';' between statements: add ';' before 'SET' at 5:1",
      "11: unknown type 'DECIML'; did you mean DECIMAL?",
      '61: Flink requires NOT ENFORCED after PRIMARY KEY (it does not check keys): write PRIMARY KEY (...) NOT ENFORCED',
      "89: expected ')' to close the argument list of COUNT opened at 89:10, found 'AS'",
    ]);
    expect(kinds(r.statements)).toEqual(['Set', 'Set', 'Set', 'Set', 'CreateTable', 'CreateTable', 'CreateTable', 'CreateTable', 'StatementSet']);
    const set = r.statements[8]!;
    if (set.kind !== 'StatementSet') throw new Error();
    expect(set.inserts.map((i) => i.table.name)).toEqual(['dwd_orders']);
  });

  it('parses a 2000+ line script completely', () => {
    const parts: string[] = [];
    let lines = 0;
    for (let i = 0; lines < 2000; i++) {
      const block = `CREATE TABLE t${i} (
  id BIGINT, name STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3),
  PRIMARY KEY (id) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen', 'rows-per-second' = '10');
INSERT INTO t${i} /*+ OPTIONS('a'='b') */
SELECT /*+ STATE_TTL('x'='1d') */ id, UPPER(name) AS name, SUM(amount) FILTER (WHERE amount > 0), MAX(ts)
FROM t${i} AS x LEFT JOIN t${i} AS y ON x.id = y.id
WHERE name LIKE 'a%' AND amount BETWEEN 1 AND 100 OR id IN (1, 2, 3) -- comment
GROUP BY id, name, CASE WHEN id > 10 THEN 'big' ELSE 'small' END;
`;
      parts.push(block);
      lines += 10;
    }
    const text = parts.join('');
    const r = parseScript(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.statements).toHaveLength(400);
  });
});
