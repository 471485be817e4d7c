// The planner: statements -> ScriptPlan (tables, one JobPlan per INSERT, settings).
//
// Steps per INSERT, in the order of Flink's planner: bind names and types over scopes (tables,
// aliases, CTEs, subqueries: bind/), plan Source -> Calc -> GroupAggregate / Join / Union -> Calc
// -> [DropRowKind] -> Sink with adjacent Calcs merged and single-side predicates pushed below
// joins (physical/, one rule per operator), infer each node's changelog mode as it is added, then
// check that the sink accepts it (changelog.ts). This file only walks the statements and
// assembles each job.
import type * as A from '../sql/ast';
import type { Diagnostic, Span } from '../types';
import type { JobPlan, PlanNode, ScriptPlan } from './graph';
import { reuseSources } from './source-reuse';
import { BindError, safeRecord, toDiagnostic } from './errors';
import { checkSinkChanges } from './changelog';
import { readSinkHints } from './hints';
import { JobBuilder } from './job';
import { Catalog } from './bind/catalog';
import { emptyCteScope } from './bind/cte';
import { QueryBinder } from './bind/query';
import { labelCalcs, planCalc } from './physical/calc';
import { matchDropRowKind, planDropRowKind } from './physical/drop-row-kind';
import { matchSink, planSink, sinkProjections } from './physical/sink';
import { bindMerge, matchMerge } from './bind/merge';
import { numberJobs, type JobStatement } from '../script/jobs';
import { NO_CAPABILITIES, type ConnectorCapabilities } from './capabilities';
import { isBatchRuntimeMode, RUNTIME_MODE_KEY } from '../common/runtime-mode';

export interface PlanOptions {
  /** Parallelism when the script sets none (Flink's `parallelism.default`, default 1). */
  defaultParallelism?: number;
  /**
   * The id of each job statement, from the script model (`compile` passes the ones it numbered
   * over the script text); when absent, the same numbering over the parsed statements alone.
   */
  jobIds?: ReadonlyMap<JobStatement, string>;
  /** What the planner asks of connectors (index.ts passes the registry's); none by default. */
  capabilities?: ConnectorCapabilities;
}

export interface PlanResult {
  plan: ScriptPlan;
  diagnostics: Diagnostic[];
}

/** Plans a parsed script. Never throws on bad input: problems are diagnostics. */
export function planScript(statements: readonly A.Statement[], options: PlanOptions = {}): PlanResult {
  const planner = new ScriptPlanner(options, options.jobIds ?? numberJobs(statements));
  planner.run(statements);
  return {
    plan: {
      tables: planner.catalog.tables,
      ...(planner.catalog.metadataTables.length > 0 ? { metadataTables: planner.catalog.metadataTables } : {}),
      jobs: planner.jobs,
      settings: safeRecord(planner.settings),
    },
    diagnostics: planner.diagnostics,
  };
}

class ScriptPlanner {
  readonly diagnostics: Diagnostic[] = [];
  readonly catalog: Catalog;
  readonly settings = new Map<string, string>();
  readonly jobs: JobPlan[] = [];
  private readonly warn = (message: string, span: Span, code: string): void => {
    this.diagnostics.push({ severity: 'warning', message, span, code });
  };

  private readonly capabilities: ConnectorCapabilities;

  constructor(
    private readonly options: PlanOptions,
    /** Job ids as the script model numbered them (script/jobs.ts). */
    private readonly jobIds: ReadonlyMap<JobStatement, string>,
  ) {
    this.capabilities = options.capabilities ?? NO_CAPABILITIES;
    this.catalog = new Catalog(this.capabilities);
  }

  run(statements: readonly A.Statement[]): void {
    for (const s of statements) this.abandonOnBindError(() => this.statement(s));
  }

  /** A BindError abandons one statement (or one statement-set member) and becomes a diagnostic. */
  private abandonOnBindError(plan: () => void): void {
    try {
      plan();
    } catch (e) {
      if (e instanceof BindError) this.diagnostics.push(toDiagnostic(e));
      else throw e;
    }
  }

