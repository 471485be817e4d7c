// Statements in the syntax tree: the Statement union, SET / RESET, statement sets, bare queries,
// and the parse result.
import type { Diagnostic, Span } from '../../types';
import type { CreateTableStmt, CreateViewStmt } from './ddl';
import type { CreateCatalogStmt, CreateDatabaseStmt, UseCatalogStmt, UseDatabaseStmt } from './catalog';
import type { InsertStmt, MergeStmt } from './dml';
import type { Query } from './query';

export type Statement =
  | SetStmt
  | ResetStmt
  | CreateTableStmt
  | CreateViewStmt
  | InsertStmt
  | StatementSetStmt
  | MergeStmt
  | QueryStmt
  | CreateCatalogStmt
  | CreateDatabaseStmt
  | UseCatalogStmt
  | UseDatabaseStmt;

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

/** `EXECUTE STATEMENT SET BEGIN insert; ... END;` or `BEGIN STATEMENT SET; insert; ... END;`. */
export interface StatementSetStmt {
  kind: 'StatementSet';
  inserts: InsertStmt[];
  span: Span;
}

/** A bare query used as a statement (`SELECT ...;`). */
export interface QueryStmt {
  kind: 'Query';
  query: Query;
  span: Span;
}

export interface ParseResult {
  statements: Statement[];
  diagnostics: Diagnostic[];
}
