// Where the cursor is with respect to the script's tokens: inside a token being typed, in a
// comment, in a string or a quoted name. Completion and hover start from here.
import type { Token } from '../../sql/lexer';

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
