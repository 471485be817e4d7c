// CREATE TABLE (columns: physical, computed, metadata; PRIMARY KEY ... NOT ENFORCED; WATERMARK;
// COMMENT, PARTITIONED BY and WITH options) and CREATE VIEW.
import type { Pos } from '../../types';
import type * as A from '../ast';
import type { Token } from '../lexer';
import { describe, tokSpan } from './cursor';
import { QueryParser } from './query';

export abstract class DdlParser extends QueryParser {
  protected abstract parseCreateCatalog(create: Token): A.CreateCatalogStmt;
  protected abstract parseCreateDatabase(create: Token): A.CreateDatabaseStmt;

  protected parseCreate(): A.CreateTableStmt | A.CreateViewStmt | A.CreateCatalogStmt | A.CreateDatabaseStmt {
    const create = this.next();
    const temporary = !!this.acceptWord('TEMPORARY');
    if (this.acceptWord('TABLE')) return this.parseCreateTable(create, temporary);
    if (this.acceptWord('VIEW')) return this.parseCreateView(create, temporary);
    if (!temporary && this.acceptWord('CATALOG')) return this.parseCreateCatalog(create);
    if (!temporary && this.acceptWord('DATABASE')) return this.parseCreateDatabase(create);
    const t = this.peek();
    if (t.kind === 'word' && ['FUNCTION', 'SYSTEM'].includes(t.value)) {
      this.fail(`CREATE ${t.value} is not supported by Freshet; declare tables with CREATE TABLE ... WITH (...)`);
    }
    return this.fail(`expected TABLE or VIEW after CREATE, found ${describe(t)}`);
  }

  protected parseIfNotExists(): boolean {
    if (!this.acceptWord('IF')) return false;
    this.expectWord('NOT', ' in IF NOT EXISTS');
    this.expectWord('EXISTS', ' in IF NOT EXISTS');
    return true;
  }

  private parseCreateTable(create: Token, temporary: boolean): A.CreateTableStmt {
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName('a table name');
    const stmt: A.CreateTableStmt = {
      kind: 'CreateTable',
      name,
      temporary,
      ifNotExists,
      columns: [],
      partitionedBy: [],
      options: [],
      span: tokSpan(create),
    };
    // Flink's column list is optional, for a table that takes its columns from LIKE.
    const listOmitted = ['WITH', 'LIKE', 'COMMENT', 'PARTITIONED'].some((w) => this.isWord(w));
    const open = listOmitted ? null : this.expectPunct('(', ` to start the column list of table ${name.raw}`);
    for (; open; ) {
      if (this.isPunct(')')) {
        // `()` or a trailing comma
        this.report(
          stmt.columns.length === 0 ? `table ${name.raw} needs at least one column` : 'remove the trailing comma before )',
          tokSpan(this.peek()),
        );
        break;
      }
      this.parseTableElement(stmt);
      if (this.acceptPunct(',')) continue;
      break;
    }
    if (open) this.expectClose(open, 'column list');
    const seen = new Set<string>();
    const once = (clause: string, t: Token): void => {
      if (seen.has(clause)) this.report(`${clause} is given twice`, tokSpan(t));
      seen.add(clause);
    };
    for (;;) {
      const t = this.peek();
      if (this.acceptWord('COMMENT')) {
        once('COMMENT', t);
        stmt.comment = this.expectString('a comment');
      } else if (this.acceptWord('PARTITIONED')) {
        once('PARTITIONED BY', t);
        this.expectWord('BY', ' after PARTITIONED');
        stmt.partitionedBy = this.parseIdentList('a column name', ' after PARTITIONED BY').idents;
      } else if (this.acceptWord('WITH')) {
        once('WITH', t);
        stmt.options = this.parseOptions();
      } else if (this.acceptWord('LIKE')) {
        once('LIKE', t);
        stmt.like = this.parseLikeClause(t);
      } else {
        break;
      }
    }
    stmt.span = this.span(create.start);
    if (!open && !stmt.like) this.report(`table ${name.raw} needs a column list (or LIKE another table)`, name.span);
    return stmt;
  }

