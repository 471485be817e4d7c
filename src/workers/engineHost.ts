// The engine worker's object: request handling over the engine's public API. Compile, edits and
// language services are pure calls; the one simulation at a time is created here and driven by a
// PlayLoop. Environment-agnostic: the loop's clock is injected so tests drive it without a worker.
import type { ColumnLineageGraph, CompileResult, CompletionItem, ExportOptions, ExportResult, HoverInfo, SimulationOptions, StatementRange, StatementRef } from '../engine/index';
import { PlayLoop, defaultClock, type HostClock } from './playLoop';
import type { EditReply, EditRequest, EngineModule, EngineWorkerApi, FaultReply, LineageReply, LoadResult, RepairReply, SimUpdate, Speed } from './protocol';

export type { HostClock } from './playLoop';

export class EngineHost implements EngineWorkerApi {
  private readonly loop: PlayLoop;
  /** The script and options of the current simulation, for reset. */
  private script = '';
  private options: SimulationOptions = {};

  constructor(
    private readonly engine: EngineModule,
    clock: HostClock = defaultClock,
  ) {
    this.loop = new PlayLoop(clock);
  }

  compile(script: string, fileName?: string): CompileResult {
    return this.engine.compile(script, fileName === undefined ? {} : { fileName });
  }

  complete(script: string, offset: number): CompletionItem[] {
    try {
      return this.engine.complete(script, offset);
    } catch {
      return [];
    }
  }

  hover(script: string, offset: number): HoverInfo | null {
    try {
      return this.engine.hover(script, offset);
    } catch {
      return null;
    }
  }

  exportFlinkSql(script: string, options: ExportOptions): ExportResult {
    return this.engine.exportFlinkSql(script, options);
  }

  edit(script: string, request: EditRequest): EditReply {
    try {
      const r = this.runEdit(script, request);
      return { ok: true, script: r.script, ...(r.selection ? { selection: r.selection } : {}), ...('readers' in r ? { readers: r.readers } : {}) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private runEdit(script: string, r: EditRequest): { script: string; selection?: { offset: number; length: number }; readers?: StatementRef[] } {
    const e = this.engine;
    switch (r.op) {
      case 'addTable':
        return e.addTable(script, r.spec);
      case 'connectTables':
        return e.connectTables(script, r.source, r.target);
      case 'renameTable':
        return e.renameTable(script, r.from, r.to);
      case 'deleteTable':
        return e.deleteTable(script, r.name);
      case 'deleteStatement':
        return e.deleteStatement(script, r.range);
      case 'replaceStatement':
        return e.replaceStatement(script, r.range, r.text);
    }
  }

  readersOf(script: string, name: string): StatementRef[] {
    try {
      return this.engine.readersOf(script, name);
    } catch {
      return [];
    }
  }

  statementAt(script: string, offset: number): StatementRange | null {
    try {
      return this.engine.statementAt(script, offset);
    } catch {
      return null;
    }
  }

  jobStatementRange(script: string, job: string): StatementRange | null {
    try {
      return this.engine.jobStatementRange(script, job);
    } catch {
      return null;
    }
  }

  /** The lineage graph of the last script asked about: clicking through columns reuses it. */
  private lineageOf: { script: string; graph: ColumnLineageGraph | null } | null = null;

  lineage(script: string, table: string, column: string): LineageReply {
    try {
      if (this.lineageOf?.script !== script) this.lineageOf = { script, graph: this.engine.columnLineage(script).graph };
      const graph = this.lineageOf.graph;
      if (!graph) return { ok: false, message: 'the script does not parse, so it has no lineage yet' };
      const upstream = this.engine.upstreamOf(graph, table, column);
      const downstream = this.engine.downstreamOf(graph, table, column);
      if (!upstream || !downstream) return { ok: false, message: `the script has no column ${table}.${column}` };
      return { ok: true, upstream, downstream };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  load(script: string, options: SimulationOptions): LoadResult {
    const compile = this.compile(script, options.fileName);
    if (!compile.ok) {
      const first = compile.diagnostics.find((d) => d.severity === 'error');
      return {
        ok: false,
        compile,
        epochMs: null,
        now: null,
        seed: null,
        message: first
          ? `The script has errors; fix them to run (line ${first.span.start.line}: ${first.message})`
          : 'The script has errors; fix them to run.',
      };
    }
    try {
      const sim = this.engine.createSimulation(script, options);
      this.loop.attach(sim);
      this.script = script;
      this.options = options;
      return { ok: true, compile, epochMs: sim.epochMs, now: sim.now(), seed: sim.seed, message: null };
    } catch (e) {
      return { ok: false, compile, epochMs: null, now: null, seed: null, message: e instanceof Error ? e.message : String(e) };
    }
  }

  reset(): LoadResult {
    return this.load(this.script, this.options);
  }

  subscribe(listener: (update: SimUpdate) => void): void {
    this.loop.subscribe(listener);
  }
  play(speed: Speed, runForMs: number | null): void {
    this.loop.play(speed, runForMs);
  }
  setSpeed(speed: Speed): void {
    this.loop.setSpeed(speed);
  }
  setHorizon(ms: number | null): void {
    this.loop.setHorizon(ms);
  }
  pause(): void {
    this.loop.pause();
  }
  step(): SimUpdate | null {
    return this.loop.step();
  }

  tableNames(): string[] {
    return this.loop.simulation?.tableNames() ?? [];
  }
  metadataTableNames(): string[] {
    return this.loop.simulation?.metadataTableNames() ?? [];
  }
  readTable(name: string) {
    return this.loop.simulation?.readTable(name) ?? { columns: [], rows: [] };
  }
  lakeSnapshots(name: string) {
    return this.loop.simulation?.lakeSnapshots(name) ?? [];
  }
  changelog(name: string, limit?: number) {
    return this.loop.simulation?.changelog(name, limit) ?? [];
  }
  metricsHistory() {
    return this.loop.simulation?.metricsHistory() ?? [];
  }
  pipeline() {
    return this.loop.simulation?.pipeline ?? null;
  }
  injectFault(atMs: number | null, jobId: string | null): FaultReply {
    const sim = this.loop.simulation;
    if (!sim?.injectFault) return { ok: false, message: 'Nothing is running: press Play or Step first.' };
    const at = atMs === null ? sim.now() : Math.max(atMs, sim.now());
    try {
      sim.injectFault(at, jobId);
      return { ok: true, atMs: at };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  repair(texts: string[], apply: boolean): RepairReply {
    const sim = this.loop.simulation;
    if (!sim?.compareRepairs || !sim.runRepair) return { ok: false, message: 'Nothing is running: press Play or Step first.' };
    const statements = texts.filter((t) => t.trim() !== '');
    if (statements.length === 0) return { ok: false, message: 'Write a MERGE INTO or INSERT OVERWRITE statement to run.' };
    this.loop.pause();
    try {
      const comparison = sim.compareRepairs(statements);
      let applied = null;
      if (apply && comparison.runs[0]?.status === 'finished') {
        applied = sim.runRepair(statements[0]!);
        this.loop.refresh();
      }
      return { ok: true, comparison, applied, now: sim.now() };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }
}
