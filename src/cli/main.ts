// The headless runner: `freshet run <script.sql> [--seed N] [--for DURATION] [--json] [--query SQL]`.
// Same engine as the studio. Reads the script and every filesystem table's file (relative to
// the script's folder), runs the simulation in virtual time and prints the tables.
// Exit codes: 0 ok, 1 bad script or failed job, 2 bad usage.
import { exactRows, isDecimalType, stringifyExact } from './json-out';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { compile, createSimulation, formatDiagnostic, parseDuration, parseFault } from '../engine/index';
import type { FreshetSimulation, MetricsSnapshot, PipelineGraph, RepairReaderImpact, RepairTargetImpact, TableData } from '../engine/index';
import { EXPORT_USAGE, runExport } from './export-command';
import { LINEAGE_USAGE, runLineage } from './lineage-command';

export const USAGE = `usage: freshet run <script.sql> [--seed N] [--for DURATION] [--fault DURATION[@JOB]]... [--repair FILE]... [--json] [--query SQL]

  --seed N          random seed (default 1); the same script and seed give the same output
  --for DURATION    virtual time to simulate, e.g. 30s, 10min, 2h (needed for unbounded sources
                    unless the script sets 'sim.duration')
  --fault T[@JOB]   a TaskManager failure at virtual time T (e.g. 2min, or 90s@job-2 for one job's
                    TaskManager; without @JOB every job's); the job fails over per its restart
                    strategy (repeatable; adds to the script's 'sim.fault.taskmanager')
  --repair FILE     after the run, apply FILE's MERGE INTO / INSERT OVERWRITE statements once to the
                    live tables as batch jobs (repeatable, in order); the pipeline runs on meanwhile.
                    Reports its downstream impact (what it changed, what reached each streaming
                    reader within 'sim.repair.observe'), also as "repairs" in --json
  --json            print {"tables": {...}, "metrics": {...}} as one JSON object
  --query SQL       run SQL over the final tables in DuckDB and print {"columns", "rows"}

${EXPORT_USAGE}

${LINEAGE_USAGE}`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends Error {}

interface Args {
  script: string;
  seed: number;
  forMs: number | null;
  json: boolean;
  query: string | null;
  repairs: string[];
  faults: { atMs: number; jobId: string | null }[];
}

