// Job numbering, in one place: the script's job statements are every INSERT (inside statement
// sets too) and every MERGE, in statement order, counting the ones that do not parse, and the
// N-th is `job-N`. The planner takes a job's id from here (PlanOptions.jobIds) and the editor
// opens `job-N` from here (jobStatementRange), so a broken statement above never shifts the
// numbers of the jobs below it in one view and not in the other.
import type { InsertStmt, MergeStmt, Statement } from '../sql/ast';
import type { Token } from '../sql/lexer';
import type { Chunk } from './split';
import { isPunct, isWord } from './tokens';

/** A statement that runs as one job. */
export type JobStatement = InsertStmt | MergeStmt;

/** One job statement of the script. */
export interface ScriptJob {
  /** `job-N`: the N-th job statement of the script (1-based). */
  id: string;
  /** The statement's text range, without its `;`. */
  offset: number;
  length: number;
  /** 'Unknown' when the statement does not parse. */
  kind: 'Insert' | 'Merge' | 'Unknown';
  /** The parsed statement; absent when it does not parse. */
  statement?: JobStatement;
}

// A new kind of job statement goes into JobStatement, isJobStatement, jobTarget and JOB_WORDS.

/** True for a statement that is one job by itself. */
export function isJobStatement(st: Statement): st is JobStatement {
  return st.kind === 'Insert' || st.kind === 'Merge';
}

/** The job statements one parsed statement holds (a statement set holds one per INSERT). */
export function jobsIn(st: Statement): JobStatement[] {
  if (isJobStatement(st)) return [st];
  return st.kind === 'StatementSet' ? st.inserts : [];
}

/** The normalized name of the table a job writes. */
export function jobTarget(job: JobStatement): string {
  return job.kind === 'Insert' ? job.table.name : job.target.name.name;
}

/** First words of a job statement that does not parse; it still takes its number. */
export const JOB_WORDS = ['INSERT', 'MERGE'];
/** First words of a statement set that does not parse: one job per INSERT inside it. */
const SET_WORDS = ['EXECUTE', 'BEGIN'];

const jobId = (index: number): string => `job-${index + 1}`;

/** Job ids of parsed statements alone (no script text, so every job statement parsed). */
export function numberJobs(statements: readonly Statement[]): Map<JobStatement, string> {
  const ids = new Map<JobStatement, string>();
  for (const st of statements) for (const job of jobsIn(st)) ids.set(job, jobId(ids.size));
  return ids;
}

type JobRange = Omit<ScriptJob, 'id'>;

/** Ranges of the job statements in a chunk that does not parse. */
function unparsedJobs(tokens: Token[], c: Chunk): JobRange[] {
  const first = tokens[c.first]!;
  if (JOB_WORDS.some((w) => isWord(first, w))) return [{ offset: c.start, length: c.end - c.start, kind: 'Unknown' }];
  if (!SET_WORDS.some((w) => isWord(first, w))) return [];
  // a statement set that does not parse: one range per INSERT inside it
  const out: JobRange[] = [];
  for (let k = c.first; k <= c.last; k++) {
    if (!isWord(tokens[k], 'INSERT')) continue;
    let e = k;
    while (e + 1 <= c.last && !isPunct(tokens[e + 1], ';') && !isWord(tokens[e + 1], 'END')) e++;
    const start = tokens[k]!.start.offset;
    out.push({ offset: start, length: tokens[e]!.end.offset - start, kind: 'Unknown' });
    k = e;
  }
  return out;
}

/**
 * The script's jobs in order. `chunkStatements[i]` holds the parsed statements that start in
 * chunk i (usually one; none when it does not parse). A chunk that is one INSERT or MERGE spans
 * the chunk; a job inside a statement set spans its INSERT.
 */
export function scriptJobs(tokens: Token[], chunks: readonly Chunk[], chunkStatements: readonly (readonly Statement[])[]): ScriptJob[] {
  const ranges: JobRange[] = [];
  chunks.forEach((c, i) => {
    const own = chunkStatements[i] ?? [];
    if (own.length === 0) {
      ranges.push(...unparsedJobs(tokens, c));
      return;
    }
    for (const st of own) {
      for (const job of jobsIn(st)) {
        const whole = own.length === 1 && job === st;
        const offset = whole ? c.start : job.span.start.offset;
        const end = whole ? c.end : job.span.end.offset;
        ranges.push({ offset, length: end - offset, kind: job.kind, statement: job });
      }
    }
  });
  return ranges.map((r, i) => ({ id: jobId(i), ...r }));
}
