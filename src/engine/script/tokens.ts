// Token-level helpers of the script model. Everything here works on the lexer's tokens, so
// strings, quoted names and comments are always respected.
import { lex, type Token } from '../sql/lexer';

let lastText: string | null = null;
let lastTokens: Token[] = [];

/** The script's tokens (the last result is kept: completion asks many times per keystroke). */
export function tokensOf(text: string): Token[] {
  if (text !== lastText) {
    lastTokens = lex(text).tokens;
    lastText = text;
  }
  return lastTokens;
}

export const isWord = (t: Token | undefined, w: string): boolean => t !== undefined && t.kind === 'word' && t.value === w;
export const isPunct = (t: Token | undefined, p: string): boolean => t !== undefined && t.kind === 'punct' && t.value === p;

/** Plain SQL identifier that needs no backquotes. */
export const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Normalized identifier text of a word or quoted token. */
export function identOf(t: Token): string {
  return t.kind === 'quoted' ? t.value : t.text.toLowerCase();
}

/** Index of the `)` matching the `(` at `open`, or `limit + 1` when it is missing. */
export function matchParen(tokens: Token[], open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i <= limit; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return limit + 1;
}

/** Token index ranges [a, b] of the comma-separated items between from and to (inclusive). */
export function splitTopLevel(tokens: Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') {
      to = i - 1;
      break;
    }
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && isPunct(t, ',')) {
      if (i > start) out.push([start, i - 1]);
      start = i + 1;
    }
  }
  if (to >= start) out.push([start, to]);
  return out;
}
