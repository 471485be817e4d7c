// Statement ranges for the editor: the statement under the cursor, the job statements a per-job
// editor opens (`job-N` as the script model numbers it), and replacing or removing one statement.
import type { Statement } from '../sql/ast';
import { isPunct, modelOf, type ScriptModel } from '../script';
import { chunkEnd, wholeLines, type EditResult, type TextRange } from './text';

export interface StatementRange extends TextRange {
  kind: Statement['kind'] | 'Unknown';
  /** The statement text (without its `;`). */
  text: string;
}

function rangeOf(model: ScriptModel, start: number, end: number, kind: StatementRange['kind']): StatementRange {
  return { offset: start, length: end - start, kind, text: model.text.slice(start, end) };
}

/**
 * The statement under the offset (from its first token to its `;`, the `;` itself included as a
 * position), the inner INSERT when the offset is inside a statement set; null between statements.
 * Works on scripts that do not parse.
 */
export function statementAt(script: string, offset: number): StatementRange | null {
  const model = modelOf(script);
  for (let i = 0; i < model.chunks.length; i++) {
    const c = model.chunks[i]!;
    if (offset < c.start || offset > chunkEnd(model, c)) continue;
    const st = model.chunkStatements[i];
    if (st?.kind === 'StatementSet') {
      for (const ins of st.inserts) {
        const semi = model.tokens.find((t) => t.start.offset >= ins.span.end.offset);
        const endPos = semi && isPunct(semi, ';') ? semi.end.offset : ins.span.end.offset;
        if (offset >= ins.span.start.offset && offset <= endPos) {
          return rangeOf(model, ins.span.start.offset, ins.span.end.offset, 'Insert');
        }
      }
    }
    return rangeOf(model, c.start, c.end, st?.kind ?? 'Unknown');
  }
  return null;
}

/** Every job's statement range in order (the script model's numbering: `job-N` is the N-th). */
export function jobRanges(script: string): StatementRange[] {
  const model = modelOf(script);
  return model.jobs.map((job) => rangeOf(model, job.offset, job.offset + job.length, job.kind));
}

/**
 * The statement of a job, for a per-job editor. `job` is the 0-based index in statement order or
 * the job id `job-N` (1-based, as JobInfo.id). Null when there is no such job.
 */
export function jobStatementRange(script: string, job: number | string): StatementRange | null {
  let index: number;
  if (typeof job === 'number') index = job;
  else {
    const m = /^job-(\d+)$/.exec(job);
    if (!m) return null;
    index = Number(m[1]) - 1;
  }
  return jobRanges(script)[index] ?? null;
}

/**
 * Replaces a statement range (as statementAt / jobStatementRange return it) with new text. A
 * trailing `;` in the new text is dropped when the script already has one after the range, and
 * added when it has none and another statement follows.
 */
export function replaceStatement(script: string, range: TextRange, newText: string): EditResult {
  const { offset, length } = range;
  if (offset < 0 || length < 0 || offset + length > script.length) {
    throw new Error('the statement range is outside the script: it may have changed since it was opened');
  }
  const model = modelOf(script);
  const next = model.tokens.find((t) => t.start.offset >= offset + length && t.kind !== 'eof');
  let body = newText.replace(/\s+$/, '');
  const hasSemiAfter = next !== undefined && isPunct(next, ';');
  if (hasSemiAfter) {
    // drop trailing `;` (but not one that belongs to a statement set's END;)
    while (body.endsWith(';') && !/\bEND\s*;$/i.test(body)) body = body.slice(0, -1).replace(/\s+$/, '');
  } else if (next !== undefined && !body.endsWith(';')) {
    body += ';';
  }
  const out = script.slice(0, offset) + body + script.slice(offset + length);
  return { script: out, selection: { offset, length: body.length } };
}

/**
 * Removes a statement (a range from statementAt / jobStatementRange, e.g. a job deleted on the
 * canvas) with its `;`, and its lines when it stands alone on them.
 */
export function deleteStatement(script: string, range: TextRange): EditResult {
  const { offset, length } = range;
  if (offset < 0 || length < 0 || offset + length > script.length) {
    throw new Error('the statement range is outside the script: it may have changed since it was opened');
  }
  const model = modelOf(script);
  let end = offset + length;
  const next = model.tokens.find((t) => t.start.offset >= end && t.kind !== 'eof');
  if (next && isPunct(next, ';')) end = next.end.offset;
  const [a, b] = wholeLines(script, offset, end);
  return { script: script.slice(0, a) + script.slice(b), selection: { offset: a, length: 0 } };
}
