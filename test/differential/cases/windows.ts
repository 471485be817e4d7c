// Window TVF aggregations (TUMBLE, HOP, CUMULATE, SESSION; with and without the TABLE(...)
// wrapper, positional and named arguments) over event-time inputs whose rows are never late: every
// window fires on the watermark (the last ones on the final MAX_WATERMARK) and the results equal
// DuckDB's batch answer. DuckDB assigns windows by epoch arithmetic: `bucket(ts, n)` below is
// the start of ts's n-ms bucket since the epoch, and sessions come from gaps between rows.
import { cols, type DiffCase } from '../harness';

/** DuckDB: the start of the `ms`-wide epoch-aligned window holding `t`, shifted back `k` steps of `step`. */
const bucket = (t: string, ms: number, step = 0, k = '0') => `make_timestamp((floor(epoch_ms(${t}) / ${ms})::BIGINT * ${ms} - ${k} * ${step}) * 1000)`;
const plus = (ts: string, ms: number | string) => `(${ts} + to_milliseconds(${ms}))`;

const W = cols('user_id INT', 'window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'cnt BIGINT', 'total INT', 'max_ts TIMESTAMP(3)');

export const WINDOW_CASES: DiffCase[] = [
  {
    name: 'tumble_window_per_user',
    inputs: ['clicks'],
    sink: W,
    sinkKind: 'append',
    sql: `SELECT user_id, window_start, window_end, COUNT(*), SUM(amount), MAX(ts)
          FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' MINUTES))
          GROUP BY user_id, window_start, window_end`,
    duck: `SELECT user_id, ${bucket('ts', 600_000)} AS ws, ${plus(bucket('ts', 600_000), 600_000)}, COUNT(*), SUM(amount), MAX(ts)
           FROM clicks GROUP BY user_id, ws`,
  },
  {
    name: 'tumble_window_global_no_table_wrapper',
    inputs: ['views'],
    sink: cols('window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'views BIGINT', 'users BIGINT'),
    sinkKind: 'append',
    sql: `SELECT window_start, window_end, COUNT(*), COUNT(DISTINCT user_id)
          FROM TUMBLE(TABLE views, DESCRIPTOR(ts), INTERVAL '15' MINUTES) GROUP BY window_start, window_end`,
    duck: `SELECT ${bucket('ts', 900_000)} AS ws, ${plus(bucket('ts', 900_000), 900_000)}, COUNT(*), COUNT(DISTINCT user_id) FROM views GROUP BY ws`,
  },
  {
    name: 'hop_window_per_page_with_filter',
    inputs: ['clicks'],
    sink: cols('page STRING', 'window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'cnt BIGINT', 'total INT'),
    sinkKind: 'append',
    sql: `SELECT page, window_start, window_end, COUNT(*), SUM(amount)
          FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '15' MINUTES))
          WHERE amount IS NOT NULL
          GROUP BY window_start, window_end, page`,
    duck: `SELECT page, ${bucket('ts', 300_000, 300_000, 'k')} AS ws, ${plus(bucket('ts', 300_000, 300_000, 'k'), 900_000)}, COUNT(*), SUM(amount)
           FROM clicks CROSS JOIN range(0, 3) AS r(k) WHERE amount IS NOT NULL GROUP BY page, ws`,
  },
  {
    name: 'cumulate_window_named_arguments',
    inputs: ['clicks'],
    sink: cols('window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'cnt BIGINT', 'total INT'),
    sinkKind: 'append',
    sql: `SELECT window_start, window_end, COUNT(*), SUM(amount)
          FROM TABLE(CUMULATE(DATA => TABLE clicks, TIMECOL => DESCRIPTOR(ts), STEP => INTERVAL '10' MINUTES, SIZE => INTERVAL '1' HOUR))
          GROUP BY window_start, window_end`,
    duck: `SELECT ${bucket('ts', 3_600_000)} AS ws, ${plus(bucket('ts', 3_600_000), 'j * 600000')} AS we, COUNT(*), SUM(amount)
           FROM clicks CROSS JOIN range(1, 7) AS r(j)
           WHERE epoch_ms(ts) < floor(epoch_ms(ts) / 3600000)::BIGINT * 3600000 + j * 600000
           GROUP BY ws, we`,
  },
  {
    name: 'session_window_per_user',
    inputs: ['clicks'],
    sink: W,
    sinkKind: 'append',
    sql: `SELECT user_id, window_start, window_end, COUNT(*), SUM(amount), MAX(ts)
          FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '3' MINUTES))
          GROUP BY user_id, window_start, window_end`,
    // A row more than the gap after the previous one of its user starts a new session; a row
    // exactly the gap later touches the session and joins it (Flink's TimeWindow.intersects).
    duck: `WITH marked AS (
             SELECT *, CASE WHEN epoch_ms(ts) - epoch_ms(lag(ts) OVER (PARTITION BY user_id ORDER BY ts)) <= 180000 THEN 0 ELSE 1 END AS fresh FROM clicks),
           numbered AS (SELECT *, SUM(fresh) OVER (PARTITION BY user_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS sid FROM marked)
           SELECT user_id, MIN(ts), ${plus('MAX(ts)', 180_000)}, COUNT(*), SUM(amount), MAX(ts) FROM numbered GROUP BY user_id, sid`,
  },
  {
    name: 'tumble_window_over_interval_join',
    inputs: ['clicks', 'views'],
    sink: cols('window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'pairs BIGINT'),
    sinkKind: 'append',
    sql: `SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE (
            SELECT c.click_id, c.ts FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '5' MINUTE AND c.ts
          ), DESCRIPTOR(ts), INTERVAL '30' MINUTES)) GROUP BY window_start, window_end`,
    duck: `SELECT ${bucket('c.ts', 1_800_000)} AS ws, ${plus(bucket('c.ts', 1_800_000), 1_800_000)}, COUNT(*)
           FROM clicks c JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '5' MINUTE AND c.ts GROUP BY ws`,
  },
];

/** Legacy group windows: the same windows written in GROUP BY with their auxiliary functions. */
export const GROUP_WINDOW_CASES: DiffCase[] = [
  {
    name: 'legacy_tumble_group_window',
    inputs: ['clicks'],
    sink: W,
    sinkKind: 'append',
    sql: `SELECT user_id, TUMBLE_START(ts, INTERVAL '10' MINUTE), TUMBLE_END(ts, INTERVAL '10' MINUTE), COUNT(*), SUM(amount), MAX(ts)
          FROM clicks WHERE page <> '' GROUP BY TUMBLE(ts, INTERVAL '10' MINUTE), user_id`,
    duck: `SELECT user_id, ${bucket('ts', 600_000)} AS ws, ${plus(bucket('ts', 600_000), 600_000)}, COUNT(*), SUM(amount), MAX(ts)
           FROM clicks WHERE page <> '' GROUP BY user_id, ws`,
  },
  {
    name: 'legacy_hop_group_window_having',
    inputs: ['views'],
    sink: cols('page STRING', 'window_end TIMESTAMP(3)', 'cnt BIGINT'),
    sinkKind: 'append',
    sql: `SELECT page, HOP_END(ts, INTERVAL '10' MINUTE, INTERVAL '30' MINUTE), COUNT(*) FROM views
          GROUP BY page, HOP(ts, INTERVAL '10' MINUTE, INTERVAL '30' MINUTE) HAVING COUNT(*) > 1`,
    duck: `SELECT page, ${plus(bucket('ts', 600_000, 600_000, 'k'), 1_800_000)} AS we, COUNT(*)
           FROM views CROSS JOIN range(0, 3) AS r(k) GROUP BY page, we HAVING COUNT(*) > 1`,
  },
  {
    name: 'legacy_session_group_window',
    inputs: ['clicks'],
    sink: cols('user_id INT', 'window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'cnt BIGINT'),
    sinkKind: 'append',
    sql: `SELECT user_id, SESSION_START(ts, INTERVAL '5' MINUTE), SESSION_END(ts, INTERVAL '5' MINUTE), COUNT(*) FROM clicks GROUP BY user_id, SESSION(ts, INTERVAL '5' MINUTE)`,
    duck: `WITH marked AS (
             SELECT *, CASE WHEN epoch_ms(ts) - epoch_ms(lag(ts) OVER (PARTITION BY user_id ORDER BY ts)) <= 300000 THEN 0 ELSE 1 END AS fresh FROM clicks),
           numbered AS (SELECT *, SUM(fresh) OVER (PARTITION BY user_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS sid FROM marked)
           SELECT user_id, MIN(ts), ${plus('MAX(ts)', 300_000)}, COUNT(*) FROM numbered GROUP BY user_id, sid`,
  },
];

const sideCounts = (table: string) => `SELECT user_id, window_start, window_end, COUNT(*) AS cnt FROM TABLE(TUMBLE(TABLE ${table}, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) GROUP BY user_id, window_start, window_end`;
const duckCounts = (table: string) => `SELECT user_id, ${bucket('ts', 600_000)} AS ws, COUNT(*) AS cnt FROM ${table} GROUP BY user_id, ws`;

/** Window joins: two windowed inputs joined per window on window_start and window_end. */
export const WINDOW_JOIN_CASES: DiffCase[] = [
  {
    name: 'window_join_of_two_window_aggregates',
    inputs: ['clicks', 'views'],
    sink: cols('user_id INT', 'window_start TIMESTAMP(3)', 'clicks BIGINT', 'views BIGINT'),
    sinkKind: 'append',
    sql: `SELECT L.user_id, L.window_start, L.cnt, R.cnt FROM (${sideCounts('clicks')}) L JOIN (${sideCounts('views')}) R
          ON L.user_id = R.user_id AND L.window_start = R.window_start AND L.window_end = R.window_end`,
    duck: `SELECT L.user_id, L.ws, L.cnt, R.cnt FROM (${duckCounts('clicks')}) L JOIN (${duckCounts('views')}) R ON L.user_id = R.user_id AND L.ws = R.ws`,
  },
  {
    name: 'window_full_join_on_tvfs',
    inputs: ['clicks', 'views'],
    sink: cols('click_id BIGINT', 'view_id BIGINT', 'window_start TIMESTAMP(3)'),
    sinkKind: 'append',
    sql: `SELECT L.click_id, R.view_id, COALESCE(L.window_start, R.window_start) FROM
            (SELECT * FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) L
          FULL JOIN
            (SELECT * FROM TABLE(TUMBLE(TABLE views, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) R
          ON L.user_id = R.user_id AND L.page = R.page AND L.window_start = R.window_start AND L.window_end = R.window_end`,
    duck: `SELECT L.click_id, R.view_id, COALESCE(L.ws, R.ws) FROM
             (SELECT *, ${bucket('ts', 300_000)} AS ws FROM clicks) L
           FULL JOIN (SELECT *, ${bucket('ts', 300_000)} AS ws FROM views) R ON L.user_id = R.user_id AND L.page = R.page AND L.ws = R.ws`,
  },
];
