// Diagnostics of the SQL front end and their compiler-style rendering.
import type { Diagnostic, Pos, Span } from '../types';
import { FreshetError } from '../errors';

export function lexError(message: string, span: Span): Diagnostic {
  return { severity: 'error', message, span, code: 'lex' };
}

export function parseDiagnostic(message: string, span: Span): Diagnostic {
  return { severity: 'error', message, span, code: 'parse' };
}

/** Thrown inside the parser to abandon the current statement; caught at statement level. */
export class ParseError extends FreshetError {
  readonly span: Span;
  /** True when the error is about the end of the script. */
  readonly atEof: boolean;
  constructor(message: string, span: Span, atEof = false) {
    super('parse', message);
    this.span = span;
    this.atEof = atEof;
  }
}

export function formatPos(p: Pos): string {
  return `${p.line}:${p.column}`;
}

/**
 * `file:line:col: error: message`, then the source line and a caret line under the span
 * (at least one ^; a span running over several lines is underlined to the end of its first).
 */
export function formatDiagnostic(d: Diagnostic, text: string, fileName = '<script>'): string {
  const { start, end } = d.span;
  const head = `${fileName}:${start.line}:${start.column}: ${d.severity}: ${d.message}`;
  const lineStart = Math.min(Math.max(0, start.offset - (start.column - 1)), text.length);
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  let source = text.slice(lineStart, lineEnd);
  if (source.endsWith('\r')) source = source.slice(0, -1);
  const from = start.column - 1;
  const to = end.line === start.line ? end.column - 1 : source.length;
  const width = Math.max(1, to - from);
  const pad = source.slice(0, from).replace(/[^\t]/g, ' ');
  return `${head}\n${source}\n${pad}${'^'.repeat(width)}`;
}

export function formatDiagnostics(ds: readonly Diagnostic[], text: string, fileName = '<script>'): string {
  return ds.map((d) => formatDiagnostic(d, text, fileName)).join('\n');
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a small edit distance, or undefined. Case-insensitive. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toUpperCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toUpperCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= limit ? best : undefined;
}
