// Single-pass lexer for the Freshet Flink SQL dialect. Works on char codes, no regular
// expressions over the text, so a few thousand lines lex in well under a millisecond per line.
//
// `--` and `/* */` comments are skipped. `/*+` opens a hint: the lexer emits a `hintStart`
// token, then the ordinary tokens inside the hint, then `hintEnd` at the closing `*/`, so the
// parser sees hints with exact spans.
//
// A UTF-8 byte order mark at the very start (editors on Windows write one) is skipped: offsets
// still count it, columns on line 1 do not. Whitespace is space, tab, line feed, carriage return,
// vertical tab and form feed; any other control character (NUL, C0, DEL, C1) and a byte order mark
// anywhere else are reported where they stand, never silently read as whitespace or as a name.
import type { Diagnostic, Pos } from '../types';
import { lexError } from './diagnostics';

export type TokenKind =
  /** An unquoted word: keyword or identifier. `value` is upper-cased. */
  | 'word'
  /** A backquoted identifier. `value` is the name without quotes, `` `` `` unescaped. */
  | 'quoted'
  /** A single-quoted string. `value` is the unescaped text. */
  | 'string'
  /** A numeric literal. `value` is the text. */
  | 'number'
  /** Punctuation or operator. `value` is the operator text: `(`, `<=`, `||`, ... */
  | 'punct'
  | 'hintStart'
  | 'hintEnd'
  | 'eof';

export interface Token {
  kind: TokenKind;
  value: string;
  /** The source text of the token. */
  text: string;
  start: Pos;
  end: Pos;
}

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
  /**
   * True when a string, comment, quoted identifier or hint runs to the end of the script:
   * the parser then stays quiet about the missing end it would otherwise report.
   */
  unterminated: boolean;
}

const CH_NL = 10;
const CH_SPACE = 32;
const CH_QUOTE = 39; // '
const CH_DQUOTE = 34; // "
const CH_BACKQUOTE = 96; // `
const CH_MINUS = 45;
const CH_SLASH = 47;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_DOT = 46;
const CH_0 = 48;
const CH_BOM = 0xfeff;

/** Space, tab, line feed, vertical tab, form feed, carriage return: what separates tokens. */
function isWhitespace(c: number): boolean {
  return c === CH_SPACE || (c >= 9 && c <= 13);
}
/** C0 controls other than whitespace, DEL and C1 controls: never part of SQL outside strings and comments. */
function isControl(c: number): boolean {
  return (c < CH_SPACE && !isWhitespace(c)) || (c >= 0x7f && c <= 0x9f);
}
const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 0x7f: 'DEL' };

/** `U+0000 (NUL)`: how a control character is named in a message (printing it would show nothing). */
function describeControl(c: number): string {
  const hex = 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
  const name = CONTROL_NAMES[c];
  return name ? `${hex} (${name})` : hex;
}
const CH_9 = 57;

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c > 0x9f && c !== CH_BOM);
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36; // $
}

const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||']);
const ONE_CHAR_OPS = new Set(['(', ')', ',', ';', '.', '*', '+', '-', '/', '%', '=', '<', '>', '[', ']', ':']);

/**
 * Scans a quoted run opened at `open` by `quote`, a doubled quote standing for one. `singleLine`
 * stops at a newline (quoted names do not span lines). `end` is past the closing quote when closed.
 */
