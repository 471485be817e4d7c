// The syntax tree of a Freshet Flink SQL script, as the parser produces it.
//
// Plain data only (it may be posted to a worker). Every node carries `span`, the exact range of
// the source text it was parsed from (end exclusive). Unions are discriminated by `kind`.
// The parser accepts a little more than Freshet runs (UNION, INTERSECT, EXCEPT, ORDER BY,
// LIMIT, subqueries in expressions, ...) so that the binder can reject them with a precise
// message instead of a generic syntax error.
//
// One file per grammar area, as the parser is split (sql/parser/): names, hints, statements,
// ddl (CREATE TABLE / VIEW), dml (INSERT, MERGE), query (SELECT ... FROM ...), expressions.
// Import from here (`sql/ast`), not from the area files.
export type { DataType, Diagnostic, Span } from '../../types';
export type * from './names';
export type * from './hints';
export type * from './statements';
export type * from './ddl';
export type * from './catalog';
export type * from './dml';
export type * from './query';
export type * from './expressions';
