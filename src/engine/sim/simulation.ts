// The simulation of one script: tables' storage, jobs, the virtual clock and metrics. Everything
// it returns is plain data. Same plan + same seed = same run, step for step.
import type { ChangelogEntry, ColumnInfo, LakeSnapshotInfo, MetricsSnapshot, PipelineGraph, RepairComparison, RepairResult, Simulation, SimulationStatus, StepResult, TableData } from '../api';
import type { JobPlan, ScriptPlan } from '../plan/graph';
import type { EvalContext } from '../expr/index';
import { ROW_KIND_SHORT, typeToString } from '../types';
import type { DataType, Diagnostic, Span } from '../types';
import { createStore } from '../connectors/registry';
import { KafkaTable, TopicRegistry } from '../connectors/kafka/store';
import type { InputWarning, TableStore } from '../connectors/store';
import { ConnectorError, FreshetError, JobError } from '../errors';
import { formatRow } from './format';
import { JobRuntime } from './job';
import type { JobEnv } from './execution-graph';
import { MetricsCollector } from './metrics/collector';
import { createOperator, type OperatorFactory } from './operators';
import { Random } from '../common/random';
import { resolveSimConfig, type SimConfig } from './settings';
import { DEFAULT_MEMORY_BUDGET_BYTES, MemoryBudget } from './memory-budget';
import { boundedJobIds } from './bounded';
import { FaultSchedule, taskManagerLostMessage } from './faults';
import { compareRepairs } from './repair-impact';

export interface SimulationInit {
  plan: ScriptPlan;
  pipeline: PipelineGraph;
  seed?: number;
  files?: Record<string, string>;
  /** Replaces the runtime's operators (tests). */
  operatorFactory?: OperatorFactory;
  /** The host's memory budget in bytes, when the script sets no `sim.memory.budget`. */
  memoryBudgetBytes?: number;
  /**
   * Plans repair statements (MERGE INTO, INSERT OVERWRITE) against the script's tables: the jobs
   * they become and their diagnostics, located in `text` (index.ts supplies it).
   */
  planRepair?: (text: string) => { jobs: JobPlan[]; diagnostics: Diagnostic[] };
  /**
   * A fresh simulation of the same script, seed and files (index.ts supplies it): replaying this
   * one's actions on it gives a copy at the same virtual time (see copyNow).
   */
  recreate?: () => SimulationRuntime;
}

/** Something done to a running simulation from outside, at virtual time `at`, that a copy must replay. */
interface ExternalAction {
  at: number;
  replay(sim: SimulationRuntime): void;
}

/** Most rows a read of a log-like table (topic, file, print, datagen) returns: the newest ones. */
export const MAX_READ_ROWS = 100_000;
/** A run to the end stops after this much virtual time even if a source never ends. */
export const RUN_TO_END_LIMIT_MS = 7 * 24 * 3_600_000;

const KIND_COLUMN: ColumnInfo = { name: '_kind', type: 'STRING', nullable: false };

/** The simulation cannot start (bad settings, a table its connector rejects) or was asked the impossible. */
export class SimulationError extends FreshetError {
  constructor(message: string) {
    super('simulation', message);
  }
}

export class SimulationRuntime implements Simulation {
  readonly epochMs: number;
  readonly seed: number;
  readonly pipeline: PipelineGraph;
  readonly config: SimConfig;
  readonly stores = new Map<string, TableStore>();
  readonly jobs: JobRuntime[] = [];
  private readonly tableOrder: string[];
  private clock = 0;
  private state: SimulationStatus = 'ready';
  private error: string | null = null;
  private errorSpan: Span | null = null;
  private readonly metricsCollector: MetricsCollector;
  private readonly writersOf = new Map<string, JobRuntime[]>();
  /** What a job added later (a repair) is built with. */
  private readonly jobEnv: Omit<JobEnv, 'random' | 'hasWriters' | 'writersFinished' | 'mayStart'>;
  private readonly rootRandom: Random;
  private readonly planRepair: SimulationInit['planRepair'];
  private repairs = 0;
  private readonly recreate: SimulationInit['recreate'];
  /** Faults injected, failovers forced and repairs applied after construction, in order (copyNow replays them). */
  private readonly actions: ExternalAction[] = [];
  private constructed = false;
  private readonly boundedJobs: Set<string>;
  private readonly budget: MemoryBudget;
  /** TaskManager failures still to fire: `sim.fault.taskmanager` and injectFault. */
  private readonly faults: FaultSchedule;

