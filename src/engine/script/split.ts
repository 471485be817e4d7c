// The one statement splitter: the script cut into statements at top-level `;`, tolerant of a
// half-typed script (it never fails, and a missing `;` before a statement keyword that starts a
// line starts a new statement, at the same sync points where the parser resumes after an error:
// `isSyncPoint` is the parser's own rule). The parser keeps its own recovery, which also splits
// where a statement that parsed is followed by a keyword on the same line; the script model
// attaches every parsed statement to the chunk it starts in (model.ts).
import { isSyncPoint } from '../sql';
import type { Token } from '../sql/lexer';
import { isPunct, isWord } from './tokens';

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
    if (first >= 0 && i > first && !inSet && depth === 0 && isSyncPoint(tokens[i - 1], t)) {
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
