// Multi-job pipelines in the ODS -> DWD -> DWS -> ADS style: jobs chained through simulated Kafka
// topics (json, changelog-json, debezium-json, upsert-kafka), a jdbc serving table read back, a
// filesystem sink read back, and a statement set writing one sink from two INSERTs. DuckDB runs
// the composed query (the intermediate tables as CTEs).
import { cols, type DiffCase } from '../harness';

const KAFKA = `'connector' = 'kafka', 'properties.bootstrap.servers' = 'localhost:9092', 'scan.startup.mode' = 'earliest-offset'`;
const JDBC = `'connector' = 'jdbc', 'url' = 'jdbc:mysql://localhost:3306/dws'`;

export const PIPELINES_CASES: DiffCase[] = [
  {
    name: 'kafka_json_topic_then_aggregate',
    inputs: ['orders'],
    setup: `
      CREATE TABLE dwd_orders (order_id BIGINT, customer_id INT, amount DECIMAL(10, 2), status STRING)
        WITH (${KAFKA}, 'topic' = 'dwd_orders', 'format' = 'json', 'partitions' = '3');
      INSERT INTO dwd_orders SELECT order_id, customer_id, amount, status FROM orders WHERE status <> 'CANCELLED' OR amount > 100;`,
    sink: cols('status STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'customers BIGINT'),
    key: ['status'],
    sql: `SELECT COALESCE(status, '?'), COUNT(*), SUM(amount), COUNT(DISTINCT customer_id) FROM dwd_orders GROUP BY COALESCE(status, '?')`,
    duck: `WITH dwd_orders AS (SELECT order_id, customer_id, amount, status FROM orders WHERE status <> 'CANCELLED' OR amount > 100)
           SELECT COALESCE(status, '?'), COUNT(*), SUM(amount), COUNT(DISTINCT customer_id) FROM dwd_orders GROUP BY COALESCE(status, '?')`,
  },
  {
    name: 'kafka_changelog_topic_join_then_aggregate',
    inputs: ['orders', 'accounts'],
    // Keyed by order_id so that every retraction lands in the partition of the row it retracts.
    setup: `
      CREATE TABLE dwd_orders_plan (order_id BIGINT, customer_id INT, amount DECIMAL(10, 2), plan STRING)
        WITH (${KAFKA}, 'topic' = 'dwd_orders_plan', 'format' = 'changelog-json', 'key.format' = 'json', 'key.fields' = 'order_id', 'partitions' = '4');
      INSERT INTO dwd_orders_plan SELECT o.order_id, o.customer_id, o.amount, a.plan FROM orders o LEFT JOIN accounts a ON o.customer_id = a.customer_id;`,
    sink: cols('plan STRING', 'n BIGINT', 'total DECIMAL(38, 2)'),
    key: ['plan'],
    sql: `SELECT COALESCE(plan, 'none'), COUNT(*), SUM(amount) FROM dwd_orders_plan GROUP BY COALESCE(plan, 'none')`,
    duck: `WITH dwd_orders_plan AS (SELECT o.order_id, o.customer_id, o.amount, a.plan FROM orders o LEFT JOIN accounts a ON o.customer_id = a.customer_id)
           SELECT COALESCE(plan, 'none'), COUNT(*), SUM(amount) FROM dwd_orders_plan GROUP BY COALESCE(plan, 'none')`,
  },
  {
    name: 'kafka_debezium_topic_then_aggregate',
    inputs: ['payments'],
    setup: `
      CREATE TABLE dwd_payments (pay_id BIGINT, customer_id INT, amount DECIMAL(10, 2), method STRING)
        WITH (${KAFKA}, 'topic' = 'dwd_payments', 'format' = 'debezium-json', 'partitions' = '1');
      INSERT INTO dwd_payments SELECT pay_id, customer_id, amount, method FROM payments WHERE method IS NOT NULL;`,
    sink: cols('method STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'hi DECIMAL(10, 2)'),
    key: ['method'],
    sql: `SELECT method, COUNT(*), SUM(amount), MAX(amount) FROM dwd_payments GROUP BY method`,
    duck: `SELECT method, COUNT(*), SUM(amount), MAX(amount) FROM payments WHERE method IS NOT NULL GROUP BY method`,
  },
  {
    name: 'upsert_kafka_dws_then_join',
    inputs: ['payments', 'customers'],
    setup: `
      CREATE TABLE dws_paid (customer_id INT, paid DECIMAL(38, 2), n BIGINT, PRIMARY KEY (customer_id) NOT ENFORCED)
        WITH ('connector' = 'upsert-kafka', 'properties.bootstrap.servers' = 'localhost:9092', 'topic' = 'dws_paid',
              'key.format' = 'json', 'value.format' = 'json', 'partitions' = '2');
      INSERT INTO dws_paid SELECT customer_id, SUM(amount), COUNT(*) FROM payments WHERE customer_id IS NOT NULL GROUP BY customer_id;`,
    sink: cols('customer_id INT', 'paid DECIMAL(38, 2)', 'n BIGINT', 'name STRING'),
    sql: `SELECT d.customer_id, d.paid, d.n, c.name FROM dws_paid d LEFT JOIN customers c ON d.customer_id = c.customer_id`,
    duck: `WITH dws_paid AS (SELECT customer_id, SUM(amount) AS paid, COUNT(*) AS n FROM payments WHERE customer_id IS NOT NULL GROUP BY customer_id)
           SELECT d.customer_id, d.paid, d.n, c.name FROM dws_paid d LEFT JOIN customers c ON d.customer_id = c.customer_id`,
  },
  {
    name: 'jdbc_serving_table_read_back',
    inputs: ['orders', 'customers'],
    // Upserts are idempotent and the second job reads the table once the first has finished.
    failoverSafe: true,
    setup: `
      CREATE TABLE dws_customer (customer_id INT, orders_n BIGINT, spend DECIMAL(38, 2), PRIMARY KEY (customer_id) NOT ENFORCED)
        WITH (${JDBC}, 'table-name' = 'dws_customer');
      INSERT INTO dws_customer SELECT customer_id, COUNT(*), SUM(amount) FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id;`,
    sink: cols('region STRING', 'customers BIGINT', 'orders_n BIGINT', 'spend DECIMAL(38, 2)'),
    key: ['region'],
    sql: `SELECT COALESCE(c.region, '-'), COUNT(*), SUM(d.orders_n), SUM(d.spend) FROM dws_customer d JOIN customers c ON d.customer_id = c.customer_id
          GROUP BY COALESCE(c.region, '-')`,
    duck: `WITH dws_customer AS (SELECT customer_id, COUNT(*) AS orders_n, SUM(amount) AS spend FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id)
           SELECT COALESCE(c.region, '-'), COUNT(*), SUM(d.orders_n), SUM(d.spend) FROM dws_customer d JOIN customers c ON d.customer_id = c.customer_id
           GROUP BY COALESCE(c.region, '-')`,
  },
  {
    name: 'filesystem_sink_read_back',
    inputs: ['orders'],
    setup: `
      CREATE TABLE dwd_big_orders (order_id BIGINT, product STRING, amount DECIMAL(10, 2), order_ts TIMESTAMP(3))
        WITH ('connector' = 'filesystem', 'path' = 'dwd_big_orders.json', 'format' = 'json');
      INSERT INTO dwd_big_orders SELECT order_id, product, amount, order_ts FROM orders WHERE amount > 20;`,
    sink: cols('product STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'last_ts TIMESTAMP(3)'),
    sql: `SELECT product, COUNT(*), SUM(amount), MAX(order_ts) FROM dwd_big_orders GROUP BY product`,
    duck: `SELECT product, COUNT(*), SUM(amount), MAX(order_ts) FROM orders WHERE amount > 20 GROUP BY product`,
  },
  {
    name: 'statement_set_two_inserts_one_sink',
    inputs: ['orders', 'payments'],
    sink: cols('id BIGINT', 'customer_id INT', 'amount DECIMAL(10, 2)'),
    statements: `
      EXECUTE STATEMENT SET BEGIN
        INSERT INTO diff_sink SELECT order_id, customer_id, amount FROM orders WHERE qty > 6;
        INSERT INTO diff_sink SELECT pay_id, customer_id, amount FROM payments WHERE amount < 50;
      END;`,
    sql: `SELECT order_id, customer_id, amount FROM orders WHERE qty > 6
          UNION ALL SELECT pay_id, customer_id, amount FROM payments WHERE amount < 50`,
  },
  {
    name: 'ods_dwd_dws_ads_chain',
    inputs: ['payments', 'accounts'],
    setup: `
      CREATE TABLE dwd_paid (pay_id BIGINT, customer_id INT, amount DECIMAL(10, 2), plan STRING)
        WITH (${KAFKA}, 'topic' = 'dwd_paid', 'format' = 'changelog-json', 'key.format' = 'json', 'key.fields' = 'pay_id', 'partitions' = '2');
      CREATE TABLE dws_plan_customer (plan STRING, customer_id INT, paid DECIMAL(38, 2), PRIMARY KEY (plan, customer_id) NOT ENFORCED)
        WITH ('connector' = 'upsert-kafka', 'properties.bootstrap.servers' = 'localhost:9092', 'topic' = 'dws_plan_customer',
              'key.format' = 'json', 'value.format' = 'json');
      INSERT INTO dwd_paid SELECT p.pay_id, p.customer_id, p.amount, a.plan FROM payments p JOIN accounts a ON p.customer_id = a.customer_id
        WHERE a.plan IS NOT NULL;
      INSERT INTO dws_plan_customer SELECT plan, customer_id, SUM(amount) FROM dwd_paid GROUP BY plan, customer_id;`,
    sink: cols('plan STRING', 'customers BIGINT', 'paid DECIMAL(38, 2)', 'top DECIMAL(38, 2)'),
    key: ['plan'],
    sql: `SELECT plan, COUNT(*), SUM(paid), MAX(paid) FROM dws_plan_customer GROUP BY plan`,
    duck: `WITH dwd_paid AS (SELECT p.pay_id, p.customer_id, p.amount, a.plan FROM payments p JOIN accounts a ON p.customer_id = a.customer_id
                           WHERE a.plan IS NOT NULL),
                dws_plan_customer AS (SELECT plan, customer_id, SUM(amount) AS paid FROM dwd_paid GROUP BY plan, customer_id)
           SELECT plan, COUNT(*), SUM(paid), MAX(paid) FROM dws_plan_customer GROUP BY plan`,
  },
  {
    name: 'insert_with_column_list',
    inputs: ['orders'],
    sink: cols('status STRING', 'n BIGINT', 'note STRING', 'total DECIMAL(38, 2)'),
    key: ['status'],
    // Columns in another order, one column left out (NULL).
    statements: `INSERT INTO diff_sink (total, status, n)
                 SELECT SUM(amount), COALESCE(status, '?'), COUNT(*) FROM orders GROUP BY COALESCE(status, '?');`,
    sql: `SELECT COALESCE(status, '?'), COUNT(*), CAST(NULL AS VARCHAR), SUM(amount) FROM orders GROUP BY COALESCE(status, '?')`,
  },
  {
    name: 'values_and_select_into_one_sink',
    inputs: ['customers'],
    sink: cols('customer_id INT', 'name STRING'),
    statements: `
      EXECUTE STATEMENT SET BEGIN
        INSERT INTO diff_sink VALUES (100, 'from values'), (CAST(NULL AS INT), ''), (101, CAST(NULL AS STRING));
        INSERT INTO diff_sink SELECT customer_id, name FROM customers WHERE region = 'US';
        INSERT INTO diff_sink SELECT * FROM (VALUES (7, 'seven'), (8, 'eight')) AS t (id, label) WHERE id > 7;
      END;`,
    sql: `SELECT * FROM (VALUES (100, 'from values'), (CAST(NULL AS INT), ''), (101, CAST(NULL AS VARCHAR))) t(a, b)
          UNION ALL SELECT customer_id, name FROM customers WHERE region = 'US'
          UNION ALL SELECT 8, 'eight'`,
  },
  {
    name: 'computed_columns_and_watermark_on_source',
    inputs: ['orders'],
    setup: `
      CREATE TABLE orders_c (
        order_id BIGINT, customer_id INT, product STRING, amount DECIMAL(10, 2), qty INT, price DOUBLE, status STRING,
        order_ts TIMESTAMP(3), order_date DATE, is_gift BOOLEAN,
        line AS amount * qty,
        hr AS EXTRACT(HOUR FROM order_ts),
        WATERMARK FOR order_ts AS order_ts - INTERVAL '5' SECOND
      ) WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv', 'csv.null-literal' = '\\N');`,
    sink: cols('hr BIGINT', 'n BIGINT', 'lines DECIMAL(38, 2)'),
    sql: `SELECT hr, COUNT(*), SUM(line) FROM orders_c GROUP BY hr`,
    duck: `SELECT EXTRACT(HOUR FROM order_ts), COUNT(*), SUM(amount * qty) FROM orders GROUP BY EXTRACT(HOUR FROM order_ts)`,
  },
  {
    name: 'datagen_sequence_source',
    inputs: [],
    failoverSafe: true,
    setup: `
      CREATE TABLE seq (id BIGINT, k INT) WITH ('connector' = 'datagen', 'rows-per-second' = '400',
        'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '700',
        'fields.k.kind' = 'sequence', 'fields.k.start' = '-50', 'fields.k.end' = '649');`,
    sink: cols('bucket BIGINT', 'n BIGINT', 'ids BIGINT', 'ks INT', 'lo INT'),
    key: ['bucket'],
    sql: `SELECT MOD(id, 7), COUNT(*), SUM(id), SUM(k), MIN(k) FROM seq GROUP BY MOD(id, 7)`,
    duck: `SELECT id % 7, COUNT(*), SUM(id), SUM(id - 51), MIN(id - 51) FROM range(1, 701) t(id) GROUP BY id % 7`,
  },
  {
    name: 'exactly_once_topic_chain',
    inputs: ['payments', 'accounts'],
    failoverSafe: true,
    // Transactional topic writes (visible on checkpoint commit), so a failover replays nothing twice.
    setup: `
      CREATE TABLE dwd_paid_eo (pay_id BIGINT, customer_id INT, amount DECIMAL(10, 2), plan STRING)
        WITH (${KAFKA}, 'topic' = 'dwd_paid_eo', 'format' = 'changelog-json', 'key.format' = 'json', 'key.fields' = 'pay_id',
              'partitions' = '3', 'sink.delivery-guarantee' = 'exactly-once', 'properties.isolation.level' = 'read_committed');
      INSERT INTO dwd_paid_eo SELECT p.pay_id, p.customer_id, p.amount, a.plan FROM payments p LEFT JOIN accounts a ON p.customer_id = a.customer_id;`,
    sink: cols('plan STRING', 'n BIGINT', 'paid DECIMAL(38, 2)', 'lo DECIMAL(10, 2)'),
    key: ['plan'],
    sql: `SELECT COALESCE(plan, '-'), COUNT(*), SUM(amount), MIN(amount) FROM dwd_paid_eo GROUP BY COALESCE(plan, '-')`,
    duck: `WITH dwd_paid_eo AS (SELECT p.pay_id, p.customer_id, p.amount, a.plan FROM payments p LEFT JOIN accounts a ON p.customer_id = a.customer_id)
           SELECT COALESCE(plan, '-'), COUNT(*), SUM(amount), MIN(amount) FROM dwd_paid_eo GROUP BY COALESCE(plan, '-')`,
  },
  {
    name: 'topic_fan_in_and_fan_out',
    inputs: ['orders', 'payments'],
    // Two jobs write one topic; two jobs read it (one into a side table, one into the sink).
    setup: `
      CREATE TABLE dwd_money (src STRING, id BIGINT, customer_id INT, amount DECIMAL(10, 2))
        WITH (${KAFKA}, 'topic' = 'dwd_money', 'format' = 'changelog-json', 'key.format' = 'json', 'key.fields' = 'id', 'partitions' = '2');
      CREATE TABLE side_counts (src STRING, n BIGINT, PRIMARY KEY (src) NOT ENFORCED) WITH (${JDBC}, 'table-name' = 'side_counts');
      INSERT INTO dwd_money SELECT 'order', order_id, customer_id, amount FROM orders WHERE amount IS NOT NULL;
      INSERT INTO dwd_money SELECT 'payed', pay_id, customer_id, amount FROM payments;
      INSERT INTO side_counts SELECT src, COUNT(*) FROM dwd_money GROUP BY src;`,
    sink: cols('customer_id INT', 'ordered DECIMAL(38, 2)', 'paid DECIMAL(38, 2)', 'n BIGINT'),
    sql: `SELECT customer_id, SUM(amount) FILTER (WHERE src = 'order'), SUM(amount) FILTER (WHERE src = 'payed'), COUNT(*)
          FROM dwd_money GROUP BY customer_id`,
    duck: `WITH dwd_money AS (SELECT 'order' AS src, order_id AS id, customer_id, amount FROM orders WHERE amount IS NOT NULL
                           UNION ALL SELECT 'payed', pay_id, customer_id, amount FROM payments)
           SELECT customer_id, SUM(amount) FILTER (WHERE src = 'order'), SUM(amount) FILTER (WHERE src = 'payed'), COUNT(*)
           FROM dwd_money GROUP BY customer_id`,
  },
  {
    name: 'statement_set_shared_source',
    inputs: ['payments'],
    sink: cols('method STRING', 'n BIGINT', 'total DECIMAL(38, 2)'),
    key: ['method'],
    // One statement set reads the same source for two sinks; only diff_sink is compared.
    setup: `CREATE TABLE side_big (pay_id BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'blackhole');`,
    statements: `
      EXECUTE STATEMENT SET BEGIN
        INSERT INTO side_big SELECT pay_id, amount FROM payments WHERE amount > 100;
        INSERT INTO diff_sink SELECT COALESCE(method, '?'), COUNT(*), SUM(amount) FROM payments GROUP BY COALESCE(method, '?');
      END;`,
    sql: `SELECT COALESCE(method, '?'), COUNT(*), SUM(amount) FROM payments GROUP BY COALESCE(method, '?')`,
  },
  {
    name: 'narrow_types_and_ltz_source',
    inputs: ['orders'],
    // The orders file read with TINYINT, SMALLINT, FLOAT and TIMESTAMP_LTZ columns (no SUM over the
    // narrow integers: Flink's SUM(TINYINT) is a TINYINT and wraps around).
    setup: `
      CREATE TABLE orders_t (
        order_id BIGINT, customer_id SMALLINT, product STRING, amount DECIMAL(10, 2), qty TINYINT, price FLOAT, status STRING,
        order_ts TIMESTAMP_LTZ(3), order_date DATE, is_gift BOOLEAN
      ) WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv', 'csv.null-literal' = '\\N');`,
    sink: cols('order_id BIGINT', 'q1 INT', 'c2 INT', 'p2 FLOAT', 'pd DOUBLE', 'hr BIGINT', 'ts TIMESTAMP_LTZ(3)', 'late BOOLEAN'),
    sql: `SELECT order_id, qty + 1, customer_id * 2, price * 2, CAST(price AS DOUBLE), EXTRACT(HOUR FROM order_ts), order_ts,
                 order_ts > TO_TIMESTAMP_LTZ(1767312000000, 3)
          FROM orders_t WHERE qty > 0 OR customer_id < 5`,
    duck: `SELECT order_id, qty + 1, customer_id * 2, CAST(price AS FLOAT) * 2, CAST(CAST(price AS FLOAT) AS DOUBLE), EXTRACT(HOUR FROM order_ts),
                  order_ts, order_ts > TIMESTAMP '2026-01-02 00:00:00'
           FROM orders WHERE qty > 0 OR customer_id < 5`,
  },
];