  constructor(init: SimulationInit) {
    const { plan } = init;
    this.pipeline = init.pipeline;
    this.seed = (init.seed ?? 1) >>> 0;
    try {
      this.config = resolveSimConfig(plan.settings);
    } catch (e) {
      throw new SimulationError((e as Error).message);
    }
    this.epochMs = this.config.epochMs;
    this.budget = new MemoryBudget(this.config.memoryBudgetBytes ?? init.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
    const root = new Random(this.seed);
    const topics = new TopicRegistry();
    const files = init.files ?? {};
    this.tableOrder = plan.tables.map((t) => t.name);
    for (const def of plan.tables) {
      try {
        this.stores.set(
          def.name.toLowerCase(),
          createStore(
            {
              def,
              epochMs: this.epochMs,
              random: root.fork('table:' + def.name.toLowerCase()),
              files,
              changelogMax: this.config.changelogMaxEntries,
              maxReadRows: MAX_READ_ROWS,
            },
            topics,
          ),
        );
      } catch (e) {
        if (e instanceof ConnectorError) throw new SimulationError(`table '${def.name}': ${e.message}`);
        throw e;
      }
    }
    // Metadata tables the jobs read (`orders$snapshots`) are served by their lake table's storage.
    for (const def of plan.metadataTables ?? []) {
      const base = this.stores.get(def.metadataOf!.table.toLowerCase());
      const store = base?.metadataStore?.(def);
      if (!store) throw new SimulationError(`unknown table '${def.name}'`);
      this.stores.set(def.name.toLowerCase(), store);
    }
    // RAND() without a seed draws from its own stream of the run's seed.
    const sqlRandom = root.fork('sql:rand');
    const evalCtx: EvalContext = { now: () => this.epochMs + this.clock, random: () => sqlRandom.next() };
    const factory = init.operatorFactory ?? createOperator;
    this.jobEnv = { config: this.config, stores: this.stores, factory, evalCtx };
    this.rootRandom = root;
    this.planRepair = init.planRepair;
    this.recreate = init.recreate;
    // Jobs that write a resource (a topic or a table) run before jobs that read it, within a tick.
    const resourceOf = (table: string): string => {
      const store = this.stores.get(table.toLowerCase());
      if (store instanceof KafkaTable) return 'topic:' + store.topic.name;
      // A metadata table's readers wait for the writers of its table.
      if (store?.def.metadataOf) return 'table:' + store.def.metadataOf.table.toLowerCase();
      return 'table:' + table.toLowerCase();
    };
    const ordered = orderJobs(plan.jobs, resourceOf);
    const writerPlans = new Map<string, string[]>();
    for (const j of plan.jobs) {
      const r = resourceOf(j.sinkTable);
      writerPlans.set(r, [...(writerPlans.get(r) ?? []), j.id]);
    }
    const jobsById = new Map<string, JobRuntime>();
    // Batch mode runs the jobs in statement order (plan.jobs), each once the one before has finished.
    const previousFinished = (id: string): boolean => {
      const at = plan.jobs.findIndex((j) => j.id === id);
      return at <= 0 || jobsById.get(plan.jobs[at - 1]!.id)?.status === 'finished';
    };
    for (const jp of ordered) {
      try {
        const job = new JobRuntime(jp, {
          config: this.config,
          stores: this.stores,
          factory,
          evalCtx,
          random: root.fork('job:' + jp.id),
          // A job reading the table it writes (MERGE INTO reads its target) waits for the other writers only.
          hasWriters: (t) => (writerPlans.get(resourceOf(t)) ?? []).some((id) => id !== jp.id),
          writersFinished: (t) => (writerPlans.get(resourceOf(t)) ?? []).every((id) => id === jp.id || jobsById.get(id)?.status === 'finished'),
          ...(this.config.batchMode ? { mayStart: () => previousFinished(jp.id) } : {}),
          budget: this.budget,
        });
        jobsById.set(jp.id, job);
        this.jobs.push(job);
      } catch (e) {
        if (e instanceof ConnectorError) throw new JobError({ message: `${jp.id} (${jp.name}): ${e.message}`, jobId: jp.id });
        throw e;
      }
    }
    for (const job of this.jobs) {
      const r = resourceOf(job.sinkTable);
      this.writersOf.set(r, [...(this.writersOf.get(r) ?? []), job]);
    }
    // Which jobs end by themselves: every source bounded (a topic or table counts as bounded
    // when every job writing it is bounded).
    this.boundedJobs = boundedJobIds(
      plan.jobs,
      resourceOf,
      (table) => this.store(table).def.options,
      (table, options, hasWriters, writersBounded) => this.store(table).bounded(hasWriters, writersBounded, options),
    );
    this.faults = new FaultSchedule([]);
    for (const f of this.config.faults) this.injectFault(f.atMs, f.jobId);
    this.metricsCollector = new MetricsCollector(
      this.jobs,
      this.tableOrder.map((name) => ({ name, store: this.store(name) })),
      this.config,
    );
    this.constructed = true;
  }

  /**
   * A copy of this simulation at the same virtual time: a fresh run of the same script and seed
   * with this one's faults, failovers and repairs replayed at the times they happened. Same plan
   * + same seed = same run, so the copy's tables, jobs and metrics equal this one's.
   */
  copyNow(): SimulationRuntime {
    if (!this.recreate) throw new SimulationError('this simulation cannot be copied');
    const copy = this.recreate();
    for (const a of this.actions) {
      copy.runFor(a.at - copy.clock);
      a.replay(copy);
    }
    copy.runFor(this.clock - copy.clock);
    return copy;
  }

  /**
   * The downstream impact of repair statements, each run on its own copy of this simulation
   * (this one is not changed): see repair-impact.ts.
   */
  compareRepairs(texts: string[], observeMs?: number): RepairComparison {
    return compareRepairs(this, texts, observeMs ?? this.config.repairObserveMs);
  }

  /** True when every job ends by itself (bounded inputs only). */
  isBounded(): boolean {
    return this.jobs.every((j) => this.boundedJobs.has(j.id));
  }

  /** Tables read by jobs that never end by themselves. */
  unboundedSources(): string[] {
    const out = new Set<string>();
    for (const j of this.jobs) if (!this.boundedJobs.has(j.id)) for (const t of j.plan.sourceTables) out.add(t);
    return [...out];
  }

  /** The tables' input warnings (a skipped CSV header line), in table order. */
  warnings(): InputWarning[] {
    const out: InputWarning[] = [];
    for (const name of this.tableOrder) {
      const store = this.stores.get(name.toLowerCase());
      if (store?.warnings) out.push(...store.warnings());
    }
    return out;
  }

  /** `sim.duration` in ms, or null when the script does not set it. */
  durationMs(): number | null {
    return this.config.durationMs;
  }

  now(): number {
    return this.clock;
  }

  status(): SimulationStatus {
    return this.state;
  }

  private result(): StepResult {
    const r: StepResult = { now: this.clock, status: this.state, error: this.error };
    if (this.errorSpan) r.errorSpan = this.errorSpan;
    return r;
  }

  step(): StepResult {
    if (this.state === 'finished' || this.state === 'failed') return this.result();
    this.state = 'running';
    this.clock += this.config.tickMs;
    const now = this.clock;
    for (const store of this.stores.values()) store.tick(now);
    for (const fault of this.faults.due(now))
      for (const job of this.jobs) if (fault.jobId === null || fault.jobId === job.id) job.loseTaskManager(taskManagerLostMessage(job.id, fault.atMs), now);
    for (const job of this.jobs) {
      job.tick(now);
      if (job.status === 'failed') break;
    }
    const over = this.jobs.some((j) => j.status === 'failed') ? null : this.budget.check(this.jobs.filter((j) => j.status === 'running'));
    if (over) this.jobs.find((j) => j.id === over.jobId)!.failWith(over.message, now);
    const failed = this.jobs.find((j) => j.status === 'failed');
    if (failed) {
      this.state = 'failed';
      this.error = failed.error;
      this.errorSpan = failed.errorSpan;
    } else if (this.jobs.every((j) => j.status === 'finished')) this.state = 'finished';
    // A sample every metrics interval, and one when the run ends.
    if (now >= this.metricsCollector.nextSampleAt() || this.state !== 'running') this.metricsCollector.sample(now);
    return this.result();
  }

  runFor(ms: number): StepResult {
    const target = this.clock + Math.max(0, ms);
    while (this.clock < target && this.state !== 'finished' && this.state !== 'failed') this.step();
    return this.result();
  }

  runToEnd(maxMs?: number): StepResult {
    const limit = maxMs ?? this.config.durationMs ?? RUN_TO_END_LIMIT_MS;
    return this.runFor(limit - this.clock);
  }

  injectFault(atMs: number, jobId: string | null): void {
    if (jobId !== null && !this.jobs.some((j) => j.id === jobId))
      throw new SimulationError(`no job '${jobId}' to fail (the jobs: ${this.jobs.map((j) => j.id).join(', ') || 'none'})`);
    if (!Number.isFinite(atMs) || atMs < 0) throw new SimulationError(`a fault's time must be a virtual time of 0 or more, not ${atMs}`);
    this.faults.add({ atMs, jobId });
    if (this.constructed) this.actions.push({ at: this.clock, replay: (sim) => sim.injectFault(atMs, jobId) });
  }

  /** Faults scheduled and not yet fired, soonest first. */
  upcomingFaults(): { atMs: number; jobId: string | null }[] {
    return this.faults.upcoming();
  }

  /**
   * Internal API (tests, fault injection): every job that has not finished restarts from its last
   * completed checkpoint (from the beginning when it has none), as after a failover. Returns
   * the ids of the jobs restored.
   */
  restoreFromLastCheckpoint(): string[] {
    this.actions.push({ at: this.clock, replay: (sim) => sim.restoreFromLastCheckpoint() });
    const restored: string[] = [];
    for (const job of this.jobs) if (job.restoreFromLastCheckpoint()) restored.push(job.id);
    if (this.state === 'failed' || this.state === 'finished') this.state = this.jobs.every((j) => j.status === 'finished') ? 'finished' : 'running';
    this.error = null;
    this.errorSpan = null;
    return restored;
  }

  /**
   * Runs repair statements once, now, as batch jobs against the tables as they stand (the running
   * jobs go on meanwhile): they read each table's current contents without waiting for its
   * writers. Steps until the repair jobs end or `maxMs` of virtual time pass.
   */
  runRepair(text: string, maxMs = 3_600_000): RepairResult {
    if (!this.planRepair) throw new SimulationError('this simulation cannot plan repair statements');
    this.actions.push({ at: this.clock, replay: (sim) => sim.runRepair(text, maxMs) });
    const planned = this.planRepair(text);
    if (planned.diagnostics.some((d) => d.severity === 'error') || planned.jobs.length === 0) {
      return { diagnostics: planned.diagnostics, jobIds: [], status: 'rejected', error: planned.jobs.length === 0 ? 'no MERGE INTO or INSERT statement to run' : null };
    }
    const added: JobRuntime[] = [];
    for (const jp of planned.jobs) {
      const id = `repair-${++this.repairs}`;
      const job = new JobRuntime(
        { ...jp, id },
        // Its reads take each table as it stands: as if its writers had finished, so a bounded
        // read starts at once and a topic's reader ends once it has caught up.
        // It runs as a batch job (its sink writes final results at its end, so it never reads its own writes).
        { ...this.jobEnv, config: { ...this.config, batchMode: true }, random: this.rootRandom.fork('repair:' + id), hasWriters: () => true, writersFinished: () => true },
      );
      this.jobs.push(job);
      added.push(job);
    }
    if (this.state === 'finished') this.state = 'running';
    const until = this.clock + Math.max(0, maxMs);
    while (this.clock < until && this.state !== 'failed' && added.some((j) => j.status === 'running')) this.step();
    const failed = added.find((j) => j.status === 'failed');
    return {
      diagnostics: planned.diagnostics,
      jobIds: added.map((j) => j.id),
      status: failed ? 'failed' : added.every((j) => j.status === 'finished') ? 'finished' : 'running',
      error: failed?.error ?? null,
    };
  }

  tableNames(): string[] {
    return this.tableOrder.slice();
  }

  metadataTableNames(): string[] {
    const names: string[] = [];
    for (const table of this.tableOrder)
      for (const suffix of this.store(table).metadataTableSuffixes?.() ?? []) names.push(`${table}$${suffix}`);
    return names;
  }

  /** `orders$snapshots`: a lake table's metadata table, or null when `name` is not one. */
  private readMetadataTable(name: string): TableData | null {
    const at = name.lastIndexOf('$');
    if (at <= 0) return null;
    const table = this.stores.get(name.slice(0, at).toLowerCase())?.metadataTable?.(name.slice(at + 1));
    if (!table) return null;
    const types = table.columns.map((c) => c.type);
    return {
      columns: table.columns.map((c) => ({ name: c.name, type: typeToString(c.type), nullable: c.type.nullable })),
      rows: table.rows.map((r) => formatRow(r, types)),
    };
  }

  /** A lake table's snapshots, oldest first; empty for other tables. */
  lakeSnapshots(name: string): LakeSnapshotInfo[] {
    return this.store(name).lakeSnapshots?.() ?? [];
  }

  private store(name: string): TableStore {
    const s = this.stores.get(name.toLowerCase());
    if (!s) throw new SimulationError(`unknown table '${name}'`);
    return s;
  }

  private columnsOf(store: TableStore): { columns: ColumnInfo[]; types: DataType[] } {
    const columns = store.def.columns.map((c) => ({ ...c }));
    const types = store.def.schema.columns.map((c) => c.type);
    return store.kindColumn ? { columns: [KIND_COLUMN, ...columns], types } : { columns, types };
  }

  readTable(name: string, limit?: number): TableData {
    if (!this.stores.has(name.toLowerCase())) {
      const metadata = this.readMetadataTable(name);
      if (metadata) return limit === undefined ? metadata : { ...metadata, rows: metadata.rows.slice(0, limit) };
    }
    const store = this.store(name);
    const { columns, types } = this.columnsOf(store);
    const visible = store.visibleRows(this.clock, limit);
    const kinds = visible.kinds;
    const rows = limit === undefined || visible.rows.length <= limit ? visible.rows : visible.rows.slice(0, limit);
    return {
      columns,
      rows: rows.map((r, i) => {
        const out = formatRow(r, types);
        return store.kindColumn && kinds ? [ROW_KIND_SHORT[kinds[i]!], ...out] : out;
      }),
    };
  }

  changelog(name: string, limit = 100): ChangelogEntry[] {
    const store = this.store(name);
    const types = store.def.schema.columns.map((c) => c.type);
    return store.changelog(Math.max(0, limit), this.clock).map((e) => ({
      time: e.time,
      kind: ROW_KIND_SHORT[e.kind],
      row: formatRow(e.row, types),
      ...(e.noop ? { noop: true as const } : {}),
    }));
  }

  metrics(): MetricsSnapshot {
    return this.metricsCollector.snapshot(this.clock);
  }

  metricsHistory(): MetricsSnapshot[] {
    return this.metricsCollector.samples();
  }
}

/**
 * Orders jobs so that a job writing a resource runs before the jobs reading it (Kahn's
 * algorithm, statement order among equals; cycles fall back to statement order).
 */
export function orderJobs<J extends { id: string; sinkTable: string; sourceTables: string[] }>(jobs: J[], resourceOf: (table: string) => string): J[] {
  const n = jobs.length;
  const deps: Set<number>[] = jobs.map(() => new Set());
  for (let b = 0; b < n; b++)
    for (let a = 0; a < n; a++) {
      if (a === b) continue;
      const written = resourceOf(jobs[a]!.sinkTable);
      if (jobs[b]!.sourceTables.some((t) => resourceOf(t) === written)) deps[b]!.add(a);
    }
  const out: J[] = [];
  const done = new Set<number>();
  while (out.length < n) {
    let progressed = false;
    for (let i = 0; i < n; i++) {
      if (done.has(i)) continue;
      if ([...deps[i]!].every((d) => done.has(d))) {
        done.add(i);
        out.push(jobs[i]!);
        progressed = true;
        break;
      }
    }
    if (!progressed) {
      // A cycle: take the first remaining job in statement order.
      const i = jobs.findIndex((_, k) => !done.has(k));
      done.add(i);
      out.push(jobs[i]!);
    }
  }
  return out;
}
