-- Operator-level state cleanup on a group aggregation (STATE_CLEANUP, a Freshet extension;
-- docs/dialect.md). Total sales per product: the job keeps state for 1 day, but a product's
-- total must survive 30 days of silence, so the aggregation gets its own 'ttl'. And once a
-- product is sold out or delisted its total is final: the 'condition' clears its state at once
-- instead of holding it for 30 days. The condition reads the aggregation's output columns.
--   ods_sales                  sale events (datagen)
--   ads_product_sales          totals with STATE_CLEANUP (a MySQL-like serving table)
--   ads_product_sales_no_hint  the same totals under the job TTL alone, to compare state size
-- Run it: npx freshet run examples/product-sales-cleanup.sql --json
-- In the studio, the state-size chart shows the two aggregations side by side.

SET 'execution.checkpointing.interval' = '10 s';
SET 'table.exec.state.ttl' = '1 d';
SET 'sim.duration' = '5 min';

CREATE TABLE ods_sales (
  product_id BIGINT,
  qty        INT,
  status     STRING,
  sale_time  TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '50',
  'fields.product_id.min' = '1',
  'fields.product_id.max' = '400',
  'fields.qty.min' = '1',
  'fields.qty.max' = '5',
  -- one sale in ten reports the product sold out or delisted
  'fields.status.values' = 'ON_SALE,ON_SALE,ON_SALE,ON_SALE,ON_SALE,ON_SALE,ON_SALE,ON_SALE,SOLD_OUT,DELISTED',
  'fields.sale_time.max-past' = '1 s'
);

CREATE TABLE ads_product_sales (
  product_id BIGINT,
  sold       INT,
  ended      INT,
  PRIMARY KEY (product_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://localhost:3306/ads',
  'table-name' = 'product_sales'
);

CREATE TABLE ads_product_sales_no_hint (
  product_id BIGINT,
  sold       INT,
  ended      INT,
  PRIMARY KEY (product_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://localhost:3306/ads',
  'table-name' = 'product_sales_no_hint'
);

-- 'ttl' overrides table.exec.state.ttl for this aggregation only; 'condition' is checked on a
-- product's new totals after every sale: when it holds, the product's state is dropped (its last
-- row stays in the table) and its next sale starts a new total with +I.
INSERT INTO ads_product_sales
SELECT /*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'ended = 1') */
       product_id,
       SUM(qty) AS sold,
       MAX(CASE WHEN status IN ('SOLD_OUT', 'DELISTED') THEN 1 ELSE 0 END) AS ended
FROM ods_sales
GROUP BY product_id;

INSERT INTO ads_product_sales_no_hint
SELECT product_id,
       SUM(qty) AS sold,
       MAX(CASE WHEN status IN ('SOLD_OUT', 'DELISTED') THEN 1 ELSE 0 END) AS ended
FROM ods_sales
GROUP BY product_id;
