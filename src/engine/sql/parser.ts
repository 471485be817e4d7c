// Hand-written recursive-descent parser for the Freshet Flink SQL dialect.
//
// One pass over the token array. A syntax error abandons the current statement (ParseError),
// is reported, and the parser skips to the next `;` at parenthesis depth 0 or to a statement
// keyword at the start of a line, so one run reports several errors and keeps every statement
// that did parse. Some mistakes (missing NOT ENFORCED, a misplaced MERGE action, a bad hint)
// are reported without abandoning the statement.
import type { DataType, Diagnostic, Pos, Span, TypeName } from '../types';
import type * as A from './ast';
import { ParseError, formatPos, parseDiagnostic, suggest } from './diagnostics';
import { lex, type Token } from './lexer';

/** Words that cannot be used unquoted as names or bare aliases (quote them: `from`). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'ALL', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CREATE', 'CROSS', 'DISTINCT', 'ELSE', 'END',
  'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INNER',
  'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MERGE',
  'MINUS', 'NATURAL', 'NOT', 'NULL', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'RIGHT',
  'SELECT', 'SET', 'TABLE', 'THEN', 'TRUE', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE',
  'WINDOW', 'WITH',
]);

/** Statement keywords that resynchronize the parser after an error (at the start of a line). */
const SYNC_WORDS = new Set([
  'SET', 'RESET', 'CREATE', 'INSERT', 'EXECUTE', 'BEGIN', 'MERGE', 'DROP', 'ALTER', 'USE',
  'SHOW', 'DESCRIBE', 'EXPLAIN',
]);

const STATEMENT_WORDS = ['SET', 'RESET', 'CREATE', 'INSERT', 'EXECUTE', 'BEGIN', 'MERGE', 'SELECT', 'WITH', 'VALUES'];

const UNSUPPORTED_STATEMENTS = new Set([
  'DROP', 'ALTER', 'USE', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'LOAD', 'UNLOAD', 'ADD',
  'REMOVE', 'ANALYZE', 'TRUNCATE', 'CALL',
]);

const NILADIC_FUNCTIONS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME']);

const MAX_DEPTH = 200;

const COMPARISON_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

const TIME_UNITS: Record<string, A.TimeUnit> = {
  YEAR: 'YEAR', YEARS: 'YEAR', QUARTER: 'QUARTER', QUARTERS: 'QUARTER', MONTH: 'MONTH',
  MONTHS: 'MONTH', WEEK: 'WEEK', WEEKS: 'WEEK', DAY: 'DAY', DAYS: 'DAY', HOUR: 'HOUR',
  HOURS: 'HOUR', MINUTE: 'MINUTE', MINUTES: 'MINUTE', SECOND: 'SECOND', SECONDS: 'SECOND',
  MILLISECOND: 'MILLISECOND', MILLISECONDS: 'MILLISECOND',
};

/** TRIM(mode ... FROM s) as the function it amounts to. */
const TRIM_MODES: Record<string, string> = { BOTH: 'TRIM', LEADING: 'LTRIM', TRAILING: 'RTRIM' };

/** EXTRACT fields beyond the time units (Flink's TimeUnitRange). */
const EXTRACT_ONLY_FIELDS: Record<string, A.ExtractField> = {
  DOW: 'DOW', ISODOW: 'ISODOW', DOY: 'DOY', ISOYEAR: 'ISOYEAR', EPOCH: 'EPOCH', DECADE: 'DECADE',
  CENTURY: 'CENTURY', MILLENNIUM: 'MILLENNIUM',
};

/** Type names the parser knows, for "did you mean" suggestions. */
const TYPE_WORDS = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL',
  'NUMERIC', 'STRING', 'VARCHAR', 'CHAR', 'DATE', 'TIMESTAMP', 'TIMESTAMP_LTZ',
];
const UNSUPPORTED_TYPES = new Set([
  'TIME', 'BYTES', 'BINARY', 'VARBINARY', 'ARRAY', 'MAP', 'MULTISET', 'ROW', 'RAW', 'INTERVAL',
  'TIMESTAMP_TZ', 'VARIANT', 'STRUCTURED',
]);

function spanBetween(a: { span: Span }, b: { span: Span }): Span {
  return { start: a.span.start, end: b.span.end };
}

function tokSpan(t: Token): Span {
  return { start: t.start, end: t.end };
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of script';
    case 'string': {
      const v = t.value.length > 20 ? t.value.slice(0, 20) + '...' : t.value;
      return `string '${v}'`;
    }
    case 'number':
      return `number ${t.text}`;
    case 'hintStart':
      return "a hint '/*+' (hints go right after SELECT or after a table name)";
    case 'hintEnd':
      return "'*/'";
    default:
      return `'${t.text}'`;
  }
}

export class Parser {
  private readonly toks: Token[];
  private i = 0;
  private prevEnd: Pos;
  readonly diagnostics: Diagnostic[] = [];
  private readonly quietAtEof: boolean;
  /** Nesting depth of expressions and queries, bounded so deep input cannot overflow the stack. */
  private depth = 0;

  constructor(
    private readonly text: string,
    tokens: Token[],
    quietAtEof: boolean,
  ) {
    this.toks = tokens;
    this.prevEnd = tokens[0]!.start;
    this.quietAtEof = quietAtEof;
  }

