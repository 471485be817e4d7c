// Catalog statements: CREATE CATALOG and CREATE DATABASE (dispatched from CREATE in ddl.ts), USE
// CATALOG and USE [catalog.]db, as Flink's SQL client takes them.
import type * as A from '../ast';
import type { Token } from '../lexer';
import { DdlParser } from './ddl';

export abstract class CatalogParser extends DdlParser {
  protected parseCreateCatalog(create: Token): A.CreateCatalogStmt {
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseIdent('a catalog name');
    const stmt: A.CreateCatalogStmt = { kind: 'CreateCatalog', name, ifNotExists, options: [], span: this.span(create.start) };
    if (this.acceptWord('COMMENT')) stmt.comment = this.expectString('a comment');
    this.expectWord('WITH', ` after CREATE CATALOG ${name.raw}: a catalog needs WITH ('type' = '...')`);
    stmt.options = this.parseOptions();
    stmt.span = this.span(create.start);
    return stmt;
  }

  protected parseCreateDatabase(create: Token): A.CreateDatabaseStmt {
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName('a database name');
    const stmt: A.CreateDatabaseStmt = { kind: 'CreateDatabase', name, ifNotExists, options: [], span: this.span(create.start) };
    if (this.acceptWord('COMMENT')) stmt.comment = this.expectString('a comment');
    if (this.acceptWord('WITH')) stmt.options = this.parseOptions();
    stmt.span = this.span(create.start);
    return stmt;
  }

  protected parseUse(): A.UseCatalogStmt | A.UseDatabaseStmt {
    const use = this.next();
    // `USE CATALOG x`; a database named `catalog` is written `USE \`catalog\``.
    if (this.isWord('CATALOG') && this.peek(1).kind !== 'eof' && !this.isPunct(';', 1)) {
      this.next();
      const name = this.parseIdent('a catalog name');
      return { kind: 'UseCatalog', name, span: this.span(use.start) };
    }
    if (this.isWord('MODULES')) this.fail('USE MODULES is not supported by Freshet');
    const name = this.parseQualifiedName('a database name after USE');
    return { kind: 'UseDatabase', name, span: this.span(use.start) };
  }
}
