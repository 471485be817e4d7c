// Group aggregation over an insert-only input: every aggregate function, FILTER, HAVING,
// DISTINCT, grouping by expressions and time buckets, global aggregates.
import { cols, type DiffCase } from '../harness';

export const AGGREGATES_CASES: DiffCase[] = [
  {
    name: 'group_every_aggregate',
    inputs: ['orders'],
    sink: cols(
      'status STRING',
      'n BIGINT',
      'n_qty BIGINT',
      'n_cust BIGINT',
      'total DECIMAL(38, 2)',
      'lo DECIMAL(10, 2)',
      'hi DECIMAL(10, 2)',
      'avg_qty DOUBLE',
      'avg_price DOUBLE',
    ),
    key: ['status'],
    // AVG over a DOUBLE: Flink's AVG(INT) is an INT, DuckDB's a DOUBLE.
    sql: `SELECT COALESCE(status, 'UNKNOWN'), COUNT(*), COUNT(qty), COUNT(DISTINCT customer_id), SUM(amount), MIN(amount), MAX(amount),
                 AVG(CAST(qty AS DOUBLE)), AVG(price)
          FROM orders GROUP BY COALESCE(status, 'UNKNOWN')`,
  },
  {
    name: 'aggregate_filter_clause',
    inputs: ['orders'],
    sink: cols('product STRING', 'n_pos BIGINT', 'paid DECIMAL(38, 2)', 'gift_cust BIGINT', 'max_price DOUBLE', 'min_ts TIMESTAMP(3)'),
    key: ['product'],
    sql: `SELECT COALESCE(product, '?'),
                 COUNT(*) FILTER (WHERE qty > 0),
                 SUM(amount) FILTER (WHERE status = 'PAID'),
                 COUNT(DISTINCT customer_id) FILTER (WHERE is_gift),
                 MAX(price) FILTER (WHERE status <> 'CANCELLED'),
                 MIN(order_ts) FILTER (WHERE amount > 100)
          FROM orders GROUP BY COALESCE(product, '?')`,
  },
  {
    // Flink reduces these to SUM(x * x), SUM(x) and COUNT(x) (AggregateReduceFunctionsRule);
    // DuckDB computes them its own way: equal within the DOUBLE tolerance.
    name: 'stddev_and_variance',
    inputs: ['orders'],
    sink: cols('status STRING', 'sp DOUBLE', 'ss DOUBLE', 'vp DOUBLE', 'vs DOUBLE', 's DOUBLE', 'v DOUBLE', 'vf DOUBLE'),
    key: ['status'],
    sql: `SELECT COALESCE(status, '?'), STDDEV_POP(price), STDDEV_SAMP(price), VAR_POP(price), VAR_SAMP(price), STDDEV(price), VARIANCE(price),
                 VAR_SAMP(CAST(qty AS DOUBLE)) FILTER (WHERE qty > 1)
          FROM orders GROUP BY COALESCE(status, '?')`,
  },
  {
    name: 'global_aggregate',
    inputs: ['orders'],
    sink: cols('n BIGINT', 'n_products BIGINT', 'sq INT', 'first_ts TIMESTAMP(3)', 'last_day DATE', 'avg_price DOUBLE', 'hi DECIMAL(10, 2)'),
    sql: `SELECT COUNT(*), COUNT(DISTINCT product), SUM(qty), MIN(order_ts), MAX(order_date), AVG(price), MAX(amount) FROM orders`,
  },
  {
    name: 'having_count',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'n BIGINT', 'total DECIMAL(38, 2)'),
    key: ['customer_id'],
    sql: `SELECT customer_id, COUNT(*), SUM(amount) FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING COUNT(*) > 5`,
  },
  {
    name: 'having_sum_and_min',
    inputs: ['orders'],
    sink: cols('product STRING', 'total DECIMAL(38, 2)', 'min_qty INT'),
    sql: `SELECT product, SUM(amount), MIN(qty) FROM orders GROUP BY product HAVING SUM(amount) > 300 AND MIN(qty) < 2`,
  },
  {
    name: 'select_distinct',
    inputs: ['orders'],
    sink: cols('status STRING', 'is_gift BOOLEAN'),
    sql: `SELECT DISTINCT status, is_gift FROM orders WHERE qty IS NOT NULL`,
  },
  {
    name: 'group_two_keys_nullable',
    inputs: ['orders'],
    sink: cols('status STRING', 'is_gift BOOLEAN', 'n BIGINT', 'sp DOUBLE'),
    sql: `SELECT COALESCE(status, '?'), is_gift, COUNT(*), SUM(price) FROM orders GROUP BY COALESCE(status, '?'), is_gift`,
  },
  {
    name: 'group_by_expression',
    inputs: ['orders'],
    sink: cols('bucket BIGINT', 'weighted DOUBLE', 'n_products BIGINT', 'longest INT', 'n BIGINT'),
    key: ['bucket'],
    sql: `SELECT MOD(order_id, 5), SUM(qty * price), COUNT(DISTINCT product), MAX(CHAR_LENGTH(product)), COUNT(*) FROM orders GROUP BY MOD(order_id, 5)`,
    duck: `SELECT order_id % 5, SUM(qty * price), COUNT(DISTINCT product), MAX(CHAR_LENGTH(product)), COUNT(*) FROM orders GROUP BY order_id % 5`,
  },
  {
    name: 'group_by_hour_bucket',
    inputs: ['orders'],
    sink: cols('hr TIMESTAMP(3)', 'n BIGINT', 'total DECIMAL(38, 2)', 'last_ts TIMESTAMP(3)'),
    key: ['hr'],
    sql: `SELECT FLOOR(order_ts TO HOUR), COUNT(*), SUM(amount), MAX(order_ts) FROM orders WHERE order_ts IS NOT NULL GROUP BY FLOOR(order_ts TO HOUR)`,
    duck: `SELECT date_trunc('hour', order_ts), COUNT(*), SUM(amount), MAX(order_ts) FROM orders WHERE order_ts IS NOT NULL GROUP BY date_trunc('hour', order_ts)`,
  },
  {
    name: 'group_by_day_cast',
    inputs: ['orders'],
    sink: cols('d DATE', 'n BIGINT', 'n_status BIGINT', 'lo DOUBLE', 'hi DOUBLE'),
    key: ['d'],
    sql: `SELECT CAST(order_ts AS DATE), COUNT(*), COUNT(DISTINCT status), MIN(price), MAX(price) FROM orders WHERE order_ts IS NOT NULL
          GROUP BY CAST(order_ts AS DATE)`,
  },
  {
    name: 'count_distinct_several',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'd_product BIGINT', 'd_status BIGINT', 'd_qty BIGINT', 'd_day BIGINT'),
    sql: `SELECT customer_id, COUNT(DISTINCT product), COUNT(DISTINCT status), COUNT(DISTINCT qty), COUNT(DISTINCT order_date)
          FROM orders GROUP BY customer_id`,
  },
  {
    name: 'min_max_of_every_type',
    inputs: ['orders'],
    sink: cols(
      'status STRING',
      'min_p STRING',
      'max_p STRING',
      'min_ts TIMESTAMP(3)',
      'max_ts TIMESTAMP(3)',
      'min_d DATE',
      'max_d DATE',
      'min_a DECIMAL(10, 2)',
      'max_price DOUBLE',
      'max_id BIGINT',
    ),
    key: ['status'],
    sql: `SELECT COALESCE(status, '-'), MIN(product), MAX(product), MIN(order_ts), MAX(order_ts), MIN(order_date), MAX(order_date),
                 MIN(amount), MAX(price), MAX(order_id)
          FROM orders GROUP BY COALESCE(status, '-')`,
  },
  {
    name: 'aggregate_of_case_expressions',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'big_orders BIGINT', 'refunds DECIMAL(38, 2)', 'share DOUBLE'),
    sql: `SELECT customer_id,
                 SUM(CASE WHEN amount > 200 THEN 1 ELSE 0 END),
                 SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END),
                 CAST(COUNT(qty) AS DOUBLE) / COUNT(*)
          FROM orders GROUP BY customer_id`,
  },
  {
    name: 'avg_decimal_and_integer_semantics',
    inputs: ['orders'],
    sink: cols('status STRING', 'avg_amount DECIMAL(38, 6)', 'avg_qty INT', 'sum_distinct_qty INT', 'pos_distinct BIGINT', 'sum_distinct_amount DECIMAL(38, 2)'),
    key: ['status'],
    // Flink: AVG(DECIMAL(10, 2)) is DECIMAL(38, 6); AVG(INT) is an INT (sum / count, truncated toward zero).
    sql: `SELECT COALESCE(status, '?'), AVG(amount), AVG(qty), SUM(DISTINCT qty), COUNT(DISTINCT qty) FILTER (WHERE qty > 0), SUM(DISTINCT amount)
          FROM orders GROUP BY COALESCE(status, '?')`,
    duck: `SELECT COALESCE(status, '?'), AVG(amount), CAST(trunc(AVG(qty)) AS INTEGER), SUM(DISTINCT qty), COUNT(DISTINCT qty) FILTER (WHERE qty > 0),
                  SUM(DISTINCT amount)
           FROM orders GROUP BY COALESCE(status, '?')`,
  },
  {
    name: 'global_aggregate_with_having',
    inputs: ['orders'],
    sink: cols('n BIGINT', 'total DECIMAL(38, 2)'),
    sql: `SELECT COUNT(*), SUM(amount) FROM orders HAVING COUNT(*) > 5`,
  },
  {
    name: 'grouped_without_key_in_output',
    inputs: ['payments'],
    sink: cols('n BIGINT', 'hi DECIMAL(10, 2)'),
    // Several groups can produce the same output row: the result is a multiset with duplicates.
    sql: `SELECT COUNT(*), MAX(amount) FROM payments GROUP BY method, customer_id`,
  },
  {
    name: 'sum_of_decimal_products',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'line_total DECIMAL(38, 2)', 'weighted DOUBLE', 'as_text STRING'),
    sql: `SELECT customer_id, SUM(amount * qty), SUM(amount * price), MAX(CAST(amount AS STRING)) FROM orders GROUP BY customer_id`,
  },
  {
    name: 'sum_keeps_argument_type_and_wraps',
    inputs: ['orders'],
    sink: cols('status STRING', 'tiny_sum TINYINT', 'int_sum INT', 'tiny_plus TINYINT'),
    key: ['status'],
    // Flink: SUM(TINYINT) is a TINYINT and SUM(INT) an INT; like + and *, they wrap around on
    // overflow (Java arithmetic). CAST to BIGINT first to avoid it. DuckDB widens, so its variant
    // wraps explicitly (modular arithmetic gives the same result whatever the order of updates).
    sql: `SELECT COALESCE(status, '?'), SUM(CAST(qty AS TINYINT)), SUM(CAST(order_id AS INT) * 1000000),
                 CAST(MAX(qty) AS TINYINT) * CAST(30 AS TINYINT)
          FROM orders GROUP BY COALESCE(status, '?')`,
    duck: `SELECT COALESCE(status, '?'),
                  CAST(((SUM(qty) + 128) % 256 + 256) % 256 - 128 AS TINYINT),
                  CAST(((SUM(order_id * 1000000) + 2147483648) % 4294967296 + 4294967296) % 4294967296 - 2147483648 AS INTEGER),
                  CAST(((MAX(qty) * 30 + 128) % 256 + 256) % 256 - 128 AS TINYINT)
           FROM orders GROUP BY COALESCE(status, '?')`,
  },
];