  // ---- token helpers -----------------------------------------------------------------------

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== 'eof') this.i++;
    this.prevEnd = t.end;
    return t;
  }
  private atEof(): boolean {
    return this.peek().kind === 'eof';
  }
  private isWord(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === v;
  }
  private isPunct(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.value === v;
  }
  private acceptWord(v: string): Token | null {
    return this.isWord(v) ? this.next() : null;
  }
  private acceptPunct(v: string): Token | null {
    return this.isPunct(v) ? this.next() : null;
  }
  private fail(message: string, at: Token = this.peek()): never {
    throw new ParseError(message, tokSpan(at), at.kind === 'eof');
  }
  private expectWord(v: string, context = ''): Token {
    if (this.isWord(v)) return this.next();
    return this.fail(`expected ${v}${context}, found ${describe(this.peek())}`);
  }
  private expectPunct(v: string, context = ''): Token {
    if (this.isPunct(v)) return this.next();
    return this.fail(`expected '${v}'${context}, found ${describe(this.peek())}`);
  }
  private expectClose(open: Token, what: string): Token {
    if (this.isPunct(')')) return this.next();
    return this.fail(
      `expected ')' to close the ${what} opened at ${formatPos(open.start)}, found ${describe(this.peek())}`,
    );
  }
  private span(start: Pos): Span {
    return { start, end: this.prevEnd };
  }
  private report(message: string, span: Span): void {
    this.diagnostics.push(parseDiagnostic(message, span));
  }
  private reportError(e: ParseError): void {
    if (e.atEof && this.quietAtEof) return;
    this.diagnostics.push(parseDiagnostic(e.message, e.span));
  }
  /** A statement keyword that is the first token on its line (and not part of MERGE). */
  private atSyncPoint(): boolean {
    const t = this.peek();
    if (t.kind !== 'word' || !SYNC_WORDS.has(t.value)) return false;
    const prev = this.i > 0 ? this.toks[this.i - 1]! : null;
    if (prev && prev.end.line === t.start.line) return false;
    if (prev && prev.kind === 'word' && (prev.value === 'UPDATE' || prev.value === 'THEN')) return false;
    return true;
  }
  /** Skip to just after the next `;` at depth 0, or to a sync point, making progress from `from`. */
  private recover(from: number): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'punct') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth = Math.max(0, depth - 1);
        else if (t.value === ';' && depth === 0) {
          this.next();
          return;
        }
      }
      if (this.i > from && depth === 0 && this.atSyncPoint()) return;
      this.next();
    }
  }

  // ---- script ------------------------------------------------------------------------------

  parseScript(): A.Statement[] {
    const statements: A.Statement[] = [];
    while (!this.atEof()) {
      if (this.acceptPunct(';')) continue;
      const from = this.i;
      try {
        const stmt = this.parseStatement();
        statements.push(stmt);
        if (this.acceptPunct(';') || this.atEof()) continue;
        const t = this.peek();
        if (t.kind === 'word' && (SYNC_WORDS.has(t.value) || STATEMENT_WORDS.includes(t.value))) {
          this.report(`missing ';' between statements: add ';' before ${describe(t)} at ${formatPos(t.start)}`, {
            start: this.prevEnd,
            end: this.prevEnd,
          });
          continue;
        }
        this.fail(`expected ';' after the statement, found ${describe(t)}`);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.reportError(e);
        this.recover(from);
      }
    }
    return statements;
  }

  private parseStatement(): A.Statement {
    const t = this.peek();
    if (t.kind === 'hintStart') this.fail('a hint cannot start a statement; hints go right after SELECT or after a table name');
    if (t.kind === 'punct' && t.value === '(') return this.parseQueryStatement();
    if (t.kind !== 'word') {
      return this.fail(`expected a statement such as CREATE TABLE, INSERT INTO or SET, found ${describe(t)}`);
    }
    switch (t.value) {
      case 'SET':
        return this.parseSet();
      case 'RESET':
        return this.parseReset();
      case 'CREATE':
        return this.parseCreate();
      case 'INSERT':
        return this.parseInsert();
      case 'EXECUTE':
      case 'BEGIN':
        return this.parseStatementSet();
      case 'MERGE':
        return this.parseMerge();
      case 'SELECT':
      case 'WITH':
      case 'VALUES':
        return this.parseQueryStatement();
      case 'DELETE':
      case 'UPDATE':
        return this.fail(`${t.value} statements are not supported by Freshet; use MERGE INTO to update or delete rows`);
      default:
        if (UNSUPPORTED_STATEMENTS.has(t.value)) {
          return this.fail(`${t.value} statements are not supported by Freshet`);
        }
        {
          const s = suggest(t.value, STATEMENT_WORDS);
          return this.fail(
            s
              ? `unknown statement '${t.text}'; did you mean ${s}?`
              : `expected a statement such as CREATE TABLE, INSERT INTO or SET, found ${describe(t)}`,
          );
        }
    }
  }

  private parseQueryStatement(): A.QueryStmt {
    const start = this.peek().start;
    const query = this.parseQuery();
    return { kind: 'Query', query, span: this.span(start) };
  }

  // ---- SET / RESET -------------------------------------------------------------------------

  /** Tokens of an unquoted SET key or value: up to `stop`, `;`, end, or a new line. */
  private rawRun(stopAtEquals: boolean, line: number): { text: string; span: Span } | null {
    const first = this.peek();
    let last: Token | null = null;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'punct' && t.value === ';')) break;
      if (stopAtEquals && t.kind === 'punct' && t.value === '=') break;
      if (!stopAtEquals && t.start.line !== line) break;
      last = this.next();
    }
    if (!last) return null;
    return { text: this.text.slice(first.start.offset, last.end.offset), span: { start: first.start, end: last.end } };
  }

  private parseSet(): A.SetStmt {
    const setTok = this.next();
    let key: string;
    let keySpan: Span;
    if (this.peek().kind === 'string') {
      const k = this.next();
      key = k.value;
      keySpan = tokSpan(k);
    } else {
      const run = this.rawRun(true, setTok.start.line);
      if (!run) this.fail(`SET needs a key and a value: SET 'key' = 'value'`, setTok);
      key = run.text;
      keySpan = run.span;
    }
    const eq = this.expectPunct('=', ` after the SET key '${key}'`);
    let value: string;
    let valueSpan: Span;
    const v = this.peek();
    const after = this.peek(1);
    if (v.kind === 'string' && (after.kind === 'eof' || (after.kind === 'punct' && after.value === ';') || after.start.line !== v.end.line)) {
      this.next();
      value = v.value;
      valueSpan = tokSpan(v);
    } else {
      const run = this.rawRun(false, eq.end.line);
      if (!run) this.fail(`expected a value after '=' in SET '${key}', found ${describe(this.peek())}`);
      value = run.text;
      valueSpan = run.span;
    }
    return { kind: 'Set', key, value, keySpan, valueSpan, span: this.span(setTok.start) };
  }

  private parseReset(): A.ResetStmt {
    const t = this.next();
    const k = this.peek();
    if (k.kind === 'string') {
      this.next();
      return { kind: 'Reset', key: k.value, span: this.span(t.start) };
    }
    const run = this.rawRun(false, t.start.line);
    return run ? { kind: 'Reset', key: run.text, span: this.span(t.start) } : { kind: 'Reset', span: this.span(t.start) };
  }

  // ---- names -------------------------------------------------------------------------------

  private parseIdent(what: string, allowReserved = false): A.Ident {
    const t = this.peek();
    if (t.kind === 'quoted') {
      this.next();
      return { name: t.value, raw: t.text, quoted: true, span: tokSpan(t) };
    }
    if (t.kind === 'word') {
      if (!allowReserved && RESERVED_WORDS.has(t.value)) {
        this.fail(`expected ${what}, found the keyword ${t.value} (write \`${t.text}\` to use it as a name)`);
      }
      this.next();
      return { name: t.text.toLowerCase(), raw: t.text, quoted: false, span: tokSpan(t) };
    }
    return this.fail(`expected ${what}, found ${describe(t)}`);
  }

  private parseQualifiedName(what: string): A.QualifiedName {
    const parts = [this.parseIdent(what)];
    while (this.isPunct('.') && (this.peek(1).kind === 'word' || this.peek(1).kind === 'quoted')) {
      this.next();
      parts.push(this.parseIdent(what, true));
    }
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    return {
      name: parts.map((p) => p.name).join('.'),
      raw: this.text.slice(first.span.start.offset, last.span.end.offset),
      quoted: parts.some((p) => p.quoted),
      parts,
      span: spanBetween(first, last),
    };
  }

  private parseIdentList(what: string, context: string): { idents: A.Ident[]; open: Token } {
    const open = this.expectPunct('(', context);
    const idents: A.Ident[] = [];
    if (!this.isPunct(')')) {
      do idents.push(this.parseIdent(what));
      while (this.acceptPunct(','));
    }
    this.expectClose(open, `${what.replace(/^an? /, '')} list`);
    return { idents, open };
  }

  /** An identifier that may appear without AS as an alias here. */
  private atAlias(): boolean {
    const t = this.peek();
    return t.kind === 'quoted' || (t.kind === 'word' && !RESERVED_WORDS.has(t.value));
  }

  private parseOptionalAlias(): A.Ident | undefined {
    if (this.acceptWord('AS')) return this.parseIdent('an alias after AS');
    return this.atAlias() ? this.parseIdent('an alias') : undefined;
  }

  // ---- hints -------------------------------------------------------------------------------

  /** Zero or more hint blocks at the current position. Bad hints are reported, not fatal. */
  private parseHints(): A.Hint[] {
    const hints: A.Hint[] = [];
    while (this.peek().kind === 'hintStart') {
      this.next();
      try {
        while (this.peek().kind !== 'hintEnd') {
          hints.push(this.parseHint());
          this.acceptPunct(',');
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.reportError(e);
        while (this.peek().kind !== 'hintEnd' && !this.atEof()) this.next();
      }
      if (this.peek().kind === 'hintEnd') this.next();
    }
    return hints;
  }

  private hintAtom(): { text: string; tok: Token } {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
      case 'quoted':
      case 'number':
        this.next();
        return { text: t.value, tok: t };
      case 'word':
        this.next();
        return { text: t.text.toLowerCase(), tok: t };
      default:
        return this.fail(`expected a hint option such as 'key'='value', found ${describe(t)}`);
    }
  }

  private parseHint(): A.Hint {
    const nameTok = this.peek();
    if (nameTok.kind !== 'word') {
      this.fail(`expected a hint name such as STATE_TTL or OPTIONS, found ${describe(nameTok)}`);
    }
    this.next();
    const args: A.HintArg[] = [];
    const open = this.acceptPunct('(');
    if (open) {
      if (!this.isPunct(')')) {
        do {
          const a = this.hintAtom();
          if (this.acceptPunct('=')) {
            const b = this.hintAtom();
            args.push({ key: a.text, value: b.text, span: { start: a.tok.start, end: b.tok.end } });
          } else {
            args.push({ value: a.text, span: tokSpan(a.tok) });
          }
        } while (this.acceptPunct(','));
      }
      this.expectClose(open, `${nameTok.value} hint`);
    }
    return { name: nameTok.value, nameSpan: tokSpan(nameTok), args, span: this.span(nameTok.start) };
  }

  // ---- CREATE ------------------------------------------------------------------------------

  private parseCreate(): A.CreateTableStmt | A.CreateViewStmt {
    const create = this.next();
    const temporary = !!this.acceptWord('TEMPORARY');
    if (this.acceptWord('TABLE')) return this.parseCreateTable(create, temporary);
    if (this.acceptWord('VIEW')) return this.parseCreateView(create, temporary);
    const t = this.peek();
    if (t.kind === 'word' && ['CATALOG', 'DATABASE', 'FUNCTION', 'SYSTEM'].includes(t.value)) {
      this.fail(`CREATE ${t.value} is not supported by Freshet; declare tables with CREATE TABLE ... WITH (...)`);
    }
    return this.fail(`expected TABLE or VIEW after CREATE, found ${describe(t)}`);
  }

  private parseIfNotExists(): boolean {
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
    const open = this.expectPunct('(', ` to start the column list of table ${name.raw}`);
    for (;;) {
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
    this.expectClose(open, 'column list');
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
      } else if (this.isWord('LIKE')) {
        this.fail('CREATE TABLE ... LIKE is not supported by Freshet; list the columns');
      } else {
        break;
      }
    }
    stmt.span = this.span(create.start);
    return stmt;
  }

  private expectString(what: string): string {
    const t = this.peek();
    if (t.kind !== 'string') this.fail(`expected ${what} in single quotes, found ${describe(t)}`);
    this.next();
    return t.value;
  }

  private parseOptions(): A.TableOption[] {
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

  private parseIntArg(what: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(`expected ${what} (a whole number), found ${describe(t)}`);
    this.next();
    return Number(t.text);
  }

  /** A SQL type. Nullable unless the caller sees NOT NULL. */
  parseDataType(): { type: DataType; span: Span } {
    const t = this.peek();
    if (t.kind !== 'word') this.fail(`expected a type such as INT, STRING or TIMESTAMP(3), found ${describe(t)}`);
    this.next();
    const start = t.start;
    const simple = (name: TypeName): { type: DataType; span: Span } => ({ type: { name, nullable: true }, span: this.span(start) });
    const withLength = (name: TypeName, what: string): { type: DataType; span: Span } => {
      const type: DataType = { name, nullable: true };
      const open = this.acceptPunct('(');
      if (open) {
        type.precision = this.parseIntArg(what);
        this.expectClose(open, `${name} ${what}`);
      }
      return { type, span: this.span(start) };
    };
    let word = t.value;
    for (;;) {
      switch (word) {
        case 'BOOLEAN':
          return simple('BOOLEAN');
        case 'TINYINT':
          return simple('TINYINT');
        case 'SMALLINT':
          return simple('SMALLINT');
        case 'INT':
        case 'INTEGER':
          return simple('INT');
        case 'BIGINT':
          return simple('BIGINT');
        case 'FLOAT':
        case 'REAL':
          return simple('FLOAT');
        case 'DOUBLE':
          this.acceptWord('PRECISION');
          return simple('DOUBLE');
        case 'STRING':
          return simple('STRING');
        case 'DATE':
          return simple('DATE');
        case 'DECIMAL':
        case 'DEC':
        case 'NUMERIC': {
          const type: DataType = { name: 'DECIMAL', precision: 10, scale: 0, nullable: true };
          const open = this.acceptPunct('(');
          if (open) {
            type.precision = this.parseIntArg('a precision');
            if (this.acceptPunct(',')) type.scale = this.parseIntArg('a scale');
            this.expectClose(open, 'DECIMAL precision');
            if (type.precision < 1 || type.precision > 38) {
              this.report(`DECIMAL precision must be between 1 and 38, found ${type.precision}`, this.span(start));
            } else if (type.scale! > type.precision) {
              this.report(`DECIMAL scale ${type.scale} cannot exceed its precision ${type.precision}`, this.span(start));
            }
          }
          return { type, span: this.span(start) };
        }
        case 'VARCHAR':
          return withLength('VARCHAR', 'length');
        case 'CHAR':
        case 'CHARACTER':
          return withLength('CHAR', 'length');
        case 'TIMESTAMP':
        case 'TIMESTAMP_LTZ': {
          const r = withLength(word as TypeName, 'precision');
          if (r.type.precision !== undefined && r.type.precision > 9) {
            this.report(`${word} precision must be between 0 and 9, found ${r.type.precision}`, r.span);
          }
          if (word === 'TIMESTAMP') {
            if (this.isWord('WITH') && this.isWord('LOCAL', 1)) {
              this.next();
              this.next();
              this.expectWord('TIME', ' in WITH LOCAL TIME ZONE');
              this.expectWord('ZONE', ' in WITH LOCAL TIME ZONE');
              r.type.name = 'TIMESTAMP_LTZ';
            } else if (this.isWord('WITH') && this.isWord('TIME', 1)) {
              this.fail('TIMESTAMP WITH TIME ZONE is not supported by Flink; use TIMESTAMP_LTZ');
            } else if (this.acceptWord('WITHOUT')) {
              this.expectWord('TIME', ' in WITHOUT TIME ZONE');
              this.expectWord('ZONE', ' in WITHOUT TIME ZONE');
            }
          }
          r.span = this.span(start);
          return r;
        }
        default: {
          if (UNSUPPORTED_TYPES.has(word)) {
            this.fail(`type ${word} is not supported by Freshet yet`, t);
          }
          const s = suggest(word, TYPE_WORDS);
          if (!s || word !== t.value) return this.fail(`unknown type '${t.text}'`, t);
          // Read it as the close match, so the table still exists for the statements using it.
          this.report(`unknown type '${t.text}'; did you mean ${s}?`, tokSpan(t));
          word = s;
        }
      }
    }
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

  // ---- INSERT / STATEMENT SET ----------------------------------------------------------------

  private parseInsert(): A.InsertStmt {
    const insert = this.expectWord('INSERT');
    let overwrite = false;
    if (this.acceptWord('OVERWRITE')) overwrite = true;
    else this.expectWord('INTO', ' after INSERT');
    this.acceptWord('TABLE');
    const table = this.parseQualifiedName('a table name');
    const hints = this.parseHints();
    let partition: A.StaticPartitionValue[] | undefined;
    if (this.acceptWord('PARTITION')) {
      const open = this.expectPunct('(', ' after PARTITION');
      partition = [];
      do {
        const column = this.parseIdent('a partition column');
        this.expectPunct('=', ` after partition column ${column.raw}`);
        const value = this.parseExpr();
        partition.push({ column, value, span: spanBetween(column, value) });
      } while (this.acceptPunct(','));
      this.expectClose(open, 'PARTITION list');
    }
    let columns: A.Ident[] | undefined;
    if (this.isPunct('(') && !this.atQueryStart(1)) {
      columns = this.parseIdentList('a column name', '').idents;
    }
    if (!this.atQueryStart(0)) {
      this.fail(`expected SELECT or VALUES after INSERT INTO ${table.raw}, found ${describe(this.peek())}`);
    }
    const source = this.parseQuery();
    const stmt: A.InsertStmt = { kind: 'Insert', table, hints, overwrite, source, span: this.span(insert.start) };
    if (partition) stmt.partition = partition;
    if (columns) stmt.columns = columns;
    return stmt;
  }

  private atQueryStart(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === 'punct' && t.value === '(') return this.atQueryStart(k + 1);
    return t.kind === 'word' && (t.value === 'SELECT' || t.value === 'WITH' || t.value === 'VALUES');
  }

  private parseStatementSet(): A.StatementSetStmt {
    const first = this.next();
    if (first.value === 'EXECUTE') {
      if (this.isWord('INSERT')) {
        // EXECUTE INSERT INTO ...: a single insert
        const ins = this.parseInsert();
        return { kind: 'StatementSet', inserts: [ins], span: this.span(first.start) };
      }
      this.expectWord('STATEMENT', ' after EXECUTE');
      this.expectWord('SET', ' after EXECUTE STATEMENT');
      this.expectWord('BEGIN', ' after EXECUTE STATEMENT SET');
    } else {
      this.expectWord('STATEMENT', ' after BEGIN');
      this.expectWord('SET', ' after BEGIN STATEMENT');
      this.expectPunct(';', ' after BEGIN STATEMENT SET');
    }
    const inserts: A.InsertStmt[] = [];
    for (;;) {
      if (this.acceptPunct(';')) continue;
      if (this.isWord('END')) {
        this.next();
        break;
      }
      if (this.atEof()) {
        this.fail(`expected END to close the statement set opened at ${formatPos(first.start)}, found end of script`);
      }
      const from = this.i;
      try {
        if (!this.isWord('INSERT')) {
          this.fail(`a statement set holds only INSERT statements, found ${describe(this.peek())}`);
        }
        inserts.push(this.parseInsert());
        if (!this.acceptPunct(';') && !this.isWord('END')) {
          this.fail(`expected ';' after the INSERT statement, found ${describe(this.peek())}`);
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        if (e.atEof) throw e;
        this.reportError(e);
        this.recoverInSet(from);
      }
    }
    return { kind: 'StatementSet', inserts, span: this.span(first.start) };
  }

  /** Skip to just after the next `;` at depth 0 (or to INSERT/END starting a line). */
  private recoverInSet(from: number): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'punct') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth = Math.max(0, depth - 1);
        else if (t.value === ';' && depth === 0) {
          this.next();
          return;
        }
      }
      if (this.i > from && depth === 0 && t.kind === 'word' && (t.value === 'INSERT' || t.value === 'END')) {
        const prev = this.toks[this.i - 1]!;
        if (prev.end.line < t.start.line && !(prev.kind === 'word' && prev.value === 'THEN')) return;
      }
      this.next();
    }
  }

  // ---- MERGE -------------------------------------------------------------------------------

  private parseMerge(): A.MergeStmt {
    const merge = this.next();
    this.expectWord('INTO', ' after MERGE');
    const target = this.parseTableRef();
    this.expectWord('USING', ` after MERGE INTO ${target.name.raw}`);
    let source: A.TableRef | A.SubqueryRef;
    if (this.isPunct('(')) {
      const from = this.parseFromPrimary();
      if (from.kind !== 'SubqueryRef') this.fail('expected a table or a (SELECT ...) after USING');
      source = from;
    } else {
      source = this.parseTableRef();
    }
    this.expectWord('ON', ' after the MERGE source');
    const on = this.parseExpr();
    const clauses: A.MergeClause[] = [];
    if (!this.isWord('WHEN')) this.fail(`expected WHEN MATCHED or WHEN NOT MATCHED, found ${describe(this.peek())}`);
    while (this.isWord('WHEN')) clauses.push(this.parseMergeClause());
    return { kind: 'Merge', target, source, on, clauses, span: this.span(merge.start) };
  }

  private parseMergeClause(): A.MergeClause {
    const when = this.next();
    const matched = !this.acceptWord('NOT');
    this.expectWord('MATCHED', matched ? ' after WHEN' : ' after WHEN NOT');
    if (this.isWord('BY')) this.fail('WHEN NOT MATCHED BY SOURCE/TARGET is not supported by Freshet');
    const clause: A.MergeClause = { kind: 'MergeClause', matched, action: { kind: 'Delete', span: tokSpan(when) }, span: tokSpan(when) };
    if (this.acceptWord('AND')) clause.condition = this.parseExpr();
    this.expectWord('THEN', ` after WHEN ${matched ? '' : 'NOT '}MATCHED`);
    const at = this.peek();
    const start = at.start;
    let action: A.MergeAction;
    if (this.acceptWord('UPDATE')) {
      if (this.acceptPunct('*')) {
        action = { kind: 'UpdateStar', span: this.span(start) };
      } else {
        this.expectWord('SET', ' after UPDATE');
        if (this.acceptPunct('*')) {
          action = { kind: 'UpdateStar', span: this.span(start) };
        } else {
          const assignments: A.MergeAssignment[] = [];
          do {
            let column = this.parseIdent('a column to update');
            if (this.acceptPunct('.')) column = this.parseIdent('a column to update', true);
            this.expectPunct('=', ` after ${column.raw} in UPDATE SET`);
            const value = this.parseExpr();
            assignments.push({ column, value, span: spanBetween(column, value) });
          } while (this.acceptPunct(','));
          action = { kind: 'UpdateSet', assignments, span: this.span(start) };
        }
      }
    } else if (this.acceptWord('DELETE')) {
      action = { kind: 'Delete', span: this.span(start) };
    } else if (this.acceptWord('INSERT')) {
      if (this.acceptPunct('*')) {
        action = { kind: 'InsertStar', span: this.span(start) };
      } else {
        let columns: A.Ident[] | undefined;
        if (this.isPunct('(')) columns = this.parseIdentList('a column name', '').idents;
        this.expectWord('VALUES', columns ? ' after the INSERT column list' : ' or * after INSERT');
        const open = this.expectPunct('(', ' after VALUES');
        const values: A.Expr[] = [];
        do values.push(this.parseExpr());
        while (this.acceptPunct(','));
        this.expectClose(open, 'VALUES list');
        action = { kind: 'InsertValues', values, span: this.span(start), ...(columns ? { columns } : {}) };
      }
    } else {
      return this.fail(`expected UPDATE, DELETE or INSERT after THEN, found ${describe(at)}`);
    }
    if (matched && (action.kind === 'InsertStar' || action.kind === 'InsertValues')) {
      this.report('WHEN MATCHED can UPDATE or DELETE, not INSERT: the row already exists in the target', action.span);
    } else if (!matched && action.kind !== 'InsertStar' && action.kind !== 'InsertValues') {
      this.report('WHEN NOT MATCHED can only INSERT: there is no target row to update or delete', action.span);
    }
    clause.action = action;
    clause.span = this.span(when.start);
    return clause;
  }

  // ---- queries -----------------------------------------------------------------------------

  parseQuery(): A.Query {
    return this.nested(() => this.parseQueryInner());
  }

  private parseQueryInner(): A.Query {
    const t = this.peek();
    if (this.isWord('WITH')) {
      this.next();
      const ctes: A.CommonTableExpr[] = [];
      do {
        const name = this.parseIdent('a name for the WITH query');
        let columns: A.Ident[] | undefined;
        if (this.isPunct('(')) columns = this.parseIdentList('a column name', '').idents;
        this.expectWord('AS', ` after WITH ${name.raw}`);
        const open = this.expectPunct('(', ` after WITH ${name.raw} AS`);
        const query = this.parseQuery();
        this.expectClose(open, `WITH query ${name.raw}`);
        ctes.push({ name, query, span: this.span(name.span.start), ...(columns ? { columns } : {}) });
      } while (this.acceptPunct(','));
      const body = this.parseQuery();
      return { kind: 'With', ctes, body, span: this.span(t.start) };
    }
    return this.parseSetOps();
  }

  private parseSetOps(): A.Query {
    let left = this.parseIntersects();
    for (;;) {
      let op: A.SetOperator;
      if (this.isWord('UNION')) {
        this.next();
        op = this.acceptWord('ALL') ? 'UNION ALL' : 'UNION';
        if (op === 'UNION') this.acceptWord('DISTINCT');
      } else if (this.isWord('EXCEPT') || this.isWord('MINUS')) {
        this.next();
        op = this.acceptWord('ALL') ? 'EXCEPT ALL' : 'EXCEPT';
        if (op === 'EXCEPT') this.acceptWord('DISTINCT');
      } else {
        break;
      }
      const right = this.parseIntersects();
      left = { kind: 'SetOp', op, left, right, orderBy: [], span: spanBetween(left, right) };
    }
    return this.parseQueryTail(left);
  }

  private parseIntersects(): A.Query {
    let left = this.parseQueryPrimary();
    while (this.acceptWord('INTERSECT')) {
      const op: A.SetOperator = this.acceptWord('ALL') ? 'INTERSECT ALL' : 'INTERSECT';
      if (op === 'INTERSECT') this.acceptWord('DISTINCT');
      const right = this.parseQueryPrimary();
      left = { kind: 'SetOp', op, left, right, orderBy: [], span: spanBetween(left, right) };
    }
    return left;
  }

  /** ORDER BY / LIMIT / OFFSET / FETCH after a query. */
  private parseQueryTail(q: A.Query): A.Query {
    if (!this.isWord('ORDER') && !this.isWord('LIMIT') && !this.isWord('OFFSET') && !this.isWord('FETCH')) return q;
    const target = this.innermostBody(q);
    if (this.isWord('ORDER')) {
      const order = this.next();
      this.expectWord('BY', ' after ORDER');
      if (target.orderBy.length > 0) this.report('ORDER BY is given twice', tokSpan(order));
      target.orderBy = this.parseOrderItems();
    }
    if (this.acceptWord('LIMIT')) target.limit = this.parseExpr();
    if (this.acceptWord('OFFSET')) {
      target.offset = this.parseExpr();
      if (!this.acceptWord('ROWS')) this.acceptWord('ROW');
    }
    if (this.acceptWord('FETCH')) {
      if (!this.acceptWord('FIRST')) this.expectWord('NEXT', ' after FETCH');
      target.limit = this.parseExpr();
      if (!this.acceptWord('ROWS')) this.expectWord('ROW', ' in FETCH FIRST n ROWS ONLY');
      this.expectWord('ONLY', ' in FETCH FIRST n ROWS ONLY');
    }
    target.span = this.span(target.span.start);
    if (q !== target) q.span = this.span(q.span.start);
    return q;
  }

  private innermostBody(q: A.Query): A.SelectQuery | A.SetOpQuery | A.ValuesQuery {
    return q.kind === 'With' ? this.innermostBody(q.body) : q;
  }

  private parseOrderItems(): A.OrderItem[] {
    const items: A.OrderItem[] = [];
    do {
      const expr = this.parseExpr();
      const item: A.OrderItem = { expr, descending: false, span: expr.span };
      if (this.acceptWord('DESC')) item.descending = true;
      else this.acceptWord('ASC');
      if (this.acceptWord('NULLS')) {
        if (this.acceptWord('FIRST')) item.nullsFirst = true;
        else {
          this.expectWord('LAST', ' after NULLS');
          item.nullsFirst = false;
        }
      }
      item.span = this.span(expr.span.start);
      items.push(item);
    } while (this.acceptPunct(','));
    return items;
  }

  private parseQueryPrimary(): A.Query {
    const t = this.peek();
    if (this.isWord('SELECT')) return this.parseSelect();
    if (this.isWord('VALUES')) return this.parseValues();
    if (this.isPunct('(')) {
      const open = this.next();
      const q = this.parseQuery();
      this.expectClose(open, 'query');
      // keep the parentheses in the span
      q.span = this.span(open.start);
      return q;
    }
    return this.fail(`expected SELECT, VALUES or WITH, found ${describe(t)}`);
  }

  private parseValues(): A.ValuesQuery {
    const values = this.next();
    const rows: A.Expr[][] = [];
    do {
      const open = this.acceptPunct('(');
      if (open) {
        const row: A.Expr[] = [];
        do row.push(this.parseExpr());
        while (this.acceptPunct(','));
        this.expectClose(open, 'VALUES row');
        rows.push(row);
      } else {
        rows.push([this.parseExpr()]);
      }
    } while (this.acceptPunct(','));
    return { kind: 'Values', rows, orderBy: [], span: this.span(values.start) };
  }

  private parseSelect(): A.SelectQuery {
    const select = this.next();
    const hints = this.parseHints();
    let distinct = false;
    if (this.acceptWord('DISTINCT')) distinct = true;
    else this.acceptWord('ALL');
    const items: A.SelectItem[] = [];
    do items.push(this.parseSelectItem());
    while (this.acceptPunct(','));
    const q: A.SelectQuery = { kind: 'Select', hints, distinct, items, groupBy: [], orderBy: [], span: tokSpan(select) };
    if (this.acceptWord('FROM')) q.from = this.parseFrom();
    if (this.acceptWord('WHERE')) q.where = this.parseExpr();
    if (this.isWord('GROUP')) {
      this.next();
      this.expectWord('BY', ' after GROUP');
      do q.groupBy.push(this.parseExpr());
      while (this.acceptPunct(','));
    }
    if (this.acceptWord('HAVING')) q.having = this.parseExpr();
    if (this.isWord('WINDOW')) this.fail('named WINDOW clauses are not supported by Freshet');
    q.span = this.span(select.start);
    return q;
  }

  private parseSelectItem(): A.SelectItem {
    const t = this.peek();
    if (this.isPunct('*')) {
      this.next();
      return { kind: 'Star', span: tokSpan(t) };
    }
    if ((t.kind === 'word' || t.kind === 'quoted') && this.isPunct('.', 1) && this.isPunct('*', 2)) {
      const qualifier = this.parseIdent('a table name', true);
      this.next();
      this.next();
      return { kind: 'Star', qualifier, span: this.span(t.start) };
    }
    const expr = this.parseExpr();
    const item: A.SelectExprItem = { kind: 'SelectExpr', expr, span: expr.span };
    const alias = this.parseOptionalAlias();
    if (alias) {
      item.alias = alias;
      item.span = this.span(expr.span.start);
    }
    return item;
  }

  // ---- FROM --------------------------------------------------------------------------------

  private parseFrom(): A.FromItem {
    let left = this.parseFromPrimary();
    for (;;) {
      if (this.acceptPunct(',')) {
        const right = this.parseFromPrimary();
        left = { kind: 'Join', joinType: 'CROSS', left, right, span: spanBetween(left, right) };
        continue;
      }
      const joinType = this.parseJoinKeyword();
      if (!joinType) break;
      const right = this.parseFromPrimary();
      const join: A.JoinItem = { kind: 'Join', joinType, left, right, span: spanBetween(left, right) };
      if (joinType !== 'CROSS') {
        if (this.acceptWord('ON')) join.on = this.parseExpr();
        else if (this.acceptWord('USING')) join.using = this.parseIdentList('a column name', ' after USING').idents;
        else this.fail(`expected ON after ${joinType} JOIN, found ${describe(this.peek())}`);
      }
      join.span = this.span(left.span.start);
      left = join;
    }
    return left;
  }

  private parseJoinKeyword(): A.JoinType | null {
    const t = this.peek();
    if (t.kind !== 'word') return null;
    let type: A.JoinType;
    switch (t.value) {
      case 'JOIN':
        this.next();
        return 'INNER';
      case 'INNER':
        type = 'INNER';
        break;
      case 'CROSS':
        type = 'CROSS';
        break;
      case 'LEFT':
      case 'RIGHT':
      case 'FULL':
        type = t.value;
        this.next();
        this.acceptWord('OUTER');
        this.expectWord('JOIN', ` after ${t.value}`);
        return type;
      case 'NATURAL':
        return this.fail('NATURAL JOIN is not supported by Freshet; write JOIN ... ON');
      default:
        return null;
    }
    this.next();
    this.expectWord('JOIN', ` after ${t.value}`);
    return type;
  }

  private parseTableRef(): A.TableRef {
    const name = this.parseQualifiedName('a table name');
    const ref: A.TableRef = { kind: 'TableRef', name, hints: this.parseHints(), span: name.span };
    if (this.isWord('FOR')) {
      this.next();
      this.expectWord('SYSTEM_TIME', ' after FOR');
      this.expectWord('AS', ' in FOR SYSTEM_TIME AS OF');
      this.expectWord('OF', ' in FOR SYSTEM_TIME AS OF');
      ref.forSystemTimeAsOf = this.parseExpr();
    }
    const alias = this.parseOptionalAlias();
    if (alias) ref.alias = alias;
    ref.span = this.span(name.span.start);
    return ref;
  }

  private parseFromPrimary(): A.FromItem {
    const t = this.peek();
    if (this.isPunct('(')) {
      const open = this.next();
      if (this.atQueryStart(0)) {
        const query = this.parseQuery();
        this.expectClose(open, 'subquery');
        const ref: A.SubqueryRef = { kind: 'SubqueryRef', query, span: this.span(open.start) };
        const alias = this.parseOptionalAlias();
        if (alias) {
          ref.alias = alias;
          if (this.isPunct('(')) ref.columnAliases = this.parseIdentList('a column name', '').idents;
        }
        ref.span = this.span(open.start);
        return ref;
      }
      const inner = this.nested(() => this.parseFrom());
      this.expectClose(open, 'parenthesis');
      inner.span = this.span(open.start);
      return inner;
    }
    if (t.kind === 'word' && (t.value === 'LATERAL' || t.value === 'TABLE' || t.value === 'UNNEST')) {
      this.fail(`${t.value} in FROM is not supported by Freshet yet`);
    }
    return this.parseTableRef();
  }

  // ---- expressions -------------------------------------------------------------------------

  parseExpr(): A.Expr {
    return this.nested(() => this.parseOr());
  }

  private nested<T>(f: () => T): T {
    if (this.depth >= MAX_DEPTH) {
      this.fail(`this is nested too deeply (more than ${MAX_DEPTH} levels of parentheses, subqueries or operators)`);
    }
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private parseOr(): A.Expr {
    let left = this.parseAnd();
    while (this.acceptWord('OR')) {
      const right = this.parseAnd();
      left = { kind: 'Binary', op: 'OR', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseAnd(): A.Expr {
    let left = this.parseNot();
    while (this.acceptWord('AND')) {
      const right = this.parseNot();
      left = { kind: 'Binary', op: 'AND', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseNot(): A.Expr {
    const t = this.peek();
    if (this.acceptWord('NOT')) {
      const operand = this.nested(() => this.parseNot());
      return { kind: 'Unary', op: 'NOT', operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.parsePredicate();
  }

  private parsePredicate(): A.Expr {
    let left = this.parseConcat();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && COMPARISON_OPS.has(t.value)) {
        this.next();
        const right = this.parseConcat();
        left = { kind: 'Binary', op: t.value as A.BinaryOp, left, right, span: spanBetween(left, right) };
        continue;
      }
      if (t.kind !== 'word') return left;
      if (t.value === 'IS') {
        this.next();
        const not = !!this.acceptWord('NOT');
        const w = this.peek();
        if (this.acceptWord('NULL')) {
          left = { kind: 'IsNull', expr: left, not, span: this.span(left.span.start) };
        } else if (this.isWord('TRUE') || this.isWord('FALSE') || this.isWord('UNKNOWN')) {
          this.next();
          const value = w.value === 'UNKNOWN' ? null : w.value === 'TRUE';
          left = { kind: 'IsTruth', expr: left, not, value, span: this.span(left.span.start) };
        } else if (this.acceptWord('DISTINCT')) {
          this.expectWord('FROM', ' after IS DISTINCT');
          const right = this.parseConcat();
          left = { kind: 'IsDistinctFrom', left, right, not, span: spanBetween(left, right) };
        } else {
          this.fail(`expected NULL, TRUE, FALSE or DISTINCT FROM after IS${not ? ' NOT' : ''}, found ${describe(w)}`);
        }
        continue;
      }
      let not = false;
      let op = t.value;
      if (op === 'NOT') {
        const n = this.peek(1);
        if (n.kind !== 'word' || !['IN', 'BETWEEN', 'LIKE'].includes(n.value)) return left;
        not = true;
        op = n.value;
      }
      if (op === 'IN') {
        if (not) this.next();
        this.next();
        const open = this.expectPunct('(', ' after IN');
        if (this.atQueryStart(0)) {
          const query = this.parseQuery();
          this.expectClose(open, 'IN subquery');
          left = { kind: 'InSubquery', expr: left, not, query, span: this.span(left.span.start) };
        } else {
          const list: A.Expr[] = [];
          do list.push(this.parseExpr());
          while (this.acceptPunct(','));
          this.expectClose(open, 'IN list');
          left = { kind: 'InList', expr: left, not, list, span: this.span(left.span.start) };
        }
      } else if (op === 'BETWEEN') {
        if (not) this.next();
        this.next();
        let symmetric = false;
        if (this.acceptWord('SYMMETRIC')) symmetric = true;
        else this.acceptWord('ASYMMETRIC');
        const low = this.parseConcat();
        this.expectWord('AND', ' in BETWEEN ... AND ...');
        const high = this.parseConcat();
        left = { kind: 'Between', expr: left, not, symmetric, low, high, span: spanBetween(left, high) };
      } else if (op === 'LIKE') {
        if (not) this.next();
        this.next();
        const pattern = this.parseConcat();
        const like: A.LikeExpr = { kind: 'Like', expr: left, not, pattern, span: spanBetween(left, pattern) };
        if (this.acceptWord('ESCAPE')) {
          like.escape = this.parseConcat();
          like.span = this.span(left.span.start);
        }
        left = like;
      } else {
        return left;
      }
    }
  }

  private parseConcat(): A.Expr {
    let left = this.parseAdditive();
    while (this.acceptPunct('||')) {
      const right = this.parseAdditive();
      left = { kind: 'Binary', op: '||', left, right, span: spanBetween(left, right) };
    }
    return left;
  }

  private parseAdditive(): A.Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.value !== '+' && t.value !== '-')) return left;
      this.next();
      const right = this.parseMultiplicative();
      left = { kind: 'Binary', op: t.value, left, right, span: spanBetween(left, right) };
    }
  }

  private parseMultiplicative(): A.Expr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return left;
      this.next();
      const right = this.parseUnary();
      left = { kind: 'Binary', op: t.value, left, right, span: spanBetween(left, right) };
    }
  }

  private parseUnary(): A.Expr {
    const t = this.peek();
    if (t.kind === 'punct' && (t.value === '-' || t.value === '+')) {
      this.next();
      const operand = this.nested(() => this.parseUnary());
      return { kind: 'Unary', op: t.value, operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.parsePrimary();
  }

  private parseTimeUnit(context: string): { unit: A.TimeUnit; tok: Token } {
    const t = this.peek();
    const unit = t.kind === 'word' ? TIME_UNITS[t.value] : undefined;
    if (!unit) this.fail(`expected a time unit such as SECOND, MINUTE, HOUR or DAY ${context}, found ${describe(t)}`);
    this.next();
    return { unit, tok: t };
  }

  private parsePrimary(): A.Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number': {
        this.next();
        const numberKind = /[eE]/.test(t.text) ? 'approx' : t.text.includes('.') ? 'decimal' : 'integer';
        return { kind: 'Literal', type: 'number', value: Number(t.text), raw: t.text, numberKind, span: tokSpan(t) };
      }
      case 'string':
        this.next();
        return { kind: 'Literal', type: 'string', value: t.value, raw: t.text, span: tokSpan(t) };
      case 'punct':
        if (t.value === '(') {
          const open = this.next();
          if (this.atQueryStart(0)) {
            const query = this.parseQuery();
            this.expectClose(open, 'subquery');
            return { kind: 'Subquery', query, span: this.span(open.start) };
          }
          const inner = this.parseExpr();
          this.expectClose(open, 'parenthesis');
          // Parentheses are not kept as a node; widen the span to include them.
          return { ...inner, span: this.span(open.start) };
        }
        return this.fail(`expected an expression, found ${describe(t)}`);
      case 'quoted':
        return this.parseNameOrCall();
      case 'word':
        break;
      default:
        return this.fail(`expected an expression, found ${describe(t)}`);
    }
    const next = this.peek(1);
    const callOpen = next.kind === 'punct' && next.value === '(';
    switch (t.value) {
      case 'TRUE':
      case 'FALSE':
        this.next();
        return { kind: 'Literal', type: 'boolean', value: t.value === 'TRUE', raw: t.text, span: tokSpan(t) };
      case 'NULL':
        this.next();
        return { kind: 'Literal', type: 'null', value: null, raw: t.text, span: tokSpan(t) };
      case 'DATE':
      case 'TIMESTAMP':
        if (next.kind === 'string') {
          this.next();
          this.next();
          const type = t.value === 'DATE' ? 'date' : 'timestamp';
          return { kind: 'Literal', type, value: next.value, raw: this.text.slice(t.start.offset, next.end.offset), span: this.span(t.start) };
        }
        break;
      case 'INTERVAL':
        if (next.kind === 'string' || (next.kind === 'punct' && next.value === '-' && this.peek(2).kind === 'string')) {
          return this.parseInterval();
        }
        if (next.kind === 'number') this.fail(`INTERVAL needs a quoted value: write INTERVAL '${next.text}' ...`, next);
        break;
      case 'CASE':
        return this.parseCase();
      case 'CAST':
      case 'TRY_CAST':
        if (callOpen) return this.parseCast();
        break;
      case 'EXTRACT':
        if (callOpen) {
          this.next();
          const open = this.next();
          const f = this.peek();
          const only = f.kind === 'word' ? EXTRACT_ONLY_FIELDS[f.value] : undefined;
          if (only) this.next();
          const field = only ?? this.parseTimeUnit('(or DOW, DOY, EPOCH) in EXTRACT').unit;
          this.expectWord('FROM', ` in EXTRACT(${field} FROM ...)`);
          const expr = this.parseExpr();
          this.expectClose(open, 'EXTRACT');
          return { kind: 'Extract', field, expr, span: this.span(t.start) };
        }
        break;
      case 'FLOOR':
      case 'CEIL':
      case 'CEILING':
        if (callOpen) {
          this.next();
          const open = this.next();
          const expr = this.parseExpr();
          const fn = t.value === 'FLOOR' ? 'FLOOR' : 'CEIL';
          if (this.acceptWord('TO')) {
            const { unit } = this.parseTimeUnit(`after ${fn}(... TO`);
            this.expectClose(open, fn);
            return { kind: 'FloorCeilTo', fn, expr, unit, span: this.span(t.start) };
          }
          this.expectClose(open, fn);
          return { kind: 'FunctionCall', name: fn, nameSpan: tokSpan(t), args: [expr], distinct: false, star: false, span: this.span(t.start) };
        }
        break;
      case 'TIMESTAMPDIFF':
      case 'TIMESTAMPADD':
        if (callOpen) {
          this.next();
          const open = this.next();
          const { unit } = this.parseTimeUnit(`as the first argument of ${t.value}`);
          this.expectPunct(',', ` after the unit in ${t.value}`);
          const a = this.parseExpr();
          this.expectPunct(',', ` in ${t.value}(unit, a, b)`);
          const b = this.parseExpr();
          this.expectClose(open, t.value);
          const kind = t.value === 'TIMESTAMPDIFF' ? 'TimestampDiff' : 'TimestampAdd';
          return { kind, unit, a, b, span: this.span(t.start) };
        }
        break;
      case 'POSITION':
        if (callOpen) {
          this.next();
          const open = this.next();
          const needle = this.parseConcat();
          this.expectWord('IN', ' in POSITION(x IN y)');
          const hay = this.parseConcat();
          this.expectClose(open, 'POSITION');
          return { kind: 'FunctionCall', name: 'POSITION', nameSpan: tokSpan(t), args: [needle, hay], distinct: false, star: false, span: this.span(t.start) };
        }
        break;
      case 'EXISTS': {
        this.next();
        const open = this.expectPunct('(', ' after EXISTS');
        const query = this.parseQuery();
        this.expectClose(open, 'EXISTS subquery');
        return { kind: 'Exists', query, span: this.span(t.start) };
      }
      case 'LEFT':
      case 'RIGHT':
        if (callOpen) return this.parseCall(this.next());
        break;
      default:
        if (NILADIC_FUNCTIONS.has(t.value) && !callOpen) {
          this.next();
          return { kind: 'FunctionCall', name: t.value, nameSpan: tokSpan(t), args: [], distinct: false, star: false, span: tokSpan(t) };
        }
    }
    if (RESERVED_WORDS.has(t.value)) {
      this.fail(`expected an expression, found the keyword ${t.value}`);
    }
    return this.parseNameOrCall();
  }

  private parseNameOrCall(): A.Expr {
    const t = this.peek();
    if (this.isPunct('(', 1)) return this.parseCall(this.next());
    const first = this.parseIdent('a column name');
    if (this.isPunct('.')) {
      this.next();
      const name = this.parseIdent('a column name after the dot', true);
      if (this.isPunct('.')) this.fail('nested names (a.b.c) are not supported in expressions; use table.column');
      return { kind: 'ColumnRef', qualifier: first, name, span: this.span(t.start) };
    }
    return { kind: 'ColumnRef', name: first, span: first.span };
  }

  private parseCall(nameTok: Token): A.FunctionCall {
    const open = this.next();
    const name = nameTok.kind === 'quoted' ? nameTok.value.toUpperCase() : nameTok.value;
    const call: A.FunctionCall = { kind: 'FunctionCall', name, nameSpan: tokSpan(nameTok), args: [], distinct: false, star: false, span: tokSpan(nameTok) };
    if (this.isPunct('*') && this.isPunct(')', 1)) {
      this.next();
      call.star = true;
    } else if (name === 'TRIM' && this.atTrimMode()) {
      this.parseTrimFrom(call, this.next().value);
    } else if (name === 'TRIM' && this.isWord('FROM')) {
      this.parseTrimFrom(call, 'BOTH');
    } else if (!this.isPunct(')')) {
      if (this.acceptWord('DISTINCT')) call.distinct = true;
      else this.acceptWord('ALL');
      call.args.push(this.parseExpr());
      if (name === 'TRIM' && this.isWord('FROM')) {
        // TRIM(chars FROM s)
        this.parseTrimFrom(call, 'BOTH', call.args.pop());
      } else if (name === 'SUBSTRING' && this.acceptWord('FROM')) {
        // SUBSTRING(s FROM start [FOR length]) is SUBSTRING(s, start [, length]).
        call.args.push(this.parseExpr());
        if (this.acceptWord('FOR')) call.args.push(this.parseExpr());
      } else while (this.acceptPunct(',')) call.args.push(this.parseExpr());
    }
    this.expectClose(open, `argument list of ${name}`);
    if (this.isWord('FILTER') && this.isPunct('(', 1)) {
      this.next();
      const fopen = this.next();
      this.expectWord('WHERE', ' in FILTER (WHERE ...)');
      call.filter = this.parseExpr();
      this.expectClose(fopen, 'FILTER');
    }
    if (this.isWord('OVER')) {
      const over = this.next();
      const wopen = this.expectPunct('(', ' after OVER');
      const spec: A.WindowSpec = { partitionBy: [], orderBy: [], span: tokSpan(over) };
      if (this.acceptWord('PARTITION')) {
        this.expectWord('BY', ' after PARTITION');
        do spec.partitionBy.push(this.parseExpr());
        while (this.acceptPunct(','));
      }
      if (this.acceptWord('ORDER')) {
        this.expectWord('BY', ' after ORDER');
        spec.orderBy = this.parseOrderItems();
      }
      if (this.isWord('ROWS') || this.isWord('RANGE')) this.fail('window frames (ROWS/RANGE BETWEEN) are not supported by Freshet yet');
      this.expectClose(wopen, 'OVER window');
      spec.span = this.span(over.start);
      call.over = spec;
    }
    call.span = this.span(nameTok.start);
    return call;
  }

  /** BOTH / LEADING / TRAILING opening TRIM's arguments (not a column named so: `TRIM(both)`). */
  private atTrimMode(): boolean {
    const t = this.peek();
    return t.kind === 'word' && TRIM_MODES[t.value] !== undefined && !this.isPunct(')', 1) && !this.isPunct(',', 1);
  }

  /**
   * The rest of the SQL-standard `TRIM([BOTH | LEADING | TRAILING] [chars] FROM s)`, after the
   * mode (and, for `TRIM(chars FROM s)`, the chars): it becomes `TRIM(s [, chars])`,
   * `LTRIM(s [, chars])` or `RTRIM(s [, chars])`, chars being a set of characters (a space by default).
   */
  private parseTrimFrom(call: A.FunctionCall, mode: string, chars?: A.Expr): void {
    if (!chars && !this.isWord('FROM')) chars = this.parseExpr();
    this.expectWord('FROM', ` in TRIM(${mode} ... FROM string)`);
    call.args.push(this.parseExpr());
    if (chars) call.args.push(chars);
    call.name = TRIM_MODES[mode]!;
  }

  private parseInterval(): A.IntervalLiteral {
    const start = this.next().start;
    let sign = '';
    if (this.acceptPunct('-')) sign = '-';
    const v = this.next();
    const { unit } = this.parseTimeUnit(`after INTERVAL '${v.value}'`);
    const lit: A.IntervalLiteral = { kind: 'Literal', type: 'interval', value: sign + v.value, raw: '', unit, span: tokSpan(v) };
    if (this.isWord('TO') && this.peek(1).kind === 'word' && TIME_UNITS[this.peek(1).value]) {
      this.next();
      lit.toUnit = this.parseTimeUnit('after TO').unit;
    }
    lit.span = this.span(start);
    lit.raw = this.text.slice(start.offset, this.prevEnd.offset);
    return lit;
  }

  private parseCase(): A.CaseExpr {
    const kw = this.next();
    const c: A.CaseExpr = { kind: 'Case', whens: [], span: tokSpan(kw) };
    if (!this.isWord('WHEN')) c.operand = this.parseExpr();
    if (!this.isWord('WHEN')) this.fail(`expected WHEN in CASE, found ${describe(this.peek())}`);
    while (this.isWord('WHEN')) {
      const w = this.next();
      const when = this.parseExpr();
      this.expectWord('THEN', ' after CASE WHEN condition');
      const then = this.parseExpr();
      c.whens.push({ when, then, span: this.span(w.start) });
    }
    if (this.acceptWord('ELSE')) c.else = this.parseExpr();
    if (!this.isWord('END')) {
      this.fail(`expected END to close the CASE opened at ${formatPos(kw.start)}, found ${describe(this.peek())}`);
    }
    this.next();
    c.span = this.span(kw.start);
    return c;
  }

  private parseCast(): A.CastExpr {
    const kw = this.next();
    const open = this.next();
    const expr = this.parseExpr();
    this.expectWord('AS', ` in ${kw.value}(value AS type)`);
    const { type, span: typeSpan } = this.parseDataType();
    if (this.isWord('NOT') && this.isWord('NULL', 1)) {
      this.next();
      this.next();
      type.nullable = false;
    }
    this.expectClose(open, kw.value);
    return { kind: 'Cast', expr, type, typeSpan, safe: kw.value === 'TRY_CAST', span: this.span(kw.start) };
  }

  /** Parse one type that must use all the tokens; `NOT NULL` after it is accepted. */
  parseStandaloneType(): DataType | null {
    try {
      const { type } = this.parseDataType();
      if (this.isWord('NOT') && this.isWord('NULL', 1)) {
        this.next();
        this.next();
        type.nullable = false;
      }
      if (!this.atEof()) this.fail(`unexpected ${describe(this.peek())} after the type`);
      return type;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.reportError(err);
      return null;
    }
  }

  /** Parse one expression that must use all the tokens (for tests and tools). */
  parseStandaloneExpr(): A.Expr | null {
    try {
      const e = this.parseExpr();
      if (!this.atEof()) this.fail(`unexpected ${describe(this.peek())} after the expression`);
      return e;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.reportError(err);
      return null;
    }
  }
}

