// Token-level helpers shared by the edits and the language services. Everything here works on
// the lexer's tokens, so strings, quoted names and comments are always respected, and it stays
// tolerant: a half-typed script still splits into statements and still tells where the cursor
// is.
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

/** One statement as the tolerant splitter sees it: tokens [first, last] and its `;`. */
export interface Chunk {
  /** Index of the first token. */
  first: number;
  /** Index of the last token before the terminating `;` (first - 1 when empty). */
  last: number;
  /** Index of the terminating `;` token, or -1 when the statement runs to the end. */
  semi: number;
  /** Offset of the first token. */
  start: number;
  /** End offset (exclusive) of the last token, not counting the `;`. */
  end: number;
}

const isWord = (t: Token | undefined, w: string): boolean => t !== undefined && t.kind === 'word' && t.value === w;
const isPunct = (t: Token | undefined, p: string): boolean => t !== undefined && t.kind === 'punct' && t.value === p;

export { isPunct, isWord };

/**
 * Splits the tokens into statements at top-level `;`. `EXECUTE STATEMENT SET BEGIN ... END;`
 * and `BEGIN STATEMENT SET; ... END;` stay one statement (CASE ... END inside is counted).
 */
export function splitStatements(tokens: Token[]): Chunk[] {
  const chunks: Chunk[] = [];
  let first = -1;
  let inSet = false;
  let caseDepth = 0;
  let depth = 0;
  const close = (lastIdx: number, semi: number): void => {
    if (first >= 0) {
      const a = tokens[first]!;
      const b = tokens[lastIdx]!;
      chunks.push({ first, last: lastIdx, semi, start: a.start.offset, end: lastIdx >= first ? b.end.offset : a.start.offset });
    }
    first = -1;
    inSet = false;
    caseDepth = 0;
    depth = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') break;
    if (first >= 0 && i > first && !inSet && depth === 0 && atSyncPoint(tokens, i)) {
      // a missing `;`: the parser starts a new statement here too
      if (!(isWord(tokens[first], 'EXECUTE') && t.value === 'BEGIN')) close(i - 1, -1);
    }
    if (first < 0) {
      if (isPunct(t, ';')) continue; // empty statement
      first = i;
    }
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth = Math.max(0, depth - 1);
    if (t.kind === 'word') {
      if (t.value === 'CASE') caseDepth++;
      else if (t.value === 'END') {
        if (caseDepth > 0) caseDepth--;
        else if (inSet) inSet = false;
      } else if (t.value === 'BEGIN' && !inSet) {
        // EXECUTE STATEMENT SET BEGIN | BEGIN STATEMENT SET
        const startsSet =
          (isWord(tokens[first], 'EXECUTE') && i > first) || (i === first && isWord(tokens[i + 1], 'STATEMENT'));
        if (startsSet) inSet = true;
      }
    }
    if (isPunct(t, ';') && !inSet) close(i - 1, i);
  }
  if (first >= 0) {
    let lastIdx = tokens.length - 1;
    while (lastIdx >= first && tokens[lastIdx]!.kind === 'eof') lastIdx--;
    close(lastIdx, -1);
  }
  return chunks;
}

/** Statement keywords the parser resynchronizes on when they start a line. */
const SYNC_WORDS = new Set(['SET', 'RESET', 'CREATE', 'INSERT', 'EXECUTE', 'BEGIN', 'MERGE', 'DROP', 'ALTER', 'USE', 'SHOW', 'DESCRIBE', 'EXPLAIN']);

function atSyncPoint(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind !== 'word' || !SYNC_WORDS.has(t.value)) return false;
  const prev = tokens[i - 1];
  if (prev && prev.end.line === t.start.line) return false;
  if (prev && prev.kind === 'word' && (prev.value === 'UPDATE' || prev.value === 'THEN')) return false;
  return true;
}

/** Where an offset falls with respect to the tokens. */
export interface CursorPlace {
  /** Index of the token that contains the offset strictly inside, or that ends at it (a word being typed). */
  at: number;
  /** Index of the last token that ends at or before the offset (-1 when none). */
  prev: number;
  /** In a `--` or `/* *\/` comment (not a hint). */
  inComment: boolean;
  /** Strictly inside a string token (after its opening quote). */
  inString: boolean;
  /** Inside a quoted identifier. */
  inQuoted: boolean;
}

export function placeOf(text: string, tokens: Token[], offset: number): CursorPlace {
  let prev = -1;
  let at = -1;
  // binary search for the last token starting before offset
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start.offset < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  const cand = hi; // last token with start < offset
  if (cand >= 0) {
    const t = tokens[cand]!;
    if (t.kind !== 'eof' && t.end.offset >= offset) {
      at = cand;
      prev = t.end.offset === offset ? cand : cand - 1;
    } else {
      prev = cand;
    }
  }
  let inString = false;
  let inQuoted = false;
  if (at >= 0) {
    const t = tokens[at]!;
    const open = (t.kind === 'string' || t.kind === 'quoted') && unbalancedQuotes(t.text);
    if (t.kind === 'string') inString = offset < t.end.offset || open;
    if (t.kind === 'quoted') inQuoted = offset < t.end.offset || open;
  }
  let inComment = false;
  if (at < 0 || tokens[at]!.end.offset === offset) {
    // scan the gap between the previous token and the offset: only blanks and comments live there
    const from = prev >= 0 ? tokens[prev]!.end.offset : 0;
    inComment = gapEndsInComment(text, from, offset);
  }
  return { at, prev, inComment, inString, inQuoted };
}

/** True when the text of a string token does not end with its closing quote (unterminated). */
function unbalancedQuotes(raw: string): boolean {
  const q = raw[0]!;
  let k = 1;
  while (k < raw.length) {
    if (raw[k] === q) {
      if (raw[k + 1] === q) {
        k += 2;
        continue;
      }
      return k !== raw.length - 1;
    }
    k++;
  }
  return true;
}

function gapEndsInComment(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= to) return true;
      i = nl + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const endC = text.indexOf('*/', i + 2);
      if (endC < 0 || endC + 2 > to) return true;
      i = endC + 2;
      continue;
    }
    i++;
  }
  return false;
}

/** Plain SQL identifier that needs no backquotes. */
export const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
