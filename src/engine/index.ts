// The engine's one public API, used by the studio's worker, the CLI and the tests.
//   compile(script)                 -> diagnostics + pipeline graph (no simulation)
//   createSimulation(script, opts)  -> a Simulation to step, run and read
//   formatDiagnostic(d, text, file) -> `file:line:col: error: message` plus a caret excerpt
// Everything returned is plain data a worker can post.
import type { CompileResult, Diagnostic, PipelineGraph, RepairComparison, RepairResult, Simulation, SimulationOptions } from './api';
import { formatDiagnostic } from './sql/index';
import type { Statement } from './sql/index';
import type { CreateTableStmt } from './sql/ast';
import { planScript, toPipelineGraph } from './plan/index';
import type { JobPlan, ScriptPlan } from './plan/index';
import { resolveSimConfig, SIM_SETTINGS } from './sim/settings';
import { SettingsError, type ConnectorError } from './errors';
import { orderJobs, SimulationRuntime } from './sim/simulation';
import { resourceOf } from './connectors/registry';
import { declarationDiagnostics, validateConnectors } from './connectors/validate';
import { CONNECTOR_CAPABILITIES } from './connectors/capabilities';
import { neverCommitsWarnings } from './sim/never-commits';
import { staleUpsertRowWarnings } from './plan/stale-upsert-rows';
import { batchInputErrors } from './sim/batch-inputs';
import { modelOf } from './script/index';
import { checkTableOptions } from './edit/check-options';
import { exportCompiled } from './export/export';
import type { ExportOptions, ExportResult } from './export/types';
import { buildLineageGraph } from './lineage/index';
import type { ColumnLineageGraph } from './lineage/index';

export type * from './api';
export { formatDiagnostic } from './sql/index';
// Flink's duration syntax (a bare number is ms), for the studio's and the runner's inputs.
export { parseDuration } from './common/duration';
export { SIM_SETTINGS, type SimSettingSpec } from './sim/settings';
// `DURATION[@JOB]`, as the runner's --fault and the studio's fault control take it.
export { parseFault, type TaskManagerFault } from './sim/faults';
// Script edits and language services: the canvas and the editor are two views of one script.
export * from './edit/index';
// The Flink exporter's types and the report's text form.
export type * from './export/types';
export { formatExportReport } from './export/report';
export { EXPORT_TARGETS } from './export/targets';
// Column lineage: the graph's types and the traces over it.
export type * from './lineage/types';
export { upstreamOf, downstreamOf, findColumn } from './lineage/index';

/** A Simulation plus what the runner and tests need beyond the studio's contract. */
export interface FreshetSimulation extends Simulation {
  /** True when every job ends by itself (only bounded sources). */
  isBounded(): boolean;
  /** Tables read by jobs that never end by themselves. */
  unboundedSources(): string[];
  /** Warnings about the tables' input files (a skipped CSV header line). */
  warnings(): { file: string; line: number; message: string }[];
  /** `sim.duration` in ms, or null. */
  durationMs(): number | null;
  /** A TaskManager failure at `atMs` for job `jobId` (every job when null); see Simulation.injectFault. */
  injectFault(atMs: number, jobId: string | null): void;
  /** Failover: unfinished jobs restart from their last completed checkpoint. Returns their ids. */
  restoreFromLastCheckpoint(): string[];
  /**
   * A repair against the running pipeline: MERGE INTO / INSERT OVERWRITE statements (`text`, in
   * the script's dialect, over its tables) run once, now, as batch jobs reading the tables as they
   * stand, while the other jobs go on. Diagnostics are located in `text`.
   */
  runRepair(text: string, maxMs?: number): RepairResult;
  /** Repairs compared on copies of the simulation, which itself is not changed (see Simulation.compareRepairs). */
  compareRepairs(texts: string[], observeMs?: number): RepairComparison;
}

interface Analysis {
  statements: Statement[];
  plan: ScriptPlan | null;
  diagnostics: Diagnostic[];
}

const ZERO_SPAN = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start.offset - b.span.start.offset;
}

/** Simulator-level checks the planner does not make: settings values and connector options. */
/** A `SET 'sim.*'` key the simulator does not know is most likely a typo. */
function unknownSettingWarnings(statements: Statement[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of statements)
    if (s.kind === 'Set' && s.key.startsWith('sim.') && !SIM_SETTINGS.some((k) => k.key === s.key))
      out.push({
        severity: 'warning',
        message: `unknown simulator setting '${s.key}'; it has no effect (see docs/simulation.md for the sim.* settings)`,
        span: s.keySpan,
        code: 'setting',
      });
  return out;
}