function byOffset(a: Diagnostic, b: Diagnostic): number {
  return a.span.start.offset - b.span.start.offset;
}

/** Parse a whole script. Never throws on bad input: problems come back as diagnostics. */
export function parseScript(text: string): A.ParseResult {
  const lexed = lex(text);
  const parser = new Parser(text, lexed.tokens, lexed.unterminated);
  const statements = parser.parseScript();
  const diagnostics = [...lexed.diagnostics, ...parser.diagnostics].sort(byOffset);
  return { statements, diagnostics };
}

/** Parse a SQL type such as `DECIMAL(10, 2)` or `TIMESTAMP(3) WITH LOCAL TIME ZONE`, e.g. typed into a panel. */
export function parseType(text: string): { type: DataType | null; diagnostics: Diagnostic[] } {
  const lexed = lex(text);
  const parser = new Parser(text, lexed.tokens, lexed.unterminated);
  const type = parser.parseStandaloneType();
  return { type, diagnostics: [...lexed.diagnostics, ...parser.diagnostics].sort(byOffset) };
}

/** Parse a single expression, e.g. a watermark or a filter typed into a panel. */
export function parseExpression(text: string): { expr: A.Expr | null; diagnostics: Diagnostic[] } {
  const lexed = lex(text);
  const parser = new Parser(text, lexed.tokens, lexed.unterminated);
  const expr = parser.parseStandaloneExpr();
  return { expr, diagnostics: [...lexed.diagnostics, ...parser.diagnostics].sort(byOffset) };
}
