-- The studio's bundled example: an order pipeline in the style of the source talk.
--   src_order_events  order events from the shop (datagen; an order id repeats as it moves on)
--   ods_orders        every order's current row: an Iceberg v2 lake table, upserted by order_id
--   dim_users         a small user dimension (bounded datagen)
--   dwd_paid_orders   paid and shipped orders with the buyer's city (Iceberg v2, upserted)
--   ads_city_revenue  paid orders and revenue per city, upserted into a MySQL-like table
-- Run it: npx freshet run examples/orders-pipeline.sql --json

SET 'execution.checkpointing.interval' = '10 s'; -- a lake table commits on each completed checkpoint
SET 'parallelism.default' = '2';
SET 'sim.duration' = '5 min';

CREATE TABLE src_order_events (
  order_id   BIGINT,
  status     STRING,
  event_time TIMESTAMP(3),
  WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.order_id.min' = '1',
  'fields.order_id.max' = '2000',
  'fields.status.values' = 'CREATED,PAID,SHIPPED',
  'fields.event_time.max-past' = '1 s'
);

CREATE TABLE ods_orders (
  order_id    BIGINT,
  user_id     INT,
  status      STRING,
  amount      DECIMAL(10, 2),
  update_time TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'iceberg',
  'catalog-name' = 'lake',
  'catalog-type' = 'hadoop',
  'warehouse' = 'file:///warehouse',
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);

CREATE TABLE dim_users (
  user_id INT,
  city    STRING
) WITH (
  'connector' = 'datagen',
  'fields.user_id.kind' = 'sequence',
  'fields.user_id.start' = '1',
  'fields.user_id.end' = '40',
  'fields.city.values' = 'Beijing,Shanghai,Wuhan,Shenzhen,Chengdu'
);

CREATE TABLE dwd_paid_orders (
  order_id    BIGINT,
  user_id     INT,
  city        STRING,
  status      STRING,
  amount      DECIMAL(10, 2),
  update_time TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'iceberg',
  'catalog-name' = 'lake',
  'catalog-type' = 'hadoop',
  'warehouse' = 'file:///warehouse',
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);

CREATE TABLE ads_city_revenue (
  city        STRING,
  paid_orders BIGINT,
  revenue     DECIMAL(12, 2),
  PRIMARY KEY (city) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://localhost:3306/ads',
  'table-name' = 'city_revenue'
);

-- ODS: the current row of every order; each status change updates it (upsert by order_id: an
-- equality delete of the key and the new row). The buyer and the amount follow from the order
-- id; the status only moves forward (CREATED < PAID < SHIPPED).
INSERT INTO ods_orders
SELECT order_id, user_id, MAX(status) AS status, amount, MAX(event_time) AS update_time
FROM (
  SELECT order_id,
         CAST(MOD(order_id, 40) + 1 AS INT) AS user_id,
         CAST(MOD(order_id * 37, 500) + 9.90 AS DECIMAL(10, 2)) AS amount,
         status,
         event_time
  FROM src_order_events
) AS e
GROUP BY order_id, user_id, amount;

-- DWD: paid or shipped orders with the buyer's city, from the changes ODS commits. The job finds
-- each new snapshot at its next scan ('monitor-interval'), so freshness adds up hop by hop; it
-- reads row changes ('streaming.changelog', a Freshet extension after the talk: open-source
-- Flink's Iceberg source reads appends only).
INSERT INTO dwd_paid_orders
SELECT o.order_id, o.user_id, u.city, o.status, o.amount, o.update_time
FROM ods_orders /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '10s') */ AS o
JOIN dim_users AS u ON o.user_id = u.user_id
WHERE o.status IN ('PAID', 'SHIPPED');

-- ADS: paid orders and revenue per city, from the changes DWD commits, serving the dashboard.
INSERT INTO ads_city_revenue
SELECT city, COUNT(*) AS paid_orders, SUM(amount) AS revenue
FROM dwd_paid_orders /*+ OPTIONS('streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '10s') */
GROUP BY city;
