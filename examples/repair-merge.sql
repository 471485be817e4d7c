-- Repairing a live table (docs/dialect.md, "MERGE INTO"; docs/simulation.md, "Repair impact").
-- Orders stream into a DWD lake table; a bug priced product 7 at ten times its price. A streaming
-- job reads the table's changelog and keeps revenue per product in a serving table.
-- The fix runs once, as a batch job, against the running pipeline:
--   examples/repair-merge.fix.sql        MERGE INTO: rewrites only product 7's rows
--   examples/repair-overwrite.fix.sql    INSERT OVERWRITE of the same fix: rewrites the table
-- Runner:  npx freshet run examples/repair-merge.sql --for 30s --repair examples/repair-merge.fix.sql
-- Studio:  press Play, then Pause, open the Repair tab, paste both and press "Run once".

SET 'execution.checkpointing.interval' = '2 s';
SET 'sim.duration' = '10 min';

CREATE TABLE ods_orders (
  order_id   BIGINT,
  product_id INT,
  qty        INT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10',
  'fields.order_id.kind' = 'sequence',
  'fields.order_id.start' = '1',
  'fields.order_id.end' = '100000000',
  'fields.product_id.min' = '1',
  'fields.product_id.max' = '20',
  'fields.qty.min' = '1',
  'fields.qty.max' = '3'
);

CREATE TABLE dwd_orders (
  order_id   BIGINT,
  product_id INT,
  qty        INT,
  amount     INT,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'iceberg',
  'catalog-name' = 'lake',
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);

CREATE TABLE ads_product_revenue (
  product_id INT,
  revenue    INT,
  PRIMARY KEY (product_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://mysql:3306/ads',
  'table-name' = 'product_revenue'
);

-- the bug: product 7 costs 10 a unit, not 100
INSERT INTO dwd_orders
SELECT order_id, product_id, qty, CASE WHEN product_id = 7 THEN qty * 100 ELSE qty * 10 END
FROM ods_orders;

INSERT INTO ads_product_revenue
SELECT product_id, SUM(amount)
FROM dwd_orders /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '5 s') */
GROUP BY product_id;
