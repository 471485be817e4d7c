// Expressions in the syntax tree: column references, literals, operators and predicates, CASE,
// CAST, function calls with their windows, and the time functions.
import type { DataType, Span } from '../../types';
import type { Ident } from './names';
import type { OrderItem, Query } from './query';

export type Expr =
  | ColumnRef
  | Literal
  | UnaryExpr
  | BinaryExpr
  | IsNullExpr
  | IsTruthExpr
  | IsDistinctFromExpr
  | InListExpr
  | InSubqueryExpr
  | BetweenExpr
  | LikeExpr
  | CaseExpr
  | CastExpr
  | FunctionCall
  | ExtractExpr
  | FloorCeilToExpr
  | TimestampArithExpr
  | SubqueryExpr
  | ExistsExpr;

/** `col` or `t.col`. */
export interface ColumnRef {
  kind: 'ColumnRef';
  qualifier?: Ident;
  name: Ident;
  span: Span;
}

/** Units of INTERVAL literals, EXTRACT, FLOOR/CEIL ... TO, TIMESTAMPADD/TIMESTAMPDIFF. Plural spellings (`MINUTES`) are normalized. */
export type TimeUnit = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

export type Literal =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | IntervalLiteral
  | TimestampLiteral
  | DateLiteral;

/**
 * `42`, `3.14`, `1e3`. `raw` keeps the text; `numberKind` says how it was written. A negative
 * number is a Unary '-' over a literal.
 */
export interface NumberLiteral {
  kind: 'Literal';
  type: 'number';
  value: number;
  raw: string;
  /** integer: `42`; decimal: `3.14`; approx: `1e3`. */
  numberKind: 'integer' | 'decimal' | 'approx';
  span: Span;
}

/** `'it''s'`: value is the unescaped text. */
export interface StringLiteral {
  kind: 'Literal';
  type: 'string';
  value: string;
  raw: string;
  span: Span;
}

export interface BooleanLiteral {
  kind: 'Literal';
  type: 'boolean';
  value: boolean;
  raw: string;
  span: Span;
}

export interface NullLiteral {
  kind: 'Literal';
  type: 'null';
  value: null;
  raw: string;
  span: Span;
}

/**
 * `INTERVAL '5' SECOND`, `INTERVAL '10' MINUTES`, `INTERVAL '1 12:00' DAY TO MINUTE`,
 * `INTERVAL '-1' HOUR`. `value` is the quoted text as written; `unit`/`toUnit` the units.
 */
export interface IntervalLiteral {
  kind: 'Literal';
  type: 'interval';
  value: string;
  raw: string;
  unit: TimeUnit;
  toUnit?: TimeUnit;
  span: Span;
}

/** `TIMESTAMP '2024-01-01 00:00:00'`: value is the quoted text. */
export interface TimestampLiteral {
  kind: 'Literal';
  type: 'timestamp';
  value: string;
  raw: string;
  span: Span;
}

/** `DATE '2024-01-01'`: value is the quoted text. */
export interface DateLiteral {
  kind: 'Literal';
  type: 'date';
  value: string;
  raw: string;
  span: Span;
}

export type UnaryOp = '-' | '+' | 'NOT';

