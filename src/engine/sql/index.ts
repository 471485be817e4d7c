// The SQL front end: text -> tokens -> AST with spans, plus diagnostics.
export type * from './ast';
export { parseScript, parseExpression, parseType, RESERVED_WORDS, isSyncPoint } from './parser';
export { lex, type Token, type TokenKind, type LexResult } from './lexer';
export { formatDiagnostic, formatDiagnostics } from './diagnostics';
