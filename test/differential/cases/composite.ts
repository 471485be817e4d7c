// Queries built from parts: UNION ALL, CTEs, subqueries in FROM, joins feeding aggregates and
// aggregates feeding joins (and aggregates of aggregates), over insert-only and changelog inputs.
import { cols, type DiffCase } from '../harness';

export const COMPOSITE_CASES: DiffCase[] = [
  {
    name: 'union_all_insert_only',
    inputs: ['orders', 'customers'],
    sink: cols('cid INT', 'src STRING'),
    sinkKind: 'append',
    sql: `SELECT customer_id, 'order' FROM orders WHERE qty > 5
          UNION ALL
          SELECT customer_id, 'custo' FROM customers`,
  },
  {
    name: 'union_all_changelog_and_insert_only',
    inputs: ['orders', 'payments'],
    sink: cols('id BIGINT', 'amount DECIMAL(10, 2)', 'src STRING'),
    sql: `SELECT order_id, amount, 'order' FROM orders WHERE amount > 200
          UNION ALL
          SELECT pay_id, amount, 'payed' FROM payments WHERE amount > 150`,
  },
  {
    name: 'union_all_feeding_aggregate',
    inputs: ['orders', 'payments'],
    sink: cols('cid INT', 'n BIGINT', 'total DECIMAL(38, 2)', 'hi DECIMAL(10, 2)'),
    sql: `SELECT cid, COUNT(*), SUM(amt), MAX(amt) FROM (
            SELECT customer_id AS cid, amount AS amt FROM orders
            UNION ALL
            SELECT customer_id AS cid, amount AS amt FROM payments
          ) u GROUP BY cid`,
  },
  {
    name: 'union_all_three_then_distinct',
    inputs: ['orders', 'customers', 'accounts'],
    sink: cols('customer_id INT'),
    sql: `SELECT DISTINCT customer_id FROM (
            SELECT customer_id FROM orders WHERE status = 'CANCELLED'
            UNION ALL SELECT customer_id FROM customers WHERE region = 'APAC'
            UNION ALL SELECT customer_id FROM accounts WHERE plan = 'pro'
          ) t`,
  },
  {
    name: 'cte_filter_then_join',
    inputs: ['orders', 'customers'],
    sink: cols('order_id BIGINT', 'amount DECIMAL(10, 2)', 'name STRING'),
    sql: `WITH big AS (SELECT order_id, customer_id, amount FROM orders WHERE amount > 50)
          SELECT b.order_id, b.amount, c.name FROM big b JOIN customers c ON b.customer_id = c.customer_id`,
  },
  {
    name: 'cte_aggregate_then_filter',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'total DECIMAL(38, 2)', 'n BIGINT'),
    sql: `WITH per AS (SELECT customer_id, SUM(amount) AS total, COUNT(*) AS n FROM orders GROUP BY customer_id)
          SELECT customer_id, total, n FROM per WHERE n >= 3 AND total > 0`,
  },
  {
    name: 'nested_subqueries',
    inputs: ['orders'],
    sink: cols('k STRING', 'n2 BIGINT'),
    key: ['k'],
    sql: `SELECT k, n * 2 FROM (
            SELECT k, COUNT(*) AS n FROM (
              SELECT COALESCE(status, 'X') AS k FROM orders WHERE qty IS NOT NULL
            ) a GROUP BY k
          ) b WHERE n > 1`,
  },
  {
    name: 'two_ctes_joined',
    inputs: ['orders', 'payments'],
    sink: cols('customer_id INT', 'ordered DECIMAL(38, 2)', 'paid DECIMAL(38, 2)'),
    sql: `WITH o AS (SELECT customer_id, SUM(amount) AS ordered FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id),
               p AS (SELECT customer_id, SUM(amount) AS paid FROM payments WHERE customer_id IS NOT NULL GROUP BY customer_id)
          SELECT o.customer_id, o.ordered, p.paid FROM o JOIN p ON o.customer_id = p.customer_id`,
  },
  {
    name: 'join_then_aggregate',
    inputs: ['orders', 'customers'],
    sink: cols('region STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'n_cust BIGINT', 'hi_tier INT'),
    key: ['region'],
    sql: `SELECT COALESCE(c.region, 'none'), COUNT(*), SUM(o.amount), COUNT(DISTINCT o.customer_id), MAX(c.tier)
          FROM orders o JOIN customers c ON o.customer_id = c.customer_id
          GROUP BY COALESCE(c.region, 'none')`,
  },
  {
    name: 'left_join_then_aggregate',
    inputs: ['orders', 'customers'],
    sink: cols('status STRING', 'matched BIGINT', 'n BIGINT', 'hi_tier INT'),
    key: ['status'],
    sql: `SELECT COALESCE(o.status, '?'), COUNT(c.name), COUNT(*), MAX(c.tier)
          FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id
          GROUP BY COALESCE(o.status, '?')`,
  },
  {
    name: 'full_join_then_aggregate',
    inputs: ['orders', 'customers'],
    sink: cols('region STRING', 'n_orders BIGINT', 'n_customers BIGINT', 'n BIGINT'),
    key: ['region'],
    sql: `SELECT COALESCE(c.region, 'none'), COUNT(o.order_id), COUNT(c.customer_id), COUNT(*)
          FROM orders o FULL JOIN customers c ON o.customer_id = c.customer_id
          GROUP BY COALESCE(c.region, 'none')`,
  },
  {
    name: 'changelog_join_then_aggregate',
    inputs: ['payments', 'accounts'],
    sink: cols('plan STRING', 'n BIGINT', 'paid DECIMAL(38, 2)', 'lo DECIMAL(10, 2)'),
    key: ['plan'],
    sql: `SELECT COALESCE(a.plan, '-'), COUNT(*), SUM(p.amount), MIN(p.amount)
          FROM payments p JOIN accounts a ON p.customer_id = a.customer_id
          GROUP BY COALESCE(a.plan, '-')`,
  },
  {
    name: 'aggregate_then_join',
    inputs: ['orders', 'customers'],
    sink: cols('customer_id INT', 'total DECIMAL(38, 2)', 'name STRING'),
    sql: `SELECT t.customer_id, t.total, c.name
          FROM (SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id) t
          JOIN customers c ON t.customer_id = c.customer_id`,
  },
  {
    name: 'aggregate_left_join_aggregate',
    inputs: ['orders', 'payments'],
    sink: cols('cid INT', 'n BIGINT', 'paid DECIMAL(38, 2)'),
    sql: `SELECT o.cid, o.n, p.paid
          FROM (SELECT customer_id AS cid, COUNT(*) AS n FROM orders GROUP BY customer_id) o
          LEFT JOIN (SELECT customer_id AS cid, SUM(amount) AS paid FROM payments GROUP BY customer_id) p ON o.cid = p.cid`,
  },
  {
    name: 'aggregate_of_aggregate',
    inputs: ['payments'],
    sink: cols('n BIGINT', 'customers BIGINT'),
    key: ['n'],
    // Updates of the inner counts retract from one outer group and add to another.
    sql: `SELECT n, COUNT(*) FROM (SELECT customer_id, COUNT(*) AS n FROM payments GROUP BY customer_id) t GROUP BY n`,
  },
  {
    name: 'aggregate_full_join_aggregate_changelogs',
    inputs: ['accounts', 'payments'],
    sink: cols('acid INT', 'accounts BIGINT', 'pcid INT', 'top DECIMAL(10, 2)'),
    sql: `SELECT a.cid, a.n, p.cid, p.top
          FROM (SELECT customer_id AS cid, COUNT(*) AS n FROM accounts GROUP BY customer_id) a
          FULL JOIN (SELECT customer_id AS cid, MAX(amount) AS top FROM payments GROUP BY customer_id) p ON a.cid = p.cid`,
  },
  {
    name: 'join_aggregate_having_then_join',
    inputs: ['orders', 'customers', 'accounts'],
    sink: cols('region STRING', 'customer_id INT', 'spend DECIMAL(38, 2)', 'plan STRING'),
    sql: `WITH spend AS (
            SELECT c.region, o.customer_id, SUM(o.amount) AS spend
            FROM orders o JOIN customers c ON o.customer_id = c.customer_id
            GROUP BY c.region, o.customer_id
            HAVING COUNT(*) >= 2
          )
          SELECT s.region, s.customer_id, s.spend, a.plan FROM spend s LEFT JOIN accounts a ON s.customer_id = a.customer_id`,
  },
  {
    name: 'union_all_type_widening',
    inputs: ['orders', 'payments', 'products'],
    sink: cols('id BIGINT', 'amount DECIMAL(10, 2)'),
    // INT with BIGINT, DECIMAL(10, 2) with DECIMAL(8, 2).
    sql: `SELECT customer_id, amount FROM orders WHERE qty > 7
          UNION ALL SELECT pay_id, amount FROM payments WHERE method = 'cash'
          UNION ALL SELECT CHAR_LENGTH(product), list_price FROM products`,
  },
  {
    name: 'union_all_same_changelog_twice',
    inputs: ['payments'],
    sink: cols('pay_id BIGINT', 'amount DECIMAL(10, 2)', 'branch STRING'),
    sql: `SELECT pay_id, amount, 'big' FROM payments WHERE amount > 100
          UNION ALL
          SELECT pay_id, amount, 'crd' FROM payments WHERE method = 'card'`,
  },
  {
    name: 'cte_used_twice',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'status_a STRING', 'status_b STRING', 'n_a BIGINT', 'n_b BIGINT'),
    sql: `WITH per AS (SELECT customer_id, status, COUNT(*) AS n FROM orders WHERE status IS NOT NULL GROUP BY customer_id, status)
          SELECT a.customer_id, a.status, b.status, a.n, b.n FROM per a JOIN per b ON a.customer_id = b.customer_id AND a.status < b.status`,
  },
];

