// Changelog inputs (changelog-json with +I / -U / +U / -D): pass-through, filters, aggregates
// under updates and deletes (MIN/MAX and COUNT DISTINCT must recover from state), HAVING, DISTINCT.
import { cols, type DiffCase } from '../harness';

export const CHANGELOG_CASES: DiffCase[] = [
  {
    name: 'changelog_passthrough',
    inputs: ['payments'],
    sink: cols('pay_id BIGINT', 'order_id BIGINT', 'customer_id INT', 'amount DECIMAL(10, 2)', 'method STRING', 'paid_ts TIMESTAMP(3)'),
    sql: `SELECT * FROM payments`,
  },
  {
    name: 'changelog_filter_project',
    inputs: ['payments'],
    sink: cols('pay_id BIGINT', 'doubled DECIMAL(38, 2)', 'method STRING', 'hr BIGINT'),
    sql: `SELECT pay_id, amount * 2, UPPER(method), EXTRACT(HOUR FROM paid_ts) FROM payments WHERE amount > 0 OR method = ''`,
  },
  {
    name: 'changelog_group_aggregate',
    inputs: ['payments'],
    sink: cols('method STRING', 'n BIGINT', 'total DECIMAL(38, 2)', 'lo DECIMAL(10, 2)', 'hi DECIMAL(10, 2)', 'n_cust BIGINT', 'avg_amount DOUBLE'),
    key: ['method'],
    sql: `SELECT COALESCE(method, '?'), COUNT(*), SUM(amount), MIN(amount), MAX(amount), COUNT(DISTINCT customer_id), AVG(CAST(amount AS DOUBLE))
          FROM payments GROUP BY COALESCE(method, '?')`,
  },
  {
    name: 'min_max_under_deletes',
    inputs: ['inventory'],
    sink: cols(
      'warehouse STRING',
      'lo DECIMAL(8, 2)',
      'hi DECIMAL(8, 2)',
      'min_stock INT',
      'max_stock INT',
      'min_sku STRING',
      'max_sku STRING',
      'last_update TIMESTAMP(3)',
      'n BIGINT',
      'total_stock INT',
    ),
    key: ['warehouse'],
    sql: `SELECT COALESCE(warehouse, '-'), MIN(price), MAX(price), MIN(stock), MAX(stock), MIN(sku), MAX(sku), MAX(updated_ts), COUNT(*), SUM(stock)
          FROM inventory GROUP BY COALESCE(warehouse, '-')`,
  },
  {
    name: 'count_distinct_under_deletes',
    inputs: ['inventory'],
    sink: cols('warehouse STRING', 'skus BIGINT', 'prices BIGINT', 'n_sku BIGINT', 'stocks BIGINT'),
    key: ['warehouse'],
    sql: `SELECT COALESCE(warehouse, '-'), COUNT(DISTINCT sku), COUNT(DISTINCT price), COUNT(sku), COUNT(DISTINCT stock)
          FROM inventory GROUP BY COALESCE(warehouse, '-')`,
  },
  {
    name: 'global_aggregate_under_deletes',
    inputs: ['inventory'],
    sink: cols('n BIGINT', 'total_stock INT', 'lo DECIMAL(8, 2)', 'hi DECIMAL(8, 2)', 'n_wh BIGINT'),
    sql: `SELECT COUNT(*), SUM(stock), MIN(price), MAX(price), COUNT(DISTINCT warehouse) FROM inventory`,
  },
  {
    name: 'min_max_with_filter_under_deletes',
    inputs: ['inventory'],
    sink: cols('warehouse STRING', 'lo_stocked DECIMAL(8, 2)', 'hi_cheap INT', 'n_neg BIGINT'),
    key: ['warehouse'],
    sql: `SELECT COALESCE(warehouse, '-'), MIN(price) FILTER (WHERE stock > 50), MAX(stock) FILTER (WHERE price < 50),
                 COUNT(*) FILTER (WHERE stock < 0)
          FROM inventory GROUP BY COALESCE(warehouse, '-')`,
  },
  {
    name: 'changelog_having',
    inputs: ['payments'],
    sink: cols('customer_id INT', 'total DECIMAL(38, 2)', 'n BIGINT'),
    key: ['customer_id'],
    // Groups enter and leave the HAVING result as payments are updated and deleted.
    sql: `SELECT customer_id, SUM(amount), COUNT(*) FROM payments WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING SUM(amount) > 200`,
  },
  {
    name: 'changelog_distinct',
    inputs: ['payments'],
    sink: cols('method STRING', 'customer_id INT'),
    sql: `SELECT DISTINCT method, customer_id FROM payments`,
  },
  {
    name: 'changelog_group_null_key',
    inputs: ['accounts'],
    sink: cols('plan STRING', 'n BIGINT', 'credit DECIMAL(38, 2)', 'hi DECIMAL(10, 2)', 'lo DECIMAL(10, 2)'),
    sql: `SELECT plan, COUNT(*), SUM(credit), MAX(credit), MIN(credit) FROM accounts GROUP BY plan`,
  },
  {
    name: 'changelog_inner_join_changelog',
    inputs: ['payments', 'accounts'],
    sink: cols('pay_id BIGINT', 'customer_id INT', 'amount DECIMAL(10, 2)', 'plan STRING', 'credit DECIMAL(10, 2)'),
    sql: `SELECT p.pay_id, p.customer_id, p.amount, a.plan, a.credit FROM payments p JOIN accounts a ON p.customer_id = a.customer_id`,
  },
  {
    name: 'rekeyed_changelog_into_upsert_sink',
    inputs: ['users'],
    sink: cols('email STRING', 'user_id INT', 'score INT'),
    key: ['email'],
    // Updates change the sink's key (the email): the old key must disappear from the table.
    sql: `SELECT email, user_id, score FROM users`,
  },
  {
    name: 'filtered_changelog_into_upsert_sink',
    inputs: ['users'],
    sink: cols('user_id INT', 'email STRING', 'score INT'),
    key: ['user_id'],
    // An update that no longer passes the filter must remove the user from the table.
    sql: `SELECT user_id, email, score FROM users WHERE score > 20`,
  },
  {
    name: 'debezium_json_input',
    inputs: ['inventory'],
    // The inventory changelog read as Debezium records (c / u with before and after / d).
    setup: `
      CREATE TABLE inventory_dbz (sku STRING, warehouse STRING, stock INT, price DECIMAL(8, 2), updated_ts TIMESTAMP(3))
        WITH ('connector' = 'filesystem', 'path' = 'inventory.debezium.json', 'format' = 'debezium-json');`,
    sink: cols('warehouse STRING', 'n BIGINT', 'stock INT', 'lo DECIMAL(8, 2)', 'hi DECIMAL(8, 2)', 'skus BIGINT'),
    key: ['warehouse'],
    sql: `SELECT COALESCE(warehouse, '-'), COUNT(*), SUM(stock), MIN(price), MAX(price), COUNT(DISTINCT sku) FROM inventory_dbz
          GROUP BY COALESCE(warehouse, '-')`,
    duck: `SELECT COALESCE(warehouse, '-'), COUNT(*), SUM(stock), MIN(price), MAX(price), COUNT(DISTINCT sku) FROM inventory
           GROUP BY COALESCE(warehouse, '-')`,
    failoverSafe: true,
  },
];