  /** `LIKE source [( {INCLUDING | EXCLUDING | OVERWRITING} feature, ... )]`, after LIKE. */
  private parseLikeClause(like: Token): A.TableLike {
    const source = this.parseQualifiedName('the source table of LIKE');
    const clause: A.TableLike = { source, options: [], span: tokSpan(like) };
    const open = this.acceptPunct('(');
    if (open) {
      // Flink writes the options one after the other (`EXCLUDING ALL INCLUDING GENERATED`); commas are tolerated.
      do {
        this.acceptPunct(',');
        const t = this.peek();
        if (!['INCLUDING', 'EXCLUDING', 'OVERWRITING'].includes(t.kind === 'word' ? t.value : '')) {
          this.fail(`expected INCLUDING, EXCLUDING or OVERWRITING in the LIKE options, found ${describe(t)}`);
        }
        this.next();
        const f = this.peek();
        const features = ['ALL', 'CONSTRAINTS', 'GENERATED', 'METADATA', 'OPTIONS', 'PARTITIONS', 'WATERMARKS'];
        if (!features.includes(f.kind === 'word' ? f.value : '')) this.fail(`expected ${features.join(', ')} after ${t.value}, found ${describe(f)}`);
        this.next();
        clause.options.push({ strategy: t.value as A.LikeStrategy, feature: f.value as A.LikeFeature, span: this.span(t.start) });
      } while (!this.isPunct(')') && this.peek().kind !== 'eof');
      this.expectClose(open, 'LIKE options');
    }
    clause.span = this.span(like.start);
    return clause;
  }

  protected expectString(what: string): string {
    const t = this.peek();
    if (t.kind !== 'string') this.fail(`expected ${what} in single quotes, found ${describe(t)}`);
    this.next();
    return t.value;
  }

  protected parseOptions(): A.TableOption[] {
    const open = this.expectPunct('(', ' after WITH');
    const options: A.TableOption[] = [];
    if (!this.isPunct(')')) {
      do {
        if (this.isPunct(')')) break; // trailing comma: tolerated
        const k = this.peek();
        if (k.kind !== 'string') {
          this.fail(
            k.kind === 'word'
              ? `option keys are quoted in Flink: write '${k.text}' = '...'`
              : `expected an option such as 'connector' = 'kafka', found ${describe(k)}`,
          );
        }
        this.next();
        this.expectPunct('=', ` after option '${k.value}'`);
        const v = this.peek();
        if (v.kind !== 'string') {
          this.fail(
            v.kind === 'number' || v.kind === 'word'
              ? `option values are quoted in Flink: write '${k.value}' = '${v.text}'`
              : `expected a quoted value for option '${k.value}', found ${describe(v)}`,
          );
        }
        this.next();
        options.push({ key: k.value, value: v.value, keySpan: tokSpan(k), valueSpan: tokSpan(v), span: { start: k.start, end: v.end } });
      } while (this.acceptPunct(','));
    }
    this.expectClose(open, 'WITH options');
    return options;
  }

  private parseTableElement(stmt: A.CreateTableStmt): void {
    const t = this.peek();
    if ((this.isWord('PRIMARY') && this.isWord('KEY', 1)) || (this.isWord('CONSTRAINT') && this.peek(2).value === 'PRIMARY')) {
      const start = t.start;
      if (this.acceptWord('CONSTRAINT')) this.parseIdent('a constraint name');
      this.next();
      this.next();
      const { idents } = this.parseIdentList('a column name', ' after PRIMARY KEY');
      this.parseNotEnforced(start);
      if (stmt.primaryKey) this.report('a table has at most one PRIMARY KEY', this.span(start));
      stmt.primaryKey = { columns: idents, span: this.span(start) };
      return;
    }
    if (this.isWord('WATERMARK') && this.isWord('FOR', 1)) {
      const start = this.next().start;
      this.next();
      const column = this.parseIdent('the event-time column after WATERMARK FOR', true);
      this.expectWord('AS', ` after WATERMARK FOR ${column.raw}`);
      const expr = this.parseExpr();
      if (stmt.watermark) this.report('a table has at most one WATERMARK', this.span(start));
      stmt.watermark = { column, expr, span: this.span(start) };
      return;
    }
    if (this.isWord('PERIOD') && this.isWord('FOR', 1)) this.fail('PERIOD FOR is not supported by Freshet');
    stmt.columns.push(this.parseColumnDef());
  }

