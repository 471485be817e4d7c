// The lake pipeline the lake differential and failover suites run: CDC inputs (changelog-json and
// debezium-json files) into upsert Iceberg v2 and v3 tables, retracting aggregations into
// non-upsert keyed v2/v3 tables, partitioned tables (identity partitions; rows of the keyed
// non-upsert ones move between partitions), an insert-only input into an append v2 table,
// and a second set of jobs reading those lake tables bounded (joins and aggregations) into jdbc
// upsert tables. Every output table comes with the DuckDB query over the net inputs that gives
// its final contents.
import { cols, encodeDebezium, encodeFile, netRows, type ColumnDef } from './gen';
import type { LakeDataset } from './lake-gen';

export interface LakeOutput {
  /** The engine's table (a lake table or a jdbc sink). */
  table: string;
  columns: ColumnDef[];
  /** The same table's final contents in DuckDB, over the net inputs `accounts`, `orders`, `events`. */
  duck: string;
  /** An Iceberg table (checked as merge-on-read of its current snapshot). */
  lake: boolean;
}

/** Simulator settings that vary with the seed: parallelism, speed, tick and a short checkpoint interval. */
export function lakeSettings(seed: number): Record<string, string> {
  const i = ((seed % 5) + 5) % 5;
  return {
    'parallelism.default': String([1, 2, 3, 2, 1][i]),
    'sim.jitter': String([0.3, 0.6, 0.9, 0.2, 0.5][i]),
    'sim.batch.splits': String([2, 4, 8, 3, 5][i]),
    // About 2 to 6 s of virtual time to read the inputs...
    'sim.cost.source.rps': String([60, 100, 40, 80, 150][i]),
    'sim.tick': ['50 ms', '50 ms', '20 ms', '50 ms', '25 ms'][i]!,
    // ... and a checkpoint every 50 to 200 ms: dozens of commits per lake table.
    'execution.checkpointing.interval': ['100 ms', '200 ms', '50 ms', '150 ms', '75 ms'][i]!,
    'sim.changelog.max-entries': '1000000',
    // One seed in five writes checkpoint state slowly against a short timeout: some checkpoints
    // fail, and their files commit with the next completed one (tolerated: Flink's default of 0
    // would fail the job at the first).
    ...(i === 3
      ? { 'sim.cost.checkpoint.bytes-per-second': '40000', 'execution.checkpointing.timeout': '80 ms', 'execution.checkpointing.tolerable-failed-checkpoints': '1000' }
      : {}),
  };
}

const ICEBERG = `'connector' = 'iceberg', 'catalog-name' = 'lake', 'catalog-type' = 'hadoop', 'warehouse' = 'file:///tmp/warehouse'`;
const JDBC = (table: string): string => `'connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/ads', 'table-name' = '${table}'`;
const UPSERT = (version: number): string => `${ICEBERG}, 'format-version' = '${version}', 'write.upsert.enabled' = 'true'`;
const RETRACT = (version: number): string => `${ICEBERG}, 'format-version' = '${version}'`;

const ACCOUNTS_DDL = `account_id BIGINT, region STRING, plan STRING, balance DECIMAL(10, 2), updated_ts TIMESTAMP(3)`;
const ORDERS_DDL = `order_id BIGINT, account_id BIGINT, status STRING, amount DECIMAL(10, 2), qty INT`;

/** Lake tables with PARTITIONED BY. */
export const PARTITIONED_LAKE_TABLES = ['lake_status_totals', 'lake_plan_counts', 'lake_plan_counts_upsert', 'lake_accounts_by_region', 'lake_accounts_by_plan_v3', 'lake_dws_region'];

/** Lake tables of format version 3 (deletion vectors instead of position deletes). */
export const V3_LAKE_TABLES = ['lake_orders_kafka_v3', 'lake_events_dedup_v3', 'lake_accounts_v3', 'lake_orders_v3', 'lake_plan_counts', 'lake_accounts_by_plan_v3', 'lake_dws_region'];

