// The script model: one statement model the planner and the editor share. One parse, one split
// into statements (split.ts), the tables the script declares (tables.ts, with the tolerant
// scan-table.ts for a CREATE TABLE being typed) and its jobs numbered once (jobs.ts).
// `compile` plans `statements` with `jobIds`; the edits and language services read the rest.
import { parseScript } from '../sql';
import type { Statement } from '../sql/ast';
import type { Token } from '../sql/lexer';
import type { Diagnostic } from '../types';
import { scriptJobs, type JobStatement, type ScriptJob } from './jobs';
import { scanCreateTable } from './scan-table';
import { splitStatements, type Chunk } from './split';
import { tableFromAst, viewFromAst, type TableModel } from './tables';
import { tokensOf } from './tokens';

export interface ScriptModel {
  text: string;
  tokens: Token[];
  chunks: Chunk[];
  /** The parser's statements, in script order. */
  statements: Statement[];
  /** The lexer's and the parser's diagnostics, sorted by position. */
  parseDiagnostics: Diagnostic[];
  /** What the parser threw, if it threw (a parser bug): the editor goes on with the token scan. */
  parserFailure?: unknown;
  /** For each chunk, the parsed statement that starts in it (undefined when it did not parse). */
  chunkStatements: (Statement | undefined)[];
  tables: TableModel[];
  jobs: ScriptJob[];
  /** The id of every parsed job statement (`job-N` of `jobs`), for the planner. */
  jobIds: ReadonlyMap<JobStatement, string>;
}

let lastModelText: string | null = null;
let lastModel: ScriptModel | null = null;

/** Parse, split and index a script (the last result is kept). */
export function modelOf(text: string): ScriptModel {
  if (lastModel && lastModelText === text) return lastModel;
  const tokens = tokensOf(text);
  const chunks = splitStatements(tokens);
  let statements: Statement[] = [];
  let parseDiagnostics: Diagnostic[] = [];
  let parserFailure: unknown;
  try {
    const res = parseScript(text);
    statements = res.statements;
    parseDiagnostics = res.diagnostics;
  } catch (e) {
    // A parser bug must not take the editor down: fall back to the token scan.
    parserFailure = e;
  }
  const byChunk = statementsByChunk(tokens, chunks, statements);
  const chunkStatements = chunks.map((c, i) => byChunk[i]!.find((st) => st.span.start.offset >= c.start));
  const tables: TableModel[] = [];
  chunks.forEach((c, i) => {
    const st = chunkStatements[i];
    if (st?.kind === 'CreateTable') tables.push(tableFromAst(st));
    else if (st?.kind === 'CreateView') tables.push(viewFromAst(st));
    else if (!st) {
      const t = scanCreateTable(tokens, c);
      if (t) tables.push(t);
    }
  });
  const jobs = scriptJobs(tokens, chunks, byChunk);
  const jobIds = new Map<JobStatement, string>();
  for (const job of jobs) if (job.statement) jobIds.set(job.statement, job.id);
  const model: ScriptModel = { text, tokens, chunks, statements, parseDiagnostics, chunkStatements, tables, jobs, jobIds };
  if (parserFailure !== undefined) model.parserFailure = parserFailure;
  lastModel = model;
  lastModelText = text;
  return model;
}

/**
 * The parsed statements of each chunk: those that start in it, up to its `;` (both lists are in
 * script order, so they are walked together). Every statement lands in some chunk, so every
 * parsed job gets a number.
 */
function statementsByChunk(tokens: Token[], chunks: Chunk[], statements: Statement[]): Statement[][] {
  const out: Statement[][] = chunks.map(() => []);
  let k = 0;
  chunks.forEach((c, i) => {
    const endLimit = c.semi >= 0 ? tokens[c.semi]!.end.offset : (chunks[i + 1]?.start ?? Infinity);
    while (k < statements.length && statements[k]!.span.start.offset < endLimit) out[i]!.push(statements[k++]!);
  });
  if (out.length > 0) while (k < statements.length) out[out.length - 1]!.push(statements[k++]!);
  return out;
}

export function findTable(model: ScriptModel, name: string): TableModel | undefined {
  return model.tables.find((t) => t.name === name) ?? model.tables.find((t) => t.name === name.toLowerCase());
}