  /** After PRIMARY KEY [(cols)]: NOT ENFORCED is required; its absence is reported, not fatal. */
  private parseNotEnforced(start: Pos): void {
    if (this.isWord('NOT') && this.isWord('ENFORCED', 1)) {
      this.next();
      this.next();
      return;
    }
    if (this.isWord('ENFORCED')) this.next();
    this.report(
      'Flink requires NOT ENFORCED after PRIMARY KEY (it does not check keys): write PRIMARY KEY (...) NOT ENFORCED',
      this.span(start),
    );
  }

  private parseColumnDef(): A.ColumnDef {
    const name = this.parseIdent('a column name', true);
    const start = name.span.start;
    const base = { kind: 'ColumnDef' as const, name, notNull: false, primaryKey: false };
    if (this.acceptWord('AS')) {
      const expr = this.parseExpr();
      const col: A.ComputedColumnDef = { ...base, columnKind: 'computed', expr, span: name.span };
      if (this.acceptWord('COMMENT')) col.comment = this.expectString('a comment');
      col.span = this.span(start);
      return col;
    }
    const { type, span: typeSpan } = this.parseDataType();
    let notNull = false;
    let primaryKey = false;
    let comment: string | undefined;
    let metadata: { key?: string; virtual: boolean } | undefined;
    for (;;) {
      const t = this.peek();
      if (this.isWord('NOT') && this.isWord('NULL', 1)) {
        this.next();
        this.next();
        notNull = true;
      } else if (this.acceptWord('NULL')) {
        notNull = false;
      } else if (this.isWord('PRIMARY') || this.isWord('CONSTRAINT')) {
        if (this.acceptWord('CONSTRAINT')) this.parseIdent('a constraint name');
        this.expectWord('PRIMARY');
        this.expectWord('KEY', ' after PRIMARY');
        this.parseNotEnforced(t.start);
        primaryKey = true;
      } else if (this.acceptWord('COMMENT')) {
        comment = this.expectString('a comment');
      } else if (this.acceptWord('METADATA')) {
        metadata = { virtual: false };
        if (this.acceptWord('FROM')) metadata.key = this.expectString('a metadata key');
        if (this.acceptWord('VIRTUAL')) metadata.virtual = true;
      } else if (metadata && this.acceptWord('VIRTUAL')) {
        metadata.virtual = true;
      } else {
        break;
      }
    }
    if (primaryKey) notNull = true; // Flink makes primary key columns NOT NULL
    const common = { ...base, notNull, primaryKey, type: { ...type, nullable: !notNull }, typeSpan, span: this.span(start) };
    const col: A.ColumnDef = metadata
      ? { ...common, columnKind: 'metadata', virtual: metadata.virtual, ...(metadata.key !== undefined ? { metadataKey: metadata.key } : {}) }
      : { ...common, columnKind: 'physical' };
    if (comment !== undefined) col.comment = comment;
    return col;
  }

  private parseCreateView(create: Token, temporary: boolean): A.CreateViewStmt {
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName('a view name');
    let columns: A.Ident[] | undefined;
    if (this.isPunct('(')) columns = this.parseIdentList('a column name', '').idents;
    this.expectWord('AS', ` after the view name ${name.raw}`);
    const query = this.parseQuery();
    const stmt: A.CreateViewStmt = { kind: 'CreateView', name, temporary, ifNotExists, query, span: this.span(create.start) };
    if (columns) stmt.columns = columns;
    return stmt;
  }
}