/** The outputs and their DuckDB answers. Names of lake tables start with `lake_`. */
export const LAKE_OUTPUTS: LakeOutput[] = [
  { table: 'lake_accounts_v2', columns: cols('account_id BIGINT', 'region STRING', 'plan STRING', 'balance DECIMAL(10, 2)', 'updated_ts TIMESTAMP(3)'), duck: `SELECT * FROM accounts`, lake: true },
  { table: 'lake_accounts_v3', columns: cols('account_id BIGINT', 'region STRING', 'plan STRING', 'balance DECIMAL(10, 2)', 'updated_ts TIMESTAMP(3)'), duck: `SELECT * FROM accounts`, lake: true },
  { table: 'lake_orders_v2', columns: cols('order_id BIGINT', 'account_id BIGINT', 'status STRING', 'amount DECIMAL(10, 2)', 'qty INT'), duck: `SELECT * FROM orders`, lake: true },
  { table: 'lake_orders_v3', columns: cols('order_id BIGINT', 'account_id BIGINT', 'status STRING', 'amount DECIMAL(10, 2)', 'qty INT'), duck: `SELECT * FROM orders`, lake: true },
  {
    table: 'lake_status_totals',
    columns: cols('status STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'hi DECIMAL(10, 2)'),
    duck: `SELECT COALESCE(status, '?'), COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY COALESCE(status, '?')`,
    lake: true,
  },
  {
    table: 'lake_plan_counts',
    columns: cols('region STRING', 'plan STRING', 'n BIGINT', 'balance DECIMAL(38, 2)'),
    duck: `SELECT COALESCE(region, '?'), COALESCE(plan, '?'), COUNT(*), SUM(balance) FROM accounts GROUP BY COALESCE(region, '?'), COALESCE(plan, '?')`,
    lake: true,
  },
  {
    table: 'lake_plan_counts_upsert',
    columns: cols('region STRING', 'plan STRING', 'n BIGINT', 'balance DECIMAL(38, 2)'),
    duck: `SELECT COALESCE(region, '?'), COALESCE(plan, '?'), COUNT(*), SUM(balance) FROM accounts GROUP BY COALESCE(region, '?'), COALESCE(plan, '?')`,
    lake: true,
  },
  { table: 'lake_accounts_by_region', columns: cols('account_id BIGINT', 'region STRING', 'plan STRING', 'balance DECIMAL(10, 2)', 'updated_ts TIMESTAMP(3)'), duck: `SELECT * FROM accounts`, lake: true },
  { table: 'lake_accounts_by_plan_v3', columns: cols('account_id BIGINT', 'region STRING', 'plan STRING', 'balance DECIMAL(10, 2)', 'updated_ts TIMESTAMP(3)'), duck: `SELECT * FROM accounts`, lake: true },
  { table: 'lake_orders_kafka_v3', columns: cols('order_id BIGINT', 'account_id BIGINT', 'status STRING', 'amount DECIMAL(10, 2)', 'qty INT'), duck: `SELECT * FROM orders`, lake: true },
  {
    table: 'lake_dws_region',
    columns: cols('region STRING', 'accounts BIGINT', 'balance DECIMAL(38, 2)'),
    duck: `SELECT COALESCE(region, '?'), COUNT(*), SUM(balance) FROM accounts GROUP BY COALESCE(region, '?')`,
    lake: true,
  },
  { table: 'lake_events', columns: cols('event_id BIGINT', 'account_id BIGINT', 'kind STRING', 'points INT'), duck: `SELECT * FROM events WHERE points >= 0`, lake: true },
  {
    table: 'lake_events_dedup_v3',
    columns: cols('event_id BIGINT', 'account_id BIGINT', 'kind STRING', 'points INT'),
    duck: `SELECT DISTINCT * FROM events`,
    lake: true,
  },
  {
    table: 'ads_region',
    columns: cols('region STRING', 'orders BIGINT', 'amount DECIMAL(38, 2)', 'qty INT'),
    duck: `SELECT COALESCE(a.region, '?'), COUNT(*), SUM(o.amount), SUM(o.qty) FROM orders o JOIN accounts a ON o.account_id = a.account_id GROUP BY COALESCE(a.region, '?')`,
    lake: false,
  },
  {
    table: 'ads_plan',
    columns: cols('plan STRING', 'orders BIGINT', 'amount DECIMAL(38, 2)', 'no_account BIGINT'),
    duck: `SELECT COALESCE(a.plan, '-'), COUNT(*), SUM(o.amount), COUNT(*) FILTER (WHERE a.account_id IS NULL) FROM orders o LEFT JOIN accounts a ON o.account_id = a.account_id GROUP BY COALESCE(a.plan, '-')`,
    lake: false,
  },
  {
    table: 'ads_status',
    columns: cols('status STRING', 'n BIGINT', 'total DECIMAL(38, 2)'),
    duck: `SELECT COALESCE(status, '?'), COUNT(*), SUM(amount) FROM orders GROUP BY COALESCE(status, '?') HAVING COUNT(*) > 1`,
    lake: false,
  },
  {
    table: 'ads_chain',
    columns: cols('region STRING', 'accounts BIGINT', 'balance DECIMAL(38, 2)', 'orders BIGINT'),
    duck: `WITH d AS (SELECT COALESCE(region, '?') AS region, COUNT(*) AS accounts, SUM(balance) AS balance FROM accounts GROUP BY COALESCE(region, '?')),
                o AS (SELECT COALESCE(a.region, '?') AS region, COUNT(*) AS n FROM orders o JOIN accounts a ON o.account_id = a.account_id GROUP BY COALESCE(a.region, '?'))
           SELECT d.region, d.accounts, d.balance, o.n FROM d LEFT JOIN o ON d.region = o.region`,
    lake: false,
  },
  {
    table: 'ads_points',
    columns: cols('account_id BIGINT', 'events BIGINT', 'points INT', 'balance DECIMAL(10, 2)'),
    duck: `SELECT e.account_id, COUNT(*), SUM(e.points), MAX(a.balance) FROM events e JOIN accounts a ON e.account_id = a.account_id WHERE e.points >= 0 GROUP BY e.account_id`,
    lake: false,
  },
];

/** The Flink SQL script and its input files for one seed. */
export function lakeScript(seed: number, data: LakeDataset): { script: string; files: Record<string, string> } {
  const files: Record<string, string> = {
    'accounts.json': encodeFile(data.accounts),
    'orders.debezium.json': encodeDebezium(data.orders),
    'events.json': encodeFile(data.events),
  };
  const set = Object.entries(lakeSettings(seed))
    .map(([k, v]) => `SET '${k}' = '${v}';`)
    .join('\n');
  const script = `${set}
CREATE TABLE accounts (${ACCOUNTS_DDL}) WITH ('connector' = 'filesystem', 'path' = 'accounts.json', 'format' = 'changelog-json');
CREATE TABLE orders (${ORDERS_DDL}) WITH ('connector' = 'filesystem', 'path' = 'orders.debezium.json', 'format' = 'debezium-json');
CREATE TABLE events (event_id BIGINT, account_id BIGINT, kind STRING, points INT) WITH ('connector' = 'filesystem', 'path' = 'events.json', 'format' = 'json');

CREATE TABLE lake_accounts_v2 (${ACCOUNTS_DDL}, PRIMARY KEY (account_id) NOT ENFORCED) WITH (${UPSERT(2)});
CREATE TABLE lake_accounts_v3 (${ACCOUNTS_DDL}, PRIMARY KEY (account_id) NOT ENFORCED) WITH (${UPSERT(3)});
CREATE TABLE lake_orders_v2 (${ORDERS_DDL}, PRIMARY KEY (order_id) NOT ENFORCED) WITH (${UPSERT(2)});
CREATE TABLE lake_orders_v3 (${ORDERS_DDL}, PRIMARY KEY (order_id) NOT ENFORCED) WITH (${UPSERT(3)});
CREATE TABLE lake_status_totals (status STRING, n BIGINT, total DECIMAL(38, 2), hi DECIMAL(10, 2), PRIMARY KEY (status) NOT ENFORCED)
  PARTITIONED BY (status) WITH (${RETRACT(2)});
CREATE TABLE lake_plan_counts (region STRING, plan STRING, n BIGINT, balance DECIMAL(38, 2), PRIMARY KEY (region, plan) NOT ENFORCED)
  PARTITIONED BY (region) WITH (${RETRACT(3)});
CREATE TABLE lake_plan_counts_upsert (region STRING, plan STRING, n BIGINT, balance DECIMAL(38, 2), PRIMARY KEY (region, plan) NOT ENFORCED)
  PARTITIONED BY (region) WITH (${UPSERT(2)});
-- Keyed by account_id, partitioned by a column updates change: a -U deletes in the old partition.
CREATE TABLE lake_accounts_by_region (${ACCOUNTS_DDL}, PRIMARY KEY (account_id) NOT ENFORCED) PARTITIONED BY (region) WITH (${RETRACT(2)});
CREATE TABLE lake_accounts_by_plan_v3 (${ACCOUNTS_DDL}, PRIMARY KEY (account_id) NOT ENFORCED) PARTITIONED BY (plan) WITH (${RETRACT(3)});
-- The orders changelog through a Kafka topic in debezium-json (one partition keeps each key's order).
CREATE TABLE orders_topic (${ORDERS_DDL}) WITH ('connector' = 'kafka', 'properties.bootstrap.servers' = 'localhost:9092', 'topic' = 'orders_cdc',
  'scan.startup.mode' = 'earliest-offset', 'format' = 'debezium-json', 'partitions' = '1');
CREATE TABLE lake_orders_kafka_v3 (${ORDERS_DDL}, PRIMARY KEY (order_id) NOT ENFORCED) WITH (${UPSERT(3)});
-- An insert-only input with repeated keys into an upsert table: the later copy replaces the earlier.
CREATE TABLE lake_events_dedup_v3 (event_id BIGINT, account_id BIGINT, kind STRING, points INT, PRIMARY KEY (event_id) NOT ENFORCED) WITH (${UPSERT(3)});
-- A lake table filled from another lake table (bounded read), then read by a third job.
CREATE TABLE lake_dws_region (region STRING, accounts BIGINT, balance DECIMAL(38, 2), PRIMARY KEY (region) NOT ENFORCED)
  PARTITIONED BY (region) WITH (${UPSERT(3)});
CREATE TABLE lake_events (event_id BIGINT, account_id BIGINT, kind STRING, points INT) WITH (${RETRACT(2)});

CREATE TABLE ads_region (region STRING, orders BIGINT, amount DECIMAL(38, 2), qty INT, PRIMARY KEY (region) NOT ENFORCED) WITH (${JDBC('ads_region')});
CREATE TABLE ads_plan (plan STRING, orders BIGINT, amount DECIMAL(38, 2), no_account BIGINT, PRIMARY KEY (plan) NOT ENFORCED) WITH (${JDBC('ads_plan')});
CREATE TABLE ads_status (status STRING, n BIGINT, total DECIMAL(38, 2), PRIMARY KEY (status) NOT ENFORCED) WITH (${JDBC('ads_status')});
CREATE TABLE ads_chain (region STRING, accounts BIGINT, balance DECIMAL(38, 2), orders BIGINT, PRIMARY KEY (region) NOT ENFORCED) WITH (${JDBC('ads_chain')});
CREATE TABLE ads_points (account_id BIGINT, events BIGINT, points INT, balance DECIMAL(10, 2), PRIMARY KEY (account_id) NOT ENFORCED) WITH (${JDBC('ads_points')});

INSERT INTO lake_accounts_v2 SELECT * FROM accounts;
INSERT INTO lake_accounts_v3 SELECT * FROM accounts;
INSERT INTO lake_orders_v2 SELECT * FROM orders;
INSERT INTO lake_orders_v3 SELECT * FROM orders;
INSERT INTO lake_status_totals SELECT COALESCE(status, '?'), COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY COALESCE(status, '?');
INSERT INTO lake_plan_counts SELECT COALESCE(region, '?'), COALESCE(plan, '?'), COUNT(*), SUM(balance) FROM accounts GROUP BY COALESCE(region, '?'), COALESCE(plan, '?');
INSERT INTO lake_plan_counts_upsert SELECT COALESCE(region, '?'), COALESCE(plan, '?'), COUNT(*), SUM(balance) FROM accounts GROUP BY COALESCE(region, '?'), COALESCE(plan, '?');
INSERT INTO lake_accounts_by_region SELECT * FROM accounts;
INSERT INTO lake_accounts_by_plan_v3 SELECT * FROM accounts;
INSERT INTO orders_topic SELECT * FROM orders;
INSERT INTO lake_orders_kafka_v3 SELECT * FROM orders_topic;
INSERT INTO lake_events SELECT * FROM events WHERE points >= 0;
INSERT INTO lake_events_dedup_v3 SELECT * FROM events;

INSERT INTO ads_region SELECT COALESCE(a.region, '?'), COUNT(*), SUM(o.amount), SUM(o.qty)
  FROM lake_orders_v3 o JOIN lake_accounts_v2 a ON o.account_id = a.account_id GROUP BY COALESCE(a.region, '?');
INSERT INTO ads_plan SELECT COALESCE(a.plan, '-'), COUNT(*), SUM(o.amount), COUNT(*) FILTER (WHERE a.account_id IS NULL)
  FROM lake_orders_v2 o LEFT JOIN lake_accounts_v3 a ON o.account_id = a.account_id GROUP BY COALESCE(a.plan, '-');
INSERT INTO ads_status SELECT status, n, total FROM lake_status_totals WHERE n > 1;
INSERT INTO lake_dws_region SELECT COALESCE(region, '?'), COUNT(*), SUM(balance) FROM lake_accounts_v2 GROUP BY COALESCE(region, '?');
INSERT INTO ads_chain SELECT d.region, d.accounts, d.balance, r.orders FROM lake_dws_region d LEFT JOIN ads_region r ON d.region = r.region;
INSERT INTO ads_points SELECT e.account_id, COUNT(*), SUM(e.points), MAX(a.balance)
  FROM lake_events e JOIN lake_accounts_v3 a ON e.account_id = a.account_id GROUP BY e.account_id;
`;
  return { script, files };
}

/** The net input rows DuckDB loads, under the names the DuckDB queries use. */
export function lakeDuckInputs(data: LakeDataset): { name: string; columns: ColumnDef[]; rows: unknown[][] }[] {
  return [data.accounts, data.orders, data.events].map((t) => ({ name: t.name, columns: t.columns, rows: netRows(t) }));
}

/** A table read through the engine's API: column names and rows. */
interface ReadableTable {
  columns: { name: string }[];
  rows: unknown[][];
}

function columnOf(table: ReadableTable, name: string): unknown[] {
  const i = table.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no column '${name}' in ${table.columns.map((c) => c.name).join(', ')}`);
  return table.rows.map((r) => r[i]);
}

/** What the invariant check reads from a simulation. */
export interface LakeInspectable {
  readTable(name: string): ReadableTable;
  lakeSnapshots(name: string): { snapshotId: number; parentId: number | null; sequenceNumber: number; summary: Record<string, string> }[];
}

/**
 * Consistency of a lake table's metadata after a run: the last snapshot's totals against the live
 * files of $files, $manifests against the live files, $snapshots and $history against the
 * snapshot list, sequence numbers one per commit, at most one deletion vector per data file and no
 * position delete files in v3, no deletion vectors in v2. Returns the problems found.
 */
export function lakeInvariantProblems(sim: LakeInspectable, table: string, formatVersion: 2 | 3): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string): void => {
    if (!ok) problems.push(`${table}: ${what}`);
  };
  const snaps = sim.lakeSnapshots(table);
  const last = snaps.at(-1);
  if (!last) return [`${table}: no snapshot`];
  snaps.forEach((s, i) => {
    expect(s.sequenceNumber === i + 1, `snapshot ${i} has sequence number ${s.sequenceNumber}`);
    expect(s.parentId === (i === 0 ? null : snaps[i - 1]!.snapshotId), `snapshot ${i} has parent ${s.parentId}`);
  });
  const files = sim.readTable(`${table}$files`);
  const content = columnOf(files, 'content').map(Number);
  const records = columnOf(files, 'record_count').map(Number);
  const formats = columnOf(files, 'file_format').map(String);
  const referenced = columnOf(files, 'referenced_data_file');
  const paths = columnOf(files, 'file_path').map(String);
  const sum = (kind: number): number => records.reduce((n, r, i) => n + (content[i] === kind ? r : 0), 0);
  const count = (kind: number): number => content.filter((c) => c === kind).length;
  const total = (key: string): number => Number(last.summary[key] ?? NaN);
  expect(total('total-data-files') === count(0), `total-data-files ${total('total-data-files')}, $files has ${count(0)} data files`);
  expect(total('total-delete-files') === count(1) + count(2), `total-delete-files ${total('total-delete-files')}, $files has ${count(1) + count(2)}`);
  expect(total('total-records') === sum(0), `total-records ${total('total-records')}, data files hold ${sum(0)}`);
  expect(total('total-position-deletes') === sum(1), `total-position-deletes ${total('total-position-deletes')}, $files has ${sum(1)}`);
  expect(total('total-equality-deletes') === sum(2), `total-equality-deletes ${total('total-equality-deletes')}, $files has ${sum(2)}`);
  expect(sim.readTable(`${table}$data_files`).rows.length === count(0), `$data_files disagrees with $files`);
  expect(sim.readTable(`${table}$delete_files`).rows.length === count(1) + count(2), `$delete_files disagrees with $files`);
  const dataPaths = new Set(paths.filter((_, i) => content[i] === 0));
  const dvTargets = new Set<string>();
  content.forEach((c, i) => {
    if (c !== 1) return;
    const target = String(referenced[i]);
    expect(dataPaths.has(target), `position delete ${paths[i]} references ${target}, which is not a live data file`);
    if (formatVersion === 3) {
      expect(formats[i] === 'PUFFIN', `v3 table has a ${formats[i]} position delete file ${paths[i]}`);
      expect(!dvTargets.has(target), `two deletion vectors for ${target}`);
      dvTargets.add(target);
    } else expect(formats[i] !== 'PUFFIN', `v2 table has a deletion vector ${paths[i]}`);
  });
  // The current manifests list every live file once.
  const manifests = sim.readTable(`${table}$manifests`);
  const live = (prefix: 'data' | 'delete'): number =>
    columnOf(manifests, `added_${prefix}_files_count`).reduce<number>((n, v, i) => n + Number(v) + Number(columnOf(manifests, `existing_${prefix}_files_count`)[i]), 0);
  expect(live('data') === count(0), `$manifests list ${live('data')} live data files, $files has ${count(0)}`);
  expect(live('delete') === count(1) + count(2), `$manifests list ${live('delete')} live delete files, $files has ${count(1) + count(2)}`);
  expect(sim.readTable(`${table}$snapshots`).rows.length === snaps.length, `$snapshots has ${sim.readTable(`${table}$snapshots`).rows.length} rows for ${snaps.length} snapshots`);
  expect(sim.readTable(`${table}$history`).rows.length === snaps.length, `$history disagrees with the snapshot list`);
  return problems;
}