/** A bad value of a SET key the simulator reads, at the SET that wins. */
function settingsDiagnostics(statements: Statement[], plan: ScriptPlan): Diagnostic[] {
  try {
    const config = resolveSimConfig(plan.settings);
    const jobIds = plan.jobs.map((j) => j.id);
    const unknown = config.faults.find((f) => f.jobId !== null && !jobIds.includes(f.jobId));
    if (unknown)
      throw new SettingsError({
        key: 'sim.fault.taskmanager',
        message: `'sim.fault.taskmanager' names job '${unknown.jobId}', which the script does not have (${jobIds.length ? `its jobs: ${jobIds.join(', ')}` : 'it has no jobs'})`,
      });
    return [];
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    // Point at the last SET of that key (the one that wins).
    let span = ZERO_SPAN;
    for (const s of statements) if (s.kind === 'Set' && s.key === e.key) span = s.valueSpan;
    return [{ severity: 'error', message: e.message, span, code: 'setting' }];
  }
}

/**
 * Where a connector error points: the value of the option it names, when the CREATE TABLE writes
 * that option (keys match in any case), else the whole CREATE TABLE.
 */
function connectorErrorSpan(statements: Statement[], tableSpan: Diagnostic['span'], e: ConnectorError): Diagnostic['span'] {
  const st = statements.find((s) => s.kind === 'CreateTable' && s.span.start.offset === tableSpan.start.offset);
  if (!st || st.kind !== 'CreateTable' || e.option === undefined) return tableSpan;
  const key = e.option.toLowerCase();
  return st.options.find((o) => o.key.toLowerCase() === key)?.valueSpan ?? tableSpan;
}

/** Connector option values and the options of each read, checked by each connector. */
function connectorValueDiagnostics(statements: Statement[], plan: ScriptPlan): Diagnostic[] {
  // Reads are checked in the order the simulation builds its jobs, and it stops at the first
  // job whose reads fail: the same job is reported here.
  const tables = new Map([...plan.tables, ...(plan.metadataTables ?? [])].map((t) => [t.name.toLowerCase(), t]));
  const resource = (table: string): string => {
    const def = tables.get(table.toLowerCase());
    return def ? resourceOf(def) : 'table:' + table.toLowerCase();
  };
  const found = validateConnectors(plan.tables, orderJobs(plan.jobs, resource));
  const out: Diagnostic[] = found.tables.map(({ def, error }) => ({
    severity: 'error',
    message: `table ${def.name}: ${error.message}`,
    span: connectorErrorSpan(statements, def.span, error),
    code: 'connector',
  }));
  if (found.read) {
    const { job, error } = found.read;
    out.push({ severity: 'error', message: `${job.id} (${job.name}): ${error.message}`, span: job.span, code: 'connector' });
  }
  return out;
}

/** The connector a catalog gives each CREATE TABLE it holds (Iceberg catalogs), by statement. */
function impliedConnectors(plan: ScriptPlan): (s: CreateTableStmt) => string | undefined {
  const byOffset = new Map(plan.tables.filter((t) => t.impliedConnector).map((t) => [t.span.start.offset, t.connector]));
  return (s) => byOffset.get(s.span.start.offset);
}

function analyze(script: string): Analysis {
  // The script model the editor reads too: one parse, and the job ids it numbers (`job-N` opens
  // the N-th job statement, counting statements that do not parse).
  const parsed = modelOf(script);
  if (parsed.parserFailure !== undefined) throw parsed.parserFailure;
  const diagnostics = [...parsed.parseDiagnostics];
  if (parsed.statements.length === 0 && diagnostics.some((d) => d.severity === 'error'))
    return { statements: parsed.statements, plan: null, diagnostics };
  const planned = planScript(parsed.statements, { jobIds: parsed.jobIds, capabilities: CONNECTOR_CAPABILITIES });
  diagnostics.push(
    ...planned.diagnostics,
    ...unknownSettingWarnings(parsed.statements),
    ...settingsDiagnostics(parsed.statements, planned.plan),
    ...declarationDiagnostics(parsed.statements, planned.plan.tables),
    ...checkTableOptions(parsed.statements, impliedConnectors(planned.plan)),
    ...neverCommitsWarnings(planned.plan, CONNECTOR_CAPABILITIES),
    ...staleUpsertRowWarnings(planned.plan, CONNECTOR_CAPABILITIES),
    ...batchInputErrors(planned.plan),
  );
  if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push(...connectorValueDiagnostics(parsed.statements, planned.plan));
  diagnostics.sort(byPosition);
  return { statements: parsed.statements, plan: planned.plan, diagnostics };
}

