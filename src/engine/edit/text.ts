// Text-level helpers of the script edits: result types, applying replacements, and where a
// statement block goes or what a removed statement takes with it (its lines, one blank line).
import type { Chunk, ScriptModel } from '../script';

export interface TextRange {
  offset: number;
  length: number;
}

export interface EditResult {
  script: string;
  /** What the UI should select (and reveal) after the edit. */
  selection?: TextRange;
}

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

export function applyReplacements(text: string, reps: Replacement[]): string {
  const sorted = [...reps].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) continue; // overlapping: keep the first
    parts.push(text.slice(pos, r.start), r.text);
    pos = r.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** Offset after the `;` of a chunk, or after its last token when it has none. */
export function chunkEnd(model: ScriptModel, c: Chunk): number {
  return c.semi >= 0 ? model.tokens[c.semi]!.end.offset : c.end;
}

/**
 * Where a new statement block goes after `offset` (just after a `;`): the end of that line when
 * nothing but blanks or a comment follow on it, so a trailing comment stays with its statement.
 */
export function afterLine(model: ScriptModel, offset: number): number {
  const text = model.text;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const next = model.tokens.find((t) => t.start.offset >= offset && t.kind !== 'eof');
  if (next && next.start.offset < lineEnd) return offset;
  return lineEnd;
}

/**
 * Appends a statement block at the end of the script, separated by one blank line. A last
 * statement without `;` gets one, so the two do not run together.
 */
export function appendBlock(model: ScriptModel, block: string): EditResult {
  let text = model.text;
  const last = model.chunks[model.chunks.length - 1];
  if (last && last.semi < 0) text = text.slice(0, last.end) + ';' + text.slice(last.end);
  if (text.trim() === '') {
    return { script: text + block + '\n', selection: { offset: text.length, length: block.length } };
  }
  const sep = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  const offset = text.length + sep.length;
  return { script: text + sep + block + '\n', selection: { offset, length: block.length } };
}

export function insertBlockAt(text: string, at: number, block: string): EditResult {
  const script = text.slice(0, at) + '\n\n' + block + text.slice(at);
  return { script, selection: { offset: at + 2, length: block.length } };
}

/** Widen [start, end) to whole lines when the statement stands alone on them, eating one blank line. */
export function wholeLines(text: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && (text[a - 1] === ' ' || text[a - 1] === '\t')) a--;
  let b = end;
  while (b < text.length && (text[b] === ' ' || text[b] === '\t' || text[b] === '\r')) b++;
  const aliveLeft = a > 0 && text[a - 1] !== '\n';
  const aliveRight = b < text.length && text[b] !== '\n';
  if (aliveLeft || aliveRight) return [start, end];
  if (b < text.length) b++; // the newline
  // one blank line around the block goes with it
  const blankBefore = a === 0 || (a >= 2 && text[a - 1] === '\n' && text[a - 2] === '\n');
  if (blankBefore && text[b] === '\n') b++;
  else if (blankBefore && b >= text.length && a >= 1) a--;
  return [a, b];
}