export interface UnaryExpr {
  kind: 'Unary';
  op: UnaryOp;
  operand: Expr;
  span: Span;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||'
  | '='
  | '<>'
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'AND'
  | 'OR';

export interface BinaryExpr {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

/** `x IS [NOT] NULL`. */
export interface IsNullExpr {
  kind: 'IsNull';
  expr: Expr;
  not: boolean;
  span: Span;
}

/** `x IS [NOT] TRUE|FALSE|UNKNOWN` (value null means UNKNOWN). */
export interface IsTruthExpr {
  kind: 'IsTruth';
  expr: Expr;
  not: boolean;
  value: boolean | null;
  span: Span;
}

/** `a IS [NOT] DISTINCT FROM b`. */
export interface IsDistinctFromExpr {
  kind: 'IsDistinctFrom';
  left: Expr;
  right: Expr;
  not: boolean;
  span: Span;
}

/** `x [NOT] IN (a, b, c)`. */
export interface InListExpr {
  kind: 'InList';
  expr: Expr;
  not: boolean;
  list: Expr[];
  span: Span;
}

/** `x [NOT] IN (SELECT ...)`: parsed so the binder can reject it. */
export interface InSubqueryExpr {
  kind: 'InSubquery';
  expr: Expr;
  not: boolean;
  query: Query;
  span: Span;
}

/** `x [NOT] BETWEEN [SYMMETRIC|ASYMMETRIC] low AND high`. */
export interface BetweenExpr {
  kind: 'Between';
  expr: Expr;
  not: boolean;
  symmetric: boolean;
  low: Expr;
  high: Expr;
  span: Span;
}

/** `x [NOT] LIKE pattern [ESCAPE 'c']`, or `x [NOT] SIMILAR TO pattern [ESCAPE 'c']` when `similar`. */
export interface LikeExpr {
  kind: 'Like';
  expr: Expr;
  not: boolean;
  similar?: boolean;
  pattern: Expr;
  escape?: Expr;
  span: Span;
}

export interface WhenClause {
  when: Expr;
  then: Expr;
  span: Span;
}

/** `CASE [operand] WHEN .. THEN .. [ELSE ..] END`. */
export interface CaseExpr {
  kind: 'Case';
  operand?: Expr;
  whens: WhenClause[];
  else?: Expr;
  span: Span;
}

/** `CAST(x AS type)`; `TRY_CAST(...)` has safe = true. */
export interface CastExpr {
  kind: 'Cast';
  expr: Expr;
  type: DataType;
  typeSpan: Span;
  safe: boolean;
  span: Span;
}

/**
 * `f(a, b)`, `COUNT(*)`, `COUNT(DISTINCT x)`, `SUM(x) FILTER (WHERE cond)`, and the niladic
 * `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `LOCALTIMESTAMP`, ... (written without parentheses,
 * args empty). `name` is upper-cased (qualified names keep their dots).
 */
export interface FunctionCall {
  kind: 'FunctionCall';
  name: string;
  nameSpan: Span;
  args: Expr[];
  distinct: boolean;
  /** `COUNT(*)`. */
  star: boolean;
  filter?: Expr;
  /** `OVER (PARTITION BY .. ORDER BY ..)`, e.g. ROW_NUMBER() for Flink's deduplication / Top-N. */
  over?: WindowSpec;
  /** JSON_VALUE / JSON_QUERY / JSON_EXISTS: the clauses after (json, path). */
  json?: JsonClauses;
  span: Span;
}

/** What a SQL/JSON function returns when the path finds nothing (ON EMPTY) or fails (ON ERROR). */
export interface JsonBehavior {
  kind: 'NULL' | 'ERROR' | 'DEFAULT' | 'EMPTY ARRAY' | 'EMPTY OBJECT' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  value?: Expr;
}

export interface JsonClauses {
  returning?: { type: DataType; span: Span };
  /** JSON_QUERY's array wrapper. */
  wrapper?: 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL';
  onEmpty?: JsonBehavior;
  onError?: JsonBehavior;
}

/**
 * `OVER (PARTITION BY a ORDER BY ts [ROWS | RANGE BETWEEN ... AND CURRENT ROW])`, or `OVER w` /
 * `OVER (w ...)` naming a window of the SELECT's WINDOW clause (`ref`).
 */
export interface WindowSpec {
  ref?: Ident;
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: WindowFrame;
  span: Span;
}

/** `ROWS BETWEEN 2 PRECEDING AND CURRENT ROW`, `RANGE INTERVAL '1' HOUR PRECEDING` (upper bound CURRENT ROW). */
export interface WindowFrame {
  unit: 'ROWS' | 'RANGE';
  lower: FrameBound;
  upper: FrameBound;
  span: Span;
}

export type FrameBound =
  | { kind: 'UNBOUNDED PRECEDING' | 'CURRENT ROW' | 'UNBOUNDED FOLLOWING'; span: Span }
  | { kind: 'PRECEDING' | 'FOLLOWING'; offset: Expr; span: Span };

/**
 * Fields of `EXTRACT(field FROM x)`: the time units plus Flink's (Calcite's) DOW (Sunday = 1 ..
 * Saturday = 7), ISODOW (Monday = 1 .. Sunday = 7), DOY, ISOYEAR, EPOCH (seconds since
 * 1970-01-01), DECADE, CENTURY and MILLENNIUM.
 */
export type ExtractField = TimeUnit | 'DOW' | 'ISODOW' | 'DOY' | 'ISOYEAR' | 'EPOCH' | 'DECADE' | 'CENTURY' | 'MILLENNIUM';

/** `EXTRACT(HOUR FROM ts)`, `EXTRACT(DOW FROM d)`. */
export interface ExtractExpr {
  kind: 'Extract';
  field: ExtractField;
  expr: Expr;
  span: Span;
}

/** `FLOOR(ts TO HOUR)`, `CEIL(ts TO DAY)`. Plain `FLOOR(x)` is a FunctionCall. */
export interface FloorCeilToExpr {
  kind: 'FloorCeilTo';
  fn: 'FLOOR' | 'CEIL';
  expr: Expr;
  unit: TimeUnit;
  span: Span;
}

/**
 * `TIMESTAMPDIFF(unit, a, b)` (b - a in units) and `TIMESTAMPADD(unit, a, b)` (a units added
 * to timestamp b), as in Flink.
 */
export interface TimestampArithExpr {
  kind: 'TimestampDiff' | 'TimestampAdd';
  unit: TimeUnit;
  a: Expr;
  b: Expr;
  span: Span;
}

/** A scalar subquery `(SELECT ...)`: parsed so the binder can reject it. */
export interface SubqueryExpr {
  kind: 'Subquery';
  query: Query;
  span: Span;
}

/** `[NOT] EXISTS (SELECT ...)`: `NOT EXISTS` is a Unary NOT over this. */
export interface ExistsExpr {
  kind: 'Exists';
  query: Query;
  span: Span;
}
