// Queries in the syntax tree: SELECT, VALUES, WITH, set operations, and FROM items.
import type { Span } from '../../types';
import type { Expr, WindowSpec } from './expressions';
import type { Hint } from './hints';
import type { Ident, QualifiedName } from './names';

export type Query = SelectQuery | SetOpQuery | ValuesQuery | WithQuery;

export interface OrderItem {
  expr: Expr;
  descending: boolean;
  nullsFirst?: boolean;
  span: Span;
}

/** ORDER BY / LIMIT / OFFSET, parsed so the binder can decide what to do with them. */
interface QueryTail {
  /** Empty when there is no ORDER BY. */
  orderBy: OrderItem[];
  limit?: Expr;
  offset?: Expr;
}

export interface SelectQuery extends QueryTail {
  kind: 'Select';
  /** Hints right after the SELECT keyword: `SELECT /*+ STATE_TTL('o'='1d') *\/ ...`. */
  hints: Hint[];
  distinct: boolean;
  items: SelectItem[];
  from?: FromItem;
  where?: Expr;
  /** Empty when there is no GROUP BY. */
  groupBy: Expr[];
  having?: Expr;
  /** `QUALIFY ROW_NUMBER() OVER (...) <= N` (Flink 2.x): filters on the row number. */
  qualify?: Expr;
  /** `WINDOW w AS (PARTITION BY ... ORDER BY ...)`: windows OVER w names. */
  windows?: NamedWindow[];
  span: Span;
}

export interface NamedWindow {
  name: Ident;
  spec: WindowSpec;
}

export type SetOperator = 'UNION ALL' | 'UNION' | 'INTERSECT' | 'INTERSECT ALL' | 'EXCEPT' | 'EXCEPT ALL';

export interface SetOpQuery extends QueryTail {
  kind: 'SetOp';
  op: SetOperator;
  left: Query;
  right: Query;
  span: Span;
}

/** `VALUES (1, 'a'), (2, 'b')`. */
export interface ValuesQuery extends QueryTail {
  kind: 'Values';
  rows: Expr[][];
  span: Span;
}

export interface CommonTableExpr {
  name: Ident;
  columns?: Ident[];
  query: Query;
  span: Span;
}

/** `WITH a AS (...), b AS (...) body`. ORDER BY / LIMIT after the body belong to the body. */
export interface WithQuery {
  kind: 'With';
  ctes: CommonTableExpr[];
  body: Query;
  span: Span;
}

export type SelectItem = SelectExprItem | SelectStar;

export interface SelectExprItem {
  kind: 'SelectExpr';
  expr: Expr;
  /** `expr AS alias` or `expr alias`. */
  alias?: Ident;
  span: Span;
}

/** `*` or `t.*`. */
export interface SelectStar {
  kind: 'Star';
  qualifier?: Ident;
  span: Span;
}

// ---- FROM ---------------------------------------------------------------------------------

export type FromItem = TableRef | SubqueryRef | JoinItem | WindowTvfRef | ChangelogTvfRef;

export type WindowTvfName = 'TUMBLE' | 'HOP' | 'CUMULATE' | 'SESSION';

/**
 * A windowing table function in FROM: `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))`
 * or, as Flink 2.x also accepts, without the `TABLE(...)` wrapper. Arguments may be named
 * (`DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => ...`); `args` holds them in position order.
 */
export interface WindowTvfRef {
  kind: 'WindowTvf';
  fn: WindowTvfName;
  /** The data argument: `TABLE name` (a table, view or WITH query) or `(query)`. */
  input: TableRef | SubqueryRef;
  /** `TABLE t PARTITION BY k` (SESSION). */
  partitionBy: Ident[];
  /** The column inside DESCRIPTOR(...). */
  timeCol: Ident;
  /** The interval arguments after DESCRIPTOR, in Flink's parameter order (size / slide, size / step, size / gap, [offset]). */
  args: Expr[];
  alias?: Ident;
  span: Span;
}

/**
 * Flink 2.3's built-in process table function `TO_CHANGELOG(input => TABLE t PARTITION BY k
 * [, op => DESCRIPTOR(name)] [, op_mapping => MAP['INSERT', 'I', ...]])`: an updating table as an
 * append-only stream with an operation-code column.
 */
export interface ChangelogTvfRef {
  kind: 'ChangelogTvf';
  fn: 'TO_CHANGELOG';
  input: TableRef | SubqueryRef;
  partitionBy: Ident[];
  /** The column inside `op => DESCRIPTOR(...)`, null for the default `op`. */
  opColumn: Ident | null;
  /** `op_mapping => MAP[...]` as written (RowKind name, code) pairs, null for the default names. */
  opMapping: { rowKind: string; code: string; span: Span }[] | null;
  alias?: Ident;
  span: Span;
}

export interface TableRef {
  kind: 'TableRef';
  name: QualifiedName;
  /** Table hints written after the name: `orders /*+ OPTIONS('k'='v') *\/`. */
  hints: Hint[];
  /** `FOR SYSTEM_TIME AS OF o.proc_time` (temporal / lookup join). */
  forSystemTimeAsOf?: Expr;
  alias?: Ident;
  span: Span;
}

export interface SubqueryRef {
  kind: 'SubqueryRef';
  query: Query;
  alias?: Ident;
  /** `(...) AS t (a, b)`. */
  columnAliases?: Ident[];
  span: Span;
}

/** Comma joins (`FROM a, b`) are CROSS joins without `on`. */
export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';

export interface JoinItem {
  kind: 'Join';
  joinType: JoinType;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  /** `USING (a, b)`. */
  using?: Ident[];
  span: Span;
}
