// CASE and NULL edge cases: three-valued logic, COALESCE, IF, IS [NOT] NULL, NULL in IN lists,
// NULL keys in grouping and DISTINCT, NULL-only aggregate inputs.
import { cols, type DiffCase } from '../harness';

export const NULLS_CASES: DiffCase[] = [
  {
    name: 'case_searched_and_simple',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'size_class STRING', 'status_code INT'),
    // Branch literals of equal length: Flink types an all-literal CASE as CHAR(n) (padded).
    sql: `SELECT order_id,
                 CASE WHEN qty > 3 THEN 'big' WHEN qty > 0 THEN 'sml' WHEN qty IS NULL THEN 'unk' ELSE 'neg' END,
                 CASE status WHEN 'NEW' THEN 1 WHEN 'PAID' THEN 2 END
          FROM orders`,
  },
  {
    name: 'case_null_and_empty_branches',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'label STRING', 'gift_code INT'),
    sql: `SELECT order_id,
                 CASE WHEN product IS NULL THEN 'null' WHEN product = '' THEN 'empty' WHEN status IS NULL THEN 'no status' ELSE product END,
                 CASE WHEN is_gift THEN 1 WHEN NOT is_gift THEN 0 ELSE -1 END
          FROM orders`,
  },
  {
    name: 'coalesce_and_if',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'p STRING', 'q INT', 'pos INT', 'amt DECIMAL(38, 2)', 'st STRING'),
    sql: `SELECT order_id, COALESCE(product, 'none'), COALESCE(qty, customer_id, -1), IF(qty > 0, qty, 0), COALESCE(amount, 0),
                 IF(is_gift IS NULL, 'unk', IF(is_gift, 'yes', 'not'))
          FROM orders`,
  },
  {
    name: 'three_valued_boolean_columns',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'b_and BOOLEAN', 'b_or BOOLEAN', 'b_not BOOLEAN', 'gift_and BOOLEAN', 'gift_or BOOLEAN', 'gift_null BOOLEAN'),
    sql: `SELECT order_id, qty > 2 AND price > 10, qty > 2 OR price > 10, NOT (qty > 2), is_gift AND qty > 0, is_gift OR amount < 0,
                 is_gift IS NULL
          FROM orders`,
  },
  {
    name: 'null_in_in_lists',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'qty INT', 'in_null BOOLEAN', 'not_in_null BOOLEAN', 'cust_in BOOLEAN', 'prod_in BOOLEAN'),
    sql: `SELECT order_id, qty, qty IN (1, 2, CAST(NULL AS INT)), qty NOT IN (1, 2, CAST(NULL AS INT)), customer_id IN (1, 2, 3),
                 product NOT IN ('apple', '')
          FROM orders`,
  },
  {
    name: 'filter_in_list_with_null',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'qty INT', 'customer_id INT'),
    // NOT IN with a NULL in the list is never TRUE: only the IN side can keep rows.
    sql: `SELECT order_id, qty, customer_id FROM orders
          WHERE qty IN (1, 2, 3, CAST(NULL AS INT)) OR customer_id NOT IN (1, 2, CAST(NULL AS INT))`,
  },
  {
    name: 'is_null_filters',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING', 'amount DECIMAL(10, 2)', 'order_ts TIMESTAMP(3)'),
    sql: `SELECT order_id, product, amount, order_ts FROM orders
          WHERE (product IS NULL OR amount IS NULL OR order_ts IS NULL) AND order_date IS NOT NULL`,
  },
  {
    name: 'group_by_null_key',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'n BIGINT', 'sq INT', 'min_p STRING', 'max_ts TIMESTAMP(3)'),
    sql: `SELECT customer_id, COUNT(*), SUM(qty), MIN(product), MAX(order_ts) FROM orders GROUP BY customer_id`,
  },
  {
    name: 'aggregates_over_only_nulls',
    inputs: ['orders'],
    sink: cols('status STRING', 'n BIGINT', 'cnt_big BIGINT', 'sum_big INT', 'min_big INT', 'max_neg DECIMAL(10, 2)', 'cd BIGINT'),
    // Some groups see only NULLs: COUNT(x) is 0, SUM/MIN/MAX are NULL.
    sql: `SELECT COALESCE(status, '?'), COUNT(*), COUNT(CASE WHEN qty > 8 THEN qty END), SUM(CASE WHEN qty > 8 THEN qty END),
                 MIN(CASE WHEN qty > 8 THEN qty END), MAX(CASE WHEN amount < -40 THEN amount END),
                 COUNT(DISTINCT CASE WHEN qty > 9 THEN customer_id END)
          FROM orders GROUP BY COALESCE(status, '?')`,
    key: ['status'],
  },
  {
    name: 'distinct_with_nulls',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'status STRING'),
    sql: `SELECT DISTINCT customer_id, status FROM orders`,
  },
  {
    name: 'null_key_join_never_matches',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'ocid INT', 'ccid INT', 'name STRING'),
    sql: `SELECT o.order_id, o.customer_id, c.customer_id, c.name FROM orders o FULL JOIN customers c ON o.customer_id = c.customer_id
          WHERE o.customer_id IS NULL OR c.customer_id IS NULL`,
  },
  {
    name: 'boolean_is_true_false_unknown',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'is_t BOOLEAN', 'not_f BOOLEAN', 'unk BOOLEAN', 'cmp_t BOOLEAN', 'cmp_nt BOOLEAN'),
    sql: `SELECT order_id, is_gift IS TRUE, is_gift IS NOT FALSE, is_gift IS UNKNOWN, (qty > 3) IS TRUE, (amount < 0) IS NOT TRUE FROM orders`,
  },
  {
    name: 'numeric_type_promotion_with_nulls',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'q_or_a DECIMAL(38, 2)', 'p_or_a DOUBLE', 'q_plus_a DECIMAL(38, 2)', 'a_plus_p DOUBLE', 'a_gt_p BOOLEAN', 'q_times_p DOUBLE'),
    sql: `SELECT order_id, CASE WHEN qty > 5 THEN qty ELSE amount END, COALESCE(price, amount), qty + amount, amount + price, amount > price, qty * price
          FROM orders`,
  },
];

