-- A bounded ODS -> DWD -> ADS pipeline over CSV files (paths are relative to this script).
--   ods_orders, ods_customers   raw CSV files (filesystem; no header line, as Flink's csv format)
--   dwd_orders                  cleaned orders joined with their customer (a kafka topic)
--   ads_city_sales              orders and revenue per city (a MySQL-like serving table)
-- Run it: npx freshet run examples/csv-pipeline.sql --json

SET 'parallelism.default' = '2';

CREATE TABLE ods_orders (
  order_id    BIGINT,
  customer_id INT,
  product     STRING,
  amount      DECIMAL(10, 2),
  status      STRING,
  order_time  TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/orders.csv',
  'format' = 'csv',
  'csv.allow-comments' = 'true'  -- the file's first line is a '#' comment naming the columns
);

CREATE TABLE ods_customers (
  customer_id INT,
  name        STRING,
  city        STRING
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/customers.csv',
  'format' = 'csv',
  'csv.allow-comments' = 'true'  -- the file's first line is a '#' comment naming the columns
);

CREATE TABLE dwd_orders (
  order_id      BIGINT,
  customer_id   INT,
  customer_name STRING,
  city          STRING,
  product       STRING,
  amount        DECIMAL(10, 2),
  order_time    TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'dwd_orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

CREATE TABLE ads_city_sales (
  city        STRING,
  order_count BIGINT,
  revenue     DECIMAL(12, 2),
  PRIMARY KEY (city) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:mysql://localhost:3306/ads',
  'table-name' = 'city_sales'
);

-- DWD: drop cancelled and zero-amount orders, tidy product names, attach the customer.
INSERT INTO dwd_orders
SELECT o.order_id, o.customer_id, c.name, c.city, UPPER(TRIM(o.product)), o.amount, o.order_time
FROM ods_orders AS o
JOIN ods_customers AS c ON o.customer_id = c.customer_id
WHERE o.status <> 'CANCELLED' AND o.amount > 0;

-- ADS: per-city totals, upserted by city.
INSERT INTO ads_city_sales
SELECT city, COUNT(*) AS order_count, SUM(amount) AS revenue
FROM dwd_orders
GROUP BY city;
