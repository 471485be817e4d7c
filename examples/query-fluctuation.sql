-- Query fluctuation (docs/simulation.md, "Query fluctuation"): a serving table that applies a -U
-- and its +U in separate writes leaves the row missing in between, and a dashboard polling it
-- (every 'sim.dashboard.poll-interval', default 5 s) reads a wrong total. The same totals go to a
-- MySQL-like table flushed row by row, an upsert-kafka topic and a keyed lake table; only the
-- first fluctuates (upsert-kafka writes no -U, a lake commit holds a -U with its +U).
-- Put /*+ DROP_ROW_KIND('kinds' = '-U') */ after INSERT INTO ads_sku_totals and run again: the
-- Repair tab's fluctuation chart drops to zero and the table ends the same.
--   npx freshet run examples/query-fluctuation.sql --json   (metrics.tables[].fluctuation)

SET 'execution.checkpointing.interval' = '5 s';
SET 'sim.duration' = '2 min';

CREATE TABLE ods_sales (
  sku STRING,
  qty INT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.sku.length' = '1',
  'fields.qty.min' = '1',
  'fields.qty.max' = '5'
);

-- flushed per row, as a sink tuned for latency is
CREATE TABLE ads_sku_totals (
  sku STRING,
  total INT,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://mysql:3306/ads',
  'table-name' = 'sku_totals',
  'sink.buffer-flush.max-rows' = '1'
);

CREATE TABLE ads_sku_totals_topic (
  sku STRING,
  total INT,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'sku_totals',
  'properties.bootstrap.servers' = 'kafka:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE ads_sku_totals_lake (
  sku STRING,
  total INT,
  PRIMARY KEY (sku) NOT ENFORCED
) WITH (
  'connector' = 'iceberg',
  'catalog-name' = 'lake',
  'format-version' = '2'
);

INSERT INTO ads_sku_totals SELECT sku, SUM(qty) FROM ods_sales GROUP BY sku;
INSERT INTO ads_sku_totals_topic SELECT sku, SUM(qty) FROM ods_sales GROUP BY sku;
INSERT INTO ads_sku_totals_lake SELECT sku, SUM(qty) FROM ods_sales GROUP BY sku;