function scanQuoted(text: string, open: number, quote: number, singleLine: boolean): { value: string; end: number; closed: boolean } {
  const n = text.length;
  let k = open + 1;
  let value = '';
  let chunk = k;
  while (k < n) {
    const d = text.charCodeAt(k);
    if (d === quote) {
      if (text.charCodeAt(k + 1) === quote) {
        value += text.slice(chunk, k + 1);
        k += 2;
        chunk = k;
        continue;
      }
      return { value: value + text.slice(chunk, k), end: k + 1, closed: true };
    }
    if (singleLine && d === CH_NL) break;
    k++;
  }
  return { value: value + text.slice(chunk, k), end: k, closed: false };
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let unterminated = false;
  const n = text.length;
  // A leading byte order mark is not part of the script; line 1's columns start after it.
  let i = text.charCodeAt(0) === CH_BOM ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let inHint = false;
  let hintOpen: Pos | null = null;

  const pos = (offset: number): Pos => ({ offset, line, column: offset - lineStart + 1 });
  // Advance over [from, to) counting newlines; used for tokens that may span lines.
  const advance = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === CH_NL) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const push = (kind: TokenKind, value: string, start: Pos, endOffset: number): void => {
    tokens.push({ kind, value, text: text.slice(start.offset, endOffset), start, end: pos(endOffset) });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // whitespace
    if (c === CH_NL) {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    if (isControl(c) || c === CH_BOM) {
      const what = c === CH_BOM ? 'a byte order mark U+FEFF (allowed only at the start of the file)' : `control character ${describeControl(c)}`;
      diagnostics.push(lexError(`unexpected ${what}: remove it (outside strings and comments SQL text holds no control characters)`, { start: pos(i), end: pos(i + 1) }));
      i++;
      continue;
    }
    // -- line comment
    if (c === CH_MINUS && text.charCodeAt(i + 1) === CH_MINUS) {
      while (i < n && text.charCodeAt(i) !== CH_NL) i++;
      continue;
    }
    // block comment or hint
    if (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR) {
      const start = pos(i);
      if (text.charCodeAt(i + 2) === CH_PLUS && !inHint) {
        push('hintStart', '/*+', start, i + 3);
        i += 3;
        inHint = true;
        hintOpen = start;
        continue;
      }
      let k = i + 2;
      while (k < n && !(text.charCodeAt(k) === CH_STAR && text.charCodeAt(k + 1) === CH_SLASH)) k++;
      if (k >= n) {
        advance(i, n);
        diagnostics.push(lexError('unterminated comment: a /* comment needs a closing */', { start, end: pos(n) }));
        unterminated = true;
        i = n;
        break;
      }
      advance(i, k + 2);
      i = k + 2;
      continue;
    }
    if (inHint && c === CH_STAR && text.charCodeAt(i + 1) === CH_SLASH) {
      push('hintEnd', '*/', pos(i), i + 2);
      i += 2;
      inHint = false;
      hintOpen = null;
      continue;
    }
    // words
    if (isIdentStart(c)) {
      const start = i;
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: 'word', value: word.toUpperCase(), text: word, start: pos(start), end: pos(i) });
      continue;
    }
    // numbers: 12, 1.5, .5, 1e3, 2.5E-4
    if (isDigit(c) || (c === CH_DOT && isDigit(text.charCodeAt(i + 1)))) {
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === CH_DOT && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      } else if (text.charCodeAt(i) === CH_DOT && !isIdentStart(text.charCodeAt(i + 1))) {
        i++; // `1.` is a number too
      }
      const e = text.charCodeAt(i);
      if (e === 69 || e === 101) {
        const s = text.charCodeAt(i + 1);
        if (isDigit(s) || ((s === CH_PLUS || s === CH_MINUS) && isDigit(text.charCodeAt(i + 2)))) {
          i += 2;
          while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
      }
      const raw = text.slice(start, i);
      tokens.push({ kind: 'number', value: raw, text: raw, start: pos(start), end: pos(i) });
      continue;
    }
    // 'string' with '' escaping; may span lines
    if (c === CH_QUOTE || c === CH_DQUOTE) {
      const start = pos(i);
      const { value, end: k, closed } = scanQuoted(text, i, c, false);
      advance(i, k);
      if (!closed) {
        diagnostics.push(
          lexError(
            c === CH_QUOTE
              ? 'unterminated string literal: add the closing quote'
              : 'unterminated double-quoted text: add the closing quote',
            { start, end: pos(k) },
          ),
        );
        unterminated = true;
      } else if (c === CH_DQUOTE) {
        diagnostics.push(
          lexError(
            "double quotes are not used in Flink SQL: write 'text' for a string and `name` for a quoted name",
            { start, end: pos(k) },
          ),
        );
      }
      push('string', value, start, k);
      i = k;
      continue;
    }
    // `quoted identifier`
    if (c === CH_BACKQUOTE) {
      const start = pos(i);
      const { value, end: k, closed } = scanQuoted(text, i, CH_BACKQUOTE, true);
      if (!closed) {
        diagnostics.push(lexError('unterminated quoted name: add the closing backquote `', { start, end: pos(k) }));
      }
      if (value.length === 0 && closed) {
        diagnostics.push(lexError('empty quoted name ``', { start, end: pos(k) }));
      }
      push('quoted', value, start, k);
      i = k;
      continue;
    }
    // operators
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      push('punct', two, pos(i), i + 2);
      i += 2;
      continue;
    }
    const one = text[i]!;
    if (ONE_CHAR_OPS.has(one)) {
      push('punct', one, pos(i), i + 1);
      i++;
      continue;
    }
    // anything else: report and skip one code point
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    diagnostics.push(
      lexError(`unexpected character '${String.fromCodePoint(cp)}'`, { start: pos(i), end: pos(i + width) }),
    );
    i += width;
  }

  if (inHint && hintOpen) {
    diagnostics.push(lexError("unterminated hint: a /*+ hint needs a closing */", { start: hintOpen, end: pos(n) }));
    unterminated = true;
    tokens.push({ kind: 'hintEnd', value: '*/', text: '', start: pos(n), end: pos(n) });
  }
  tokens.push({ kind: 'eof', value: '', text: '', start: pos(n), end: pos(n) });
  return { tokens, diagnostics, unterminated };
}
