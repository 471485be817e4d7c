// The syntax tree of a Freshet Flink SQL script, as the parser produces it.
//
// Plain data only (it may be posted to a worker). Every node carries `span`, the exact range of
// the source text it was parsed from (end exclusive). Unions are discriminated by `kind`.
// The parser accepts a little more than Freshet runs (UNION, INTERSECT, EXCEPT, ORDER BY,
// LIMIT, subqueries in expressions, ...) so that the binder can reject them with a precise
// message instead of a generic syntax error.
import type { DataType, Diagnostic, Span } from '../types';

export type { DataType, Diagnostic, Span } from '../types';

// ---- names --------------------------------------------------------------------------------

/**
 * An identifier. Unquoted identifiers are case-insensitive: `name` is lower-cased. Backquoted
 * identifiers (`` `Order Id` ``) keep their case. `raw` is the text exactly as written,
 * backquotes included.
 */
export interface Ident {
  name: string;
  raw: string;
  quoted: boolean;
  span: Span;
}

/**
 * A possibly qualified object name such as `orders` or `catalog.db.orders`. `name` is the
 * normalized parts joined with '.', so an unqualified table name is just its identifier.
 */
export interface QualifiedName extends Ident {
  parts: Ident[];
}

// ---- hints --------------------------------------------------------------------------------

/** One argument of a hint: `'k'='v'` (key and value) or a bare `'v'` / `x` (value only). */
export interface HintArg {
  key?: string;
  value: string;
  span: Span;
}

/**
 * `/*+ NAME('k'='v', 'k2'='v2'), OTHER(x) *\/`: one Hint per name; a comment block may hold
 * several. `name` is upper-cased.
 */
export interface Hint {
  name: string;
  nameSpan: Span;
  args: HintArg[];
  span: Span;
}

// ---- statements ---------------------------------------------------------------------------

export type Statement =
  | SetStmt
  | ResetStmt
  | CreateTableStmt
  | CreateViewStmt
  | InsertStmt
  | StatementSetStmt
  | MergeStmt
  | QueryStmt;

/** `SET 'key' = 'value';` (unquoted keys and values are tolerated: `SET a.b = 10;`). */
export interface SetStmt {
  kind: 'Set';
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  span: Span;
}

/** `RESET 'key';` or `RESET;` (all keys). */
export interface ResetStmt {
  kind: 'Reset';
  key?: string;
  span: Span;
}

export interface TableOption {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  span: Span;
}

interface ColumnDefBase {
  kind: 'ColumnDef';
  name: Ident;
  /** `NOT NULL` was written. */
  notNull: boolean;
  /** Inline `PRIMARY KEY NOT ENFORCED`. */
  primaryKey: boolean;
  comment?: string;
  span: Span;
}

/** `amount DECIMAL(10, 2) NOT NULL COMMENT '...'`. `type.nullable` is false iff notNull. */
export interface PhysicalColumnDef extends ColumnDefBase {
  columnKind: 'physical';
  type: DataType;
  typeSpan: Span;
}

/** `proc_time AS PROCTIME()`: a computed column; its type comes from the expression. */
export interface ComputedColumnDef extends ColumnDefBase {
  columnKind: 'computed';
  expr: Expr;
}

/** `ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL`. */
export interface MetadataColumnDef extends ColumnDefBase {
  columnKind: 'metadata';
  type: DataType;
  typeSpan: Span;
  /** The `FROM 'key'` part; absent means the column name is the metadata key. */
  metadataKey?: string;
  virtual: boolean;
}

export type ColumnDef = PhysicalColumnDef | ComputedColumnDef | MetadataColumnDef;

/** Table-level `PRIMARY KEY (a, b) NOT ENFORCED`. */
export interface PrimaryKeyDef {
  columns: Ident[];
  span: Span;
}

/** `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`. */
export interface WatermarkDef {
  column: Ident;
  expr: Expr;
  span: Span;
}

export interface CreateTableStmt {
  kind: 'CreateTable';
  name: QualifiedName;
  /** `CREATE TEMPORARY TABLE`. */
  temporary: boolean;
  ifNotExists: boolean;
  columns: ColumnDef[];
  /** Table-level primary key; inline ones are on the column (`ColumnDef.primaryKey`). */
  primaryKey?: PrimaryKeyDef;
  watermark?: WatermarkDef;
  comment?: string;
  partitionedBy: Ident[];
  options: TableOption[];
  span: Span;
}

/** `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] v [(a, b)] AS query`. */
export interface CreateViewStmt {
  kind: 'CreateView';
  name: QualifiedName;
  temporary: boolean;
  ifNotExists: boolean;
  columns?: Ident[];
  query: Query;
  span: Span;
}

/** `INSERT INTO|OVERWRITE t [/*+ hints *\/] [(cols)] query`. */
export interface InsertStmt {
  kind: 'Insert';
  table: QualifiedName;
  /** Table hints written after the target name. */
  hints: Hint[];
  /** Static partition: `INSERT INTO t PARTITION (dt = '2024-01-01') SELECT ...`. */
  partition?: StaticPartitionValue[];
  columns?: Ident[];
  overwrite: boolean;
  source: Query;
  span: Span;
}

export interface StaticPartitionValue {
  column: Ident;
  value: Expr;
  span: Span;
}

/** `EXECUTE STATEMENT SET BEGIN insert; ... END;` or `BEGIN STATEMENT SET; insert; ... END;`. */
export interface StatementSetStmt {
  kind: 'StatementSet';
  inserts: InsertStmt[];
  span: Span;
}

/** `MERGE INTO target [AS t] USING source [AS s] ON cond WHEN ... THEN ...`. */
export interface MergeStmt {
  kind: 'Merge';
  target: TableRef;
  source: TableRef | SubqueryRef;
  on: Expr;
  clauses: MergeClause[];
  span: Span;
}

/** `WHEN [NOT] MATCHED [AND condition] THEN action`. */
export interface MergeClause {
  kind: 'MergeClause';
  matched: boolean;
  condition?: Expr;
  action: MergeAction;
  span: Span;
}

export interface MergeAssignment {
  column: Ident;
  value: Expr;
  span: Span;
}

/** Actions under `WHEN MATCHED`: UpdateSet, UpdateStar, Delete; under `WHEN NOT MATCHED`: InsertValues, InsertStar. */
export type MergeAction =
  | { kind: 'UpdateSet'; assignments: MergeAssignment[]; span: Span }
  | { kind: 'UpdateStar'; span: Span }
  | { kind: 'Delete'; span: Span }
  | { kind: 'InsertValues'; columns?: Ident[]; values: Expr[]; span: Span }
  | { kind: 'InsertStar'; span: Span };

/** A bare query used as a statement (`SELECT ...;`). */
export interface QueryStmt {
  kind: 'Query';
  query: Query;
  span: Span;
}

// ---- queries ------------------------------------------------------------------------------

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
  span: Span;
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

export type FromItem = TableRef | SubqueryRef | JoinItem;

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

// ---- expressions --------------------------------------------------------------------------

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

/** `x [NOT] LIKE pattern [ESCAPE 'c']`. */
export interface LikeExpr {
  kind: 'Like';
  expr: Expr;
  not: boolean;
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
  span: Span;
}

/** `OVER (PARTITION BY a ORDER BY ts DESC)`. Frames (ROWS/RANGE BETWEEN) are not parsed. */
export interface WindowSpec {
  partitionBy: Expr[];
  orderBy: OrderItem[];
  span: Span;
}

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

// ---- the result ---------------------------------------------------------------------------

export interface ParseResult {
  statements: Statement[];
  diagnostics: Diagnostic[];
}
