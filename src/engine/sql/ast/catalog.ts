// Catalog statements in the syntax tree: CREATE CATALOG, CREATE DATABASE, USE CATALOG, USE.
import type { Span } from '../../types';
import type { TableOption } from './ddl';
import type { Ident, QualifiedName } from './names';

/** `CREATE CATALOG [IF NOT EXISTS] lake [COMMENT '...'] WITH ('type' = 'iceberg', ...)`. */
export interface CreateCatalogStmt {
  kind: 'CreateCatalog';
  name: Ident;
  ifNotExists: boolean;
  comment?: string;
  options: TableOption[];
  span: Span;
}

/** `CREATE DATABASE [IF NOT EXISTS] [catalog.]db [COMMENT '...'] [WITH (...)]`. */
export interface CreateDatabaseStmt {
  kind: 'CreateDatabase';
  name: QualifiedName;
  ifNotExists: boolean;
  comment?: string;
  options: TableOption[];
  span: Span;
}

/** `USE CATALOG lake`. */
export interface UseCatalogStmt {
  kind: 'UseCatalog';
  name: Ident;
  span: Span;
}

/** `USE [catalog.]db`: the current database (and catalog). */
export interface UseDatabaseStmt {
  kind: 'UseDatabase';
  name: QualifiedName;
  span: Span;
}
