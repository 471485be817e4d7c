// Top-N and deduplication (ROW_NUMBER() OVER with a bound on it, as a subquery filter or QUALIFY):
// the final table of the updating stream equals DuckDB's QUALIFY. Orders are made total (a
// unique tiebreaker) where the engine's tie order (arrival) and DuckDB's could differ; NULLS
// placement is spelled out on the DuckDB side (Flink: ASC NULLS FIRST, DESC NULLS LAST).
import { cols, type DiffCase } from '../harness';

export const RANKING_CASES: DiffCase[] = [
  {
    name: 'top2_per_user_by_amount',
    inputs: ['clicks'],
    sink: cols('user_id INT', 'click_id BIGINT', 'amount INT', 'rn BIGINT'),
    sql: `SELECT user_id, click_id, amount, rn FROM (
            SELECT user_id, click_id, amount, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC, click_id) AS rn FROM clicks
          ) WHERE rn <= 2`,
    duck: `SELECT user_id, click_id, amount, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC NULLS LAST, click_id) AS rn FROM clicks QUALIFY rn <= 2`,
  },
  {
    name: 'top3_global_without_rank_number_qualify',
    inputs: ['views'],
    sink: cols('view_id BIGINT', 'page STRING'),
    sql: `SELECT view_id, page FROM views QUALIFY ROW_NUMBER() OVER (ORDER BY page, view_id DESC) < 4`,
    duck: `SELECT view_id, page FROM views QUALIFY ROW_NUMBER() OVER (ORDER BY page NULLS FIRST, view_id DESC) < 4`,
  },
  {
    name: 'top1_over_an_updating_aggregate',
    inputs: ['orders'],
    sink: cols('customer_id INT', 'product STRING', 'total DECIMAL(38, 2)'),
    sql: `SELECT customer_id, product, total FROM (
            SELECT customer_id, product, total, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY total DESC, product) AS rn
            FROM (SELECT customer_id, product, SUM(amount) AS total FROM orders WHERE amount IS NOT NULL AND product IS NOT NULL GROUP BY customer_id, product)
          ) WHERE rn = 1`,
    duck: `SELECT customer_id, product, total FROM (SELECT customer_id, product, SUM(amount) AS total FROM orders WHERE amount IS NOT NULL AND product IS NOT NULL GROUP BY customer_id, product)
           QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY total DESC, product) = 1`,
  },
  {
    name: 'dedup_keep_first_by_rowtime',
    inputs: ['clicks'],
    sink: cols('user_id INT', 'click_id BIGINT', 'ts TIMESTAMP(3)'),
    sql: `SELECT user_id, click_id, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS rn FROM clicks) WHERE rn = 1`,
    duck: `SELECT user_id, click_id, ts FROM clicks QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts, click_id) = 1`,
  },
  {
    name: 'dedup_keep_last_by_rowtime_qualify',
    inputs: ['views'],
    sink: cols('user_id INT', 'view_id BIGINT', 'page STRING'),
    sql: `SELECT user_id, view_id, page FROM views QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) = 1`,
    duck: `SELECT user_id, view_id, page FROM views QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC, view_id DESC) = 1`,
  },
];

const bucket = (t: string, ms: number) => `make_timestamp((floor(epoch_ms(${t}) / ${ms})::BIGINT * ${ms}) * 1000)`;

/** Window Top-N: insert-only, one ranking per window when it fires. */
export const WINDOW_RANKING_CASES: DiffCase[] = [
  {
    name: 'window_top2_pages_over_window_aggregate',
    inputs: ['views'],
    sink: cols('window_start TIMESTAMP(3)', 'page STRING', 'cnt BIGINT', 'rn BIGINT'),
    sinkKind: 'append',
    sql: `SELECT window_start, page, cnt, rn FROM (
            SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY cnt DESC, page) AS rn FROM (
              SELECT window_start, window_end, page, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE views, DESCRIPTOR(ts), INTERVAL '30' MINUTES))
              GROUP BY window_start, window_end, page))
          WHERE rn <= 2`,
    duck: `SELECT ws, page, cnt, ROW_NUMBER() OVER (PARTITION BY ws ORDER BY cnt DESC, page) AS rn
           FROM (SELECT ${bucket('ts', 1_800_000)} AS ws, page, COUNT(*) AS cnt FROM views GROUP BY ws, page) QUALIFY rn <= 2`,
  },
  {
    name: 'window_top3_clicks_on_the_tvf',
    inputs: ['clicks'],
    sink: cols('window_start TIMESTAMP(3)', 'click_id BIGINT', 'amount INT', 'rn BIGINT'),
    sinkKind: 'append',
    sql: `SELECT window_start, click_id, amount, rn FROM (
            SELECT click_id, amount, window_start, window_end, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY amount DESC, click_id) AS rn
            FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '20' MINUTES)))
          WHERE rn <= 3`,
    duck: `SELECT ${bucket('ts', 1_200_000)} AS ws, click_id, amount, ROW_NUMBER() OVER (PARTITION BY ws ORDER BY amount DESC NULLS LAST, click_id) AS rn FROM clicks QUALIFY rn <= 3`,
  },
];