/** Parses and plans a script: diagnostics sorted by position, and the pipeline graph. */
export function compile(script: string, _options: { fileName?: string } = {}): CompileResult {
  const a = analyze(script);
  const pipeline: PipelineGraph | null = a.plan ? toPipelineGraph(a.plan) : null;
  return { diagnostics: a.diagnostics, pipeline, ok: !a.diagnostics.some((d) => d.severity === 'error') };
}

/**
 * Creates a simulation of a script. Throws an Error listing the formatted diagnostics when the
 * script has errors, or a plain sentence when the simulation cannot start (e.g. bad settings).
 */
export function createSimulation(script: string, options: SimulationOptions = {}): FreshetSimulation {
  const fileName = options.fileName ?? '<script>';
  const a = analyze(script);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !a.plan) {
    throw new Error(
      `${fileName} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` + errors.map((d) => formatDiagnostic(d, script, fileName)).join('\n'),
    );
  }
  const init: ConstructorParameters<typeof SimulationRuntime>[0] = { plan: a.plan, pipeline: toPipelineGraph(a.plan) };
  if (options.seed !== undefined) init.seed = options.seed;
  if (options.files !== undefined) init.files = options.files;
  if (options.memoryBudgetBytes !== undefined) init.memoryBudgetBytes = options.memoryBudgetBytes;
  init.planRepair = (text) => planRepair(script, text);
  // A copy is a fresh run of the same plan: determinism makes replaying it equal the original.
  init.recreate = () => new SimulationRuntime(init);
  return new SimulationRuntime(init);
}

/**
 * Plans repair statements after the script (so they see its tables), as batch statements: their
 * jobs and their diagnostics moved into the repair's own text. A repair reads tables as they stand,
 * so "unbounded input" does not apply to it.
 */
function planRepair(script: string, text: string): { jobs: JobPlan[]; diagnostics: Diagnostic[] } {
  const body = script.trimEnd();
  const prefix = `${body}${body === '' || body.endsWith(';') ? '' : ';'}\nSET 'execution.runtime-mode' = 'batch';\n`;
  const at = prefix.length;
  const lines = prefix.split('\n').length - 1;
  const a = analyze(prefix + text);
  const move = (p: Diagnostic['span']['start']) => ({ offset: p.offset - at, line: p.line - lines, column: p.column });
  const diagnostics = a.diagnostics
    .filter((d) => d.span.start.offset >= at && d.code !== 'unbounded-input')
    .map((d) => ({ ...d, span: { start: move(d.span.start), end: move(d.span.end) } }));
  const jobs = (a.plan?.jobs ?? []).filter((j) => j.span.start.offset >= at);
  return { jobs, diagnostics };
}

/**
 * Exports a script as Flink SQL for a real cluster (`options.target`, default Flink 1.20): the SQL,
 * a compatibility report, placeholders, jars and a deploy bundle. A script with errors gives
 * `ok: false` and its diagnostics.
 */
export function exportFlinkSql(script: string, options: ExportOptions = {}): ExportResult {
  return exportCompiled(script, compile(script, options.fileName !== undefined ? { fileName: options.fileName } : {}), options);
}

/** A script's column lineage, with the script's diagnostics; `graph` covers what planned. */
export interface ColumnLineageResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Null when nothing could be planned (the script does not parse). */
  graph: ColumnLineageGraph | null;
}

/**
 * Column-level lineage read off the compiled physical plan: for every column a job writes, the
 * source columns it derives from (OpenLineage's DIRECT / INDIRECT transformations), through which
 * job and operators. Trace one column with `upstreamOf(graph, table, column)` / `downstreamOf`.
 */
export function columnLineage(script: string): ColumnLineageResult {
  const a = analyze(script);
  return { ok: !a.diagnostics.some((d) => d.severity === 'error'), diagnostics: a.diagnostics, graph: a.plan ? buildLineageGraph(a.plan) : null };
}