function parseArgs(argv: string[]): Args | 'help' {
  if (argv.length === 0) throw new UsageError('missing command');
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  if (argv[0] !== 'run') throw new UsageError(`unknown command '${argv[0]}'`);
  let script: string | null = null;
  let seed = 1;
  let forMs: number | null = null;
  let json = false;
  let query: string | null = null;
  const repairs: string[] = [];
  const faults: Args['faults'] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = (): string => {
      if (inline !== null) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 4294967295) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not '${v}'`);
        seed = Number(v);
        break;
      }
      case '--for': {
        const v = value();
        const ms = parseDuration(v);
        if (ms === null || ms <= 0) throw new UsageError(`--for must be a duration such as 30s, 10min or 2h, not '${v}'`);
        forMs = ms;
        break;
      }
      case '--json':
        if (inline !== null) throw new UsageError('--json takes no value');
        json = true;
        break;
      case '--query':
        query = value();
        break;
      case '--repair':
        repairs.push(value());
        break;
      case '--fault': {
        const f = parseFault(value());
        if (typeof f === 'string') throw new UsageError(`--fault: ${f}`);
        faults.push(f);
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
        if (script !== null) throw new UsageError(`unexpected argument '${a}'`);
        script = a;
    }
  }
  if (script === null) throw new UsageError('missing <script.sql>');
  return { script, seed, forMs, json, query, repairs, faults };
}

/** Reads every filesystem table's `path` that names a file, resolved against the script's folder. */
function readTableFiles(pipeline: PipelineGraph, scriptDir: string): Record<string, string> {
  const files = new Map<string, string>();
  for (const t of pipeline.tables) {
    if (t.connector.toLowerCase() !== 'filesystem') continue;
    const p = Object.entries(t.options).find(([k]) => k.toLowerCase() === 'path')?.[1];
    if (p === undefined || files.has(p)) continue;
    const local = p.startsWith('file://') ? p.slice('file://'.length) : p;
    const resolved = path.resolve(scriptDir, local);
    try {
      if (statSync(resolved).isFile()) files.set(p, readFileSync(resolved, 'utf8'));
    } catch {
      // Missing: fine for a table that is only written; a reader reports "file not found".
    }
  }
  // fromEntries defines own properties, so a path like '__proto__' stays a file name.
  return Object.fromEntries(files);
}


function fmtMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'string' ? v : stringifyExact(v);
}

/** `total`: the table's row count, of which `data` holds the first ones. */
function renderTable(data: TableData, limit: number, total: number): string[] {
  const names = data.columns.map((c) => c.name);
  const rows = data.rows.slice(0, limit).map((r) => r.map(cell));
  const widths = names.map((n, i) => Math.min(40, Math.max(n.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join(' | ').trimEnd();
  const out = [line(names), '  ' + widths.map((w) => '-'.repeat(w)).join('-+-')];
  for (const r of rows) out.push(line(r));
  if (total > rows.length) out.push(`  ... ${total - rows.length} more rows`);
  return out;
}

/** What `--repair FILE` did downstream (RepairImpact, measured before it was applied). */
interface RepairReport {
  file: string;
  atMs: number;
  observeMs: number;
  targets: RepairTargetImpact[];
  readers: RepairReaderImpact[];
}

function repairSummary(r: RepairReport): string {
  const lines = [`repair ${r.file} at ${fmtMs(r.atMs)}:`];
  for (const t of r.targets) lines.push(`  ${t.table}: ${t.rowsRemoved} rows removed, ${t.rowsAdded} added; ${t.changes} changes committed (sent to its streaming readers)`);
  for (const j of r.readers) lines.push(`  ${j.jobId} (${j.jobName}) read ${j.received} changes of ${j.table}, its sink received ${j.emitted} (within ${fmtMs(r.observeMs)})`);
  if (r.readers.length === 0) lines.push('  no streaming job reads the repaired tables');
  return lines.join('\n') + '\n';
}

function summary(sim: FreshetSimulation, scriptName: string, seed: number): string {
  const m: MetricsSnapshot = sim.metrics();
  const lines: string[] = [];
  lines.push(`${scriptName}: ${sim.status()} after ${fmtMs(sim.now())} of virtual time (seed ${seed})`);
  const cp = m.checkpoints;
  if (cp.completed + cp.failed > 0) lines.push(`checkpoints: ${cp.completed} completed, ${cp.failed} failed`);
  for (const j of m.jobs ?? []) {
    const failovers = j.failovers ?? [];
    if (failovers.length === 0) continue;
    const restores = failovers.filter((f) => f.restoredAt !== null);
    const from = restores.map((f) => (f.checkpointId === null ? 'the start' : `checkpoint ${f.checkpointId}`));
    lines.push(`failover: ${j.id} failed ${failovers.length} time${failovers.length === 1 ? '' : 's'}, restarted ${restores.length}${from.length ? ` (from ${from.join(', ')})` : ''}; ${j.lastFailure ?? ''}`);
    if (j.sink) {
      const s = j.sink;
      const effect = s.guarantee === 'exactly-once' ? 'no duplicates, none lost' : s.idempotent ? `${s.replayedChanges} changes written again by key, no duplicates, none lost` : `${s.duplicatedRows} duplicated rows, none lost`;
      lines.push(`  sink ${s.table} (${s.guarantee}${s.idempotent ? ', by key' : ''}): ${effect}`);
    }
  }
  for (const s of m.sources) if (s.lagRecords > 0) lines.push(`lag: ${s.jobId} reading ${s.table}: ${s.lagRecords} records, ${fmtMs(s.lagMs)}`);
  for (const t of sim.pipeline.tables) {
    const tm = m.tables.find((x) => x.name === t.name)!;
    const fresh = tm.freshnessMs === null ? 'nothing visible' : `freshness ${fmtMs(tm.freshnessMs)}`;
    const errs = tm.parseErrors > 0 ? `, ${tm.parseErrors} rows skipped (parse errors)` : '';
    lines.push('', `${t.name} (${t.connector}, ${t.layer}): ${tm.rows} rows, ${fresh}${errs}`);
    // Only the rows shown: reading a datagen table whole would generate up to 100,000 rows again.
    const data = sim.readTable(t.name, 10);
    if (data.rows.length > 0) lines.push(...renderTable(data, 10, Math.max(tm.rows, data.rows.length)));
  }
  return lines.join('\n') + '\n';
}

/**
 * Runs the CLI; returns the exit code. A bug in Freshet is one line on stderr and exit 70, not a
 * stack trace (FRESHET_DEBUG=1 prints the stack).
 */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (io === stdio) {
    // `freshet run x.sql | head`: a closed pipe ends the output, it is not an error.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  try {
    return await run(argv, io);
  } catch (e) {
    const detail = process.env['FRESHET_DEBUG'] ? (e instanceof Error ? (e.stack ?? e.message) : String(e)) : e instanceof Error ? e.message : String(e);
    io.err(`freshet: internal error (a bug in Freshet, not in your script): ${detail}\n`);
    return 70;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'export') return runExport(argv.slice(1), io);
  if (argv[0] === 'lineage') return runLineage(argv.slice(1), io);
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`freshet: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    io.out(USAGE + '\n');
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(args.script, 'utf8');
  } catch {
    io.err(`freshet: cannot read script '${args.script}'\n${USAGE}\n`);
    return 2;
  }
  const fileName = args.script;
  const compiled = compile(text, { fileName });
  const shown = compiled.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) io.err(shown.map((d) => formatDiagnostic(d, text, fileName)).join('\n') + '\n');
  if (!compiled.ok || !compiled.pipeline) return 1;

  const files = readTableFiles(compiled.pipeline, path.dirname(path.resolve(args.script)));
  let sim: FreshetSimulation;
  try {
    // The state budget: half of this process's heap, so a runaway GROUP BY fails with a sentence.
    sim = createSimulation(text, { seed: args.seed, files, fileName, memoryBudgetBytes: Math.floor(getHeapStatistics().heap_size_limit / 2) });
  } catch (e) {
    io.err(`${fileName}: error: ${(e as Error).message}\n`);
    return 1;
  }
  for (const f of args.faults) {
    if (f.jobId !== null && !compiled.pipeline.jobs.some((j) => j.id === f.jobId)) {
      const ids = compiled.pipeline.jobs.map((j) => j.id);
      io.err(`freshet: --fault names job '${f.jobId}', which ${fileName} does not have (${ids.length ? `its jobs: ${ids.join(', ')}` : 'it has no jobs'})\n${USAGE}\n`);
      return 2;
    }
    sim.injectFault(f.atMs, f.jobId);
  }
  // A data file's warnings name the file and line, as the script's own diagnostics do.
  for (const w of sim.warnings()) io.err(`${w.file}:${w.line}: warning: ${w.message}\n`);
  const duration = sim.durationMs();
  if (args.forMs === null && duration === null && !sim.isBounded()) {
    io.err(
      `freshet: ${fileName} reads unbounded sources (${sim.unboundedSources().join(', ')}); ` +
        `pass --for DURATION (e.g. --for 10min) or add SET 'sim.duration' = '10 min'; to the script\n`,
    );
    return 2;
  }
  const result = args.forMs !== null ? sim.runFor(args.forMs) : sim.runToEnd();
  if (result.status === 'failed') {
    // An expression that failed points at itself; a malformed file row names its file and line.
    if (result.errorSpan) io.err(formatDiagnostic({ severity: 'error', message: result.error ?? 'the job failed', span: result.errorSpan, code: 'runtime' }, text, fileName) + '\n');
    else io.err(`${fileName}: error: ${result.error}\n`);
    return 1;
  }
  const repairs: RepairReport[] = [];
  for (const repairFile of args.repairs) {
    let repairText: string;
    try {
      repairText = readFileSync(repairFile, 'utf8');
    } catch {
      io.err(`freshet: cannot read repair script '${repairFile}'\n${USAGE}\n`);
      return 2;
    }
    // The downstream impact, measured on copies of the run before the repair is applied to it.
    const measured = sim.compareRepairs([repairText]);
    const repair = sim.runRepair(repairText);
    const shownRepair = repair.diagnostics.filter((d) => d.severity !== 'info');
    if (shownRepair.length > 0) io.err(shownRepair.map((d) => formatDiagnostic(d, repairText, repairFile)).join('\n') + '\n');
    if (repair.status === 'rejected') {
      if (repair.error !== null) io.err(`${repairFile}: error: ${repair.error}\n`);
      return 1;
    }
    if (repair.status !== 'finished') {
      const after = sim.now();
      io.err(`${repairFile}: error: ${repair.error ?? `the repair did not finish within an hour of virtual time (now ${after} ms)`}\n`);
      return 1;
    }
    const impact = measured.runs[0]!;
    repairs.push({ file: repairFile, atMs: measured.atMs, observeMs: measured.observeMs, targets: impact.targets, readers: impact.readers });
  }

  if (args.query !== null) {
    const tables: Record<string, { columns: { name: string; type: string }[]; rows: unknown[][] }> = {};
    // Lake tables' metadata tables (`"orders$snapshots"`) are queryable beside the tables.
    for (const name of [...sim.tableNames(), ...sim.metadataTableNames()]) {
      const data = sim.readTable(name);
      tables[name] = { columns: data.columns.map((c) => ({ name: c.name, type: c.type })), rows: data.rows };
    }
    try {
      const { runDuckQuery } = await import('./duckdb');
      const res = await runDuckQuery(tables, args.query);
      io.out(stringifyExact({ columns: res.columns, rows: exactRows(res.types.map(isDecimalType), res.rows) }) + '\n');
    } catch (e) {
      io.err(`freshet: query failed: ${(e as Error).message}\n`);
      return 1;
    }
    return 0;
  }
  if (args.json) {
    const tables: Record<string, { columns: string[]; rows: unknown[][] }> = {};
    for (const name of sim.tableNames()) {
      const data = sim.readTable(name);
      // Exact digits: BIGINT beyond 2^53 and wide DECIMALs are written as JSON numbers as they are.
      tables[name] = { columns: data.columns.map((c) => c.name), rows: exactRows(data.columns.map((c) => isDecimalType(c.type)), data.rows) };
    }
    io.out(stringifyExact({ tables, metrics: sim.metrics(), ...(repairs.length > 0 ? { repairs } : {}) }) + '\n');
    return 0;
  }
  io.out(repairs.map(repairSummary).join('') + summary(sim, fileName, args.seed));
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`freshet: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