  private statement(s: A.Statement): void {
    switch (s.kind) {
      case 'Set':
        // Delete first: a key set again moves to the end, so settings keep the order they were last set in.
        this.settings.delete(s.key);
        this.settings.set(s.key, s.value);
        return;
      case 'Reset':
        if (s.key === undefined) this.settings.clear();
        else this.settings.delete(s.key);
        return;
      case 'CreateTable':
        return this.catalog.defineTable(s, this.diagnostics);
      case 'CreateView':
        return this.catalog.defineView(s);
      case 'Insert':
        return this.insert(s);
      case 'StatementSet':
        for (const ins of s.inserts) this.abandonOnBindError(() => this.insert(ins));
        return;
      case 'Merge':
        return this.merge(s);
      case 'CreateCatalog':
        return this.catalog.namespaces.createCatalog(s, this.diagnostics);
      case 'CreateDatabase':
        return this.catalog.namespaces.createDatabase(s);
      case 'UseCatalog':
        return this.catalog.namespaces.useCatalog(s);
      case 'UseDatabase':
        return this.catalog.namespaces.useDatabase(s);
      case 'Query':
        return this.warn('a query outside INSERT INTO is not part of the pipeline; it is ignored', s.span, 'ignored-statement');
    }
  }

  private parallelismNow(): number {
    const v = this.settings.get('table.exec.resource.default-parallelism') ?? this.settings.get('parallelism.default');
    const n = v === undefined ? NaN : Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    return this.options.defaultParallelism ?? 1;
  }

  /** A job's id, as the script model numbered it. */
  private jobIdOf(s: JobStatement): string {
    const id = this.jobIds.get(s);
    if (id === undefined) throw new Error('internal error: a job statement the script model did not number');
    return id;
  }

  /** The job's nodes after scan push-down and source reuse (plan/source-reuse.ts). */
  private reuseSources(job: JobBuilder): PlanNode[] {
    return reuseSources(job.nodes, {
      settings: this.settings,
      table: (name) => this.catalog.table(name),
      supportsPushdown: (t) => this.capabilities.supportsScanPushdown?.(t) ?? false,
    });
  }

  /** One job: the query, a Calc onto the target's columns, [DropRowKind], the Sink. */
  private insert(s: A.InsertStmt): void {
    const target = this.catalog.lookupTable(s.table);
    const batchMode = isBatchRuntimeMode(this.settings.get(RUNTIME_MODE_KEY));
    matchSink(target, s, { batchMode, supported: this.capabilities.supportsOverwrite?.(target) ?? false });
    const job = new JobBuilder(this.parallelismNow());
    const binder = new QueryBinder(job, this.catalog, this.warn);
    let rel = binder.query(s.source, emptyCteScope());

    const projections = sinkProjections(target, s, rel, outputSpans(s.source));
    rel = planCalc(job, rel, null, projections, target.schema.columns.map((c) => c.name));

    const { sinkHints, dropRowKind } = readSinkHints(s.hints, this.warn);
    const drop = matchDropRowKind(dropRowKind, topSelect(s.source)?.hints);
    if (drop) rel = planDropRowKind(job, rel, drop);

    const sink = planSink(job, rel, target, sinkHints);
    labelCalcs(job);
    checkSinkChanges(job, sink, target, this.capabilities.sinkChanges(target), (name) => this.catalog.table(name), s.span);

    this.jobs.push({
      id: this.jobIdOf(s),
      name: `INSERT ${s.overwrite ? 'OVERWRITE' : 'INTO'} ${target.name}`,
      sinkTable: target.name,
      sourceTables: job.sourceTables,
      nodes: this.reuseSources(job),
      span: s.span,
      ...(s.overwrite ? { overwrite: true } : {}),
    });
  }

  /** A MERGE INTO: a bounded job of Source(target), Source(source) -> Join -> MergeAction -> Sink(target). */
  private merge(s: A.MergeStmt): void {
    const target = this.catalog.lookupTable(s.target.name);
    matchMerge(target, s);
    const job = new JobBuilder(this.parallelismNow());
    const binder = new QueryBinder(job, this.catalog, this.warn);
    const rel = bindMerge(binder, s, target);
    const sink = planSink(job, rel, target, []);
    checkSinkChanges(job, sink, target, this.capabilities.sinkChanges(target), (name) => this.catalog.table(name), s.span);
    this.jobs.push({
      id: this.jobIdOf(s),
      name: `MERGE INTO ${target.name}`,
      sinkTable: target.name,
      sourceTables: job.sourceTables,
      nodes: this.reuseSources(job),
      span: s.span,
      batch: true,
    });
  }
}

/** The SELECT a query ends in (through WITH), whose items and hints an INSERT reads. */
function topSelect(q: A.Query): A.SelectQuery | null {
  if (q.kind === 'Select') return q;
  if (q.kind === 'With') return topSelect(q.body);
  return null;
}

/** Spans of the query's output columns when they are written out (no `*`). */
function outputSpans(q: A.Query): Span[] | null {
  const s = topSelect(q);
  if (s) return s.items.some((i) => i.kind === 'Star') ? null : s.items.map((i) => i.span);
  if (q.kind === 'Values' && q.rows[0]) return q.rows[0].map((e) => e.span);
  return null;
}
