-- The source talk's chain on the legacy Iceberg source (Flink 1.12's monitor + reader):
--   cdc_orders, cdc_backlog  the CDC queue (datagen): order upserts, and a backlog at the start
--   ods_orders               ODS, an Iceberg v2 upsert table
--   dwd_orders               DWD, the orders that count, read from ODS as a stream (changelog read)
--   ads_status               ADS, orders and amount per status, read from DWD as a stream
-- This script and lake-sources-flip27.sql differ only in the source settings. Here: the legacy
-- source (use-flip27-source = false) with its fixed 60 s monitor-interval (the default), one
-- reader per table to keep order, the snapshots of a scan merged into one plan, as the talk ran
-- it. Rates, the slow ADS aggregate and the heap are scaled down together so that a run takes
-- seconds. docs/simulation.md, "The talk's findings", says what the run shows and why.
-- Run it: npx freshet run examples/lake-sources-legacy.sql --json

SET 'sim.duration' = '15 min';
SET 'sim.tick' = '250 ms';
SET 'execution.checkpointing.interval' = '1 min';
SET 'execution.checkpointing.timeout' = '3 min';
SET 'restart-strategy.type' = 'exponential-delay';
SET 'taskmanager.memory.task.heap.size' = '64 mb';
-- The slow downstream operator: the ADS aggregate handles 50 records/s.
SET 'sim.cost.aggregate.rps' = '50';
-- The source settings (the only lines that differ from lake-sources-flip27.sql):
SET 'table.exec.iceberg.use-flip27-source' = 'false';

-- The CDC queue: live order changes, and the backlog the queue held when the chain started
-- (25000 changes, drained by the ODS job in the first 13 s).
CREATE TABLE cdc_orders (
  order_id BIGINT,
  user_id  INT,
  amount   INT,
  status   STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.order_id.min' = '1',
  'fields.order_id.max' = '1000000',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '5000',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500',
  'fields.status.values' = 'CREATED,PAID,SHIPPED,CANCELLED'
);

CREATE TABLE cdc_backlog (
  order_id BIGINT,
  user_id  INT,
  amount   INT,
  status   STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '2000',
  'number-of-rows' = '25000',
  'fields.order_id.min' = '1',
  'fields.order_id.max' = '1000000',
  'fields.user_id.min' = '1',
  'fields.user_id.max' = '5000',
  'fields.amount.min' = '1',
  'fields.amount.max' = '500',
  'fields.status.values' = 'CREATED,PAID,SHIPPED,CANCELLED'
);

CREATE TABLE ods_orders (
  order_id BIGINT,
  user_id  INT,
  amount   INT,
  status   STRING,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2', 'write.upsert.enabled' = 'true');

CREATE TABLE dwd_orders (
  order_id BIGINT,
  user_id  INT,
  amount   INT,
  status   STRING,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2');

CREATE TABLE ads_status (
  status STRING,
  orders BIGINT,
  amount BIGINT,
  PRIMARY KEY (status) NOT ENFORCED
) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2', 'write.upsert.enabled' = 'true');

INSERT INTO ods_orders
SELECT order_id, user_id, amount, status FROM cdc_orders
UNION ALL
SELECT order_id, user_id, amount, status FROM cdc_backlog;

INSERT INTO dwd_orders
SELECT order_id, user_id, amount, status
FROM ods_orders /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'scan.parallelism' = '1') */
WHERE status <> 'CANCELLED';

INSERT INTO ads_status
SELECT status, COUNT(*), SUM(CAST(amount AS BIGINT))
FROM dwd_orders /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'scan.parallelism' = '1') */
GROUP BY status;
