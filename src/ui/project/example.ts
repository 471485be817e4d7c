// The bundled example project. The engine team writes examples/orders-pipeline.sql; until it
// exists the studio opens a small script of the same shape.
const found = import.meta.glob<string>('../../../examples/orders-pipeline.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const FALLBACK = `-- Orders pipeline: datagen -> ODS (kafka, changelog-json) -> DWD -> ADS (jdbc serving table)
SET 'execution.checkpointing.interval' = '30s';
SET 'table.exec.state.ttl' = '1 d';

CREATE TABLE gen_orders (
  order_id BIGINT,
  customer_id INT,
  sku STRING,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.customer_id.min' = '1',
  'fields.customer_id.max' = '50'
);

CREATE TABLE ods_orders (
  order_id BIGINT,
  customer_id INT,
  sku STRING,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH (
  'connector' = 'kafka',
  'topic' = 'ods_orders',
  'format' = 'changelog-json'
);

CREATE TABLE dwd_orders (
  order_id BIGINT,
  customer_id INT,
  amount DECIMAL(10, 2),
  order_time TIMESTAMP(3),
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'kafka', 'topic' = 'dwd_orders', 'format' = 'changelog-json');

CREATE TABLE ads_customer_sales (
  customer_id INT,
  order_count BIGINT,
  total_amount DECIMAL(12, 2),
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH ('connector' = 'jdbc', 'table-name' = 'customer_sales');

INSERT INTO ods_orders SELECT * FROM gen_orders;

INSERT INTO dwd_orders
SELECT order_id, customer_id, amount, order_time
FROM ods_orders
WHERE amount > 0;

INSERT INTO ads_customer_sales
SELECT /*+ STATE_TTL('dwd_orders' = '1d') */ customer_id, COUNT(*) AS order_count, SUM(amount) AS total_amount
FROM dwd_orders
GROUP BY customer_id;
`;

export const EXAMPLE_FILE = 'orders-pipeline.sql';
export const EXAMPLE_SCRIPT: string = Object.values(found)[0] ?? FALLBACK;
