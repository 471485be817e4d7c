import { describe, expect, it } from 'vitest';
import { lex } from './lexer';

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.value}`);

describe('lexer', () => {
  it('splits words, punctuation, numbers and strings', () => {
    expect(kinds("SELECT a, b<>1 FROM t WHERE x <= 2.5 || 'it''s';")).toEqual([
      'word:SELECT', 'word:A', 'punct:,', 'word:B', 'punct:<>', 'number:1', 'word:FROM', 'word:T',
      'word:WHERE', 'word:X', 'punct:<=', 'number:2.5', 'punct:||', "string:it's", 'punct:;', 'eof:',
    ]);
  });

  it('keeps the word text as written and upper-cases the value', () => {
    const [t] = lex('orderId').tokens;
    expect(t).toMatchObject({ kind: 'word', value: 'ORDERID', text: 'orderId' });
  });

  it('reads numbers: integers, decimals, exponents, leading dot', () => {
    expect(kinds('1 1.5 .5 1e3 2.5E-4 7.')).toEqual([
      'number:1', 'number:1.5', 'number:.5', 'number:1e3', 'number:2.5E-4', 'number:7.', 'eof:',
    ]);
  });

  it('reads backquoted names with `` escaping', () => {
    const [t] = lex('`Order ``Id`').tokens;
    expect(t).toMatchObject({ kind: 'quoted', value: 'Order `Id', text: '`Order ``Id`' });
  });

  it('skips -- and /* */ comments but turns /*+ into hint tokens', () => {
    expect(kinds("a -- comment\n/* block\n comment */ b /*+ X('k'='v') */ c")).toEqual([
      'word:A', 'word:B', 'hintStart:/*+', 'word:X', 'punct:(', 'string:k', 'punct:=', 'string:v', 'punct:)',
      'hintEnd:*/', 'word:C', 'eof:',
    ]);
  });

  it('tracks 0-based offsets and 1-based lines and columns, strings spanning lines included', () => {
    const text = "a\n  'x\ny' bb";
    const [a, s, bb] = lex(text).tokens;
    expect(a!.start).toEqual({ offset: 0, line: 1, column: 1 });
    expect(s!.start).toEqual({ offset: 4, line: 2, column: 3 });
    expect(s!.end).toEqual({ offset: 9, line: 3, column: 3 });
    expect(bb!.start).toEqual({ offset: 10, line: 3, column: 4 });
    expect(bb!.end).toEqual({ offset: 12, line: 3, column: 6 });
  });

  it('reports an unterminated string', () => {
    const r = lex("SELECT 'abc");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'lex', severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(/unterminated string literal/);
    expect(r.diagnostics[0]!.span.start.column).toBe(8);
    expect(r.unterminated).toBe(true);
  });

  it('reports an unterminated block comment and an unterminated hint', () => {
    expect(lex('a /* never closed').diagnostics[0]!.message).toMatch(/unterminated comment/);
    const h = lex("SELECT /*+ STATE_TTL('o'='1d') a");
    expect(h.diagnostics[0]!.message).toMatch(/unterminated hint/);
    expect(h.tokens.some((t) => t.kind === 'hintEnd')).toBe(true);
  });

  it('reports unexpected characters and double-quoted text, and keeps going', () => {
    const r = lex('a # b "c"');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "unexpected character '#'",
      "double quotes are not used in Flink SQL: write 'text' for a string and `name` for a quoted name",
    ]);
    expect(r.tokens.map((t) => t.kind)).toEqual(['word', 'word', 'string', 'eof']);
  });

  // Speed lives in benchmarks, not in unit tests (a clock here fails on a busy machine); this
  // checks that a large script lexes completely and exactly.
  it('lexes a large script completely', () => {
    const line = "SELECT a, b + 1.5, 'str''ing' FROM t /* c */ WHERE x <> 3 -- tail\n";
    const text = line.repeat(20000);
    const r = lex(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens.length).toBe(20000 * 14 + 1);
  });

  it('skips a leading UTF-8 byte order mark; line 1 columns start after it', () => {
    const r = lex('\uFEFFCREATE TABLE t');
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens[0]).toMatchObject({ kind: 'word', value: 'CREATE', text: 'CREATE', start: { offset: 1, line: 1, column: 1 } });
  });

  it('reports NUL and other control characters outside strings and comments where they stand', () => {
    const r = lex('SELECT\u0000a,\n b\u0007 FROM\u007F t');
    expect(r.diagnostics.map((d) => [d.span.start.line, d.span.start.column, d.message.slice(0, 40)])).toEqual([
      [1, 7, 'unexpected control character U+0000 (NUL'],
      [2, 3, 'unexpected control character U+0007: rem'],
      [2, 9, 'unexpected control character U+007F (DEL'],
    ]);
    expect(kinds('SELECT\u0000a')).toEqual(['word:SELECT', 'word:A', 'eof:']);
  });

  it('keeps control characters inside strings and comments, and tab, CR, VT, FF as whitespace', () => {
    const r = lex("'a\u0000b' -- \u0001\n/* \u0002 */\t\r\u000b\u000cx");
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens.map((t) => t.value)).toEqual(['a\u0000b', 'X', '']);
  });

  it('reports a byte order mark that is not at the start', () => {
    const r = lex('a \uFEFFb');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toContain('byte order mark');
    expect(r.diagnostics[0]!.span.start.column).toBe(3);
  });
});
