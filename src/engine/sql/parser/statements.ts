// The script: statements separated by `;`, the dispatch on the first keyword, SET / RESET,
// EXECUTE STATEMENT SET / BEGIN STATEMENT SET, and the entry points that parse one expression
// or one type using all the tokens.
import type { DataType, Span } from '../../types';
import type * as A from '../ast';
import { ParseError, formatPos, suggest } from '../diagnostics';
import type { Token } from '../lexer';
import { SYNC_WORDS, describe, tokSpan } from './cursor';
import { DmlParser } from './dml';

const STATEMENT_WORDS = ['SET', 'RESET', 'CREATE', 'INSERT', 'EXECUTE', 'BEGIN', 'MERGE', 'USE', 'SELECT', 'WITH', 'VALUES'];

const UNSUPPORTED_STATEMENTS = new Set([
  'DROP', 'ALTER', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'LOAD', 'UNLOAD', 'ADD',
  'REMOVE', 'ANALYZE', 'TRUNCATE', 'CALL',
]);

export class Parser extends DmlParser {
  parseScript(): A.Statement[] {
    const statements: A.Statement[] = [];
    while (!this.atEof()) {
      if (this.acceptPunct(';')) continue;
      const from = this.position;
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
      case 'USE':
        return this.parseUse();
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

  // ---- statement sets ----------------------------------------------------------------------

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
      const from = this.position;
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
        this.recover(from, () => this.atStatementInSet());
      }
    }
    return { kind: 'StatementSet', inserts, span: this.span(first.start) };
  }

  /** Inside a statement set a new statement starts at INSERT or END beginning a line (not after THEN). */
  private atStatementInSet(): boolean {
    const t = this.peek();
    if (t.kind !== 'word' || (t.value !== 'INSERT' && t.value !== 'END')) return false;
    const prev = this.previous()!;
    return prev.end.line < t.start.line && !(prev.kind === 'word' && prev.value === 'THEN');
  }

  // ---- one expression or one type ----------------------------------------------------------

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
