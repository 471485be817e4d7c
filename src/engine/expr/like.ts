// SQL LIKE without regular expressions: the pattern is tokenized into literal runs and
// wildcards, and matched with the classic greedy `%` backtracking (linear memory, no RegExp
// built from script or data text, so no injection and no catastrophic backtracking).
import { ExprError } from './cast';

type Tok = { k: 'lit'; s: string } | { k: 'one' } | { k: 'any' };

export type LikeMatcher = (s: string) => boolean;

function tokenize(pattern: string, escape: string | null): Tok[] {
  const toks: Tok[] = [];
  let lit = '';
  const flush = () => {
    if (lit) toks.push({ k: 'lit', s: lit });
    lit = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (escape !== null && c === escape) {
      const next = pattern[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw new ExprError(`invalid escape sequence in LIKE pattern '${pattern}'`);
      }
      lit += next;
      i++;
    } else if (c === '%') {
      flush();
      if (toks[toks.length - 1]?.k !== 'any') toks.push({ k: 'any' });
    } else if (c === '_') {
      flush();
      toks.push({ k: 'one' });
    } else {
      lit += c;
    }
  }
  flush();
  return toks;
}

/** Advances past one character (a surrogate pair counts as one). */
function step(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Builds a matcher for a LIKE pattern. `escape` is a single character or null. */
export function likeMatcher(pattern: string, escape: string | null = null): LikeMatcher {
  if (escape !== null && escape.length !== 1) throw new ExprError(`the LIKE escape must be one character, got '${escape}'`);
  const toks = tokenize(pattern, escape);
  // Fast paths for the common shapes.
  if (toks.length === 0) return (s) => s.length === 0;
  if (toks.length === 1 && toks[0]!.k === 'lit') {
    const lit = toks[0]!.s;
    return (s) => s === lit;
  }
  if (toks.length === 1 && toks[0]!.k === 'any') return () => true;
  if (toks.length === 2 && toks[0]!.k === 'lit' && toks[1]!.k === 'any') {
    const lit = toks[0]!.s;
    return (s) => s.startsWith(lit);
  }
  if (toks.length === 2 && toks[0]!.k === 'any' && toks[1]!.k === 'lit') {
    const lit = toks[1]!.s;
    return (s) => s.endsWith(lit);
  }
  if (toks.length === 3 && toks[0]!.k === 'any' && toks[1]!.k === 'lit' && toks[2]!.k === 'any') {
    const lit = toks[1]!.s;
    return (s) => s.includes(lit);
  }
  return (s) => matchTokens(toks, s);
}

function matchTokens(toks: Tok[], s: string): boolean {
  let ti = 0;
  let si = 0;
  let starTi = -1;
  let starSi = 0;
  while (true) {
    if (ti < toks.length) {
      const t = toks[ti]!;
      if (t.k === 'any') {
        starTi = ti;
        starSi = si;
        ti++;
        continue;
      }
      if (t.k === 'one') {
        if (si < s.length) {
          si = step(s, si);
          ti++;
          continue;
        }
      } else if (s.startsWith(t.s, si)) {
        si += t.s.length;
        ti++;
        continue;
      }
    } else if (si === s.length) {
      return true;
    }
    // Mismatch: let the last % swallow one more character, or fail.
    if (starTi < 0 || starSi >= s.length) return false;
    starSi = step(s, starSi);
    si = starSi;
    ti = starTi + 1;
  }
}
