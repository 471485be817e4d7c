// OVER aggregations over event-time inputs whose rows are never late: every row fires on the
// watermark (the last ones on the final MAX_WATERMARK), so the results equal DuckDB's window
// functions. Rows of the same time arrive in click_id order (the file's order), which is the
// order Flink's ROWS frames give them: DuckDB orders by ts, click_id for ROWS. RANGE frames make
// rows of the same time peers on both sides. LAG runs in ROWS frames (under RANGE, Flink's LAG
// sees the last peer, where DuckDB's LAG counts rows). Each case writes an upsert jdbc table by its
// input's unique id, so the failover suite runs them too (state restored from a checkpoint).
import { cols, type DiffCase } from '../harness';

export const OVER_CASES: DiffCase[] = [
  {
    name: 'over_rows_bounded_per_user',
    inputs: ['clicks'],
    key: ['click_id'],
    sink: cols('click_id BIGINT', 'user_id INT', 'cnt BIGINT', 'total INT', 'least INT', 'last_page STRING'),
    sql: `SELECT click_id, user_id, COUNT(*) OVER w, SUM(amount) OVER w, MIN(amount) OVER w, MAX(page) OVER w
          FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)`,
    duck: `SELECT click_id, user_id, COUNT(*) OVER w, SUM(amount) OVER w, MIN(amount) OVER w, MAX(page) OVER w
           FROM clicks WINDOW w AS (PARTITION BY user_id ORDER BY ts, click_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)`,
  },
  {
    name: 'over_range_interval_per_page',
    inputs: ['clicks'],
    key: ['click_id'],
    sink: cols('click_id BIGINT', 'page STRING', 'cnt BIGINT', 'amounts BIGINT', 'total INT', 'most INT'),
    sql: `SELECT click_id, page,
                 COUNT(*) OVER (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW),
                 COUNT(amount) OVER (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW),
                 SUM(amount) OVER (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW),
                 MAX(amount) OVER (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW)
          FROM clicks`,
    duck: `SELECT click_id, page, COUNT(*) OVER w, COUNT(amount) OVER w, SUM(amount) OVER w, MAX(amount) OVER w
           FROM clicks WINDOW w AS (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL 10 MINUTE PRECEDING AND CURRENT ROW)`,
  },
  {
    name: 'over_unbounded_global_default_frame',
    inputs: ['views'],
    key: ['view_id'],
    sink: cols('view_id BIGINT', 'seen BIGINT', 'users BIGINT'),
    sql: `SELECT view_id, COUNT(*) OVER (ORDER BY ts), COUNT(DISTINCT user_id) OVER (ORDER BY ts) FROM views`,
  },
  {
    name: 'over_rows_unbounded_lag_with_filter_and_expressions',
    inputs: ['clicks'],
    key: ['click_id'],
    sink: cols('click_id BIGINT', 'prev_amount INT', 'page_before STRING', 'running BIGINT', 'doubled INT'),
    sql: `SELECT click_id, LAG(amount) OVER w, LAG(page, 2, 'none') OVER w, COUNT(*) OVER w, SUM(amount * 2) OVER w
          FROM clicks WHERE user_id IS NOT NULL
          WINDOW w AS (PARTITION BY MOD(user_id, 3) ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
    duck: `SELECT click_id, LAG(amount) OVER w, LAG(page, 2, 'none') OVER w, COUNT(*) OVER w, SUM(amount * 2) OVER w
           FROM clicks WHERE user_id IS NOT NULL
           WINDOW w AS (PARTITION BY user_id % 3 ORDER BY ts, click_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
  },
];
