// `freshet lineage <script.sql> [--json] [--column TABLE.COLUMN]`: column-level lineage read off
// the compiled plan. Without --column, per table column the columns it derives from, with their
// kind (OpenLineage's transformation subtypes) and job; with --column, every column upstream and
// downstream of one column over all jobs. A script with errors is reported as `freshet run`
// reports it (exit 1); bad usage or an unknown column exit 2.
import { readFileSync } from 'node:fs';
import { columnLineage, downstreamOf, findColumn, formatDiagnostic, upstreamOf } from '../engine/index';
import type { ColumnLineageGraph, LineageTrace, LineageTransformation } from '../engine/index';

export const LINEAGE_USAGE = `usage: freshet lineage <script.sql> [--json] [--column TABLE.COLUMN]

  --column T.C      trace one column: every column upstream (what it derives from) and
                    downstream (what uses it), over all jobs
  --json            print the lineage graph (or, with --column, both traces) as JSON`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

class LineageUsageError extends Error {}

interface LineageArgs {
  script: string;
  json: boolean;
  column: string | null;
}

function parseLineageArgs(argv: string[]): LineageArgs | 'help' {
  let script: string | null = null;
  let json = false;
  let column: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        if (inline !== null) throw new LineageUsageError('--json takes no value');
        json = true;
        break;
      case '--column': {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new LineageUsageError('--column needs a value');
        if (!/^[^.]+(\.[^.]+)*\.[^.]+$/.test(v)) throw new LineageUsageError(`--column must be TABLE.COLUMN, not '${v}'`);
        column = v;
        break;
      }
      default:
        if (a.startsWith('-')) throw new LineageUsageError(`unknown option '${a}'`);
        if (script !== null) throw new LineageUsageError(`unexpected argument '${a}'`);
        script = a;
    }
  }
  if (script === null) throw new LineageUsageError('missing <script.sql>');
  return { script, json, column };
}

const kinds = (ts: readonly LineageTransformation[]) => ts.map((t) => t.subtype + (t.masking ? ' (masked)' : '')).join(', ');

function pad(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Per table, per column: the columns one hop upstream, then the columns deciding its rows. */
export function formatLineage(graph: ColumnLineageGraph): string {
  const lines: string[] = [
    'Each written column <- the columns it derives from, kind (OpenLineage), job; (rows) <- the columns',
    'deciding which rows a job writes (filters, join and group keys, windows, Top-N order).',
    '',
  ];
  for (const t of graph.tables) {
    const writers = graph.jobs.filter((j) => j.sinkTable === t.name);
    const readers = graph.jobs.filter((j) => j.sourceTables.includes(t.name));
    const who = writers.length ? `written by ${writers.map((j) => `${j.id} (${j.name})`).join(', ')}` : 'no job writes it';
    lines.push(`${t.name}: ${who}${readers.length ? `; read by ${readers.map((j) => j.id).join(', ')}` : ''}`);
    const rows: string[][] = [];
    for (const c of t.columns) {
      const into = graph.edges.filter((e) => e.to.table === t.name && e.to.column === c);
      if (into.length === 0) {
        if (writers.length) rows.push([`  ${c}`, '<-', '(no source column)', '', '']);
        continue;
      }
      into.forEach((e, i) => rows.push([i === 0 ? `  ${c}` : '', '<-', `${e.from.table}.${e.from.column}`, kinds(e.transformations), e.job ?? 'computed column']));
    }
    const steering = graph.datasetEdges.filter((e) => e.table === t.name);
    steering.forEach((e, i) => rows.push([i === 0 ? '  (rows)' : '', '<-', `${e.from.table}.${e.from.column}`, kinds(e.transformations), e.job]));
    lines.push(...pad(rows), '');
  }
  if (graph.tables.length === 0) lines.push('(no tables)', '');
  return lines.join('\n');
}

function formatTrace(t: LineageTrace): string[] {
  if (t.columns.length === 0) return [`  ${t.direction}: none`];
  const rows = t.columns.map((c) => [`    ${c.depth}`, `${c.table}.${c.column}`, kinds(c.transformations), c.jobs.join(', ')]);
  // Each hop once, with the operators it passes through in its job.
  const hops = [
    ...t.edges.map((e) => [`    ${e.from.table}.${e.from.column}`, '->', `${e.to.table}.${e.to.column}`, kinds(e.transformations), e.job === null ? 'computed column' : `${e.job}: ${e.operators.map((o) => o.kind).join(' > ')}`]),
    ...t.datasetEdges.map((e) => [`    ${e.from.table}.${e.from.column}`, '->', `${e.table} (rows)`, kinds(e.transformations), `${e.job}: ${e.operators.map((o) => o.kind).join(' > ')}`]),
  ];
  return [`  ${t.direction} (hops, column, kind, jobs):`, ...pad(rows), `  ${t.direction} hops (kind, job: operators):`, ...pad(hops)];
}

export function runLineage(argv: string[], io: Io): number {
  let args: LineageArgs | 'help';
  try {
    args = parseLineageArgs(argv);
  } catch (e) {
    if (e instanceof LineageUsageError) {
      io.err(`freshet: ${e.message}\n${LINEAGE_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    io.out(LINEAGE_USAGE + '\n');
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(args.script, 'utf8');
  } catch {
    io.err(`freshet: cannot read script '${args.script}'\n${LINEAGE_USAGE}\n`);
    return 2;
  }
  const fileName = args.script;
  const result = columnLineage(text);
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) io.err(shown.map((d) => formatDiagnostic(d, text, fileName)).join('\n') + '\n');
  if (!result.ok || !result.graph) return 1;
  const graph = result.graph;
  if (args.column === null) {
    io.out(args.json ? JSON.stringify(graph, null, 2) + '\n' : formatLineage(graph));
    return 0;
  }
  const dot = args.column.lastIndexOf('.');
  const ref = findColumn(graph, args.column.slice(0, dot), args.column.slice(dot + 1));
  if (!ref) {
    const tables = graph.tables.map((t) => t.name).join(', ');
    io.err(`freshet: --column: ${fileName} has no column '${args.column}' (its tables: ${tables || 'none'})\n`);
    return 2;
  }
  const upstream = upstreamOf(graph, ref.table, ref.column)!;
  const downstream = downstreamOf(graph, ref.table, ref.column)!;
  if (args.json) io.out(JSON.stringify({ column: ref, upstream, downstream }, null, 2) + '\n');
  else io.out([`${ref.table}.${ref.column}`, ...formatTrace(upstream), ...formatTrace(downstream), ''].join('\n'));
  return 0;
}
