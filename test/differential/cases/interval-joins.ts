// Interval joins on rowtime attributes: the BETWEEN form, the `<`/`<=`/`>`/`>=` pairs, an
// equality on time, outer joins (padded when a row expires unmatched) and a join without an
// equality key. Inputs come in time order within the watermark delay, so no row is late and the
// bounded run equals the batch join DuckDB computes with the same condition.
import { cols, type DiffCase } from '../harness';

const CV = cols('click_id BIGINT', 'view_id BIGINT', 'user_id INT', 'click_ts TIMESTAMP(3)', 'view_ts TIMESTAMP(3)');
const SELECT = `SELECT c.click_id, v.view_id, c.user_id, c.ts, v.ts FROM clicks c`;

export const INTERVAL_JOIN_CASES: DiffCase[] = [
  {
    name: 'interval_join_between',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '10' MINUTE AND c.ts`,
  },
  {
    name: 'interval_join_strict_bounds',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} JOIN views v ON c.user_id = v.user_id AND v.ts > c.ts - INTERVAL '5' MINUTE AND v.ts < c.ts + INTERVAL '2' MINUTE`,
  },
  {
    name: 'interval_join_bounds_in_where',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT}, views v WHERE c.user_id = v.user_id AND c.ts >= v.ts AND c.ts <= v.ts + INTERVAL '15' MINUTE AND c.page = v.page`,
  },
  {
    name: 'interval_join_left_outer',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} LEFT JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '3' MINUTE AND c.ts + INTERVAL '1' MINUTE`,
  },
  {
    name: 'interval_join_right_outer_residual',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} RIGHT JOIN views v ON c.user_id = v.user_id AND c.ts BETWEEN v.ts AND v.ts + INTERVAL '4' MINUTE AND c.amount > 10`,
  },
  {
    name: 'interval_join_full_outer',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} FULL JOIN views v ON c.user_id = v.user_id AND v.ts BETWEEN c.ts - INTERVAL '2' MINUTE AND c.ts + INTERVAL '2' MINUTE`,
  },
  {
    name: 'interval_join_no_equality_key',
    inputs: ['clicks', 'views'],
    sink: CV,
    sinkKind: 'append',
    sql: `${SELECT} JOIN views v ON v.ts BETWEEN c.ts - INTERVAL '30' SECOND AND c.ts AND c.page = v.page`,
  },
];
