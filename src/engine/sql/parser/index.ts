// Hand-written recursive-descent parser for the Freshet Flink SQL dialect: text -> tokens -> AST
// with spans. One pass over the token array; see cursor.ts for how the grammar areas stack.
import type { DataType, Diagnostic } from '../../types';
import type * as A from '../ast';
import { lex } from '../lexer';
import { Parser } from './statements';
import { resolveTableLikes } from '../table-like';

export { RESERVED_WORDS } from './names';
export { isSyncPoint } from './cursor';

function byOffset(a: Diagnostic, b: Diagnostic): number {
  return a.span.start.offset - b.span.start.offset;
}

/** Parse a whole script. Never throws on bad input: problems come back as diagnostics. */
export function parseScript(text: string): A.ParseResult {
  const lexed = lex(text);
  const parser = new Parser(text, lexed.tokens, lexed.unterminated);
  const statements = parser.parseScript();
  // CREATE TABLE ... LIKE becomes a full definition here, before any later stage reads it.
  const likes = resolveTableLikes(statements);
  const diagnostics = [...lexed.diagnostics, ...parser.diagnostics, ...likes].sort(byOffset);
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
