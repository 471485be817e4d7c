// Regular streaming joins: every kind, extra ON conditions, NULL keys, duplicate keys on both
// sides, string keys with '' and NULL, composite keys, changelog inputs on either side.
import { cols, type DiffCase } from '../harness';

const OC = cols('order_id BIGINT', 'ocid INT', 'ccid INT', 'name STRING', 'region STRING');

export const JOINS_CASES: DiffCase[] = [
  {
    name: 'inner_join',
    inputs: ['orders', 'customers'],
    sink: OC,
    sinkKind: 'append',
    sql: `SELECT o.order_id, o.customer_id, c.customer_id, c.name, c.region FROM orders o JOIN customers c ON o.customer_id = c.customer_id`,
  },
  {
    name: 'left_join',
    inputs: ['orders', 'customers'],
    sink: OC,
    sql: `SELECT o.order_id, o.customer_id, c.customer_id, c.name, c.region FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id`,
  },
  {
    name: 'right_join',
    inputs: ['orders', 'customers'],
    sink: OC,
    sql: `SELECT o.order_id, o.customer_id, c.customer_id, c.name, c.region FROM orders o RIGHT JOIN customers c ON o.customer_id = c.customer_id`,
  },
  {
    name: 'full_join',
    inputs: ['orders', 'customers'],
    sink: OC,
    sql: `SELECT o.order_id, o.customer_id, c.customer_id, c.name, c.region FROM orders o FULL OUTER JOIN customers c ON o.customer_id = c.customer_id`,
  },
  {
    name: 'inner_join_extra_condition',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'qty INT', 'tier INT', 'name STRING'),
    sql: `SELECT o.order_id, o.qty, c.tier, c.name FROM orders o INNER JOIN customers c ON o.customer_id = c.customer_id AND o.qty > c.tier`,
  },
  {
    name: 'left_join_extra_condition',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'ocid INT', 'name STRING', 'region STRING'),
    // The extra condition only decides matching: unmatched orders are kept with NULLs.
    sql: `SELECT o.order_id, o.customer_id, c.name, c.region FROM orders o LEFT JOIN customers c
            ON o.customer_id = c.customer_id AND c.region <> 'EU'`,
  },
  {
    name: 'right_join_extra_condition_on_left',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'status STRING', 'ccid INT', 'name STRING'),
    sql: `SELECT o.order_id, o.status, c.customer_id, c.name FROM orders o RIGHT JOIN customers c
            ON o.customer_id = c.customer_id AND o.status = 'PAID'`,
  },
  {
    name: 'full_join_extra_condition',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'amount DECIMAL(10, 2)', 'ccid INT', 'tier INT'),
    sql: `SELECT o.order_id, o.amount, c.customer_id, c.tier FROM orders o FULL JOIN customers c
            ON o.customer_id = c.customer_id AND o.amount > 50 AND c.tier IS NOT NULL`,
  },
  {
    name: 'left_join_string_key_empty_and_null',
    inputs: ['orders', 'products'],
    sink: cols('order_id BIGINT', 'product STRING', 'category STRING', 'list_price DECIMAL(8, 2)'),
    // '' = '' joins; NULL never does.
    sql: `SELECT o.order_id, o.product, p.category, p.list_price FROM orders o LEFT JOIN products p ON o.product = p.product`,
  },
  {
    name: 'anti_join_via_left_join',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'customer_id INT'),
    sql: `SELECT o.order_id, o.customer_id FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id IS NULL`,
  },
  {
    name: 'three_way_join',
    inputs: ['orders', 'customers', 'products'],
    sink: cols('order_id BIGINT', 'name STRING', 'category STRING', 'line DECIMAL(38, 2)'),
    sql: `SELECT o.order_id, c.name, p.category, p.list_price * o.qty
          FROM orders o
          JOIN customers c ON o.customer_id = c.customer_id
          LEFT JOIN products p ON o.product = p.product`,
  },
  {
    name: 'self_join_non_equi_extra',
    inputs: ['orders'],
    sink: cols('a BIGINT', 'b BIGINT', 'customer_id INT'),
    sql: `SELECT o1.order_id, o2.order_id, o1.customer_id FROM orders o1 JOIN orders o2
            ON o1.customer_id = o2.customer_id AND o1.order_id < o2.order_id AND o2.status = 'CANCELLED'`,
  },
  {
    name: 'changelog_join_composite_key',
    inputs: ['payments', 'orders'],
    sink: cols('pay_id BIGINT', 'order_id BIGINT', 'paid DECIMAL(10, 2)', 'ordered DECIMAL(10, 2)'),
    sql: `SELECT p.pay_id, p.order_id, p.amount, o.amount FROM payments p JOIN orders o
            ON p.order_id = o.order_id AND p.customer_id = o.customer_id`,
  },
  {
    name: 'left_join_changelog_right_side',
    inputs: ['orders', 'accounts'],
    sink: cols('order_id BIGINT', 'customer_id INT', 'plan STRING', 'credit DECIMAL(10, 2)'),
    // Accounts come and go: NULL padding must be retracted and restored as matches appear and vanish.
    sql: `SELECT o.order_id, o.customer_id, a.plan, a.credit FROM orders o LEFT JOIN accounts a ON o.customer_id = a.customer_id`,
  },
  {
    name: 'full_join_two_changelogs',
    inputs: ['payments', 'accounts'],
    sink: cols('pay_id BIGINT', 'pcid INT', 'acid INT', 'plan STRING'),
    sql: `SELECT p.pay_id, p.customer_id, a.customer_id, a.plan FROM payments p FULL JOIN accounts a
            ON p.customer_id = a.customer_id AND a.plan <> 'free'`,
  },
  {
    name: 'right_join_changelog_left_side',
    inputs: ['payments', 'customers'],
    sink: cols('pay_id BIGINT', 'amount DECIMAL(10, 2)', 'ccid INT', 'region STRING'),
    sql: `SELECT p.pay_id, p.amount, c.customer_id, c.region FROM payments p RIGHT JOIN customers c
            ON p.customer_id = c.customer_id AND p.amount > 100`,
  },
  {
    name: 'join_with_filters_and_expressions',
    inputs: ['orders', 'customers'],
    sink: cols('region STRING', 'order_id BIGINT', 'weighted DOUBLE', 'label STRING'),
    sql: `SELECT c.region, o.order_id, o.price * c.tier, UPPER(c.name)
          FROM orders o JOIN customers c ON c.customer_id = o.customer_id
          WHERE o.status <> 'CANCELLED' AND (c.region IS NULL OR c.region <> 'US')`,
  },
  {
    name: 'left_join_preserved_side_predicate_in_on',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'qty INT', 'name STRING'),
    // A predicate on the preserved side inside ON decides matching only: orders with qty <= 3 stay, padded.
    sql: `SELECT o.order_id, o.qty, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id AND o.qty > 3`,
  },
  {
    name: 'right_join_preserved_side_predicate_in_on',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'ccid INT', 'tier INT'),
    sql: `SELECT o.order_id, c.customer_id, c.tier FROM orders o RIGHT JOIN customers c ON o.customer_id = c.customer_id AND c.tier > 2`,
  },
  {
    name: 'full_join_one_side_predicates_in_on',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'qty INT', 'ccid INT', 'tier INT'),
    sql: `SELECT o.order_id, o.qty, c.customer_id, c.tier FROM orders o FULL JOIN customers c
            ON o.customer_id = c.customer_id AND o.qty > 3 AND c.tier > 1`,
  },
  {
    name: 'where_on_null_supplying_side_after_left_join',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'region STRING'),
    sql: `SELECT o.order_id, c.region FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id WHERE c.region = 'EU' OR o.qty < 0`,
  },
  {
    name: 'join_on_computed_keys',
    inputs: ['orders', 'products', 'customers'],
    sink: cols('order_id BIGINT', 'category STRING', 'next_name STRING'),
    sql: `SELECT o.order_id, p.category, c.name FROM orders o
            JOIN products p ON UPPER(o.product) = UPPER(p.product)
            LEFT JOIN customers c ON o.customer_id + 1 = c.customer_id`,
  },
  {
    name: 'full_join_on_computed_key_with_residual',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'qty INT', 'name STRING', 'tier INT'),
    // The residual reads both sides past the computed key columns; unmatched rows of both sides are padded.
    sql: `SELECT o.order_id, o.qty, c.name, c.tier FROM orders o
            FULL JOIN customers c ON o.customer_id + 1 = c.customer_id AND o.qty > c.tier`,
  },
  {
    name: 'implicit_join_on_computed_keys',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'name STRING'),
    sql: `SELECT o.order_id, c.name FROM orders o, customers c WHERE o.customer_id = c.customer_id - 1 AND UPPER(c.name) <> 'X'`,
  },
  {
    name: 'join_on_keys_computed_in_subqueries',
    inputs: ['orders', 'products', 'customers'],
    sink: cols('order_id BIGINT', 'category STRING', 'next_name STRING'),
    sql: `SELECT o.order_id, p.category, c.name
          FROM (SELECT order_id, UPPER(product) AS up, customer_id + 1 AS next_id FROM orders) o
          JOIN (SELECT UPPER(product) AS up, category FROM products) p ON o.up = p.up
          LEFT JOIN customers c ON o.next_id = c.customer_id`,
  },
  {
    name: 'join_on_date_and_decimal_keys',
    inputs: ['orders', 'payments'],
    sink: cols('order_id BIGINT', 'pay_id BIGINT', 'd DATE'),
    sql: `SELECT o.order_id, p.pay_id, o.order_date FROM orders o JOIN payments p
            ON o.order_date = CAST(p.paid_ts AS DATE) AND o.customer_id = p.customer_id`,
  },
  {
    name: 'join_on_aggregated_value',
    inputs: ['payments', 'customers'],
    sink: cols('customer_id INT', 'n BIGINT', 'name STRING'),
    // The join key is a count that changes with every update: rows move between join keys.
    sql: `SELECT t.customer_id, t.n, c.name FROM (SELECT customer_id, COUNT(*) AS n, MOD(COUNT(*), 6) AS n6 FROM payments GROUP BY customer_id) t
            JOIN customers c ON t.n6 = c.tier`,
    duck: `SELECT t.customer_id, t.n, c.name FROM (SELECT customer_id, COUNT(*) AS n, COUNT(*) % 6 AS n6 FROM payments GROUP BY customer_id) t
            JOIN customers c ON t.n6 = c.tier`,
  },
  {
    name: 'distinct_over_retracting_join',
    inputs: ['orders', 'accounts'],
    sink: cols('status STRING', 'plan STRING'),
    sql: `SELECT DISTINCT o.status, a.plan FROM orders o LEFT JOIN accounts a ON o.customer_id = a.customer_id`,
  },
  {
    name: 'changelog_self_join',
    inputs: ['payments'],
    sink: cols('a BIGINT', 'b BIGINT', 'order_id BIGINT', 'total DECIMAL(38, 2)'),
    // One changelog feeds both sides: every update moves rows on both inputs of the join.
    sql: `SELECT p1.pay_id, p2.pay_id, p1.order_id, p1.amount + p2.amount FROM payments p1 JOIN payments p2
            ON p1.customer_id = p2.customer_id AND p1.pay_id < p2.pay_id AND p1.method = p2.method`,
  },
  {
    name: 'changelog_self_left_join',
    inputs: ['inventory'],
    sink: cols('sku STRING', 'warehouse STRING', 'other_wh STRING', 'other_stock INT'),
    sql: `SELECT i1.sku, i1.warehouse, i2.warehouse, i2.stock FROM inventory i1 LEFT JOIN inventory i2
            ON i1.sku = i2.sku AND i1.warehouse <> i2.warehouse`,
  },
  {
    name: 'full_join_changelogs_condition_on_both_sides',
    inputs: ['payments', 'accounts'],
    sink: cols('pay_id BIGINT', 'amount DECIMAL(10, 2)', 'acid INT', 'credit DECIMAL(10, 2)'),
    // The extra condition compares both sides: updates on either side flip matches and padding.
    sql: `SELECT p.pay_id, p.amount, a.customer_id, a.credit FROM payments p FULL JOIN accounts a
            ON p.customer_id = a.customer_id AND p.amount * 10 > a.credit`,
  },
];

