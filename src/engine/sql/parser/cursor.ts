// The token cursor every grammar area of the parser reads through.
//
// The parser is one recursive-descent parser over one token array, split by grammar area into
// classes that extend one another, lowest first (as Babel's parser stacks Tokenizer, UtilParser,
// ExpressionParser, StatementParser):
//   cursor.ts       TokenCursor: peek / next / expect, spans, diagnostics, error recovery, depth
//   names.ts        identifiers, qualified names, aliases, RESERVED_WORDS
//   hints.ts        /*+ ... */ hint blocks
//   data-types.ts   SQL types (INT, DECIMAL(p, s), TIMESTAMP(3) WITH LOCAL TIME ZONE, ...)
//   expressions.ts  operator precedence, literals, CASE, CAST, INTERVAL, function calls
//   query.ts        SELECT, VALUES, WITH, set operations, ORDER BY / LIMIT, FROM and joins
//   ddl.ts          CREATE TABLE (columns, constraints, WATERMARK, WITH options) and CREATE VIEW
//   dml.ts          INSERT and MERGE
//   statements.ts   Parser: the script, statement dispatch, SET / RESET, statement sets
//   index.ts        the entry functions: parseScript, parseType, parseExpression
// So there is one object and one position: any area calls a lower one as `this.parseExpr()`,
// and the one call that goes upward (a subquery inside an expression) is an abstract method
// of ExpressionParser that QueryParser implements.
//
// A syntax error abandons the current statement (ParseError), is reported, and the parser skips
// to the next `;` at parenthesis depth 0 or to a statement keyword at the start of a line, so one
// run reports several errors and keeps every statement that did parse. Some mistakes (missing NOT
// ENFORCED, a misplaced MERGE action, a bad hint) are reported without abandoning the statement.
import type { Diagnostic, Pos, Span } from '../../types';
import { ParseError, formatPos, parseDiagnostic } from '../diagnostics';
import type { Token } from '../lexer';

/** Statement keywords that resynchronize the parser after an error (at the start of a line). */
export const SYNC_WORDS = new Set([
  'SET', 'RESET', 'CREATE', 'INSERT', 'EXECUTE', 'BEGIN', 'MERGE', 'DROP', 'ALTER', 'USE',
  'SHOW', 'DESCRIBE', 'EXPLAIN',
]);

/**
 * A statement keyword that is the first token on its line (and not part of MERGE's `WHEN ...
 * THEN UPDATE SET` / `THEN INSERT`): where recovery resumes, and where the script model's
 * tolerant splitter (script/split.ts) starts a new statement when a `;` is missing.
 */
export function isSyncPoint(prev: Token | null | undefined, t: Token): boolean {
  if (t.kind !== 'word' || !SYNC_WORDS.has(t.value)) return false;
  if (prev && prev.end.line === t.start.line) return false;
  if (prev && prev.kind === 'word' && (prev.value === 'UPDATE' || prev.value === 'THEN')) return false;
  return true;
}

const MAX_DEPTH = 200;

export function spanBetween(a: { span: Span }, b: { span: Span }): Span {
  return { start: a.span.start, end: b.span.end };
}

export function tokSpan(t: Token): Span {
  return { start: t.start, end: t.end };
}

export function describe(t: Token): string {
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

export abstract class TokenCursor {
  private readonly toks: Token[];
  /** Index of the next token; only the cursor moves it. */
  private i = 0;
  /** End of the last token taken, where a span being built ends. */
  private lastEnd: Pos;
  readonly diagnostics: Diagnostic[] = [];
  private readonly quietAtEof: boolean;
  /** Nesting depth of expressions and queries, bounded so deep input cannot overflow the stack. */
  private depth = 0;

  constructor(
    protected readonly text: string,
    tokens: Token[],
    quietAtEof: boolean,
  ) {
    this.toks = tokens;
    this.lastEnd = tokens[0]!.start;
    this.quietAtEof = quietAtEof;
  }

  /** Where the next token is: error recovery compares it with where a statement started. */
  protected get position(): number {
    return this.i;
  }
  protected get prevEnd(): Pos {
    return this.lastEnd;
  }
  /** The last token taken, or null at the start. */
  protected previous(): Token | null {
    return this.i > 0 ? this.toks[this.i - 1]! : null;
  }

  // ---- token helpers -----------------------------------------------------------------------

  protected peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  protected next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== 'eof') this.i++;
    this.lastEnd = t.end;
    return t;
  }
  protected atEof(): boolean {
    return this.peek().kind === 'eof';
  }
  protected isWord(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === v;
  }
  protected isPunct(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.value === v;
  }
  protected acceptWord(v: string): Token | null {
    return this.isWord(v) ? this.next() : null;
  }
  protected acceptPunct(v: string): Token | null {
    return this.isPunct(v) ? this.next() : null;
  }
  protected fail(message: string, at: Token = this.peek()): never {
    throw new ParseError(message, tokSpan(at), at.kind === 'eof');
  }
  protected expectWord(v: string, context = ''): Token {
    if (this.isWord(v)) return this.next();
    return this.fail(`expected ${v}${context}, found ${describe(this.peek())}`);
  }
  protected expectPunct(v: string, context = ''): Token {
    if (this.isPunct(v)) return this.next();
    return this.fail(`expected '${v}'${context}, found ${describe(this.peek())}`);
  }
  protected expectClose(open: Token, what: string): Token {
    if (this.isPunct(')')) return this.next();
    return this.fail(
      `expected ')' to close the ${what} opened at ${formatPos(open.start)}, found ${describe(this.peek())}`,
    );
  }
  protected span(start: Pos): Span {
    return { start, end: this.prevEnd };
  }
  protected report(message: string, span: Span): void {
    this.diagnostics.push(parseDiagnostic(message, span));
  }
  protected reportError(e: ParseError): void {
    if (e.atEof && this.quietAtEof) return;
    this.diagnostics.push(parseDiagnostic(e.message, e.span));
  }
  private atSyncPoint(): boolean {
    return isSyncPoint(this.previous(), this.peek());
  }
  /**
   * Skip to just after the next `;` at depth 0, or to a token where `resumesHere` says a new
   * statement starts (by default a sync point), making progress from `from`.
   */
  protected recover(from: number, resumesHere: () => boolean = () => this.atSyncPoint()): void {
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
      if (this.i > from && depth === 0 && resumesHere()) return;
      this.next();
    }
  }

  /** Runs `f` one level deeper; past MAX_DEPTH it fails instead of overflowing the stack. */
  protected nested<T>(f: () => T): T {
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
}
